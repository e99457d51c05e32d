/* multipart.h: a small, bounded parser for multipart/form-data bodies (RFC 7578),
 * enough for one file upload form (the association's logo) with a few text fields.
 *
 * The parser does not copy part data: each part's `data` points into the body,
 * which must outlive the parts. Names are copied into the arena. Limits: at most
 * `max_parts` parts, a boundary of 1–70 characters, at most 8 header lines of at
 * most 1000 bytes per part. Anything else is refused as malformed; nothing is
 * guessed. */
#ifndef FPHC_MULTIPART_H
#define FPHC_MULTIPART_H

#include <stddef.h>
#include "common/arena.h"

struct req;

struct multipart_part {
	const char *name;          /* form field name (never NULL) */
	const char *filename;      /* NULL when the part is not a file */
	const char *content_type;  /* NULL when not given */
	const char *data;          /* points into the body */
	size_t len;
};

/* Copies the boundary of a "multipart/form-data; boundary=…" header into out
 * (at least 71 bytes). Returns 0, or -1 when the type is not multipart/form-data
 * or the boundary is missing, empty, too long or quoted wrongly. */
int multipart_boundary(const char *content_type, char out[71]);

/* Parses body[0..len) with the boundary. Returns the number of parts (0..max_parts),
 * or -1 when the body is malformed or holds more than max_parts parts. */
int multipart_parse(const char *boundary, const char *body, size_t len, struct arena *a,
		    struct multipart_part *parts, int max_parts);

/* For a request with a multipart body: parses it and makes its text parts (valid
 * UTF-8, no file name) readable through req_form(), so csrf_require() works as on
 * any form. Returns the number of parts, or -1 (not multipart or malformed). */
int req_multipart(struct req *r, struct multipart_part *parts, int max_parts);

/* The one-file upload forms: parses the body (at most 4 parts) and sets *file to the part
 * of field `field` that carries a file name and bytes, or NULL when none was sent.
 * Returns 0, or -1 with 400 queued when the body is not a well-formed multipart body. */
int req_upload(struct req *r, const char *field, const struct multipart_part **file);

/* An uploaded file's name as it is shown and stored: valid UTF-8, at most 100 characters,
 * one printable line; `fallback` when nothing of it is left (arena). */
const char *upload_file_name(struct req *r, const char *given, const char *fallback);

#endif

/* req.h: one HTTP request as the handlers see it, and how they answer.
 *
 * Lifetime: a struct req is created on libmicrohttpd's first callback for a
 * request and freed in its completion callback. Everything a handler allocates
 * from r->arena lives exactly that long, so handlers never free strings.
 * A handler answers by calling exactly one reply_* function (or a validate-or-
 * reply helper that did so and returned -1); a handler that answers nothing
 * gets a 500. The body is copied into the response: buffers stay the handler's. */
#ifndef FPHC_REQ_H
#define FPHC_REQ_H

#include <stddef.h>
#include <cJSON.h>

#include "common/arena.h"
#include "common/buf.h"
#include "common/form.h"

struct MHD_Connection;
struct db;
struct route;
struct session;
struct scan_ctx;

#define REQ_MAX_PARAMS 4


struct req {
	struct MHD_Connection *conn;
	struct arena arena;
	const char *method;
	char *path;                       /* percent-decoded, valid UTF-8 */
	const struct route *route;
	char *params[REQ_MAX_PARAMS];     /* route captures (":id"), decoded */
	struct buf body;                  /* raw request body (capped) */
	int body_too_big;
	struct form_field *form;                  /* parsed application/x-www-form-urlencoded */
	int nform;
	int form_parsed;                  /* 1 parsed, -1 malformed */
	struct db *db;                    /* this worker's connection (lazily opened) */
	const char *lang;                 /* "nl" or "en" */
	struct session *session;          /* logged-in back-office user, or NULL */
	char client_ip[64];
	int tls;                          /* reached over HTTPS: natively, or via a trusted proxy
	                                     * (FPHC_TRUSTED_PROXIES) that says X-Forwarded-Proto: https */
	double t_start;
	/* response */
	int status;                       /* 0 until a reply_* call */
	const char *content_type;
	struct buf out;
	int out_fd;                       /* reply_fd: body from this descriptor, when has_fd */
	int has_fd;
	unsigned long long out_fd_size;
	struct req_header *headers;       /* in the order added; arena */
	struct req_header *headers_tail;
	struct req_deferred *deferred;    /* newest first; arena */
	int audit_failed;                 /* an audit entry could not be written */
	struct scan_ctx *scan;            /* the owner's scan as the owner guard loaded it (arena) */
};

/* A response header; the list grows without limit (in the arena). */
struct req_header {
	const char *name, *value;
	struct req_header *next;
};
struct req_deferred {
	void (*fn)(void *);
	void *p;
	struct req_deferred *next;
};

/* Runs fn(p) when the request is freed (for objects not in the arena), newest
 * first. The list lives in the arena, so it never fills up. */
void req_defer(struct req *r, void (*fn)(void *), void *p);
/* Runs and forgets every deferred function (http.c, when the request ends). */
void req_run_deferred(struct req *r);

/* ---- input ---- */
const char *req_header(struct req *r, const char *name);
const char *req_query(struct req *r, const char *name);   /* decoded by libmicrohttpd */
const char *req_cookie(struct req *r, const char *name);
/* A form field of the urlencoded body, or NULL. The first call parses the body;
 * a malformed body (bad percent-encoding, invalid UTF-8) makes every call return
 * NULL and req_form_ok() return 0. */
const char *req_form(struct req *r, const char *name);
int req_form_ok(struct req *r);
/* All values of a repeated field (checkboxes); returns the count, *out in arena. */
int req_form_all(struct req *r, const char *name, const char ***out);
/* The body parsed as JSON (NULL when absent or invalid); freed with the request. */
cJSON *req_json(struct req *r);
/* The route capture i, or "". */
const char *req_param(struct req *r, int i);
/* The database handle of this worker. Never NULL; may be unavailable. */
struct db *req_db(struct req *r);
/* For reads a few seconds of lag cannot harm, on a route marked ROUTE_REPLICA:
 * the replica's connection when FPHC_DATABASE_READ_URL is set and the replica is
 * current (server/http/read_pool.h), otherwise req_db(r). Never for writes. */
struct db *req_read_db(struct req *r);

/* ---- output ---- */
void req_add_header(struct req *r, const char *name, const char *value);
/* Sends r->out as the body with this status and content type. */
void reply_body(struct req *r, int status, const char *content_type);
void reply_html(struct req *r, int status);   /* text/html; charset=utf-8 from r->out */
void reply_text(struct req *r, int status, const char *text);
/* JSON body; takes ownership of json (deletes it). */
void reply_json(struct req *r, int status, cJSON *json);
/* {"error": {"message": msg, "path": path}} — path may be NULL. */
void reply_json_error(struct req *r, int status, const char *msg, const char *path);
/* 303 See Other to a local path (must start with '/'). */
void reply_redirect(struct req *r, const char *location);
/* A Dutch/English error page (HTML), or JSON under /api/. */
void reply_error(struct req *r, int status);
/* 429 Too Many Requests with Retry-After: seconds (at least 1), answered at once. */
void reply_retry_after(struct req *r, long seconds);
/* Takes a password-hashing slot (common/crypto.h) and returns 1; when every
 * slot is busy answers 429 with Retry-After: 1 and returns 0. The caller gives
 * a slot it took back with crypto_hash_slot_release(). */
int page_hash_slot_take(struct req *r);
/* Bytes with a content type and optional download file name. */
/* The Content-Disposition of a download named `name` (UTF-8), in the arena. */
const char *content_disposition(struct arena *a, const char *name);
void reply_bytes(struct req *r, int status, const char *content_type, const void *data,
		 size_t len, const char *download_name);
/* Streams `size` bytes of the open file `fd` (from offset 0) as the body, for
 * large downloads built into an unlinked temporary file: memory stays flat.
 * Takes ownership of fd (closed when the response is done, also on failure).
 * download_name as in reply_bytes. */
void reply_fd(struct req *r, int status, const char *content_type, int fd, unsigned long long size,
	      const char *download_name);
/* Drops a reply already made (its body, headers and any file) and answers with
 * the error page instead: for a change whose transaction could not commit. */
void reply_replace_with_error(struct req *r, int status);
/* For a lookup that gave 1 (found), 0 (no such thing) or -1 (database error):
 * 1 when found, else 0 after answering 404 or 503. */
int reply_found(struct req *r, int found);
/* 503 because the database is unavailable (logs the db error once). */
void reply_db_error(struct req *r);

/* 1 when the request path starts with /api/ (JSON errors). */
int req_is_api(const struct req *r);

#endif

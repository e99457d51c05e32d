/* logo.h: what an association's logo must be — a PNG of at most LOGO_MAX_BYTES
 * and IMAGE_MAX_SIDE × IMAGE_MAX_SIDE pixels that libpng decodes completely —
 * and the normalised copy that is stored instead of the upload (8-bit RGB or
 * RGBA, not interlaced, scaled down to what a report can show; see
 * reports/image.h). Bytes that were not decoded here are never stored. */
#ifndef FPHC_LOGO_H
#define FPHC_LOGO_H

#include <stddef.h>

#include "reports/image.h"

struct buf;

#define LOGO_MAX_BYTES (512 * 1024)

enum logo_verdict {
	LOGO_OK = 0,
	LOGO_EMPTY,
	LOGO_TOO_BIG,      /* more than LOGO_MAX_BYTES */
	LOGO_NOT_PNG,      /* no PNG signature */
	LOGO_BROKEN,       /* a PNG that does not decode (bad CRC, truncated…) */
	LOGO_TOO_MANY_PIXELS, /* wider or higher than IMAGE_MAX_SIDE */
};

/* Decodes data[0..len) completely; on LOGO_OK appends the normalised PNG to
 * out (out untouched otherwise). out NULL: only the verdict. */
enum logo_verdict logo_normalize(const void *data, size_t len, struct buf *out);

/* The verdict of logo_normalize() without the copy. */
enum logo_verdict logo_check(const void *data, size_t len);

/* The i18n key of a refusal ("office.settings.logo_…"); NULL for LOGO_OK. */
const char *logo_message_key(enum logo_verdict v);

#endif

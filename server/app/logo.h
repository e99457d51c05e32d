/* logo.h: what an association's logo must be — a PNG (checked by its signature and
 * the IHDR chunk that must follow it) of at most LOGO_MAX_BYTES. */
#ifndef FPHC_LOGO_H
#define FPHC_LOGO_H

#include <stddef.h>

#define LOGO_MAX_BYTES (512 * 1024)

enum logo_verdict { LOGO_OK = 0, LOGO_EMPTY, LOGO_TOO_BIG, LOGO_NOT_PNG };

enum logo_verdict logo_check(const void *data, size_t len);

#endif

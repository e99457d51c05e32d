/* image.h: PNG images decoded and written through libpng with a checked error
 * path, for the association's logo. libharu's own PNG loader hands files to
 * libpng without an error handler, so a corrupt file ends in abort(): every
 * PNG the service stores or draws goes through image_load_png() instead, and
 * libharu only ever sees the decoded pixels.
 *
 * Memory: an image owns `pixels` (malloc'd); image_release() frees it and is
 * safe to call twice or on a zeroed image. Out of memory while decoding is
 * reported as IMAGE_TOO_LARGE, never aborts. */
#ifndef FPHC_REPORT_IMAGE_H
#define FPHC_REPORT_IMAGE_H

#include <stddef.h>

struct buf;

/* Hard limits on any PNG we decode: side in pixels and file size (uploads
 * have their own, smaller cap). A 2000 × 2000 RGBA image is 16 MB of pixels
 * while it is scaled down; text and profile chunks get at most 1 MB. */
#define IMAGE_MAX_SIDE 2000u
#define IMAGE_MAX_BYTES ((size_t)8 * 1024 * 1024)
#define IMAGE_MAX_CHUNK ((size_t)1024 * 1024)

/* The logo is drawn in a box of at most 150 × 60 points: 8 pixels a point is
 * more than any printer resolves, so larger images are scaled down to fit. */
#define IMAGE_LOGO_FIT_W 1200u
#define IMAGE_LOGO_FIT_H 480u

/* 8-bit RGB (channels 3) or RGBA (channels 4, not premultiplied), rows top
 * to bottom, width * channels bytes a row. */
struct image {
	unsigned width, height, channels;
	unsigned char *pixels;
};

enum image_status {
	IMAGE_OK = 0,
	IMAGE_EMPTY,      /* no bytes */
	IMAGE_NOT_PNG,    /* no PNG signature */
	IMAGE_CORRUPT,    /* libpng refused it: bad CRC, truncated, bad header… */
	IMAGE_TOO_LARGE,  /* over IMAGE_MAX_BYTES or IMAGE_MAX_SIDE, or no memory */
};

/* Decodes the whole PNG data[0..len) (any colour type, bit depth and
 * interlacing) into 8-bit RGB or RGBA (RGBA only when some pixel is not
 * opaque), scaled down with an area average to fit fit_w × fit_h (0: no
 * scaling). On IMAGE_OK *out owns the pixels; otherwise *out is zeroed. */
enum image_status image_load_png(const void *data, size_t len, unsigned fit_w, unsigned fit_h,
				 struct image *out);

/* Appends img as a non-interlaced 8-bit PNG to out. 0, or -1 (out's cap hit or
 * libpng failed; out may hold part of a file then). */
int image_write_png(const struct image *img, struct buf *out);

void image_release(struct image *img);

#endif

/* logo.c: the logo check and its normalised copy; see logo.h. */
#include <string.h>

#include "common/buf.h"
#include "server/app/logo.h"
#include "common/banned.h"

enum logo_verdict logo_normalize(const void *data, size_t len, struct buf *out)
{
	struct image img;
	if (data && len > LOGO_MAX_BYTES)
		return LOGO_TOO_BIG;
	switch (image_load_png(data, len, IMAGE_LOGO_FIT_W, IMAGE_LOGO_FIT_H, &img)) {
	case IMAGE_OK:
		break;
	case IMAGE_EMPTY:
		return LOGO_EMPTY;
	case IMAGE_NOT_PNG:
		return LOGO_NOT_PNG;
	case IMAGE_CORRUPT:
		return LOGO_BROKEN;
	case IMAGE_TOO_LARGE:
		return LOGO_TOO_MANY_PIXELS;
	}
	enum logo_verdict v = LOGO_OK;
	if (out) {
		/* A fitted RGBA image is at most 2.3 MB raw, below IMAGE_MAX_BYTES
		 * compressed, so the renderer's check accepts the copy. */
		struct buf png;
		buf_init(&png, IMAGE_MAX_BYTES);
		if (image_write_png(&img, &png) == 0)
			buf_add(out, png.data, png.len);
		else
			v = LOGO_BROKEN;
		buf_release(&png);
	}
	image_release(&img);
	return v;
}

enum logo_verdict logo_check(const void *data, size_t len)
{
	return logo_normalize(data, len, NULL);
}

const char *logo_message_key(enum logo_verdict v)
{
	switch (v) {
	case LOGO_OK:
		return NULL;
	case LOGO_EMPTY:
		return "office.settings.logo_missing";
	case LOGO_TOO_BIG:
		return "office.settings.logo_too_big";
	case LOGO_NOT_PNG:
		return "office.settings.logo_not_png";
	case LOGO_BROKEN:
		return "office.settings.logo_broken";
	case LOGO_TOO_MANY_PIXELS:
		return "office.settings.logo_too_many_pixels";
	}
	return "office.settings.logo_not_png";
}

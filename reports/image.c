/* image.c: PNG decoding and writing through libpng with a checked error path; see image.h. */
#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "reports/image.h"
#include "common/banned.h"

static const unsigned char png_signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

/* libpng's default error handler prints and aborts; ours jumps back to the
 * setjmp in decode()/encode(), which then frees what was allocated. */
static void on_error(png_structp png, png_const_charp msg)
{
	(void)msg;
	png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

struct reader {
	const unsigned char *p;
	size_t len, pos;
};

static void read_bytes(png_structp png, png_bytep out, size_t n)
{
	struct reader *rd = png_get_io_ptr(png);
	if (n > rd->len - rd->pos)
		png_error(png, "truncated");
	memcpy(out, rd->p + rd->pos, n);
	rd->pos += n;
}

/* State that must survive a longjmp lives here, not in locals. */
struct decoding {
	png_structp png;
	png_infop info;
	png_bytep *rows;
	struct image img;
};

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Decodes into d->img (8-bit RGB or RGBA). IMAGE_OK or IMAGE_CORRUPT/TOO_LARGE;
 * the caller frees d's members in every case. */
static enum image_status decode(struct decoding *d, struct reader *rd)
{
	if (setjmp(png_jmpbuf(d->png)))
		return IMAGE_CORRUPT;
	png_set_read_fn(d->png, rd, read_bytes);
	png_set_user_limits(d->png, IMAGE_MAX_SIDE, IMAGE_MAX_SIDE);
	png_set_chunk_cache_max(d->png, 64);              /* text, sPLT… chunks */
	png_set_chunk_malloc_max(d->png, IMAGE_MAX_CHUNK); /* iCCP, zTXt bombs */
	png_read_info(d->png, d->info);
	png_uint_32 w = png_get_image_width(d->png, d->info), h = png_get_image_height(d->png, d->info);
	if (w == 0 || h == 0 || w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE)
		return IMAGE_TOO_LARGE;
	png_set_expand(d->png);        /* palette → RGB, gray < 8 bits → 8, tRNS → alpha */
	png_set_scale_16(d->png);
	png_set_gray_to_rgb(d->png);
	png_set_interlace_handling(d->png);
	png_read_update_info(d->png, d->info);
	unsigned channels = png_get_channels(d->png, d->info);
	size_t rowbytes = png_get_rowbytes(d->png, d->info);
	if ((channels != 3 && channels != 4) || png_get_bit_depth(d->png, d->info) != 8 ||
	    rowbytes != (size_t)w * channels)
		return IMAGE_CORRUPT;
	d->img.pixels = malloc(rowbytes * h);
	d->rows = malloc(sizeof *d->rows * h);
	if (!d->img.pixels || !d->rows)
		return IMAGE_TOO_LARGE;
	for (png_uint_32 y = 0; y < h; y++)
		d->rows[y] = d->img.pixels + (size_t)y * rowbytes;
	png_read_image(d->png, d->rows);
	png_read_end(d->png, NULL);    /* the rest of the file must be sound as well */
	d->img.width = w;
	d->img.height = h;
	d->img.channels = channels;
	return IMAGE_OK;
}

/* Area-average scaling of img to nw × nh (smaller); colours are averaged
 * weighted by alpha, so transparent pixels do not darken the edges. */
static int shrink(struct image *img, unsigned nw, unsigned nh)
{
	unsigned c = img->channels, w = img->width, h = img->height;
	unsigned char *out = malloc((size_t)nw * nh * c);
	if (!out)
		return -1;
	for (unsigned y = 0; y < nh; y++) {
		unsigned y0 = (unsigned)((uint64_t)y * h / nh), y1 = (unsigned)((uint64_t)(y + 1) * h / nh);
		if (y1 <= y0)
			y1 = y0 + 1;
		for (unsigned x = 0; x < nw; x++) {
			unsigned x0 = (unsigned)((uint64_t)x * w / nw), x1 = (unsigned)((uint64_t)(x + 1) * w / nw);
			if (x1 <= x0)
				x1 = x0 + 1;
			uint64_t sum[4] = {0, 0, 0, 0}, n = (uint64_t)(x1 - x0) * (y1 - y0);
			for (unsigned sy = y0; sy < y1; sy++) {
				const unsigned char *px = img->pixels + ((size_t)sy * w + x0) * c;
				for (unsigned sx = x0; sx < x1; sx++, px += c) {
					unsigned a = c == 4 ? px[3] : 255;
					for (unsigned k = 0; k < 3; k++)
						sum[k] += (uint64_t)px[k] * a;
					sum[3] += a;
				}
			}
			unsigned char *o = out + ((size_t)y * nw + x) * c;
			for (unsigned k = 0; k < 3; k++)
				o[k] = (unsigned char)(sum[3] ? (sum[k] + sum[3] / 2) / sum[3] : 255);
			if (c == 4)
				o[3] = (unsigned char)((sum[3] + n / 2) / n);
		}
	}
	free(img->pixels);
	img->pixels = out;
	img->width = nw;
	img->height = nh;
	return 0;
}

/* RGBA whose every pixel is opaque becomes RGB, in place. */
static void drop_opaque_alpha(struct image *img)
{
	size_t n = (size_t)img->width * img->height;
	if (img->channels != 4)
		return;
	for (size_t i = 0; i < n; i++)
		if (img->pixels[i * 4 + 3] != 255)
			return;
	for (size_t i = 0; i < n; i++)
		memmove(img->pixels + i * 3, img->pixels + i * 4, 3);
	img->channels = 3;
}

enum image_status image_load_png(const void *data, size_t len, unsigned fit_w, unsigned fit_h,
				 struct image *out)
{
	memset(out, 0, sizeof *out);
	const unsigned char *p = data;
	if (!data || len == 0)
		return IMAGE_EMPTY;
	if (len > IMAGE_MAX_BYTES)
		return IMAGE_TOO_LARGE;
	if (len < 8 || memcmp(p, png_signature, 8) != 0)
		return IMAGE_NOT_PNG;
	/* IHDR comes first; its size is read here so that a huge image is told
	 * apart from a broken one (libpng gives both as an error). */
	if (len >= 24 && memcmp(p + 12, "IHDR", 4) == 0 &&
	    (be32(p + 16) > IMAGE_MAX_SIDE || be32(p + 20) > IMAGE_MAX_SIDE))
		return IMAGE_TOO_LARGE;
	struct reader rd = {p, len, 0};
	struct decoding d;
	memset(&d, 0, sizeof d);
	d.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, on_error, on_warning);
	d.info = d.png ? png_create_info_struct(d.png) : NULL;
	enum image_status st = d.info ? decode(&d, &rd) : IMAGE_TOO_LARGE;
	png_destroy_read_struct(d.png ? &d.png : NULL, d.info ? &d.info : NULL, NULL);
	free(d.rows);
	if (st != IMAGE_OK) {
		image_release(&d.img);
		return st;
	}
	if (fit_w && fit_h && (d.img.width > fit_w || d.img.height > fit_h)) {
		double sw = (double)fit_w / d.img.width, sh = (double)fit_h / d.img.height;
		double s = sw < sh ? sw : sh;
		unsigned nw = (unsigned)(d.img.width * s + 0.5), nh = (unsigned)(d.img.height * s + 0.5);
		if (shrink(&d.img, nw ? nw : 1, nh ? nh : 1) != 0) {
			image_release(&d.img);
			return IMAGE_TOO_LARGE;
		}
	}
	drop_opaque_alpha(&d.img);
	*out = d.img;
	return IMAGE_OK;
}

static void write_bytes(png_structp png, png_bytep data, size_t n)
{
	if (buf_add(png_get_io_ptr(png), data, n) != 0)
		png_error(png, "output too big");
}

static void flush_nothing(png_structp png)
{
	(void)png;
}

static int encode(png_structp png, png_infop info, const struct image *img, struct buf *out)
{
	if (setjmp(png_jmpbuf(png)))
		return -1;
	png_set_write_fn(png, out, write_bytes, flush_nothing);
	png_set_IHDR(png, info, img->width, img->height, 8,
		     img->channels == 4 ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (unsigned y = 0; y < img->height; y++)
		png_write_row(png, img->pixels + (size_t)y * img->width * img->channels);
	png_write_end(png, info);
	return 0;
}

int image_write_png(const struct image *img, struct buf *out)
{
	if (!img->pixels || !img->width || !img->height || (img->channels != 3 && img->channels != 4))
		return -1;
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, on_error, on_warning);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	int rc = info ? encode(png, info, img, out) : -1;
	png_destroy_write_struct(png ? &png : NULL, info ? &info : NULL);
	return rc;
}

void image_release(struct image *img)
{
	if (!img)
		return;
	free(img->pixels);
	memset(img, 0, sizeof *img);
}

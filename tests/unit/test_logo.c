/* test_logo.c: every logo, however broken, is decoded through the checked libpng
 * path (reports/image.c, server/logo.c): good PNGs of every colour type and bit
 * depth become one normalised 8-bit form, broken ones are refused, and the
 * report renders with any stored bytes as its logo. Files: tests/fixtures/png/
 * (see make.py there); run from the repository root. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "common/arena.h"
#include "common/buf.h"
#include "reports/image.h"
#include "reports/report.h"
#include "server/app/logo.h"
#include "tests/unit/unit_test.h"
#include "common/banned.h"

#define DIR_PNG "tests/fixtures/png"

struct fixture {
	char name[64];
	unsigned char *data;
	size_t len;
};

static struct fixture fixtures[64];
static size_t n_fixtures;

static int load_fixtures(void **state)
{
	(void)state;
	DIR *d = opendir(DIR_PNG);
	if (!d)
		return -1;
	struct dirent *e;
	while ((e = readdir(d)) && n_fixtures < 64) {
		size_t n = strlen(e->d_name);
		if (e->d_name[0] == '.' || n < 4 || n >= 64 || strcmp(e->d_name + n - 3, ".py") == 0)
			continue;
		struct fixture *f = &fixtures[n_fixtures];
		memcpy(f->name, e->d_name, n + 1);
		char path[512];
		snprintf(path, sizeof path, "%s/%s", DIR_PNG, e->d_name);
		FILE *fp = fopen(path, "rb");
		if (!fp)
			continue;
		f->data = malloc(1024 * 1024);
		f->len = fread(f->data, 1, 1024 * 1024, fp);
		fclose(fp);
		n_fixtures++;
	}
	closedir(d);
	return n_fixtures >= 30 ? 0 : -1;
}

static int free_fixtures(void **state)
{
	(void)state;
	for (size_t i = 0; i < n_fixtures; i++)
		free(fixtures[i].data);
	return 0;
}

static int starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void good_pngs_become_8bit_rgb_or_rgba(void **state)
{
	(void)state;
	size_t seen = 0;
	for (size_t i = 0; i < n_fixtures; i++) {
		const struct fixture *f = &fixtures[i];
		if (!starts(f->name, "ok_"))
			continue;
		seen++;
		struct buf png;
		buf_init(&png, 0);
		enum logo_verdict v = logo_normalize(f->data, f->len, &png);
		if (v != LOGO_OK)
			fail_msg("%s: verdict %d, expected OK", f->name, v);
		assert_true(png.len > 33);
		unsigned char depth = (unsigned char)png.data[24], colour = (unsigned char)png.data[25],
			      interlace = (unsigned char)png.data[28];
		if (depth != 8 || (colour != 2 && colour != 6) || interlace != 0)
			fail_msg("%s: stored as depth %d colour %d interlace %d", f->name, depth, colour, interlace);
		uint32_t w = be32((unsigned char *)png.data + 16), h = be32((unsigned char *)png.data + 20);
		if (w > IMAGE_LOGO_FIT_W || h > IMAGE_LOGO_FIT_H)
			fail_msg("%s: stored as %ux%u, larger than the logo box", f->name, w, h);
		/* the copy is a fixed point: normalising it again gives the same bytes */
		struct buf again;
		buf_init(&again, 0);
		assert_int_equal(logo_normalize(png.data, png.len, &again), LOGO_OK);
		assert_int_equal(again.len, png.len);
		assert_memory_equal(again.data, png.data, png.len);
		buf_release(&again);
		buf_release(&png);
	}
	assert_true(seen >= 8);
}

static void alpha_is_kept_only_when_used(void **state)
{
	(void)state;
	for (size_t i = 0; i < n_fixtures; i++) {
		const struct fixture *f = &fixtures[i];
		struct image img;
		if (!starts(f->name, "ok_"))
			continue;
		assert_int_equal(image_load_png(f->data, f->len, 0, 0, &img), IMAGE_OK);
		/* ok_rgb16 has an alpha channel that is opaque everywhere: dropped */
		int transparent = strstr(f->name, "rgba") || strstr(f->name, "alpha") || strstr(f->name, "palette");
		if (img.channels != (transparent ? 4u : 3u))
			fail_msg("%s: %u channels", f->name, img.channels);
		image_release(&img);
		image_release(&img);   /* safe twice */
	}
}

static void large_logo_is_scaled_to_the_box(void **state)
{
	(void)state;
	for (size_t i = 0; i < n_fixtures; i++) {
		if (strcmp(fixtures[i].name, "ok_wide_2000.png") != 0)
			continue;
		struct image img;
		assert_int_equal(image_load_png(fixtures[i].data, fixtures[i].len, IMAGE_LOGO_FIT_W,
						IMAGE_LOGO_FIT_H, &img), IMAGE_OK);
		assert_int_equal(img.width, 1200);
		assert_int_equal(img.height, 60);
		image_release(&img);
		return;
	}
	fail_msg("ok_wide_2000.png missing");
}

static void broken_pngs_are_refused(void **state)
{
	(void)state;
	size_t seen = 0;
	for (size_t i = 0; i < n_fixtures; i++) {
		const struct fixture *f = &fixtures[i];
		if (starts(f->name, "ok_"))
			continue;
		seen++;
		struct buf png;
		buf_init(&png, 0);
		enum logo_verdict v = logo_normalize(f->data, f->len, &png);
		enum logo_verdict want = starts(f->name, "big_") ? LOGO_TOO_MANY_PIXELS
					 : strcmp(f->name, "bad_empty.png") == 0 ? LOGO_EMPTY
					 : strcmp(f->name, "bad_not_png.gif") == 0 ? LOGO_NOT_PNG : LOGO_BROKEN;
		if (v != want)
			fail_msg("%s: verdict %d, expected %d", f->name, v, want);
		assert_int_equal(png.len, 0);   /* nothing half-written */
		assert_non_null(logo_message_key(v));
		buf_release(&png);
	}
	assert_true(seen >= 20);
}

static void upload_cap_and_message_keys(void **state)
{
	(void)state;
	unsigned char *big = calloc(1, LOGO_MAX_BYTES + 1);
	assert_int_equal(logo_check(big, LOGO_MAX_BYTES + 1), LOGO_TOO_BIG);
	assert_int_equal(logo_check(big, 0), LOGO_EMPTY);
	assert_int_equal(logo_check(NULL, 5), LOGO_EMPTY);
	free(big);
	assert_null(logo_message_key(LOGO_OK));
	assert_string_equal(logo_message_key(LOGO_BROKEN), "office.settings.logo_broken");
	assert_string_equal(logo_message_key(LOGO_TOO_MANY_PIXELS), "office.settings.logo_too_many_pixels");
}

/* Stored logos may predate the upload check: the report renders with any of
 * these bytes as its logo, and shows the good ones as an image. */
static void report_renders_with_any_stored_logo(void **state)
{
	(void)state;
	for (size_t i = 0; i < n_fixtures; i++) {
		const struct fixture *f = &fixtures[i];
		struct arena a = ARENA_INIT;
		struct report r = {.lang = "nl"};
		report_demo_fill(&r, REPORT_DEMO_SPARSE, &a);
		r.association.logo_png = f->data;
		r.association.logo_len = f->len;
		struct buf out;
		buf_init(&out, 0);
		char err[256] = "";
		if (report_render(&r, &out, err, sizeof err) != 0)
			fail_msg("%s: render failed: %s", f->name, err);
		assert_memory_equal(out.data, "%PDF-", 5);
		int has_image = bytes_contain(&out, "/Subtype /Image");
		if (has_image != starts(f->name, "ok_"))
			fail_msg("%s: image in the PDF: %d", f->name, has_image);
		buf_release(&out);
		arena_release(&a);
	}
}

static void logo_must_be_a_small_png(void **state)
{
	(void)state;
	static const unsigned char png[33] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
	/* a signature and IHDR without a valid CRC or image data: decoded and refused */
	assert_int_equal(logo_check(png, sizeof(png)), LOGO_BROKEN);
	assert_int_equal(logo_check(png, 0), LOGO_EMPTY);
	assert_int_equal(logo_check("GIF89a..........................", 33), LOGO_NOT_PNG);
	assert_int_equal(logo_check(png, 20), LOGO_BROKEN);
	unsigned char *big = calloc(1, LOGO_MAX_BYTES + 1);
	memcpy(big, png, sizeof(png));
	assert_int_equal(logo_check(big, LOGO_MAX_BYTES), LOGO_BROKEN);
	assert_int_equal(logo_check(big, LOGO_MAX_BYTES + 1), LOGO_TOO_BIG);
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(logo_must_be_a_small_png),
		cmocka_unit_test(good_pngs_become_8bit_rgb_or_rgba),
		cmocka_unit_test(alpha_is_kept_only_when_used),
		cmocka_unit_test(large_logo_is_scaled_to_the_box),
		cmocka_unit_test(broken_pngs_are_refused),
		cmocka_unit_test(upload_cap_and_message_keys),
		cmocka_unit_test(report_renders_with_any_stored_logo),
	};
	return cmocka_run_group_tests(tests, load_fixtures, free_fixtures);
}

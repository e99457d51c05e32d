/* test_report.c: the PDF report renders every model, fully and deterministically. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "common/arena.h"
#include "common/buf.h"
#include "reports/report.h"
#include "tests/unit/unit_test.h"
#include "common/banned.h"

static const unsigned char tiny_png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
	0x44, 0x52, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00,
	0x00, 0xf0, 0xca, 0xea, 0x34, 0x00, 0x00, 0x00, 0x0f, 0x49, 0x44, 0x41, 0x54, 0x78,
	0x9c, 0x63, 0x60, 0x28, 0xda, 0x84, 0x40, 0xc8, 0x1c, 0x00, 0x71, 0x2a, 0x09, 0x21,
	0x35, 0x38, 0xe5, 0xd0, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42,
	0x60, 0x82};

/* Renders r (report or brief) and checks the result looks like one PDF. */
static void render_ok(const struct report *r, int brief, struct buf *out)
{
	char err[256] = "";
	int rc = brief ? report_render_brief(r, out, err, sizeof err) :
			 report_render(r, out, err, sizeof err);
	if (rc != 0)
		fail_msg("render failed: %s", err);
	assert_true(out->len > 1000);
	assert_memory_equal(out->data, "%PDF-", 5);
	assert_non_null(strstr(out->data + out->len - 32, "%%EOF"));
}

static void check_variant(enum report_demo v, const char *lang, int draft, int brief)
{
	struct arena a = ARENA_INIT;
	struct report r = {.lang = lang};
	struct buf out;
	report_demo_fill(&r, v, &a);
	r.draft = draft;
	buf_init(&out, 0);
	render_ok(&r, brief, &out);
	buf_release(&out);
	arena_release(&a);
}

static void test_demo_renders(void **state)
{
	(void)state;
	check_variant(REPORT_DEMO_FULL, "nl", 0, 0);
}

static void test_demo_is_byte_identical(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct report r = {.lang = "nl"};
	struct buf one, two;
	report_demo_fill(&r, REPORT_DEMO_FULL, &a);
	buf_init(&one, 0);
	buf_init(&two, 0);
	render_ok(&r, 0, &one);
	render_ok(&r, 0, &two);
	assert_int_equal(one.len, two.len);
	assert_memory_equal(one.data, two.data, one.len);
	assert_true(bytes_contain(&one, "D:20250312120000Z"));
	buf_release(&one);
	buf_release(&two);
	arena_release(&a);
}

static void test_variants_render(void **state)
{
	(void)state;
	check_variant(REPORT_DEMO_EDGE, "nl", 0, 0);   /* 120-char name, 40-char word, 3,000 words, 40 actions */
	check_variant(REPORT_DEMO_SPARSE, "nl", 0, 0); /* no benchmark, insufficient theme, no advice/actions */
	check_variant(REPORT_DEMO_FULL, "en", 1, 0);
	check_variant(REPORT_DEMO_FULL, "nl", 1, 1);
	check_variant(REPORT_DEMO_EDGE, "nl", 0, 1);
	check_variant(REPORT_DEMO_SPARSE, "en", 0, 1);
}

static void test_edge_name_is_long(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct report r = {.lang = "nl"};
	report_demo_fill(&r, REPORT_DEMO_EDGE, &a);
	assert_true(strlen(r.company.name) >= 120);
	assert_int_equal(r.n_actions, 40);
	arena_release(&a);
}

static void test_logo_good_and_bad(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct report r = {.lang = "nl"};
	struct buf out;
	static const unsigned char junk[] = "not a png at all";
	report_demo_fill(&r, REPORT_DEMO_FULL, &a);
	r.association.logo_png = tiny_png;
	r.association.logo_len = sizeof tiny_png;
	buf_init(&out, 0);
	render_ok(&r, 0, &out);
	buf_reset(&out);
	r.association.logo_png = junk;   /* skipped, the report still renders */
	r.association.logo_len = sizeof junk;
	render_ok(&r, 0, &out);
	buf_release(&out);
	arena_release(&a);
}

static void test_empty_parts(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct report r = {.lang = "nl"};
	struct buf out;
	report_demo_fill(&r, REPORT_DEMO_FULL, &a);
	r.attention = NULL;
	r.n_attention = 0;
	r.advice_md = NULL;
	r.actions = NULL;
	r.n_actions = 0;
	r.n_strongest = 0;
	r.research_md = "";
	r.score = NAN;
	r.band = -1;
	r.company.name = NULL;
	buf_init(&out, 0);
	render_ok(&r, 0, &out);
	render_ok(&r, 1, &out);
	buf_release(&out);
	arena_release(&a);
}

static void test_model_without_bands_fails(void **state)
{
	(void)state;
	struct report r = {.lang = "nl"};
	struct buf out;
	char err[128] = "";
	buf_init(&out, 0);
	assert_int_equal(report_render(&r, &out, err, sizeof err), -1);
	assert_true(strlen(err) > 0);
	assert_int_equal(report_render_brief(&r, &out, err, sizeof err), -1);
	buf_release(&out);
}

static void test_output_cap_fails_cleanly(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct report r = {.lang = "nl"};
	struct buf out;
	char err[128] = "";
	report_demo_fill(&r, REPORT_DEMO_FULL, &a);
	buf_init(&out, 4096);
	assert_int_equal(report_render(&r, &out, err, sizeof err), -1);
	assert_non_null(strstr(err, "full"));
	buf_release(&out);
	arena_release(&a);
}

static void test_pick_strongest(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct report r = {.lang = "nl"};
	const struct report_theme *best[3];
	report_demo_fill(&r, REPORT_DEMO_FULL, &a);
	assert_int_equal(report_pick_strongest(&r, best, 3), 3);
	assert_true(best[0]->score >= best[1]->score && best[1]->score >= best[2]->score);
	assert_string_equal(best[0]->title, "Duurzame inzetbaarheid");
	assert_int_equal(report_band_of(&r, 39.9), 0);
	assert_int_equal(report_band_of(&r, 40), 1);
	assert_int_equal(report_band_of(&r, 100), 2);
	assert_int_equal(report_band_of(&r, NAN), -1);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo_renders),
		cmocka_unit_test(test_demo_is_byte_identical),
		cmocka_unit_test(test_variants_render),
		cmocka_unit_test(test_edge_name_is_long),
		cmocka_unit_test(test_logo_good_and_bad),
		cmocka_unit_test(test_empty_parts),
		cmocka_unit_test(test_model_without_bands_fails),
		cmocka_unit_test(test_output_cap_fails_cleanly),
		cmocka_unit_test(test_pick_strongest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

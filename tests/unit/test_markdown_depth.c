/* test_markdown_depth.c: advice nested as deep as the 100,000-byte field allows
 * (block quotes, lists) renders; levels past 16 render flat with their text kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "common/arena.h"
#include "common/buf.h"
#include "reports/report.h"
#include "common/banned.h"

#define ADVICE_MAX 100000   /* the advice POST handler's cap (server/pages/office/scan_forms.c) */

static void render_advice(const char *md)
{
	struct arena a = ARENA_INIT;
	struct report r = {.lang = "nl"};
	report_demo_fill(&r, REPORT_DEMO_SPARSE, &a);
	r.advice_md = md;
	r.research_md = md;
	struct buf out;
	buf_init(&out, 0);
	char err[256] = "";
	if (report_render(&r, &out, err, sizeof err) != 0)
		fail_msg("render failed: %s", err);
	assert_memory_equal(out.data, "%PDF-", 5);
	buf_release(&out);
	arena_release(&a);
}

/* n copies of unit, then tail */
static char *repeat(const char *unit, size_t n, const char *tail)
{
	size_t u = strlen(unit), t = strlen(tail);
	char *s = malloc(u * n + t + 1);
	for (size_t i = 0; i < n; i++)
		memcpy(s + i * u, unit, u);
	memcpy(s + u * n, tail, t + 1);
	return s;
}

static void deep_block_quote_renders(void **state)
{
	(void)state;
	char *md = repeat(">", ADVICE_MAX - 10, " diep");
	render_advice(md);
	free(md);
}

static void deep_bullet_list_renders(void **state)
{
	(void)state;
	char *md = repeat("- ", (ADVICE_MAX - 10) / 2, "diep");
	render_advice(md);
	free(md);
}

static void deep_ordered_list_renders(void **state)
{
	(void)state;
	char *md = repeat("1. ", (ADVICE_MAX - 10) / 3, "diep");
	render_advice(md);
	free(md);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(deep_block_quote_renders),
		cmocka_unit_test(deep_bullet_list_renders),
		cmocka_unit_test(deep_ordered_list_renders),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

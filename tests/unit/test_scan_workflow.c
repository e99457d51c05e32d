/* test_scan_workflow.c: scan workflow invariants — status workflow rules, Markdown made
 * harmless, SVG charts without style attributes, date checks, CSV quoting. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "common/buf.h"
#include "server/app/markdown.h"
#include "server/pages/office/scan_page.h"
#include "server/app/scan_workflow.h"
#include "common/banned.h"

static void workflow_goes_one_step_forward(void **state)
{
	(void)state;
	assert_true(scan_status_forward_ok("submitted", "advice"));
	assert_true(scan_status_forward_ok("advice", "final"));
	assert_true(scan_status_forward_ok("final", "meeting_held"));
	assert_true(scan_status_forward_ok("meeting_held", "closed"));
	assert_false(scan_status_forward_ok("submitted", "final"));
	assert_false(scan_status_forward_ok("advice", "submitted"));
	assert_false(scan_status_forward_ok("started", "submitted"));
	assert_false(scan_status_forward_ok("closed", "nonsense"));
	assert_null(scan_status_next("closed"));
	assert_string_equal(scan_status_next("submitted"), "advice");
}

static void workflow_reopens_only_backwards(void **state)
{
	(void)state;
	assert_true(scan_status_reopen_ok("closed", "advice"));
	assert_true(scan_status_reopen_ok("final", "submitted"));
	assert_false(scan_status_reopen_ok("advice", "final"));
	assert_false(scan_status_reopen_ok("advice", "advice"));
	assert_false(scan_status_reopen_ok("closed", "invited"));
}

static void markdown_is_harmless(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(markdown_to_html(&b, "**vet** en *schuin*\n\n- een\n- twee\n\n[x](javascript:alert(1)) "
					   "[y](https://example.org)\n\n<script>alert(1)</script>\n\n"
					   "<a href=\"javascript:x\" onclick=\"y\">z</a>"), 0);
	assert_non_null(strstr(b.data, "<strong>vet</strong>"));
	assert_non_null(strstr(b.data, "<em>schuin</em>"));
	assert_non_null(strstr(b.data, "<li>een</li>"));
	assert_non_null(strstr(b.data, "href=\"https://example.org\""));
	assert_null(strstr(b.data, "javascript:"));
	assert_null(strstr(b.data, "<script"));
	assert_null(strstr(b.data, "onclick"));
	buf_release(&b);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* n copies of unit, then tail (the advice field holds 100,000 bytes) */
static char *repeat(const char *unit, size_t n, const char *tail)
{
	size_t u = strlen(unit), t = strlen(tail);
	char *s = malloc(u * n + t + 1);
	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		memcpy(s + i * u, unit, u);
	memcpy(s + u * n, tail, t + 1);
	return s;
}

/* The web preview nests no deeper than the PDF: deep levels keep their text flat. */
static void markdown_nesting_is_bounded(void **state)
{
	(void)state;
	struct buf b;
	char *md = repeat(">", 99990, " diep *in* de tekst");
	buf_init(&b, 0);
	assert_int_equal(markdown_to_html(&b, md), 0);
	assert_int_equal(count(b.data, "<blockquote>"), MARKDOWN_MAX_DEPTH);
	assert_non_null(strstr(b.data, "diep in de tekst"));
	buf_release(&b);
	free(md);
	md = repeat("- ", 49990, "lijst");
	buf_init(&b, 0);
	assert_int_equal(markdown_to_html(&b, md), 0);
	assert_int_equal(count(b.data, "<li>"), MARKDOWN_MAX_DEPTH);
	assert_non_null(strstr(b.data, "lijst"));
	buf_release(&b);
	free(md);
	md = repeat("> - ", 24990, "gemengd\n\n> weer terug");
	buf_init(&b, 0);
	assert_int_equal(markdown_to_html(&b, md), 0);
	assert_true(count(b.data, "<blockquote>") + count(b.data, "<li>") <= 2 * MARKDOWN_MAX_DEPTH);
	assert_non_null(strstr(b.data, "gemengd"));
	assert_non_null(strstr(b.data, "weer terug"));
	buf_release(&b);
	free(md);
	buf_init(&b, 0);  /* shallow nesting is untouched */
	assert_int_equal(markdown_to_html(&b, "> citaat\n>\n> - een\n>   - twee"), 0);
	assert_non_null(strstr(b.data, "<li>twee</li>"));
	buf_release(&b);
}

static void csv_fields_quoted_for_dutch_excel(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	buf_csv_field(&b, "a;b \"c\"\nd é", ';');
	assert_string_equal(b.data, "\"a;b \"\"c\"\"\nd é\"");
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(workflow_goes_one_step_forward),
		cmocka_unit_test(workflow_reopens_only_backwards),
		cmocka_unit_test(markdown_is_harmless),
		cmocka_unit_test(markdown_nesting_is_bounded),
		cmocka_unit_test(csv_fields_quoted_for_dutch_excel),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_scan_workflow.c: scan workflow invariants — status workflow rules, Markdown made
 * harmless, SVG charts without style attributes, date checks, CSV quoting. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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
		cmocka_unit_test(csv_fields_quoted_for_dutch_excel),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_date.c: the one date and time check (common/date.c), used by the office
 * forms, the dashboard and audit filters, the research exports and `fphc export`
 * (three checks with different rules before: one took 2025-02-31). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/date.h"
#include "common/banned.h"

static void dates_are_real_calendar_dates(void **state)
{
	(void)state;
	assert_true(date_valid("2024-02-29"));
	assert_true(date_valid("2026-12-31"));
	assert_true(date_valid("2000-02-29"));
	assert_false(date_valid("1900-02-29"));
	assert_false(date_valid("2025-02-29"));
	assert_false(date_valid("2025-02-31"));
	assert_false(date_valid("2026-04-31"));
	assert_false(date_valid("2025-13-01"));
	assert_false(date_valid("2025-00-10"));
	assert_false(date_valid("2025-01-00"));
	assert_false(date_valid("2025-1-01"));
	assert_false(date_valid("31-01-2025"));
	assert_false(date_valid("2025-01-01x"));
	assert_false(date_valid("2025-01-0\n"));
	assert_false(date_valid("+025-01-01"));
	assert_false(date_valid(""));
	assert_false(date_valid(NULL));
	assert_false(date_valid("0999-01-01"));
}

static void times_are_times_of_day(void **state)
{
	(void)state;
	assert_true(time_valid("00:00"));
	assert_true(time_valid("23:59"));
	assert_false(time_valid("24:00"));
	assert_false(time_valid("12:60"));
	assert_false(time_valid("9:30"));
	assert_false(time_valid("09-30"));
	assert_false(time_valid(""));
	assert_false(time_valid(NULL));
}

static void dates_show_the_dutch_way(void **state)
{
	(void)state;
	char out[32];
	assert_true(date_show("2026-12-01", out, sizeof(out)));
	assert_string_equal(out, "1-12-2026");
	assert_true(date_show("2026-12-01 18:23", out, sizeof(out)));
	assert_string_equal(out, "1-12-2026 18:23");
	assert_true(date_show("2026-03-09 08:05:07", out, sizeof(out)));
	assert_string_equal(out, "9-3-2026 08:05:07");
	/* anything else is left to the caller, unchanged */
	assert_false(date_show("2026-02-30", out, sizeof(out)));
	assert_string_equal(out, "");
	assert_false(date_show("2026-12-01T18:23", out, sizeof(out)));
	assert_false(date_show("2026-12-01 25:00", out, sizeof(out)));
	assert_false(date_show("2026-12-01 18:23:61", out, sizeof(out)));
	assert_false(date_show("2026-12-01 18:23 ", out, sizeof(out)));
	assert_false(date_show("1-12-2026", out, sizeof(out)));
	assert_false(date_show("", out, sizeof(out)));
	assert_false(date_show(NULL, out, sizeof(out)));
	/* too small a buffer gives nothing rather than half a date */
	char small[8];
	assert_false(date_show("2026-12-01 18:23", small, sizeof(small)));
	assert_string_equal(small, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates_are_real_calendar_dates),
		cmocka_unit_test(times_are_times_of_day),
		cmocka_unit_test(dates_show_the_dutch_way),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

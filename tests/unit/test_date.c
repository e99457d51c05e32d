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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates_are_real_calendar_dates),
		cmocka_unit_test(times_are_times_of_day),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_number_nl.c: the Dutch number parser (common/number_nl.c), one rule per test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/number_nl.h"
#include "common/banned.h"

static double ok(const char *s, const char *unit)
{
	double d = -12345;
	assert_int_equal(number_nl_parse(s, unit, NULL, &d), NUMBER_NL_OK);
	return d;
}

static void comma_and_point_are_decimal_separators(void **state)
{
	(void)state;
	assert_true(ok("6,5", NULL) == 6.5);
	assert_true(ok("6.5", NULL) == 6.5);
	assert_true(ok(",5", NULL) == 0.5);
	assert_true(ok("12,25", NULL) == 12.25);
	assert_true(ok("-3,5", NULL) == -3.5);
	assert_true(ok("45", NULL) == 45);
}

static void spaces_and_the_unit_sign_are_taken_off(void **state)
{
	(void)state;
	assert_true(ok("  6,5 ", NULL) == 6.5);
	assert_true(ok("6,5 %", "%") == 6.5);
	assert_true(ok("6,5%", "%") == 6.5);
	assert_true(ok("12 FTE", "fte") == 12);
	assert_true(ok("€ 300", "€") == 300);
	assert_true(ok("\xC2\xA0" "7\xC2\xA0", NULL) == 7);
}

static void three_digits_after_a_separator_are_ambiguous(void **state)
{
	(void)state;
	double d = 0;
	assert_int_equal(number_nl_parse("1.000", NULL, NULL, &d), NUMBER_NL_AMBIGUOUS);
	assert_int_equal(number_nl_parse("1,000", NULL, NULL, &d), NUMBER_NL_AMBIGUOUS);
	assert_int_equal(number_nl_parse("12,500 %", "%", NULL, &d), NUMBER_NL_AMBIGUOUS);
	assert_true(ok("0,125", NULL) == 0.125);  /* cannot be a thousand */
	assert_true(ok("1,0001", NULL) == 1.0001);
}

static void what_is_not_a_plain_number_is_refused(void **state)
{
	(void)state;
	double d = 7;
	const char *bad[] = {"veel", "6,5,1", "1.000,5", "1 000", "6,", "1e3", "0x10", "--1", "6,5 %", "%", "inf", "nan"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(number_nl_parse(bad[i], NULL, NULL, &d), NUMBER_NL_INVALID);
	assert_true(d == 7);  /* untouched */
	assert_int_equal(number_nl_parse("   ", NULL, NULL, &d), NUMBER_NL_EMPTY);
	assert_int_equal(number_nl_parse(" % ", "%", NULL, &d), NUMBER_NL_EMPTY);
	assert_int_equal(number_nl_parse("12345678901234567890123456789012345678901", NULL, NULL, &d), NUMBER_NL_INVALID);
}

static void out_of_range_is_refused_with_the_number_read(void **state)
{
	(void)state;
	struct number_nl_range pct = {1, 1, 0, 100};
	double d = 0;
	assert_int_equal(number_nl_parse("120", "%", &pct, &d), NUMBER_NL_RANGE);
	assert_true(d == 120);
	assert_int_equal(number_nl_parse("-0,5", "%", &pct, &d), NUMBER_NL_RANGE);
	assert_int_equal(number_nl_parse("100", "%", &pct, &d), NUMBER_NL_OK);
	assert_int_equal(number_nl_parse("0", "%", &pct, &d), NUMBER_NL_OK);
	struct number_nl_range low = {1, 0, 0.1, 0};
	assert_int_equal(number_nl_parse("99999999", NULL, &low, &d), NUMBER_NL_OK);
}

/* What is shown reads back as the same number: 7,5 in Dutch, 7.5 in English. */
static void shown_numbers_read_back(void **state)
{
	(void)state;
	char out[32];
	assert_string_equal(number_nl_format(7.5, 1, out), "7,5");
	assert_string_equal(number_nl_format(7.5, 0, out), "7.5");
	assert_string_equal(number_nl_format(1000, 1, out), "1000");
	assert_string_equal(number_nl_format(-0.25, 1, out), "-0,25");
	const double values[] = {0, 12.5, 100, 0.1, 123456.75, 1e-3};
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		double back = -1;
		assert_int_equal(number_nl_parse(number_nl_format(values[i], 1, out), NULL, NULL, &back), NUMBER_NL_OK);
		assert_true(back == values[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(comma_and_point_are_decimal_separators),
		cmocka_unit_test(spaces_and_the_unit_sign_are_taken_off),
		cmocka_unit_test(three_digits_after_a_separator_are_ambiguous),
		cmocka_unit_test(what_is_not_a_plain_number_is_refused),
		cmocka_unit_test(out_of_range_is_refused_with_the_number_read),
		cmocka_unit_test(shown_numbers_read_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_score_stats.c: group statistics of sorted scores (server/app/score_stats.c),
 * shared by the benchmark refresh and the research aggregates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "server/app/score_stats.h"
#include "tests/unit/unit_test.h"
#include "common/banned.h"

static void quantiles_are_percentile_cont(void **state)
{
	(void)state;
	const double v[] = {1, 2, 3, 4};
	assert_true(score_quantile(v, 4, 0.25) == 1.75); /* PostgreSQL: percentile_cont(0.25) of 1..4 */
	assert_true(score_quantile(v, 4, 0.5) == 2.5);
	assert_true(score_quantile(v, 4, 0.75) == 3.25);
	assert_true(score_quantile(v, 1, 0.75) == 1);
}

static void columns_as_copy_text(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	const double one[] = {42.5};
	score_stats_columns(&b, one, 1);
	assert_string_equal(b.data, "\t1\t42.5\t\\N\t42.5\t42.5\t42.5"); /* no sd of one value */
	buf_reset(&b);
	const double two[] = {10, 20};
	score_stats_columns(&b, two, 2);
	assert_string_equal(b.data, "\t2\t15\t7.0710678118654755\t12.5\t15\t17.5");
	buf_release(&b);
}

static void arrays_read_with_nulls(void **state)
{
	(void)state;
	double row[4];
	score_array_parse("{79.28645833333333,NULL,-1,5e-1}", row, 4);
	assert_true(row[0] == 79.28645833333333 && isnan(row[1]) && row[2] == -1 && row[3] == 0.5);
	score_array_parse("{1}", row, 3); /* shorter than expected: NULLs after */
	assert_true(row[0] == 1 && isnan(row[1]) && isnan(row[2]));
	score_array_parse("", row, 2);
	assert_true(isnan(row[0]) && isnan(row[1]));
	score_array_parse(NULL, row, 1);
	assert_true(isnan(row[0]));
}

static void names_follow_scan_score_rows(void **state)
{
	const struct questionnaire *q = *state;
	const char *level, *key;
	assert_int_equal(score_row_name(q, 0, &level, &key), 0);
	assert_string_equal(level, "overall");
	assert_int_equal(score_row_name(q, 1, &level, &key), 0);
	assert_string_equal(level, "pillar");
	assert_string_equal(key, q->pillars[0].key);
	assert_int_equal(score_row_name(q, 2, &level, &key), 0);
	assert_string_equal(level, "theme");
	assert_string_equal(key, q->pillars[0].themes[0].key);
	size_t k = 1 + 1 + q->pillars[0].n_themes;
	assert_int_equal(score_row_name(q, k, &level, &key), 0);
	assert_string_equal(level, "pillar");
	assert_string_equal(key, q->pillars[1].key);
	size_t n = 1;
	for (size_t p = 0; p < q->n_pillars; p++)
		n += 1 + q->pillars[p].n_themes;
	assert_int_equal(score_row_name(q, n - 1, &level, &key), 0);
	assert_string_equal(key, q->pillars[q->n_pillars - 1].themes[q->pillars[q->n_pillars - 1].n_themes - 1].key);
	assert_int_equal(score_row_name(q, n, &level, &key), -1);
}

static void columns_sort_finite_values_only(void **state)
{
	(void)state;
	const double vals[] = {3, NAN, 1, 9, 2, INFINITY}; /* 3 rows × 2 columns */
	struct score_entry e[3];
	assert_int_equal(score_column_sorted(vals, 3, 2, 0, e), 3);
	assert_true(e[0].v == 1 && e[0].row == 1 && e[1].v == 2 && e[1].row == 2 && e[2].v == 3 && e[2].row == 0);
	assert_int_equal(score_column_sorted(vals, 3, 2, 1, e), 1);
	assert_true(e[0].v == 9 && e[0].row == 1);
}

static void columns_walk_skips_empty_ones(void **state)
{
	const struct questionnaire *q = *state;
	double vals[2 * 3] = {70, NAN, 50, 60, NAN, 40}; /* 2 scans × overall, first pillar, its first theme */
	struct score_entry e[2];
	struct score_column c = {.q = q, .vals = vals, .rows = 2, .stride = 3, .e = e};
	assert_true(score_column_next(&c));
	assert_string_equal(c.level, "overall");
	assert_int_equal(c.n, 2);
	assert_true(e[0].v == 60 && e[0].row == 1 && e[1].v == 70);
	assert_true(score_column_next(&c)); /* the pillar has no values: skipped */
	assert_string_equal(c.level, "theme");
	assert_string_equal(c.key, q->pillars[0].themes[0].key);
	assert_true(c.n == 2 && e[0].v == 40 && e[1].v == 50);
	assert_false(score_column_next(&c));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quantiles_are_percentile_cont),
		cmocka_unit_test(columns_as_copy_text),
		cmocka_unit_test(arrays_read_with_nulls),
		cmocka_unit_test(names_follow_scan_score_rows),
		cmocka_unit_test(columns_sort_finite_values_only),
		cmocka_unit_test(columns_walk_skips_empty_ones),
	};
	return cmocka_run_group_tests(tests, fphc1_setup, fphc1_teardown);
}

/* test_reliability.c: Cronbach's alpha, item–rest correlations and alpha-if-deleted against a published example. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "scoring/reliability.h"
#include "tests/unit/unit_test.h"
#include "common/banned.h"

/* The worked example of Statology, "How to Calculate Cronbach's Alpha in R"
 * (https://www.statology.org/cronbachs-alpha-in-r/): ten respondents, three
 * items, Q1 = 1 2 2 3 2 2 3 3 2 3, Q2 = 1 1 1 2 3 3 2 3 3 3,
 * Q3 = 1 1 2 1 2 3 3 3 2 3; ltm::cronbach.alpha() reports alpha: 0.773.
 * By hand: item variances 0.4556, 0.8444, 0.7111 (sum 2.0111), total variance
 * 4.2667, so alpha = 3/2 × (1 − 2.0111/4.2667) = 0.7734375 exactly.
 * Item–rest correlations and alpha-if-deleted worked out from the same data:
 * Q1 0.51306185 / 0.79668050, Q2 0.64491693 / 0.65853659, Q3 0.70290195 / 0.58181818. */
static const double example[10 * 3] = {
	1, 1, 1,  2, 1, 1,  2, 1, 2,  3, 2, 1,  2, 3, 2,
	2, 3, 3,  3, 2, 3,  3, 3, 3,  2, 3, 2,  3, 3, 3,
};

static void alpha_matches_the_published_example(void **state)
{
	(void)state;
	struct reliability r;
	assert_int_equal(reliability_compute(example, 10, 3, &r), 0);
	assert_int_equal(r.n_rows, 10);
	assert_near(r.alpha, 0.7734375, 1e-12);
	assert_near(r.alpha, 0.773, 0.0005); /* as printed by ltm */
	reliability_release(&r);
}

static void item_rest_correlations_match_the_hand_computation(void **state)
{
	(void)state;
	struct reliability r;
	reliability_compute(example, 10, 3, &r);
	assert_near(r.item_rest[0], 0.5130618543115048, 1e-12);
	assert_near(r.item_rest[1], 0.6449169275100167, 1e-12);
	assert_near(r.item_rest[2], 0.7029019463944167, 1e-12);
	reliability_release(&r);
}

static void alpha_if_deleted_matches_the_hand_computation(void **state)
{
	(void)state;
	struct reliability r;
	reliability_compute(example, 10, 3, &r);
	assert_near(r.alpha_if_deleted[0], 0.796680497925311, 1e-12);
	assert_near(r.alpha_if_deleted[1], 0.6585365853658536, 1e-12);
	assert_near(r.alpha_if_deleted[2], 0.5818181818181818, 1e-12);
	reliability_release(&r);
}

static void rows_with_a_missing_value_are_left_out(void **state)
{
	(void)state;
	double x[12 * 3];
	for (size_t i = 0; i < 30; i++)
		x[i] = example[i];
	const double extra[6] = {NAN, 3, 1, 1, 3, NAN};
	for (size_t i = 0; i < 6; i++)
		x[30 + i] = extra[i];
	struct reliability r;
	reliability_compute(x, 12, 3, &r);
	assert_int_equal(r.n_rows, 10);
	assert_near(r.alpha, 0.7734375, 1e-12);
	reliability_release(&r);
}

static void no_variance_gives_no_alpha(void **state)
{
	(void)state;
	const double flat[4 * 2] = {3, 3, 3, 3, 3, 3, 3, 3};
	struct reliability r;
	reliability_compute(flat, 4, 2, &r);
	assert_true(isnan(r.alpha));
	assert_true(isnan(r.item_rest[0]));
	assert_true(isnan(r.alpha_if_deleted[0])); /* k − 1 = 1 item left */
	reliability_release(&r);
}

static void too_few_rows_or_items(void **state)
{
	(void)state;
	struct reliability r;
	reliability_compute(example, 1, 3, &r);
	assert_int_equal(r.n_rows, 1);
	assert_true(isnan(r.alpha));
	reliability_release(&r);
	reliability_compute(example, 10, 1, &r);
	assert_true(isnan(r.alpha));
	reliability_release(&r);
	assert_int_equal(reliability_compute(example, 10, 0, &r), -1);
	reliability_release(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(alpha_matches_the_published_example),
		cmocka_unit_test(item_rest_correlations_match_the_hand_computation),
		cmocka_unit_test(alpha_if_deleted_matches_the_hand_computation),
		cmocka_unit_test(rows_with_a_missing_value_are_left_out),
		cmocka_unit_test(no_variance_gives_no_alpha),
		cmocka_unit_test(too_few_rows_or_items),
	};
	return cmocka_run_group_tests_name("reliability", tests, NULL, NULL);
}

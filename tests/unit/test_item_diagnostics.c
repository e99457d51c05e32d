/* test_item_diagnostics.c: omega, floor and ceiling, the shares and the flags against known values. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "scoring/item_diagnostics.h"
#include "tests/unit/unit_test.h"
#include "common/banned.h"

/* The ten respondents of test_reliability.c (Statology's alpha example). The
 * expected values are R 4.2 psych 2.2.9:
 *   fa(x, nfactors = 1, fm = "pa", rotate = "none", min.err = 1e-14, max.iter = 1000)
 * loadings 0.573819041757017 0.749268649265403 0.884651736929314, and
 * omega = (Σλ)² / ((Σλ)² + Σ(1 − λ²)) = 0.786041725752282.
 * With a fourth item 2 1 3 3 2 3 3 2 3 3: loadings 0.598007671599854
 * 0.726441856514576 0.884285323327644 0.512212311402692, omega 0.781468354891727. */
static const double example[10 * 3] = {
	1, 1, 1,  2, 1, 1,  2, 1, 2,  3, 2, 1,  2, 3, 2,
	2, 3, 3,  3, 2, 3,  3, 3, 3,  2, 3, 2,  3, 3, 3,
};
static const double fourth[10] = {2, 1, 3, 3, 2, 3, 3, 2, 3, 3};

static void omega_matches_psych_for_three_items(void **state)
{
	(void)state;
	struct omega o;
	assert_int_equal(omega_compute(example, 10, 3, &o), 0);
	assert_int_equal(o.n_rows, 10);
	assert_false(o.heywood);
	assert_near(o.loadings[0], 0.573819041757017, 1e-7);
	assert_near(o.loadings[1], 0.749268649265403, 1e-7);
	assert_near(o.loadings[2], 0.884651736929314, 1e-7);
	assert_near(o.omega, 0.786041725752282, 1e-8);
	omega_release(&o);
}

static void omega_matches_psych_for_four_items(void **state)
{
	(void)state;
	double x[10 * 4];
	for (size_t r = 0; r < 10; r++) {
		for (size_t j = 0; j < 3; j++)
			x[r * 4 + j] = example[r * 3 + j];
		x[r * 4 + 3] = fourth[r];
	}
	struct omega o;
	omega_compute(x, 10, 4, &o);
	assert_near(o.loadings[3], 0.512212311402692, 1e-7);
	assert_near(o.omega, 0.781468354891727, 1e-8);
	omega_release(&o);
}

static void omega_does_not_depend_on_sign_or_scale(void **state)
{
	(void)state;
	double x[10 * 3];
	for (size_t i = 0; i < 30; i++)
		x[i] = -4 * example[i] + 7; /* every item reversed and stretched: same correlations */
	struct omega o;
	omega_compute(x, 10, 3, &o);
	assert_near(o.omega, 0.786041725752282, 1e-8);
	assert_true(o.loadings[0] > 0); /* the sign is chosen so that Σλ ≥ 0 */
	omega_release(&o);
}

static void omega_leaves_out_incomplete_rows(void **state)
{
	(void)state;
	double x[11 * 3];
	for (size_t i = 0; i < 30; i++)
		x[i] = example[i];
	x[30] = 1, x[31] = NAN, x[32] = 3;
	struct omega o;
	omega_compute(x, 11, 3, &o);
	assert_int_equal(o.n_rows, 10);
	assert_near(o.omega, 0.786041725752282, 1e-8);
	omega_release(&o);
}

static void omega_needs_two_items_three_rows_and_variance(void **state)
{
	(void)state;
	struct omega o;
	omega_compute(example, 10, 1, &o);
	assert_true(isnan(o.omega));
	omega_release(&o);
	omega_compute(example, 2, 3, &o);
	assert_true(isnan(o.omega));
	omega_release(&o);
	const double flat[4 * 2] = {3, 1, 3, 2, 3, 3, 3, 4};
	omega_compute(flat, 4, 2, &o);
	assert_int_equal(o.n_rows, 4);
	assert_true(isnan(o.omega));
	omega_release(&o);
	assert_int_equal(omega_compute(example, 10, 0, &o), -1);
	omega_release(NULL);
}

static void floor_and_ceiling_are_counted_on_the_score_range(void **state)
{
	(void)state;
	struct item it = {.type = ITEM_LIKERT5};
	double lo, hi;
	item_score_range(&it, &lo, &hi);
	assert_near(lo, 0, 0);
	assert_near(hi, 1, 0);
	struct item_counts c = {0};
	const double s[8] = {0, 0, 0.25, 0.5, 0.75, 1, 1, 1};
	for (size_t i = 0; i < 8; i++)
		item_counts_add_score(&c, s[i], lo, hi);
	assert_int_equal(c.given, 8);
	assert_int_equal(c.at_floor, 2);
	assert_int_equal(c.at_ceiling, 3);
	const struct item_option opts[3] = {{.points = 0.2}, {.points = 0.9}, {.points = 0.5}};
	struct item choice = {.type = ITEM_CHOICE, .options = opts, .n_options = 3};
	item_score_range(&choice, &lo, &hi);
	assert_near(lo, 0.2, 0);
	assert_near(hi, 0.9, 0);
	struct item yesno = {.type = ITEM_YESNO, .yes_points = 1, .no_points = 0};
	item_score_range(&yesno, &lo, &hi);
	assert_near(lo, 0, 0);
	assert_near(hi, 1, 0);
}

static void shares_and_flags_follow_the_thresholds(void **state)
{
	(void)state;
	/* 100 asked: 70 given, 20 "weet ik niet", 10 unanswered; of the given 7 at
	 * the floor (10 %, not flagged) and 14 at the ceiling (20 %, flagged) */
	struct item_counts c = {.given = 70, .na = 20, .missing = 10, .at_floor = 7, .at_ceiling = 14};
	struct item_diag d;
	item_diag_compute(&c, 0.35, &d);
	assert_near(d.na_share, 0.20, 1e-15);
	assert_near(d.missing_share, 0.10, 1e-15);
	assert_near(d.floor_share, 0.10, 1e-15);
	assert_near(d.ceiling_share, 0.20, 1e-15);
	assert_int_equal(d.flags, ITEM_FLAG_NA | ITEM_FLAG_MISSING | ITEM_FLAG_CEILING);
	item_diag_compute(&c, 0.19, &d);
	assert_true(d.flags & ITEM_FLAG_ITEM_REST);
}

static void a_share_at_the_threshold_is_not_flagged(void **state)
{
	(void)state;
	/* exactly 15 % floor, 15 % "weet ik niet", 5 % unanswered, r = .20 */
	struct item_counts c = {.given = 80, .na = 15, .missing = 5, .at_floor = 12, .at_ceiling = 0};
	struct item_diag d;
	item_diag_compute(&c, 0.20, &d);
	assert_near(d.floor_share, 0.15, 1e-15);
	assert_int_equal(d.flags, 0);
}

static void no_answers_give_no_shares_and_no_flags(void **state)
{
	(void)state;
	struct item_counts c = {0};
	struct item_diag d;
	item_diag_compute(&c, NAN, &d);
	assert_true(isnan(d.na_share) && isnan(d.floor_share) && isnan(d.ceiling_share));
	assert_int_equal(d.flags, 0);
	c.na = 4; /* only "weet ik niet": 100 %, no floor or ceiling to speak of */
	item_diag_compute(&c, NAN, &d);
	assert_near(d.na_share, 1, 0);
	assert_true(isnan(d.floor_share));
	assert_int_equal(d.flags, ITEM_FLAG_NA);
	assert_string_equal(item_flag_key(4), "item_rest");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(omega_matches_psych_for_three_items),
		cmocka_unit_test(omega_matches_psych_for_four_items),
		cmocka_unit_test(omega_does_not_depend_on_sign_or_scale),
		cmocka_unit_test(omega_leaves_out_incomplete_rows),
		cmocka_unit_test(omega_needs_two_items_three_rows_and_variance),
		cmocka_unit_test(floor_and_ceiling_are_counted_on_the_score_range),
		cmocka_unit_test(shares_and_flags_follow_the_thresholds),
		cmocka_unit_test(a_share_at_the_threshold_is_not_flagged),
		cmocka_unit_test(no_answers_give_no_shares_and_no_flags),
	};
	return cmocka_run_group_tests_name("item_diagnostics", tests, NULL, NULL);
}

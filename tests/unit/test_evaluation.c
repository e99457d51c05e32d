/* test_evaluation.c: the interim evaluation's quantiles from merged histograms
 * (scoring/histogram.h) and its suppression rules (server/app/evaluation.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scoring/histogram.h"
#include "server/app/evaluation.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* percentile_cont over sorted v[0..n) */
static double exact(const double *v, size_t n, double p)
{
	double pos = p * (double)(n - 1);
	size_t lo = (size_t)floor(pos), hi = (size_t)ceil(pos);
	return v[lo] + (pos - (double)lo) * (v[hi] - v[lo]);
}

static void quantiles_of_merged_quarters_are_within_a_bin(void **state)
{
	(void)state;
	enum { N = 2000 };
	static double all[N];
	struct histogram *q1 = malloc(sizeof(*q1)), *q2 = malloc(sizeof(*q2)), *sum = malloc(sizeof(*sum));
	hist_init(q1);
	hist_init(q2);
	hist_init(sum);
	srand(7);
	for (int i = 0; i < N; i++) {
		all[i] = (double)(rand() % 100001) / 1000.0; /* 0.000 … 100.000 */
		hist_add(i % 3 ? q1 : q2, all[i]);
	}
	/* the two quarters as stored: sparse bins */
	const struct histogram *parts[2] = {q1, q2};
	for (int p = 0; p < 2; p++) {
		static long bins[HIST_BINS], counts[HIST_BINS];
		static double sums[HIST_BINS];
		size_t m = 0;
		for (int b = 0; b < HIST_BINS; b++)
			if (parts[p]->count[b]) {
				bins[m] = b;
				sums[m] = parts[p]->bin_sum[b];
				counts[m++] = parts[p]->count[b];
			}
		assert_int_equal(hist_add_part(sum, bins, counts, sums, m, parts[p]->n, parts[p]->sum, parts[p]->min,
					       parts[p]->max), 0);
	}
	qsort(all, N, sizeof(double), cmp_double);
	struct box_plot b;
	hist_box(sum, &b);
	assert_int_equal(b.n, N);
	assert_true(b.min == all[0]);
	assert_true(b.max == all[N - 1]);
	const double ps[] = {0.25, 0.5, 0.75};
	const double got[] = {b.q1, b.median, b.q3};
	for (int i = 0; i < 3; i++)
		assert_true(fabs(got[i] - exact(all, N, ps[i])) <= HIST_BIN_WIDTH + 1e-9);
	double mean = 0;
	for (int i = 0; i < N; i++)
		mean += all[i];
	assert_true(fabs(b.mean - mean / N) < 1e-9);
	free(q1);
	free(q2);
	free(sum);
}

/* Scores from answer options (0, 6.25, 12.5, …): every bin holds one value,
 * so the quartiles are exact. */
static void scores_on_few_values_give_exact_quartiles(void **state)
{
	(void)state;
	enum { N = 341 };
	static double v[N];
	struct histogram *h = malloc(sizeof(*h));
	hist_init(h);
	for (int i = 0; i < N; i++) {
		v[i] = 6.25 * (double)((i * 7) % 17);
		hist_add(h, v[i]);
	}
	qsort(v, N, sizeof(double), cmp_double);
	const double ps[] = {0.1, 0.25, 0.5, 0.75, 0.9};
	for (int i = 0; i < 5; i++)
		assert_true(fabs(hist_quantile(h, ps[i]) - exact(v, N, ps[i])) < 1e-9);
	free(h);
}

static void bins_hold_their_lower_edge_and_100(void **state)
{
	(void)state;
	assert_int_equal(hist_bin_of(0), 0);
	assert_int_equal(hist_bin_of(0.3), 3);       /* 0.3 / 0.1 is 2.999… in binary */
	assert_int_equal(hist_bin_of(62.45), 624);
	assert_int_equal(hist_bin_of(100), HIST_BINS - 1);
	assert_int_equal(hist_bin_of(-4), 0);
	assert_int_equal(hist_bin_of(140), HIST_BINS - 1);
}

static void a_part_that_does_not_add_up_is_refused(void **state)
{
	(void)state;
	struct histogram *h = malloc(sizeof(*h));
	hist_init(h);
	long bins[] = {10, 20}, counts[] = {2, 3}, bad_bin[] = {10, HIST_BINS};
	assert_int_equal(hist_add_part(h, bins, counts, NULL, 2, 6, 10, 1, 2), -1);
	assert_int_equal(hist_add_part(h, bad_bin, counts, NULL, 2, 5, 10, 1, 2), -1);
	assert_int_equal(h->n, 0);
	assert_true(isnan(hist_quantile(h, 0.5)));
	assert_int_equal(hist_add_part(h, bins, counts, NULL, 2, 5, 8.5, 1.0, 2.05), 0);
	assert_true(fabs(hist_quantile(h, 0.5) - 2.05) < 1e-9); /* bin 20's centre, kept within max */
	free(h);
}

static void one_score_is_itself(void **state)
{
	(void)state;
	struct histogram *h = malloc(sizeof(*h));
	hist_init(h);
	hist_add(h, 42.37);
	struct box_plot b;
	hist_box(h, &b);
	assert_true(b.min == 42.37 && b.max == 42.37 && b.q1 == 42.37 && b.median == 42.37 && b.q3 == 42.37);
	free(h);
}

static void period_checks(void **state)
{
	(void)state;
	struct eval_period p;
	assert_int_equal(evaluation_period_parse("2026-02-10", "2026-11-30", &p), EVAL_PERIOD_OK);
	assert_string_equal(p.from_q, "2026-01-01");
	assert_string_equal(p.to_q, "2026-10-01");
	assert_int_equal(evaluation_period_parse("2026-05-01", "2026-04-30", &p), EVAL_PERIOD_ORDER);
	assert_int_equal(evaluation_period_parse("", "2026-04-30", &p), EVAL_PERIOD_MISSING);
	assert_int_equal(evaluation_period_parse("2026-02-30", "2026-04-30", &p), EVAL_PERIOD_BAD_FROM);
	assert_int_equal(evaluation_period_parse("2026-01-01", "31-12-2026", &p), EVAL_PERIOD_BAD_TO);
	assert_int_equal(evaluation_period_parse("2026-03-01", "2026-03-01", &p), EVAL_PERIOD_OK);
}

static void counts_just_under_k_are_hidden_and_at_k_shown(void **state)
{
	(void)state;
	struct evaluation e;
	memset(&e, 0, sizeof(e));
	e.funnel[EVAL_FUNNEL_INVITED].n = 5;
	e.funnel[EVAL_FUNNEL_STARTED].n = 4;
	e.funnel[EVAL_FUNNEL_SUBMITTED].n = 0;
	struct eval_box boxes[2] = {{"pillar", "a", "A", {4, 1, 2, 3, 4, 5, 3}, 1},
				    {"pillar", "b", "B", {5, 1, 2, 3, 4, 5, 3}, 0}};
	e.boxes = boxes;
	e.n_boxes = 2;
	struct eval_change ch[2] = {{"a", "A", 4, 2.5, 1}, {"b", "B", 5, -1.0, 0}};
	e.changes = ch;
	e.n_changes = 2;
	evaluation_suppress(&e, 5);
	assert_int_equal(e.funnel[EVAL_FUNNEL_INVITED].state, CELL_SHOWN);
	assert_int_equal(e.funnel[EVAL_FUNNEL_INVITED].n, 5);
	assert_int_equal(e.funnel[EVAL_FUNNEL_STARTED].state, CELL_PRIMARY);
	assert_int_equal(e.funnel[EVAL_FUNNEL_STARTED].n, -1);
	assert_int_equal(e.funnel[EVAL_FUNNEL_SUBMITTED].state, CELL_EMPTY);
	assert_false(boxes[0].shown);
	assert_true(isnan(boxes[0].box.median) && isnan(boxes[0].box.min));
	assert_true(boxes[1].shown);
	assert_false(ch[0].shown);
	assert_true(isnan(ch[0].mean));
	assert_true(ch[1].shown && ch[1].mean == -1.0);
}

static void a_small_table_cell_takes_the_next_smallest_with_it(void **state)
{
	(void)state;
	struct evaluation e;
	memset(&e, 0, sizeof(e));
	/* actions: done 20, open 3 (< k), overdue 6, dropped 9: the total 38 is known */
	e.actions[EVAL_ACTION_DONE].n = 20;
	e.actions[EVAL_ACTION_OPEN].n = 3;
	e.actions[EVAL_ACTION_OVERDUE].n = 6;
	e.actions[EVAL_ACTION_DROPPED].n = 9;
	struct eval_offer offers[3] = {{"1", "X", {"1", "X", 12, 0}, {"1", "X", 4, 0}},
				       {"2", "Y", {"2", "Y", 2, 0}, {"2", "Y", 1, 0}},
				       {"3", "Z", {"3", "Z", 7, 0}, {"3", "Z", 6, 0}}};
	e.offers = offers;
	e.n_offers = 3;
	evaluation_suppress(&e, 5);
	assert_int_equal(e.actions[EVAL_ACTION_OPEN].state, CELL_PRIMARY);
	assert_int_equal(e.actions[EVAL_ACTION_OVERDUE].state, CELL_SECONDARY);
	assert_int_equal(e.actions[EVAL_ACTION_OVERDUE].n, -1);
	assert_int_equal(e.actions[EVAL_ACTION_DONE].state, CELL_SHOWN);
	assert_int_equal(e.actions[EVAL_ACTION_DROPPED].state, CELL_SHOWN);
	/* offers: Y 2 primary, Z 7 secondary (the smallest shown), their take-up hidden with them */
	assert_int_equal(offers[1].chosen.state, CELL_PRIMARY);
	assert_int_equal(offers[2].chosen.state, CELL_SECONDARY);
	assert_int_equal(offers[1].taken_up.n, -1);
	assert_int_equal(offers[2].taken_up.n, -1);
	assert_int_equal(offers[0].chosen.state, CELL_SHOWN);
	assert_int_equal(offers[0].taken_up.state, CELL_PRIMARY); /* 4 < k on its own */
	/* idempotent */
	evaluation_suppress(&e, 5);
	assert_int_equal(e.actions[EVAL_ACTION_DONE].n, 20);
	assert_int_equal(e.actions[EVAL_ACTION_OVERDUE].state, CELL_SECONDARY);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quantiles_of_merged_quarters_are_within_a_bin),
		cmocka_unit_test(scores_on_few_values_give_exact_quartiles),
		cmocka_unit_test(bins_hold_their_lower_edge_and_100),
		cmocka_unit_test(a_part_that_does_not_add_up_is_refused),
		cmocka_unit_test(one_score_is_itself),
		cmocka_unit_test(period_checks),
		cmocka_unit_test(counts_just_under_k_are_hidden_and_at_k_shown),
		cmocka_unit_test(a_small_table_cell_takes_the_next_smallest_with_it),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_peer.c: peer-group choice and peer statistics (quartiles as PostgreSQL percentile_cont). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "scoring/peer.h"
#include "tests/unit/unit_test.h"
#include "common/banned.h"

static void sector_group_used_when_it_has_k_peers(void **state)
{
	(void)state;
	assert_int_equal(peer_group_choose(5, 10, 100, 5), PEER_GROUP_SECTOR);
}

static void falls_back_to_size_class_below_k(void **state)
{
	(void)state;
	assert_int_equal(peer_group_choose(4, 5, 100, 5), PEER_GROUP_SIZE_CLASS);
}

static void falls_back_to_all_then_none(void **state)
{
	(void)state;
	assert_int_equal(peer_group_choose(4, 4, 5, 5), PEER_GROUP_ALL);
	assert_int_equal(peer_group_choose(4, 4, 4, 5), PEER_GROUP_NONE);
	assert_string_equal(peer_group_key(PEER_GROUP_NONE), "none");
}

static void k_is_configurable_and_zero_means_default(void **state)
{
	(void)state;
	assert_int_equal(peer_group_choose(3, 0, 3, 3), PEER_GROUP_SECTOR);
	assert_int_equal(peer_group_choose(4, 4, 4, 0), PEER_GROUP_NONE);
	assert_int_equal(peer_group_choose(4, 4, 5, 0), PEER_GROUP_ALL);
}

static enum peer_size_class size_class(double fte)
{
	enum peer_size_class c = PEER_SIZE_CLASS_COUNT;
	assert_int_equal(peer_size_class_of(fte, &c), 0);
	return c;
}

static void size_classes_by_fte(void **state)
{
	(void)state;
	assert_int_equal(size_class(4), PEER_SIZE_10_49); /* below 10 joins the smallest class */
	assert_int_equal(size_class(49.9), PEER_SIZE_10_49);
	assert_int_equal(size_class(50), PEER_SIZE_50_99);
	assert_int_equal(size_class(199.5), PEER_SIZE_100_199);
	assert_int_equal(size_class(200), PEER_SIZE_200_PLUS);
	assert_int_equal(size_class(350), PEER_SIZE_200_PLUS);
	enum peer_size_class c;
	assert_int_equal(peer_size_class_of(-1, &c), -1);
	assert_int_equal(peer_size_class_of(NAN, &c), -1);
	assert_string_equal(peer_size_class_key(PEER_SIZE_200_PLUS), "fte_200_plus");
}

/* percentile_cont over {10, 20, 30, 40}: 0.25 → pos 0.75 → 17.5; 0.5 → 25;
 * 0.75 → pos 2.25 → 32.5 (SELECT percentile_cont(0.25) WITHIN GROUP (ORDER BY x)
 * FROM unnest('{10,20,30,40}'::float8[]) x gives 17.5). */
static void quartiles_interpolate_like_percentile_cont(void **state)
{
	(void)state;
	const double v[] = {40, 10, 30, 20};
	struct peer_stats s;
	assert_int_equal(peer_stats_compute(v, 4, 25, NULL, &s), 0);
	assert_near(s.p25, 17.5, 1e-12);
	assert_near(s.median, 25, 1e-12);
	assert_near(s.p75, 32.5, 1e-12);
}

/* Sorted: 10 30 50 50 50 70 90. p25 pos 1.5 → 40; median pos 3 → 50; p75 pos 4.5 → 60.
 * Own 50: 2 below, 3 equal → 100 × (2 + 1.5)/7 = 50. Mean 50; Σ(x−50)² = 4000,
 * sd = sqrt(4000/6) = 25.819888974716112. */
static void ties_count_half_in_the_percentile_rank(void **state)
{
	(void)state;
	const double v[] = {50, 50, 70, 30, 50, 90, 10};
	struct peer_stats s;
	assert_int_equal(peer_stats_compute(v, 7, 50, NULL, &s), 0);
	assert_near(s.percentile_rank, 50, 1e-12);
	assert_near(s.p25, 40, 1e-12);
	assert_near(s.median, 50, 1e-12);
	assert_near(s.p75, 60, 1e-12);
	assert_near(s.mean, 50, 1e-12);
	assert_near(s.sd, 25.819888974716112, 1e-12);
}

static void rank_of_a_score_below_and_above_everyone(void **state)
{
	(void)state;
	const double v[] = {20, 30, 40, 50, 60};
	struct peer_stats s;
	peer_stats_compute(v, 5, 10, NULL, &s);
	assert_near(s.percentile_rank, 0, 0);
	peer_stats_compute(v, 5, 61, NULL, &s);
	assert_near(s.percentile_rank, 100, 0);
	peer_stats_compute(v, 5, NAN, NULL, &s);
	assert_true(isnan(s.percentile_rank));
}

static void one_peer_has_no_sd(void **state)
{
	(void)state;
	const double v[] = {42};
	struct peer_stats s;
	assert_int_equal(peer_stats_compute(v, 1, 42, NULL, &s), 0);
	assert_true(isnan(s.sd));
	assert_near(s.p25, 42, 0);
	assert_near(s.p75, 42, 0);
	assert_near(s.percentile_rank, 50, 0);
}

static void two_peers_interpolate(void **state)
{
	(void)state;
	const double v[] = {100, 0};
	struct peer_stats s;
	peer_stats_compute(v, 2, 0, NULL, &s);
	assert_near(s.p25, 25, 1e-12);
	assert_near(s.median, 50, 1e-12);
	assert_near(s.p75, 75, 1e-12);
}

static void invalid_peer_scores_are_skipped(void **state)
{
	(void)state;
	const double v[] = {NAN, 10, INFINITY, 20};
	struct peer_stats s;
	assert_int_equal(peer_stats_compute(v, 4, 15, NULL, &s), 0);
	assert_int_equal(s.n, 2);
	assert_near(s.mean, 15, 0);
	const double none[] = {NAN};
	assert_int_equal(peer_stats_compute(none, 1, 15, NULL, &s), -1);
	assert_int_equal(s.n, 0);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double reference_cont(const double *sorted, size_t n, double p)
{
	double pos = p * (double)(n - 1);
	size_t k = (size_t)floor(pos);
	return k + 1 < n ? sorted[k] + (pos - (double)k) * (sorted[k + 1] - sorted[k]) : sorted[k];
}

/* Selection must agree with sorting on random data full of ties (scores are discrete). */
static void quartiles_agree_with_sorting_on_random_data(void **state)
{
	(void)state;
	uint64_t s = 12345;
	for (int run = 0; run < 500; run++) {
		size_t n = 1 + (size_t)(run % 97);
		double v[100], sorted[100], scratch[100];
		for (size_t i = 0; i < n; i++) {
			s = s * 6364136223846793005ULL + 1442695040888963407ULL;
			v[i] = (double)((s >> 33) % (run % 2 ? 7 : 1000)) * 2.5;
			sorted[i] = v[i];
		}
		qsort(sorted, n, sizeof(double), cmp_double);
		struct peer_stats st;
		peer_stats_compute(v, n, v[0], scratch, &st);
		assert_near(st.p25, reference_cont(sorted, n, 0.25), 1e-9);
		assert_near(st.median, reference_cont(sorted, n, 0.5), 1e-9);
		assert_near(st.p75, reference_cont(sorted, n, 0.75), 1e-9);
	}
}

/* Above 4096 values the histogram path runs; it must agree with sorting for
 * discrete scores, continuous values, negative values, a far outlier (everything
 * else in one bucket) and all-equal data. */
static void large_peer_groups_agree_with_sorting(void **state)
{
	(void)state;
	enum { N = 20011 };
	static double v[N], sorted[N], scratch[N];
	uint64_t s = 777;
	for (int kind = 0; kind < 5; kind++) {
		for (size_t i = 0; i < N; i++) {
			s = s * 6364136223846793005ULL + 1442695040888963407ULL;
			double u = (double)(s >> 11) / 9007199254740992.0;
			v[i] = kind == 0 ? floor(u * 25) * 4.0 : kind == 1 ? u * 100 : kind == 2 ? u * 200 - 100
			     : kind == 3 ? (i == 17 ? 1e300 : u * 100) : 42.0;
			sorted[i] = v[i];
		}
		qsort(sorted, N, sizeof(double), cmp_double);
		struct peer_stats st;
		peer_stats_compute(v, N, 50, scratch, &st);
		assert_near(st.p25, reference_cont(sorted, N, 0.25), 1e-9);
		assert_near(st.median, reference_cont(sorted, N, 0.5), 1e-9);
		assert_near(st.p75, reference_cont(sorted, N, 0.75), 1e-9);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sector_group_used_when_it_has_k_peers),
		cmocka_unit_test(falls_back_to_size_class_below_k),
		cmocka_unit_test(falls_back_to_all_then_none),
		cmocka_unit_test(k_is_configurable_and_zero_means_default),
		cmocka_unit_test(size_classes_by_fte),
		cmocka_unit_test(quartiles_interpolate_like_percentile_cont),
		cmocka_unit_test(ties_count_half_in_the_percentile_rank),
		cmocka_unit_test(rank_of_a_score_below_and_above_everyone),
		cmocka_unit_test(one_peer_has_no_sd),
		cmocka_unit_test(two_peers_interpolate),
		cmocka_unit_test(invalid_peer_scores_are_skipped),
		cmocka_unit_test(quartiles_agree_with_sorting_on_random_data),
		cmocka_unit_test(large_peer_groups_agree_with_sorting),
	};
	return cmocka_run_group_tests_name("peer", tests, NULL, NULL);
}

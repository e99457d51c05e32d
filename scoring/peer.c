/* peer.c: peer-group choice and benchmark statistics; see peer.h. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "scoring/peer.h"
#include "common/banned.h"

int peer_size_class_of(double fte, enum peer_size_class *out)
{
	if (!isfinite(fte) || fte < 0)
		return -1;
	if (fte < 50)
		*out = PEER_SIZE_10_49;
	else if (fte < 100)
		*out = PEER_SIZE_50_99;
	else if (fte < 200)
		*out = PEER_SIZE_100_199;
	else
		*out = PEER_SIZE_200_PLUS;
	return 0;
}

const char *peer_size_class_key(enum peer_size_class c)
{
	static const char *const keys[] = {"fte_10_49", "fte_50_99", "fte_100_199", "fte_200_plus"};
	return (unsigned)c < PEER_SIZE_CLASS_COUNT ? keys[c] : "?";
}

enum peer_group peer_group_choose(size_t n_sector, size_t n_size_class, size_t n_all, size_t k)
{
	if (k == 0)
		k = PEER_K_DEFAULT;
	if (n_sector >= k)
		return PEER_GROUP_SECTOR;
	if (n_size_class >= k)
		return PEER_GROUP_SIZE_CLASS;
	if (n_all >= k)
		return PEER_GROUP_ALL;
	return PEER_GROUP_NONE;
}

const char *peer_group_key(enum peer_group g)
{
	static const char *const keys[] = {"sector", "size_class", "all", "none"};
	return (unsigned)g <= PEER_GROUP_NONE ? keys[g] : "?";
}

static void swap(double *a, double *b)
{
	double t = *a;
	*a = *b;
	*b = t;
}

/* Rearranges a[0..n) so that a[k] holds the k-th smallest value, everything
 * before it is <= and everything after it >=. Three-way partitioning keeps the
 * many equal scores (answers are discrete) from degrading to quadratic time. */
static void select_kth(double *a, size_t n, size_t k)
{
	size_t lo = 0, hi = n; /* the k-th element lies in a[lo..hi) */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		double x = a[lo], y = a[mid], z = a[hi - 1];
		double pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
		/* a[lo..lt) < pivot, a[lt..i) == pivot, a[gt..hi) > pivot */
		size_t lt = lo, i = lo, gt = hi;
		while (i < gt) {
			if (a[i] < pivot)
				swap(&a[lt++], &a[i++]);
			else if (a[i] > pivot)
				swap(&a[i], &a[--gt]);
			else
				i++;
		}
		if (k < lt)
			hi = lt;
		else if (k >= gt)
			lo = gt;
		else
			return;
	}
}

static double min_of(const double *a, size_t n)
{
	double m = a[0];
	for (size_t i = 1; i < n; i++)
		if (a[i] < m)
			m = a[i];
	return m;
}

/* Order statistics at ascending `ranks` by repeated selection: after selecting
 * rank k, a[k+1..m) holds exactly the statistics above k, so the next search
 * only looks there, and rank k + 1 is simply the smallest of them. */
static void order_stats_select(double *a, size_t m, const size_t *ranks, double *vals, size_t nr)
{
	size_t from = 0; /* a[from..m) holds order statistics from..m−1 */
	for (size_t i = 0; i < nr; i++) {
		size_t k = ranks[i];
		if (i > 0 && k == ranks[i - 1]) {
			vals[i] = vals[i - 1];
		} else if (i > 0 && k == from && k == ranks[i - 1] + 1) {
			vals[i] = min_of(a + k, m - k);
		} else {
			select_kth(a + from, m - from, k - from);
			vals[i] = a[k];
			from = k + 1;
		}
	}
}

#define BUCKETS 65536
#define BUCKET_MIN_N 4096 /* below this, selection alone is as fast */

static size_t bucket_of(double x, double lo, double scale)
{
	size_t b = (size_t)((x - lo) * scale); /* monotone in x: buckets keep the order */
	return b < BUCKETS ? b : BUCKETS - 1;
}

/* The same by a histogram over BUCKETS equal-width buckets of [lo, hi]: one pass
 * counts, one gathers the few buckets that hold the wanted ranks, and selection
 * runs only inside those. Branch-light passes instead of partitioning all n
 * values several times; scores cluster on few distinct values, so the gathered
 * buckets are small. Requires lo < hi, both finite, with a finite difference. */
static void order_stats_buckets(const double *a, size_t m, double lo, double hi, const size_t *ranks,
				double *vals, size_t nr)
{
	double scale = (double)(BUCKETS - 1) / (hi - lo);
	uint32_t *count = calloc(BUCKETS, sizeof(*count));
	uint8_t *slot = calloc(BUCKETS, 1); /* 1 + index of a wanted bucket, or 0 */
	if (!count || !slot)
		abort();
	for (size_t i = 0; i < m; i++)
		count[bucket_of(a[i], lo, scale)]++;
	size_t bucket[6], within[6], off[7], fill[7], n_slots = 0, total = 0;
	size_t b = 0, before = 0;
	for (size_t i = 0; i < nr; i++) {
		while (before + count[b] <= ranks[i])
			before += count[b++];
		bucket[i] = b;
		within[i] = ranks[i] - before;
		if (!slot[b]) {
			slot[b] = (uint8_t)++n_slots;
			off[n_slots] = fill[n_slots] = total;
			total += count[b];
		}
	}
	double *g = malloc(total * sizeof(*g));
	if (!g)
		abort();
	for (size_t i = 0; i < m; i++) {
		uint8_t s = slot[bucket_of(a[i], lo, scale)];
		if (s)
			g[fill[s]++] = a[i];
	}
	for (size_t i = 0; i < nr; i++) {
		double *region = g + off[slot[bucket[i]]];
		select_kth(region, count[bucket[i]], within[i]);
		vals[i] = region[within[i]];
	}
	free(g);
	free(slot);
	free(count);
}

/* p25, median and p75 as PostgreSQL percentile_cont: pos = p × (m − 1),
 * v[floor] + frac × (v[floor + 1] − v[floor]). */
static void quartiles(double *a, size_t m, double lo, double hi, struct peer_stats *out)
{
	static const double p[3] = {0.25, 0.5, 0.75};
	size_t want[6], ranks[6];
	double frac[3], vals[6];
	for (size_t j = 0; j < 3; j++) {
		double pos = p[j] * (double)(m - 1);
		want[2 * j] = (size_t)floor(pos);
		frac[j] = pos - (double)want[2 * j];
		want[2 * j + 1] = want[2 * j] + 1 < m ? want[2 * j] + 1 : want[2 * j];
	}
	for (size_t i = 0; i < 6; i++) { /* ranks = want, sorted */
		size_t j = i, k = want[i];
		for (; j > 0 && ranks[j - 1] > k; j--)
			ranks[j] = ranks[j - 1];
		ranks[j] = k;
	}
	if (m >= BUCKET_MIN_N && lo < hi && isfinite(hi - lo))
		order_stats_buckets(a, m, lo, hi, ranks, vals, 6);
	else
		order_stats_select(a, m, ranks, vals, 6);
	double q[3];
	for (size_t j = 0; j < 3; j++) {
		double v = NAN, next = NAN;
		for (size_t i = 0; i < 6; i++) {
			if (ranks[i] == want[2 * j])
				v = vals[i];
			if (ranks[i] == want[2 * j + 1])
				next = vals[i];
		}
		q[j] = frac[j] > 0 ? v + frac[j] * (next - v) : v;
	}
	out->p25 = q[0];
	out->median = q[1];
	out->p75 = q[2];
}

int peer_stats_compute(const double *peers, size_t n, double own, double *scratch,
		       struct peer_stats *out)
{
	double *own_scratch = NULL;
	if (!scratch && n) {
		own_scratch = malloc(n * sizeof(*own_scratch));
		if (!own_scratch)
			abort();
		scratch = own_scratch;
	}
	/* One pass copies the finite values, counts for the rank and sums for the
	 * moments. Sums are of x − shift (the first value): scores lie in a small
	 * range, so shifted sums of squares do not cancel the way Σx² − n·mean² can. */
	size_t m = 0, below = 0, equal = 0;
	double shift = NAN, sum = 0, sum_sq = 0, lo = HUGE_VAL, hi = -HUGE_VAL;
	for (size_t i = 0; i < n; i++) {
		double v = peers[i];
		if (!isfinite(v))
			continue;
		if (m == 0)
			shift = v;
		scratch[m++] = v;
		below += v < own;
		equal += v == own;
		sum += v - shift;
		sum_sq += (v - shift) * (v - shift);
		lo = v < lo ? v : lo; /* not fmin: a libm call per value here */
		hi = v > hi ? v : hi;
	}
	*out = (struct peer_stats){.n = m, .mean = NAN, .sd = NAN, .p25 = NAN, .median = NAN,
				   .p75 = NAN, .percentile_rank = NAN};
	if (m == 0) {
		free(own_scratch);
		return -1;
	}
	out->mean = shift + sum / (double)m;
	if (m >= 2)
		out->sd = sqrt(fmax(0.0, (sum_sq - sum * sum / (double)m) / (double)(m - 1)));
	if (isfinite(own))
		out->percentile_rank = 100.0 * ((double)below + 0.5 * (double)equal) / (double)m;
	quartiles(scratch, m, lo, hi, out);
	free(own_scratch);
	return 0;
}

/* peer.c: peer-group choice and benchmark statistics; see peer.h. */
#include <math.h>
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

/* The state after selecting the median: a[0..kmed) are the kmed smallest values,
 * a[kmed] is order statistic kmed, a[kmed+1..n) the rest. Quartiles then search
 * only their own half, and the halves do not overlap, so no step undoes another. */
struct split {
	double *a;
	size_t n, kmed;
	double med, after_med; /* order statistics kmed and kmed + 1 (NAN when none) */
};

/* Order statistics k and k + 1 (the latter only when needed), taking them from
 * the half that holds them. */
static void stats_at(const struct split *s, size_t k, int need_next, double *v, double *next)
{
	*next = NAN;
	if (k == s->kmed) {
		*v = s->med;
		*next = s->after_med;
	} else if (k < s->kmed) {
		select_kth(s->a, s->kmed, k);
		*v = s->a[k];
		if (need_next)
			*next = k + 1 < s->kmed ? min_of(s->a + k + 1, s->kmed - k - 1) : s->med;
	} else {
		size_t from = s->kmed + 1;
		select_kth(s->a + from, s->n - from, k - from);
		*v = s->a[k];
		if (need_next && k + 1 < s->n)
			*next = min_of(s->a + k + 1, s->n - k - 1);
	}
}

/* PostgreSQL percentile_cont(p): linear interpolation at pos = p × (n − 1). */
static double percentile_cont(const struct split *s, double p)
{
	double pos = p * (double)(s->n - 1);
	size_t k = (size_t)floor(pos);
	double frac = pos - (double)k;
	double v, next;
	stats_at(s, k, frac > 0, &v, &next);
	return frac > 0 ? v + frac * (next - v) : v;
}

static void moments(const double *a, size_t n, struct peer_stats *out)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += a[i];
	out->mean = sum / (double)n;
	if (n < 2) {
		out->sd = NAN;
		return;
	}
	double ss = 0; /* two passes: no cancellation as in Σx² − n·mean² */
	for (size_t i = 0; i < n; i++)
		ss += (a[i] - out->mean) * (a[i] - out->mean);
	out->sd = sqrt(ss / (double)(n - 1));
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
	size_t m = 0, below = 0, equal = 0;
	for (size_t i = 0; i < n; i++) {
		double v = peers[i];
		if (!isfinite(v))
			continue;
		scratch[m++] = v;
		below += v < own;
		equal += v == own;
	}
	*out = (struct peer_stats){.n = m, .mean = NAN, .sd = NAN, .p25 = NAN, .median = NAN,
				   .p75 = NAN, .percentile_rank = NAN};
	if (m == 0) {
		free(own_scratch);
		return -1;
	}
	moments(scratch, m, out);
	if (isfinite(own))
		out->percentile_rank = 100.0 * ((double)below + 0.5 * (double)equal) / (double)m;
	struct split split = {.a = scratch, .n = m, .kmed = (m - 1) / 2, .after_med = NAN};
	select_kth(scratch, m, split.kmed);
	split.med = scratch[split.kmed];
	if (split.kmed + 1 < m)
		split.after_med = min_of(scratch + split.kmed + 1, m - split.kmed - 1);
	out->median = percentile_cont(&split, 0.5);
	out->p25 = percentile_cont(&split, 0.25);
	out->p75 = percentile_cont(&split, 0.75);
	free(own_scratch);
	return 0;
}

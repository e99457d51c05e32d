/* histogram.c: binned score distributions and their quantiles; see histogram.h. */
#include <assert.h>
#include <math.h>
#include <string.h>

#include "scoring/histogram.h"
#include "common/banned.h"

void hist_init(struct histogram *h)
{
	assert(h);
	memset(h, 0, sizeof(*h));
	h->min = h->max = NAN;
}

int hist_bin_of(double v)
{
	double b = floor(v / HIST_BIN_WIDTH + 1e-9); /* 0.3 / 0.1 is 2.9999…: its bin is 3 */
	return b < 0 ? 0 : b > HIST_BINS - 1 ? HIST_BINS - 1 : (int)b;
}

void hist_add(struct histogram *h, double v)
{
	if (!isfinite(v))
		return;
	int b = hist_bin_of(v);
	h->count[b]++;
	h->bin_sum[b] += v;
	h->sum += v;
	h->min = h->n == 0 || v < h->min ? v : h->min;
	h->max = h->n == 0 || v > h->max ? v : h->max;
	h->n++;
}

int hist_add_part(struct histogram *h, const long *bins, const long *counts, const double *sums, size_t m,
		  long n, double sum, double min, double max)
{
	long total = 0;
	for (size_t i = 0; i < m; i++) {
		if (bins[i] < 0 || bins[i] >= HIST_BINS || counts[i] < 0)
			return -1;
		total += counts[i];
	}
	if (total != n || n <= 0 || !isfinite(sum) || !isfinite(min) || !isfinite(max))
		return -1;
	for (size_t i = 0; i < m; i++) {
		h->count[bins[i]] += counts[i];
		h->bin_sum[bins[i]] += sums ? sums[i] : (double)counts[i] * (bins[i] + 0.5) * HIST_BIN_WIDTH;
	}
	h->min = h->n == 0 || min < h->min ? min : h->min;
	h->max = h->n == 0 || max > h->max ? max : h->max;
	h->n += n;
	h->sum += sum;
	return 0;
}

/* The value of the score with 0-based rank r: the mean of its bin. */
static double value_at(const struct histogram *h, long r)
{
	long seen = 0;
	for (int b = 0; b < HIST_BINS; b++) {
		seen += h->count[b];
		if (seen > r) {
			double v = h->bin_sum[b] / (double)h->count[b];
			return v < h->min ? h->min : v > h->max ? h->max : v;
		}
	}
	return h->max;
}

double hist_quantile(const struct histogram *h, double p)
{
	assert(p >= 0 && p <= 1);
	if (h->n <= 0)
		return NAN;
	if (p == 0)
		return h->min;
	if (p == 1)
		return h->max;
	double pos = p * (double)(h->n - 1);
	long lo = (long)floor(pos), hi = (long)ceil(pos);
	double a = value_at(h, lo), b = hi == lo ? a : value_at(h, hi);
	return a + (pos - (double)lo) * (b - a);
}

void hist_box(const struct histogram *h, struct box_plot *out)
{
	out->n = h->n;
	out->min = h->n ? h->min : NAN;
	out->max = h->n ? h->max : NAN;
	out->q1 = hist_quantile(h, 0.25);
	out->median = hist_quantile(h, 0.5);
	out->q3 = hist_quantile(h, 0.75);
	out->mean = h->n ? h->sum / (double)h->n : NAN;
}

/* histogram.h: score distributions kept as counts in fixed bins, so that the
 * distributions of separate periods (quarters) can be added up and a box plot
 * read from the sum. Quantiles themselves cannot be added; bin counts can.
 *
 * Bins are HIST_BIN_WIDTH (0.1) wide on the 0–100 score scale: bin b counts
 * scores in [b/10, b/10 + 0.1), the last bin also holds 100; values outside
 * 0–100 are clamped into the first or last bin. Per bin the sum of its scores
 * is kept beside the count, and n, sum, min and max exactly (all of them add
 * up), so the mean, minimum and maximum are exact and the quartiles are
 * bin-accurate: a score is read as the mean of its bin, which is within one
 * bin (0.1 point) of percentile_cont over the same scores, and exact when the
 * scores in a bin are equal — the usual case, as scores come from a few
 * answer options. Pure module; no allocation. */
#ifndef FPHC_HISTOGRAM_H
#define FPHC_HISTOGRAM_H

#include <stddef.h>

#define HIST_BINS 1001
#define HIST_BIN_WIDTH 0.1

struct histogram {
	long n;               /* scores counted */
	double sum, min, max; /* exact; min/max NAN while n == 0 */
	long count[HIST_BINS];
	double bin_sum[HIST_BINS];  /* sum of the scores in each bin */
};

/* The five numbers of a box plot, the mean and n; NAN when n == 0. */
struct box_plot {
	long n;
	double min, q1, median, q3, max, mean;
};

/* Empties h. */
void hist_init(struct histogram *h);
/* The bin of score v (clamped to 0..HIST_BINS-1); v must be finite. */
int hist_bin_of(double v);
/* Counts one finite score; NAN and infinities are ignored. */
void hist_add(struct histogram *h, double v);
/* Adds a stored part: m sparse (bin, count, sum) triples that hold n scores
 * with the given exact sum, min and max (sums NULL: each score counts as its
 * bin's centre). Bins outside 0..HIST_BINS-1 and negative
 * counts are refused. 0, or -1 (h unchanged) when the part is inconsistent
 * (its counts do not add up to n). */
int hist_add_part(struct histogram *h, const long *bins, const long *counts, const double *sums, size_t m,
		  long n, double sum, double min, double max);
/* The p-quantile (0 <= p <= 1) as percentile_cont defines it, with each score
 * taken as the mean of its bin and the result kept within [min, max].
 * NAN when h is empty. */
double hist_quantile(const struct histogram *h, double p);
/* The box plot of h. */
void hist_box(const struct histogram *h, struct box_plot *out);

#endif

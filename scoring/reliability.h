/* reliability.h: Cronbach's alpha and item statistics over a matrix of item scores (for the research exports).
 *
 * The matrix is row-major: one row per scan, one column per item, `rows × cols`
 * doubles. A missing value is NAN. Rows with any missing value are left out
 * whole (listwise deletion, as SPSS RELIABILITY and R's ltm::cronbach.alpha with
 * na.rm = TRUE do), so every statistic is computed over the same respondents.
 * Variances and covariances use n − 1; alpha does not depend on that choice. */
#ifndef FPHC_RELIABILITY_H
#define FPHC_RELIABILITY_H

#include <stddef.h>

struct reliability {
	size_t n_items;           /* cols */
	size_t n_rows;            /* rows used: complete rows only */
	/* alpha = k/(k−1) × (1 − Σ var(item) / var(total)); NAN when k < 2, fewer
	 * than 2 complete rows, or the total has no variance. */
	double alpha;
	/* Per item (n_items entries): Pearson correlation of the item with the sum
	 * of the other items (NAN when either has no variance or k < 2), and alpha
	 * of the scale without the item (NAN when k < 3). Owned by the struct. */
	double *item_rest;
	double *alpha_if_deleted;
};

/* Computes the statistics into *out (release with reliability_release). Returns
 * 0, or -1 for cols == 0 (nothing allocated then). Fewer than two complete rows
 * is not a failure: the numbers are NAN and n_rows says why. */
int reliability_compute(const double *scores, size_t rows, size_t cols, struct reliability *out);
/* Frees the arrays; NULL and twice are fine. */
void reliability_release(struct reliability *r);

#endif

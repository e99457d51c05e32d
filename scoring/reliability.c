/* reliability.c: Cronbach's alpha, item–rest correlations and alpha-if-deleted; see reliability.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scoring/reliability.h"
#include "common/banned.h"

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p)
		abort();
	return p;
}

static int row_complete(const double *row, size_t cols)
{
	for (size_t j = 0; j < cols; j++)
		if (isnan(row[j]))
			return 0;
	return 1;
}

/* Sample covariance matrix (k × k) of the complete rows; returns their number. */
static size_t covariance(const double *x, size_t rows, size_t k, double *cov)
{
	double *mean = xcalloc(k, sizeof(*mean));
	size_t n = 0;
	for (size_t r = 0; r < rows; r++) {
		const double *row = x + r * k;
		if (!row_complete(row, k))
			continue;
		n++;
		for (size_t j = 0; j < k; j++)
			mean[j] += row[j];
	}
	for (size_t j = 0; j < k && n; j++)
		mean[j] /= (double)n;
	for (size_t r = 0; r < rows && n >= 2; r++) {
		const double *row = x + r * k;
		if (!row_complete(row, k))
			continue;
		for (size_t i = 0; i < k; i++)
			for (size_t j = i; j < k; j++)
				cov[i * k + j] += (row[i] - mean[i]) * (row[j] - mean[j]);
	}
	for (size_t i = 0; i < k && n >= 2; i++)
		for (size_t j = i; j < k; j++) {
			cov[i * k + j] /= (double)(n - 1);
			cov[j * k + i] = cov[i * k + j];
		}
	free(mean);
	return n;
}

static double alpha_of(double k, double sum_var, double total_var)
{
	if (k < 2 || !(total_var > 0))
		return NAN;
	return k / (k - 1) * (1 - sum_var / total_var);
}

int reliability_compute(const double *scores, size_t rows, size_t cols, struct reliability *out)
{
	memset(out, 0, sizeof(*out));
	if (cols == 0)
		return -1;
	size_t k = cols;
	double *cov = xcalloc(k * k, sizeof(*cov));
	out->n_items = k;
	out->n_rows = covariance(scores, rows, k, cov);
	out->item_rest = xcalloc(k, sizeof(double));
	out->alpha_if_deleted = xcalloc(k, sizeof(double));
	double total = 0, sum_var = 0;
	for (size_t i = 0; i < k * k; i++)
		total += cov[i];
	for (size_t i = 0; i < k; i++)
		sum_var += cov[i * k + i];
	int enough = out->n_rows >= 2;
	out->alpha = enough ? alpha_of((double)k, sum_var, total) : NAN;
	for (size_t i = 0; i < k; i++) {
		/* With R = total − item i: cov(i, R) = Σ_j C_ij − C_ii and
		 * var(R) = ΣC − 2 Σ_j C_ij + C_ii. */
		double row_sum = 0, v = cov[i * k + i];
		for (size_t j = 0; j < k; j++)
			row_sum += cov[i * k + j];
		double cov_rest = row_sum - v, var_rest = total - 2 * row_sum + v;
		out->item_rest[i] = enough && k >= 2 && v > 0 && var_rest > 0
					    ? cov_rest / sqrt(v * var_rest) : NAN;
		out->alpha_if_deleted[i] = enough && k >= 3
						   ? alpha_of((double)(k - 1), sum_var - v, var_rest) : NAN;
	}
	free(cov);
	return 0;
}

void reliability_release(struct reliability *r)
{
	if (!r)
		return;
	free(r->item_rest);
	free(r->alpha_if_deleted);
	r->item_rest = r->alpha_if_deleted = NULL;
}

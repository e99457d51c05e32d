/* item_diagnostics.c: shares, floor and ceiling, flags and one-factor omega; see item_diagnostics.h. */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scoring/item_diagnostics.h"
#include "common/banned.h"

#define EPS_SCORE 1e-9
#define EPS_CONVERGED 1e-24 /* Σ (change of communality)², as psych::fa(fm = "pa") measures it (its min.err) */

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p)
		abort();
	return p;
}

void item_score_range(const struct item *it, double *lowest, double *highest)
{
	double lo = 0, hi = 1;
	switch (it->type) {
	case ITEM_CHOICE:
	case ITEM_MULTI:
		lo = hi = it->n_options ? it->options[0].points : 0;
		for (size_t i = 1; i < it->n_options; i++) {
			lo = fmin(lo, it->options[i].points);
			hi = fmax(hi, it->options[i].points);
		}
		if (it->type == ITEM_MULTI) {
			/* one option is the least a multi answer can hold; all of them the most */
			double sum = 0;
			for (size_t i = 0; i < it->n_options; i++)
				sum += it->options[i].points;
			lo = it->max_points > 0 ? fmin(lo, it->max_points) / it->max_points : 0;
			hi = it->max_points > 0 ? fmin(sum, it->max_points) / it->max_points : 0;
		}
		break;
	case ITEM_NUMBER:
		lo = hi = it->n_bands ? it->bands[0].points : 0;
		for (size_t i = 1; i < it->n_bands; i++) {
			lo = fmin(lo, it->bands[i].points);
			hi = fmax(hi, it->bands[i].points);
		}
		break;
	case ITEM_YESNO:
		lo = fmin(it->yes_points, it->no_points);
		hi = fmax(it->yes_points, it->no_points);
		break;
	case ITEM_LIKERT5:
	case ITEM_TEXT:
		break;
	}
	*lowest = lo;
	*highest = hi;
}

void item_counts_add_score(struct item_counts *c, double s, double lowest, double highest)
{
	assert(!isnan(s));
	c->given++;
	if (fabs(s - lowest) <= EPS_SCORE)
		c->at_floor++;
	if (fabs(s - highest) <= EPS_SCORE)
		c->at_ceiling++;
}

static double share(size_t part, size_t whole)
{
	return whole ? (double)part / (double)whole : NAN;
}

void item_diag_compute(const struct item_counts *c, double item_rest, struct item_diag *out)
{
	size_t asked = c->given + c->na + c->missing;
	out->na_share = share(c->na, asked);
	out->missing_share = share(c->missing, asked);
	out->floor_share = share(c->at_floor, c->given);
	out->ceiling_share = share(c->at_ceiling, c->given);
	out->flags = 0;
	/* NAN compares false: no data, no flag */
	if (out->na_share > ITEM_DIAG_NA_MAX)
		out->flags |= ITEM_FLAG_NA;
	if (out->missing_share > ITEM_DIAG_MISSING_MAX)
		out->flags |= ITEM_FLAG_MISSING;
	if (out->floor_share > ITEM_DIAG_FLOOR_CEILING)
		out->flags |= ITEM_FLAG_FLOOR;
	if (out->ceiling_share > ITEM_DIAG_FLOOR_CEILING)
		out->flags |= ITEM_FLAG_CEILING;
	if (item_rest < ITEM_DIAG_ITEM_REST_MIN)
		out->flags |= ITEM_FLAG_ITEM_REST;
}

const char *item_flag_key(unsigned bit_index)
{
	static const char *const keys[ITEM_FLAG_COUNT] = {"na", "missing", "floor", "ceiling", "item_rest"};
	assert(bit_index < ITEM_FLAG_COUNT);
	return keys[bit_index];
}

/* ---- omega ---- */

static int row_complete(const double *row, size_t k)
{
	for (size_t j = 0; j < k; j++)
		if (isnan(row[j]))
			return 0;
	return 1;
}

/* The correlation matrix (k × k) of the complete rows into r; returns their
 * number. *ok is 0 when an item has no variance (r is then unusable). */
static size_t correlation(const double *x, size_t rows, size_t k, double *r, int *ok)
{
	double *mean = xcalloc(k, sizeof(*mean));
	size_t n = 0;
	for (size_t i = 0; i < rows; i++)
		if (row_complete(x + i * k, k)) {
			n++;
			for (size_t j = 0; j < k; j++)
				mean[j] += x[i * k + j];
		}
	for (size_t j = 0; j < k && n; j++)
		mean[j] /= (double)n;
	for (size_t i = 0; i < rows; i++) {
		const double *row = x + i * k;
		if (!row_complete(row, k))
			continue;
		for (size_t a = 0; a < k; a++)
			for (size_t b = a; b < k; b++)
				r[a * k + b] += (row[a] - mean[a]) * (row[b] - mean[b]);
	}
	free(mean);
	*ok = 1;
	for (size_t a = 0; a < k; a++)
		if (!(r[a * k + a] > 0))
			*ok = 0;
	if (!*ok)
		return n;
	for (size_t a = 0; a < k; a++)
		for (size_t b = a + 1; b < k; b++) {
			r[a * k + b] /= sqrt(r[a * k + a] * r[b * k + b]);
			r[b * k + a] = r[a * k + b];
		}
	for (size_t a = 0; a < k; a++)
		r[a * k + a] = 1;
	return n;
}

/* Squared multiple correlations 1 − 1/(R⁻¹)ᵢᵢ by Gauss–Jordan with partial
 * pivoting; when R is (nearly) singular, each item's largest |r| instead. */
static void smc(const double *r, size_t k, double *h2)
{
	double *a = xcalloc(k * 2 * k, sizeof(*a));
	size_t w = 2 * k;
	for (size_t i = 0; i < k; i++) {
		memcpy(a + i * w, r + i * k, k * sizeof(*a));
		a[i * w + k + i] = 1;
	}
	int singular = 0;
	for (size_t c = 0; c < k && !singular; c++) {
		size_t p = c;
		for (size_t i = c + 1; i < k; i++)
			if (fabs(a[i * w + c]) > fabs(a[p * w + c]))
				p = i;
		if (fabs(a[p * w + c]) < 1e-12) {
			singular = 1;
			break;
		}
		for (size_t j = 0; p != c && j < w; j++) {
			double t = a[c * w + j];
			a[c * w + j] = a[p * w + j];
			a[p * w + j] = t;
		}
		double d = a[c * w + c];
		for (size_t j = 0; j < w; j++)
			a[c * w + j] /= d;
		for (size_t i = 0; i < k; i++) {
			double f = a[i * w + c];
			if (i == c || f == 0)
				continue;
			for (size_t j = 0; j < w; j++)
				a[i * w + j] -= f * a[c * w + j];
		}
	}
	for (size_t i = 0; i < k; i++) {
		if (!singular) {
			h2[i] = 1 - 1 / a[i * w + k + i];
			continue;
		}
		h2[i] = 0;
		for (size_t j = 0; j < k; j++)
			if (j != i)
				h2[i] = fmax(h2[i], fabs(r[i * k + j]));
	}
	free(a);
}

/* The largest eigenvalue of the symmetric k × k matrix m and its unit
 * eigenvector, by cyclic Jacobi rotations (m is overwritten). */
static double largest_eigen(double *m, size_t k, double *vec)
{
	double *v = xcalloc(k * k, sizeof(*v));
	for (size_t i = 0; i < k; i++)
		v[i * k + i] = 1;
	for (int sweep = 0; sweep < 100; sweep++) {
		double off = 0;
		for (size_t p = 0; p < k; p++)
			for (size_t q = p + 1; q < k; q++)
				off += m[p * k + q] * m[p * k + q];
		if (off < 1e-30)
			break;
		for (size_t p = 0; p < k; p++)
			for (size_t q = p + 1; q < k; q++) {
				double apq = m[p * k + q];
				if (fabs(apq) < 1e-300)
					continue;
				double theta = (m[q * k + q] - m[p * k + p]) / (2 * apq);
				double t = (theta >= 0 ? 1 : -1) / (fabs(theta) + sqrt(theta * theta + 1));
				double c = 1 / sqrt(t * t + 1), s = t * c;
				for (size_t i = 0; i < k; i++) { /* columns p and q */
					double mip = m[i * k + p], miq = m[i * k + q];
					m[i * k + p] = c * mip - s * miq;
					m[i * k + q] = s * mip + c * miq;
				}
				for (size_t j = 0; j < k; j++) { /* rows p and q */
					double mpj = m[p * k + j], mqj = m[q * k + j];
					m[p * k + j] = c * mpj - s * mqj;
					m[q * k + j] = s * mpj + c * mqj;
				}
				for (size_t i = 0; i < k; i++) {
					double vip = v[i * k + p], viq = v[i * k + q];
					v[i * k + p] = c * vip - s * viq;
					v[i * k + q] = s * vip + c * viq;
				}
			}
	}
	size_t best = 0;
	for (size_t i = 1; i < k; i++)
		if (m[i * k + i] > m[best * k + best])
			best = i;
	for (size_t i = 0; i < k; i++)
		vec[i] = v[i * k + best];
	double e = m[best * k + best];
	free(v);
	return e;
}

int omega_compute(const double *scores, size_t rows, size_t cols, struct omega *out)
{
	memset(out, 0, sizeof(*out));
	out->omega = NAN;
	if (cols == 0)
		return -1;
	size_t k = cols;
	out->loadings = xcalloc(k, sizeof(double));
	for (size_t i = 0; i < k; i++)
		out->loadings[i] = NAN;
	double *r = xcalloc(k * k, sizeof(*r)), *m = xcalloc(k * k, sizeof(*m));
	double *h2 = xcalloc(k, sizeof(*h2)), *vec = xcalloc(k, sizeof(*vec));
	int ok;
	out->n_rows = correlation(scores, rows, k, r, &ok);
	if (k < 2 || out->n_rows < 3 || !ok)
		goto done;
	smc(r, k, h2);
	for (size_t i = 0; i < k; i++)
		h2[i] = fmin(h2[i], 1);
	double e = 0;
	for (unsigned it = 0; it < OMEGA_MAX_ITER; it++) {
		memcpy(m, r, k * k * sizeof(*m));
		for (size_t i = 0; i < k; i++)
			m[i * k + i] = h2[i];
		e = largest_eigen(m, k, vec);
		out->iterations = it + 1;
		if (!(e > 0))
			goto done;
		double change = 0;
		for (size_t i = 0; i < k; i++) {
			double l = vec[i] * sqrt(e), nh = l * l;
			if (nh > 1) {
				nh = 1;
				out->heywood = 1;
			}
			change += (nh - h2[i]) * (nh - h2[i]);
			h2[i] = nh;
			out->loadings[i] = l;
		}
		if (change <= EPS_CONVERGED)
			break;
	}
	double sum = 0, unique = 0;
	for (size_t i = 0; i < k; i++)
		sum += out->loadings[i];
	for (size_t i = 0; sum < 0 && i < k; i++)
		out->loadings[i] = -out->loadings[i];
	sum = fabs(sum);
	for (size_t i = 0; i < k; i++)
		unique += 1 - fmin(out->loadings[i] * out->loadings[i], 1);
	out->omega = sum * sum / (sum * sum + unique);
done:
	free(r);
	free(m);
	free(h2);
	free(vec);
	return 0;
}

void omega_release(struct omega *o)
{
	if (!o)
		return;
	free(o->loadings);
	o->loadings = NULL;
}

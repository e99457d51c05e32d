/* score_stats.c: group statistics of sorted scores; see score_stats.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "server/app/score_stats.h"
#include "common/text.h"
#include "common/banned.h"

void score_array_parse(const char *text, double *row, size_t n)
{
	for (size_t k = text_double_array(text, row, n); k < n; k++)
		row[k] = NAN; /* missing at the end */
}

signed char score_sector_code(const char *sector)
{
	return sector[0] >= 'A' && sector[0] <= 'Z' && !sector[1] ? (signed char)(sector[0] - 'A') : -1;
}

signed char score_size_code(const char *size_class)
{
	for (int i = 0; i < PEER_SIZE_CLASS_COUNT; i++)
		if (strcmp(size_class, peer_size_class_key((enum peer_size_class)i)) == 0)
			return (signed char)i;
	return -1;
}

static int entry_cmp(const void *a, const void *b)
{
	double x = ((const struct score_entry *)a)->v, y = ((const struct score_entry *)b)->v;
	return x < y ? -1 : x > y;
}

int score_row_name(const struct questionnaire *q, size_t k, const char **level, const char **key)
{
	if (k == 0) {
		*level = *key = "overall";
		return 0;
	}
	k--;
	for (size_t p = 0; p < q->n_pillars; p++) {
		if (k == 0) {
			*level = "pillar";
			*key = q->pillars[p].key;
			return 0;
		}
		if (k <= q->pillars[p].n_themes) {
			*level = "theme";
			*key = q->pillars[p].themes[k - 1].key;
			return 0;
		}
		k -= q->pillars[p].n_themes + 1;
	}
	return -1;
}

size_t score_column_sorted(const double *vals, size_t n, size_t stride, size_t k, struct score_entry *e)
{
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		double v = vals[i * stride + k];
		if (isfinite(v))
			e[m++] = (struct score_entry){v, (unsigned int)i};
	}
	qsort(e, m, sizeof(*e), entry_cmp);
	return m;
}

int score_column_next(struct score_column *c)
{
	while (c->k < c->stride && score_row_name(c->q, c->k, &c->level, &c->key) == 0) {
		c->n = score_column_sorted(c->vals, c->rows, c->stride, c->k, c->e);
		c->k++;
		if (c->n)
			return 1;
	}
	return 0;
}

double score_quantile(const double *v, size_t n, double p)
{
	double pos = p * (double)(n - 1);
	size_t lo = (size_t)floor(pos), hi = (size_t)ceil(pos);
	return v[lo] + (pos - (double)lo) * (v[hi] - v[lo]);
}

static void put_num(struct buf *b, double v)
{
	if (isfinite(v))
		buf_printf(b, "\t%.17g", v);
	else
		buf_puts(b, "\t\\N");
}

void score_stats_columns(struct buf *b, const double *v, size_t n)
{
	double sum = 0, ss = 0;
	for (size_t i = 0; i < n; i++)
		sum += v[i];
	double mean = sum / (double)n;
	for (size_t i = 0; i < n; i++)
		ss += (v[i] - mean) * (v[i] - mean);
	buf_printf(b, "\t%zu", n);
	put_num(b, mean);
	put_num(b, n > 1 ? sqrt(ss / (double)(n - 1)) : NAN);
	put_num(b, score_quantile(v, n, 0.25));
	put_num(b, score_quantile(v, n, 0.5));
	put_num(b, score_quantile(v, n, 0.75));
}

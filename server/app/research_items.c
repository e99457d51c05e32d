/* research_items.c: item statistics and reliability for the research group; see items.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/app/research_items.h"
#include "server/app/research_codebook.h"
#include "server/app/research_export.h"
#include "scoring/answers.h"
#include "scoring/item_diagnostics.h"
#include "scoring/reliability.h"
#include "common/buf.h"
#include "common/banned.h"

#define MAX_CODES 70 /* distribution slots per item: codes of options / scale */

struct item_acc {
	size_t n, na, missing;
	struct item_counts counts; /* the same, with floor and ceiling, for item_diagnostics.h */
	double sum, sumsq;
	size_t dist[MAX_CODES];
};

/* Distribution slot of a given answer: likert value-1, choice option, yesno yes=1/no=0,
 * multi: each chosen option counted; number: none. */
static void count_answer(const struct item *it, const struct answer *a, struct item_acc *acc)
{
	switch (it->type) {
	case ITEM_LIKERT5: acc->dist[a->likert - 1]++; break;
	case ITEM_CHOICE: if (a->option < MAX_CODES) acc->dist[a->option]++; break;
	case ITEM_YESNO: acc->dist[a->yes ? 1 : 0]++; break;
	case ITEM_MULTI:
		for (size_t o = 0; o < it->n_options && o < MAX_CODES; o++)
			if ((a->chosen >> o) & 1u)
				acc->dist[o]++;
		break;
	default: break;
	}
}

static void add_num(cJSON *o, const char *name, double v)
{
	if (isfinite(v))
		cJSON_AddNumberToObject(o, name, v);
	else
		cJSON_AddNullToObject(o, name);
}

static cJSON *distribution(const struct item *it, const struct item_acc *acc, const char *lang)
{
	cJSON *arr = cJSON_CreateArray();
	size_t n = it->type == ITEM_LIKERT5 ? 5 : it->type == ITEM_YESNO ? 2 :
		   it->type == ITEM_CHOICE || it->type == ITEM_MULTI ? it->n_options : 0;
	for (size_t i = 0; i < n && i < MAX_CODES; i++) {
		cJSON *d = cJSON_CreateObject();
		const char *label = it->type == ITEM_LIKERT5 ? text_pair_get(&it->scale[i], lang)
				    : it->type == ITEM_YESNO ? (i ? (strcmp(lang, "en") == 0 ? "yes" : "ja")
								  : (strcmp(lang, "en") == 0 ? "no" : "nee"))
				    : text_pair_get(&it->options[i].label, lang);
		cJSON_AddStringToObject(d, "label", label);
		cJSON_AddNumberToObject(d, "n", (double)acc->dist[i]);
		cJSON_AddItemToArray(arr, d);
	}
	return arr;
}

/* Percentages, the flags as keys and whether any is set (item_diagnostics.h). */
static void add_diagnostics(cJSON *io, const struct item_counts *c, double item_rest)
{
	struct item_diag d;
	item_diag_compute(c, item_rest, &d);
	add_num(io, "pct_floor", 100 * d.floor_share);
	add_num(io, "pct_ceiling", 100 * d.ceiling_share);
	cJSON *flags = cJSON_AddArrayToObject(io, "flags");
	for (unsigned b = 0; b < ITEM_FLAG_COUNT; b++)
		if (d.flags & (1u << b))
			cJSON_AddItemToArray(flags, cJSON_CreateString(item_flag_key(b)));
	cJSON_AddBoolToObject(io, "flagged", d.flags != 0);
}

/* Reliability (and omega when `om`) over the columns cols[0..k) of the item
 * score matrix m (rows × nitems). */
static int rel_of(const double *m, size_t rows, size_t nitems, const size_t *cols, size_t k,
		  struct reliability *out, struct omega *om)
{
	double *sub = malloc((rows ? rows : 1) * (k ? k : 1) * sizeof(*sub));
	if (!sub)
		abort();
	for (size_t r = 0; r < rows; r++)
		for (size_t j = 0; j < k; j++)
			sub[r * k + j] = m[r * nitems + cols[j]];
	int rc = reliability_compute(sub, rows, k, out);
	if (om && k > 0)
		omega_compute(sub, rows, k, om);
	free(sub);
	return rc;
}

/* What fetch_matrix's row callback fills. */
struct matrix_walk {
	const struct questionnaire *q;
	size_t max_rows, *rows;
	double *m;
	struct item_acc *acc;
};

static int matrix_row(void *arg, const struct research_export_row *export_row, const struct answer_set *set,
		      char *err, size_t errlen)
{
	(void)export_row, (void)err, (void)errlen;
	struct matrix_walk *w = arg;
	const struct questionnaire *q = w->q;
	struct item_acc *acc = w->acc;
	size_t *rows = w->rows;
	if (*rows >= w->max_rows)
		return 1;
	double *row = w->m + *rows * q->n_items;
	for (size_t j = 0; j < q->n_items; j++) {
		const struct item *it = q->items[j];
		const struct answer *a = &set->answers[j];
		struct item_acc *ac = &acc[j];
		row[j] = NAN;
		if (!item_is_scored(it))
			continue;
		if (a->state == ANSWER_MISSING) {
			ac->missing++;
			ac->counts.missing++;
		} else if (a->state == ANSWER_NA) {
			ac->na++;
			ac->counts.na++;
		} else {
			double s = answer_item_score(it, a), lo, hi;
			item_score_range(it, &lo, &hi);
			item_counts_add_score(&ac->counts, s, lo, hi);
			row[j] = s;
			ac->n++;
			ac->sum += s;
			ac->sumsq += s * s;
			count_answer(it, a, ac);
		}
	}
	(*rows)++;
	return 0;
}

static int fetch_matrix(struct db *db, const struct questionnaire *q, const struct research_filter *f,
			size_t max_rows, double *m, struct item_acc *acc, size_t *rows, char *err, size_t errlen)
{
	struct matrix_walk w = {q, max_rows, rows, m, acc};
	*rows = 0;
	return research_rows_each(db, q, f, NULL, matrix_row, &w, err, errlen);
}

cJSON *research_item_stats(struct db *db, const struct questionnaire *q, const struct research_filter *f,
			   size_t max_rows, const char *lang, char *err, size_t errlen)
{
	struct research_filter nf = *f;
	nf.newest_first = 1;
	double *m = malloc(max_rows * q->n_items * sizeof(*m) + 1);
	struct item_acc *acc = calloc(q->n_items, sizeof(*acc));
	size_t *cols = calloc(q->n_items, sizeof(*cols));
	if (!m || !acc || !cols)
		abort();
	size_t rows = 0;
	cJSON *root = NULL;
	if (fetch_matrix(db, q, &nf, max_rows, m, acc, &rows, err, errlen) != 0)
		goto done;
	root = cJSON_CreateObject();
	cJSON_AddNumberToObject(root, "n_scans", (double)rows);
	cJSON_AddNumberToObject(root, "max_scans", (double)max_rows);
	cJSON *themes = cJSON_AddArrayToObject(root, "themes");
	for (size_t t = 0; t < q->n_themes; t++) {
		const struct theme *th = q->themes[t];
		size_t k = 0;
		for (size_t i = 0; i < th->n_items; i++)
			if (item_is_scored(&th->items[i]))
				cols[k++] = th->items[i].index;
		struct reliability rel = {0};
		struct omega om = {0};
		rel_of(m, rows, q->n_items, cols, k, &rel, &om);
		cJSON *to = cJSON_CreateObject();
		cJSON_AddStringToObject(to, "key", th->key);
		cJSON_AddStringToObject(to, "title", text_pair_get(&th->title, lang));
		cJSON_AddStringToObject(to, "pillar", q->pillars[th->pillar].key);
		add_num(to, "alpha", rel.alpha);
		add_num(to, "omega", om.omega);
		cJSON_AddBoolToObject(to, "omega_low", om.omega < ITEM_DIAG_OMEGA_MIN);
		cJSON_AddBoolToObject(to, "heywood", om.heywood);
		cJSON_AddNumberToObject(to, "n_complete", (double)rel.n_rows);
		cJSON *items = cJSON_AddArrayToObject(to, "items");
		size_t c = 0;
		for (size_t i = 0; i < th->n_items; i++) {
			const struct item *it = &th->items[i];
			if (!item_is_scored(it))
				continue;
			const struct item_acc *a = &acc[it->index];
			size_t total = a->n + a->na + a->missing;
			cJSON *io = cJSON_CreateObject();
			cJSON_AddStringToObject(io, "key", it->key);
			cJSON_AddStringToObject(io, "text", text_pair_get(&it->text, lang));
			cJSON_AddStringToObject(io, "type", item_type_name(it->type));
			cJSON_AddNumberToObject(io, "n", (double)a->n);
			double mean = a->n ? a->sum / (double)a->n : NAN;
			double var = a->n > 1 ? (a->sumsq - (double)a->n * mean * mean) / (double)(a->n - 1) : NAN;
			add_num(io, "mean", mean);
			add_num(io, "sd", var >= 0 ? sqrt(var) : NAN);
			add_num(io, "pct_missing", total ? 100.0 * (double)a->missing / (double)total : NAN);
			add_num(io, "pct_na", total ? 100.0 * (double)a->na / (double)total : NAN);
			cJSON_AddItemToObject(io, "distribution", distribution(it, a, lang));
			add_num(io, "item_rest", rel.item_rest ? rel.item_rest[c] : NAN);
			add_num(io, "alpha_if_deleted", rel.alpha_if_deleted ? rel.alpha_if_deleted[c] : NAN);
			add_num(io, "loading", om.loadings ? om.loadings[c] : NAN);
			add_diagnostics(io, &a->counts, rel.item_rest ? rel.item_rest[c] : NAN);
			cJSON_AddItemToArray(items, io);
			c++;
		}
		reliability_release(&rel);
		omega_release(&om);
		cJSON_AddItemToArray(themes, to);
	}
	cJSON *pillars = cJSON_AddArrayToObject(root, "pillars");
	for (size_t p = 0; p < q->n_pillars; p++) {
		size_t k = 0;
		for (size_t j = 0; j < q->n_items; j++)
			if (q->items[j]->pillar == p && item_is_scored(q->items[j]))
				cols[k++] = j;
		struct reliability rel = {0};
		rel_of(m, rows, q->n_items, cols, k, &rel, NULL);
		cJSON *po = cJSON_CreateObject();
		cJSON_AddStringToObject(po, "key", q->pillars[p].key);
		cJSON_AddStringToObject(po, "title", text_pair_get(&q->pillars[p].title, lang));
		add_num(po, "alpha", rel.alpha);
		cJSON_AddNumberToObject(po, "n_complete", (double)rel.n_rows);
		cJSON_AddNumberToObject(po, "n_items", (double)k);
		reliability_release(&rel);
		cJSON_AddItemToArray(pillars, po);
	}
done:
	free(m);
	free(acc);
	free(cols);
	return root;
}

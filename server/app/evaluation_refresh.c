/* evaluation_refresh.c: the interim evaluation's score summaries, computed in C
 * from one ordered read of the submitted scans; see evaluation_refresh.h.
 *
 * Memory: one 8 KB histogram per association × quarter × questionnaire version
 * × score (19 scores: 150 KB a group), and one entry per distinct step key. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/app/evaluation_refresh.h"
#include "server/app/questionnaire_registry.h"
#include "scoring/histogram.h"
#include "scoring/score.h"
#include "common/buf.h"
#include "common/text.h"
#include "common/banned.h"

/* Where score k of a version's scores array belongs (scan_score_rows order). */
struct ev_layout {
	long long qid;
	const struct questionnaire *q;
	size_t n;
	const char **level, **key;
	int *is_theme, *is_pillar;
};

/* One association × quarter × questionnaire version. */
struct ev_group {
	long long org, qid;
	int quarter;
	const struct ev_layout *lay;
	struct histogram *h;   /* lay->n */
	long *attention;       /* lay->n; themes only */
};

/* The pillar change of one step, keyed by the quarters of the later scan,
 * the earlier one and the one before that. */
struct ev_step {
	long long org;
	int later, earlier, before;
	const char *key;       /* the pillar key, owned by the registry's questionnaire */
	long n;
	double sum;
	int used;
};

struct ev_walk {
	struct db *db;
	const char *refresh;
	struct ev_layout *lays;
	size_t n_lays;
	struct ev_group *groups;
	size_t n_groups, cap_groups, last_group;
	struct ev_step *steps;  /* open addressing, cap_steps a power of two */
	size_t n_steps, cap_steps;
	/* the previous scan */
	long long prev_company, prev_qid;
	int prev_quarter, prev_before;
	double *prev, *cur;
	size_t cap_vals;
};

#define NO_QUARTER (1900 * 4)

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		abort(); /* out of memory: the refresh cannot go on (as benchmark_refresh.c) */
	return q;
}

static const struct ev_layout *layout_of(struct ev_walk *w, long long qid, size_t nscores)
{
	for (size_t i = 0; i < w->n_lays; i++)
		if (w->lays[i].qid == qid)
			return &w->lays[i];
	const struct questionnaire *q = qreg_get(w->db, qid);
	if (!q)
		return NULL;
	w->lays = xrealloc(w->lays, (w->n_lays + 1) * sizeof(*w->lays));
	struct ev_layout *l = &w->lays[w->n_lays++];
	l->qid = qid;
	l->q = q;
	l->n = 0;
	size_t cap = 1 + q->n_pillars + q->n_themes;
	l->level = xrealloc(NULL, cap * sizeof(*l->level));
	l->key = xrealloc(NULL, cap * sizeof(*l->key));
	l->is_theme = xrealloc(NULL, cap * sizeof(*l->is_theme));
	l->is_pillar = xrealloc(NULL, cap * sizeof(*l->is_pillar));
	for (size_t p = 0; p <= q->n_pillars; p++) {
		size_t nt = p == 0 ? 0 : q->pillars[p - 1].n_themes;
		for (size_t t = 0; t <= nt && l->n < cap; t++) {
			l->level[l->n] = p == 0 ? "overall" : t == 0 ? "pillar" : "theme";
			l->key[l->n] = p == 0 ? "overall" : t == 0 ? q->pillars[p - 1].key : q->pillars[p - 1].themes[t - 1].key;
			l->is_pillar[l->n] = p > 0 && t == 0;
			l->is_theme[l->n] = t > 0;
			l->n++;
		}
	}
	if (l->n > nscores)
		l->n = nscores; /* a shorter stored array: the missing scores stay uncounted */
	return l;
}

static struct ev_group *group_of(struct ev_walk *w, long long org, int quarter, const struct ev_layout *lay)
{
	if (w->n_groups) {
		struct ev_group *g = &w->groups[w->last_group];
		if (g->org == org && g->quarter == quarter && g->qid == lay->qid)
			return g;
	}
	for (size_t i = 0; i < w->n_groups; i++) {
		struct ev_group *g = &w->groups[i];
		if (g->org == org && g->quarter == quarter && g->qid == lay->qid) {
			w->last_group = i;
			return g;
		}
	}
	if (w->n_groups == w->cap_groups) {
		w->cap_groups = w->cap_groups ? w->cap_groups * 2 : 64;
		w->groups = xrealloc(w->groups, w->cap_groups * sizeof(*w->groups));
	}
	struct ev_group *g = &w->groups[w->n_groups];
	*g = (struct ev_group){org, lay->qid, quarter, lay, xrealloc(NULL, lay->n * sizeof(struct histogram)),
			       calloc(lay->n + 1, sizeof(long))};
	if (!g->attention)
		abort();
	for (size_t k = 0; k < lay->n; k++)
		hist_init(&g->h[k]);
	w->last_group = w->n_groups++;
	return g;
}

static size_t step_hash(long long org, int later, int earlier, int before, const char *key)
{
	unsigned long long h = (unsigned long long)org * 0x9E3779B97F4A7C15ull;
	h ^= (unsigned long long)later * 0xC2B2AE3D27D4EB4Full + (unsigned long long)earlier * 0x165667B19E3779F9ull;
	h ^= (unsigned long long)before * 0x27D4EB2F165667C5ull ^ (unsigned long long)(size_t)key;
	h ^= h >> 31;
	return (size_t)(h * 0x94D049BB133111EBull >> 7);
}

static void step_put(struct ev_walk *w, const struct ev_step *s);

static void steps_grow(struct ev_walk *w)
{
	struct ev_step *old = w->steps;
	size_t old_cap = w->cap_steps;
	w->cap_steps = old_cap ? old_cap * 2 : 4096;
	w->steps = calloc(w->cap_steps, sizeof(*w->steps));
	if (!w->steps)
		abort();
	w->n_steps = 0;
	for (size_t i = 0; i < old_cap; i++)
		if (old[i].used)
			step_put(w, &old[i]);
	free(old);
}

static void step_put(struct ev_walk *w, const struct ev_step *s)
{
	if (2 * (w->n_steps + 1) > w->cap_steps)
		steps_grow(w);
	size_t mask = w->cap_steps - 1, i = step_hash(s->org, s->later, s->earlier, s->before, s->key) & mask;
	for (;; i = (i + 1) & mask) {
		struct ev_step *e = &w->steps[i];
		if (!e->used) {
			*e = *s;
			e->used = 1;
			w->n_steps++;
			return;
		}
		if (e->org == s->org && e->later == s->later && e->earlier == s->earlier && e->before == s->before &&
		    e->key == s->key) {
			e->n += s->n;
			e->sum += s->sum;
			return;
		}
	}
}

static int walk_row(void *arg, const struct evaluation_source *row)
{
	struct ev_walk *w = arg;
	const struct ev_layout *lay = layout_of(w, row->questionnaire_id, row->nscores);
	if (!lay)
		return -1;
	if (lay->n > w->cap_vals) {
		w->cap_vals = lay->n;
		w->prev = xrealloc(w->prev, w->cap_vals * sizeof(double));
		w->cur = xrealloc(w->cur, w->cap_vals * sizeof(double));
	}
	for (size_t k = text_double_array(row->scores, w->cur, lay->n); k < lay->n; k++)
		w->cur[k] = NAN; /* missing at the end */
	struct ev_group *g = group_of(w, row->org_id, row->quarter, lay);
	for (size_t k = 0; k < lay->n; k++) {
		double v = w->cur[k];
		if (!isfinite(v))
			continue;
		hist_add(&g->h[k], v);
		if (lay->is_theme[k] && score_band_of(lay->q, v) == 0)
			g->attention[k]++;
	}
	int before = NO_QUARTER;
	if (row->company_id == w->prev_company && row->questionnaire_id == w->prev_qid) {
		for (size_t k = 0; k < lay->n; k++)
			if (lay->is_pillar[k] && isfinite(w->cur[k]) && isfinite(w->prev[k]))
				step_put(w, &(struct ev_step){row->org_id, row->quarter, w->prev_quarter, w->prev_before,
							      lay->key[k], 1, w->cur[k] - w->prev[k], 1});
		before = w->prev_quarter;
	}
	w->prev_company = row->company_id;
	w->prev_qid = row->questionnaire_id;
	w->prev_quarter = row->quarter;
	w->prev_before = before;
	double *t = w->prev;
	w->prev = w->cur;
	w->cur = t;
	return 0;
}

static void put_quarter(struct buf *b, int q)
{
	buf_printf(b, "%04d-%02d-01", q / 4, (q % 4) * 3 + 1);
}

static void histogram_lines(const struct ev_walk *w, struct buf *out)
{
	for (size_t i = 0; i < w->n_groups; i++) {
		const struct ev_group *g = &w->groups[i];
		for (size_t k = 0; k < g->lay->n; k++) {
			const struct histogram *h = &g->h[k];
			if (!h->n)
				continue;
			buf_printf(out, "%lld\t", g->org);
			put_quarter(out, g->quarter);
			buf_printf(out, "\t%lld\t%s\t%s\t%ld\t%.17g\t%.17g\t%.17g\t{", g->qid, g->lay->level[k],
				   g->lay->key[k], h->n, h->sum, h->min, h->max);
			int first = 1;
			for (int b = 0; b < HIST_BINS; b++)
				if (h->count[b]) {
					buf_printf(out, "%s%d", first ? "" : ",", b);
					first = 0;
				}
			buf_puts(out, "}\t{");
			first = 1;
			for (int b = 0; b < HIST_BINS; b++)
				if (h->count[b]) {
					buf_printf(out, "%s%ld", first ? "" : ",", h->count[b]);
					first = 0;
				}
			buf_puts(out, "}\t{");
			first = 1;
			for (int b = 0; b < HIST_BINS; b++)
				if (h->count[b]) {
					buf_printf(out, "%s%.17g", first ? "" : ",", h->bin_sum[b]);
					first = 0;
				}
			buf_printf(out, "}\t%s\n", w->refresh);
		}
	}
}

/* Attention points per association × quarter × theme: versions of the same
 * quarter are added up (the counts table has no version). */
struct ev_att {
	long long org;
	int quarter;
	const char *key;
	long n;
};

static int cmp_att(const void *a, const void *b)
{
	const struct ev_att *x = a, *y = b;
	if (x->org != y->org)
		return x->org < y->org ? -1 : 1;
	if (x->quarter != y->quarter)
		return x->quarter < y->quarter ? -1 : 1;
	return strcmp(x->key, y->key);
}

static void attention_lines(const struct ev_walk *w, struct buf *out)
{
	size_t n = 0, cap = 0;
	struct ev_att *a = NULL;
	for (size_t i = 0; i < w->n_groups; i++) {
		const struct ev_group *g = &w->groups[i];
		for (size_t k = 0; k < g->lay->n; k++) {
			if (!g->lay->is_theme[k] || !g->attention[k])
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 256;
				a = xrealloc(a, cap * sizeof(*a));
			}
			a[n++] = (struct ev_att){g->org, g->quarter, g->lay->key[k], g->attention[k]};
		}
	}
	if (n)
		qsort(a, n, sizeof(*a), cmp_att);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		long total = 0;
		while (j < n && cmp_att(&a[i], &a[j]) == 0)
			total += a[j++].n;
		buf_printf(out, "%lld\t", a[i].org);
		put_quarter(out, a[i].quarter);
		buf_printf(out, "\tattention\t%s\t%ld\t%s\n", a[i].key, total, w->refresh);
		i = j;
	}
	free(a);
}

/* Step keys hold the pillar key by pointer: two versions' "people" are two
 * keys here and are added up per text key in the lines. */
static int cmp_step(const void *a, const void *b)
{
	const struct ev_step *x = a, *y = b;
	if (x->org != y->org)
		return x->org < y->org ? -1 : 1;
	if (x->later != y->later)
		return x->later < y->later ? -1 : 1;
	if (x->earlier != y->earlier)
		return x->earlier < y->earlier ? -1 : 1;
	if (x->before != y->before)
		return x->before < y->before ? -1 : 1;
	return strcmp(x->key, y->key);
}

static void step_lines(const struct ev_walk *w, struct buf *out)
{
	struct ev_step *s = xrealloc(NULL, (w->n_steps + 1) * sizeof(*s));
	size_t n = 0;
	for (size_t i = 0; i < w->cap_steps; i++)
		if (w->steps[i].used)
			s[n++] = w->steps[i];
	if (n)
		qsort(s, n, sizeof(*s), cmp_step);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		long cnt = 0;
		double sum = 0;
		while (j < n && cmp_step(&s[i], &s[j]) == 0) {
			cnt += s[j].n;
			sum += s[j++].sum;
		}
		buf_printf(out, "%lld\t", s[i].org);
		put_quarter(out, s[i].later);
		buf_putc(out, '\t');
		put_quarter(out, s[i].earlier);
		buf_putc(out, '\t');
		put_quarter(out, s[i].before);
		buf_printf(out, "\t%s\t%ld\t%.17g\t%s\n", s[i].key, cnt, sum, w->refresh);
		i = j;
	}
	free(s);
}

static void walk_release(struct ev_walk *w)
{
	for (size_t i = 0; i < w->n_groups; i++) {
		free(w->groups[i].h);
		free(w->groups[i].attention);
	}
	free(w->groups);
	for (size_t i = 0; i < w->n_lays; i++) {
		free(w->lays[i].level);
		free(w->lays[i].key);
		free(w->lays[i].is_theme);
		free(w->lays[i].is_pillar);
	}
	free(w->lays);
	free(w->steps);
	free(w->prev);
	free(w->cur);
}

int evaluation_refresh_compute(struct db *db, const char *refresh_id)
{
	struct ev_walk w = {.db = db, .refresh = refresh_id, .prev_company = -1};
	struct buf lines = BUF_INIT;
	int rc = -1;
	if (db_evaluation_sources(db, walk_row, &w) != 0)
		goto done;
	histogram_lines(&w, &lines);
	if (lines.toobig || db_evaluation_copy_histograms(db, lines.data, lines.len) != 0)
		goto done;
	buf_release(&lines);
	attention_lines(&w, &lines);
	if (lines.toobig || db_evaluation_copy_counts(db, lines.data, lines.len) != 0)
		goto done;
	buf_release(&lines);
	step_lines(&w, &lines);
	if (lines.toobig || db_evaluation_copy_steps(db, lines.data, lines.len) != 0)
		goto done;
	rc = 0;
done:
	if (lines.toobig)
		snprintf(db->err, sizeof(db->err), "evaluation refresh: summary larger than the buffer cap");
	buf_release(&lines);
	walk_release(&w);
	return rc;
}

int evaluation_refresh(struct db *db, long long *refresh_id)
{
	return db_evaluation_refresh(db, evaluation_refresh_compute, refresh_id);
}

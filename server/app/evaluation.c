/* evaluation.c: the interim evaluation's model; see evaluation.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/app/evaluation.h"
#include "common/date.h"
#include "common/text.h"
#include "common/banned.h"

enum eval_period_error evaluation_period_parse(const char *from, const char *to, struct eval_period *out)
{
	memset(out, 0, sizeof(*out));
	if (!from || !*from || !to || !*to)
		return EVAL_PERIOD_MISSING;
	long a, b;
	if (!date_valid_ymd(from, &a))
		return EVAL_PERIOD_BAD_FROM;
	if (!date_valid_ymd(to, &b))
		return EVAL_PERIOD_BAD_TO;
	if (a > b)
		return EVAL_PERIOD_ORDER;
	snprintf(out->from, sizeof(out->from), "%s", from);
	snprintf(out->to, sizeof(out->to), "%s", to);
	out->from_year = (int)(a / 10000);
	out->from_quarter = (int)((a / 100 % 100 - 1) / 3 + 1);
	out->to_year = (int)(b / 10000);
	out->to_quarter = (int)((b / 100 % 100 - 1) / 3 + 1);
	snprintf(out->from_q, sizeof(out->from_q), "%04d-%02d-01", out->from_year, (out->from_quarter - 1) * 3 + 1);
	snprintf(out->to_q, sizeof(out->to_q), "%04d-%02d-01", out->to_year, (out->to_quarter - 1) * 3 + 1);
	return EVAL_PERIOD_OK;
}

const char *evaluation_period_error_key(enum eval_period_error e)
{
	switch (e) {
	case EVAL_PERIOD_MISSING:
		return "evaluation.error.missing";
	case EVAL_PERIOD_BAD_FROM:
		return "evaluation.error.from";
	case EVAL_PERIOD_BAD_TO:
		return "evaluation.error.to";
	case EVAL_PERIOD_ORDER:
		return "evaluation.error.order";
	case EVAL_PERIOD_OK:
		break;
	}
	return "";
}

/* ---- suppression ---- */

static void hide(struct eval_count *c, enum cell_state st)
{
	c->state = st;
	c->n = -1;
}

/* Primary only: 0 < n < k hidden, 0 shown as empty. */
static void primary(struct eval_count *c, int k)
{
	if (c->state == CELL_PRIMARY || c->state == CELL_SECONDARY)
		return;
	if (c->n <= 0) {
		c->state = CELL_EMPTY;
		c->n = 0;
	} else if (c->n < k)
		hide(c, CELL_PRIMARY);
	else
		c->state = CELL_SHOWN;
}

/* Primary and secondary over cells whose sum could be worked out. `at` gives
 * the i-th count (stride lets it walk the offers' `chosen`). */
static void table(struct eval_count *first, size_t n, size_t stride, int k)
{
	if (!n)
		return;
	for (size_t i = 0; i < n; i++) {
		const struct eval_count *c = (const struct eval_count *)((const char *)first + i * stride);
		if (c->state == CELL_PRIMARY || c->state == CELL_SECONDARY)
			return; /* suppressed already, as a whole */
	}
	long *counts = calloc(n, sizeof(*counts));
	enum cell_state *st = calloc(n, sizeof(*st));
	if (!counts || !st)
		abort();
	for (size_t i = 0; i < n; i++) {
		const struct eval_count *c = (const struct eval_count *)((const char *)first + i * stride);
		counts[i] = c->n;
	}
	suppress_cells(counts, n, k, st);
	for (size_t i = 0; i < n; i++) {
		struct eval_count *c = (struct eval_count *)((char *)first + i * stride);
		if (c->state == CELL_PRIMARY || c->state == CELL_SECONDARY)
			continue;
		if (st[i] == CELL_PRIMARY || st[i] == CELL_SECONDARY)
			hide(c, st[i]);
		else
			c->state = st[i];
	}
	free(counts);
	free(st);
}

void evaluation_suppress(struct evaluation *e, int k)
{
	if (k < 1)
		k = 1;
	e->k = k;
	for (int i = 0; i < EVAL_FUNNEL_N; i++)
		primary(&e->funnel[i], k);
	for (int i = 0; i < EVAL_EVENTS_N; i++)
		primary(&e->events[i], k);
	table(e->actions, EVAL_ACTION_N, sizeof(e->actions[0]), k);
	table(e->attention, e->n_attention, sizeof(e->attention[0]), k);
	if (e->n_offers)
		table(&e->offers[0].chosen, e->n_offers, sizeof(e->offers[0]), k);
	for (size_t i = 0; i < e->n_offers; i++) {
		struct eval_offer *o = &e->offers[i];
		if (o->chosen.state == CELL_PRIMARY || o->chosen.state == CELL_SECONDARY) {
			if (o->taken_up.state != CELL_PRIMARY)
				hide(&o->taken_up, CELL_SECONDARY);
		} else
			primary(&o->taken_up, k);
	}
	for (size_t i = 0; i < e->n_boxes; i++) {
		struct eval_box *b = &e->boxes[i];
		b->shown = b->box.n >= k;
		if (!b->shown) {
			long n = b->box.n;
			b->box = (struct box_plot){n > 0 ? -1 : 0, NAN, NAN, NAN, NAN, NAN, NAN};
		}
	}
	for (size_t i = 0; i < e->n_changes; i++) {
		struct eval_change *c = &e->changes[i];
		c->shown = c->n >= k;
		if (!c->shown) {
			c->n = c->n > 0 ? -1 : 0;
			c->mean = NAN;
		}
	}
}

/* ---- building ---- */

static const char *const funnel_kinds[EVAL_FUNNEL_N] = {"invited", "started", "submitted", "discussed"};
static const char *const action_kinds[EVAL_ACTION_N] = {"action_done", "action_open", "action_overdue", "action_dropped"};
static const char *const event_kinds[EVAL_EVENTS_N] = {"events", "event_invited", "event_signed_up", "event_attended"};

static const char *score_title(const struct questionnaire *q, const char *level, const char *key, const char *lang)
{
	if (!q)
		return key;
	if (strcmp(level, "overall") == 0)
		return lang && strcmp(lang, "en") == 0 ? "Overall score" : "Totaalscore";
	for (size_t p = 0; p < q->n_pillars; p++) {
		const struct pillar *pl = &q->pillars[p];
		if (strcmp(level, "pillar") == 0 && strcmp(pl->key, key) == 0)
			return text_pair_get(&pl->title, lang);
		for (size_t t = 0; t < pl->n_themes; t++)
			if (strcmp(level, "theme") == 0 && strcmp(pl->themes[t].key, key) == 0)
				return text_pair_get(&pl->themes[t].title, lang);
	}
	return key;
}

/* The order of a score in q (overall, pillar, its themes …); unknown keys last. */
static int score_order(const struct questionnaire *q, const char *level, const char *key)
{
	if (strcmp(level, "overall") == 0)
		return 0;
	int o = 1;
	for (size_t p = 0; q && p < q->n_pillars; p++) {
		const struct pillar *pl = &q->pillars[p];
		if (strcmp(level, "pillar") == 0 && strcmp(pl->key, key) == 0)
			return o;
		o++;
		for (size_t t = 0; t < pl->n_themes; t++, o++)
			if (strcmp(level, "theme") == 0 && strcmp(pl->themes[t].key, key) == 0)
				return o;
	}
	return 100000;
}

static const struct questionnaire *sort_q;

static int cmp_box(const void *a, const void *b)
{
	const struct eval_box *x = a, *y = b;
	int ox = score_order(sort_q, x->level, x->key), oy = score_order(sort_q, y->level, y->key);
	if (ox != oy)
		return ox < oy ? -1 : 1;
	int c = strcmp(x->level, y->level);
	return c ? c : strcmp(x->key, y->key);
}

static int cmp_count_desc(const void *a, const void *b)
{
	const struct eval_count *x = a, *y = b;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->key, y->key);
}

static int cmp_offer_desc(const void *a, const void *b)
{
	const struct eval_offer *x = a, *y = b;
	if (x->chosen.n != y->chosen.n)
		return x->chosen.n > y->chosen.n ? -1 : 1;
	return strcmp(x->label, y->label);
}

static long count_of(const struct evaluation_rows *rows, const char *kind)
{
	long n = 0;
	for (size_t i = 0; i < rows->n_counts; i++)
		if (strcmp(rows->counts[i].kind, kind) == 0)
			n += (long)rows->counts[i].n;
	return n;
}

static int build_boxes(struct arena *a, const struct evaluation_rows *rows, const struct questionnaire *q,
		       const char *lang, struct evaluation *e)
{
	/* rows->hists come ordered by level, key: one histogram per run */
	e->boxes = arena_alloc(a, (rows->n_hists + 1) * sizeof(*e->boxes));
	struct histogram *h = malloc(sizeof(*h));
	long *bins = malloc(HIST_BINS * sizeof(long)), *counts = malloc(HIST_BINS * sizeof(long));
	double *sums = malloc(HIST_BINS * sizeof(double));
	if (!h || !bins || !counts || !sums)
		abort();
	int rc = 0;
	for (size_t i = 0; i < rows->n_hists && rc == 0;) {
		const struct evaluation_hist_row *r = &rows->hists[i];
		hist_init(h);
		size_t j = i;
		for (; j < rows->n_hists && strcmp(rows->hists[j].level, r->level) == 0 &&
		       strcmp(rows->hists[j].key, r->key) == 0; j++) {
			const struct evaluation_hist_row *s = &rows->hists[j];
			size_t nb = text_int_array(s->bins, bins, HIST_BINS), nc = text_int_array(s->counts, counts, HIST_BINS);
			size_t ns = text_double_array(s->sums, sums, HIST_BINS);
			if (nb != nc || ns != nb || hist_add_part(h, bins, counts, sums, nb, (long)s->n, s->sum, s->min, s->max) != 0)
				rc = -1;
		}
		struct eval_box *b = &e->boxes[e->n_boxes++];
		b->level = r->level;
		b->key = r->key;
		b->title = score_title(q, r->level, r->key, lang);
		hist_box(h, &b->box);
		i = j;
	}
	free(h);
	free(bins);
	free(counts);
	free(sums);
	sort_q = q;
	qsort(e->boxes, e->n_boxes, sizeof(*e->boxes), cmp_box);
	sort_q = NULL;
	return rc;
}

int evaluation_build(struct arena *a, const struct evaluation_rows *rows, const struct questionnaire *q,
		     const char *lang, int k, struct evaluation *e)
{
	memset(e, 0, sizeof(*e));
	e->refresh_id = rows->refresh_id;
	e->refreshed_at = rows->refreshed_at;
	for (int i = 0; i < EVAL_FUNNEL_N; i++)
		e->funnel[i] = (struct eval_count){funnel_kinds[i], "", count_of(rows, funnel_kinds[i]), CELL_SHOWN};
	for (int i = 0; i < EVAL_ACTION_N; i++)
		e->actions[i] = (struct eval_count){action_kinds[i], "", count_of(rows, action_kinds[i]), CELL_SHOWN};
	for (int i = 0; i < EVAL_EVENTS_N; i++)
		e->events[i] = (struct eval_count){event_kinds[i], "", count_of(rows, event_kinds[i]), CELL_SHOWN};
	/* attention points: rows ordered by kind, key: one row per theme */
	struct eval_count *att = arena_alloc(a, (rows->n_counts + 1) * sizeof(*att));
	size_t n_att = 0;
	e->offers = arena_alloc(a, (rows->n_counts + 1) * sizeof(*e->offers));
	for (size_t i = 0; i < rows->n_counts; i++) {
		const struct evaluation_count_row *r = &rows->counts[i];
		if (strcmp(r->kind, "attention") == 0)
			att[n_att++] = (struct eval_count){r->key, score_title(q, "theme", r->key, lang), (long)r->n, CELL_SHOWN};
		else if (strcmp(r->kind, "offer_chosen") == 0) {
			struct eval_offer *o = &e->offers[e->n_offers++];
			o->key = r->key;
			o->label = *r->label ? r->label : r->key;
			o->chosen = (struct eval_count){r->key, o->label, (long)r->n, CELL_SHOWN};
			o->taken_up = (struct eval_count){r->key, o->label, 0, CELL_SHOWN};
			for (size_t j = 0; j < rows->n_counts; j++)
				if (strcmp(rows->counts[j].kind, "offer_taken_up") == 0 && strcmp(rows->counts[j].key, r->key) == 0)
					o->taken_up.n = (long)rows->counts[j].n;
		}
	}
	e->attention = att;
	e->n_attention = n_att;
	qsort(att, n_att, sizeof(*att), cmp_count_desc);
	if (e->n_offers)
		qsort(e->offers, e->n_offers, sizeof(*e->offers), cmp_offer_desc);
	int rc = build_boxes(a, rows, q, lang, e);
	e->changes = arena_alloc(a, (rows->n_steps + 1) * sizeof(*e->changes));
	for (size_t i = 0; q && i < q->n_pillars; i++)
		for (size_t j = 0; j < rows->n_steps; j++)
			if (strcmp(rows->steps[j].key, q->pillars[i].key) == 0 && rows->steps[j].companies > 0) {
				struct eval_change *c = &e->changes[e->n_changes++];
				c->key = rows->steps[j].key;
				c->title = text_pair_get(&q->pillars[i].title, lang);
				c->n = (long)rows->steps[j].companies;
				c->mean = rows->steps[j].sum_change / (double)rows->steps[j].companies;
			}
	/* the secondary suppression looks at all themes; then the top ones are kept */
	evaluation_suppress(e, k);
	if (e->n_attention > EVAL_TOP_ATTENTION)
		e->n_attention = EVAL_TOP_ATTENTION;
	return rc;
}

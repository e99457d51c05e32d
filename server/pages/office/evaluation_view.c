/* evaluation_view.c: the interim evaluation as a page and a PDF; see evaluation_view.h.
 * Both are drawn from one model (server/app/evaluation.h) and the same chart
 * rows (reports/eval_chart.h), so the page and the paper agree. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/pages/office/evaluation_view.h"
#include "server/http/page.h"
#include "server/http/i18n.h"
#include "server/http/log.h"
#include "server/app/config.h"
#include "server/app/evaluation.h"
#include "server/app/questionnaire_registry.h"
#include "server/db/evaluation.h"
#include "reports/eval_chart.h"
#include "reports/evaluation_pdf.h"
#include "common/buf.h"
#include "common/date.h"
#include "common/banned.h"

#define T(key) i18n_get(r->lang, key)

/* ---- the period ---- */

/* From ?from=&to= (defaults when both are absent). 0, or -1 with the message
 * in *field / *msg. */
static int period_of(struct req *r, struct eval_period *p, const char **field, const char **msg)
{
	const char *from = req_query(r, "from"), *to = req_query(r, "to");
	char dfrom[40], dto[40];
	if (!from && !to) {
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		snprintf(dfrom, sizeof(dfrom), "%04d-01-01", tm.tm_year + 1900);
		snprintf(dto, sizeof(dto), "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
		from = dfrom;
		to = dto;
	}
	enum eval_period_error e = evaluation_period_parse(from, to, p);
	if (e == EVAL_PERIOD_OK)
		return 0;
	*field = e == EVAL_PERIOD_BAD_TO || (e == EVAL_PERIOD_MISSING && from && *from) ? "to" : "from";
	*msg = T(evaluation_period_error_key(e));
	snprintf(p->from, sizeof(p->from), "%.10s", from ? from : "");
	snprintf(p->to, sizeof(p->to), "%.10s", to ? to : "");
	return -1;
}

/* Reads and builds the model; -1 after replying 503/500. */
static int load(struct req *r, const struct eval_scope *s, const struct eval_period *p, struct evaluation *e)
{
	struct db *db = req_read_db(r);
	struct evaluation_rows rows;
	if (db_evaluation_read(db, &r->arena, s->org_ids, s->n_orgs, p->from_q, p->to_q, &rows) != 0) {
		reply_db_error(r);
		return -1;
	}
	long long qid = 0;
	for (size_t i = 0; i < rows.n_hists; i++)
		if (rows.hists[i].questionnaire_id > qid)
			qid = rows.hists[i].questionnaire_id;
	const struct questionnaire *q = qid ? qreg_get(db, qid) : NULL;
	if (evaluation_build(&r->arena, &rows, q, r->lang, config.benchmark_k, e) != 0)
		log_error("evaluation: an inconsistent stored histogram was skipped");
	e->period = *p;
	return 0;
}

/* ---- texts of one figure ---- */

static const char *count_text(struct req *r, const struct eval_count *c)
{
	if (c->state == CELL_PRIMARY)
		return arena_printf(&r->arena, "%s %d", T("evaluation.fewer_than"), config.benchmark_k);
	if (c->state == CELL_SECONDARY)
		return T("evaluation.hidden");
	return arena_printf(&r->arena, "%ld", c->n < 0 ? 0 : c->n);
}

static int count_shown(const struct eval_count *c)
{
	return c->state == CELL_SHOWN || c->state == CELL_EMPTY;
}

static const char *score_text(struct req *r, double v)
{
	if (!isfinite(v))
		return "–";
	char s[32];
	snprintf(s, sizeof(s), "%.1f", v);
	char *dot = strchr(s, '.');
	if (dot && strcmp(r->lang, "en") != 0)
		*dot = ',';
	return arena_strdup(&r->arena, s);
}

static const char *quarter_label(struct req *r, int year, int quarter)
{
	return arena_printf(&r->arena, "%d-%s%d", year, T("evaluation.quarter_letter"), quarter);
}

/* ---- the sections, as chart rows and table cells both views use ---- */

struct section {
	const char *id, *heading, *intro;
	enum eval_chart_kind kind;
	struct eval_chart_row *rows;
	size_t n;
	size_t n_cols;
	const char **head;
	const char **cells;       /* n * n_cols */
};

static struct section *counts_section(struct req *r, struct section *s, const char *id, const char *heading,
				      const char *intro, const struct eval_count *c, const char *const *labels, size_t n)
{
	s->id = id;
	s->heading = heading;
	s->intro = intro;
	s->kind = EVAL_CHART_BARS;
	s->n = n;
	s->rows = arena_alloc(&r->arena, (n + 1) * sizeof(*s->rows));
	s->n_cols = 2;
	s->head = arena_alloc(&r->arena, 2 * sizeof(char *));
	s->head[0] = T("evaluation.col.what");
	s->head[1] = T("evaluation.col.number");
	s->cells = arena_alloc(&r->arena, (n + 1) * 2 * sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		const char *v = count_text(r, &c[i]);
		s->rows[i] = (struct eval_chart_row){.label = labels ? labels[i] : c[i].label, .value_text = v,
						     .shown = count_shown(&c[i]), .value = (double)(c[i].n < 0 ? 0 : c[i].n)};
		s->cells[2 * i] = s->rows[i].label;
		s->cells[2 * i + 1] = v;
	}
	return s;
}

/* Box plots of boxes[from, to). */
static void boxes_section(struct req *r, struct section *s, const char *id, const char *heading,
			  const struct evaluation *e, size_t from, size_t to)
{
	size_t n = to - from;
	s->id = id;
	s->heading = heading;
	s->intro = NULL;
	s->kind = EVAL_CHART_BOXES;
	s->n = n;
	s->rows = arena_alloc(&r->arena, (n + 1) * sizeof(*s->rows));
	s->n_cols = 7;
	static const char *const head_keys[] = {"evaluation.col.score", "evaluation.col.n", "evaluation.col.min",
						"evaluation.col.q1", "evaluation.col.median", "evaluation.col.q3",
						"evaluation.col.max"};
	s->head = arena_alloc(&r->arena, 7 * sizeof(char *));
	for (int c = 0; c < 7; c++)
		s->head[c] = T(head_keys[c]);
	s->cells = arena_alloc(&r->arena, (n + 1) * 7 * sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		const struct eval_box *b = &e->boxes[from + i];
		const char *v = b->shown ? arena_printf(&r->arena, "%s %s · n %ld", T("evaluation.col.median"),
							score_text(r, b->box.median), b->box.n)
					 : arena_printf(&r->arena, "%s %d", T("evaluation.fewer_than"), e->k);
		s->rows[i] = (struct eval_chart_row){b->title, v, b->shown, b->box.min, b->box.q1, b->box.median,
						     b->box.q3, b->box.max, 0};
		const char **row = s->cells + 7 * i;
		row[0] = b->title;
		if (!b->shown) {
			row[1] = v;
			for (int c = 2; c < 7; c++)
				row[c] = "";
			continue;
		}
		row[1] = arena_printf(&r->arena, "%ld", b->box.n);
		row[2] = score_text(r, b->box.min);
		row[3] = score_text(r, b->box.q1);
		row[4] = score_text(r, b->box.median);
		row[5] = score_text(r, b->box.q3);
		row[6] = score_text(r, b->box.max);
	}
}

/* Every section of e; returns their number. */
static size_t sections_of(struct req *r, const struct evaluation *e, struct section **out)
{
	size_t cap = 8 + e->n_boxes;
	struct section *s = arena_alloc(&r->arena, cap * sizeof(*s));
	size_t n = 0;
	static const char *const funnel_keys[] = {"evaluation.funnel.invited", "evaluation.funnel.started",
						  "evaluation.funnel.submitted", "evaluation.funnel.discussed"};
	const char *labels[4]; /* EVAL_FUNNEL_N, EVAL_ACTION_N and EVAL_EVENTS_N are 4 */
	for (int i = 0; i < EVAL_FUNNEL_N; i++)
		labels[i] = T(funnel_keys[i]);
	counts_section(r, &s[n++], "funnel", T("evaluation.funnel.title"), T("evaluation.funnel.intro"), e->funnel,
		       labels, EVAL_FUNNEL_N);
	/* scores: the overall score with the pillars, then each pillar with its themes */
	size_t i = 0;
	while (i < e->n_boxes) {
		size_t j = i + 1;
		if (strcmp(e->boxes[i].level, "overall") == 0) {
			while (j < e->n_boxes && strcmp(e->boxes[j].level, "overall") != 0)
				j++;
			/* the overview: overall and the pillars only */
			struct section *o = &s[n++];
			size_t np = 0;
			for (size_t x = i; x < j; x++)
				np += strcmp(e->boxes[x].level, "theme") != 0;
			struct evaluation sub = *e;
			struct eval_box *bx = arena_alloc(&r->arena, (np + 1) * sizeof(*bx));
			np = 0;
			for (size_t x = i; x < j; x++)
				if (strcmp(e->boxes[x].level, "theme") != 0)
					bx[np++] = e->boxes[x];
			sub.boxes = bx;
			boxes_section(r, o, "scores", T("evaluation.scores.title"), &sub, 0, np);
			o->intro = T("evaluation.scores.intro");
			j = i + 1; /* the pillars follow one by one */
		} else if (strcmp(e->boxes[i].level, "pillar") == 0) {
			while (j < e->n_boxes && strcmp(e->boxes[j].level, "theme") == 0)
				j++;
			if (j > i + 1)
				boxes_section(r, &s[n++], arena_printf(&r->arena, "pillar-%s", e->boxes[i].key),
					      arena_printf(&r->arena, "%s: %s", T("evaluation.themes_of"), e->boxes[i].title),
					      e, i + 1, j);
		}
		i = j;
	}
	if (e->n_boxes == 0) /* say so, rather than leave the scores out without a word */
		counts_section(r, &s[n++], "scores", T("evaluation.scores.title"), T("evaluation.scores.intro"), NULL, NULL, 0);
	counts_section(r, &s[n++], "attention", T("evaluation.attention.title"), T("evaluation.attention.intro"),
		       e->attention, NULL, e->n_attention);
	/* offers: bars of the choices, a table with take-up beside them */
	struct section *of = counts_section(r, &s[n++], "offers", T("evaluation.offers.title"),
					    T("evaluation.offers.intro"), NULL, NULL, 0);
	of->rows = arena_alloc(&r->arena, (e->n_offers + 1) * sizeof(*of->rows));
	of->cells = arena_alloc(&r->arena, (e->n_offers + 1) * 3 * sizeof(char *));
	of->n_cols = 3;
	of->head = arena_alloc(&r->arena, 3 * sizeof(char *));
	of->head[0] = T("evaluation.col.offer");
	of->head[1] = T("evaluation.col.chosen");
	of->head[2] = T("evaluation.col.taken_up");
	for (size_t x = 0; x < e->n_offers; x++) {
		const struct eval_offer *o = &e->offers[x];
		const char *v = count_text(r, &o->chosen);
		of->rows[x] = (struct eval_chart_row){.label = o->label, .value_text = v, .shown = count_shown(&o->chosen),
						      .value = (double)(o->chosen.n < 0 ? 0 : o->chosen.n)};
		of->cells[3 * x] = o->label;
		of->cells[3 * x + 1] = v;
		of->cells[3 * x + 2] = count_text(r, &o->taken_up);
	}
	of->n = e->n_offers;
	static const char *const action_keys[] = {"evaluation.actions.done", "evaluation.actions.open",
						  "evaluation.actions.overdue", "evaluation.actions.dropped"};
	for (int x = 0; x < EVAL_ACTION_N; x++)
		labels[x] = T(action_keys[x]);
	counts_section(r, &s[n++], "actions", T("evaluation.actions.title"), T("evaluation.actions.intro"), e->actions,
		       labels, EVAL_ACTION_N);
	static const char *const event_keys[] = {"evaluation.events.held", "evaluation.events.invited",
						 "evaluation.events.signed_up", "evaluation.events.attended"};
	for (int x = 0; x < EVAL_EVENTS_N; x++)
		labels[x] = T(event_keys[x]);
	counts_section(r, &s[n++], "events", T("evaluation.events.title"), T("evaluation.events.intro"), e->events,
		       labels, EVAL_EVENTS_N);
	/* the change between first and latest scan: a table only (changes may be negative) */
	struct section *ch = &s[n++];
	memset(ch, 0, sizeof(*ch));
	ch->id = "change";
	ch->heading = T("evaluation.change.title");
	ch->intro = T("evaluation.change.intro");
	ch->n_cols = 3;
	ch->head = arena_alloc(&r->arena, 3 * sizeof(char *));
	ch->head[0] = T("evaluation.col.pillar");
	ch->head[1] = T("evaluation.col.companies");
	ch->head[2] = T("evaluation.col.mean_change");
	ch->cells = arena_alloc(&r->arena, (e->n_changes + 1) * 3 * sizeof(char *));
	for (size_t x = 0; x < e->n_changes; x++) {
		const struct eval_change *c = &e->changes[x];
		ch->cells[3 * x] = c->title;
		ch->cells[3 * x + 1] = c->shown ? arena_printf(&r->arena, "%ld", c->n)
						: arena_printf(&r->arena, "%s %d", T("evaluation.fewer_than"), e->k);
		ch->cells[3 * x + 2] = c->shown ? arena_printf(&r->arena, "%s%s", c->mean > 0 ? "+" : "",
							       score_text(r, c->mean)) : "";
	}
	ch->n = e->n_changes;
	*out = s;
	return n;
}

static const char *scope_line(struct req *r, const struct eval_scope *s, const struct evaluation *e)
{
	(void)s;
	return arena_printf(&r->arena, "%s %s %s %s (%s %s %s)", T("evaluation.period"),
			    quarter_label(r, e->period.from_year, e->period.from_quarter), T("evaluation.until"),
			    quarter_label(r, e->period.to_year, e->period.to_quarter), T("evaluation.asked"),
			    e->period.from, e->period.to);
}

static const char *refresh_line(struct req *r, const struct evaluation *e)
{
	if (!e->refresh_id)
		return T("evaluation.never_refreshed");
	char shown[40];
	if (!date_show(e->refreshed_at, shown, sizeof(shown)))
		snprintf(shown, sizeof(shown), "%s", e->refreshed_at);
	return arena_printf(&r->arena, "%s %s (%s %lld)", T("evaluation.refreshed"), shown, T("evaluation.refresh_no"),
			    e->refresh_id);
}

static const char *k_line(struct req *r, const struct evaluation *e)
{
	return arena_printf(&r->arena, T("evaluation.k_rule"), e->k);
}

void eval_view_page(struct req *r, const struct eval_scope *s, const char *tmpl, cJSON *ctx)
{
	struct eval_period p;
	const char *field = NULL, *msg = NULL;
	cJSON_AddStringToObject(ctx, "scope", s->name);
	cJSON_AddStringToObject(ctx, "path", s->path);
	if (period_of(r, &p, &field, &msg) != 0) {
		cJSON_AddStringToObject(ctx, "from", p.from);
		cJSON_AddStringToObject(ctx, "to", p.to);
		page_field_error(ctx, field, msg);
		page_render(r, 400, tmpl, T("evaluation.title"), ctx);
		return;
	}
	struct evaluation e;
	if (load(r, s, &p, &e) != 0)
		return;
	cJSON_AddStringToObject(ctx, "from", p.from);
	cJSON_AddStringToObject(ctx, "to", p.to);
	cJSON_AddStringToObject(ctx, "period_line", scope_line(r, s, &e));
	cJSON_AddStringToObject(ctx, "refresh_line", refresh_line(r, &e));
	cJSON_AddStringToObject(ctx, "k_line", k_line(r, &e));
	cJSON_AddStringToObject(ctx, "pdf_url", arena_printf(&r->arena, "%s.pdf?from=%s&to=%s%s", s->path, p.from, p.to,
							     s->query ? s->query : ""));
	if (e.funnel[EVAL_FUNNEL_SUBMITTED].n == 0 && e.funnel[EVAL_FUNNEL_INVITED].n == 0)
		cJSON_AddBoolToObject(ctx, "empty", 1);
	struct section *sec;
	size_t n = sections_of(r, &e, &sec);
	cJSON *list = cJSON_AddArrayToObject(ctx, "sections");
	for (size_t i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", sec[i].id);
		cJSON_AddStringToObject(o, "heading", sec[i].heading);
		if (sec[i].intro)
			cJSON_AddStringToObject(o, "intro", sec[i].intro);
		struct eval_chart c;
		if (sec[i].rows && sec[i].n &&
		    eval_chart_layout(&c, sec[i].kind, sec[i].rows, sec[i].n, 0, CHART_SCREEN_WIDTH, &chart_screen) == 0) {
			struct buf svg = BUF_INIT;
			eval_chart_svg(&c, sec[i].heading, arena_printf(&r->arena, "ev-%s", sec[i].id), &svg);
			cJSON_AddStringToObject(o, "svg", svg.data);
			buf_release(&svg);
		}
		cJSON *head = cJSON_AddArrayToObject(o, "head");
		for (size_t c2 = 0; c2 < sec[i].n_cols; c2++)
			cJSON_AddItemToArray(head, cJSON_CreateString(sec[i].head[c2]));
		cJSON *rows = cJSON_AddArrayToObject(o, "rows");
		for (size_t x = 0; x < sec[i].n; x++) {
			cJSON *row = cJSON_CreateObject();
			cJSON_AddStringToObject(row, "label", sec[i].cells[x * sec[i].n_cols]);
			cJSON *cells = cJSON_AddArrayToObject(row, "cells");
			for (size_t c2 = 1; c2 < sec[i].n_cols; c2++)
				cJSON_AddItemToArray(cells, cJSON_CreateString(sec[i].cells[x * sec[i].n_cols + c2]));
			cJSON_AddItemToArray(rows, row);
		}
		if (!sec[i].n)
			cJSON_AddBoolToObject(o, "none", 1);
		cJSON_AddItemToArray(list, o);
	}
	page_render(r, 200, tmpl, T("evaluation.title"), ctx);
}

void eval_view_pdf(struct req *r, const struct eval_scope *s)
{
	struct eval_period p;
	const char *field = NULL, *msg = NULL;
	if (period_of(r, &p, &field, &msg) != 0) {
		reply_text(r, 400, msg);
		return;
	}
	struct evaluation e;
	if (load(r, s, &p, &e) != 0)
		return;
	struct section *sec;
	size_t n = sections_of(r, &e, &sec);
	struct eval_doc_section *ds = arena_alloc(&r->arena, (n + 1) * sizeof(*ds));
	for (size_t i = 0; i < n; i++)
		ds[i] = (struct eval_doc_section){sec[i].heading, sec[i].intro, sec[i].kind, sec[i].rows,
						  sec[i].rows ? sec[i].n : 0, 0,
						  {sec[i].n_cols, sec[i].n, sec[i].head, sec[i].cells}};
	const char *lines[] = {scope_line(r, s, &e), refresh_line(r, &e), k_line(r, &e)};
	struct eval_doc d = {r->lang, T("evaluation.title"), s->name, lines, 3, ds, n, time(NULL)};
	struct buf pdf;
	char err[256];
	buf_init(&pdf, 16u * 1024 * 1024);
	if (evaluation_pdf_render(&d, &pdf, err, sizeof(err)) != 0) {
		log_error("evaluation PDF: %s", err);
		buf_release(&pdf);
		reply_error(r, 500);
		return;
	}
	reply_bytes(r, 200, "application/pdf", pdf.data, pdf.len,
		    arena_printf(&r->arena, "%s %s %s.pdf", T("evaluation.title"), p.from, p.to));
	buf_release(&pdf);
}

/* score_json.c: a score_result as JSON, the form stored in the database and read by the pages and the PDF.
 *
 * Written straight into a buffer: the seed and every submission store this
 * text, and building a cJSON tree for it first (two allocations a value, ~700
 * values a scan) was the larger part of the seed's own CPU time. Numbers are
 * the shortest text that reads back to the same double (buf_double). */
#include <math.h>

#include <cJSON.h>

#include "scoring/score.h"
#include "common/number.h"
#include "common/banned.h"

/* ,"name": (the comma unless it opens an object) */
static void name(struct buf *b, const char *n)
{
	if (b->len && b->data[b->len - 1] != '{')
		buf_putc(b, ',');
	buf_putc(b, '"');
	buf_puts(b, n);
	buf_puts(b, "\":");
}

static void str(struct buf *b, const char *n, const char *v)
{
	name(b, n);
	buf_putc(b, '"');
	buf_json_str(b, v);
	buf_putc(b, '"');
}

/* A double, or null for NAN (JSON has no NaN). */
static void num(struct buf *b, const char *n, double v)
{
	name(b, n);
	if (isfinite(v))
		buf_double(b, v);
	else
		buf_puts(b, "null");
}

static void boolean(struct buf *b, const char *n, int v)
{
	name(b, n);
	buf_puts(b, v ? "true" : "false");
}

static void band(struct buf *b, const struct questionnaire *q, int i)
{
	if (i >= 0) {
		str(b, "band", q->bands[i].key);
	} else {
		name(b, "band");
		buf_puts(b, "null");
	}
}

static const char *state_name(enum answer_state s)
{
	return s == ANSWER_GIVEN ? "answered" : s == ANSWER_NA ? "na" : "missing";
}

static void item_json(struct buf *b, const struct item *it, const struct item_result *ir)
{
	buf_putc(b, '{');
	str(b, "key", it->key);
	str(b, "state", state_name(ir->state));
	num(b, "score", ir->score);
	num(b, "weight", it->weight);
	num(b, "contribution", ir->contribution);
	num(b, "best", it->best);
	num(b, "gain", ir->gain);
	buf_putc(b, '}');
}

static void theme_json(struct buf *b, const struct score_result *r, const struct theme *t)
{
	const struct questionnaire *q = r->q;
	const struct theme_result *tr = &r->themes[t->index];
	buf_putc(b, '{');
	str(b, "key", t->key);
	num(b, "score", tr->score);
	boolean(b, "valid", tr->valid);
	band(b, q, tr->band);
	boolean(b, "attention", tr->attention);
	num(b, "raw", tr->raw);
	num(b, "answered_share", tr->answered_share);
	num(b, "answered", (double)tr->n_answered);
	num(b, "na", (double)tr->n_na);
	num(b, "missing", (double)tr->n_missing);
	name(b, "items");
	buf_putc(b, '[');
	int first = 1;
	for (size_t i = 0; i < t->n_items; i++)
		if (item_is_scored(&t->items[i])) {
			if (!first)
				buf_putc(b, ',');
			first = 0;
			item_json(b, &t->items[i], &r->items[t->items[i].index]);
		}
	buf_putc(b, ']');
	name(b, "movers");
	buf_putc(b, '[');
	for (size_t m = 0; m < tr->n_movers; m++) {
		const struct item *it = q->items[tr->movers[m]];
		buf_puts(b, m ? ",{" : "{");
		str(b, "key", it->key);
		str(b, "state", state_name(r->items[it->index].state));
		num(b, "gain", r->items[it->index].gain);
		buf_putc(b, '}');
	}
	buf_puts(b, "]}");
}

static void aggregate_json(struct buf *b, const struct questionnaire *q, const struct aggregate_result *a)
{
	num(b, "score", a->score);
	boolean(b, "valid", a->valid);
	band(b, q, a->band);
	num(b, "valid_share", a->valid_share);
}

static void attention_json(struct buf *b, const struct score_result *r)
{
	name(b, "attention_points");
	buf_putc(b, '[');
	for (size_t i = 0; i < r->n_attention; i++) {
		const struct theme *t = r->q->themes[r->attention[i]];
		buf_puts(b, i ? ",{" : "{");
		str(b, "pillar", r->q->pillars[t->pillar].key);
		str(b, "theme", t->key);
		num(b, "score", r->themes[t->index].score);
		name(b, "offer_tags");
		buf_putc(b, '[');
		for (size_t k = 0; k < t->n_offer_tags; k++) {
			buf_puts(b, k ? ",\"" : "\"");
			buf_json_str(b, t->offer_tags[k]);
			buf_putc(b, '"');
		}
		buf_puts(b, "]}");
	}
	buf_putc(b, ']');
}

void score_result_write_json(const struct score_result *r, struct buf *b)
{
	const struct questionnaire *q = r->q;
	buf_putc(b, '{');
	str(b, "engine", SCORE_ENGINE_VERSION);
	name(b, "questionnaire");
	buf_putc(b, '{');
	str(b, "key", q->key);
	num(b, "version", (double)q->version);
	str(b, "sha256", q->sha256);
	buf_putc(b, '}');
	name(b, "overall");
	buf_putc(b, '{');
	aggregate_json(b, q, &r->overall);
	buf_putc(b, '}');
	name(b, "pillars");
	buf_putc(b, '[');
	for (size_t p = 0; p < q->n_pillars; p++) {
		buf_puts(b, p ? ",{" : "{");
		str(b, "key", q->pillars[p].key);
		aggregate_json(b, q, &r->pillars[p]);
		name(b, "themes");
		buf_putc(b, '[');
		for (size_t t = 0; t < q->pillars[p].n_themes; t++) {
			if (t)
				buf_putc(b, ',');
			theme_json(b, r, &q->pillars[p].themes[t]);
		}
		buf_puts(b, "]}");
	}
	buf_putc(b, ']');
	attention_json(b, r);
	buf_putc(b, '}');
}

cJSON *score_result_to_json(const struct score_result *r)
{
	struct buf b = BUF_INIT;
	score_result_write_json(r, &b);
	cJSON *j = cJSON_ParseWithLength(b.data, b.len);
	buf_release(&b);
	return j;
}

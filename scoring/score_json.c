/* score_json.c: a score_result as JSON, the form stored in the database and read by the pages and the PDF. */
#include <math.h>

#include <cJSON.h>

#include "scoring/score.h"
#include "common/banned.h"

/* A double, or null for NAN (JSON has no NaN). */
static void add_number(cJSON *obj, const char *name, double v)
{
	if (isfinite(v))
		cJSON_AddNumberToObject(obj, name, v);
	else
		cJSON_AddNullToObject(obj, name);
}

static void add_band(cJSON *obj, const struct questionnaire *q, int band)
{
	if (band >= 0)
		cJSON_AddStringToObject(obj, "band", q->bands[band].key);
	else
		cJSON_AddNullToObject(obj, "band");
}

static const char *state_name(enum answer_state s)
{
	return s == ANSWER_GIVEN ? "answered" : s == ANSWER_NA ? "na" : "missing";
}

static cJSON *item_json(const struct item *it, const struct item_result *ir)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "key", it->key);
	cJSON_AddStringToObject(o, "state", state_name(ir->state));
	add_number(o, "score", ir->score);
	cJSON_AddNumberToObject(o, "weight", it->weight);
	add_number(o, "contribution", ir->contribution);
	cJSON_AddNumberToObject(o, "best", it->best);
	cJSON_AddNumberToObject(o, "gain", ir->gain);
	return o;
}

static cJSON *theme_json(const struct score_result *r, const struct theme *t)
{
	const struct questionnaire *q = r->q;
	const struct theme_result *tr = &r->themes[t->index];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "key", t->key);
	add_number(o, "score", tr->score);
	cJSON_AddBoolToObject(o, "valid", tr->valid);
	add_band(o, q, tr->band);
	cJSON_AddBoolToObject(o, "attention", tr->attention);
	add_number(o, "raw", tr->raw);
	cJSON_AddNumberToObject(o, "answered_share", tr->answered_share);
	cJSON_AddNumberToObject(o, "answered", (double)tr->n_answered);
	cJSON_AddNumberToObject(o, "na", (double)tr->n_na);
	cJSON_AddNumberToObject(o, "missing", (double)tr->n_missing);
	cJSON *items = cJSON_AddArrayToObject(o, "items");
	for (size_t i = 0; i < t->n_items; i++)
		if (item_is_scored(&t->items[i]))
			cJSON_AddItemToArray(items, item_json(&t->items[i], &r->items[t->items[i].index]));
	cJSON *movers = cJSON_AddArrayToObject(o, "movers");
	for (size_t m = 0; m < tr->n_movers; m++) {
		const struct item *it = q->items[tr->movers[m]];
		cJSON *mv = cJSON_CreateObject();
		cJSON_AddStringToObject(mv, "key", it->key);
		cJSON_AddStringToObject(mv, "state", state_name(r->items[it->index].state));
		cJSON_AddNumberToObject(mv, "gain", r->items[it->index].gain);
		cJSON_AddItemToArray(movers, mv);
	}
	return o;
}

static void add_aggregate(cJSON *o, const struct questionnaire *q, const struct aggregate_result *a)
{
	add_number(o, "score", a->score);
	cJSON_AddBoolToObject(o, "valid", a->valid);
	add_band(o, q, a->band);
	cJSON_AddNumberToObject(o, "valid_share", a->valid_share);
}

static cJSON *attention_json(const struct score_result *r)
{
	cJSON *list = cJSON_CreateArray();
	for (size_t i = 0; i < r->n_attention; i++) {
		const struct theme *t = r->q->themes[r->attention[i]];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "pillar", r->q->pillars[t->pillar].key);
		cJSON_AddStringToObject(o, "theme", t->key);
		cJSON_AddNumberToObject(o, "score", r->themes[t->index].score);
		cJSON *tags = cJSON_AddArrayToObject(o, "offer_tags");
		for (size_t k = 0; k < t->n_offer_tags; k++)
			cJSON_AddItemToArray(tags, cJSON_CreateString(t->offer_tags[k]));
		cJSON_AddItemToArray(list, o);
	}
	return list;
}

cJSON *score_result_to_json(const struct score_result *r)
{
	const struct questionnaire *q = r->q;
	cJSON *root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "engine", SCORE_ENGINE_VERSION);
	cJSON *qo = cJSON_AddObjectToObject(root, "questionnaire");
	cJSON_AddStringToObject(qo, "key", q->key);
	cJSON_AddNumberToObject(qo, "version", (double)q->version);
	cJSON_AddStringToObject(qo, "sha256", q->sha256);
	add_aggregate(cJSON_AddObjectToObject(root, "overall"), q, &r->overall);
	cJSON *pillars = cJSON_AddArrayToObject(root, "pillars");
	for (size_t p = 0; p < q->n_pillars; p++) {
		cJSON *po = cJSON_CreateObject();
		cJSON_AddStringToObject(po, "key", q->pillars[p].key);
		add_aggregate(po, q, &r->pillars[p]);
		cJSON *themes = cJSON_AddArrayToObject(po, "themes");
		for (size_t t = 0; t < q->pillars[p].n_themes; t++)
			cJSON_AddItemToArray(themes, theme_json(r, &q->pillars[p].themes[t]));
		cJSON_AddItemToArray(pillars, po);
	}
	cJSON_AddItemToObject(root, "attention_points", attention_json(r));
	return root;
}

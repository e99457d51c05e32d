/* scan_fill.c: the scores, peer comparison, charts, movers and answers of a
 * scan as template context (office_scan_fill), shared by the advisor's scan page and
 * the researcher's pseudonymized page. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "server/pages/office/scan_page.h"
#include "server/app/report_build.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "scoring/peer.h"
#include "server/app/sector.h"
#include "common/banned.h"

static const char *band_label(const struct scan_view *v, const char *band)
{
	for (size_t i = 0; band && i < v->q->n_bands; i++)
		if (strcmp(v->q->bands[i].key, band) == 0)
			return text_pair_get(&v->q->bands[i].label, v->lang);
	return "";
}

static void add_peer(struct req *r, cJSON *o, const struct sv_score *s)
{
	cJSON *p = cJSON_AddObjectToObject(o, "peer");
	cJSON_AddBoolToObject(p, "available", s->peer.available);
	if (!s->peer.available)
		return;
	cJSON_AddNumberToObject(p, "n", (double)s->peer.n);
	cJSON_AddStringToObject(p, "median", office_score_text(r, s->peer.median));
	cJSON_AddStringToObject(p, "p25", office_score_text(r, s->peer.p25));
	cJSON_AddStringToObject(p, "p75", office_score_text(r, s->peer.p75));
	cJSON_AddStringToObject(p, "rank", office_score_text(r, s->peer.percentile_rank));
	cJSON_AddBoolToObject(p, "has_rank", isfinite(s->peer.percentile_rank));
}

/* The common keys of one score: score_text, valid, band, band_label, peer, previous. */
static cJSON *score_obj(struct req *r, const struct scan_view *v, const struct sv_score *s)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "key", s->key);
	cJSON_AddBoolToObject(o, "valid", s->valid);
	cJSON_AddStringToObject(o, "score_text", office_score_text(r, s->score));
	cJSON_AddStringToObject(o, "band", s->band ? s->band : "none");
	cJSON_AddStringToObject(o, "band_label", band_label(v, s->band));
	add_peer(r, o, s);
	if (s->valid && s->has_previous) {
		cJSON_AddBoolToObject(o, "has_previous", 1);
		cJSON_AddStringToObject(o, "previous_text", office_score_text(r, s->previous));
		cJSON_AddStringToObject(o, "delta_text", office_delta_text(r, s->score - s->previous));
	}
	return o;
}

/* One answer as plain text in the page's language. */
static const char *answer_text(struct req *r, const struct item *it, const char *json)
{
	if (!json)
		return i18n_get(r->lang, "office.answer.none");
	cJSON *v = cJSON_Parse(json);
	const char *out = "";
	if (cJSON_IsString(v) && strcmp(v->valuestring, "na") == 0 && it->type != ITEM_TEXT) {
		out = i18n_get(r->lang, "office.answer.na");
	} else if (it->type == ITEM_TEXT && cJSON_IsString(v)) {
		out = arena_strdup(&r->arena, v->valuestring);
	} else if (it->type == ITEM_LIKERT5 && cJSON_IsNumber(v) && v->valueint >= 1 && v->valueint <= 5) {
		const char *lbl = text_pair_get(&it->scale[v->valueint - 1], r->lang);
		out = lbl ? arena_printf(&r->arena, "%d – %s", v->valueint, lbl) : arena_printf(&r->arena, "%d", v->valueint);
	} else if (it->type == ITEM_YESNO && cJSON_IsBool(v)) {
		out = i18n_get(r->lang, cJSON_IsTrue(v) ? "office.answer.yes" : "office.answer.no");
	} else if (it->type == ITEM_NUMBER && cJSON_IsNumber(v)) {
		out = arena_printf(&r->arena, "%g%s%s", v->valuedouble, it->unit ? " " : "", it->unit ? it->unit : "");
	} else if ((it->type == ITEM_CHOICE && cJSON_IsString(v)) || (it->type == ITEM_MULTI && cJSON_IsArray(v))) {
		struct buf b;
		buf_init(&b, 64 * 1024);
		const cJSON *e;
		int first = 1;
		cJSON *one = it->type == ITEM_CHOICE ? cJSON_CreateArray() : NULL;
		if (one)
			cJSON_AddItemToArray(one, cJSON_CreateString(v->valuestring));
		const cJSON *list = one ? one : v;
		cJSON_ArrayForEach(e, list) {
			for (size_t o = 0; cJSON_IsString(e) && o < it->n_options; o++)
				if (strcmp(it->options[o].key, e->valuestring) == 0) {
					buf_printf(&b, "%s%s", first ? "" : "; ", text_pair_get(&it->options[o].label, r->lang));
					first = 0;
				}
		}
		cJSON_Delete(one);
		out = arena_strdup(&r->arena, b.len ? b.data : i18n_get(r->lang, "office.answer.none"));
		buf_release(&b);
	} else {
		out = arena_strdup(&r->arena, json);
	}
	cJSON_Delete(v);
	return out;
}

static cJSON *theme_obj(struct req *r, const struct scan_view *v, const struct theme *th)
{
	const struct sv_score *s = &v->themes[th->index];
	cJSON *o = score_obj(r, v, s);
	cJSON_AddStringToObject(o, "title", text_pair_get(&th->title, r->lang));
	cJSON_AddBoolToObject(o, "attention", s->valid && s->band && strcmp(s->band, v->q->bands[0].key) == 0);
	cJSON *mv = cJSON_AddArrayToObject(o, "movers");
	for (size_t m = 0; m < s->n_movers && m < 5; m++) {
		cJSON *e = cJSON_CreateObject();
		const struct item *it = s->movers[m].item;
		cJSON_AddStringToObject(e, "text", it ? text_pair_get(&it->text, r->lang) : s->movers[m].key);
		cJSON_AddStringToObject(e, "gain", office_score_text(r, s->movers[m].gain));
		cJSON_AddItemToArray(mv, e);
	}
	cJSON *answers = cJSON_AddArrayToObject(o, "answers");
	for (size_t i = 0; i < th->n_items; i++) {
		const struct item *it = &th->items[i];
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "key", it->key);
		cJSON_AddStringToObject(e, "text", text_pair_get(&it->text, r->lang));
		int hidden = v->open_text_hidden && it->type == ITEM_TEXT;
		cJSON_AddStringToObject(e, "answer", hidden ? i18n_get(r->lang, "office.answer.hidden")
						   : answer_text(r, it, v->answers[it->index].json));
		cJSON_AddBoolToObject(e, "open", it->type == ITEM_TEXT);
		cJSON_AddItemToArray(answers, e);
	}
	return o;
}

void office_scan_fill(struct req *r, const struct scan_view *v, cJSON *ctx)
{
	cJSON *scan = cJSON_AddObjectToObject(ctx, "scan");
	cJSON_AddNumberToObject(scan, "id", (double)v->scan_id);
	cJSON_AddStringToObject(scan, "status", v->status);
	cJSON_AddStringToObject(scan, "status_label", office_status_label(r, v->status));
	cJSON_AddStringToObject(scan, "advisor", v->advisor_name);
	cJSON_AddStringToObject(scan, "sector", v->sector ? v->sector : "");
	cJSON_AddStringToObject(scan, "sector_name", v->sector ? sbi_name(v->sector, r->lang) : "");
	enum peer_size_class sc;
	if (!v->company_name) {
		/* pseudonymized (research): no finer than the exports — month and size class */
		cJSON_AddStringToObject(scan, "submitted_at", arena_printf(&r->arena, "%.7s", v->submitted_at));
		const char *size = isfinite(v->fte) && peer_size_class_of(v->fte, &sc) == 0 ? peer_size_class_key(sc) : "–";
		for (size_t i = 0; v->q && i < v->q->profile.n_size_classes; i++)
			if (strcmp(v->q->profile.size_classes[i].key, size) == 0)
				size = text_pair_get(&v->q->profile.size_classes[i].label, r->lang);
		cJSON_AddStringToObject(scan, "size_class", size);
	} else {
		cJSON_AddStringToObject(scan, "submitted_at", v->submitted_at);
		cJSON_AddStringToObject(scan, "fte", isfinite(v->fte) ? arena_printf(&r->arena, "%g", v->fte) : "–");
	}
	cJSON_AddStringToObject(scan, "pseudonym", v->pseudonym);
	cJSON_AddStringToObject(scan, "questionnaire", text_pair_get(&v->q->title, r->lang));
	if (v->company_name) {
		cJSON *c = cJSON_AddObjectToObject(scan, "company");
		cJSON_AddNumberToObject(c, "id", (double)v->company_id);
		cJSON_AddStringToObject(c, "name", v->company_name);
		cJSON_AddStringToObject(c, "kvk", v->kvk);
		cJSON_AddStringToObject(c, "contact", v->contact_name);
		cJSON_AddStringToObject(c, "email", v->email);
		cJSON_AddStringToObject(c, "phone", v->phone);
		cJSON_AddStringToObject(c, "municipality", v->municipality);
	}
	if (v->previous_scan_id)
		cJSON_AddStringToObject(scan, "previous_date", v->company_name ? v->previous_date
						    : arena_printf(&r->arena, "%.7s", v->previous_date)); /* research: the month */

	cJSON *g = cJSON_AddObjectToObject(ctx, "group");
	int has_group = strcmp(v->group.kind, "none") != 0;
	cJSON_AddBoolToObject(g, "available", has_group);
	if (has_group) {
		char key[64];
		snprintf(key, sizeof(key), "office.group.%s", v->group.kind);
		cJSON_AddStringToObject(g, "kind_label", i18n_get(r->lang, key));
		static const struct { const char *key, *text; } sizes[] = {
			{"fte_10_49", " (10–49 fte)"}, {"fte_50_99", " (50–99 fte)"},
			{"fte_100_199", " (100–199 fte)"}, {"fte_200_plus", " (200+ fte)"},
		};
		const char *vt = "";
		if (strcmp(v->group.kind, "sector") == 0)
			vt = arena_printf(&r->arena, " %s", v->group.value);
		for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
			if (strcmp(v->group.value, sizes[i].key) == 0)
				vt = sizes[i].text;
		cJSON_AddStringToObject(g, "value", v->group.value);
		cJSON_AddStringToObject(g, "value_text", vt);
		cJSON_AddNumberToObject(g, "n", (double)v->group.n);
	}
	cJSON_AddNumberToObject(g, "k", 0);

	cJSON *overall = score_obj(r, v, &v->overall);
	cJSON_AddItemToObject(ctx, "overall", overall);
	/* The charts come from the report's model and chart geometry (reports/chart.h),
	 * so the page shows the same picture as the PDF. */
	struct report *rep = arena_alloc(&r->arena, sizeof(*rep));
	report_from_view(&r->arena, v, r->lang, rep);
	cJSON_AddStringToObject(ctx, "radar_svg", report_svg_radar(&r->arena, rep, "radar"));

	cJSON *pillars = cJSON_AddArrayToObject(ctx, "pillars");
	cJSON *attention = cJSON_AddArrayToObject(ctx, "attention");
	for (size_t p = 0; p < v->q->n_pillars; p++) {
		const struct pillar *pl = &v->q->pillars[p];
		cJSON *po = score_obj(r, v, &v->pillars[p]);
		cJSON_AddStringToObject(po, "title", text_pair_get(&pl->title, r->lang));
		cJSON_AddStringToObject(po, "chart_svg",
					report_svg_bars(&r->arena, rep, p, arena_printf(&r->arena, "bars-%s", pl->key)));
		cJSON *themes = cJSON_AddArrayToObject(po, "themes");
		for (size_t t = 0; t < pl->n_themes; t++) {
			cJSON *to = theme_obj(r, v, &pl->themes[t]);
			if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(to, "attention"))) {
				cJSON *a = cJSON_CreateObject();
				cJSON_AddStringToObject(a, "key", pl->themes[t].key);
				cJSON_AddStringToObject(a, "title", text_pair_get(&pl->themes[t].title, r->lang));
				cJSON_AddStringToObject(a, "pillar", text_pair_get(&pl->title, r->lang));
				cJSON_AddStringToObject(a, "score_text", cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(to, "score_text")));
				cJSON *tags = cJSON_AddArrayToObject(a, "tags");
				for (size_t k = 0; k < pl->themes[t].n_offer_tags; k++)
					cJSON_AddItemToArray(tags, cJSON_CreateString(pl->themes[t].offer_tags[k]));
				cJSON_AddItemToArray(attention, a);
			}
			cJSON_AddItemToArray(themes, to);
		}
		cJSON_AddItemToArray(pillars, po);
	}
	cJSON_AddBoolToObject(ctx, "has_attention", cJSON_GetArraySize(attention) > 0);
}

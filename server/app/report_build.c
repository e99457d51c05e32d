/* report_build.c: the report view model of one scan from the database; see report_build.h. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cJSON.h>

#include "common/buf.h"
#include "reports/chart.h"
#include "reports/strings.h"
#include "server/app/report_build.h"
#include "server/app/sector.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/db/action.h"
#include "server/db/advice.h"
#include "server/db/benchmark_snapshot.h"
#include "server/db/offer.h"
#include "server/db/report.h"
#include "common/banned.h"

/* The web pages draw the charts from the same geometry as the PDF, laid out
 * for a phone (chart_screen in reports/chart.h): every text at 11 px or more
 * at 360 px, and the page's CSS keeps them from growing huge on a laptop. */
/* "Wat uw score omhoog brengt": the items with the largest weighted gain (the
 * scoring engine orders movers so), named by their tip, never by the question. */
#define MAX_MOVERS 3

static double score_of(const struct sv_score *s)
{
	return s->valid ? s->score : NAN;
}

static struct report_peer peer_of(const struct sv_score *s)
{
	struct report_peer p = {0};
	if (s->peer.available) {
		p.available = 1;
		p.n = (int)s->peer.n;
		p.p25 = s->peer.p25;
		p.median = s->peer.median;
		p.p75 = s->peer.p75;
	}
	return p;
}

static const char *band_meaning(const struct report *r, int band)
{
	return band >= 0 && (size_t)band < r->n_bands ? r->bands[band].meaning : NULL;
}

static void fill_theme(struct arena *a, const struct scan_view *v, const struct theme *th, const char *lang,
		       const struct report *r, struct report_theme *t)
{
	const struct sv_score *s = &v->themes[th->index];
	t->key = th->key;
	t->title = text_pair_get(&th->title, lang);
	t->score = score_of(s);
	t->band = report_band_of(r, t->score);
	t->peer = peer_of(s);
	t->previous = s->valid && s->has_previous ? s->previous : NAN;
	t->sentence = NULL;
	if (t->band >= 0 && th->band_texts)
		t->sentence = text_pair_get(&th->band_texts[t->band], lang);
	if (!t->sentence)
		t->sentence = band_meaning(r, t->band);
	size_t n = !s->valid ? 0 : s->n_movers;
	const char **movers = arena_alloc(a, sizeof(*movers) * MAX_MOVERS);
	for (size_t m = 0; m < n && t->n_movers < MAX_MOVERS; m++) {
		const struct item *it = s->movers[m].item;
		const char *tip = it ? text_pair_get(&it->tip, lang) : NULL;
		if (tip) /* a text revision from before tips has none: leave the item out */
			movers[t->n_movers++] = tip;
	}
	t->movers = movers;
}

static void fill_company(struct arena *a, const struct scan_view *v, const char *lang, struct report *out);

void report_from_view(struct arena *a, const struct scan_view *v, const char *lang, struct report *out)
{
	const struct questionnaire *q = v->q;
	out->lang = lang;
	struct report_band *bands = arena_alloc(a, sizeof(*bands) * (q->n_bands ? q->n_bands : 1));
	for (size_t i = 0; i < q->n_bands; i++) {
		bands[i].key = q->bands[i].key;
		bands[i].label = text_pair_get(&q->bands[i].label, lang);
		bands[i].meaning = text_pair_get(&q->bands[i].description, lang);
		bands[i].from = q->bands[i].min;
	}
	out->bands = bands;
	out->n_bands = q->n_bands;
	out->score = score_of(&v->overall);
	out->band = report_band_of(out, out->score);
	out->benchmark.available = strcmp(v->group.kind, "none") != 0;
	out->benchmark.is_sector = strcmp(v->group.kind, "sector") == 0;
	out->benchmark.n = (int)v->group.n;

	size_t np = q->n_pillars < REPORT_MAX_PILLARS ? q->n_pillars : REPORT_MAX_PILLARS;
	struct report_pillar *pillars = arena_alloc(a, sizeof(*pillars) * (np ? np : 1));
	size_t n_attention = 0;
	struct report_attention *attention = arena_alloc(a, sizeof(*attention) * (q->n_themes ? q->n_themes : 1));
	for (size_t p = 0; p < np; p++) {
		const struct pillar *pl = &q->pillars[p];
		struct report_pillar *rp = &pillars[p];
		rp->key = pl->key;
		rp->title = text_pair_get(&pl->title, lang);
		rp->score = score_of(&v->pillars[p]);
		rp->band = report_band_of(out, rp->score);
		rp->peer = peer_of(&v->pillars[p]);
		rp->sentence = band_meaning(out, rp->band);
		rp->previous = v->pillars[p].valid && v->pillars[p].has_previous ? v->pillars[p].previous : NAN;
		size_t nt = pl->n_themes < REPORT_MAX_THEMES ? pl->n_themes : REPORT_MAX_THEMES;
		struct report_theme *themes = arena_alloc(a, sizeof(*themes) * (nt ? nt : 1));
		for (size_t t = 0; t < nt; t++) {
			fill_theme(a, v, &pl->themes[t], lang, out, &themes[t]);
			/* Every valid theme in the lowest band is an attention point. */
			if (themes[t].band == 0 && out->n_bands > 1) {
				struct report_attention *at = &attention[n_attention++];
				at->theme_title = themes[t].title;
				at->score = themes[t].score;
				at->band = 0;
			}
		}
		rp->themes = themes;
		rp->n_themes = nt;
	}
	out->pillars = pillars;
	out->n_pillars = np;
	out->attention = attention;
	out->n_attention = n_attention;
	const struct report_theme **best = arena_alloc(a, 3 * sizeof(*best));
	out->n_strongest = report_pick_strongest(out, best, 3);
	out->strongest = best;
	fill_company(a, v, lang, out);
	out->benchmark.group_label = report_group_label(a, &v->group, lang);
}

const char *report_svg_radar(struct arena *a, const struct report *r, const char *id)
{
	struct chart_radar c;
	if (chart_radar_layout_in(&c, r, CHART_SCREEN_WIDTH, &chart_screen) != 0)
		return "";
	struct buf b;
	buf_init(&b, 256 * 1024);
	const char *s = chart_svg_radar(&c, r, id, &b) == 0 ? arena_strdup(a, b.data) : "";
	buf_release(&b);
	return s;
}

const char *report_svg_bars(struct arena *a, const struct report *r, size_t pillar, const char *id)
{
	struct chart_bars c;
	if (pillar >= r->n_pillars || chart_bars_layout_in(&c, r, &r->pillars[pillar], CHART_SCREEN_WIDTH, &chart_screen) != 0)
		return "";
	struct buf b;
	buf_init(&b, 256 * 1024);
	const char *s = chart_svg_bars(&c, r, &r->pillars[pillar], id, &b) == 0 ? arena_strdup(a, b.data) : "";
	buf_release(&b);
	return s;
}

/* ---- the parts beyond the scores ---- */

static const char *msg(const char *lang, const char *key)
{
	return i18n_get(lang, key);
}

static const char *label(const char *lang, const char *prefix, const char *key)
{
	char k[96];
	snprintf(k, sizeof(k), "%s%s", prefix, key);
	return i18n_has(k) ? i18n_get(lang, k) : key;
}

/* "a · b · c" of the non-empty parts. */
static const char *join3(struct arena *a, const char *x, const char *y, const char *z)
{
	const char *parts[3] = {x, y, z};
	struct buf b;
	buf_init(&b, 4096);
	for (int i = 0; i < 3; i++)
		if (parts[i] && parts[i][0])
			buf_printf(&b, "%s%s", b.len ? " · " : "", parts[i]);
	const char *s = arena_strdup(a, b.data);
	buf_release(&b);
	return s;
}

const char *report_group_label(struct arena *a, const struct benchmark_group *g, const char *lang)
{
	const char *kind = g->kind ? g->kind : "none";
	if (strcmp(kind, "sector") == 0)
		return arena_printf(a, "%s %s %s", msg(lang, "report.group.sector"), g->value,
				    sbi_name(g->value, lang));
	if (strcmp(kind, "size_class") == 0)
		return label(lang, "report.group.", g->value);
	if (strcmp(kind, "all") == 0)
		return msg(lang, "report.group.all");
	return NULL;
}

static void fill_company(struct arena *a, const struct scan_view *v, const char *lang, struct report *out)
{
	out->company.name = v->company_name;
	const char *sector = v->sector && v->sector[0] ? sbi_name(v->sector, lang) : "";
	out->company.sector = sector[0] ? arena_printf(a, "%s %s", v->sector, sector) : NULL;
	out->company.fte = v->fte;
	out->company.municipality = v->municipality;
	out->scan_date = v->submitted_at;
	out->previous_scan_date = v->previous_scan_id ? v->previous_date : NULL;
}

static void fill_association(struct arena *a, const struct report_facts *f, const char *lang, struct report *out)
{
	out->association.name = f->org_name;
	out->association.logo_png = f->logo_png;
	out->association.logo_len = f->logo_len;
	out->association.contact = join3(a, f->advisor_name, f->advisor_email, f->contact_email);
	const char *keep = arena_printf(a, "%s %s %d %s", f->org_name, msg(lang, "report.retention_keeps"),
					f->retention_years, msg(lang, "report.retention_years"));
	if (f->share_research && f->research_org_name[0])
		keep = arena_printf(a, "%s %s %s.", keep, msg(lang, "report.retention_research"), f->research_org_name);
	out->association.retention = keep;
	out->questionnaire_version = f->questionnaire_version;
	out->engine_version = f->engine_version[0] ? f->engine_version : NULL;
}

static const char *advice_of(const struct advice_row *adv, int n, const char *theme)
{
	for (int i = 0; i < n; i++)
		if (strcmp(adv[i].theme_key, theme) == 0 && adv[i].body_md[0])
			return adv[i].body_md;
	return NULL;
}

/* {"a","b"} as a PostgreSQL text[] literal. */
static const char *pg_array(struct arena *a, const struct theme *th)
{
	struct buf b;
	buf_init(&b, 64 * 1024);
	buf_putc(&b, '{');
	for (size_t k = 0; k < th->n_offer_tags; k++) {
		buf_puts(&b, k ? ",\"" : "\"");
		for (const char *p = th->offer_tags[k]; *p; p++) {
			if (*p == '"' || *p == '\\')
				buf_putc(&b, '\\');
			buf_putc(&b, *p);
		}
		buf_putc(&b, '"');
	}
	buf_putc(&b, '}');
	const char *s = arena_strdup(a, b.data);
	buf_release(&b);
	return s;
}

/* Advice and suggested offers of every attention point, and the general advice.
 * The attention points were made in questionnaire order (report_from_view), so
 * walking the themes in that order meets them one by one. */
static int fill_advice(struct db *db, struct arena *a, const struct scan_view *v, struct report *out)
{
	struct advice_row *adv;
	int n_adv = db_scan_advice_list(db, a, v->scan_id, &adv);
	if (n_adv < 0)
		return -1;
	out->advice_md = advice_of(adv, n_adv, "");
	struct report_attention *at = (struct report_attention *)out->attention;
	size_t i = 0;
	int rc = 0;
	for (size_t p = 0; p < out->n_pillars && rc == 0; p++) {
		for (size_t t = 0; t < out->pillars[p].n_themes && i < out->n_attention; t++) {
			const struct report_theme *rt = &out->pillars[p].themes[t];
			if (rt->band != 0 || out->n_bands < 2)
				continue;
			const struct theme *th = questionnaire_theme_find(v->q, rt->key);
			at[i].advice_md = advice_of(adv, n_adv, rt->key);
			struct offer_row *m = NULL;
			int n = th && th->n_offer_tags ? db_offer_matching_list(db, a, v->org_id, pg_array(a, th), &m) : 0;
			if (n < 0) {
				rc = -1;
				break;
			}
			const char **titles = arena_alloc(a, sizeof(*titles) * (n ? (size_t)n : 1));
			for (int k = 0; k < n; k++)
				titles[k] = arena_printf(a, "%s (%s)", m[k].title, m[k].provider);
			at[i].suggested_offers = titles;
			at[i].n_suggested_offers = (size_t)n;
			i++;
		}
	}
	return rc;
}

/* The chosen offers; an offer chosen for two attention points shows once. */
static int fill_offers(struct db *db, struct arena *a, long long scan_id, struct report *out)
{
	struct scan_offer_row *chosen;
	int n = db_scan_offer_list(db, a, scan_id, &chosen);
	if (n < 0)
		return -1;
	struct report_offer *offers = arena_alloc(a, sizeof(*offers) * (n ? (size_t)n : 1));
	long long *ids = arena_alloc(a, sizeof(*ids) * (n ? (size_t)n : 1));
	size_t k = 0;
	for (int i = 0; i < n; i++) {
		long long id = chosen[i].offer_id;
		const char *note = chosen[i].note;
		size_t j = 0;
		while (j < k && ids[j] != id)
			j++;
		if (j < k) {
			if (note[0])
				offers[j].note = offers[j].note ? arena_printf(a, "%s; %s", offers[j].note, note)
								: arena_strdup(a, note);
			continue;
		}
		ids[k] = id;
		offers[k].title = chosen[i].title;
		offers[k].provider = chosen[i].provider;
		offers[k].contact = join3(a, chosen[i].contact, chosen[i].url, NULL);
		offers[k].note = note[0] ? note : NULL;
		k++;
	}
	out->offers = offers;
	out->n_offers = k;
	return 0;
}

/* The actions of a scan; only_open keeps open and in-progress ones. */
static int load_actions(struct db *db, struct arena *a, long long scan_id, int only_open, struct report *r,
			const struct report_action **list, size_t *count)
{
	struct action_row *rows;
	int n = db_action_scan_list(db, a, scan_id, &rows);
	if (n < 0)
		return -1;
	struct report_action *acts = arena_alloc(a, sizeof(*acts) * (n ? (size_t)n : 1));
	size_t k = 0;
	for (int i = 0; i < n; i++) {
		const char *st = rows[i].status;
		if (only_open && strcmp(st, "open") != 0 && strcmp(st, "in_progress") != 0)
			continue;
		const char *who = label(r->lang, "office.who.", rows[i].who_kind);
		const char *name = rows[i].who_name;
		char due[64];
		report_format_date(r, rows[i].due_date, due, sizeof(due));
		acts[k].what = rows[i].what;
		acts[k].who = name[0] ? arena_printf(a, "%s: %s", who, name) : who;
		acts[k].due = due[0] ? arena_strdup(a, due) : NULL;
		acts[k].status = label(r->lang, "action_status.", st);
		k++;
	}
	*list = acts;
	*count = k;
	return 0;
}

/* The research group's assessment and its judgement per pillar. */
static int fill_assessment(struct db *db, struct arena *a, const struct scan_view *v, struct report *out)
{
	struct assessment_row as;
	int found = db_assessment_read(db, a, v->scan_id, &as);
	if (found < 0)
		return -1;
	if (found) {
		out->research_md = as.body_md[0] ? as.body_md : NULL;
		cJSON *j = cJSON_Parse(as.judgements_json);
		struct report_pillar *pl = (struct report_pillar *)out->pillars;
		for (size_t p = 0; p < out->n_pillars; p++) {
			const char *text = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, pl[p].key));
			pl[p].judgement_md = text && text[0] ? arena_strdup(a, text) : NULL;
		}
		cJSON_Delete(j);
	}
	return 0;
}

/* The answers to the open questions (the advisor's brief). */
static void fill_open_texts(struct arena *a, const struct scan_view *v, struct report *out)
{
	struct report_open_text *list = arena_alloc(a, sizeof(*list) * (v->q->n_items ? v->q->n_items : 1));
	size_t k = 0;
	for (size_t i = 0; i < v->q->n_items; i++) {
		const struct item *it = v->q->items[i];
		if (it->type != ITEM_TEXT || !v->answers[i].json)
			continue;
		cJSON *j = cJSON_Parse(v->answers[i].json);
		if (cJSON_IsString(j) && j->valuestring[0] && strcmp(j->valuestring, "na") != 0) {
			list[k].question = text_pair_get(&it->text, out->lang);
			list[k].answer = arena_strdup(a, j->valuestring);
			k++;
		}
		cJSON_Delete(j);
	}
	out->open_texts = list;
	out->n_open_texts = k;
}

static const char *iso_date(struct arena *a, time_t t)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	return arena_printf(a, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

enum scanview_status report_build(struct db *db, struct arena *a, long long scan_id,
				  const struct scanview_scope *scope, const struct report_build_opts *o,
				  struct report *out, struct report_build_info *info)
{
	memset(out, 0, sizeof(*out));
	struct scan_view *v = arena_alloc(a, sizeof(*v));
	enum scanview_status st = scanview_load(db, a, scan_id, scope, "nl", v);
	if (st != SCANVIEW_OK)
		return st;
	struct report_facts f;
	int found = db_report_facts(db, a, scan_id, &f);
	if (found <= 0)
		return found < 0 ? SCANVIEW_DB_ERROR : SCANVIEW_NOT_FOUND;
	const char *lang = o->lang && strcmp(o->lang, "en") == 0 ? "en" : o->lang ? "nl" : f.lang;
	v->lang = lang;
	report_from_view(a, v, lang, out);
	out->draft = o->draft;
	out->created = o->created;
	fill_association(a, &f, lang, out);
	out->benchmark.snapshot_date = iso_date(a, o->created);
	long long refresh = db_benchmark_current(db, NULL, 0);
	if (refresh < 0 || fill_advice(db, a, v, out) != 0 || fill_offers(db, a, scan_id, out) != 0 ||
	    load_actions(db, a, scan_id, 0, out, &out->actions, &out->n_actions) != 0 ||
	    fill_assessment(db, a, v, out) != 0)
		return SCANVIEW_DB_ERROR;
	if (v->previous_scan_id &&
	    load_actions(db, a, v->previous_scan_id, 1, out, &out->previous_actions, &out->n_previous_actions) != 0)
		return SCANVIEW_DB_ERROR;
	fill_open_texts(a, v, out);
	if (info) {
		info->org_id = v->org_id;
		info->status = v->status;
		info->owner_report_download = f.owner_report_download;
		info->benchmark_refresh_id = refresh;
		info->text_revision = v->q->text_revision > 0 ? v->q->text_revision : 1;
	}
	return SCANVIEW_OK;
}

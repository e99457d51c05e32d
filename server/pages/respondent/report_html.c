/* report_html.c: the owner's report as an accessible web page (/r/TOKEN).
 *
 * A PDF from libharu cannot be tagged, so the same report is also a page:
 * built from the same model (server/app/report_build.c) with the same report
 * words (reports/strings.c), the comparison as a table beside the chart, and
 * printable. The token is the report link's own (server/db/report_link.h),
 * never the invitation token: the page is read-only and opens nothing else.
 * An unknown or revoked link, a disabled owner_report_download, a scan without
 * a final report or a scan reopened after it all give the same 404; unknown
 * links count towards the per-address limit of every token route. The model
 * is built from the scan's present data, which is what the latest final
 * version froze as long as the scan stays final (a reopened scan 404s until it
 * is final again); agreed actions added after the meeting show up here. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "server/app/config.h"
#include "server/app/markdown.h"
#include "server/app/report_build.h"
#include "server/app/scan_workflow.h"
#include "server/http/page.h"
#include "server/pages/respondent/respondent.h"
#include "server/http/routes.h"
#include "server/http/tmpl.h"
#include "server/db/invitation.h"
#include "server/db/report.h"
#include "server/db/report_link.h"
#include "reports/strings.h"
#include "scoring/score.h"
#include "common/banned.h"

/* Markdown as safe HTML in the arena ("" when empty or too long). */
static const char *md_html(struct arena *a, const char *md)
{
	if (!md || !*md)
		return "";
	struct buf b;
	buf_init(&b, 4u * 1024 * 1024);
	const char *html = markdown_to_html(&b, md) == 0 && b.len ? arena_strndup(a, b.data, b.len) : "";
	buf_release(&b);
	return html;
}

/* score, band and band_key of one score into o. */
static void add_score(struct arena *a, cJSON *o, const struct report *rep, double score, int band)
{
	if (!isfinite(score)) {
		cJSON_AddStringToObject(o, "score", report_str(rep, RS_INSUFFICIENT));
		return;
	}
	cJSON_AddStringToObject(o, "score", arena_printf(a, "%ld", score_round_display(score)));
	if (band >= 0 && (size_t)band < rep->n_bands) {
		cJSON_AddStringToObject(o, "band", rep->bands[band].label);
		cJSON_AddStringToObject(o, "band_key", rep->bands[band].key);
	}
}

static void add_peer(struct arena *a, cJSON *o, const struct report *rep, const struct report_peer *peer)
{
	if (rep->benchmark.available && peer->available)
		cJSON_AddStringToObject(o, "peer", arena_printf(a, "%ld", score_round_display(peer->median)));
	else
		cJSON_AddStringToObject(o, "peer", "–");
}

static cJSON *pillars_json(struct arena *a, const struct report *rep)
{
	cJSON *list = cJSON_CreateArray();
	for (size_t i = 0; i < rep->n_pillars; i++) {
		const struct report_pillar *p = &rep->pillars[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", arena_printf(a, "pillar-%zu", i + 1));
		cJSON_AddStringToObject(o, "title", p->title ? p->title : "");
		cJSON_AddStringToObject(o, "sentence", p->sentence ? p->sentence : "");
		add_score(a, o, rep, p->score, p->band);
		add_peer(a, o, rep, &p->peer);
		cJSON_AddStringToObject(o, "chart_svg", report_svg_bars(a, rep, i, arena_printf(a, "bars-%zu", i + 1)));
		cJSON *themes = cJSON_AddArrayToObject(o, "themes");
		for (size_t t = 0; t < p->n_themes; t++) {
			const struct report_theme *th = &p->themes[t];
			cJSON *to = cJSON_CreateObject();
			cJSON_AddStringToObject(to, "title", th->title ? th->title : "");
			cJSON_AddStringToObject(to, "sentence", th->sentence ? th->sentence : "");
			add_score(a, to, rep, th->score, th->band);
			add_peer(a, to, rep, &th->peer);
			if (th->n_movers) {
				cJSON_AddBoolToObject(to, "has_movers", 1);
				cJSON *m = cJSON_AddArrayToObject(to, "movers");
				for (size_t k = 0; k < th->n_movers; k++)
					cJSON_AddItemToArray(m, cJSON_CreateString(th->movers[k] ? th->movers[k] : ""));
			}
			cJSON_AddItemToArray(themes, to);
		}
		cJSON_AddItemToArray(list, o);
	}
	return list;
}

static void add_followup(struct arena *a, cJSON *ctx, const struct report *rep)
{
	cJSON *att = cJSON_AddArrayToObject(ctx, "attention");
	for (size_t i = 0; i < rep->n_attention; i++) {
		const struct report_attention *x = &rep->attention[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "title", x->theme_title ? x->theme_title : "");
		add_score(a, o, rep, x->score, x->band);
		const char *html = md_html(a, x->advice_md);
		if (*html)
			cJSON_AddStringToObject(o, "advice_html", html);
		else if (!cJSON_HasObjectItem(ctx, "missing_advice"))
			cJSON_AddBoolToObject(ctx, "missing_advice", 1);
		cJSON_AddItemToArray(att, o);
	}
	const char *advice = md_html(a, rep->advice_md);
	if (*advice)
		cJSON_AddStringToObject(ctx, "general_advice_html", advice);  /* not "advice_html": the attention points would find it up the stack */
	const char *research = md_html(a, rep->research_md);
	if (*research)
		cJSON_AddStringToObject(ctx, "research_html", research);
	if (rep->n_offers) {
		cJSON_AddBoolToObject(ctx, "has_offers", 1);
		cJSON *offers = cJSON_AddArrayToObject(ctx, "offers");
		for (size_t i = 0; i < rep->n_offers; i++) {
			const struct report_offer *x = &rep->offers[i];
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "title", x->title ? x->title : "");
			cJSON_AddStringToObject(o, "provider", x->provider ? x->provider : "");
			cJSON_AddStringToObject(o, "contact", x->contact ? x->contact : "");
			if (x->note && *x->note)
				cJSON_AddStringToObject(o, "note", x->note);
			cJSON_AddItemToArray(offers, o);
		}
	}
	if (rep->n_actions) {
		cJSON_AddBoolToObject(ctx, "has_actions", 1);
		cJSON *actions = cJSON_AddArrayToObject(ctx, "actions");
		for (size_t i = 0; i < rep->n_actions; i++) {
			const struct report_action *x = &rep->actions[i];
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "what", x->what ? x->what : "");
			cJSON_AddStringToObject(o, "who", x->who ? x->who : "");
			cJSON_AddStringToObject(o, "due", x->due ? x->due : "");
			cJSON_AddStringToObject(o, "status", x->status ? x->status : "");
			cJSON_AddItemToArray(actions, o);
		}
	}
}

/* The report words shared with the PDF, as "rs" in the context. */
static void add_words(cJSON *ctx, const struct report *rep)
{
	static const struct { const char *name; enum rs key; } words[] = {
		{"title", RS_TITLE}, {"scan", RS_SCAN}, {"scan_date", RS_SCAN_DATE}, {"by", RS_BY},
		{"overall", RS_OVERALL}, {"theme", RS_THEME}, {"your_score", RS_YOUR_SCORE},
		{"peer_median", RS_PEER_MEDIAN}, {"band", RS_BAND}, {"movers", RS_MOVERS},
		{"peer_group", RS_PEER_GROUP_USED}, {"no_benchmark", RS_NO_BENCHMARK},
		{"attention", RS_ATTENTION}, {"no_advice", RS_NO_ADVICE}, {"advice", RS_ADVICE},
		{"offers", RS_OFFERS}, {"offers_intro", RS_OFFERS_INTRO}, {"provider", RS_PROVIDER},
		{"contact", RS_CONTACT}, {"actions", RS_ACTIONS}, {"actions_intro", RS_ACTIONS_INTRO},
		{"what", RS_WHAT}, {"who", RS_WHO}, {"when", RS_WHEN}, {"status", RS_STATUS},
		{"research", RS_RESEARCH}, {"no_attention", RS_NO_ATTENTION}, {"peer_n", RS_PEER_N}, {"pillar", RS_PILLAR},
	};
	cJSON *o = cJSON_AddObjectToObject(ctx, "rs");
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		cJSON_AddStringToObject(o, words[i].name, report_str(rep, words[i].key));
}

/* Renders the report page of scan_id (a link already found), or the 404 of a
 * report the owner may not see. self is the page's own path, for the
 * language switch. */
static void render_report(struct req *r, long long scan_id, const char *self)
{
	struct db *db = req_db(r);
	struct arena *a = &r->arena;
	/* the association allows it and a final version exists */
	int ok = db_report_owner_available(db, scan_id);
	long long org_id = ok > 0 ? db_report_scan_org(db, scan_id) : 0;
	if (ok < 0 || org_id < 0) {
		reply_db_error(r);
		return;
	}
	if (!ok || !org_id) {
		reply_error(r, 404);
		return;
	}
	const char *lang = req_query(r, "lang");
	struct scanview_scope scope = {.org_id = org_id, .benchmark_k = config.benchmark_k};
	struct report_build_opts o = {
		.lang = lang && (strcmp(lang, "en") == 0 || strcmp(lang, "nl") == 0) ? lang : NULL,
		.draft = 0, .created = time(NULL)};
	struct report rep;
	struct report_build_info info;
	enum scanview_status st = report_build(db, a, scan_id, &scope, &o, &rep, &info);
	if (st != SCANVIEW_OK) {
		if (st == SCANVIEW_NOT_FOUND)
			reply_error(r, 404);
		else
			reply_db_error(r);
		return;
	}
	/* reopened after the final report: what the page would show is a draft */
	if (scan_status_rank(info.status) < scan_status_rank("final")) {
		reply_error(r, 404);
		return;
	}
	r->lang = rep.lang && strcmp(rep.lang, "en") == 0 ? "en" : "nl";
	cJSON *ctx = page_ctx(r);
	const char *other = strcmp(r->lang, "en") == 0 ? "nl" : "en";
	cJSON_ReplaceItemInObject(ctx, "path", cJSON_CreateString("/"));
	cJSON_AddStringToObject(ctx, "lang_switch", arena_printf(a, "%s?lang=%s", self, other));
	cJSON_AddStringToObject(ctx, "extra_css", "respondent.css");
	add_words(ctx, &rep);
	char date[64];
	report_format_date(&rep, rep.scan_date, date, sizeof date);
	cJSON_AddStringToObject(ctx, "company", rep.company.name && *rep.company.name ? rep.company.name : "–");
	cJSON_AddStringToObject(ctx, "date", date);
	cJSON_AddStringToObject(ctx, "association", rep.association.name ? rep.association.name : "");
	cJSON_AddStringToObject(ctx, "association_contact", rep.association.contact ? rep.association.contact : "");
	cJSON *overall = cJSON_AddObjectToObject(ctx, "overall");
	add_score(a, overall, &rep, rep.score, rep.band);
	if (rep.benchmark.available) {
		cJSON *b = cJSON_AddObjectToObject(ctx, "benchmark");
		cJSON_AddStringToObject(b, "group", rep.benchmark.group_label ? rep.benchmark.group_label : "");
		cJSON_AddNumberToObject(b, "n", rep.benchmark.n);
	}
	cJSON_AddItemToObject(ctx, "pillars", pillars_json(a, &rep));
	add_followup(a, ctx, &rep);
	page_render(r, 200, "respondent/report", report_str(&rep, RS_TITLE), ctx);
}

/* GET /r/TOKEN: the report link printed in the PDF. */
static void report_page(struct req *r)
{
	const char *token = req_param(r, 0);
	long long scan_id = 0;
	int found = db_report_link_find(req_db(r), token, &scan_id);
	if (found < 0)
		reply_db_error(r);
	else if (!found)
		owner_report_miss(r);
	else
		render_report(r, scan_id, arena_printf(&r->arena, "/r/%s", token));
}

/* GET /s/TOKEN/report.html: the same page from the owner's invitation link
 * (the done page links it; the raw report token is not kept). */
static void owner_report_page(struct req *r)
{
	const char *token = req_param(r, 0);
	long long scan_id = 0;
	int found = db_invitation_find(req_db(r), token, &scan_id);
	if (found < 0)
		reply_db_error(r);
	else if (!found)
		owner_report_miss(r);
	else
		render_report(r, scan_id, arena_printf(&r->arena, "/s/%s/report.html", token));
}

const struct route routes_report_link[] = {
	{"GET", "/s/:token/report.html", owner_report_page, 0, ACCESS_OWNER},
	{"GET", "/r/:token", report_page, ROUTE_NO_SESSION, ACCESS_PUBLIC},
	{NULL, NULL, NULL, 0, 0},
};

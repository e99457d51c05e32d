/* scan.c: the advisor's scan page /scans/ID — scores beside the benchmark,
 * attention points with advice and offers, the research assessment, the meeting,
 * follow-up actions and the status workflow. The forms post to office_scan_forms.c. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "server/app/config.h"
#include "server/app/markdown.h"
#include "server/http/page.h"
#include "server/pages/office/scan_page.h"
#include "server/pages/office/reports.h"
#include "server/http/routes.h"
#include "server/app/scan_workflow.h"
#include "server/http/session.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/db/action.h"
#include "server/db/advice.h"
#include "server/db/offer.h"
#include "server/db/scan.h"
#include "common/banned.h"

static const char *md_html(struct req *r, const char *md)
{
	struct buf b;
	buf_init(&b, 1024 * 1024);
	markdown_to_html(&b, md);
	const char *s = arena_strdup(&r->arena, b.data);
	buf_release(&b);
	return s;
}

/* {"a","b"} as a PostgreSQL text[] literal. */
static const char *pg_array(struct req *r, const cJSON *tags)
{
	struct buf b;
	buf_init(&b, 64 * 1024);
	buf_putc(&b, '{');
	const cJSON *t;
	int first = 1;
	cJSON_ArrayForEach(t, tags) {
		if (!cJSON_IsString(t))
			continue;
		buf_puts(&b, first ? "\"" : ",\"");
		for (const char *p = t->valuestring; *p; p++) {
			if (*p == '"' || *p == '\\')
				buf_putc(&b, '\\');
			buf_putc(&b, *p);
		}
		buf_putc(&b, '"');
		first = 0;
	}
	buf_putc(&b, '}');
	const char *s = arena_strdup(&r->arena, b.data);
	buf_release(&b);
	return s;
}

static cJSON *advice_obj(struct req *r, const struct advice_row *adv, int n_adv, const char *theme)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "theme", theme);
	cJSON_AddStringToObject(o, "field_id", arena_printf(&r->arena, "advice-%s", theme[0] ? theme : "general"));
	for (int i = 0; i < n_adv; i++) {
		if (strcmp(adv[i].theme_key, theme) != 0)
			continue;
		cJSON_AddStringToObject(o, "body", adv[i].body_md);
		cJSON_AddStringToObject(o, "html", md_html(r, adv[i].body_md));
		cJSON_AddNumberToObject(o, "version", adv[i].version);
		cJSON_AddStringToObject(o, "editor", adv[i].editor_name);
		cJSON_AddStringToObject(o, "updated_at", adv[i].updated_at);
		cJSON_AddBoolToObject(o, "saved", 1);
		return o;
	}
	cJSON_AddStringToObject(o, "body", "");
	cJSON_AddNumberToObject(o, "version", 0);
	return o;
}

/* Suggested offers (matching tags) and the chosen ones, for one attention point. */
static int add_offers(struct req *r, long long org_id, cJSON *a, const struct scan_offer_row *chosen, int n_chosen)
{
	const char *theme = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(a, "key"));
	struct offer_row *m;
	int n = db_offer_matching_list(req_db(r), &r->arena, org_id,
				       pg_array(r, cJSON_GetObjectItemCaseSensitive(a, "tags")), &m);
	if (n < 0)
		return -1;
	cJSON *list = cJSON_AddArrayToObject(a, "offers");
	for (int i = 0; i < n; i++)
		cJSON_AddItemToArray(list, office_offer_json(&m[i], OFFICE_OFFER_SUGGESTED));
	for (int c = 0; c < n_chosen; c++) {
		const struct scan_offer_row *ch = &chosen[c];
		if (strcmp(ch->theme_key, theme) != 0)
			continue;
		cJSON *found = NULL, *o;
		cJSON_ArrayForEach(o, list)
			if ((long long)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(o, "id")) == ch->offer_id)
				found = o;
		if (!found) {
			found = cJSON_CreateObject();
			cJSON_AddNumberToObject(found, "id", (double)ch->offer_id);
			cJSON_AddStringToObject(found, "title", ch->title);
			cJSON_AddStringToObject(found, "provider", ch->provider);
			cJSON_AddStringToObject(found, "contact", ch->contact);
			cJSON_AddStringToObject(found, "url", ch->url);
			cJSON_AddItemToArray(list, found);
		}
		cJSON_AddBoolToObject(found, "picked", 1);
		cJSON_AddStringToObject(found, "note", ch->note);
	}
	cJSON *o;
	cJSON_ArrayForEach(o, list) {
		cJSON_AddStringToObject(o, "theme", theme);
		cJSON_AddStringToObject(o, "uid", arena_printf(&r->arena, "%s-%lld", theme,
				(long long)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(o, "id"))));
	}
	cJSON_AddBoolToObject(a, "has_offers", cJSON_GetArraySize(list) > 0);
	return 0;
}

static void add_assessment(struct req *r, const struct scan_view *v, cJSON *ctx, const struct assessment_row *ass)
{
	cJSON *o = cJSON_AddObjectToObject(ctx, "assessment");
	cJSON_AddStringToObject(o, "body", ass->body_md);
	cJSON_AddStringToObject(o, "editor", ass->editor_name);
	cJSON_AddStringToObject(o, "updated_at", ass->updated_at);
	cJSON *j = cJSON_Parse(ass->judgements_json);
	cJSON *list = cJSON_AddArrayToObject(o, "judgements");
	for (size_t p = 0; p < v->q->n_pillars; p++) {
		const char *text = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, v->q->pillars[p].key));
		if (!text || !text[0])
			continue;
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "pillar", text_pair_get(&v->q->pillars[p].title, r->lang));
		cJSON_AddStringToObject(e, "text", text);
		cJSON_AddItemToArray(list, e);
	}
	cJSON_Delete(j);
}

static void add_meeting(cJSON *ctx, const struct meeting_row *m)
{
	if (cJSON_GetObjectItemCaseSensitive(ctx, "meeting"))
		return; /* values of a refused form, shown again */
	cJSON *o = cJSON_AddObjectToObject(ctx, "meeting");
	cJSON_AddStringToObject(o, "planned_date", m->planned_date);
	cJSON_AddStringToObject(o, "planned_time", m->planned_time);
	cJSON_AddStringToObject(o, "place", m->place);
	cJSON_AddStringToObject(o, "held_date", m->held_date);
	cJSON_AddStringToObject(o, "attendees", m->attendees);
	cJSON_AddStringToObject(o, "notes", m->notes);
	cJSON_AddStringToObject(o, "editor", m->editor);
	cJSON_AddStringToObject(o, "updated_at", m->updated_at);
}

static void add_actions(struct req *r, cJSON *ctx, const struct action_row *acts, int n)
{
	cJSON *list = cJSON_AddArrayToObject(ctx, "actions");
	for (int i = 0; i < n; i++)
		cJSON_AddItemToArray(list, office_action_json(r, &acts[i], OFFICE_ACTION_SCAN));
	if (!cJSON_GetObjectItemCaseSensitive(ctx, "action_form")) {
		cJSON *f = cJSON_AddObjectToObject(ctx, "action_form");
		cJSON_AddStringToObject(f, "who_kind", "company");
		cJSON_AddStringToObject(f, "status", "open");
		office_action_select_flags(f);
		office_action_theme_options(r, f);  /* a database error leaves the list with the themes it could read */
	}
}

static void add_workflow(struct req *r, const struct scan_view *v, cJSON *ctx,
			 const struct scan_status_change *hist, int n_hist)
{
	cJSON *w = cJSON_AddObjectToObject(ctx, "workflow");
	const char *next = scan_status_next(v->status);
	if (next) {
		cJSON_AddStringToObject(w, "next", next);
		cJSON_AddStringToObject(w, "next_label", office_status_label(r, next));
	}
	cJSON *back = cJSON_AddArrayToObject(w, "reopen");
	static const char *const all[] = {"submitted", "advice", "final", "meeting_held"};
	for (int i = 0; i < 4; i++) {
		if (!scan_status_reopen_ok(v->status, all[i]))
			continue;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "key", all[i]);
		cJSON_AddStringToObject(o, "label", office_status_label(r, all[i]));
		cJSON_AddItemToArray(back, o);
	}
	cJSON_AddBoolToObject(w, "can_reopen", cJSON_GetArraySize(back) > 0);
	cJSON *h = cJSON_AddArrayToObject(w, "history");
	for (int i = 0; i < n_hist; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "at", hist[i].at);
		cJSON_AddStringToObject(o, "who", hist[i].who);
		cJSON_AddStringToObject(o, "from", office_status_label(r, hist[i].from));
		cJSON_AddStringToObject(o, "to", office_status_label(r, hist[i].to));
		cJSON_AddStringToObject(o, "reason", hist[i].reason);
		cJSON_AddItemToArray(h, o);
	}
	int rank = scan_status_rank(v->status);
	cJSON_AddBoolToObject(ctx, "advice_editable", rank <= 1);
	cJSON_AddBoolToObject(ctx, "work_editable", rank < 4);
}

int office_scan_loaded(struct req *r, enum scanview_status st, long long scan_id)
{
	if (st == SCANVIEW_NOT_FOUND)
		office_not_found(r, "scan", scan_id);
	else if (st != SCANVIEW_OK)
		reply_db_error(r);
	return st == SCANVIEW_OK;
}

void office_scan_render(struct req *r, long long scan_id, int status, cJSON *ctx)
{
	struct scan_view v;
	struct scanview_scope scope = {.org_id = r->session->org_id, .benchmark_k = config.benchmark_k};
	enum scanview_status st = scanview_load(req_db(r), &r->arena, scan_id, &scope, r->lang, &v);
	if (!office_scan_loaded(r, st, scan_id))
		return;
	struct db *db = req_db(r);
	struct arena *ar = &r->arena;
	office_scan_fill(r, &v, ctx);
	struct advice_row *adv;
	struct scan_offer_row *chosen;
	struct assessment_row ass;
	struct meeting_row meet;
	struct action_row *acts;
	struct scan_status_change *hist;
	int n_adv = db_scan_advice_list(db, ar, scan_id, &adv);
	int n_chosen = n_adv >= 0 ? db_scan_offer_list(db, ar, scan_id, &chosen) : -1;
	int has_ass = n_chosen >= 0 ? db_assessment_read(db, ar, scan_id, &ass) : -1;
	int has_meet = has_ass >= 0 ? db_meeting_get(db, ar, scan_id, &meet) : -1;
	int n_acts = has_meet >= 0 ? db_action_scan_list(db, ar, scan_id, &acts) : -1;
	int n_hist = n_acts >= 0 ? db_scan_status_history(db, ar, scan_id, &hist) : -1;
	if (n_hist < 0) {
		reply_db_error(r);
		return;
	}
	cJSON *a;
	cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(ctx, "attention")) {
		const char *key = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(a, "key"));
		cJSON_AddItemToObject(a, "advice", advice_obj(r, adv, n_adv, key));
		if (add_offers(r, v.org_id, a, chosen, n_chosen) != 0) {
			reply_db_error(r);
			return;
		}
	}
	cJSON_AddItemToObject(ctx, "general_advice", advice_obj(r, adv, n_adv, ""));
	if (has_ass)
		add_assessment(r, &v, ctx, &ass);
	add_meeting(ctx, &meet);
	add_actions(r, ctx, acts, n_acts);
	add_workflow(r, &v, ctx, hist, n_hist);
	long long advisor = db_scan_advisor(db, scan_id);
	if (advisor < 0 || office_handover_fill(r, advisor, arena_printf(&r->arena, "/scans/%lld/advisor", scan_id),
						ctx) != 0) {
		reply_db_error(r);
		return;
	}
	if (report_versions_fill(r, scan_id, ctx) != 0) {
		reply_db_error(r);
		return;
	}
	if (status == 200)
		office_audit(r, "scan_view", "scan", scan_id, "status", v.status, NULL);
	const char *title = arena_printf(&r->arena, "%s %s", i18n_get(r->lang, "office.scan.title"), v.company_name);
	office_render(r, status, "office/scan", title, ctx);
}

static void scan_page(struct req *r)
{
	long long id = office_id_or_404(r, 0);
	if (!id)
		return;
	cJSON *ctx = page_ctx(r);
	const char *msg = req_query(r, "msg");
	if (msg && (strcmp(msg, "saved") == 0 || strcmp(msg, "status") == 0 || strcmp(msg, "action") == 0 ||
		    strcmp(msg, "report_link") == 0 || strcmp(msg, "handover") == 0))
		cJSON_AddStringToObject(ctx, "notice", i18n_get(r->lang, arena_printf(&r->arena, "office.notice.%s", msg)));
	office_scan_render(r, id, 200, ctx);
}

const struct route routes_scan[] = {
	{"GET", "/scans/:id", scan_page, 0, ACCESS_STAFF},
	{"POST", "/scans/:id/status", office_status_post, ROUTE_CHANGES, ACCESS_STAFF},
	{"POST", "/scans/:id/advisor", office_handover_post, ROUTE_CHANGES, ACCESS_STAFF},
	{"POST", "/scans/:id/advice", office_advice_post, ROUTE_CHANGES, ACCESS_STAFF},
	{"POST", "/scans/:id/offers", office_offer_pick_post, ROUTE_CHANGES, ACCESS_STAFF},
	{"POST", "/scans/:id/meeting", office_meeting_post, ROUTE_CHANGES, ACCESS_STAFF},
	{"POST", "/scans/:id/actions", office_action_add_post, ROUTE_CHANGES, ACCESS_STAFF},
	{NULL, NULL, NULL, 0, 0},
};

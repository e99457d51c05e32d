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

static cJSON *advice_obj(struct req *r, PGresult *adv, const char *theme)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "theme", theme);
	cJSON_AddStringToObject(o, "field_id", arena_printf(&r->arena, "advice-%s", theme[0] ? theme : "general"));
	for (int i = 0; adv && i < PQntuples(adv); i++) {
		if (strcmp(db_str(adv, i, 0), theme) != 0)
			continue;
		cJSON_AddStringToObject(o, "body", db_str(adv, i, 1));
		cJSON_AddStringToObject(o, "html", md_html(r, db_str(adv, i, 1)));
		cJSON_AddNumberToObject(o, "version", (double)db_ll(adv, i, 2, 0));
		cJSON_AddStringToObject(o, "editor", db_str(adv, i, 3));
		cJSON_AddStringToObject(o, "updated_at", db_str(adv, i, 4));
		cJSON_AddBoolToObject(o, "saved", 1);
		return o;
	}
	cJSON_AddStringToObject(o, "body", "");
	cJSON_AddNumberToObject(o, "version", 0);
	return o;
}

static cJSON *offer_obj(PGresult *res, int i)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)db_ll(res, i, 0, 0));
	cJSON_AddStringToObject(o, "title", db_str(res, i, 1));
	cJSON_AddStringToObject(o, "provider", db_str(res, i, 2));
	cJSON_AddStringToObject(o, "description", db_str(res, i, 3));
	cJSON_AddStringToObject(o, "contact", db_str(res, i, 4));
	cJSON_AddStringToObject(o, "url", db_str(res, i, 5));
	return o;
}

/* Suggested offers (matching tags) and the chosen ones, for one attention point. */
static int add_offers(struct req *r, long long org_id, cJSON *a, PGresult *chosen)
{
	const char *theme = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(a, "key"));
	PGresult *m = db_offer_matching(req_db(r), org_id, pg_array(r, cJSON_GetObjectItemCaseSensitive(a, "tags")));
	if (!m)
		return -1;
	cJSON *list = cJSON_AddArrayToObject(a, "offers");
	for (int i = 0; i < PQntuples(m); i++)
		cJSON_AddItemToArray(list, offer_obj(m, i));
	PQclear(m);
	for (int c = 0; chosen && c < PQntuples(chosen); c++) {
		if (strcmp(db_str(chosen, c, 0), theme) != 0)
			continue;
		long long id = db_ll(chosen, c, 1, 0);
		cJSON *found = NULL, *o;
		cJSON_ArrayForEach(o, list)
			if ((long long)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(o, "id")) == id)
				found = o;
		if (!found) {
			found = cJSON_CreateObject();
			cJSON_AddNumberToObject(found, "id", (double)id);
			cJSON_AddStringToObject(found, "title", db_str(chosen, c, 2));
			cJSON_AddStringToObject(found, "provider", db_str(chosen, c, 3));
			cJSON_AddStringToObject(found, "contact", db_str(chosen, c, 4));
			cJSON_AddStringToObject(found, "url", db_str(chosen, c, 5));
			cJSON_AddItemToArray(list, found);
		}
		cJSON_AddBoolToObject(found, "picked", 1);
		cJSON_AddStringToObject(found, "note", db_str(chosen, c, 6));
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

static void add_assessment(struct req *r, const struct scan_view *v, cJSON *ctx, PGresult *res)
{
	if (!res || PQntuples(res) != 1)
		return;
	cJSON *o = cJSON_AddObjectToObject(ctx, "assessment");
	cJSON_AddStringToObject(o, "body", db_str(res, 0, 0));
	cJSON_AddStringToObject(o, "editor", db_str(res, 0, 3));
	cJSON_AddStringToObject(o, "updated_at", db_str(res, 0, 4));
	cJSON *j = cJSON_Parse(db_str(res, 0, 1));
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

static void add_meeting(cJSON *ctx, PGresult *res)
{
	if (cJSON_GetObjectItemCaseSensitive(ctx, "meeting"))
		return; /* values of a refused form, shown again */
	cJSON *m = cJSON_AddObjectToObject(ctx, "meeting");
	static const char *const names[] = {"planned_date", "planned_time", "place", "held_date",
					    "attendees", "notes", "editor", "updated_at"};
	for (int i = 0; i < 8; i++)
		cJSON_AddStringToObject(m, names[i], res && PQntuples(res) == 1 ? db_str(res, 0, i) : "");
}

static void add_actions(struct req *r, cJSON *ctx, PGresult *res)
{
	cJSON *list = cJSON_AddArrayToObject(ctx, "actions");
	for (int i = 0; res && i < PQntuples(res); i++) {
		cJSON *a = cJSON_CreateObject();
		cJSON_AddNumberToObject(a, "id", (double)db_ll(res, i, 0, 0));
		cJSON_AddStringToObject(a, "what", db_str(res, i, 2));
		cJSON_AddStringToObject(a, "who", office_who_label(r, db_str(res, i, 3)));
		cJSON_AddStringToObject(a, "who_name", db_str(res, i, 4));
		cJSON_AddStringToObject(a, "due", db_str(res, i, 5));
		cJSON_AddStringToObject(a, "status", db_str(res, i, 6));
		cJSON_AddStringToObject(a, "status_label", office_action_status_label(r, db_str(res, i, 6)));
		cJSON_AddBoolToObject(a, "overdue", db_bool(res, i, 8));
		cJSON_AddItemToArray(list, a);
	}
	if (!cJSON_GetObjectItemCaseSensitive(ctx, "action_form")) {
		cJSON *f = cJSON_AddObjectToObject(ctx, "action_form");
		cJSON_AddStringToObject(f, "who_kind", "company");
		cJSON_AddStringToObject(f, "status", "open");
		office_action_select_flags(f);
	}
}

static void add_workflow(struct req *r, const struct scan_view *v, cJSON *ctx, PGresult *hist)
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
	for (int i = 0; hist && i < PQntuples(hist); i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "at", db_str(hist, i, 0));
		cJSON_AddStringToObject(o, "who", db_str(hist, i, 1));
		cJSON_AddStringToObject(o, "from", office_status_label(r, db_str(hist, i, 2)));
		cJSON_AddStringToObject(o, "to", office_status_label(r, db_str(hist, i, 3)));
		cJSON_AddStringToObject(o, "reason", db_str(hist, i, 4));
		cJSON_AddItemToArray(h, o);
	}
	int rank = scan_status_rank(v->status);
	cJSON_AddBoolToObject(ctx, "advice_editable", rank <= 1);
	cJSON_AddBoolToObject(ctx, "work_editable", rank < 4);
}

void office_scan_render(struct req *r, long long scan_id, int status, cJSON *ctx)
{
	struct scan_view v;
	struct scanview_scope scope = {.org_id = r->session->org_id, .benchmark_k = config.benchmark_k};
	enum scanview_status st = scanview_load(req_db(r), &r->arena, scan_id, &scope, r->lang, &v);
	if (st != SCANVIEW_OK) {
		if (st == SCANVIEW_NOT_FOUND) {
			audit(r, "denied", "scan", scan_id, NULL);
			reply_error(r, 404);
		} else {
			reply_db_error(r);
		}
		return;
	}
	struct db *db = req_db(r);
	office_scan_fill(r, &v, ctx);
	PGresult *adv = db_advice_list(db, scan_id);
	PGresult *chosen = db_scan_offers(db, scan_id);
	PGresult *ass = db_assessment_get(db, scan_id);
	PGresult *meet = db_meeting_get(db, scan_id);
	PGresult *acts = db_action_list_scan(db, scan_id);
	PGresult *hist = db_scan_status_history(db, scan_id);
	int ok = adv && chosen && ass && meet && acts && hist;
	cJSON *a;
	cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(ctx, "attention")) {
		const char *key = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(a, "key"));
		cJSON_AddItemToObject(a, "advice", advice_obj(r, adv, key));
		if (ok && add_offers(r, v.org_id, a, chosen) != 0)
			ok = 0;
	}
	cJSON_AddItemToObject(ctx, "general_advice", advice_obj(r, adv, ""));
	add_assessment(r, &v, ctx, ass);
	add_meeting(ctx, meet);
	add_actions(r, ctx, acts);
	add_workflow(r, &v, ctx, hist);
	if (ok && report_versions_fill(r, scan_id, ctx) != 0)
		ok = 0;
	PGresult *all[] = {adv, chosen, ass, meet, acts, hist};
	for (int i = 0; i < 6; i++)
		if (all[i])
			PQclear(all[i]);
	if (!ok) {
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
	if (msg && (strcmp(msg, "saved") == 0 || strcmp(msg, "status") == 0 || strcmp(msg, "action") == 0))
		cJSON_AddStringToObject(ctx, "notice", i18n_get(r->lang, arena_printf(&r->arena, "office.notice.%s", msg)));
	office_scan_render(r, id, 200, ctx);
}

const struct route routes_scan[] = {
	{"GET", "/scans/:id", scan_page, 0, ACCESS_STAFF},
	{"POST", "/scans/:id/status", office_status_post, ROUTE_CHANGES, ACCESS_STAFF},
	{"POST", "/scans/:id/advice", office_advice_post, ROUTE_CHANGES, ACCESS_STAFF},
	{"POST", "/scans/:id/offers", office_offer_pick_post, ROUTE_CHANGES, ACCESS_STAFF},
	{"POST", "/scans/:id/meeting", office_meeting_post, ROUTE_CHANGES, ACCESS_STAFF},
	{"POST", "/scans/:id/actions", office_action_add_post, ROUTE_CHANGES, ACCESS_STAFF},
	{NULL, NULL, NULL, 0, 0},
};

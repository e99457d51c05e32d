/* actions.c: follow-up actions — one action with its history (/actions/ID),
 * the association's open actions, overdue first (/actions), and the exports
 * /actions.xlsx and /actions.csv with the same filters. */
#include <stdio.h>
#include <string.h>

#include "server/app/actions_export.h"
#include "server/http/page.h"
#include "server/pages/office/scan_page.h"
#include "server/http/routes.h"
#include "server/http/session.h"
#include "server/http/tmpl.h"
#include "server/db/action.h"
#include "common/text.h"
#include "common/banned.h"

#define PAGE_SIZE 50

static cJSON *action_obj(struct req *r, PGresult *res, int i)
{
	cJSON *a = cJSON_CreateObject();
	cJSON_AddNumberToObject(a, "id", (double)db_ll(res, i, 0, 0));
	cJSON_AddNumberToObject(a, "scan_id", (double)db_ll(res, i, 1, 0));
	cJSON_AddStringToObject(a, "what", db_str(res, i, 2));
	cJSON_AddStringToObject(a, "who_kind", db_str(res, i, 3));
	cJSON_AddStringToObject(a, "who", office_who_label(r, db_str(res, i, 3)));
	cJSON_AddStringToObject(a, "who_name", db_str(res, i, 4));
	cJSON_AddStringToObject(a, "due_date", db_str(res, i, 5));
	cJSON_AddStringToObject(a, "status", db_str(res, i, 6));
	cJSON_AddStringToObject(a, "status_label", office_action_status_label(r, db_str(res, i, 6)));
	cJSON_AddStringToObject(a, "notes", db_str(res, i, 7));
	cJSON_AddBoolToObject(a, "overdue", db_bool(res, i, 8));
	cJSON_AddStringToObject(a, "company", db_str(res, i, 9));
	cJSON_AddStringToObject(a, "advisor", db_str(res, i, 10));
	cJSON_AddStringToObject(a, "updated_at", db_str(res, i, 11));
	cJSON_AddStringToObject(a, "editor", db_str(res, i, 12));
	return a;
}

/* The action of the route, shown with its form (values from the database, or the
 * refused form's values in ctx) and history. */
static void show_action(struct req *r, long long id, int status, cJSON *ctx)
{
	struct db *db = req_db(r);
	PGresult *res = db_action_get(db, r->session->org_id, id);
	if (!res) {
		reply_db_error(r);
		return;
	}
	if (PQntuples(res) != 1) {
		PQclear(res);
		audit(r, "denied", "action", id, NULL);
		reply_error(r, 404);
		return;
	}
	cJSON *a = action_obj(r, res, 0);
	PQclear(res);
	cJSON_AddItemToObject(ctx, "action", a);
	if (!cJSON_GetObjectItemCaseSensitive(ctx, "form")) {
		cJSON *f = cJSON_Duplicate(a, 1);
		office_action_select_flags(f);
		cJSON_AddItemToObject(ctx, "form", f);
	}
	PGresult *h = db_action_history(db, id);
	if (!h) {
		reply_db_error(r);
		return;
	}
	cJSON *list = cJSON_AddArrayToObject(ctx, "history");
	for (int i = 0; i < PQntuples(h); i++) {
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "at", db_str(h, i, 0));
		cJSON_AddStringToObject(e, "who", db_str(h, i, 1));
		cJSON_AddStringToObject(e, "change", i18n_get(r->lang, strcmp(db_str(h, i, 2), "created") == 0
								 ? "office.action.created" : "office.action.updated"));
		cJSON_AddStringToObject(e, "what", db_str(h, i, 3));
		cJSON_AddStringToObject(e, "who_label", office_who_label(r, db_str(h, i, 4)));
		cJSON_AddStringToObject(e, "who_name", db_str(h, i, 5));
		cJSON_AddStringToObject(e, "due_date", db_str(h, i, 6));
		cJSON_AddStringToObject(e, "status_label", office_action_status_label(r, db_str(h, i, 7)));
		cJSON_AddStringToObject(e, "notes", db_str(h, i, 8));
		cJSON_AddItemToArray(list, e);
	}
	PQclear(h);
	office_render(r, status, "office/action", i18n_get(r->lang, "office.action.title"), ctx);
}

static void action_page(struct req *r)
{
	long long id = office_id_or_404(r, 0);
	if (!id)
		return;
	cJSON *ctx = page_ctx(r);
	const char *msg = req_query(r, "msg");
	if (msg && strcmp(msg, "saved") == 0)
		cJSON_AddStringToObject(ctx, "notice", i18n_get(r->lang, "office.notice.saved"));
	show_action(r, id, 200, ctx);
}

static void action_post(struct req *r)
{
	long long id = office_id_or_404(r, 0);
	if (!id)
		return;
	cJSON *ctx = page_ctx(r);
	cJSON *values = cJSON_AddObjectToObject(ctx, "form");
	struct action_fields f;
	if (office_action_fields(r, ctx, values, &f) != 0) {
		show_action(r, id, 400, ctx);
		return;
	}
	int rc = db_action_update(req_db(r), r->session->org_id, id, &f, r->session->user_id);
	if (rc < 0) {
		reply_db_error(r);
		return;
	}
	if (rc == 0) {
		audit(r, "denied", "action", id, NULL);
		reply_error(r, 404);
		return;
	}
	office_audit(r, "action_update", "action", id, "status", f.status, "due_date", f.due_date ? f.due_date : "", NULL);
	reply_redirect(r, arena_printf(&r->arena, "/actions/%lld?msg=saved", id));
}

/* Reads the overview's filters from the query; fills ctx with them (for the form). */
static void read_filter(struct req *r, struct action_filter *f, cJSON *ctx)
{
	memset(f, 0, sizeof(*f));
	f->org_id = r->session->org_id;
	long v;
	const char *adv = req_query(r, "advisor");
	if (adv && (v = text_parse_id(adv)) != 0)
		f->advisor_id = v;
	const char *partner = req_query(r, "partner");
	f->partner = partner && strlen(partner) <= 200 ? arena_strdup(&r->arena, partner) : "";
	if (ctx) {
		cJSON_AddNumberToObject(ctx, "advisor_id", (double)f->advisor_id);
		cJSON_AddStringToObject(ctx, "partner", f->partner);
	}
}

static const char *filter_query(struct req *r, const struct action_filter *f)
{
	struct buf b;
	buf_init(&b, 4096);
	if (f->advisor_id)
		buf_printf(&b, "advisor=%lld&", f->advisor_id);
	if (f->partner[0]) {
		buf_puts(&b, "partner=");
		for (const unsigned char *p = (const unsigned char *)f->partner; *p; p++)
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-')
				buf_putc(&b, (char)*p);
			else
				buf_printf(&b, "%%%02X", *p);
		buf_putc(&b, '&');
	}
	const char *s = arena_strdup(&r->arena, b.data);
	buf_release(&b);
	return s;
}

static void overview(struct req *r)
{
	cJSON *ctx = page_ctx(r);
	struct action_filter f;
	read_filter(r, &f, ctx);
	long page = 1;
	const char *ps = req_query(r, "page");
	if (ps && text_parse_long(ps, 1, 1000000, &page) != 0)
		page = 1;
	f.limit = PAGE_SIZE;
	f.offset = (int)((page - 1) * PAGE_SIZE);
	struct db *db = req_db(r);
	long total = db_action_open_count(db, &f);
	PGresult *res = total >= 0 ? db_action_open(db, &f) : NULL;
	PGresult *adv = res ? db_action_advisors(db, f.org_id) : NULL;
	PGresult *par = adv ? db_action_partners(db, f.org_id) : NULL;
	if (!par) {
		PGresult *all[] = {res, adv};
		for (int i = 0; i < 2; i++)
			if (all[i])
				PQclear(all[i]);
		reply_db_error(r);
		return;
	}
	cJSON *list = cJSON_AddArrayToObject(ctx, "actions");
	for (int i = 0; i < PQntuples(res); i++)
		cJSON_AddItemToArray(list, action_obj(r, res, i));
	cJSON *al = cJSON_AddArrayToObject(ctx, "advisors");
	for (int i = 0; i < PQntuples(adv); i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "id", (double)db_ll(adv, i, 0, 0));
		cJSON_AddStringToObject(o, "name", db_str(adv, i, 1));
		cJSON_AddBoolToObject(o, "selected", db_ll(adv, i, 0, 0) == f.advisor_id);
		cJSON_AddItemToArray(al, o);
	}
	cJSON *pl = cJSON_AddArrayToObject(ctx, "partners");
	for (int i = 0; i < PQntuples(par); i++)
		cJSON_AddItemToArray(pl, cJSON_CreateString(db_str(par, i, 0)));
	PQclear(res);
	PQclear(adv);
	PQclear(par);
	long pages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
	const char *q = filter_query(r, &f);
	cJSON_AddNumberToObject(ctx, "total", (double)total);
	cJSON_AddNumberToObject(ctx, "page", (double)page);
	cJSON_AddNumberToObject(ctx, "pages", (double)(pages ? pages : 1));
	if (page > 1)
		cJSON_AddStringToObject(ctx, "prev_url", arena_printf(&r->arena, "/actions?%spage=%ld", q, page - 1));
	if (page < pages)
		cJSON_AddStringToObject(ctx, "next_url", arena_printf(&r->arena, "/actions?%spage=%ld", q, page + 1));
	cJSON_AddStringToObject(ctx, "xlsx_url", arena_printf(&r->arena, "/actions.xlsx?%s", q));
	cJSON_AddStringToObject(ctx, "csv_url", arena_printf(&r->arena, "/actions.csv?%s", q));
	office_render(r, 200, "office/actions", i18n_get(r->lang, "office.actions.overview"), ctx);
}

static void export(struct req *r, int xlsx)
{
	struct action_filter f;
	read_filter(r, &f, NULL);
	PGresult *res = db_action_open(req_db(r), &f);
	if (!res) {
		reply_db_error(r);
		return;
	}
	struct buf b;
	buf_init(&b, 256 * 1024 * 1024);
	int rc = xlsx ? actions_export_xlsx(res, r->lang, &b) : actions_export_csv(res, r->lang, &b);
	int n = PQntuples(res);
	PQclear(res);
	if (rc != 0) {
		buf_release(&b);
		reply_error(r, 500);
		return;
	}
	office_audit(r, "actions_export", "organisation", f.org_id, "format", xlsx ? "xlsx" : "csv",
		  "rows", arena_printf(&r->arena, "%d", n), NULL);
	req_add_header(r, "Cache-Control", "no-store");
	reply_bytes(r, 200, xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
				 : "text/csv; charset=utf-8",
		    b.data, b.len, xlsx ? "acties.xlsx" : "acties.csv");
	buf_release(&b);
}

static void export_xlsx(struct req *r)
{
	export(r, 1);
}

static void export_csv(struct req *r)
{
	export(r, 0);
}

const struct route routes_actions[] = {
	{"GET", "/actions", overview, 0, ACCESS_STAFF},
	{"GET", "/actions.xlsx", export_xlsx, 0, ACCESS_STAFF},
	{"GET", "/actions.csv", export_csv, 0, ACCESS_STAFF},
	{"GET", "/actions/:id", action_page, 0, ACCESS_STAFF},
	{"POST", "/actions/:id", action_post, ROUTE_CHANGES, ACCESS_STAFF},
	{NULL, NULL, NULL, 0, 0},
};

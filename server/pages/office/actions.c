/* actions.c: follow-up actions — one action with its history (/actions/ID),
 * the association's actions by status (open and in progress unless asked),
 * advisor, company, partner and due period, overdue first (/actions), and the
 * exports /actions.xlsx and /actions.csv with the same filters. */
#include <stdio.h>
#include <string.h>

#include "server/app/actions_export.h"
#include "server/http/page.h"
#include "server/pages/office/scan_page.h"
#include "server/http/routes.h"
#include "server/http/session.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/db/action.h"
#include "common/date.h"
#include "common/text.h"
#include "common/banned.h"

#define PAGE_SIZE 50

cJSON *office_action_json(struct req *r, const struct action_row *a, enum office_action_shape shape)
{
	int full = shape == OFFICE_ACTION_FULL;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)a->id);
	if (full)
		cJSON_AddNumberToObject(o, "scan_id", (double)a->scan_id);
	cJSON_AddStringToObject(o, "what", a->what);
	if (full)
		cJSON_AddStringToObject(o, "who_kind", a->who_kind);
	cJSON_AddStringToObject(o, "who", office_who_label(r, a->who_kind));
	cJSON_AddStringToObject(o, "who_name", a->who_name);
	cJSON_AddStringToObject(o, full ? "due_date" : "due", a->due_date);
	cJSON_AddStringToObject(o, "status", a->status);
	cJSON_AddStringToObject(o, "status_label", office_action_status_label(r, a->status));
	if (full) {
		cJSON_AddStringToObject(o, "notes", a->notes);
		cJSON_AddStringToObject(o, "done_at", a->done_at);
		cJSON_AddStringToObject(o, "theme_key", a->theme_key);
		if (a->closed_by_event_id)
			cJSON_AddNumberToObject(o, "closed_by_event_id", (double)a->closed_by_event_id);
	}
	cJSON_AddBoolToObject(o, "overdue", a->overdue);
	if (full) {
		cJSON_AddStringToObject(o, "company", a->company_name);
		cJSON_AddStringToObject(o, "advisor", a->advisor_name);
		cJSON_AddStringToObject(o, "updated_at", a->updated_at);
		cJSON_AddStringToObject(o, "editor", a->editor_name);
	}
	return o;
}

/* The action of the route, shown with its form (values from the database, or the
 * refused form's values in ctx) and history. */
static void show_action(struct req *r, long long id, int status, cJSON *ctx)
{
	struct db *db = req_db(r);
	struct action_row row;
	int found = db_action_get(db, &r->arena, r->session->org_id, id, &row);
	if (!office_found(r, found, "action", id))
		return;
	cJSON *a = office_action_json(r, &row, OFFICE_ACTION_FULL);
	cJSON_AddItemToObject(ctx, "action", a);
	if (!cJSON_GetObjectItemCaseSensitive(ctx, "form")) {
		cJSON *f = cJSON_Duplicate(a, 1);
		office_action_select_flags(f);
		office_action_theme_options(r, f);
		cJSON_AddItemToObject(ctx, "form", f);
	}
	struct action_change *h;
	int n = db_action_history(db, &r->arena, id, &h);
	if (n < 0) {
		reply_db_error(r);
		return;
	}
	cJSON *list = cJSON_AddArrayToObject(ctx, "history");
	for (int i = 0; i < n; i++) {
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "at", h[i].at);
		cJSON_AddStringToObject(e, "who", h[i].editor);
		cJSON_AddStringToObject(e, "change", i18n_get(r->lang, strcmp(h[i].change, "created") == 0
								 ? "office.action.created" : "office.action.updated"));
		cJSON_AddStringToObject(e, "what", h[i].what);
		cJSON_AddStringToObject(e, "who_label", office_who_label(r, h[i].who_kind));
		cJSON_AddStringToObject(e, "who_name", h[i].who_name);
		cJSON_AddStringToObject(e, "due_date", h[i].due_date);
		cJSON_AddStringToObject(e, "status_label", office_action_status_label(r, h[i].status));
		cJSON_AddStringToObject(e, "notes", h[i].notes);
		cJSON_AddItemToArray(list, e);
	}
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
	if (!office_found(r, rc, "action", id))
		return;
	office_audit(r, "action_update", "action", id, "status", f.status, "due_date", f.due_date ? f.due_date : "", NULL);
	reply_redirect(r, arena_printf(&r->arena, "/actions/%lld?msg=saved", id));
}

/* Reads the overview's filters from the query, for the page and both exports
 * alike. Fills ctx with the values as typed (for the form) and with the status
 * choices; a bad date, or a period that ends before it starts, becomes a
 * message next to its field. 0, or -1 when a field was wrong (f is then the
 * filter without the wrong fields). */
static int read_filter(struct req *r, struct action_filter *f, cJSON *ctx)
{
	memset(f, 0, sizeof(*f));
	f->org_id = r->session->org_id;  /* the association's scope, whatever the query says */
	const char *st = req_query(r, "status");
	f->status = st && (strcmp(st, "all") == 0 || office_action_status_valid(st)) ? st : "";
	long long v;
	const char *adv = req_query(r, "advisor");
	if (adv && (v = text_parse_id(adv)) != 0)
		f->advisor_id = v;
	const char *partner = req_query(r, "partner"), *company = req_query(r, "company");
	f->partner = partner && strlen(partner) <= 200 ? partner : "";
	f->company = company && strlen(company) <= 200 ? company : "";
	const char *from = req_query(r, "due_from"), *to = req_query(r, "due_to");
	from = from ? from : "";
	to = to ? to : "";
	long from_ymd = 0, to_ymd = 0;
	int from_ok = !from[0] || date_valid_ymd(from, &from_ymd), to_ok = !to[0] || date_valid_ymd(to, &to_ymd);
	if (!from_ok)
		page_field_error(ctx, "due_from", i18n_get(r->lang, "office.date_invalid"));
	if (!to_ok)
		page_field_error(ctx, "due_to", i18n_get(r->lang, "office.date_invalid"));
	int reversed = from_ok && to_ok && from[0] && to[0] && from_ymd > to_ymd;
	if (reversed)
		page_field_error(ctx, "due_to", i18n_get(r->lang, "office.actions.period_reversed"));
	f->due_from = from_ok && !reversed ? from : "";
	f->due_to = to_ok && !reversed ? to : "";
	int bad = !from_ok || !to_ok || reversed;
	cJSON *fv = cJSON_AddObjectToObject(ctx, "filter");
	cJSON_AddStringToObject(fv, "partner", f->partner);
	cJSON_AddStringToObject(fv, "company", f->company);
	cJSON_AddStringToObject(fv, "due_from", from);
	cJSON_AddStringToObject(fv, "due_to", to);
	cJSON_AddBoolToObject(fv, "done_shown", strcmp(f->status, "done") == 0 || strcmp(f->status, "all") == 0);
	cJSON *sl = cJSON_AddArrayToObject(ctx, "statuses");
	page_option(sl, "", i18n_get(r->lang, "office.actions.status_active"), f->status);
	for (int i = 0; office_action_statuses[i]; i++)
		page_option(sl, office_action_statuses[i], office_action_status_label(r, office_action_statuses[i]),
				  f->status);
	page_option(sl, "all", i18n_get(r->lang, "office.actions.status_all"), f->status);
	return bad ? -1 : 0;
}

/* Appends name=value& to b, the value percent-encoded; nothing for "". */
static void query_add(struct buf *b, const char *name, const char *value)
{
	if (!value || !value[0])
		return;
	buf_printf(b, "%s=", name);
	for (const unsigned char *p = (const unsigned char *)value; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-')
			buf_putc(b, (char)*p);
		else
			buf_printf(b, "%%%02X", *p);
	buf_putc(b, '&');
}

/* The query string of f ("" or "name=value&…&"), for the pager and the exports. */
static const char *filter_query(struct req *r, const struct action_filter *f)
{
	struct buf b;
	buf_init(&b, 4096);
	query_add(&b, "status", f->status);
	if (f->advisor_id)
		buf_printf(&b, "advisor=%lld&", f->advisor_id);
	query_add(&b, "company", f->company);
	query_add(&b, "partner", f->partner);
	query_add(&b, "due_from", f->due_from);
	query_add(&b, "due_to", f->due_to);
	const char *s = arena_strdup(&r->arena, b.data ? b.data : "");
	buf_release(&b);
	return s;
}

static void overview(struct req *r)
{
	cJSON *ctx = page_ctx(r);
	struct action_filter f;
	int bad = read_filter(r, &f, ctx);
	long page = 1;
	const char *ps = req_query(r, "page");
	if (ps && text_parse_long(ps, 1, 1000000, &page) != 0)
		page = 1;
	f.limit = PAGE_SIZE;
	f.offset = (int)((page - 1) * PAGE_SIZE);
	struct db *db = req_db(r);
	struct arena *ar = &r->arena;
	struct action_row *acts;
	struct user_option *adv;
	const char **par, **com;
	long total = db_action_count(db, &f);
	int n_acts = total >= 0 ? db_action_list(db, ar, &f, &acts) : -1;
	int n_adv = n_acts >= 0 ? db_action_advisors(db, ar, f.org_id, &adv) : -1;
	int n_par = n_adv >= 0 ? db_action_partners(db, ar, f.org_id, &par) : -1;
	int n_com = n_par >= 0 ? db_action_companies(db, ar, f.org_id, &com) : -1;
	if (n_com < 0) {
		reply_db_error(r);
		return;
	}
	cJSON *list = cJSON_AddArrayToObject(ctx, "actions");
	for (int i = 0; i < n_acts; i++)
		cJSON_AddItemToArray(list, office_action_json(r, &acts[i], OFFICE_ACTION_FULL));
	cJSON *al = cJSON_AddArrayToObject(ctx, "advisors");
	for (int i = 0; i < n_adv; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "id", (double)adv[i].id);
		cJSON_AddStringToObject(o, "name", adv[i].name);
		cJSON_AddBoolToObject(o, "selected", adv[i].id == f.advisor_id);
		cJSON_AddItemToArray(al, o);
	}
	cJSON *pl = cJSON_AddArrayToObject(ctx, "partners");
	for (int i = 0; i < n_par; i++)
		cJSON_AddItemToArray(pl, cJSON_CreateString(par[i]));
	cJSON *cl = cJSON_AddArrayToObject(ctx, "companies");
	for (int i = 0; i < n_com; i++)
		cJSON_AddItemToArray(cl, cJSON_CreateString(com[i]));
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
	/* a wrong field is the person's mistake: 400 with the message beside it,
	 * and the list as it would be without that field */
	office_render(r, bad ? 400 : 200, "office/actions", i18n_get(r->lang, "office.actions.overview"), ctx);
}

static void export(struct req *r, int xlsx)
{
	struct action_filter f;
	if (read_filter(r, &f, page_ctx(r)) != 0) {
		/* a file of some other selection than asked for would mislead */
		reply_error(r, 400);
		return;
	}
	struct action_row *rows;
	int n = db_action_list(req_db(r), &r->arena, &f, &rows);
	if (n < 0) {
		reply_db_error(r);
		return;
	}
	struct buf b;
	buf_init(&b, 256 * 1024 * 1024);
	int rc = xlsx ? actions_export_xlsx_rows(rows, n, r->lang, &b) : actions_export_csv_rows(rows, n, r->lang, &b);
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

/* data_protection.c: the admin's data-protection pages — a company's data as JSON,
 * erasing a company, owners' erasure requests with the erasure policy
 * (/admin/privacy), and the audit-log browser (/admin/audit). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/http/page.h"
#include "server/http/routes.h"
#include "server/http/session.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/pages/office/office.h"
#include "server/db/protection.h"
#include "common/buf.h"
#include "common/date.h"
#include "common/banned.h"

static void company_export(struct req *r)
{
	long long id = office_id(r, 0);
	char *json = NULL;
	int found = id ? db_company_data_json(req_db(r), r->session->org_id, id, &json) : 0;
	if (!office_found(r, found, "company", id))
		return;
	audit(r, "company_export", "company", id, NULL);
	reply_bytes(r, 200, "application/json; charset=utf-8", json, strlen(json),
		    arena_printf(&r->arena, "bedrijf-%lld.json", id));
	free(json);
}

static void company_erase(struct req *r)
{
	long long id = office_id(r, 0);
	const char *confirm = req_form(r, "confirm");
	if (!confirm || strcmp(confirm, "yes") != 0) {
		cJSON *ctx = page_ctx(r);
		page_field_error(ctx, "confirm", i18n_get(r->lang, "office.erase.confirm_missing"));
		office_company_render(r, 400, id, ctx);
		return;
	}
	const char *reason = req_form(r, "reason");
	struct erase_actor who = {r->session->user_id, r->session->email, r->client_ip,
				  reason && strcmp(reason, "owner_request") == 0 ? "owner_request" : "admin"};
	struct erase_report rep;
	int rc = id ? db_company_erase(req_db(r), r->session->org_id, id, &who, 1, &rep) : 0;
	if (!office_found(r, rc, "company", id))
		return;
	reply_redirect(r, "/companies?msg=erased");
}

/* ---- /admin/privacy: requests and policy ---- */

static void privacy_admin(struct req *r)
{
	struct db *db = req_db(r);
	struct erasure_request_row *req;
	int n = db_erasure_pending(db, &r->arena, r->session->org_id, &req);
	struct erasure_policy pol;
	if (n < 0 || db_erasure_policy_get(db, r->session->org_id, &pol) != 0) {
		reply_db_error(r);
		return;
	}
	cJSON *ctx = page_ctx(r);
	office_notice(r, ctx);
	cJSON *list = cJSON_AddArrayToObject(ctx, "requests");
	for (int i = 0; i < n; i++) {
		cJSON *e = cJSON_CreateObject();
		cJSON_AddNumberToObject(e, "company_id", (double)req[i].company_id);
		cJSON_AddStringToObject(e, "company", req[i].company);
		cJSON_AddStringToObject(e, "requested", req[i].requested);
		cJSON_AddItemToArray(list, e);
	}
	cJSON_AddBoolToObject(ctx, "has_requests", n > 0);
	cJSON_AddBoolToObject(ctx, "keep_anonymous_scores", pol.keep_anonymous_scores);
	cJSON_AddBoolToObject(ctx, "erase_company_names", pol.erase_company_names);
	cJSON_AddNumberToObject(ctx, "retention_years", pol.retention_years);
	cJSON_AddStringToObject(ctx, "slug", r->session->org_slug);
	page_render(r, 200, "office/privacy", i18n_get(r->lang, "office.privacy.title"), ctx);
}

static void privacy_policy_save(struct req *r)
{
	const char *keep = req_form(r, "keep_anonymous_scores");
	const char *names = req_form(r, "erase_company_names");
	int kb = keep && strcmp(keep, "yes") == 0, nb = names && strcmp(names, "yes") == 0;
	const char *k = kb ? "true" : "false", *n = nb ? "true" : "false";
	if (db_erasure_policy_set(req_db(r), r->session->org_id, kb, nb) != 0) {
		reply_db_error(r);
		return;
	}
	audit(r, "erasure_policy_saved", "organisation", r->session->org_id,
	      arena_printf(&r->arena, "{\"keep_anonymous_scores\":%s,\"erase_company_names\":%s}", k, n));
	reply_redirect(r, "/admin/privacy?msg=saved");
}

/* ---- /admin/audit ---- */

/* A filter value from the query string when it has the expected shape, else "". */
static const char *filter(struct req *r, const char *name, const char *allowed, size_t max)
{
	const char *v = req_query(r, name);
	if (!v || !*v || strlen(v) > max || strspn(v, allowed) != strlen(v))
		return "";
	return v;
}

/* An audit code in words: the message `prefix.code` when there is one, else
 * the code itself (a new event is never hidden). */
static const char *audit_words(struct req *r, const char *prefix, const char *code)
{
	const char *key = arena_printf(&r->arena, "%s.%s", prefix, code);
	return i18n_has(key) ? i18n_get(r->lang, key) : code;
}

/* What the entry was about: "Scan 1401" with a link to it where there is a page,
 * just "Vereniging" for the association itself. */
static void audit_object(struct req *r, cJSON *e, const struct audit_entry *l)
{
	static const struct { const char *type, *path; } pages[] = {
		{"scan", "/scans/"}, {"company", "/companies/"}, {"action", "/actions/"}, {"offer", "/offers/"},
	};
	const char *type = audit_words(r, "office.audit.obj", l->object_type);
	int own_org = strcmp(l->object_type, "organisation") == 0;
	cJSON_AddStringToObject(e, "object", l->object_id[0] && !own_org
				? arena_printf(&r->arena, "%s %s", type, l->object_id) : type);
	if (!l->object_id[0] || strspn(l->object_id, "0123456789") != strlen(l->object_id))
		return;
	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++)
		if (strcmp(l->object_type, pages[i].type) == 0)
			cJSON_AddStringToObject(e, "object_url", arena_printf(&r->arena, "%s%s", pages[i].path, l->object_id));
}

/* The detail JSON as "key: value · key: value" (nested values as JSON). */
static const char *audit_detail(struct req *r, const char *detail)
{
	if (!detail[0] || strcmp(detail, "{}") == 0)
		return "";
	cJSON *j = cJSON_Parse(detail);
	if (!cJSON_IsObject(j)) {
		cJSON_Delete(j);
		return detail;
	}
	struct buf b;
	buf_init(&b, 0);
	for (const cJSON *f = j->child; f; f = f->next) {
		if (b.len)
			buf_puts(&b, " · ");
		for (const char *k = f->string; *k; k++)
			buf_putc(&b, *k == '_' ? ' ' : *k);
		buf_puts(&b, ": ");
		if (cJSON_IsString(f)) {
			buf_puts(&b, f->valuestring);
		} else if (cJSON_IsBool(f)) {
			buf_puts(&b, i18n_get(r->lang, cJSON_IsTrue(f) ? "office.yes" : "office.no"));
		} else {
			char *v = cJSON_PrintUnformatted(f);
			buf_puts(&b, v ? v : "");
			free(v);
		}
	}
	cJSON_Delete(j);
	const char *out = arena_strdup(&r->arena, b.data ? b.data : "");
	buf_release(&b);
	return out;
}

static void audit_browse(struct req *r)
{
	struct audit_filter f = {
		.user_id = filter(r, "user", "0123456789", 18),
		.action = filter(r, "action", "abcdefghijklmnopqrstuvwxyz_", 40),
		.from = filter(r, "from", "0123456789-", 10),
		.to = filter(r, "to", "0123456789-", 10),
	};
	cJSON *ctx = page_ctx(r);
	if (f.from[0] && !date_valid(f.from)) {
		page_field_error(ctx, "from", i18n_get(r->lang, "office.audit.date_invalid"));
		f.from = "";
	}
	if (f.to[0] && !date_valid(f.to)) {
		page_field_error(ctx, "to", i18n_get(r->lang, "office.audit.date_invalid"));
		f.to = "";
	}
	int page = office_page(r);
	struct db *db = req_db(r);
	struct arena *a = &r->arena;
	struct audit_entry *rows;
	const char **acts;
	struct user_option *users;
	long long total;
	int n_rows = db_audit_page(db, a, r->session->org_id, &f, (page - 1) * OFFICE_PER_PAGE, OFFICE_PER_PAGE,
				   &rows, &total);
	int n_acts = n_rows >= 0 ? db_audit_actions(db, a, r->session->org_id, &acts) : -1;
	int n_users = n_acts >= 0 ? db_audit_users(db, a, r->session->org_id, &users) : -1;
	if (n_users < 0) {
		reply_db_error(r);
		return;
	}
	cJSON *list = cJSON_AddArrayToObject(ctx, "entries");
	for (int i = 0; i < n_rows; i++) {
		const struct audit_entry *l = &rows[i];
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "at", l->at);
		cJSON_AddStringToObject(e, "who", l->who);
		cJSON_AddStringToObject(e, "action", audit_words(r, "office.audit.ev", l->action));
		cJSON_AddStringToObject(e, "code", l->action);
		audit_object(r, e, l);
		cJSON_AddStringToObject(e, "detail", audit_detail(r, l->detail));
		cJSON_AddStringToObject(e, "ip", l->ip);
		cJSON_AddItemToArray(list, e);
	}
	cJSON *al = cJSON_AddArrayToObject(ctx, "actions");
	for (int i = 0; i < n_acts; i++)
		page_option(al, acts[i], audit_words(r, "office.audit.ev", acts[i]), f.action);
	cJSON *ul = cJSON_AddArrayToObject(ctx, "users");
	for (int i = 0; i < n_users; i++)
		page_option(ul, arena_printf(a, "%lld", users[i].id), users[i].name, f.user_id);
	cJSON *fv = cJSON_AddObjectToObject(ctx, "filter");
	cJSON_AddStringToObject(fv, "from", f.from);
	cJSON_AddStringToObject(fv, "to", f.to);
	if (total == 0 && page > 1)
		total = 1;
	/* every filter value is digits, dashes or [a-z_]: safe in a link as it is */
	office_pager(ctx, total, page, arena_printf(&r->arena, "/admin/audit?user=%s&action=%s&from=%s&to=%s",
						f.user_id, f.action, f.from, f.to));
	cJSON_AddNumberToObject(ctx, "total", (double)total);
	audit(r, "audit_view", "organisation", r->session->org_id, NULL);
	page_render(r, page_has_errors(ctx) ? 400 : 200, "office/audit", i18n_get(r->lang, "office.audit.title"), ctx);
}

const struct route routes_data_protection[] = {
	{"GET", "/companies/:id/export.json", company_export, 0, ACCESS_ADMIN},
	{"POST", "/companies/:id/erase", company_erase, ROUTE_CHANGES, ACCESS_ADMIN},
	{"GET", "/admin/privacy", privacy_admin, 0, ACCESS_ADMIN},
	{"POST", "/admin/privacy", privacy_policy_save, ROUTE_CHANGES, ACCESS_ADMIN},
	{"GET", "/admin/audit", audit_browse, 0, ACCESS_ADMIN},
	{NULL, NULL, NULL, 0, 0},
};

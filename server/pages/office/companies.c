/* companies.c: the association's companies — list with search and paging,
 * create and edit with server-side checks, and the company page with its scans. */
#include <stdio.h>
#include <string.h>

#include "server/http/page.h"
#include "server/app/mail.h"
#include "server/http/routes.h"
#include "server/app/sector.h"
#include "server/http/session.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/pages/office/office.h"
#include "server/pages/office/scan_page.h"
#include "server/db/company.h"
#include "server/db/protection.h"
#include "common/text.h"
#include "server/db/event.h"
#include "server/pages/office/events.h"
#include "common/banned.h"

static void companies_list(struct req *r)
{
	const char *q = req_query(r, "q");
	char qbuf[101];
	snprintf(qbuf, sizeof(qbuf), "%s", q ? q : "");
	text_trim(qbuf);
	int page = office_page(r);
	struct company_hit *hits;
	long long total;
	int n = db_company_search(req_db(r), &r->arena, r->session->org_id, qbuf, (page - 1) * OFFICE_PER_PAGE,
				  OFFICE_PER_PAGE, &hits, &total);
	if (n < 0) {
		reply_db_error(r);
		return;
	}
	cJSON *ctx = page_ctx(r);
	office_notice(r, ctx);
	cJSON_AddStringToObject(ctx, "q", qbuf);
	cJSON *list = cJSON_AddArrayToObject(ctx, "companies");
	for (int i = 0; i < n; i++) {
		const struct company_hit *h = &hits[i];
		cJSON *c = cJSON_CreateObject();
		cJSON_AddNumberToObject(c, "id", (double)h->id);
		cJSON_AddStringToObject(c, "name", h->name);
		cJSON_AddStringToObject(c, "kvk", h->kvk);
		cJSON_AddStringToObject(c, "sector", sbi_name(h->sector, r->lang));
		cJSON_AddStringToObject(c, "municipality", h->municipality);
		cJSON_AddNumberToObject(c, "scans", (double)h->scans);
		cJSON_AddStringToObject(c, "status", h->last_status[0] ? office_status_label(r, h->last_status) : "");
		cJSON_AddItemToArray(list, c);
	}
	if (total == 0 && page > 1)
		total = 1;  /* a page past the end: still offer the way back */
	struct buf base;
	buf_init(&base, 1024);
	buf_puts(&base, "/companies");
	if (qbuf[0]) {
		buf_puts(&base, "?q=");
		for (const unsigned char *p = (const unsigned char *)qbuf; *p; p++)
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
				buf_putc(&base, (char)*p);
			else
				buf_printf(&base, "%%%02X", *p);
	}
	office_pager(ctx, total, page, base.data);
	buf_release(&base);
	cJSON_AddNumberToObject(ctx, "total", (double)total);
	page_render(r, 200, "office/companies", i18n_get(r->lang, "office.companies.title"), ctx);
}

/* ---- create / edit ---- */

static const char *const fields[] = {"name", "kvk", "sector", "fte", "municipality", "contact_name", "email", "phone"};

/* The company's values under the names of `fields`, in that order. */
static void add_fields(cJSON *o, const struct company_row *c)
{
	const char *v[] = {c->name, c->kvk, c->sector, c->fte, c->municipality, c->contact_name, c->email, c->phone};
	for (int i = 0; i < 8; i++)
		cJSON_AddStringToObject(o, fields[i], v[i]);
}

static void form_show(struct req *r, int status, long long id, cJSON *ctx, const char *sector)
{
	cJSON_AddItemToObject(ctx, "sectors", sbi_options(r->lang, sector));
	if (id) {
		cJSON_AddNumberToObject(ctx, "id", (double)id);
		cJSON_AddStringToObject(ctx, "action", arena_printf(&r->arena, "/companies/%lld", id));
	} else {
		cJSON_AddStringToObject(ctx, "action", "/companies");
	}
	page_render(r, status, "office/company_form",
		    i18n_get(r->lang, id ? "office.company.edit_title" : "office.company.new_title"), ctx);
}

static void company_new(struct req *r)
{
	cJSON *ctx = page_ctx(r);
	cJSON_AddObjectToObject(ctx, "form");
	form_show(r, 200, 0, ctx, NULL);
}

static void company_edit(struct req *r)
{
	long long id = office_id(r, 0);
	struct company_row co;
	int found = id ? db_company_get(req_db(r), &r->arena, r->session->org_id, id, &co) : 0;
	if (!office_found(r, found, "company", id))
		return;
	cJSON *ctx = page_ctx(r);
	add_fields(cJSON_AddObjectToObject(ctx, "form"), &co);
	char sector[2];
	snprintf(sector, sizeof(sector), "%s", co.sector);
	form_show(r, 200, id, ctx, sector);
}

/* Removes spaces and dots people type in KvK numbers ("1234 5678"). */
static void squeeze(char *s)
{
	char *w = s;
	for (char *p = s; *p; p++)
		if (*p != ' ' && *p != '.')
			*w++ = *p;
	*w = '\0';
}

static int phone_ok(const char *s)
{
	size_t digits = 0;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!strchr(" +-()", *p))
			return 0;
	}
	return digits >= 6 && strlen(s) <= 30;
}

/* Reads and checks the company form; errors go into ctx. */
static void read_company(struct req *r, cJSON *ctx, struct company_input *c, char fte[32])
{
	char *kvk = office_field(r, "kvk");
	squeeze(kvk);
	*c = (struct company_input){
		.name = office_field(r, "name"), .kvk = kvk, .sector = office_field(r, "sector"),
		.municipality = office_field(r, "municipality"), .contact_name = office_field(r, "contact_name"),
		.email = office_field(r, "email"), .phone = office_field(r, "phone"),
	};
	const char *fte_in = office_field(r, "fte");
	double v;
	if (!c->name[0])
		page_field_error(ctx, "name", i18n_get(r->lang, "office.company.name_missing"));
	else if (strlen(c->name) > 200)
		page_field_error(ctx, "name", i18n_get(r->lang, "office.form.too_long"));
	if (kvk[0] && (strlen(kvk) != 8 || strspn(kvk, "0123456789") != 8))
		page_field_error(ctx, "kvk", i18n_get(r->lang, "office.company.kvk_invalid"));
	if (!sbi_find(c->sector))
		page_field_error(ctx, "sector", i18n_get(r->lang, "office.company.sector_missing"));
	if (text_parse_double(fte_in, 0.1, 100000, &v) != 0)
		page_field_error(ctx, "fte", i18n_get(r->lang, "office.company.fte_invalid"));
	else
		snprintf(fte, 32, "%.1f", v);
	c->fte = fte;
	if (strlen(c->municipality) > 100)
		page_field_error(ctx, "municipality", i18n_get(r->lang, "office.form.too_long"));
	if (strlen(c->contact_name) > 200)
		page_field_error(ctx, "contact_name", i18n_get(r->lang, "office.form.too_long"));
	if (c->email[0] && !office_email_valid(c->email))
		page_field_error(ctx, "email", i18n_get(r->lang, "office.users.email_invalid"));
	if (c->phone[0] && !phone_ok(c->phone))
		page_field_error(ctx, "phone", i18n_get(r->lang, "office.company.phone_invalid"));
}

static void company_save(struct req *r)
{
	long long id = req_param(r, 0)[0] ? office_id(r, 0) : 0;
	if (req_param(r, 0)[0] && !id) {
		office_not_found(r, "company", 0);
		return;
	}
	struct db *db = req_db(r);
	cJSON *ctx = page_ctx(r);
	struct company_input c;
	char fte[32] = "";
	read_company(r, ctx, &c, fte);
	long long saved = 0;
	if (!page_has_errors(ctx)) {
		saved = db_company_save(db, r->session->org_id, id, &c);
		if (saved < 0 && db_failed_with(db, "23505")) {
			page_field_error(ctx, "kvk", i18n_get(r->lang, "office.company.kvk_taken"));
		} else if (saved < 0) {
			reply_db_error(r);
			return;
		} else if (saved == 0) {
			office_not_found(r, "company", id);
			return;
		}
	}
	if (page_has_errors(ctx)) {
		cJSON *f = cJSON_AddObjectToObject(ctx, "form");
		for (int i = 0; i < 8; i++)
			cJSON_AddStringToObject(f, fields[i], office_field(r, fields[i]));
		form_show(r, 400, id, ctx, c.sector);
		return;
	}
	audit(r, id ? "company_updated" : "company_created", "company", saved, NULL);
	reply_redirect(r, arena_printf(&r->arena, "/companies/%lld?msg=%s", saved, id ? "saved" : "company_created"));
}

/* ---- the company page ---- */

void office_company_render(struct req *r, int status, long long id, cJSON *ctx)
{
	struct db *db = req_db(r);
	struct company_row co;
	struct company_scan *sc;
	int found = db_company_get(db, &r->arena, r->session->org_id, id, &co);
	int n = found > 0 ? db_company_scans(db, &r->arena, r->session->org_id, id, &sc) : 0;
	if (found < 0 || n < 0) {
		reply_db_error(r);
		return;
	}
	if (!found) {
		office_not_found(r, "company", id);
		return;
	}
	cJSON *c = cJSON_AddObjectToObject(ctx, "company");
	cJSON_AddNumberToObject(c, "id", (double)id);
	add_fields(c, &co);
	cJSON_AddStringToObject(c, "sector_name", sbi_name(co.sector, r->lang));
	cJSON_AddStringToObject(c, "created", co.created);
	cJSON *list = cJSON_AddArrayToObject(ctx, "scans");
	for (int i = 0; i < n; i++) {
		cJSON *s = cJSON_CreateObject();
		const char *st = sc[i].status;
		cJSON_AddNumberToObject(s, "id", (double)sc[i].id);
		cJSON_AddStringToObject(s, "status", st);
		cJSON_AddStringToObject(s, "status_name", office_status_label(r, st));
		cJSON_AddStringToObject(s, "created", sc[i].created);
		cJSON_AddStringToObject(s, "submitted", sc[i].submitted);
		cJSON_AddStringToObject(s, "advisor", sc[i].advisor);
		cJSON_AddBoolToObject(s, "live_link", sc[i].live_link);
		cJSON_AddBoolToObject(s, "sent", sc[i].link_sent);
		cJSON_AddStringToObject(s, "expires", sc[i].link_expires);
		cJSON_AddBoolToObject(s, "can_reissue", strcmp(st, "invited") == 0 || strcmp(st, "started") == 0);
		cJSON_AddItemToArray(list, s);
	}
	cJSON_AddBoolToObject(ctx, "smtp", mail_configured());
	struct event_row *ev;
	int failed = 0;
	const struct questionnaire *q = office_events_questionnaire(r, &failed);
	int ne = failed ? -1 : db_event_company_attended(db, &r->arena, r->session->org_id, id, &ev);
	if (ne < 0) {
		reply_db_error(r);
		return;
	}
	cJSON *attended = cJSON_AddArrayToObject(ctx, "events_attended");
	for (int i = 0; i < ne; i++)
		cJSON_AddItemToArray(attended, office_event_json(r, q, &ev[i]));
	cJSON_AddBoolToObject(ctx, "has_events_attended", ne > 0);
	long long advisor = db_company_advisor(db, r->session->org_id, id);
	if (advisor < 0 || office_handover_fill(r, advisor, arena_printf(&r->arena, "/companies/%lld/advisor", id),
						ctx) != 0) {
		reply_db_error(r);
		return;
	}
	char requested[16];
	if (r->session->role == ROLE_ADMIN && db_erasure_pending_for(db, r->session->org_id, id, requested) > 0)
		cJSON_AddStringToObject(ctx, "erasure_requested", requested);
	office_notice(r, ctx);
	page_render(r, status, "office/company", cJSON_GetObjectItem(c, "name")->valuestring, ctx);
}

/* "Overdragen aan": the company and its scans that are not closed go to
 * another advisor of the association (checked again in SQL). */
static void company_handover(struct req *r)
{
	long long id = office_id(r, 0);
	if (!id) {
		office_not_found(r, "company", 0);
		return;
	}
	long long advisor;
	int done = office_handover_read(r, &advisor) ?
		   db_company_set_advisor(req_db(r), r->session->org_id, id, advisor) : 0;
	if (done < 0) {
		reply_db_error(r);
		return;
	}
	if (!done) {
		cJSON *ctx = page_ctx(r);
		page_field_error(ctx, "advisor", i18n_get(r->lang, "office.scan.handover_bad"));
		office_company_render(r, 400, id, ctx);
		return;
	}
	office_audit(r, "company_handover", "company", id, "advisor", arena_printf(&r->arena, "%lld", advisor), NULL);
	reply_redirect(r, arena_printf(&r->arena, "/companies/%lld?msg=handover#handover", id));
}

static void company_page(struct req *r)
{
	long long id = office_id(r, 0);
	if (!id) {
		office_not_found(r, "company", 0);
		return;
	}
	office_company_render(r, 200, id, page_ctx(r));
	if (r->status == 200)
		audit(r, "company_view", "company", id, NULL);
}

const struct route routes_companies[] = {
	{"GET", "/companies", companies_list, 0, ACCESS_STAFF},
	{"POST", "/companies", company_save, ROUTE_CHANGES, ACCESS_STAFF},
	{"GET", "/companies/new", company_new, 0, ACCESS_STAFF},
	{"GET", "/companies/:id", company_page, 0, ACCESS_STAFF},
	{"POST", "/companies/:id", company_save, ROUTE_CHANGES, ACCESS_STAFF},
	{"POST", "/companies/:id/advisor", company_handover, ROUTE_CHANGES, ACCESS_STAFF},
	{"GET", "/companies/:id/edit", company_edit, 0, ACCESS_STAFF},
	{NULL, NULL, NULL, 0, 0},
};

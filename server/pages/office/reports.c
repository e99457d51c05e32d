/* reports.c: the personal PDF report in the back office — the draft at any
 * time (/scans/ID/report.pdf, CONCEPT on every page), the advisor's meeting
 * brief (/scans/ID/brief.pdf), and the frozen final versions stored when the
 * scan moved to "final" (/scans/ID/reports, /scans/ID/reports/N.pdf).
 * Every download is audited. Staff of the scan's association only. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "server/app/config.h"
#include "server/http/log.h"
#include "server/http/page.h"
#include "server/pages/office/scan_page.h"
#include "server/pages/office/reports.h"
#include "server/app/report_build.h"
#include "server/http/routes.h"
#include "server/http/session.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/pages/office/events.h"
#include "server/db/event.h"
#include "server/db/scan.h"
#include "server/db/report.h"
#include "server/db/report_link.h"
#include "common/banned.h"

/* The name a person keeps: "Rapport Bakkerij Van Houten 2026-12-01.pdf" (a
 * version after the first says so); the company's name as written, without
 * characters a file name cannot hold (content_disposition drops those too). */
static const char *file_name(struct req *r, const char *what, const char *company, const char *day, int version)
{
	char co[81];
	size_t n = 0;
	const char *p = company ? company : "";
	for (; *p && n < sizeof(co) - 1; p++)
		co[n++] = (*p == '/' || *p == '\\' || *p == ':' || *p == '"' || (unsigned char)*p < 0x20) ? ' ' : *p;
	if (*p)   /* cut short: never half a UTF-8 character */
		while (n > 0 && ((unsigned char)p[0] & 0xC0) == 0x80 && ((unsigned char)co[n - 1] & 0x80))
			p--, n--;
	co[n] = 0;
	return version > 1 ? arena_printf(&r->arena, "%s %s %s versie %d.pdf", what, co, day ? day : "", version)
			   : arena_printf(&r->arena, "%s %s %s.pdf", what, co, day ? day : "");
}

/* Builds and renders the draft report or the brief of the route's scan. */
static void render_live(struct req *r, int brief)
{
	long long id = office_id_or_404(r, 0);
	if (!id)
		return;
	struct scanview_scope scope = {.org_id = r->session->org_id, .benchmark_k = config.benchmark_k};
	struct report_build_opts o = {.lang = NULL, .draft = !brief, .created = time(NULL)};
	struct report rep;
	enum scanview_status st = report_build(req_db(r), &r->arena, id, &scope, &o, &rep, NULL);
	if (!office_scan_loaded(r, st, id))
		return;
	struct buf pdf;
	char err[256];
	buf_init(&pdf, 64u * 1024 * 1024);
	int rc = brief ? report_render_brief(&rep, &pdf, err, sizeof(err)) : report_render(&rep, &pdf, err, sizeof(err));
	if (rc != 0) {
		log_error("%s of scan %lld: %s", brief ? "brief" : "draft report", id, err);
		buf_release(&pdf);
		reply_error(r, 500);
		return;
	}
	office_audit(r, "report_download", "scan", id, "kind", brief ? "brief" : "draft", NULL);
	const char *name = file_name(r, brief ? "Gespreksvoorbereiding" : "Conceptrapport", rep.company.name,
				     rep.scan_date, 0);
	reply_bytes(r, 200, "application/pdf", pdf.data, pdf.len, name);
	buf_release(&pdf);
}

static void draft_pdf(struct req *r)
{
	render_live(r, 0);
}

static void brief_pdf(struct req *r)
{
	render_live(r, 1);
}

/* The route's scan for staff of its association: its id, or 0 with the reply queued. */
static long long own_scan(struct req *r)
{
	long long id = office_id_or_404(r, 0);
	if (!id)
		return 0;
	long long org = db_report_scan_org(req_db(r), id);
	if (org < 0) {
		reply_db_error(r);
		return 0;
	}
	if (org != r->session->org_id) {
		audit(r, "denied", "scan", id, NULL);
		reply_error(r, 404);
		return 0;
	}
	return id;
}

void report_send_stored(struct req *r, long long scan_id, int version, const char *kind)
{
	struct stored_report s;
	int found = db_report_get(req_db(r), &r->arena, scan_id, version, &s);
	if (!reply_found(r, found))
		return;
	char v[16];
	snprintf(v, sizeof(v), "%d", s.version);
	office_audit(r, "report_download", "scan", scan_id, "kind", kind, "version", v, NULL);
	const char *etag = arena_printf(&r->arena, "\"%s\"", s.sha256);
	req_add_header(r, "ETag", etag);
	req_add_header(r, "Cache-Control", "private, no-cache");
	const char *inm = req_header(r, "If-None-Match");
	if (inm && strcmp(inm, etag) == 0) {
		reply_bytes(r, 304, "application/pdf", "", 0, NULL);
		return;
	}
	reply_bytes(r, 200, "application/pdf", s.pdf, s.len, file_name(r, "Rapport", s.company, s.day, s.version));
}

/* GET /scans/:id/reports/:file — file is "N.pdf". */
static void version_pdf(struct req *r)
{
	long long id = own_scan(r);
	if (!id)
		return;
	const char *file = req_param(r, 1);
	int version = 0, used = 0;
	if (sscanf(file, "%9d.pdf%n", &version, &used) != 1 || version < 1 || (size_t)used != strlen(file) ||
	    file[0] < '1' || file[0] > '9') {
		reply_error(r, 404);
		return;
	}
	report_send_stored(r, id, version, "final");
}

/* Adds the stored final versions as `reports` (version, created, by, size_kb,
 * sha256) to ctx; 0 or -1 (database error). */
int report_versions_fill(struct req *r, long long scan_id, cJSON *ctx)
{
	struct report_version *v;
	int n = db_report_list(req_db(r), &r->arena, scan_id, &v);
	if (n < 0)
		return -1;
	cJSON *list = cJSON_AddArrayToObject(ctx, "reports");
	for (int i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "version", v[i].version);
		cJSON_AddStringToObject(o, "sha256", v[i].sha256);
		cJSON_AddStringToObject(o, "created", v[i].created);
		cJSON_AddStringToObject(o, "by", v[i].creator);
		cJSON_AddStringToObject(o, "size", arena_printf(&r->arena, "%lld kB", (v[i].size + 1023) / 1024));
		cJSON_AddItemToArray(list, o);
	}
	int live = db_report_link_live(req_db(r), scan_id);
	if (live < 0)
		return -1;
	if (live)
		cJSON_AddBoolToObject(ctx, "report_link_live", 1);
	return 0;
}

/* POST /scans/:id/report-link, op=revoke: the owner's report link (printed in
 * the PDF, read-only) stops working; the next finalize makes a new one. */
static void report_link_post(struct req *r)
{
	long long id = own_scan(r);
	if (!id)
		return;
	if (strcmp(office_field(r, "op"), "revoke") != 0) {
		reply_error(r, 400);
		return;
	}
	int revoked = 0;
	if (db_report_link_revoke(req_db(r), id, &revoked) != 0) {
		reply_db_error(r);
		return;
	}
	if (revoked)
		office_audit(r, "report_link_revoked", "scan", id, NULL);
	reply_redirect(r, arena_printf(&r->arena, "/scans/%lld?msg=report_link#report", id));
}

/* The follow-up meetings the scan's company attended (issue 20.4), beside its reports. 0 or -1. */
static int add_events_attended(struct req *r, long long scan_id, cJSON *ctx)
{
	struct scan_row s;
	int failed = 0;
	if (db_scan_get(req_db(r), &r->arena, scan_id, &s) != 1)
		return -1;
	const struct questionnaire *q = office_events_questionnaire(r, &failed);
	struct event_row *ev;
	int n = failed ? -1 : db_event_company_attended(req_db(r), &r->arena, r->session->org_id, s.company_id, &ev);
	if (n < 0)
		return -1;
	cJSON *list = cJSON_AddArrayToObject(ctx, "events_attended");
	for (int i = 0; i < n; i++)
		cJSON_AddItemToArray(list, office_event_json(r, q, &ev[i]));
	cJSON_AddBoolToObject(ctx, "has_events_attended", n > 0);
	return 0;
}

/* GET /scans/:id/reports — the stored final versions. */
static void versions_page(struct req *r)
{
	long long id = own_scan(r);
	if (!id)
		return;
	cJSON *ctx = page_ctx(r);
	cJSON_AddNumberToObject(ctx, "scan_id", (double)id);
	if (report_versions_fill(r, id, ctx) != 0 || add_events_attended(r, id, ctx) != 0) {
		reply_db_error(r);
		return;
	}
	office_render(r, 200, "office/report_versions", i18n_get(r->lang, "report.versions.title"), ctx);
}

const struct route routes_reports[] = {
	{"GET", "/scans/:id/report.pdf", draft_pdf, 0, ACCESS_STAFF},
	{"GET", "/scans/:id/brief.pdf", brief_pdf, 0, ACCESS_STAFF},
	{"GET", "/scans/:id/reports", versions_page, 0, ACCESS_STAFF},
	{"GET", "/scans/:id/reports/:file", version_pdf, 0, ACCESS_STAFF},
	{"POST", "/scans/:id/report-link", report_link_post, ROUTE_CHANGES, ACCESS_STAFF},
	{NULL, NULL, NULL, 0, 0},
};

/* dashboard.c: the pipeline dashboard at /app — the funnel from invited to
 * closed with counts and shares, the filterable, paged list of scans with stale
 * ones flagged, and the pending requests to take part. Researchers go to /research. */
#include <stdio.h>
#include <string.h>

#include "server/http/page.h"
#include "server/http/routes.h"
#include "server/app/sector.h"
#include "server/http/session.h"
#include "server/http/tmpl.h"
#include "server/pages/office/office.h"
#include "server/pages/office/scan_page.h"
#include "server/db/participation.h"
#include "server/db/pipeline.h"
#include "common/buf.h"
#include "common/text.h"
#include "common/date.h"
#include "common/banned.h"

static const char *const statuses[] = {"invited", "started", "submitted", "advice", "final", "meeting_held", "closed"};
#define NSTATUS 7

static int status_index(const char *s)
{
	for (int i = 0; s && i < NSTATUS; i++)
		if (strcmp(s, statuses[i]) == 0)
			return i;
	return -1;
}

/* Reads the GET filters; bad dates become field errors and are ignored. */
static void read_filter(struct req *r, cJSON *ctx, struct pipeline_filter *f, struct buf *base)
{
	cJSON *fv = cJSON_AddObjectToObject(ctx, "filter");
	const char *st = req_query(r, "status"), *sec = req_query(r, "sector"), *adv = req_query(r, "advisor");
	const char *from = req_query(r, "from"), *to = req_query(r, "to"), *stale = req_query(r, "stale");
	memset(f, 0, sizeof(*f));
	buf_puts(base, "/app?");
	if (status_index(st) >= 0) {
		f->status = st;
		buf_printf(base, "status=%s&", st);
	}
	if (sbi_find(sec)) {
		f->sector = sec;
		buf_printf(base, "sector=%s&", sec);
	}
	long a;
	if (adv && (a = text_parse_id(adv)) != 0) {
		f->advisor_id = a;
		buf_printf(base, "advisor=%ld&", a);
	}
	if (from && *from && !date_valid(from))
		page_field_error(ctx, "from", i18n_get(r->lang, "office.dashboard.date_invalid"));
	else if (from && *from) {
		f->from = from;
		buf_printf(base, "from=%s&", from);
	}
	if (to && *to && !date_valid(to))
		page_field_error(ctx, "to", i18n_get(r->lang, "office.dashboard.date_invalid"));
	else if (to && *to) {
		f->to = to;
		buf_printf(base, "to=%s&", to);
	}
	if (stale && strcmp(stale, "1") == 0) {
		f->stale_only = 1;
		buf_puts(base, "stale=1&");
	}
	base->data[--base->len] = '\0';  /* the trailing '&' or '?' */
	cJSON_AddStringToObject(fv, "from", from ? from : "");
	cJSON_AddStringToObject(fv, "to", to ? to : "");
	cJSON_AddBoolToObject(fv, "stale", f->stale_only);
	cJSON_AddBoolToObject(fv, "active", f->status || f->sector || f->advisor_id || f->from || f->to || f->stale_only);
	cJSON_AddItemToObject(ctx, "sectors", sbi_options(r->lang, f->sector));
	cJSON *so = cJSON_AddArrayToObject(ctx, "statuses");
	for (int i = 0; i < NSTATUS; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "code", statuses[i]);
		cJSON_AddStringToObject(o, "name", office_status_label(r, statuses[i]));
		cJSON_AddBoolToObject(o, "selected", f->status && strcmp(f->status, statuses[i]) == 0);
		cJSON_AddItemToArray(so, o);
	}
}

/* Funnel rows; returns the number of scans the list shows (for paging). */
static long long add_funnel(struct req *r, cJSON *ctx, PGresult *counts, const struct pipeline_filter *f)
{
	long long n[NSTATUS] = {0}, stale[NSTATUS] = {0}, total = 0, stale_total = 0;
	for (int i = 0; i < PQntuples(counts); i++) {
		int k = status_index(db_str(counts, i, 0));
		if (k < 0)
			continue;
		n[k] = db_ll(counts, i, 1, 0);
		stale[k] = db_ll(counts, i, 2, 0);
		total += n[k];
		stale_total += stale[k];
	}
	cJSON *list = cJSON_AddArrayToObject(ctx, "funnel");
	long long reached = total;
	for (int k = 0; k < NSTATUS; k++) {
		cJSON *o = cJSON_CreateObject();
		int share = total ? (int)((reached * 100 + total / 2) / total) : 0;
		cJSON_AddStringToObject(o, "code", statuses[k]);
		cJSON_AddStringToObject(o, "name", office_status_label(r, statuses[k]));
		cJSON_AddNumberToObject(o, "count", (double)n[k]);
		cJSON_AddNumberToObject(o, "reached", (double)reached);
		cJSON_AddNumberToObject(o, "share", share);
		cJSON_AddNumberToObject(o, "bar", share * 2);  /* SVG width out of 200 */
		cJSON_AddNumberToObject(o, "stale", (double)stale[k]);
		cJSON_AddItemToArray(list, o);
		if (k == 2) {
			cJSON_AddNumberToObject(ctx, "response_share", share);
			cJSON_AddNumberToObject(ctx, "responded", (double)reached);
		}
		reached -= n[k];
	}
	cJSON_AddNumberToObject(ctx, "scan_total", (double)total);
	cJSON_AddNumberToObject(ctx, "stale_total", (double)stale_total);
	int k = f->status ? status_index(f->status) : -1;
	if (f->stale_only)
		return k >= 0 ? stale[k] : stale_total;
	return k >= 0 ? n[k] : total;
}

static void add_list(struct req *r, cJSON *ctx, PGresult *res)
{
	cJSON *list = cJSON_AddArrayToObject(ctx, "scans");
	for (int i = 0; i < PQntuples(res); i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "id", (double)db_ll(res, i, 0, 0));
		cJSON_AddStringToObject(o, "status", db_str(res, i, 1));
		cJSON_AddStringToObject(o, "status_name", office_status_label(r, db_str(res, i, 1)));
		cJSON_AddNumberToObject(o, "company_id", (double)db_ll(res, i, 2, 0));
		cJSON_AddStringToObject(o, "company", db_str(res, i, 3));
		cJSON_AddStringToObject(o, "sector", db_str(res, i, 4));
		cJSON_AddStringToObject(o, "sector_name", sbi_name(db_str(res, i, 4), r->lang));
		cJSON_AddStringToObject(o, "advisor", db_str(res, i, 5));
		cJSON_AddStringToObject(o, "created", db_str(res, i, 6));
		cJSON_AddStringToObject(o, "submitted", db_str(res, i, 7));
		cJSON_AddBoolToObject(o, "stale", db_bool(res, i, 8));
		cJSON_AddItemToArray(list, o);
	}
}

static void add_advisors_and_requests(struct req *r, cJSON *ctx, PGresult *adv, PGresult *reqs, long long sel)
{
	cJSON *list = cJSON_AddArrayToObject(ctx, "advisors");
	for (int i = 0; i < PQntuples(adv); i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "id", (double)db_ll(adv, i, 0, 0));
		cJSON_AddStringToObject(o, "name", db_str(adv, i, 1));
		cJSON_AddBoolToObject(o, "selected", db_ll(adv, i, 0, 0) == sel);
		cJSON_AddItemToArray(list, o);
	}
	cJSON *rl = cJSON_AddArrayToObject(ctx, "requests");
	for (int i = 0; i < PQntuples(reqs); i++) {
		cJSON *o = cJSON_CreateObject();
		static const char *const keys[] = {"name", "company", "email", "phone", "fte", "created"};
		cJSON_AddNumberToObject(o, "id", (double)db_ll(reqs, i, 0, 0));
		for (int k = 0; k < 6; k++)
			cJSON_AddStringToObject(o, keys[k], db_str(reqs, i, k + 1));
		cJSON_AddItemToArray(rl, o);
	}
	cJSON_AddItemToObject(ctx, "request_sectors", sbi_options(r->lang, NULL));
}

static void dashboard(struct req *r)
{
	if (r->session && r->session->role == ROLE_RESEARCHER) {
		reply_redirect(r, "/research");
		return;
	}
	struct db *db = req_db(r);
	long long org = r->session->org_id;
	cJSON *ctx = page_ctx(r);
	struct pipeline_filter f;
	struct buf base;
	buf_init(&base, 4096);
	read_filter(r, ctx, &f, &base);
	int page = office_page(r);
	PGresult *counts = db_pipeline_counts(db, org, &f);
	PGresult *list = counts ? db_pipeline_list(db, org, &f, (page - 1) * OFFICE_PER_PAGE, OFFICE_PER_PAGE) : NULL;
	PGresult *adv = list ? db_pipeline_advisors(db, org) : NULL;
	PGresult *reqs = adv ? db_participation_pending(db, org) : NULL;
	if (!reqs) {
		PQclear(counts);
		PQclear(list);
		PQclear(adv);
		buf_release(&base);
		reply_db_error(r);
		return;
	}
	long long shown = add_funnel(r, ctx, counts, &f);
	add_list(r, ctx, list);
	add_advisors_and_requests(r, ctx, adv, reqs, f.advisor_id);
	office_pager(ctx, shown, page, base.data);
	cJSON_AddNumberToObject(ctx, "shown", (double)shown);
	office_notice(r, ctx);
	PQclear(counts);
	PQclear(list);
	PQclear(adv);
	PQclear(reqs);
	buf_release(&base);
	page_render(r, 200, "office/dashboard", i18n_get(r->lang, "office.dashboard.title"), ctx);
}

const struct route routes_dashboard[] = {
	{"GET", "/app", dashboard, 0, ACCESS_USER},
	{NULL, NULL, NULL, 0, 0},
};

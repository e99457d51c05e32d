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
#include "server/http/i18n.h"
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
static long long add_funnel(struct req *r, cJSON *ctx, const struct pipeline_count *counts, int n_counts,
			    const struct pipeline_filter *f)
{
	long long n[NSTATUS] = {0}, stale[NSTATUS] = {0}, total = 0, stale_total = 0;
	for (int i = 0; i < n_counts; i++) {
		int k = status_index(counts[i].status);
		if (k < 0)
			continue;
		n[k] = counts[i].count;
		stale[k] = counts[i].stale;
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

static void add_list(struct req *r, cJSON *ctx, const struct pipeline_scan *scans, int n)
{
	cJSON *list = cJSON_AddArrayToObject(ctx, "scans");
	for (int i = 0; i < n; i++) {
		const struct pipeline_scan *s = &scans[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "id", (double)s->id);
		cJSON_AddStringToObject(o, "status", s->status);
		cJSON_AddStringToObject(o, "status_name", office_status_label(r, s->status));
		cJSON_AddNumberToObject(o, "company_id", (double)s->company_id);
		cJSON_AddStringToObject(o, "company", s->company);
		cJSON_AddStringToObject(o, "sector", s->sector);
		cJSON_AddStringToObject(o, "sector_name", sbi_name(s->sector, r->lang));
		cJSON_AddStringToObject(o, "advisor", s->advisor);
		cJSON_AddStringToObject(o, "created", s->created);
		cJSON_AddStringToObject(o, "submitted", s->submitted);
		cJSON_AddBoolToObject(o, "stale", s->stale);
		cJSON_AddItemToArray(list, o);
	}
}

static void add_advisors_and_requests(struct req *r, cJSON *ctx, const struct user_option *adv, int n_adv,
				      const struct participation_request *reqs, int n_reqs, long long sel)
{
	cJSON *list = cJSON_AddArrayToObject(ctx, "advisors");
	for (int i = 0; i < n_adv; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "id", (double)adv[i].id);
		cJSON_AddStringToObject(o, "name", adv[i].name);
		cJSON_AddBoolToObject(o, "selected", adv[i].id == sel);
		cJSON_AddItemToArray(list, o);
	}
	cJSON *rl = cJSON_AddArrayToObject(ctx, "requests");
	for (int i = 0; i < n_reqs; i++) {
		const struct participation_request *q = &reqs[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "id", (double)q->id);
		cJSON_AddStringToObject(o, "name", q->name);
		cJSON_AddStringToObject(o, "company", q->company_name);
		cJSON_AddStringToObject(o, "email", q->email);
		cJSON_AddStringToObject(o, "phone", q->phone);
		cJSON_AddStringToObject(o, "fte", q->fte);
		cJSON_AddStringToObject(o, "created", q->created);
		cJSON_AddItemToArray(rl, o);
	}
	cJSON_AddItemToObject(ctx, "request_sectors", sbi_options(r->lang, NULL));
}

/* "Vandaag voor mij": what needs the logged-in advisor, each with a link to
 * the list that shows it; only the kinds that are not zero. */
static void add_today(struct req *r, cJSON *ctx, const struct pipeline_today *t)
{
	long long me = r->session->user_id;
	const struct {
		long long n;
		const char *key, *href;
	} kinds[] = {
		{t->stale_invites, "today_stale_invites", "/app?advisor=%lld&status=invited&stale=1"},
		{t->waiting_advice, "today_waiting_advice", "/app?advisor=%lld&status=submitted"},
		{t->meetings_to_plan, "today_meetings_to_plan", "/app?advisor=%lld&status=final"},
		{t->overdue_actions, "today_overdue_actions", "/actions?advisor=%lld"},
	};
	int any = 0;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		if (kinds[i].n <= 0)
			continue;
		cJSON *o = cJSON_AddObjectToObject(ctx, kinds[i].key);
		cJSON_AddNumberToObject(o, "n", (double)kinds[i].n);
		cJSON_AddStringToObject(o, "href", arena_printf(&r->arena, kinds[i].href, me));
		any = 1;
	}
	cJSON_AddBoolToObject(ctx, "today_any", any);
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
	struct arena *a = &r->arena;
	struct pipeline_count *counts;
	struct pipeline_scan *scans;
	struct user_option *adv;
	struct participation_request *reqs;
	int n_counts = db_pipeline_counts(db, a, org, &f, &counts);
	int n_scans = n_counts >= 0 ? db_pipeline_list(db, a, org, &f, (page - 1) * OFFICE_PER_PAGE, OFFICE_PER_PAGE,
						      &scans) : -1;
	int n_adv = n_scans >= 0 ? db_pipeline_advisors(db, a, org, &adv) : -1;
	int n_reqs = n_adv >= 0 ? db_participation_pending(db, a, org, &reqs) : -1;
	struct pipeline_today today;
	if (n_reqs < 0 || db_pipeline_today(db, org, r->session->user_id, &today) != 0) {
		buf_release(&base);
		reply_db_error(r);
		return;
	}
	long long shown = add_funnel(r, ctx, counts, n_counts, &f);
	add_list(r, ctx, scans, n_scans);
	add_today(r, ctx, &today);
	add_advisors_and_requests(r, ctx, adv, n_adv, reqs, n_reqs, f.advisor_id);
	office_pager(ctx, shown, page, base.data);
	cJSON_AddNumberToObject(ctx, "shown", (double)shown);
	office_notice(r, ctx);
	buf_release(&base);
	page_render(r, 200, "office/dashboard", i18n_get(r->lang, "office.dashboard.title"), ctx);
}

const struct route routes_dashboard[] = {
	{"GET", "/app", dashboard, 0, ACCESS_USER},
	{NULL, NULL, NULL, 0, 0},
};

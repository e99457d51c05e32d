/* take_part.c: the public page about the scan for owners, with a short form to
 * ask to take part (/deelnemen/SLUG per association; /deelnemen lists them), and
 * the association's answer on the dashboard: accept (→ company, scan, link) or
 * decline. The form is rate-limited per client address. */
#include <stdio.h>
#include <string.h>

#include "server/http/page.h"
#include "server/http/routes.h"
#include "server/app/sector.h"
#include "server/http/session.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/pages/office/office.h"
#include "server/db/org.h"
#include "server/db/participation.h"
#include "server/db/questionnaire.h"
#include "server/db/ratelimit.h"
#include "server/db/settings.h"
#include "common/text.h"
#include "common/banned.h"

#define TAKEPART_PER_HOUR 5

static void takepart_index(struct req *r)
{
	struct org_association *orgs;
	int n = db_org_associations(req_db(r), &r->arena, &orgs);
	if (n < 0) {
		reply_db_error(r);
		return;
	}
	if (n == 1) {
		reply_redirect(r, arena_printf(&r->arena, "/deelnemen/%s", orgs[0].slug));
		return;
	}
	cJSON *ctx = page_ctx(r);
	cJSON *list = cJSON_AddArrayToObject(ctx, "associations");
	for (int i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "slug", orgs[i].slug);
		cJSON_AddStringToObject(o, "name", orgs[i].name);
		cJSON_AddStringToObject(o, "region", orgs[i].region);
		cJSON_AddItemToArray(list, o);
	}
	page_render(r, 200, "public/take_part_index", i18n_get(r->lang, "office.takepart.title"), ctx);
}

/* The association named by the slug: its id, with name and free flag in ctx; 0
 * after answering 404 (or 503). */
static long long association(struct req *r, cJSON *ctx)
{
	struct db *db = req_db(r);
	const char *slug = req_param(r, 0);
	long long id = strlen(slug) <= 40 ? db_org_by_slug(db, slug) : 0;
	struct org_settings org;
	int found = id > 0 ? db_org_settings_get(db, &r->arena, id, &org) : 0;
	if (id < 0 || found < 0) {
		reply_db_error(r);
		return 0;
	}
	if (!found || strcmp(org.kind, "association") != 0) {
		reply_error(r, 404);
		return 0;
	}
	cJSON_AddStringToObject(ctx, "org_name", org.name);
	cJSON_AddStringToObject(ctx, "slug", org.slug);
	cJSON_AddBoolToObject(ctx, "free", org.free_of_charge);
	cJSON_AddStringToObject(ctx, "contact_email", org.contact_email);
	return id;
}

static void takepart_page(struct req *r)
{
	cJSON *ctx = page_ctx(r);
	if (!association(r, ctx))
		return;
	cJSON_AddObjectToObject(ctx, "form");
	page_render(r, 200, "public/take_part", i18n_get(r->lang, "office.takepart.title"), ctx);
}

static void takepart_post(struct req *r)
{
	cJSON *ctx = page_ctx(r);
	long long org = association(r, ctx);
	if (!org)
		return;
	char key[96];
	snprintf(key, sizeof(key), "takepart-ip:%s", r->client_ip);
	int limited = ratelimit_hit(req_db(r), key, 3600, TAKEPART_PER_HOUR);
	if (limited) {
		if (limited < 0)
			reply_db_error(r);
		else
			reply_error(r, 429);
		return;
	}
	struct participation_input p = {
		.name = office_field(r, "name"), .company_name = office_field(r, "company"), .email = office_field(r, "email"),
		.phone = office_field(r, "phone"), .fte = office_field(r, "fte"),
	};
	double fte;
	char fte_s[32] = "";
	if (!p.name[0] || strlen(p.name) > 200)
		page_field_error(ctx, "name", i18n_get(r->lang, "office.takepart.name_missing"));
	if (!p.company_name[0] || strlen(p.company_name) > 200)
		page_field_error(ctx, "company", i18n_get(r->lang, "office.company.name_missing"));
	if (!office_email_valid(p.email))
		page_field_error(ctx, "email", i18n_get(r->lang, "office.users.email_invalid"));
	if (strlen(p.phone) > 30)
		page_field_error(ctx, "phone", i18n_get(r->lang, "office.company.phone_invalid"));
	if (p.fte[0] && text_parse_double(p.fte, 0.1, 100000, &fte) != 0)
		page_field_error(ctx, "fte", i18n_get(r->lang, "office.company.fte_invalid"));
	else if (p.fte[0])
		snprintf(fte_s, sizeof(fte_s), "%.1f", fte);
	if (page_has_errors(ctx)) {
		cJSON *f = cJSON_AddObjectToObject(ctx, "form");
		static const char *const names[] = {"name", "company", "email", "phone", "fte"};
		for (int i = 0; i < 5; i++)
			cJSON_AddStringToObject(f, names[i], office_field(r, names[i]));
		page_render(r, 400, "public/take_part", i18n_get(r->lang, "office.takepart.title"), ctx);
		return;
	}
	p.fte = fte_s;
	long long id = db_participation_create(req_db(r), org, &p);
	if (id < 0) {
		reply_db_error(r);
		return;
	}
	cJSON_AddBoolToObject(ctx, "done", 1);
	page_render(r, 200, "public/take_part", i18n_get(r->lang, "office.takepart.thanks_title"), ctx);
}

static void request_accept(struct req *r)
{
	struct db *db = req_db(r);
	long long id = office_id(r, 0);
	const char *sector = office_field(r, "sector");
	if (!sbi_find(sector)) {
		reply_redirect(r, "/app?msg=sector_needed#requests");
		return;
	}
	long long qid = db_questionnaire_for_invitations(db, r->session->org_id), cid, sid;
	if (qid < 0) {
		reply_db_error(r);
		return;
	}
	if (qid == 0) {
		reply_redirect(r, "/app?msg=no_questionnaire");
		return;
	}
	char token[TOKEN_TEXT_LEN + 1];
	int rc = id ? db_participation_accept(db, r->session->org_id, id, r->session->user_id, sector, qid, &cid,
					      &sid, token) : 0;
	if (!office_found(r, rc, "participation_request", id))
		return;
	audit(r, "request_accepted", "participation_request", id, NULL);
	office_show_new_link(r, cid, sid, token, NULL);
}

static void request_decline(struct req *r)
{
	long long id = office_id(r, 0);
	int rc = id ? db_participation_decline(req_db(r), r->session->org_id, id, r->session->user_id) : 0;
	if (!office_found(r, rc, "participation_request", id))
		return;
	audit(r, "request_declined", "participation_request", id, NULL);
	reply_redirect(r, "/app?msg=declined");
}

const struct route routes_take_part[] = {
	{"GET", "/deelnemen", takepart_index, 0, ACCESS_PUBLIC},
	{"GET", "/deelnemen/:slug", takepart_page, 0, ACCESS_PUBLIC},
	{"POST", "/deelnemen/:slug", takepart_post, ROUTE_CHANGES, ACCESS_PUBLIC},
	{"POST", "/requests/:id/accept", request_accept, ROUTE_CHANGES, ACCESS_STAFF},
	{"POST", "/requests/:id/decline", request_decline, ROUTE_CHANGES, ACCESS_STAFF},
	{NULL, NULL, NULL, 0, 0},
};

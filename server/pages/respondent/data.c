/* data.c: the owner's rights through their link — GET /s/TOKEN/data.json
 * (everything held about their company and its scans) and /s/TOKEN/erase (a
 * request to erase it, which an admin of the association carries out; see
 * docs/privacy.md §6 for why it is a request and not done at once). */
#include <stdlib.h>
#include <string.h>

#include "server/pages/respondent/respondent.h"
#include "server/http/log.h"
#include "server/http/page.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/db/protection.h"
#include "common/banned.h"

void scan_data_get(struct req *r)
{
	struct scan_ctx s;
	if (scan_load(r, 0, &s) != 0)
		return;
	struct db *db = req_db(r);
	long long company = db_company_of_scan(db, s.v.id);
	char *json = NULL;
	int found = company > 0 ? db_company_data_json(db, 0, company, &json) : (int)company;
	if (!reply_found(r, found))
		return;
	scan_audit(r, &s, "owner_data_export");
	reply_bytes(r, 200, "application/json; charset=utf-8", json, strlen(json), "mijn-gegevens.json");
	free(json);
}

static void erase_page(struct req *r, struct scan_ctx *s, int status, cJSON *ctx)
{
	cJSON_AddStringToObject(ctx, "data_url", arena_printf(&r->arena, "/s/%s/data.json", s->token));
	page_render(r, status, "respondent/erase", i18n_get(r->lang, "scan.erase.title"), ctx);
}

void scan_erase_get(struct req *r)
{
	struct scan_ctx s;
	if (scan_load(r, 0, &s) != 0)
		return;
	erase_page(r, &s, 200, scan_page_ctx(r, &s));
}

void scan_erase_post(struct req *r)
{
	struct scan_ctx s;
	if (scan_load(r, 0, &s) != 0)
		return;
	cJSON *ctx = scan_page_ctx(r, &s);
	const char *confirm = req_form(r, "confirm");
	if (!confirm || strcmp(confirm, "yes") != 0) {
		page_field_error(ctx, "confirm", i18n_get(r->lang, "scan.erase.confirm_missing"));
		erase_page(r, &s, 400, ctx);
		return;
	}
	int rc = db_erasure_request(req_db(r), s.v.id, r->client_ip);
	if (rc < 0) {
		reply_db_error(r);
		return;
	}
	cJSON_AddBoolToObject(ctx, "requested", 1);
	cJSON_AddBoolToObject(ctx, "again", rc == 2);
	erase_page(r, &s, 200, ctx);
}

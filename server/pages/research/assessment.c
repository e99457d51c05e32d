/* assessment.c: the research group's assessment (waardering). A researcher sees
 * only scans of associations that share with their research group, pseudonymized:
 * no company name, KvK or contact data (scanview scope), and writes a text plus
 * an optional judgement per pillar. Advisors see it on the scan page. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "server/app/config.h"
#include "server/http/page.h"
#include "server/pages/office/scan_page.h"
#include "server/http/routes.h"
#include "server/app/scan_view.h"
#include "server/http/session.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/db/advice.h"
#include "server/db/scan.h"
#include "server/db/research.h"
#include "server/app/research_export.h"
#include "server/app/sector.h"
#include "common/text.h"
#include "common/banned.h"

/* The scan a research page names by the exports' identifiers, "PSEUDONYM-N"
 * (company pseudonym, scan number within the company): never a database id.
 * The pseudonym cannot be inverted, so the research group's companies are
 * hashed until one matches (about a microsecond each). Returns the scan id;
 * 0 after replying 404, -1 after replying with a database error. */
static long long scan_from_ref(struct req *r, const char *ref)
{
	long n;
	if (!ref || strlen(ref) < PSEUDONYM_LEN + 2 || ref[PSEUDONYM_LEN] != '-' ||
	    text_parse_long(ref + PSEUDONYM_LEN + 1, 1, 1000000, &n) != 0) {
		reply_error(r, 404);
		return 0;
	}
	unsigned char key[32];
	if (db_research_secret(req_db(r), key) != 0) {
		reply_db_error(r);
		return -1;
	}
	long long *ids;
	int n_ids = db_research_company_ids(req_db(r), &r->arena, r->session->org_id, &ids);
	if (n_ids < 0) {
		sodium_memzero(key, sizeof(key));
		reply_db_error(r);
		return -1;
	}
	long long company = 0;
	for (int i = 0; i < n_ids && !company; i++) {
		char p[PSEUDONYM_LEN + 1];
		research_pseudonym(key, ids[i], p);
		if (memcmp(p, ref, PSEUDONYM_LEN) == 0)
			company = ids[i];
	}
	sodium_memzero(key, sizeof(key));
	long long id = company ? db_research_scan_by_number(req_db(r), r->session->org_id, company, n) : 0;
	if (id < 0) {
		reply_db_error(r);
		return -1;
	}
	if (id == 0)
		reply_error(r, 404);
	return id;
}

static void research_list(struct req *r)
{
	struct research_scan_row *rows;
	int n = db_scan_list_for_research(req_db(r), &r->arena, r->session->org_id, 500, &rows);
	if (n < 0) {
		reply_db_error(r);
		return;
	}
	cJSON *ctx = page_ctx(r);
	cJSON *list = cJSON_AddArrayToObject(ctx, "scans");
	for (int i = 0; i < n; i++) {
		char pseudo[PSEUDONYM_LEN + 1];
		if (scanview_pseudonym(req_db(r), rows[i].company_id, pseudo) != 0) {
			reply_db_error(r);
			return;
		}
		const char *scan_no = arena_printf(&r->arena, "%lld", rows[i].scan_no);
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "ref", arena_printf(&r->arena, "%s-%s", pseudo, scan_no));
		cJSON_AddStringToObject(o, "pseudonym", pseudo);
		cJSON_AddStringToObject(o, "scan_no", scan_no);
		cJSON_AddStringToObject(o, "status_label", office_status_label(r, rows[i].status));
		cJSON_AddStringToObject(o, "submitted_at", rows[i].month);
		cJSON_AddStringToObject(o, "sector", rows[i].sector);
		cJSON_AddStringToObject(o, "sector_name", sbi_name(rows[i].sector, r->lang));
		cJSON_AddBoolToObject(o, "assessed", rows[i].assessed);
		cJSON_AddItemToArray(list, o);
	}
	office_render(r, 200, "research/assessments", i18n_get(r->lang, "office.research.title"), ctx);
}

/* The pseudonymized scan with the assessment form; ctx may carry a refused form. */
static void research_render(struct req *r, long long id, int status, cJSON *ctx)
{
	struct scan_view v;
	struct scanview_scope scope = {.research_org_id = r->session->org_id, .pseudonymize = 1,
				       .benchmark_k = config.benchmark_k};
	enum scanview_status st = scanview_load(req_db(r), &r->arena, id, &scope, r->lang, &v);
	if (!office_scan_loaded(r, st, id))
		return;
	office_scan_fill(r, &v, ctx);
	cJSON_AddStringToObject(ctx, "ref", req_param(r, 0));
	struct assessment_row as;
	int have = db_assessment_read(req_db(r), &r->arena, id, &as);
	if (have < 0) {
		reply_db_error(r);
		return;
	}
	cJSON *saved = have ? cJSON_Parse(as.judgements_json) : NULL;
	cJSON *form = cJSON_GetObjectItemCaseSensitive(ctx, "form");
	if (!form) {
		form = cJSON_AddObjectToObject(ctx, "form");
		cJSON_AddStringToObject(form, "body", as.body_md);
		cJSON_AddNumberToObject(form, "version", as.version);
	}
	if (have) {
		cJSON_AddStringToObject(ctx, "editor", as.editor_name);
		cJSON_AddStringToObject(ctx, "updated_at", as.updated_at);
		cJSON_AddStringToObject(ctx, "saved_body", as.body_md);
	}
	cJSON *judg = cJSON_AddArrayToObject(ctx, "judgements");
	cJSON *given = cJSON_GetObjectItemCaseSensitive(form, "j");
	for (size_t p = 0; p < v.q->n_pillars; p++) {
		const char *key = v.q->pillars[p].key;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "key", key);
		cJSON_AddStringToObject(o, "title", text_pair_get(&v.q->pillars[p].title, r->lang));
		const char *t = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(given ? given : saved, key));
		cJSON_AddStringToObject(o, "text", t ? t : "");
		cJSON_AddItemToArray(judg, o);
	}
	cJSON_Delete(saved);
	if (status == 200)
		office_audit(r, "research_scan_view", "scan", id, NULL);
	office_render(r, status, "research/assessment",
		    arena_printf(&r->arena, "%s %s", i18n_get(r->lang, "office.research.scan_title"), v.pseudonym), ctx);
}

static void research_scan(struct req *r)
{
	long long id = scan_from_ref(r, req_param(r, 0));
	if (id <= 0)
		return;
	cJSON *ctx = page_ctx(r);
	const char *msg = req_query(r, "msg");
	if (msg && strcmp(msg, "saved") == 0)
		cJSON_AddStringToObject(ctx, "notice", i18n_get(r->lang, "office.notice.saved"));
	research_render(r, id, 200, ctx);
}

static void research_save(struct req *r)
{
	long long id = scan_from_ref(r, req_param(r, 0));
	if (id <= 0)
		return;
	/* visibility first: a scan the researcher may not see answers 404 */
	struct scan_row row;
	int found = db_scan_get(req_db(r), &r->arena, id, &row);
	if (found < 0) {
		reply_db_error(r);
		return;
	}
	if (!found || !row.share_research || row.research_org_id != r->session->org_id) {
		audit(r, "denied", "scan", id, NULL);
		reply_error(r, 404);
		return;
	}
	const char *body = office_text(r, "body");
	long version;
	if (text_parse_long(office_field(r, "version"), 0, 1000000000, &version) != 0) {
		reply_error(r, 400);
		return;
	}
	cJSON *ctx = page_ctx(r);
	cJSON *form = cJSON_AddObjectToObject(ctx, "form");
	cJSON_AddStringToObject(form, "body", body);
	cJSON *j = cJSON_AddObjectToObject(form, "j");
	for (int i = 0; i < r->nform; i++) {
		const char *k = r->form[i].key;
		if (strncmp(k, "j_", 2) != 0 || strlen(k) >= 64)
			continue;
		char *v = text_normalize(arena_strdup(&r->arena, r->form[i].value), TEXT_BLOCK);
		if (v[0] && !cJSON_GetObjectItemCaseSensitive(j, k + 2)) {
			cJSON_AddStringToObject(j, k + 2, v);
			if (strlen(v) > 5000)
				page_field_error(ctx, "body", i18n_get(r->lang, "office.too_long"));
		}
	}
	if (strlen(body) > 20000)
		page_field_error(ctx, "body", i18n_get(r->lang, "office.too_long"));
	if (page_has_errors(ctx)) {
		cJSON_AddNumberToObject(form, "version", (double)version);
		research_render(r, id, 400, ctx);
		return;
	}
	char *jtext = cJSON_PrintUnformatted(j);
	int rc = db_assessment_save(req_db(r), id, body, jtext, (int)version, r->session->user_id);
	cJSON_free(jtext);
	if (rc < 0) {
		reply_db_error(r);
		return;
	}
	if (rc == 0) {
		struct assessment_row as;
		int have = db_assessment_read(req_db(r), &r->arena, id, &as);
		cJSON_AddNumberToObject(form, "version", have == 1 ? as.version : 0);
		cJSON_AddBoolToObject(ctx, "conflict", 1);
		page_field_error(ctx, "body", i18n_get(r->lang, "office.research.conflict"));
		research_render(r, id, 409, ctx);
		return;
	}
	office_audit(r, "assessment_save", "scan", id, NULL);
	reply_redirect(r, arena_printf(&r->arena, "/research/scans/%s?msg=saved", req_param(r, 0)));
}

const struct route routes_assessment[] = {
	{"GET", "/research/scans", research_list, 0, ACCESS_RESEARCHER},
	{"GET", "/research/scans/:ref", research_scan, 0, ACCESS_RESEARCHER},
	{"POST", "/research/scans/:ref", research_save, ROUTE_CHANGES, ACCESS_RESEARCHER},
	{NULL, NULL, NULL, 0, 0},
};

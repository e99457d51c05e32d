/* questionnaires.c: the questionnaire versions in the back office (issue 19) — download any
 * stored version as a workbook or JSON, upload an edited workbook to see its problems or its
 * changes, and publish a checked upload. Admins and researchers may download and upload; who
 * may publish is declared in the route table; the admin chooses the version of new invitations.
 * Every upload, publish and choice is audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/http/multipart.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/http/page.h"
#include "server/http/routes.h"
#include "server/http/session.h"
#include "server/app/questionnaire_import.h"
#include "server/app/questionnaire_registry.h"
#include "server/app/questionnaire_workbook.h"
#include "server/app/report_demo.h"
#include "server/db/questionnaire.h"
#include "server/db/questionnaire_draft.h"
#include "common/buf.h"
#include "common/text.h"
#include "common/xlsx.h"
#include "common/banned.h"

/* The stored versions as {id, name, revision} in ctx.versions. 0 or -1 (replied). */
static int add_versions(struct req *r, cJSON *ctx)
{
	struct questionnaire_stored *rows;
	int n = db_questionnaire_stored(req_db(r), &r->arena, 0, &rows);
	if (n < 0) {
		reply_db_error(r);
		return -1;
	}
	cJSON *list = cJSON_AddArrayToObject(ctx, "versions");
	for (int i = 0; i < n; i++) {
		const struct questionnaire *q = qreg_get(req_db(r), rows[i].id);
		cJSON *v = cJSON_CreateObject();
		cJSON_AddNumberToObject(v, "id", (double)rows[i].id);
		cJSON_AddStringToObject(v, "name", q ? arena_printf(&r->arena, "%s %ld", q->key, q->version) : "?");
		cJSON_AddStringToObject(v, "title", q ? text_pair_get(&q->title, r->lang) : "");
		cJSON_AddNumberToObject(v, "revision", rows[i].text_revision);
		cJSON_AddItemToArray(list, v);
	}
	return 0;
}

/* The same rule as the publish route's access (ACCESS_RESEARCHER | ACCESS_QUESTIONNAIRE_ADMIN),
 * to show the button only to those who may press it. 1, 0, or -1 on a database error. */
static int may_publish(struct req *r)
{
	if (r->session->role == ROLE_RESEARCHER)
		return 1;
	return r->session->role == ROLE_ADMIN ? db_org_owns_questionnaire(req_db(r), r->session->org_id) : 0;
}

static void show(struct req *r, int status, cJSON *ctx)
{
	if (add_versions(r, ctx) != 0)
		return;
	if (r->session->role == ROLE_ADMIN) {
		long long chosen = db_questionnaire_chosen(req_db(r), r->session->org_id);
		if (chosen < 0) {
			reply_db_error(r);
			return;
		}
		cJSON *v;
		cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(ctx, "versions"))
			cJSON_AddBoolToObject(v, "chosen", (long long)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(v, "id")) == chosen);
		cJSON_AddBoolToObject(ctx, "newest_chosen", chosen == 0);
		cJSON_AddBoolToObject(ctx, "may_choose", 1);
	}
	int may = may_publish(r);
	if (may < 0) {
		reply_db_error(r);
		return;
	}
	cJSON_AddBoolToObject(ctx, "may_publish", may);
	page_render(r, status, "office/questionnaires", i18n_get(r->lang, "office.questionnaires.title"), ctx);
}

static void list_page(struct req *r)
{
	cJSON *ctx = page_ctx(r);
	const char *msg = req_query(r, "msg");
	if (msg && strcmp(msg, "published") == 0)
		cJSON_AddStringToObject(ctx, "notice", i18n_get(r->lang, "office.questionnaires.published"));
	else if (msg && strcmp(msg, "chosen") == 0)
		cJSON_AddStringToObject(ctx, "notice", i18n_get(r->lang, "office.questionnaires.chosen"));
	show(r, 200, ctx);
}

/* GET /questionnaires/:id/workbook and /questionnaires/:id/definition */
static void download(struct req *r, int xlsx)
{
	long long id = text_parse_id(req_param(r, 0));
	struct questionnaire_stored *rows;
	int n = id ? db_questionnaire_stored(req_db(r), &r->arena, id, &rows) : 0;
	if (!reply_found(r, n < 0 ? -1 : n == 1))
		return;
	const struct questionnaire *q = qreg_get(req_db(r), id);
	const char *base = q ? arena_printf(&r->arena, "%s-%ld", q->key, q->version) : "questionnaire";
	const char *json = rows[0].definition_json;
	if (!xlsx) {
		reply_bytes(r, 200, "application/json", json, strlen(json), arena_printf(&r->arena, "%s.json", base));
		return;
	}
	struct buf out;
	buf_init(&out, 0);
	if (questionnaire_workbook_xlsx(json, strlen(json), &out) != 0) {
		buf_release(&out);
		reply_error(r, 500);
		return;
	}
	reply_bytes(r, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", out.data, out.len,
		    arena_printf(&r->arena, "%s.xlsx", base));
	buf_release(&out);
}

static void download_workbook(struct req *r)
{
	download(r, 1);
}

static void download_definition(struct req *r)
{
	download(r, 0);
}

static const char *change_kind_key(enum diff_kind k)
{
	return k == DIFF_NONE ? "office.questionnaires.no_changes"
	       : k == DIFF_TEXT_ONLY ? "office.questionnaires.text_only"
				     : "office.questionnaires.structural";
}

/* The diff as ctx.changes [{element, field, before, after}] and ctx.kind_text. */
static void add_diff(struct req *r, cJSON *ctx, struct questionnaire_import *im)
{
	cJSON_AddStringToObject(ctx, "kind_text", i18n_get(r->lang, change_kind_key(im->diff.kind)));
	cJSON_AddBoolToObject(ctx, "structural_same_version",
			      im->diff.kind == DIFF_STRUCTURAL && !im->diff.version_changed);
	cJSON_AddBoolToObject(ctx, "has_changes", im->diff.n > 0);
	cJSON *list = cJSON_AddArrayToObject(ctx, "changes");
	for (size_t i = 0; i < im->diff.n; i++) {
		const struct change *c = &im->diff.changes[i];
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "element", c->element);
		cJSON_AddStringToObject(e, "field", c->field ? c->field : "");
		cJSON_AddStringToObject(e, "before", c->before ? c->before : "");
		cJSON_AddStringToObject(e, "after", c->after ? c->after : "");
		cJSON_AddItemToArray(list, e);
	}
}

/* Links to every owner page of the draft's preview as ctx.preview_pages [{href, label}]. */
static void add_preview_links(struct req *r, cJSON *ctx, long long draft, const char *json)
{
	struct questionnaire *q = questionnaire_parse(json, strlen(json), NULL);
	cJSON *list = cJSON_AddArrayToObject(ctx, "preview_pages");
	const char *base = arena_printf(&r->arena, "/questionnaires/drafts/%lld/preview", draft);
	cJSON_AddStringToObject(ctx, "preview_start", base);
	for (size_t i = 0; q && i < q->n_pillars + 5; i++) {
		const char *href, *label;
		if (i == 0) {
			href = base;
			label = i18n_get(r->lang, "office.questionnaires.preview_start");
		} else if (i == 1) {
			href = arena_printf(&r->arena, "%s/profile", base);
			label = i18n_get(r->lang, "office.questionnaires.preview_profile");
		} else if (i < q->n_pillars + 2) {
			href = arena_printf(&r->arena, "%s/pillar/%zu", base, i - 1);
			label = text_pair_get(&q->pillars[i - 2].title, r->lang);
		} else if (i == q->n_pillars + 2) {
			href = arena_printf(&r->arena, "%s/review", base);
			label = i18n_get(r->lang, "office.questionnaires.preview_review");
		} else if (i == q->n_pillars + 3) {
			href = arena_printf(&r->arena, "%s/later", base);
			label = i18n_get(r->lang, "office.questionnaires.preview_later");
		} else {
			href = arena_printf(&r->arena, "%s/done", base);
			label = i18n_get(r->lang, "office.questionnaires.preview_done");
		}
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "href", href);
		cJSON_AddStringToObject(e, "label", label);
		cJSON_AddItemToArray(list, e);
	}
	questionnaire_free(q);
}

/* The page of a checked draft: its changes against the version it came from, its preview
 * and, for who may, the publish button (not when published already or nothing to publish). */
static void show_draft(struct req *r, cJSON *ctx, long long draft, const char *file_name, int published,
		       struct questionnaire_import *im)
{
	cJSON_AddNumberToObject(ctx, "draft", (double)draft);
	cJSON_AddStringToObject(ctx, "file_name", file_name);
	cJSON_AddStringToObject(ctx, "name", arena_printf(&r->arena, "%s %ld", im->key, im->version));
	if (im->has_base) {
		cJSON_AddStringToObject(ctx, "base", arena_printf(&r->arena, "%s %ld", im->key, im->base_version));
		add_diff(r, ctx, im);
	} else {
		cJSON_AddStringToObject(ctx, "kind_text", i18n_get(r->lang, "office.questionnaires.new"));
		cJSON_AddBoolToObject(ctx, "has_changes", 1);
	}
	int may = may_publish(r);
	if (may < 0) {
		reply_db_error(r);
		return;
	}
	cJSON_AddBoolToObject(ctx, "published", published);
	cJSON_AddBoolToObject(ctx, "may_publish", may && !published &&
				  (!im->has_base || (im->diff.kind != DIFF_NONE &&
						     !(im->diff.kind == DIFF_STRUCTURAL && !im->diff.version_changed))));
	add_preview_links(r, ctx, draft, im->json);
	page_render(r, 200, "office/questionnaire_import", i18n_get(r->lang, "office.questionnaires.import_title"), ctx);
}

/* POST /questionnaires/import: the upload; problems next to the field, or the changes. */
static void import_upload(struct req *r)
{
	const struct multipart_part *file;
	if (req_upload(r, "workbook", &file) != 0)
		return;
	cJSON *ctx = page_ctx(r);
	if (!file) {
		page_field_error(ctx, "workbook", i18n_get(r->lang, "office.questionnaires.no_file"));
		show(r, 400, ctx);
		return;
	}
	/* the name is shown and stored: keep it short and printable */
	const char *name = upload_file_name(r, file->filename, "workbook.xlsx");
	struct questionnaire_import im;
	enum import_outcome got = questionnaire_import_check(req_db(r), file->data, file->len, &im);
	if (got == IMPORT_DB_ERROR) {
		questionnaire_import_release(&im);
		reply_db_error(r);
		return;
	}
	if (got == IMPORT_PROBLEMS) {
		audit(r, "questionnaire_import_refused", "organisation", r->session->org_id, NULL);
		cJSON_AddBoolToObject(ctx, "has_problems", 1);
		cJSON *list = cJSON_AddArrayToObject(ctx, "problems");
		if (im.read_error[0])
			cJSON_AddItemToArray(list, cJSON_CreateString(im.read_error));
		for (size_t i = 0; i < im.problems.n; i++)
			cJSON_AddItemToArray(list, cJSON_CreateString(arena_printf(&r->arena, "%s: %s",
				im.problems.items[i].path, im.problems.items[i].message)));
		if (im.problems.dropped)
			cJSON_AddItemToArray(list, cJSON_CreateString(arena_printf(&r->arena, "… +%zu", im.problems.dropped)));
		page_field_error(ctx, "workbook", i18n_get(r->lang, "office.questionnaires.has_problems"));
		questionnaire_import_release(&im);
		show(r, 400, ctx);
		return;
	}
	long long draft = db_questionnaire_draft_add(req_db(r), r->session->org_id, r->session->user_id, name, im.json);
	if (draft < 0) {
		questionnaire_import_release(&im);
		reply_db_error(r);
		return;
	}
	audit(r, "questionnaire_import", "questionnaire_draft", draft, NULL);
	show_draft(r, ctx, draft, name, 0, &im);
	questionnaire_import_release(&im);
}

/* GET /questionnaires/drafts/:id: the draft's changes again (coming back from its preview). */
static void draft_page(struct req *r)
{
	long long id = text_parse_id(req_param(r, 0));
	struct questionnaire_draft d;
	int found = id ? db_questionnaire_draft_get(req_db(r), &r->arena, r->session->org_id, id, &d) : 0;
	if (!reply_found(r, found))
		return;
	struct questionnaire_import im;
	enum import_outcome got = questionnaire_import_check_stored(req_db(r), d.definition_json, &im);
	if (got == IMPORT_OK)
		show_draft(r, page_ctx(r), id, d.file_name, d.published, &im);
	else if (got == IMPORT_DB_ERROR)
		reply_db_error(r);
	else
		reply_error(r, 500);  /* a stored draft passed the checks */
	questionnaire_import_release(&im);
}

/* POST /questionnaires/drafts/:id/publish */
static void publish(struct req *r)
{
	long long id = text_parse_id(req_param(r, 0));
	struct questionnaire_draft d;
	int found = id ? db_questionnaire_draft_get(req_db(r), &r->arena, r->session->org_id, id, &d) : 0;
	if (found == 0)
		audit(r, "denied", "questionnaire_draft", id, NULL);
	if (!reply_found(r, found))
		return;
	cJSON *ctx = page_ctx(r);
	if (d.published) {
		page_field_error(ctx, "workbook", i18n_get(r->lang, "office.questionnaires.already_published"));
		show(r, 409, ctx);
		return;
	}
	char err[512];
	int revision = 0;
	enum publish_outcome p = questionnaire_import_publish(req_db(r), d.definition_json, d.file_name, &revision,
							      err, sizeof(err));
	if (p == PUBLISH_REFUSED) {
		if (req_db(r)->err[0] && !strstr(err, "structure")) {
			reply_db_error(r);
			return;
		}
		page_field_error(ctx, "workbook", i18n_get(r->lang, "office.questionnaires.refused"));
		show(r, 409, ctx);
		return;
	}
	if (db_questionnaire_draft_publish(req_db(r), r->session->org_id, id, r->session->user_id) != 1) {
		reply_db_error(r);
		return;
	}
	audit(r, p == PUBLISH_REVISION ? "questionnaire_text_revision" : "questionnaire_publish", "questionnaire_draft",
	      id, NULL);
	if (p == PUBLISH_REVISION)
		qreg_recheck();  /* owners see the new wording from the next page on */
	reply_redirect(r, "/questionnaires?msg=published");
}

/* POST /questionnaires/invitations: the version the association's new invitations use
 * ("0" = the newest); scans already made keep theirs. */
static void choose(struct req *r)
{
	const char *v = req_form(r, "questionnaire");
	long long id = v && strcmp(v, "0") == 0 ? 0 : text_parse_id(v ? v : "");
	int rc = (id > 0 || (v && strcmp(v, "0") == 0))
			 ? db_questionnaire_choose_for_invitations(req_db(r), r->session->org_id, id) : 0;
	if (rc < 0) {
		reply_db_error(r);
		return;
	}
	if (rc == 0) {
		cJSON *ctx = page_ctx(r);
		page_field_error(ctx, "questionnaire", i18n_get(r->lang, "office.questionnaires.choose_unknown"));
		show(r, 400, ctx);
		return;
	}
	audit(r, "questionnaire_chosen", "questionnaire", id, NULL);
	reply_redirect(r, "/questionnaires?msg=chosen");
}

/* GET /questionnaires/drafts/:id/report.pdf: a sample report of the draft from synthetic
 * answers (server/app/report_demo.c); nothing is stored. */
static void preview_report(struct req *r)
{
	long long id = text_parse_id(req_param(r, 0));
	struct questionnaire_draft d;
	int found = id ? db_questionnaire_draft_get(req_db(r), &r->arena, r->session->org_id, id, &d) : 0;
	if (!reply_found(r, found))
		return;
	struct questionnaire *q = questionnaire_parse(d.definition_json, strlen(d.definition_json), NULL);
	struct report rep;
	struct buf pdf;
	buf_init(&pdf, 0);
	char err[256];
	int ok = q && report_demo_build_for(&r->arena, q, REPORT_DEMO_FULL, r->lang, &rep) == 0 &&
		 report_render(&rep, &pdf, err, sizeof(err)) == 0;
	if (ok)
		reply_bytes(r, 200, "application/pdf", pdf.data, pdf.len,
			    arena_printf(&r->arena, "voorbeeld-%s-%ld.pdf", q->key, q->version));
	else
		reply_error(r, 500);
	buf_release(&pdf);
	questionnaire_free(q);
}

const struct route routes_questionnaires[] = {
	{"GET", "/questionnaires", list_page, 0, ACCESS_ADMIN | ACCESS_RESEARCHER},
	{"GET", "/questionnaires/:id/workbook", download_workbook, 0, ACCESS_ADMIN | ACCESS_RESEARCHER},
	{"GET", "/questionnaires/:id/definition", download_definition, 0, ACCESS_ADMIN | ACCESS_RESEARCHER},
	{"POST", "/questionnaires/invitations", choose, ROUTE_CHANGES, ACCESS_ADMIN},
	{"POST", "/questionnaires/import", import_upload, ROUTE_CHANGES, ACCESS_ADMIN | ACCESS_RESEARCHER},
	{"GET", "/questionnaires/drafts/:id", draft_page, 0, ACCESS_ADMIN | ACCESS_RESEARCHER},
	{"GET", "/questionnaires/drafts/:id/report.pdf", preview_report, 0, ACCESS_ADMIN | ACCESS_RESEARCHER},
	/* publishing changes what new scans can be given: the research group's researcher, or
	 * the admin of an association that owns its questionnaire */
	{"POST", "/questionnaires/drafts/:id/publish", publish, ROUTE_CHANGES, ACCESS_RESEARCHER | ACCESS_QUESTIONNAIRE_ADMIN},
	{NULL, NULL, NULL, 0, 0},
};

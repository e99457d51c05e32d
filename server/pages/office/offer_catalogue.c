/* offer_catalogue.c: the offer catalogue as a spreadsheet (issue 19.7) — download it as .xlsx
 * or CSV, upload an edited file to see every problem by row and column or every change, and
 * confirm the changes in one transaction. Nothing is stored before the confirmation; a
 * catalogue changed between the upload and the confirmation is not overwritten. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/http/multipart.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/http/page.h"
#include "server/http/routes.h"
#include "server/http/session.h"
#include "server/pages/office/scan_page.h"
#include "server/app/offer_catalogue.h"
#include "server/db/offer.h"
#include "common/buf.h"
#include "common/text.h"
#include "common/banned.h"

static void download(struct req *r, int xlsx)
{
	struct offer_row *rows;
	int n = db_offer_list(req_db(r), &r->arena, r->session->org_id, &rows);
	if (n < 0) {
		reply_db_error(r);
		return;
	}
	struct buf out;
	buf_init(&out, 0);
	if ((xlsx ? offer_catalogue_xlsx(rows, n, &out) : offer_catalogue_csv(rows, n, &out)) != 0) {
		buf_release(&out);
		reply_error(r, 500);
		return;
	}
	audit(r, "offer_catalogue_export", "organisation", r->session->org_id, NULL);
	if (xlsx)
		reply_bytes(r, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", out.data,
			    out.len, "aanbod.xlsx");
	else
		reply_bytes(r, 200, "text/csv; charset=utf-8", out.data, out.len, "aanbod.csv");
	buf_release(&out);
}

static void download_xlsx(struct req *r)
{
	download(r, 1);
}

static void download_csv(struct req *r)
{
	download(r, 0);
}

/* The problems as a list under the upload field, and the page with status 400. */
static void show_problems(struct req *r, cJSON *ctx, const struct problems *p)
{
	cJSON_AddBoolToObject(ctx, "has_problems", 1);
	cJSON *list = cJSON_AddArrayToObject(ctx, "problems");
	for (size_t i = 0; i < p->n; i++)
		cJSON_AddItemToArray(list, cJSON_CreateString(p->items[i].path[0]
			? arena_printf(&r->arena, "%s: %s", p->items[i].path, p->items[i].message)
			: p->items[i].message));
	if (p->dropped)
		cJSON_AddItemToArray(list, cJSON_CreateString(arena_printf(&r->arena, "%s %zu",
			i18n_get(r->lang, "office.offer_import.more"), p->dropped)));
	page_field_error(ctx, "catalogue", i18n_get(r->lang, "office.offer_import.has_problems"));
	office_render(r, 400, "office/offer_import", i18n_get(r->lang, "office.offer_import.title"), ctx);
}

static void add_changes(struct req *r, cJSON *ctx, const struct offer_catalogue_diff *d)
{
	static const char *const kind_key[] = {
		[OFFER_ADDED] = "office.offer_import.added", [OFFER_CHANGED] = "office.offer_import.changed",
		[OFFER_SWITCHED_OFF] = "office.offer_import.switched_off",
	};
	cJSON *list = cJSON_AddArrayToObject(ctx, "changes");
	for (size_t i = 0; i < d->n; i++) {
		const struct offer_change *c = &d->changes[i];
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "kind", i18n_get(r->lang, kind_key[c->kind]));
		cJSON_AddStringToObject(e, "title", c->title);
		cJSON_AddStringToObject(e, "column", c->column ? c->column : "");
		cJSON_AddStringToObject(e, "before", c->before);
		cJSON_AddStringToObject(e, "after", c->after);
		cJSON_AddItemToArray(list, e);
	}
	cJSON_AddBoolToObject(ctx, "has_changes", d->n > 0);
	cJSON *sum = cJSON_AddObjectToObject(ctx, "summary");
	cJSON_AddNumberToObject(sum, "added", (double)d->added);
	cJSON_AddNumberToObject(sum, "changed", (double)d->changed);
	cJSON_AddNumberToObject(sum, "switched_off", (double)d->switched_off);
}

/* POST /offers/import: the upload; every problem, or every change with a button to confirm. */
static void import_upload(struct req *r)
{
	const struct multipart_part *file;
	if (req_upload(r, "catalogue", &file) != 0)
		return;
	cJSON *ctx = page_ctx(r);
	if (!file) {
		page_field_error(ctx, "catalogue", i18n_get(r->lang, "office.offer_import.no_file"));
		office_render(r, 400, "office/offer_import", i18n_get(r->lang, "office.offer_import.title"), ctx);
		return;
	}
	const char *name = upload_file_name(r, file->filename, "aanbod");
	cJSON_AddStringToObject(ctx, "file_name", name);
	struct offer_row *stored;
	int n_stored = db_offer_list(req_db(r), &r->arena, r->session->org_id, &stored);
	if (n_stored < 0) {
		reply_db_error(r);
		return;
	}
	struct offer_catalogue cat = OFFER_CATALOGUE_INIT;
	struct offer_catalogue_diff diff = {0};
	struct problems problems = PROBLEMS_INIT;
	/* compared even when some rows have problems, so every problem is reported at once */
	int bad = offer_catalogue_read(file->data, file->len, &cat, &problems) != 0;
	bad |= offer_catalogue_compare(&cat, stored, n_stored, &diff, &problems) != 0;
	if (bad) {
		audit(r, "offer_catalogue_import_refused", "organisation", r->session->org_id, NULL);
		show_problems(r, ctx, &problems);
		goto done;
	}
	add_changes(r, ctx, &diff);
	if (diff.n > 0) {
		char digest[65];
		offer_catalogue_digest(stored, n_stored, digest);
		char *json = offer_catalogue_to_json(&cat);
		long long id = db_offer_import_add(req_db(r), r->session->org_id, r->session->user_id, name, json, digest);
		free(json);
		if (id < 0) {
			reply_db_error(r);
			goto done;
		}
		audit(r, "offer_catalogue_import", "offer_import", id, NULL);
		cJSON_AddNumberToObject(ctx, "import_id", (double)id);
	}
	office_render(r, 200, "office/offer_import", i18n_get(r->lang, "office.offer_import.title"), ctx);
done:
	problems_release(&problems);
	offer_catalogue_diff_release(&diff);
	offer_catalogue_release(&cat);
}

/* Stores every change of a checked upload; in the request's one transaction. 0 or -1. */
static int apply(struct req *r, struct offer_catalogue *cat, const struct offer_catalogue_diff *diff)
{
	struct db *db = req_db(r);
	long long org = r->session->org_id;
	for (size_t i = 0; i < cat->n; i++) {
		struct catalogue_offer *o = &cat->offers[i];
		if (o->id ? db_offer_update(db, org, o->id, &o->f) != 1 : db_offer_create(db, org, &o->f) < 0)
			return -1;
	}
	for (size_t i = 0; i < diff->n; i++)
		if (diff->changes[i].kind == OFFER_SWITCHED_OFF &&
		    db_offer_deactivate(db, org, diff->changes[i].id) != 1)
			return -1;
	return 0;
}

/* POST /offers/imports/:id/apply */
static void import_apply(struct req *r)
{
	long long id = office_id_or_404(r, 0);
	if (!id)
		return;
	struct offer_import_row im;
	int found = db_offer_import_get(req_db(r), &r->arena, r->session->org_id, id, &im);
	if (found == 0)
		audit(r, "denied", "offer_import", id, NULL);
	if (!reply_found(r, found))
		return;
	cJSON *ctx = page_ctx(r);
	if (im.applied) {
		page_field_error(ctx, "catalogue", i18n_get(r->lang, "office.offer_import.already_applied"));
		office_render(r, 409, "office/offer_import", i18n_get(r->lang, "office.offer_import.title"), ctx);
		return;
	}
	struct offer_row *stored;
	int n_stored = db_offer_list(req_db(r), &r->arena, r->session->org_id, &stored);
	if (n_stored < 0) {
		reply_db_error(r);
		return;
	}
	char digest[65];
	offer_catalogue_digest(stored, n_stored, digest);
	if (strcmp(digest, im.base_digest) != 0) {
		page_field_error(ctx, "catalogue", i18n_get(r->lang, "office.offer_import.stale"));
		office_render(r, 409, "office/offer_import", i18n_get(r->lang, "office.offer_import.title"), ctx);
		return;
	}
	struct offer_catalogue cat = OFFER_CATALOGUE_INIT;
	struct offer_catalogue_diff diff = {0};
	struct problems problems = PROBLEMS_INIT;
	if (offer_catalogue_from_json(im.offers, &cat) != 0 ||
	    offer_catalogue_compare(&cat, stored, n_stored, &diff, &problems) != 0) {
		reply_error(r, 500); /* a stored upload that no longer checks: never half-applied */
		goto done;
	}
	if (db_offer_import_mark_applied(req_db(r), r->session->org_id, id) != 1 || apply(r, &cat, &diff) != 0) {
		reply_db_error(r);
		goto done;
	}
	office_audit(r, "offer_catalogue_apply", "offer_import", id, "added",
		     arena_printf(&r->arena, "%zu", diff.added), "changed", arena_printf(&r->arena, "%zu", diff.changed),
		     "switched_off", arena_printf(&r->arena, "%zu", diff.switched_off), NULL);
	reply_redirect(r, "/offers?msg=imported");
done:
	problems_release(&problems);
	offer_catalogue_diff_release(&diff);
	offer_catalogue_release(&cat);
}

const struct route routes_offer_catalogue[] = {
	{"GET", "/offers/catalogue.xlsx", download_xlsx, 0, ACCESS_STAFF},
	{"GET", "/offers/catalogue.csv", download_csv, 0, ACCESS_STAFF},
	{"POST", "/offers/import", import_upload, ROUTE_CHANGES, ACCESS_ADMIN},
	{"POST", "/offers/imports/:id/apply", import_apply, ROUTE_CHANGES, ACCESS_ADMIN},
	{NULL, NULL, NULL, 0, 0},
};

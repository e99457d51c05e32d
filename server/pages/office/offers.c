/* offers.c: the association's offer catalogue (/offers): advisors read it,
 * admins add and change offers (the rules: server/app/offer_check.c). The catalogue as a
 * spreadsheet is office/offer_catalogue.c. */
#include <stdio.h>
#include <string.h>

#include "server/http/page.h"
#include "server/pages/office/scan_page.h"
#include "server/http/routes.h"
#include "server/http/session.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/db/offer.h"
#include "server/app/offer_check.h"
#include "server/db/questionnaire.h"
#include "server/app/questionnaire_registry.h"
#include "common/buf.h"
#include "common/banned.h"

cJSON *office_offer_json(const struct offer_row *o, enum office_offer_shape shape)
{
	cJSON *j = cJSON_CreateObject();
	cJSON_AddNumberToObject(j, "id", (double)o->id);
	cJSON_AddStringToObject(j, "title", o->title);
	cJSON_AddStringToObject(j, "provider", o->provider);
	cJSON_AddStringToObject(j, "description", o->description);
	cJSON_AddStringToObject(j, "contact", o->contact);
	cJSON_AddStringToObject(j, "url", o->url);
	cJSON_AddStringToObject(j, "price", o->price);
	cJSON_AddStringToObject(j, "region", o->region);
	if (shape == OFFICE_OFFER_CATALOGUE) {
		cJSON_AddStringToObject(j, "tags", o->tags);
		cJSON_AddBoolToObject(j, "active", o->active);
	}
	return j;
}

/* The tags of an offer ("unconscious-bias, labour-market") as the themes of
 * the current questionnaire that carry them: [{tag, label, unknown}], so the
 * catalogue reads "Onbewuste vooroordelen" rather than the tag. A tag no theme
 * carries keeps its own text and is marked, so an admin sees a typo. */
static cJSON *tag_labels(struct req *r, const struct questionnaire *q, const char *tags)
{
	cJSON *list = cJSON_CreateArray();
	const char *p = tags ? tags : "";
	while (*p) {
		p += strspn(p, ", ");
		size_t n = strcspn(p, ",");
		while (n && p[n - 1] == ' ')
			n--;
		if (!n)
			break;
		const char *tag = arena_printf(&r->arena, "%.*s", (int)n, p);
		struct buf label;
		buf_init(&label, 4096);
		for (size_t t = 0; q && t < q->n_themes; t++)
			for (size_t k = 0; k < q->themes[t]->n_offer_tags; k++)
				if (strcmp(q->themes[t]->offer_tags[k], tag) == 0) {
					if (label.len)
						buf_puts(&label, " / ");
					const struct text_pair *title = &q->themes[t]->title;
					buf_puts(&label, strcmp(r->lang, "en") == 0 && title->en ? title->en : title->nl);
				}
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "tag", tag);
		cJSON_AddStringToObject(o, "label", label.len ? label.data : tag);
		cJSON_AddBoolToObject(o, "unknown", label.len == 0);
		buf_release(&label);
		cJSON_AddItemToArray(list, o);
		p += strcspn(p, ",");
	}
	return list;
}

static void offers_list(struct req *r)
{
	struct offer_row *rows;
	int n = db_offer_list(req_db(r), &r->arena, r->session->org_id, &rows);
	if (n < 0) {
		reply_db_error(r);
		return;
	}
	cJSON *ctx = page_ctx(r);
	const struct questionnaire *q = qreg_get(req_db(r), db_questionnaire_latest(req_db(r), "fphc"));
	cJSON *list = cJSON_AddArrayToObject(ctx, "offers");
	for (int i = 0; i < n; i++) {
		cJSON *o = office_offer_json(&rows[i], OFFICE_OFFER_CATALOGUE);
		cJSON_AddItemToObject(o, "tag_labels", tag_labels(r, q, rows[i].tags));
		cJSON_AddItemToArray(list, o);
	}
	const char *msg = req_query(r, "msg");
	if (msg && strcmp(msg, "saved") == 0)
		cJSON_AddStringToObject(ctx, "notice", i18n_get(r->lang, "office.notice.saved"));
	if (msg && strcmp(msg, "imported") == 0)
		cJSON_AddStringToObject(ctx, "notice", i18n_get(r->lang, "office.offer_import.applied"));
	office_render(r, 200, "office/offers", i18n_get(r->lang, "office.offers.title"), ctx);
}

static void show_form(struct req *r, int status, cJSON *ctx, cJSON *offer)
{
	cJSON_AddItemToObject(ctx, "offer", offer);
	int is_new = !cJSON_GetObjectItemCaseSensitive(offer, "id");
	cJSON_AddBoolToObject(ctx, "is_new", is_new);
	office_render(r, status, "office/offer_form",
		    i18n_get(r->lang, is_new ? "office.offers.new" : "office.offers.edit"), ctx);
}

static void offer_new(struct req *r)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddBoolToObject(o, "active", 1);
	show_form(r, 200, page_ctx(r), o);
}

static void offer_edit(struct req *r)
{
	long long id = office_id_or_404(r, 0);
	if (!id)
		return;
	struct offer_row row;
	int found = db_offer_get(req_db(r), &r->arena, r->session->org_id, id, &row);
	if (!office_found(r, found, "offer", id))
		return;
	show_form(r, 200, page_ctx(r), office_offer_json(&row, OFFICE_OFFER_CATALOGUE));
}

struct form_check {
	struct req *r;
	cJSON *ctx;
};

/* The offer rules' problem next to its field. */
static void field_problem(void *cx, const char *field, const char *key)
{
	struct form_check *fc = cx;
	page_field_error(fc->ctx, field, i18n_get(fc->r->lang, key));
}

static void offer_save(struct req *r)
{
	long long id = 0;
	if (req_param(r, 0)[0] && !(id = office_id_or_404(r, 0)))
		return;
	struct offer_fields f = {
		.title = office_field(r, "title"), .provider = office_field(r, "provider"),
		.description = office_text(r, "description"), .contact = office_field(r, "contact"),
		.url = office_field(r, "url"), .price = office_field(r, "price"), .region = office_field(r, "region"),
		.active = req_form(r, "active") != NULL,
	};
	const char *tags_in = office_field(r, "tags");
	cJSON *ctx = page_ctx(r);
	cJSON *o = cJSON_CreateObject();
	if (id)
		cJSON_AddNumberToObject(o, "id", (double)id);
	cJSON_AddStringToObject(o, "title", f.title);
	cJSON_AddStringToObject(o, "provider", f.provider);
	cJSON_AddStringToObject(o, "description", f.description);
	cJSON_AddStringToObject(o, "contact", f.contact);
	cJSON_AddStringToObject(o, "url", f.url);
	cJSON_AddStringToObject(o, "price", f.price);
	cJSON_AddStringToObject(o, "region", f.region);
	cJSON_AddStringToObject(o, "tags", tags_in);
	cJSON_AddBoolToObject(o, "active", f.active);
	struct form_check fc = {r, ctx};
	offer_check(&r->arena, &f, tags_in, field_problem, &fc);
	if (page_has_errors(ctx)) {
		show_form(r, 400, ctx, o);
		return;
	}
	cJSON_Delete(o);
	int rc;
	if (id) {
		rc = db_offer_update(req_db(r), r->session->org_id, id, &f);
	} else {
		id = db_offer_create(req_db(r), r->session->org_id, &f);
		rc = id > 0 ? 1 : -1;
	}
	if (!office_found(r, rc, NULL, id))
		return;
	office_audit(r, req_param(r, 0)[0] ? "offer_update" : "offer_create", "offer", id, "title", f.title, NULL);
	reply_redirect(r, "/offers?msg=saved");
}

const struct route routes_offers[] = {
	{"GET", "/offers", offers_list, 0, ACCESS_STAFF},
	{"GET", "/offers/new", offer_new, 0, ACCESS_ADMIN},
	{"POST", "/offers", offer_save, ROUTE_CHANGES, ACCESS_ADMIN},
	{"GET", "/offers/:id", offer_edit, 0, ACCESS_ADMIN},
	{"POST", "/offers/:id", offer_save, ROUTE_CHANGES, ACCESS_ADMIN},
	{NULL, NULL, NULL, 0, 0},
};

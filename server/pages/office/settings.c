/* settings.c: the association's settings for its admins, and its logo (a PNG of at
 * most 512 KB, uploaded as multipart/form-data and checked by its signature). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/http/page.h"
#include "server/app/logo.h"
#include "server/http/multipart.h"
#include "server/http/routes.h"
#include "server/http/session.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/pages/office/office.h"
#include "server/db/settings.h"
#include "server/db/two_factor.h"
#include "common/text.h"
#include "common/banned.h"

static const char *const flags[] = {"show_first_impression", "owner_report_download", "share_research",
				    "share_open_text", "free_of_charge"};

static void settings_show(struct req *r, int status, cJSON *ctx, int from_db)
{
	struct org_settings row;
	if (db_org_settings_get(req_db(r), &r->arena, r->session->org_id, &row) != 1) {
		reply_db_error(r);  /* the session's own organisation: missing is an error too */
		return;
	}
	if (from_db) {
		const struct org_settings *s = &row;
		cJSON *f = cJSON_AddObjectToObject(ctx, "form");
		cJSON_AddStringToObject(f, "name", s->name);
		cJSON_AddStringToObject(f, "region", s->region);
		cJSON_AddStringToObject(f, "privacy_contact", s->privacy_contact);
		cJSON_AddStringToObject(f, "contact_email", s->contact_email);
		cJSON_AddStringToObject(f, "retention_years", arena_printf(&r->arena, "%d", s->retention_years));
		const int values[] = {s->show_first_impression, s->owner_report_download, s->share_research,
				      s->share_open_text, s->free_of_charge};
		for (int i = 0; i < 5; i++)
			cJSON_AddBoolToObject(f, flags[i], values[i]);
		cJSON_AddStringToObject(f, "invitation_subject", s->invitation_subject);
		cJSON_AddStringToObject(f, "invitation_template", s->invitation_template);
		int required = db_org_two_factor_required(req_db(r), r->session->org_id);
		if (required < 0) {
			reply_db_error(r);
			return;
		}
		cJSON_AddBoolToObject(f, "two_factor_required", required);
	}
	/* the hint names the placeholders literally; messages read {x} as a value */
	cJSON_AddStringToObject(ctx, "bedrijf", "{bedrijf}");
	cJSON_AddStringToObject(ctx, "link", "{link}");
	cJSON_AddStringToObject(ctx, "adviseur", "{adviseur}");
	cJSON_AddBoolToObject(ctx, "has_logo", row.has_logo);
	cJSON_AddStringToObject(ctx, "slug", row.slug);
	office_notice(r, ctx);
	page_render(r, status, "office/settings", i18n_get(r->lang, "office.settings.title"), ctx);
}

static void settings_page(struct req *r)
{
	settings_show(r, 200, page_ctx(r), 1);
}

static void check_len(struct req *r, cJSON *ctx, const char *field, const char *v, size_t min, size_t max)
{
	size_t n = strlen(v);
	if (n < min)
		page_field_error(ctx, field, i18n_get(r->lang, "office.form.required"));
	else if (n > max)
		page_field_error(ctx, field, i18n_get(r->lang, "office.form.too_long"));
}

static void settings_save(struct req *r)
{
	struct org_settings s = {
		.name = office_field(r, "name"), .region = office_field(r, "region"),
		.privacy_contact = office_field(r, "privacy_contact"), .contact_email = office_field(r, "contact_email"),
		.invitation_subject = office_field(r, "invitation_subject"),
		.invitation_template = office_text(r, "invitation_template"),
	};
	int *flag_vals[] = {&s.show_first_impression, &s.owner_report_download, &s.share_research,
			    &s.share_open_text, &s.free_of_charge};
	cJSON *ctx = page_ctx(r);
	cJSON *f = cJSON_AddObjectToObject(ctx, "form");
	for (int i = 0; i < 5; i++) {
		const char *v = req_form(r, flags[i]);
		*flag_vals[i] = v && strcmp(v, "1") == 0;
		cJSON_AddBoolToObject(f, flags[i], *flag_vals[i]);
	}
	const char *tf = req_form(r, "two_factor_required");
	int two_factor_required = tf && strcmp(tf, "1") == 0;
	cJSON_AddBoolToObject(f, "two_factor_required", two_factor_required);
	const char *years = office_field(r, "retention_years");
	long y;
	check_len(r, ctx, "name", s.name, 1, 200);
	check_len(r, ctx, "region", s.region, 0, 100);
	check_len(r, ctx, "privacy_contact", s.privacy_contact, 0, 300);
	if (s.contact_email[0] && !office_email_valid(s.contact_email))
		page_field_error(ctx, "contact_email", i18n_get(r->lang, "office.users.email_invalid"));
	if (text_parse_long(years, 1, 30, &y) != 0)
		page_field_error(ctx, "retention_years", i18n_get(r->lang, "office.settings.retention_invalid"));
	s.retention_years = (int)y;
	check_len(r, ctx, "invitation_subject", s.invitation_subject, 1, 200);
	check_len(r, ctx, "invitation_template", s.invitation_template, 1, 10000);
	if (s.invitation_template[0] && !strstr(s.invitation_template, "{link}"))
		page_field_error(ctx, "invitation_template", i18n_get(r->lang, "office.settings.template_needs_link"));
	if (page_has_errors(ctx)) {
		static const char *const text[] = {"name", "region", "privacy_contact", "contact_email",
						   "retention_years", "invitation_subject", "invitation_template"};
		for (int i = 0; i < 7; i++)
			cJSON_AddStringToObject(f, text[i], office_field(r, text[i]));
		settings_show(r, 400, ctx, 0);
		return;
	}
	int was_required = db_org_two_factor_required(req_db(r), r->session->org_id);
	if (was_required < 0 || db_org_settings_save(req_db(r), r->session->org_id, &s) != 0 ||
	    (was_required != two_factor_required &&
	     db_org_two_factor_require(req_db(r), r->session->org_id, two_factor_required) != 0)) {
		reply_db_error(r);
		return;
	}
	audit(r, "settings_saved", "organisation", r->session->org_id, NULL);
	if (was_required != two_factor_required)
		audit(r, two_factor_required ? "two_factor_required_on" : "two_factor_required_off", "organisation",
		      r->session->org_id, NULL);
	reply_redirect(r, "/admin?msg=saved");
}

static void logo_error(struct req *r, const char *key)
{
	cJSON *ctx = page_ctx(r);
	page_field_error(ctx, "logo", i18n_get(r->lang, key));
	settings_show(r, 400, ctx, 1);
}

static void logo_upload(struct req *r)
{
	const struct multipart_part *logo;  /* NULL when no file (or an empty one) was sent */
	if (req_upload(r, "logo", &logo) != 0)
		return;
	/* The stored logo is the decoded and re-encoded copy, never the upload. */
	struct buf png;
	buf_init(&png, 0);
	enum logo_verdict v = logo ? logo_normalize(logo->data, logo->len, &png) : LOGO_EMPTY;
	if (v != LOGO_OK) {
		buf_release(&png);
		logo_error(r, logo_message_key(v));
		return;
	}
	int rc = db_org_logo_set(req_db(r), r->session->org_id, png.data, png.len);
	buf_release(&png);
	if (rc != 0) {
		reply_db_error(r);
		return;
	}
	audit(r, "logo_saved", "organisation", r->session->org_id, NULL);
	reply_redirect(r, "/admin?msg=logo_saved");
}

static void logo_delete(struct req *r)
{
	if (db_org_logo_set(req_db(r), r->session->org_id, NULL, 0) != 0) {
		reply_db_error(r);
		return;
	}
	audit(r, "logo_removed", "organisation", r->session->org_id, NULL);
	reply_redirect(r, "/admin?msg=logo_removed");
}

static void logo_get(struct req *r)
{
	size_t len;
	unsigned char *png = db_org_logo(req_db(r), r->session->org_id, &len);
	if (!png) {
		if (len)
			reply_db_error(r);
		else
			reply_error(r, 404);
		return;
	}
	reply_bytes(r, 200, "image/png", png, len, NULL);
	free(png);
}

const struct route routes_settings[] = {
	{"GET", "/admin", settings_page, 0, ACCESS_ADMIN},
	{"POST", "/admin/settings", settings_save, ROUTE_CHANGES, ACCESS_ADMIN},
	{"POST", "/admin/logo", logo_upload, ROUTE_CHANGES, ACCESS_ADMIN},
	{"POST", "/admin/logo/delete", logo_delete, ROUTE_CHANGES, ACCESS_ADMIN},
	{"GET", "/admin/logo.png", logo_get, 0, ACCESS_STAFF},
	{NULL, NULL, NULL, 0, 0},
};

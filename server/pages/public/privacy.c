/* privacy.c: GET /privacy/SLUG — the association's privacy statement for
 * the scan, from its settings (name, research group, retention, contact). */
#include <string.h>

#include "server/pages/respondent/respondent.h"
#include "server/http/page.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/db/owner_scan.h"
#include "common/banned.h"

void privacy_get(struct req *r)
{
	const char *lang = req_query(r, "lang");
	if (lang)
		r->lang = strcmp(lang, "en") == 0 ? "en" : "nl";
	struct org_privacy o;
	int found = db_org_privacy(req_db(r), req_param(r, 0), &r->arena, &o);
	if (!reply_found(r, found))
		return;
	cJSON *ctx = page_ctx(r);
	cJSON_AddStringToObject(ctx, "name", o.name);
	cJSON_AddStringToObject(ctx, "research_name", o.research_name);
	cJSON_AddBoolToObject(ctx, "share_research", o.share_research && o.research_name[0]);
	cJSON_AddBoolToObject(ctx, "share_open_text", o.share_open_text);
	cJSON_AddBoolToObject(ctx, "keep_anonymous_scores", o.keep_anonymous_scores);
	cJSON_AddStringToObject(ctx, "region", o.region);
	cJSON_AddStringToObject(ctx, "privacy_contact", o.privacy_contact);
	cJSON_AddStringToObject(ctx, "contact_email", o.contact_email);
	cJSON_AddNumberToObject(ctx, "retention_years", o.retention_years);
	cJSON_AddStringToObject(ctx, "extra_css", "respondent.css");
	cJSON_AddStringToObject(ctx, "lang_switch", arena_printf(&r->arena, "/privacy/%s?lang=%s", req_param(r, 0),
								  strcmp(r->lang, "en") == 0 ? "nl" : "en"));
	page_render(r, 200, "public/privacy", i18n_get(r->lang, "privacy.title"), ctx);
}

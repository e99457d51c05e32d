/* start.c: the start page of the owner's scan — what it is, how long it
 * takes, who sees the answers, the privacy statement — and the consent. An
 * owner who already consented is sent on to where they stopped. */
#include <string.h>

#include "server/pages/respondent/respondent.h"
#include "server/http/page.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "common/banned.h"

/* Minutes to fill in: ~20 s per question, rounded to 5 minutes (at least 5). */
static int minutes_estimate(const struct questionnaire *q)
{
	int m = (int)((q->n_items * 20 + 150) / 300) * 5;
	return m < 5 ? 5 : m;
}

void scan_start_show(struct req *r, const struct scan_ctx *s, int status, cJSON *ctx)
{
	if (!ctx)
		ctx = scan_page_ctx(r, s);
	cJSON_AddNumberToObject(ctx, "minutes", minutes_estimate(s->q));
	cJSON_AddNumberToObject(ctx, "n_items", (double)s->q->n_items);
	page_render(r, status, "respondent/start", i18n_get(r->lang, "scan.start.title"), ctx);
}

void scan_start_get(struct req *r)
{
	struct scan_ctx s;
	if (scan_load(r, 1, &s) != 0)
		return;
	if (strcmp(s.v.status, "invited") != 0 && strcmp(s.v.status, "started") != 0) {
		reply_redirect(r, arena_printf(&r->arena, "/s/%s/done", s.token));
		return;
	}
	if (s.v.consent) {
		reply_redirect(r, scan_resume_path(r, &s));
		return;
	}
	scan_start_show(r, &s, 200, NULL);
}

int scan_consent_read(struct req *r, const struct scan_ctx *s)
{
	const char *consent = req_form(r, "consent");
	if (consent && strcmp(consent, "yes") == 0)
		return 1;
	cJSON *ctx = scan_page_ctx(r, s);
	page_field_error(ctx, "consent", i18n_get(r->lang, "scan.start.consent_missing"));
	scan_start_show(r, s, 400, ctx);
	return 0;
}

void scan_consent_post(struct req *r)
{
	struct scan_ctx s;
	if (scan_load(r, 1, &s) != 0)
		return;
	if (!scan_consent_read(r, &s))
		return;
	int rc = db_scan_consent(req_db(r), s.v.id, SCAN_CONSENT_VERSION);
	if (!scan_stored(r, &s, rc))
		return;
	if (!s.v.consent)
		scan_audit(r, &s, "owner_consent");
	reply_redirect(r, s.v.consent ? scan_resume_path(r, &s) : scan_page_path(r, &s, 0));
}

/* later.c: "Later verder" — the answers are kept; the owner can have the link
 * e-mailed to the address the invitation went to (never to an address typed
 * in), a few times an hour, or is told how to keep it without e-mail. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/pages/respondent/respondent.h"
#include "server/app/mail.h"
#include "server/db/invitation.h"
#include "server/db/invitation_mail.h"
#include "server/db/ratelimit.h"
#include "server/http/link.h"
#include "server/http/log.h"
#include "server/http/page.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "common/banned.h"

/* Link e-mails per scan per hour. */
#define LATER_MAILS_PER_HOUR 3

/* "j…@bakkerij.nl": enough to recognise the address, not to learn it. */
static const char *address_hint(struct req *r, const char *email)
{
	const char *at = strchr(email, '@');
	if (!at || at == email)
		return "";
	return arena_printf(&r->arena, "%c…%s", email[0], at);
}

/* The address the invitation of this scan's link went to; 0, or -1 with the reply queued. */
static int invitation_address(struct req *r, const struct scan_ctx *s, const char **email)
{
	if (db_invitation_email(req_db(r), &r->arena, s->token, email) < 0) {
		reply_db_error(r);
		return -1;
	}
	return 0;
}

/* The page; `outcome` is NULL or the i18n key of what happened to a mail request. */
void scan_later_show(struct req *r, const struct scan_ctx *s, const char *email, int status, const char *outcome)
{
	cJSON *ctx = scan_page_ctx(r, s);
	cJSON_AddStringToObject(ctx, "link", s->preview ? link_absolute(r, s->base, "") : link_absolute(r, "/s/", s->token));
	if (mail_configured() && *email) {
		cJSON_AddBoolToObject(ctx, "can_mail", 1);
		cJSON_AddStringToObject(ctx, "address_hint", address_hint(r, email));
	}
	if (outcome) {
		cJSON_AddStringToObject(ctx, "outcome", i18n_get(r->lang, outcome));
		cJSON_AddBoolToObject(ctx, "outcome_ok", strcmp(outcome, "scan.later.mail_sent") == 0);
	}
	page_render(r, status, "respondent/later", i18n_get(r->lang, "scan.later.title"), ctx);
}

void scan_later_get(struct req *r)
{
	struct scan_ctx s;
	const char *email;
	if (scan_load(r, 0, &s) != 0 || invitation_address(r, &s, &email) != 0)
		return;
	scan_later_show(r, &s, email, 200, NULL);
}

static int send_link(struct req *r, const struct scan_ctx *s, const char *email)
{
	const char *link = link_absolute(r, "/s/", s->token);
	char err[256];
	struct arena a = ARENA_INIT;
	/* signed by the advisor when the scan has one; the association otherwise or on a failed read */
	struct invitation_mail_info info = {.advisor_name = s->v.org_name, .reply_to = ""};
	db_invitation_mail_info(req_db(r), &a, 0, s->v.id, &info);
	char *body = mail_fill_template(i18n_get(r->lang, "scan.later.mail_body"), s->v.company_name, link,
					info.advisor_name);
	struct mail m = {.to = email, .reply_to = info.reply_to,
			 .subject = i18n_get(r->lang, "scan.later.mail_subject"), .body = body ? body : link};
	int rc = mail_send(&m, err, sizeof(err));
	if (rc != 0)
		log_error("scan %lld: link e-mail not sent: %s", s->v.id, err);
	free(body);
	arena_release(&a);
	return rc;
}

void scan_later_mail_post(struct req *r)
{
	struct scan_ctx s;
	const char *email;
	if (scan_load(r, 0, &s) != 0 || invitation_address(r, &s, &email) != 0)
		return;
	if (!mail_configured() || !*email) {
		scan_later_show(r, &s, email, 400, "scan.later.mail_unavailable");
		return;
	}
	char key[64];
	snprintf(key, sizeof(key), "link-mail:%lld", s.v.id);
	int limited = ratelimit_hit(req_db(r), key, 3600, LATER_MAILS_PER_HOUR);
	if (limited < 0) {
		reply_db_error(r);
		return;
	}
	if (limited) {
		scan_later_show(r, &s, email, 429, "scan.later.mail_limited");
		return;
	}
	if (send_link(r, &s, email) != 0) {
		scan_later_show(r, &s, email, 502, "scan.later.mail_failed");
		return;
	}
	scan_audit(r, &s, "owner_link_mail");
	scan_later_show(r, &s, email, 200, "scan.later.mail_sent");
}

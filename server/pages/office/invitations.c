/* invitations.c: on the company page, a new scan with its invitation link
 * (shown once, e-mailed when SMTP is configured), re-issuing a link (the old one
 * stops working) and revoking it. */
#include <stdio.h>
#include <string.h>

#include "server/http/log.h"
#include "server/http/page.h"
#include "server/app/invitation_send.h"
#include "server/http/routes.h"
#include "server/http/session.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/pages/office/office.h"
#include "server/db/company.h"
#include "server/db/invitation.h"
#include "server/db/questionnaire.h"
#include "common/banned.h"

/* Mails the link when possible and shows the company page with the link once. */
void office_show_new_link(struct req *r, long long company_id, long long scan_id, const char *token,
			  const char *to)
{
	char *link = office_link(r, "/s/", token);
	char err[256];
	int sent = invitation_send(req_db(r), r->session->org_id, scan_id, to, token, link, 0, err, sizeof(err));
	if (sent < 0)
		log_error("invitation mail for scan %lld not sent: %s", scan_id, err);
	cJSON *ctx = page_ctx(r);
	cJSON *l = cJSON_AddObjectToObject(ctx, "new_link");
	cJSON_AddStringToObject(l, "url", link);
	cJSON_AddNumberToObject(l, "scan_id", (double)scan_id);
	cJSON_AddBoolToObject(l, "sent", sent == 1);
	cJSON_AddBoolToObject(l, "mail_failed", sent < 0);
	office_company_render(r, 200, company_id, ctx);
}

static void scan_new(struct req *r)
{
	struct db *db = req_db(r);
	long long cid = office_id(r, 0);
	struct company_row co;
	int found = cid ? db_company_get(db, &r->arena, r->session->org_id, cid, &co) : 0;
	if (!office_found(r, found, "company", cid))
		return;
	long long qid = db_questionnaire_for_invitations(db, r->session->org_id), scan_id;
	if (qid < 0) {
		reply_db_error(r);
		return;
	}
	if (qid == 0) {
		reply_redirect(r, arena_printf(&r->arena, "/companies/%lld?msg=no_questionnaire", cid));
		return;
	}
	char *to = office_field(r, "email");
	if (to[0] && !office_email_valid(to)) {
		cJSON *ctx = page_ctx(r);
		page_field_error(ctx, "invite_email", i18n_get(r->lang, "office.users.email_invalid"));
		cJSON_AddStringToObject(ctx, "invite_email", to);
		office_company_render(r, 400, cid, ctx);
		return;
	}
	char token[TOKEN_TEXT_LEN + 1];
	if (db_scan_create_invited(db, r->session->org_id, cid, qid, r->session->user_id, to, 0, &scan_id, token) != 0) {
		reply_db_error(r);
		return;
	}
	audit(r, "scan_created", "scan", scan_id, NULL);
	office_show_new_link(r, cid, scan_id, token, to);
}

/* The scan named in the path, if it is the association's; else answers 404. */
static long long scan_company(struct req *r, long long *scan_id, char status[16])
{
	*scan_id = office_id(r, 0);
	long long cid = *scan_id ? db_scan_company(req_db(r), r->session->org_id, *scan_id, status) : 0;
	if (cid < 0)
		reply_db_error(r);
	else if (cid == 0)
		office_not_found(r, "scan", *scan_id);
	return cid;
}

static void reissue(struct req *r)
{
	long long sid;
	char status[16];
	long long cid = scan_company(r, &sid, status);
	if (cid <= 0)
		return;
	if (strcmp(status, "invited") != 0 && strcmp(status, "started") != 0) {
		reply_error(r, 409);
		return;
	}
	char token[TOKEN_TEXT_LEN + 1];
	if (db_invitation_reissue(req_db(r), sid, r->session->user_id, 0, token) != 0) {
		reply_db_error(r);
		return;
	}
	audit(r, "invitation_reissued", "scan", sid, NULL);
	office_show_new_link(r, cid, sid, token, NULL);
}

static void revoke(struct req *r)
{
	long long sid;
	char status[16];
	long long cid = scan_company(r, &sid, status);
	if (cid <= 0)
		return;
	if (db_invitation_revoke(req_db(r), sid) != 0) {
		reply_db_error(r);
		return;
	}
	audit(r, "invitation_revoked", "scan", sid, NULL);
	reply_redirect(r, arena_printf(&r->arena, "/companies/%lld?msg=revoked", cid));
}

const struct route routes_invitations[] = {
	{"POST", "/companies/:id/scans", scan_new, ROUTE_CHANGES, ACCESS_STAFF},
	{"POST", "/invitations/:scan/reissue", reissue, ROUTE_CHANGES, ACCESS_STAFF},
	{"POST", "/invitations/:scan/revoke", revoke, ROUTE_CHANGES, ACCESS_STAFF},
	{NULL, NULL, NULL, 0, 0},
};

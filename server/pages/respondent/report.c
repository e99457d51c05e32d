/* report.c: the company owner downloads the latest final report from
 * their invitation link (/s/TOKEN/report.pdf), when the association allows it
 * (organisations.owner_report_download). An unknown, expired or revoked link,
 * a disabled setting and a scan without a final report all give the same 404,
 * so the link reveals nothing; unknown links count towards the per-address
 * rate limit that guards every token route. */
#include <stdio.h>

#include "server/pages/office/reports.h"
#include "server/pages/respondent/respondent.h"
#include "server/http/routes.h"
#include "server/db/invitation.h"
#include "server/db/ratelimit.h"
#include "server/db/report.h"
#include "common/banned.h"

void owner_report_miss(struct req *r)
{
	char key[96];
	snprintf(key, sizeof(key), "token-ip:%s", r->client_ip);
	int limited = ratelimit_hit(req_db(r), key, 60, 10);
	if (limited < 0)
		reply_db_error(r);
	else
		reply_error(r, limited ? 429 : 404);
}

static void owner_pdf(struct req *r)
{
	struct db *db = req_db(r);
	long long scan_id = 0;
	int found = db_invitation_find(db, req_param(r, 0), &scan_id);
	if (found < 0) {
		reply_db_error(r);
		return;
	}
	if (!found) {
		owner_report_miss(r);
		return;
	}
	struct arena *a = &r->arena;
	struct report_facts f;
	int ok = db_report_facts(db, a, scan_id, &f);
	if (ok < 0) {
		reply_db_error(r);
		return;
	}
	if (!ok || !f.owner_report_download) {
		reply_error(r, 404);
		return;
	}
	report_send_stored(r, scan_id, 0, "owner");
}

const struct route routes_owner_report[] = {
	{"GET", "/s/:token/report.pdf", owner_pdf, 0, ACCESS_OWNER},
	{NULL, NULL, NULL, 0, 0},
};

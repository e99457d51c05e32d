/* invitation_send.c: the invitation e-mail from the association's template. */
#include <stdio.h>
#include <stdlib.h>

#include "server/app/invitation_send.h"
#include "server/app/mail.h"
#include "server/db/invitation_mail.h"
#include "common/banned.h"

int invitation_send(struct db *db, long long org_id, long long scan_id, const char *to, const char *token,
		    const char *link, int reminder, char *err, size_t errlen)
{
	err[0] = '\0';
	if (!mail_configured())
		return 0;
	PGresult *res = db_invitation_mail_info(db, org_id, scan_id);
	if (!res || PQntuples(res) != 1) {
		snprintf(err, errlen, "%s", res ? "no such scan" : db->err);
		PQclear(res);
		return -1;
	}
	const char *addr = to && *to ? to : db_str(res, 0, 1);
	if (!*addr) {
		PQclear(res);
		return 0;
	}
	char *body = mail_fill_template(db_str(res, 0, 4), db_str(res, 0, 0), link, db_str(res, 0, 2));
	char subject[600];
	char *subj = mail_fill_template(db_str(res, 0, 3), db_str(res, 0, 0), "", db_str(res, 0, 2));
	snprintf(subject, sizeof(subject), "%s%s", reminder ? "Herinnering: " : "", subj);
	free(subj);
	struct mail m = {.to = addr, .reply_to = db_str(res, 0, 5), .subject = subject, .body = body};
	int rc = mail_send(&m, err, errlen);
	free(body);
	PQclear(res);
	if (rc != 0)
		return -1;
	/* a reminder's link keeps the first mail's time, which schedules the next one */
	if (!reminder && db_invitation_mark_sent(db, token) != 0) {
		snprintf(err, errlen, "sent, but not recorded: %s", db->err);
		return -1;
	}
	return 1;
}

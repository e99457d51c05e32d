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
	struct arena a = ARENA_INIT;
	struct invitation_mail_info info;
	int found = db_invitation_mail_info(db, &a, org_id, scan_id, &info);
	if (found != 1) {
		snprintf(err, errlen, "%s", found == 0 ? "no such scan" : db->err);
		arena_release(&a);
		return -1;
	}
	const char *addr = to && *to ? to : info.company_email;
	if (!*addr) {
		arena_release(&a);
		return 0;
	}
	char *body = mail_fill_template(info.body_template, info.company_name, link, info.advisor_name);
	char subject[600];
	char *subj = mail_fill_template(info.subject_template, info.company_name, "", info.advisor_name);
	snprintf(subject, sizeof(subject), "%s%s", reminder ? "Herinnering: " : "", subj);
	free(subj);
	struct mail m = {.to = addr, .reply_to = info.reply_to, .subject = subject, .body = body};
	int rc = mail_send(&m, err, errlen);
	free(body);
	arena_release(&a);
	if (rc != 0)
		return -1;
	/* a reminder's link keeps the first mail's time, which schedules the next one */
	if (!reminder && db_invitation_mark_sent(db, token) != 0) {
		snprintf(err, errlen, "sent, but not recorded: %s", db->err);
		return -1;
	}
	return 1;
}

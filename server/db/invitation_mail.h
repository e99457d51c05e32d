/* invitation_mail.h: what an invitation e-mail needs, and the reminders.
 *
 * Tokens are never stored, so a reminder cannot repeat the first link: it carries
 * a fresh link for the same scan, added beside the earlier one (which keeps
 * working). Reminder 1 goes 7 days, reminder 2 14 days after the first mail, only
 * for scans still 'invited'. */
#ifndef FPHC_DB_INVITATION_MAIL_H
#define FPHC_DB_INVITATION_MAIL_H

#include "common/arena.h"
#include "server/db/db.h"
#include "common/crypto.h"

#define REMINDER_MAX 2

/* What the invitation e-mail of a scan says; strings in the arena, "" when empty. */
struct invitation_mail_info {
	const char *company_name, *company_email;
	const char *advisor_name;      /* the advisor's (or creator's) name or e-mail, else the association's name */
	const char *subject_template, *body_template;
	const char *reply_to;          /* the association's contact e-mail */
};
/* Reads it for a scan of the association; org_id 0 skips the scope check
 * (command line). 1 found, 0 not, -1 error. */
int db_invitation_mail_info(struct db *db, struct arena *a, long long org_id, long long scan_id,
			    struct invitation_mail_info *out);
/* Marks the invitation with this token as e-mailed now. 0 or -1. */
int db_invitation_mark_sent(struct db *db, const char *token);
/* An invitation due for a reminder. */
struct reminder_due {
	long long invitation_id, scan_id;
	int reminders_sent;    /* so far */
};
/* The invitations due for a reminder, by id; the row count or -1 on error. */
int db_reminders_due(struct db *db, struct arena *a, struct reminder_due **out);
/* Adds the reminder's link: a new invitation for the same scan with the same
 * expiry, first-mail time and reminders_sent + 1. Inside the caller's
 * transaction. 0 or -1. */
int db_reminder_link(struct db *db, long long invitation_id, char token[TOKEN_TEXT_LEN + 1]);

#endif

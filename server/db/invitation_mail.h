/* invitation_mail.h: what an invitation e-mail needs, and the reminders.
 *
 * Tokens are never stored, so a reminder cannot repeat the first link: it carries
 * a fresh link for the same scan, added beside the earlier one (which keeps
 * working). Reminder 1 goes 7 days, reminder 2 14 days after the first mail, only
 * for scans still 'invited'. */
#ifndef FPHC_DB_INVITATION_MAIL_H
#define FPHC_DB_INVITATION_MAIL_H

#include "server/db/db.h"
#include "common/crypto.h"

#define REMINDER_MAX 2

/* For a scan of the association: company name, company e-mail, advisor name (or
 * e-mail), invitation subject, invitation template, association contact e-mail.
 * org_id 0 skips the scope check (command line). 0 rows when not found. */
PGresult *db_invitation_mail_info(struct db *db, long long org_id, long long scan_id);
/* Marks the invitation with this token as e-mailed now. 0 or -1. */
int db_invitation_mark_sent(struct db *db, const char *token);
/* Invitations due for a reminder: invitation id, scan id, reminders sent so far. */
PGresult *db_reminders_due(struct db *db);
/* Adds the reminder's link: a new invitation for the same scan with the same
 * expiry, first-mail time and reminders_sent + 1. Inside the caller's
 * transaction. 0 or -1. */
int db_reminder_link(struct db *db, long long invitation_id, char token[TOKEN_TEXT_LEN + 1]);

#endif

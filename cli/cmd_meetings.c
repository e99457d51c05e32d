/* cmd_meetings.c: `fphc meetings remind`: e-mails every company signed up for a
 * follow-up meeting that starts in 24 to 48 hours, once (event_signups.reminded_at),
 * for a daily timer. Running it twice sends nothing more. */
#include <stdio.h>
#include <string.h>
#include "cli/commands.h"
#include "cli/cli_config.h"
#include "cli/cli_mail_run.h"
#include "server/app/event_mail.h"
#include "server/app/mail.h"
#include "server/db/audit.h"
#include "server/db/event.h"
#include "common/banned.h"

/* One reminder: mailed and marked (with its audit entry) in one transaction, so
 * a mail that fails is tried again on the next run and a sent one never twice. */
static int remind_one(struct db *db, const struct event_reminder *due)
{
	struct arena a = ARENA_INIT;
	struct event_signup_view s;
	char err[256] = "";
	int rc = -1;
	if (db_begin(db) != 0 || db_event_signup_get(db, &a, due->signup_id, &s) != 1 ||
	    db_event_reminder_mark(db, due->signup_id) != 0) {
		snprintf(err, sizeof(err), "%.200s", db->err);
		goto done;
	}
	struct audit_entry e = {.org_id = s.event.org_id, .actor = "fphc meetings remind", .action = "event_reminder",
				.object_type = "event", .object_id = due->event_id,
				.detail_json = "{}", .ip = ""};
	if (db_audit_write(db, &e) != 0) {
		snprintf(err, sizeof(err), "%.200s", db->err);
		goto done;
	}
	int sent = event_mail_send(EVENT_MAIL_REMINDER, &s, NULL, err, sizeof(err));
	if (sent != 1) {
		if (sent == 0)
			snprintf(err, sizeof(err), "no address");
		goto done;
	}
	if (db_commit(db) != 0) {
		snprintf(err, sizeof(err), "sent, but not recorded: %.200s", db->err);
		goto done;
	}
	rc = 0;
done:
	if (rc != 0) {
		db_rollback(db);
		fprintf(stderr, "fphc meetings remind: meeting %lld, signup %lld: %s\n", due->event_id, due->signup_id, err);
	}
	arena_release(&a);
	return rc;
}

static int remind(struct db *db)
{
	struct arena a = ARENA_INIT;
	struct event_reminder *due;
	int n = db_event_reminders_due(db, &a, &due);
	if (n < 0) {
		fprintf(stderr, "fphc meetings remind: %s\n", db->err);
		arena_release(&a);
		return 1;
	}
	int sent = 0, failed = 0;
	for (int i = 0; i < n; i++) {
		if (remind_one(db, &due[i]) == 0)
			sent++;
		else
			failed++;
	}
	arena_release(&a);
	printf("fphc: %d meeting reminder(s) sent, %d failed\n", sent, failed);
	return failed ? 1 : 0;
}

int cmd_meetings(int argc, char **argv)
{
	const char *usage = "usage: fphc meetings remind\n"
			    "E-mails a reminder to every company signed up for a follow-up meeting that\n"
			    "starts in 24 to 48 hours, once per company; for a daily timer. Needs FPHC_SMTP_URL.\n";
	return cli_mail_run(argc, argv, "meetings", "remind", usage, remind);
}

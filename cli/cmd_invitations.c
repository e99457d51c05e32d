/* cmd_invitations.c: `fphc invitations remind`: e-mail reminders 7 and 14 days
 * after the invitation, for a daily timer. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "cli/commands.h"
#include "cli/cli_config.h"
#include "cli/cli_mail_run.h"
#include "common/buf.h"
#include "server/app/config.h"
#include "server/app/invitation_send.h"
#include "server/app/logo.h"
#include "server/app/mail.h"
#include "server/app/password_policy.h"
#include "server/db/account.h"
#include "server/db/invitation_mail.h"
#include "server/db/org.h"
#include "server/db/settings.h"
#include "common/crypto.h"
#include "common/banned.h"

/* ---- fphc invitations remind ---- */

static int remind(struct db *db)
{
	struct arena a = ARENA_INIT;
	struct reminder_due *due;
	int n = db_reminders_due(db, &a, &due);
	if (n < 0) {
		fprintf(stderr, "fphc invitations remind: %s\n", db->err);
		return 1;
	}
	int sent = 0, failed = 0;
	for (int i = 0; i < n; i++) {
		long long iid = due[i].invitation_id, sid = due[i].scan_id;
		char token[TOKEN_TEXT_LEN + 1], link[512], err[256];
		const char *base = cli_base_url();
		if (db_begin(db) != 0 || db_reminder_link(db, iid, token) != 0) {
			db_rollback(db);
			fprintf(stderr, "fphc invitations remind: scan %lld: %s\n", sid, db->err);
			failed++;
			continue;
		}
		snprintf(link, sizeof(link), "%s/s/%s", base, token);
		int rc = invitation_send(db, 0, sid, NULL, token, link, 1, err, sizeof(err));
		if (rc == 1 && db_commit(db) == 0) {
			printf("fphc: reminder %d sent for scan %lld\n", due[i].reminders_sent + 1, sid);
			sent++;
		} else {
			db_rollback(db);
			fprintf(stderr, "fphc invitations remind: scan %lld: %s\n", sid, rc < 0 ? err : "no address");
			failed++;
		}
	}
	arena_release(&a);
	printf("fphc: %d reminder(s) sent, %d failed\n", sent, failed);
	return failed ? 1 : 0;
}

int cmd_invitations(int argc, char **argv)
{
	const char *usage = "usage: fphc invitations remind\n"
			    "E-mails a reminder (with a fresh link beside the first) for scans not started\n"
			    "7 and 14 days after the invitation e-mail; at most two per scan. Needs FPHC_SMTP_URL.\n";
	return cli_mail_run(argc, argv, "invitations", "remind", usage, remind);
}


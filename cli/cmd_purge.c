/* cmd_purge.c: `fphc purge [--dry-run]` — the retention run (docs/privacy.md §5),
 * meant for a daily systemd timer or cron job. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/cli_config.h"
#include "server/db/protection.h"
#include "common/banned.h"

static const char usage[] =
	"usage: fphc purge [--dry-run] [--database-url URL]\n"
	"Erases every company whose last activity is older than its association's retention\n"
	"period (contact data, open text, advice, meetings, actions, invitations; scores kept\n"
	"only as anonymous benchmark contributions where the association chose so), and deletes\n"
	"expired sessions, used or expired password links, invitation links expired over 30 days\n"
	"ago, take-part requests not accepted within a year and old rate-limit counters. Run as\n"
	"the owner role it also prunes audit entries older than the retention period.\n"
	"--dry-run prints the same figures and changes nothing.\n"
	"Exit status: 0 done, 1 database error (nothing changed), 2 bad usage.\n";

int cmd_purge(int argc, char **argv)
{
	int dry_run = 0, n = 0;
	char *rest[64];
	for (int i = 0; i < argc && n < 63; i++) {
		if (i > 0 && strcmp(argv[i], "--dry-run") == 0)
			dry_run = 1;
		else
			rest[n++] = argv[i];
	}
	rest[n] = NULL;
	if (cli_config(n, rest, "purge", usage) != 0)
		return cli_config_status();
	struct db *db = cli_db_open();
	if (!db)
		return 1;
	printf("fphc purge%s\n", dry_run ? " --dry-run (nothing will be changed)" : "");
	int rc = db_purge(db, dry_run, stdout);
	db_free(db);
	return rc ? 1 : 0;
}

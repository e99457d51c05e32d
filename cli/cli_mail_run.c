/* cli_mail_run.c: see cli_mail_run.h. */
#include <stdio.h>
#include <string.h>

#include "cli/cli_mail_run.h"
#include "cli/cli_config.h"
#include "server/app/mail.h"
#include "common/banned.h"

int cli_mail_run(int argc, char **argv, const char *name, const char *sub, const char *usage,
		 int (*work)(struct db *db))
{
	if (argc < 2 || strcmp(argv[1], sub) != 0) {
		int help = argc >= 2 && strcmp(argv[1], "--help") == 0;
		fputs(usage, help ? stdout : stderr);
		return help ? 0 : 2;
	}
	char full[64];
	snprintf(full, sizeof(full), "%s %s", name, sub);
	if (cli_config(argc - 1, argv + 1, full, usage) != 0)
		return cli_config_status();
	if (!mail_configured()) {
		fprintf(stderr, "fphc %s: FPHC_SMTP_URL is not set; no e-mail can be sent\n", full);
		return 2;
	}
	struct db *db = cli_db_open();
	if (!db)
		return 1;
	int rc = work(db);
	db_free(db);
	return rc;
}

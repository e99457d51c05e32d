/* cli_mail_run.h: the frame of the commands a timer runs to send e-mail
 * (`fphc invitations remind`, `fphc meetings remind`): one subcommand, the shared
 * flags, a refusal without FPHC_SMTP_URL, the database, and the command's work. */
#ifndef FPHC_CLI_MAIL_RUN_H
#define FPHC_CLI_MAIL_RUN_H

#include "server/db/db.h"

/* Runs `fphc NAME SUB`: argv[1] must be sub ("--help" prints usage, status 0; anything
 * else prints it to stderr, status 2). Then the flags of cli_config, then work(db) on the
 * configured database. Returns the exit status: work's, 1 when the database cannot be
 * opened, 2 for bad usage or when no SMTP server is set. */
int cli_mail_run(int argc, char **argv, const char *name, const char *sub, const char *usage,
		 int (*work)(struct db *db));

#endif

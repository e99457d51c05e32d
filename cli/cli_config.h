/* cli_config.h: the flags shared by commands that talk to the server's database. */
#ifndef FPHC_CLI_CONFIG_H
#define FPHC_CLI_CONFIG_H

#include <stddef.h>
#include <stdio.h>
#include "server/db/db.h"

/* Fills the global `config` from the environment, then from these flags:
 * --listen --database-url --workers --base-url --tls-cert --tls-key --log-level
 * --questionnaires --help. Returns 0 to go on, or -1 when the command should end
 * (help printed → status 0; bad usage/configuration → status 2, one clear line). */
int cli_config(int argc, char **argv, const char *name, const char *usage);
int cli_config_status(void);
/* Work done after every migrate (loading the questionnaires). 0 or -1. */
int cli_after_migrate(struct db *db);
/* Loads every definition in config.questionnaires_dir; 0 or -1 (messages on log). */
int cli_questionnaires_load(struct db *db, FILE *log);
/* Validates a questionnaire definition; 0, or -1 with the problems in err. */
int cli_questionnaire_validate(const char *json, size_t len, char *err, size_t errlen);
/* `fphc questionnaire load`. */
int cmd_questionnaire_load(int argc, char **argv);
/* The public base URL for links printed on the console. */
const char *cli_base_url(void);

/* Opens the configured database or prints why not; NULL on failure. */
struct db *cli_db_open(void);

#endif

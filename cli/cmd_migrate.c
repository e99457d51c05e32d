/* cmd_migrate.c: `fphc migrate [--dry-run]`: applies the migrations (as the owner
 * role) and loads the questionnaires. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "cli/commands.h"
#include "cli/cli_config.h"
#include "server/app/config.h"
#include "server/http/http.h"
#include "server/http/log.h"
#include "server/app/questionnaire_registry.h"
#include "server/http/tmpl.h"
#include "server/db/db.h"
#include "server/db/migrate.h"
#include "common/banned.h"

int cmd_migrate(int argc, char **argv)
{
	/* --dry-run is migrate's own flag; the shared parser sees the rest */
	int dry = 0, n_args = 0;
	char *args[64];
	for (int i = 0; i < argc && n_args < 63; i++)
		if (strcmp(argv[i], "--dry-run") == 0)
			dry = 1;
		else
			args[n_args++] = argv[i];
	args[n_args] = NULL;
	if (cli_config(n_args, args, "migrate",
		       "usage: fphc migrate [--database-url URL] [--dry-run]\n"
		       "Applies the database migrations in order and loads the questionnaires.\n"
		       "--dry-run lists the migrations that would run and changes nothing.\n") != 0)
		return cli_config_status();
	struct db *db = db_new(config.database_url);
	if (dry) {
		int pending = migrate_plan(db, stdout);
		db_free(db);
		if (pending < 0)
			return 1;
		printf("fphc: %d migration(s) pending; dry run, nothing was changed\n", pending);
		return 0;
	}
	int n = migrate_apply(db, stderr);
	if (n >= 0 && cli_after_migrate(db) != 0)
		n = -1;
	db_free(db);
	if (n < 0)
		return 1;
	printf("fphc: database is current (%d migration(s) applied now)\n", n);
	return 0;
}

/* cmd_serve.c: `fphc serve`. */
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
#include "server/http/i18n.h"
#include "server/db/db.h"
#include "server/db/migrate.h"
#include "common/banned.h"

int cmd_serve(int argc, char **argv)
{
	if (cli_config(argc, argv, "serve",
		       "usage: fphc serve [--listen HOST:PORT] [--database-url URL] [--workers N]\n"
		       "                  [--base-url URL] [--tls-cert FILE --tls-key FILE] [--log-level LEVEL]\n"
		       "Serves the web application until SIGINT or SIGTERM.\n") != 0)
		return cli_config_status();
	char err[256];
	if (i18n_init(err, sizeof(err)) != 0) {
		fprintf(stderr, "fphc: %s\n", err);
		return 1;
	}
	log_set_level(config.log_level);
	/* A stored definition that no longer loads must stop the start, naming it;
	 * a database that is down is fine: the registry fills on first use. */
	struct db *db = db_new(config.database_url);
	if (db_connect(db) == 0 && qreg_init(db) != 0) {
		db_free(db);
		return 1;
	}
	db_free(db);
	int rc = http_serve();
	qreg_free();
	return rc;
}

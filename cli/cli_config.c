/* cli_config.c: configuration flags shared by database commands. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "scoring/problems.h"
#include "scoring/questionnaire.h"

#include "cli/cli_config.h"
#include "cli/cli_env.h"
#include "server/app/config.h"
#include "common/text.h"
#include "common/banned.h"

static int status;

int cli_config_status(void)
{
	return status;
}

int cli_config(int argc, char **argv, const char *name, const char *usage)
{
	static const struct option opts[] = {
		{"listen", required_argument, NULL, 'l'},
		{"database-url", required_argument, NULL, 'd'},
		{"workers", required_argument, NULL, 'w'},
		{"base-url", required_argument, NULL, 'b'},
		{"tls-cert", required_argument, NULL, 'c'},
		{"tls-key", required_argument, NULL, 'k'},
		{"log-level", required_argument, NULL, 'v'},
		{"questionnaires", required_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	char err[256];
	cli_env_file(CLI_ENV_FILE);
	if (config_from_env(&config, err, sizeof(err)) != 0) {
		fprintf(stderr, "fphc %s: %s\n", name, err);
		status = 2;
		return -1;
	}
	optind = 1;
	int c;
	long v;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			if (config_set_listen(&config, optarg) != 0) {
				fprintf(stderr, "fphc %s: --listen must look like 127.0.0.1:8080\n", name);
				status = 2;
				return -1;
			}
			break;
		case 'd': config.database_url = optarg; break;
		case 'w':
			if (text_parse_long(optarg, 1, 256, &v) != 0) {
				fprintf(stderr, "fphc %s: --workers must be a whole number from 1 to 256\n", name);
				status = 2;
				return -1;
			}
			config.workers = (int)v;
			break;
		case 'b': config.base_url = optarg; break;
		case 'c': config.tls_cert = optarg; break;
		case 'k': config.tls_key = optarg; break;
		case 'q': config.questionnaires_dir = optarg; break;
		case 'v': {
			static const char *names[] = {"error", "warn", "info", "debug"};
			int lvl = -1;
			for (int i = 0; i < 4; i++)
				if (strcmp(optarg, names[i]) == 0)
					lvl = i;
			if (lvl < 0) {
				fprintf(stderr, "fphc %s: --log-level must be error, warn, info or debug\n", name);
				status = 2;
				return -1;
			}
			config.log_level = lvl;
			break;
		}
		case 'h':
			fputs(usage, stdout);
			status = 0;
			return -1;
		default:
			fputs(usage, stderr);
			status = 2;
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "fphc %s: unexpected argument '%s'\n", name, argv[optind]);
		status = 2;
		return -1;
	}
	if (config_check(&config, err, sizeof(err)) != 0) {
		fprintf(stderr, "fphc %s: %s\n", name, err);
		status = 2;
		return -1;
	}
	return 0;
}

int cli_after_migrate(struct db *db)
{
	return cli_questionnaires_load(db, stderr);
}

int cli_questionnaire_validate(const char *json, size_t len, char *err, size_t errlen)
{
	struct problems problems;
	problems_init(&problems, 0);
	struct questionnaire *q = questionnaire_parse(json, len, &problems);
	int ok = q != NULL && questionnaire_check_texts(q, &problems) == 0;
	questionnaire_free(q);
	err[0] = '\0';
	for (size_t i = 0; !ok && i < problems.n; i++) {
		size_t used = strlen(err);
		snprintf(err + used, errlen - used, "  %s: %s\n", problems.items[i].path[0] ? problems.items[i].path : "(root)",
			 problems.items[i].message);
	}
	problems_release(&problems);
	return ok ? 0 : -1;
}

struct db *cli_db_open(void)
{
	struct db *db = db_new(config.database_url);
	if (db_connect(db) != 0) {
		fprintf(stderr, "fphc: cannot reach the database: %s\n", db->err);
		db_free(db);
		return NULL;
	}
	return db;
}

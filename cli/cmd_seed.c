/* cmd_seed.c: `fphc demo seed-office` — synthetic companies and scans in one
 * association, for benchmarks of the dashboard and the company search (and for
 * later issues that need volume). Generated in SQL (server/db/demo.c), in one
 * transaction; every row is marked is_demo. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/cli_config.h"
#include "server/db/demo.h"
#include "server/db/org.h"
#include "common/text.h"
#include "common/banned.h"

static const char *seed_usage =
	"usage: fphc demo seed-office --org SLUG [--companies N] [--scans M]\n"
	"Adds N synthetic companies (default 10000) and M scans (default 20000) spread over the\n"
	"last year and over every status to the association, all marked as demo data.\n";

static int seed(struct db *db, long long org, long companies, long scans)
{
	long long qid = db_demo_office_questionnaire(db);
	return qid < 0 ? -1 : db_demo_seed_office(db, org, qid, companies, scans);
}

int demo_seed_office(int argc, char **argv)
{
	static const struct option opts[] = {
		{"org", required_argument, NULL, 'o'}, {"companies", required_argument, NULL, 'c'},
		{"scans", required_argument, NULL, 's'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
	};
	const char *org = NULL;
	long companies = 10000, scans = 20000;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'o': org = optarg; break;
		case 'c':
			if (text_parse_long(optarg, 1, 1000000, &companies) != 0) {
				fprintf(stderr, "fphc demo seed-office: --companies must be 1 to 1000000\n");
				return 2;
			}
			break;
		case 's':
			if (text_parse_long(optarg, 0, 5000000, &scans) != 0) {
				fprintf(stderr, "fphc demo seed-office: --scans must be 0 to 5000000\n");
				return 2;
			}
			break;
		case 'h': fputs(seed_usage, stdout); return 0;
		default: fputs(seed_usage, stderr); return 2;
		}
	}
	if (!org || optind < argc) {
		fputs(seed_usage, stderr);
		return 2;
	}
	char *args[] = {argv[0], NULL};
	if (cli_config(1, args, "demo seed-office", seed_usage) != 0)
		return cli_config_status();
	struct db *db = cli_db_open();
	if (!db)
		return 1;
	long long id = db_org_by_slug(db, org);
	int rc = 1;
	if (id <= 0)
		fprintf(stderr, "fphc demo seed-office: %s\n", id == 0 ? "no organisation with that slug" : db->err);
	else if (seed(db, id, companies, scans) != 0)
		fprintf(stderr, "fphc demo seed-office: %s\n", db->err);
	else {
		printf("fphc: added %ld companies and %ld scans to '%s'\n", companies, scans, org);
		rc = 0;
	}
	db_free(db);
	return rc;
}

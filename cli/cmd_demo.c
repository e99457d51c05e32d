/* cmd_demo.c: `fphc demo init` — the demo association, research group and logins
 * that `make run` shows; idempotent, passwords printed only when created. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "cli/cli_config.h"
#include "cli/demo_invite.h"
#include "server/app/config.h"
#include "server/db/org.h"
#include "server/app/aggregates_refresh.h"
#include "server/app/benchmark_refresh.h"
#include "server/db/demo.h"
#include "cli/demo_seed.h"
#include "common/text.h"
#include <getopt.h>
#include <stdlib.h>
#include "cli/demo_offers.h"
#include "common/crypto.h"
#include "common/banned.h"

struct demo_user {
	const char *email, *name, *role;
	int research;  /* belongs to the research group */
};

static const struct demo_user demo_users[] = {
	{"admin@demo.example", "Demo Beheerder", "admin", 0},
	{"adviseur@demo.example", "Anouk Adviseur", "advisor", 0},
	{"onderzoeker@demo.example", "Rob Onderzoeker", "researcher", 1},
};

static long long ensure_org(struct db *db, const char *kind, const char *slug, const char *name)
{
	long long id = db_org_by_slug(db, slug);
	if (id == 0)
		id = db_org_create(db, kind, slug, name, "Limburg");
	return id;
}

static int demo_init(struct db *db, int reset)
{
	long long research = ensure_org(db, "research", "onderzoek", "Lectoraat Employability (demo)");
	long long assoc = ensure_org(db, "association", "demo", "Demo Werkgeversvereniging");
	if (research < 0 || assoc < 0)
		goto fail;
	if (db_demo_association_link(db, assoc, research) != 0)
		goto fail;
	if (demo_offers_seed(db, assoc) != 0)
		goto fail;
	printf("fphc: demo association 'demo' is ready. Logins:\n");
	for (size_t i = 0; i < sizeof(demo_users) / sizeof(demo_users[0]); i++) {
		const struct demo_user *u = &demo_users[i];
		long long uid = db_user_by_email(db, u->email);
		if (uid < 0)
			goto fail;
		if (uid > 0 && !reset) {
			printf("  %-26s (%s) password as printed when created; new one: bin/fphc demo init --reset-passwords\n",
			       u->email, u->role);
			continue;
		}
		char pw[TOKEN_TEXT_LEN + 1], hash[128];
		crypto_token_new(pw);
		if (crypto_password_hash(pw, hash) != 0)
			goto fail;
		if (uid == 0)
			uid = db_user_create(db, u->research ? research : assoc, u->email, u->name, u->role, hash);
		else if (db_user_set_password(db, uid, hash) != 0)
			uid = -1;
		if (uid < 0)
			goto fail;
		printf("  %-26s (%s) password: %s\n", u->email, u->role, pw);
	}
	return 0;
fail:
	fprintf(stderr, "fphc demo init: %s\n", db->err);
	return -1;
}

static int demo_seed_cmd(int argc, char **argv)
{
	const char *usage =
		"usage: fphc demo seed --companies N [--scans-per-company M] [--org SLUG] [--seed S] [--jobs J] [--quiet]\n"
		"Adds N synthetic demo companies, each with M submitted and scored scans (default 1), in the\n"
		"demo associations demo and demo-zuid (share with the research group) and demo-noord (does not\n"
		"share), or only in --org. Answers follow a latent trait per theme, so items correlate within\n"
		"themes. Deterministic for a --seed (default 1). --jobs: worker processes sending in parallel\n"
		"(default: the number of CPUs). Refreshes benchmarks and research aggregates.\n";
	static const struct option opts[] = {
		{"companies", required_argument, NULL, 'c'}, {"scans-per-company", required_argument, NULL, 'm'},
		{"org", required_argument, NULL, 'o'},       {"seed", required_argument, NULL, 's'},
		{"quiet", no_argument, NULL, 'q'},           {"help", no_argument, NULL, 'h'},
		{"jobs", required_argument, NULL, 'j'},
		{NULL, 0, NULL, 0},
	};
	long companies = -1, per = 1, seed = 1, jobs = sysconf(_SC_NPROCESSORS_ONLN);
	const char *org = NULL;
	int quiet = 0, c;
	if (cli_config(1, argv, "demo seed", usage) != 0)
		return cli_config_status();
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			if (text_parse_long(optarg, 1, 10000000, &companies) != 0)
				goto bad;
			break;
		case 'm':
			if (text_parse_long(optarg, 1, 100, &per) != 0)
				goto bad;
			break;
		case 's':
			if (text_parse_long(optarg, 0, 0x7fffffffL, &seed) != 0)
				goto bad;
			break;
		case 'j':
			if (text_parse_long(optarg, 1, 64, &jobs) != 0)
				goto bad;
			break;
		case 'o': org = optarg; break;
		case 'q': quiet = 1; break;
		case 'h': fputs(usage, stdout); return 0;
		default: goto bad;
		}
	}
	if (companies < 0 || optind != argc)
		goto bad;
	struct db *db = cli_db_open();
	if (!db)
		return 1;
	int rc = demo_seed(db, companies, (int)per, org, (uint64_t)seed, quiet, (int)(jobs > 0 ? jobs : 1));
	if (rc == 0 && (benchmarks_refresh(db, NULL) != 0 || aggregates_refresh(db, NULL) != 0)) {
		fprintf(stderr, "fphc demo seed: refreshing benchmarks: %s\n", db->err);
		rc = -1;
	}
	db_free(db);
	return rc ? 1 : 0;
bad:
	fputs(usage, stderr);
	return 2;
}

/* `demo invite` and `demo workflow`: the demo association's database work. */
static int on_demo_association(char **argv, const char *usage)
{
	int workflow = strcmp(argv[0], "workflow") == 0;
	const char *name = workflow ? "demo workflow" : "demo invite";
	if (cli_config(1, argv, name, usage) != 0)
		return cli_config_status();
	struct db *db = cli_db_open();
	if (!db)
		return 1;
	long long assoc = db_org_by_slug(db, "demo"), moved = 0;
	int rc = -1;
	if (assoc <= 0)
		fprintf(stderr, "fphc %s: run 'fphc demo init' first\n", name);
	else if (!workflow)
		rc = demo_invite(db, assoc);
	else if ((rc = db_demo_workflow(db, assoc, &moved)) != 0)
		fprintf(stderr, "fphc demo workflow: %s\n", db->err);
	else
		printf("fphc: %lld demo scans given an advisor and a place in the workflow\n", moved);
	db_free(db);
	return rc ? 1 : 0;
}

int cmd_demo(int argc, char **argv)
{
	const char *usage = "usage: fphc demo init [--reset-passwords]\n"
			    "       fphc demo seed --companies N [--scans-per-company M] [--org SLUG] [--seed S]\n"
			    "       fphc demo seed-office --org SLUG [--companies N] [--scans M]\n"
			    "       fphc demo invite\n"
			    "       fphc demo workflow\n"
			    "init: creates the demo association, research group and logins (idempotent).\n"
			    "seed: adds synthetic companies with submitted, scored scans (see fphc demo seed --help).\n"
			    "seed-office: adds many companies and scans for the back-office benchmarks.\n"
			    "workflow: spreads the demo association's untouched demo scans over the workflow\n"
			    "          (advisors, history, meetings, actions), as make run does once.\n"
			    "invite: a fresh invitation link for the demo company's open scan (make run prints it).\n";
	if (argc >= 2 && strcmp(argv[1], "seed-office") == 0)
		return demo_seed_office(argc - 1, argv + 1);
	if (argc < 2 || strcmp(argv[1], "--help") == 0) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "seed") == 0)
		return demo_seed_cmd(argc - 1, argv + 1);
	if (strcmp(argv[1], "invite") == 0 || strcmp(argv[1], "workflow") == 0)
		return on_demo_association(argv + 1, usage);
	if (strcmp(argv[1], "init") == 0) {
		int reset = argc > 2 && strcmp(argv[2], "--reset-passwords") == 0;
		if (cli_config(reset ? 1 : argc - 1, argv + 1, "demo init", usage) != 0)
			return cli_config_status();
		struct db *db = cli_db_open();
		if (!db)
			return 1;
		int rc = demo_init(db, reset);
		db_free(db);
		return rc ? 1 : 0;
	}
	fputs(usage, stderr);
	return 2;
}

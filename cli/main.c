/* main.c: entry point of the `fphc` command; dispatches to cli/cmd_*.c. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "common/crypto.h"
#include "common/banned.h"

#ifndef FPHC_VERSION
#define FPHC_VERSION "0.1.0"
#endif

const struct command commands[] = {
	{"serve", cmd_serve, "serve the web application"},
	{"migrate", cmd_migrate, "apply database migrations and load questionnaires"},
	{"org", cmd_org, "organisations: 'org add --slug S --name N'"},
	{"invite", cmd_invite, "create a company and scan, print the invitation link"},
	{"demo", cmd_demo, "demo data: 'demo init' (logins), 'demo invite', 'demo seed', 'demo seed-office'"},
	{"questionnaire", cmd_questionnaire, "questionnaire definitions: 'questionnaire check FILE', 'questionnaire load'"},
	{"score", cmd_score, "score an answer set: score --questionnaire FILE --answers FILE"},
	{"report", cmd_report, "render a scan's PDF report or meeting brief (--demo: built-in data)"},
	{"benchmarks", cmd_benchmarks, "peer statistics: 'benchmarks refresh'"},
	{"aggregates", cmd_aggregates, "research aggregates: 'aggregates refresh'"},
	{"export", cmd_export, "research export: export --format csv|long|sav|codebook --version N -o FILE"},
	{"user", cmd_user, "accounts: 'user add --org SLUG --email E --role R'"},
	{"invitations", cmd_invitations, "'invitations remind': e-mail reminders after 7 and 14 days"},
	{"meetings", cmd_meetings, "'meetings remind': e-mail the companies signed up for a meeting 24-48 h ahead"},
	{"rescore", cmd_rescore, "recompute stored results with this scoring engine"},
	{"purge", cmd_purge, "retention: erase data past each association's retention period (--dry-run)"},
	{"routes", cmd_routes, "print the route list with who may call each route (docs/routes.md)"},
	{"version", cmd_version, "print the version"},
	{NULL, NULL, NULL},
};

static void usage(FILE *f)
{
	fprintf(f, "usage: fphc COMMAND [OPTIONS]\n\nCommands:\n");
	for (const struct command *c = commands; c->name; c++)
		fprintf(f, "  %-22s %s\n", c->name, c->summary);
	fprintf(f, "  %-22s %s\n", "help", "this overview");
	fprintf(f, "\n'fphc COMMAND --help' describes one command.\n");
}

int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("fphc %s\n", FPHC_VERSION);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0)
		return cmd_version(0, NULL);
	if (crypto_init() != 0) {
		fprintf(stderr, "fphc: libsodium could not be initialised\n");
		return 1;
	}
	for (const struct command *c = commands; c->name; c++)
		if (strcmp(c->name, argv[1]) == 0)
			return c->run(argc - 1, argv + 1);
	fprintf(stderr, "fphc: unknown command '%s'; see 'fphc help'\n", argv[1]);
	return 2;
}

/* cmd_questionnaire.c: `fphc questionnaire check FILE…` — validates definitions without a database.
 *
 * Sub-commands are a table; `load` (which needs the database) is added by the
 * database layer in its own file and listed here. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/cli_config.h"
#include "scoring/questionnaire.h"
#include "common/banned.h"

static void check_usage(FILE *f)
{
	fprintf(f, "usage: fphc questionnaire check FILE...\n\n"
		   "Checks questionnaire definitions. Prints every problem with its JSON path.\n"
		   "Exit status: 0 all valid, 1 problems found, 2 bad usage.\n");
}

static int questionnaire_check(int argc, char **argv)
{
	static const struct option opts[] = {{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'h') {
			check_usage(stdout);
			return 0;
		}
		check_usage(stderr);
		return 2;
	}
	if (optind >= argc) {
		check_usage(stderr);
		return 2;
	}
	int status = 0;
	for (int i = optind; i < argc; i++) {
		struct problems problems = PROBLEMS_INIT;
		struct questionnaire *q = questionnaire_load_file(argv[i], &problems);
		if (q && questionnaire_check_texts(q, &problems) != 0) {
			questionnaire_free(q);
			q = NULL;
		}
		if (q) {
			printf("%s: valid (%s version %ld: %zu pillars, %zu themes, %zu scored items, sha256 %s)\n",
			       argv[i], q->key, q->version, q->n_pillars, q->n_themes, q->n_scored, q->sha256);
		} else {
			fprintf(stderr, "%s: %zu problem%s\n", argv[i], problems_count(&problems),
				problems_count(&problems) == 1 ? "" : "s");
			for (size_t p = 0; p < problems.n; p++)
				fprintf(stderr, "%s: %s: %s\n", argv[i],
					problems.items[p].path[0] ? problems.items[p].path : "(top)",
					problems.items[p].message);
			if (problems.dropped)
				fprintf(stderr, "%s: ... and %zu more\n", argv[i], problems.dropped);
			status = 1;
		}
		questionnaire_free(q);
		problems_release(&problems);
	}
	return status;
}

static const struct command subcommands[] = {
	{"check", questionnaire_check, "validate definition files (no database needed)"},
	{"load", cmd_questionnaire_load, "store the definitions in the database (also done by migrate)"},
	{"export", cmd_questionnaire_export, "write a stored version as an Excel workbook or JSON"},
	{"import", cmd_questionnaire_import, "check an edited workbook, show the changes, store with --publish"},
	{NULL, NULL, NULL},
};

static void usage(FILE *f)
{
	fprintf(f, "usage: fphc questionnaire SUBCOMMAND [ARGS]\n\nSubcommands:\n");
	for (const struct command *c = subcommands; c->name; c++)
		fprintf(f, "  %-10s %s\n", c->name, c->summary);
}

int cmd_questionnaire(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return 0;
	}
	for (const struct command *c = subcommands; c->name; c++)
		if (strcmp(c->name, argv[1]) == 0)
			return c->run(argc - 1, argv + 1);
	fprintf(stderr, "fphc questionnaire: unknown subcommand '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}

/* commands.h: the `fphc` sub-commands. Each takes argc/argv starting at its own
 * name (argv[0] is the command name) and returns the process exit status:
 * 0 success, 1 the work failed (bad data, problems found), 2 bad usage or
 * invalid configuration. Each prints its own --help. */
#ifndef FPHC_COMMANDS_H
#define FPHC_COMMANDS_H

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

int cmd_version(int argc, char **argv);
int cmd_routes(int argc, char **argv);          /* cli/cmd_routes.c */
int cmd_serve(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_rescore(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_org(int argc, char **argv);
int cmd_invite(int argc, char **argv);
int cmd_questionnaire(int argc, char **argv);
/* `fphc questionnaire export` / `import` (cmd_questionnaire_sheet.c). */
int cmd_questionnaire_export(int argc, char **argv);
int cmd_questionnaire_import(int argc, char **argv);
int cmd_score(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_benchmarks(int argc, char **argv);
int cmd_aggregates(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_purge(int argc, char **argv);           /* cli/cmd_purge.c */
int cmd_org_logo(int argc, char **argv);      /* cli/cmd_org.c: fphc org logo */
int cmd_user(int argc, char **argv);          /* cli/cmd_user.c */
int cmd_invitations(int argc, char **argv);   /* cli/cmd_invitations.c */
int cmd_meetings(int argc, char **argv);      /* cli/cmd_meetings.c */
int demo_seed_office(int argc, char **argv); /* cli/cmd_seed.c */

extern const struct command commands[];

#endif

/* cli_env.c: after `make run`, commands typed in the checkout find the private
 * database and the server's address in ./var/fphc.env, which scripts/run.sh
 * writes. Read only when DATABASE_URL is not set (so tests, CI and production,
 * which set it, never see the file), and only for the keys below; a variable
 * already in the environment always wins. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_env.h"
#include "common/banned.h"

static const char *const keys[] = {"DATABASE_URL", "FPHC_LISTEN", "FPHC_BASE_URL"};

/* One line "export KEY='value'" or "KEY=value"; sets KEY when allowed and unset. */
static void take_line(char *line)
{
	line[strcspn(line, "\r\n")] = '\0';
	if (strncmp(line, "export ", 7) == 0)
		line += 7;
	char *eq = strchr(line, '=');
	if (!eq)
		return;
	*eq = '\0';
	char *value = eq + 1;
	size_t n = strlen(value);
	if (n >= 2 && value[0] == '\'' && value[n - 1] == '\'') {
		value[n - 1] = '\0';
		value++;
	}
	if (strchr(value, '\''))  /* run.sh never writes one; refuse anything odd */
		return;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(line, keys[i]) == 0 && *value)
			setenv(keys[i], value, 0);
}

int cli_env_file(const char *path)
{
	const char *db = getenv("DATABASE_URL");
	if (db && *db)
		return 0;
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	char line[4096];
	while (fgets(line, sizeof(line), f))
		take_line(line);
	fclose(f);
	return 1;
}

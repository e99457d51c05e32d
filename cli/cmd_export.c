/* cmd_export.c: `fphc export` (placeholder, filled below). */
#include "cli/commands.h"
int cmd_export(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 2;
}

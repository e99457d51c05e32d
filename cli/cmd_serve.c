/* cmd_serve.c: placeholder until the server lands in this commit series. */
#include <stdio.h>
#include "cli/commands.h"
#include "common/banned.h"

int cmd_serve(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "serve: not built yet\n"); return 1; }
int cmd_migrate(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "migrate: not built yet\n"); return 1; }

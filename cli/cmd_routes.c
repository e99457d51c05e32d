/* cmd_routes.c: `fphc routes` prints docs/routes.md from the route tables. */
#include <stdio.h>

#include "cli/commands.h"
#include "server/http/route_doc.h"
#include "common/banned.h"

int cmd_routes(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	struct buf b;
	buf_init(&b, 0);
	route_doc_write(&b);
	fwrite(b.data, 1, b.len, stdout);
	buf_release(&b);
	return 0;
}

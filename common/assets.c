/* assets.c: lookup in the table of compiled-in files. */
#include <string.h>

#include "common/assets.h"
#include "common/banned.h"

const struct asset *assets_find(const char *path)
{
	for (const struct asset *a = assets; a->path; a++)
		if (strcmp(a->path, path) == 0)
			return a;
	return NULL;
}

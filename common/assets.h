/* assets.h: files compiled into the binary (templates, static files, migrations). */
#ifndef FPHC_ASSETS_H
#define FPHC_ASSETS_H

#include <stddef.h>

struct asset {
	const char *path;           /* as given to the build, e.g. "server/static/app.css" */
	const unsigned char *data;  /* NUL-terminated after len bytes */
	size_t len;
};

/* Ends with an entry whose path is NULL. */
extern const struct asset assets[];

/* Returns the asset with exactly this path, or NULL. */
const struct asset *assets_find(const char *path);

#endif

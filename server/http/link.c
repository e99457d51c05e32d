/* link.c: absolute links; see link.h. */
#include <ctype.h>
#include <string.h>

#include "server/http/link.h"
#include "server/app/config.h"
#include "common/banned.h"

/* A Host header that can only be a host name (and port): never echoed otherwise. */
static int host_ok(const char *h)
{
	if (!h || !*h || strlen(h) > 200)
		return 0;
	for (const char *p = h; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr(".-:[]", *p))
			return 0;
	return 1;
}

char *link_absolute(struct req *r, const char *prefix, const char *token)
{
	if (config.base_url && *config.base_url) {
		size_t n = strlen(config.base_url);
		int slash = config.base_url[n - 1] == '/';
		return arena_printf(&r->arena, "%.*s%s%s", (int)(n - (size_t)slash), config.base_url, prefix, token);
	}
	const char *host = req_header(r, "Host");
	return arena_printf(&r->arena, "%s://%s%s%s", r->tls ? "https" : "http",
			    host_ok(host) ? host : "127.0.0.1:8080", prefix, token);
}

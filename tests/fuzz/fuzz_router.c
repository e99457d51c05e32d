/* fuzz_router.c: libFuzzer target for routing: the raw request path is
 * percent-decoded as http.c does, then matched against a route table with the
 * same kinds of patterns as the server's (literal, :param, trailing *). Input:
 * "METHOD PATH". A match must capture only non-empty parameters without '/'. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "server/http/router.h"
#include "server/http/req.h"
#include "common/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void h(struct req *r)
{
	(void)r;
}

static const struct route table[] = {
	{"GET", "/", h, 0, ACCESS_PUBLIC},
	{"GET", "/healthz", h, ROUTE_NO_SESSION, ACCESS_PUBLIC},
	{"GET", "/static/*", h, ROUTE_NO_SESSION, ACCESS_PUBLIC},
	{"GET", "/s/:token", h, ROUTE_NO_SESSION, ACCESS_PUBLIC},
	{"POST", "/s/:token/answer", h, ROUTE_NO_SESSION, ACCESS_PUBLIC},
	{"GET", "/s/:token/pillar/:n", h, ROUTE_NO_SESSION, ACCESS_PUBLIC},
	{"POST", "/s/:token/pillar/:n", h, ROUTE_NO_SESSION, ACCESS_PUBLIC},
	{"GET", "/s/:token/data.json", h, ROUTE_NO_SESSION, ACCESS_PUBLIC},
	{"GET", "/s/:token/lang/:to", h, ROUTE_NO_SESSION, ACCESS_PUBLIC},
	{"GET", "/companies/:id", h, 0, ACCESS_PUBLIC},
	{"POST", "/companies/:id", h, 0, ACCESS_PUBLIC},
	{"GET", "/companies/:id/export.json", h, 0, ACCESS_PUBLIC},
	{"POST", "/companies/:id/erase", h, 0, ACCESS_PUBLIC},
	{"GET", "/admin/audit", h, 0, ACCESS_PUBLIC},
	{"GET", "/api/v1/research/items", h, 0, ACCESS_PUBLIC},
	{NULL, NULL, NULL, 0, 0},
};
const struct route *const route_tables[] = {table, NULL};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		router_init();
		ready = 1;
	}
	const char *sp = memchr(data, ' ', size);
	if (!sp)
		return 0;
	size_t mlen = (size_t)(sp - (const char *)data), plen = size - mlen - 1;
	if (mlen > 16)
		return 0;
	char method[17];
	memcpy(method, data, mlen);
	method[mlen] = '\0';
	char *path = malloc(plen + 1);
	long n = text_percent_decode(sp + 1, plen, path, 0);
	if (n < 0 || memchr(path, '\0', (size_t)n)) {
		free(path);
		return 0;
	}
	path[n] = '\0';
	struct req r;
	memset(&r, 0, sizeof(r));
	r.arena = (struct arena)ARENA_INIT;
	const struct route *rt = NULL;
	char allow[128];
	enum router_result res = router_match(&r, method, path, &rt, allow, sizeof(allow));
	if (res == ROUTER_FOUND) {
		if (!rt)
			abort();
		int star = strchr(rt->pattern, '*') != NULL;
		for (int i = 0; i < REQ_MAX_PARAMS && r.params[i]; i++)
			if (!star && (!r.params[i][0] || strchr(r.params[i], '/')))
				abort();
	} else if (res == ROUTER_BAD_METHOD && !allow[0]) {
		abort();
	}
	arena_release(&r.arena);
	free(path);
	return 0;
}

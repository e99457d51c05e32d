/* router.c: matches decoded paths against the route tables. */
#include <stdio.h>
#include <string.h>

#include "server/http/router.h"
#include "common/banned.h"

#define MAX_ROUTES 512

static const struct route *flat[MAX_ROUTES];
static int nflat;

void router_init(void)
{
	nflat = 0;
	for (int t = 0; route_tables[t]; t++)
		for (const struct route *rt = route_tables[t]; rt->method && nflat < MAX_ROUTES; rt++)
			flat[nflat++] = rt;
}

int router_count(void)
{
	return nflat;
}

int router_index(const struct route *rt)
{
	for (int i = 0; i < nflat; i++)
		if (flat[i] == rt)
			return i;
	return -1;
}

const struct route *router_at(int i)
{
	return i >= 0 && i < nflat ? flat[i] : NULL;
}

/* Matches path against pattern; captures go to params (arena copies). */
static int match(struct req *r, const char *pat, const char *path, char **params)
{
	int np = 0;
	while (*pat && *path) {
		if (*pat == '*') {
			if (np < REQ_MAX_PARAMS)
				params[np++] = arena_strdup(&r->arena, path);
			return 1;
		}
		if (*pat == ':') {
			const char *pe = strchr(pat, '/');
			const char *se = strchr(path, '/');
			size_t seglen = se ? (size_t)(se - path) : strlen(path);
			if (seglen == 0 || np >= REQ_MAX_PARAMS)
				return 0;
			params[np++] = arena_strndup(&r->arena, path, seglen);
			pat = pe ? pe : pat + strlen(pat);
			path += seglen;
			continue;
		}
		if (*pat != *path)
			return 0;
		pat++;
		path++;
	}
	return *pat == '\0' && *path == '\0';
}

enum router_result router_match(struct req *r, const char *method, const char *path,
				const struct route **out, char *allow, size_t allowlen)
{
	int path_matched = 0;
	allow[0] = '\0';
	for (int i = 0; i < nflat; i++) {
		char *params[REQ_MAX_PARAMS] = {0};
		if (!match(r, flat[i]->pattern, path, params))
			continue;
		int same = strcmp(flat[i]->method, method) == 0 ||
			   (strcmp(method, "HEAD") == 0 && strcmp(flat[i]->method, "GET") == 0);
		if (same) {
			memcpy(r->params, params, sizeof(params));
			*out = flat[i];
			return ROUTER_FOUND;
		}
		if (!strstr(allow, flat[i]->method)) {
			size_t n = strlen(allow);
			snprintf(allow + n, allowlen - n, "%s%s", n ? ", " : "", flat[i]->method);
		}
		path_matched = 1;
	}
	return path_matched ? ROUTER_BAD_METHOD : ROUTER_NOT_FOUND;
}

/* router.h: the table-driven router. Each part of the server defines a table of
 * routes (ended by {NULL}) in its own file and lists it in server/http/routes.c. */
#ifndef FPHC_ROUTER_H
#define FPHC_ROUTER_H

#include "server/http/req.h"

typedef void (*route_handler)(struct req *r);

/* Route flags */
#define ROUTE_NO_SESSION  1u   /* needs no session lookup (health, static) */

struct route {
	const char *method;   /* "GET", "POST", … */
	const char *pattern;  /* "/s/:token/pillar/:n"; a final "*" captures the rest */
	route_handler handler;
	unsigned flags;
};

/* Every table, ended by NULL (server/http/routes.c). */
extern const struct route *const route_tables[];

/* Builds the flat index; call once before serving. */
void router_init(void);
/* Number of routes (for metrics) and the index of a route. */
int router_count(void);
int router_index(const struct route *rt);
const struct route *router_at(int i);

enum router_result { ROUTER_FOUND, ROUTER_NOT_FOUND, ROUTER_BAD_METHOD };

/* Matches a decoded path. On ROUTER_FOUND sets *out and fills r->params (in r's
 * arena). On ROUTER_BAD_METHOD writes the allowed methods ("GET, POST") into allow. */
enum router_result router_match(struct req *r, const char *method, const char *path,
				const struct route **out, char *allow, size_t allowlen);

#endif

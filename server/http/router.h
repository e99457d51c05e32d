/* router.h: the table-driven router. Each room of the server defines a table of
 * routes (ended by {NULL}) in its own file and lists it in server/http/routes.c.
 * A route declares who may call it and whether it changes state; the router
 * enforces both before the handler runs (server/http/access.c), so handlers do
 * not check roles or CSRF tokens themselves. */
#ifndef FPHC_ROUTER_H
#define FPHC_ROUTER_H

#include "server/http/req.h"

typedef void (*route_handler)(struct req *r);

/* Route flags */
#define ROUTE_NO_SESSION  1u   /* needs no session lookup (health, static, the owner's scan) */
#define ROUTE_CHANGES     2u   /* changes state: the CSRF check runs before the handler, and the
                                * handler and its audit entries share one transaction */
#define ROUTE_TWO_FACTOR_SETUP 8u /* open to a user whose association requires two-factor
                                * before it is set up (the set-up itself, logging out);
                                * every other back-office route sends them there first */
#define ROUTE_READ_ONLY   4u   /* with ROUTE_CHANGES: a form post that only reads (an export):
                                * CSRF-checked, but it runs its own read-only snapshot instead
                                * of the request's transaction */
#define ROUTE_REPLICA    16u   /* reads what a few seconds of lag cannot harm (research exports,
                                * aggregates, item statistics): req_read_db() may hand out the
                                * replica of FPHC_DATABASE_READ_URL; writes (audit) still go to
                                * the primary through req_db() */

/* Who may call a route (any combination; 0 is refused by the route test).
 * ACCESS_PUBLIC: anyone. ACCESS_OWNER: whoever holds the scan's invitation
 * token (the route's first capture). The other three are back-office roles. */
#define ACCESS_PUBLIC     1u
#define ACCESS_OWNER      2u
#define ACCESS_ADMIN      4u
#define ACCESS_ADVISOR    8u
#define ACCESS_RESEARCHER 16u
/* An admin of an association that owns its questionnaire (organisations.owns_questionnaire):
 * checked against the database before the handler runs. */
#define ACCESS_QUESTIONNAIRE_ADMIN 32u
#define ACCESS_STAFF      (ACCESS_ADMIN | ACCESS_ADVISOR)
#define ACCESS_USER       (ACCESS_ADMIN | ACCESS_ADVISOR | ACCESS_RESEARCHER)

struct route {
	const char *method;   /* "GET", "POST", … */
	const char *pattern;  /* "/s/:token/pillar/:n"; a final "*" captures the rest */
	route_handler handler;
	unsigned flags;       /* ROUTE_* */
	unsigned access;      /* ACCESS_* */
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

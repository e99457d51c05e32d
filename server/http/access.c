/* access.c: who may call a route, enforced before the handler; see access.h. */
#include <string.h>
#include <strings.h>

#include "server/http/access.h"
#include "server/http/session.h"
#include "server/db/questionnaire.h"
#include "common/banned.h"

unsigned access_roles(unsigned access)
{
	unsigned roles = 0;
	if (access & (ACCESS_ADMIN | ACCESS_QUESTIONNAIRE_ADMIN))
		roles |= ROLE_ADMIN;
	if (access & ACCESS_ADVISOR)
		roles |= ROLE_ADVISOR;
	if (access & ACCESS_RESEARCHER)
		roles |= ROLE_RESEARCHER;
	return roles;
}

/* "https://host:port" or "http://host" against the request's Host header. */
static int origin_is_host(const char *origin, const char *host)
{
	const char *p = strstr(origin, "://");
	if (!p || !host || !*host)
		return 0;
	return strcasecmp(p + 3, host) == 0;
}

int access_cross_site(struct req *r)
{
	const char *site = req_header(r, "Sec-Fetch-Site");
	if (site && strcmp(site, "same-origin") != 0 && strcmp(site, "none") != 0)
		return 1;
	const char *origin = req_header(r, "Origin");
	if (origin && *origin && strcmp(origin, "null") != 0 && !origin_is_host(origin, req_header(r, "Host")))
		return 1;
	/* "Origin: null" is what browsers send under our Referrer-Policy: no-referrer;
	 * Sec-Fetch-Site (sent by every current browser) decides then. */
	return 0;
}

int access_check(struct req *r, const struct route *rt)
{
	unsigned a = rt->access;
	int changes = (rt->flags & ROUTE_CHANGES) != 0;
	if (a == 0) { /* a route that declares nobody: refused, never open by accident */
		reply_error(r, 404);
		return -1;
	}
	if (a & ACCESS_PUBLIC) {
		if (changes && access_cross_site(r)) {
			reply_error(r, 403);
			return -1;
		}
		return 0;
	}
	if (a & ACCESS_OWNER)
		return owner_guard(r, changes);
	if (auth_require(r, access_roles(a)) != 0)
		return -1;
	if ((a & ACCESS_QUESTIONNAIRE_ADMIN) && !(a & ACCESS_ADMIN) && r->session->role == ROLE_ADMIN) {
		int owns = db_org_owns_questionnaire(req_db(r), r->session->org_id);
		if (owns < 0) {
			reply_db_error(r);
			return -1;
		}
		if (!owns) {
			audit(r, "denied", "route", 0, NULL);
			reply_error(r, 404);
			return -1;
		}
	}
	if (r->session->two_factor_due && !(rt->flags & ROUTE_TWO_FACTOR_SETUP)) {
		if (req_is_api(r))
			reply_json_error(r, 403, "two-factor sign-in must be set up first (/account/two-factor)", NULL);
		else if (strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0)
			reply_redirect(r, "/account/two-factor");
		else
			reply_error(r, 403);
		return -1;
	}
	return changes ? csrf_require(r) : 0;
}

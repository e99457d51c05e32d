/* evaluation.c: the interim evaluation (tussen-evaluatie) of the user's own
 * association, as a page and as a PDF (evaluation_view.c). Read-only: served
 * from the replica. */
#include <stddef.h>

#include "server/http/page.h"
#include "server/http/routes.h"
#include "server/http/session.h"
#include "server/pages/office/evaluation_view.h"
#include "common/banned.h"

static void scope_of(struct req *r, struct eval_scope *s, long long *org, const char *path)
{
	*org = r->session->org_id;
	*s = (struct eval_scope){org, 1, r->session->org_name, path, ""};
}

static void page(struct req *r)
{
	long long org;
	struct eval_scope s;
	scope_of(r, &s, &org, "/evaluation");
	eval_view_page(r, &s, "office/evaluation", page_ctx(r));
}

static void pdf(struct req *r)
{
	long long org;
	struct eval_scope s;
	scope_of(r, &s, &org, "/evaluation");
	eval_view_pdf(r, &s);
}

const struct route routes_evaluation[] = {
	{"GET", "/evaluation", page, ROUTE_REPLICA, ACCESS_STAFF},
	{"GET", "/evaluation.pdf", pdf, ROUTE_REPLICA, ACCESS_STAFF},
	{NULL, NULL, NULL, 0, 0},
};

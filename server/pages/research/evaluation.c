/* evaluation.c: the interim evaluation for the research group — all
 * associations that share with it (the province), or one of them (?org=ID,
 * only a sharing one) — as a page and as a PDF (office/evaluation_view.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/http/page.h"
#include "server/http/routes.h"
#include "server/http/session.h"
#include "server/http/i18n.h"
#include "server/db/evaluation.h"
#include "server/pages/office/evaluation_view.h"
#include "common/banned.h"

/* The sharing associations and the chosen scope; adds the choice list to ctx
 * (may be NULL). 0, or -1 after replying (an association that does not share
 * with this group: 404, as if it did not exist). */
static int scope_of(struct req *r, struct eval_scope *s, cJSON *ctx)
{
	struct evaluation_org *orgs;
	int n = db_evaluation_sharing_orgs(req_read_db(r), &r->arena, r->session->org_id, &orgs);
	if (n < 0) {
		reply_db_error(r);
		return -1;
	}
	const char *want = req_query(r, "org");
	long long id = 0;
	if (want && *want) {
		char *end;
		id = strtoll(want, &end, 10);
		if (*end || id <= 0)
			id = -1;
	}
	long long *ids = arena_alloc(&r->arena, (size_t)(n + 1) * sizeof(*ids));
	size_t k = 0;
	const char *name = arena_printf(&r->arena, "%s %s", i18n_get(r->lang, "evaluation.all_sharing"),
					r->session->org_name);
	cJSON *list = ctx ? cJSON_AddArrayToObject(ctx, "orgs") : NULL;
	if (ctx)
		cJSON_AddBoolToObject(ctx, "has_orgs", n > 0);
	for (int i = 0; i < n; i++) {
		if (list) {
			char v[24];
			snprintf(v, sizeof(v), "%lld", orgs[i].id);
			page_option(list, v, orgs[i].name, want ? want : "");
		}
		if (id == 0 || orgs[i].id == id) {
			ids[k++] = orgs[i].id;
			if (id)
				name = orgs[i].name;
		}
	}
	if (id != 0 && k == 0) {
		reply_error(r, 404);
		return -1;
	}
	if (k == 0)
		ids[k++] = 0; /* nothing shares yet: an empty evaluation, never another group's */
	*s = (struct eval_scope){ids, k, name, "/research/evaluation",
				 id > 0 ? arena_printf(&r->arena, "&org=%lld", id) : ""};
	return 0;
}

static void page(struct req *r)
{
	cJSON *ctx = page_ctx(r);
	struct eval_scope s;
	if (scope_of(r, &s, ctx) != 0)
		return;
	eval_view_page(r, &s, "research/evaluation", ctx);
}

static void pdf(struct req *r)
{
	struct eval_scope s;
	if (scope_of(r, &s, NULL) != 0)
		return;
	eval_view_pdf(r, &s);
}

const struct route routes_research_evaluation[] = {
	{"GET", "/research/evaluation", page, ROUTE_REPLICA, ACCESS_RESEARCHER},
	{"GET", "/research/evaluation.pdf", pdf, ROUTE_REPLICA, ACCESS_RESEARCHER},
	{NULL, NULL, NULL, 0, 0},
};

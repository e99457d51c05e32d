/* preview.c: the owner's pages of a draft questionnaire (issue 19.4), for the admin or
 * researcher who uploaded it, under /questionnaires/drafts/ID/preview/…: the start page, the
 * profile, every pillar, the review, "later verder" and the done page, with the owner's own
 * templates and checks, in the language of the session (the switch at the top changes it).
 * A banner says "voorbeeld, er wordt niets opgeslagen", and it is true: the forms post to
 * read-only routes that check what was typed, show the owner's messages, and move on without
 * writing a row. No scan, no answers, no audit entry. */
#include <stdlib.h>
#include <string.h>

#include "server/pages/respondent/respondent.h"
#include "server/http/i18n.h"
#include "server/http/page.h"
#include "server/http/routes.h"
#include "server/http/session.h"
#include "server/db/answers.h"
#include "server/db/questionnaire_draft.h"
#include "common/text.h"
#include "common/banned.h"

static void free_questionnaire(void *p)
{
	questionnaire_free(p);
}

static void free_json(void *p)
{
	cJSON_Delete(p);
}

/* The preview of the draft in route parameter 0 as a scan nobody filled in yet; 0, or -1
 * with the reply queued (404 for another association's draft or an unknown id). */
static int preview_load(struct req *r, struct scan_ctx *s)
{
	memset(s, 0, sizeof(*s));
	long long id = text_parse_id(req_param(r, 0));
	struct questionnaire_draft d;
	int found = id ? db_questionnaire_draft_get(req_db(r), &r->arena, r->session->org_id, id, &d) : 0;
	if (!reply_found(r, found))
		return -1;
	struct questionnaire *q = questionnaire_parse(d.definition_json, strlen(d.definition_json), NULL);
	if (!q) {  /* a stored draft passed the checks; this is not the author's doing */
		reply_error(r, 500);
		return -1;
	}
	req_defer(r, free_questionnaire, q);
	s->q = q;
	s->preview = 1;
	s->base = arena_printf(&r->arena, "/questionnaires/drafts/%lld/preview", id);
	s->preview_back = arena_printf(&r->arena, "/questionnaires/drafts/%lld", id);
	s->answers = cJSON_CreateObject();
	req_defer(r, free_json, s->answers);
	s->v.status = "started";
	s->v.lang = r->lang;
	s->v.consent = 1;
	s->v.sector = s->v.fte = s->v.employees = s->v.municipality = "";
	s->v.company_name = i18n_get(r->lang, "scan.preview.company");
	/* the research group previews for every association: the owner sees an association's name */
	s->v.org_name = r->session->role == ROLE_RESEARCHER ? i18n_get(r->lang, "scan.preview.association")
							    : r->session->org_name;
	s->v.org_slug = r->session->role == ROLE_RESEARCHER ? "" : r->session->org_slug;
	s->v.research_name = "";
	return 0;
}

static void start_get(struct req *r)
{
	struct scan_ctx s;
	if (preview_load(r, &s) == 0)
		scan_start_show(r, &s, 200, NULL);
}

static void consent_post(struct req *r)
{
	struct scan_ctx s;
	if (preview_load(r, &s) != 0)
		return;
	if (scan_consent_read(r, &s))
		reply_redirect(r, scan_page_path(r, &s, 0));
}

static void profile_get(struct req *r)
{
	struct scan_ctx s;
	if (preview_load(r, &s) == 0)
		scan_profile_show(r, &s, 200, scan_page_ctx(r, &s), "", "", "", "", 0);
}

static void profile_post(struct req *r)
{
	struct scan_ctx s;
	if (preview_load(r, &s) != 0)
		return;
	cJSON *ctx = scan_page_ctx(r, &s);
	struct scan_profile_form f;
	int refused = scan_profile_read(r, &s, ctx, &f) != 0;
	if (refused || f.needs_notice) {
		scan_profile_show(r, &s, refused ? 400 : 200, ctx, f.sector, f.fte, f.employees, f.municipality,
				  f.needs_notice);
		return;
	}
	reply_redirect(r, scan_page_path(r, &s, 1));
}

static int pillar_of(struct req *r, const struct scan_ctx *s)
{
	int n = scan_pillar_number(r, s, 1);
	if (!n)
		reply_error(r, 404);
	return n;
}

static void pillar_get(struct req *r)
{
	struct scan_ctx s;
	int n;
	if (preview_load(r, &s) != 0 || !(n = pillar_of(r, &s)))
		return;
	scan_pillar_show(r, &s, n, scan_answers_by_index(r, &s), NULL, NULL, 200);
}

/* The pillar's form is checked as the owner's is; a refused page comes back with the
 * owner's messages and everything typed on it, since nothing was kept. */
static void pillar_post(struct req *r)
{
	struct scan_ctx s;
	int n;
	if (preview_load(r, &s) != 0 || !(n = pillar_of(r, &s)))
		return;
	size_t items = s.q->n_items + 1;
	const cJSON **shown = arena_alloc(&r->arena, sizeof(*shown) * items);
	const char **errors = arena_alloc(&r->arena, sizeof(*errors) * items);
	const char **typed = arena_alloc(&r->arena, sizeof(*typed) * items);
	struct answer_write *w;
	int nw;
	int problems = scan_pillar_read(r, &s, n, &w, &nw, errors, typed, shown);
	if (problems < 0)
		return;
	if (problems) {
		for (int i = 0; i < nw; i++) {
			cJSON *v = w[i].value_json ? cJSON_Parse(w[i].value_json) : NULL;
			if (v)
				cJSON_AddItemToObject(s.answers, w[i].item_key, v);
		}
		scan_pillar_show_refused(r, &s, n, errors, typed, shown);
		return;
	}
	scan_pillar_move_on(r, &s, n);
}

static void review_get(struct req *r)
{
	struct scan_ctx s;
	if (preview_load(r, &s) == 0)
		scan_review_show(r, &s, 200, NULL);
}

/* Sending asks the same confirmation as the owner's: with nothing answered, every
 * pillar would get no score. */
static void submit_post(struct req *r)
{
	struct scan_ctx s;
	if (preview_load(r, &s) != 0)
		return;
	if (scan_send_confirmed(r, &s))
		reply_redirect(r, arena_printf(&r->arena, "%s/done", s.base));
}

static void done_get(struct req *r)
{
	struct scan_ctx s;
	if (preview_load(r, &s) == 0)
		scan_done_show_preview(r, &s, scan_page_ctx(r, &s), 200);
}

static void follow_up_post(struct req *r)
{
	struct scan_ctx s;
	if (preview_load(r, &s) != 0)
		return;
	const char **vals;
	int n = req_form_all(r, "follow_up", &vals);
	const char *v = n == 1 ? vals[0] : NULL;
	if (!v || (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0)) {
		cJSON *ctx = scan_page_ctx(r, &s);
		page_field_error(ctx, "follow_up", i18n_get(r->lang, "scan.done.follow_up_missing"));
		scan_done_show_preview(r, &s, ctx, 400);
		return;
	}
	reply_redirect(r, arena_printf(&r->arena, "%s/done#follow-up", s.base));
}

static void later_get(struct req *r)
{
	struct scan_ctx s;
	if (preview_load(r, &s) == 0)
		scan_later_show(r, &s, "", 200, NULL);  /* no invitation address: no mail form */
}

/* Read-only posts (ROUTE_CHANGES | ROUTE_READ_ONLY): the CSRF check runs, nothing is written. */
#define PREVIEW_POST (ROUTE_CHANGES | ROUTE_READ_ONLY)
#define PREVIEW_ACCESS (ACCESS_ADMIN | ACCESS_RESEARCHER)

const struct route routes_preview[] = {
	{"GET", "/questionnaires/drafts/:id/preview", start_get, 0, PREVIEW_ACCESS},
	{"POST", "/questionnaires/drafts/:id/preview/consent", consent_post, PREVIEW_POST, PREVIEW_ACCESS},
	{"GET", "/questionnaires/drafts/:id/preview/profile", profile_get, 0, PREVIEW_ACCESS},
	{"POST", "/questionnaires/drafts/:id/preview/profile", profile_post, PREVIEW_POST, PREVIEW_ACCESS},
	{"GET", "/questionnaires/drafts/:id/preview/pillar/:n", pillar_get, 0, PREVIEW_ACCESS},
	{"POST", "/questionnaires/drafts/:id/preview/pillar/:n", pillar_post, PREVIEW_POST, PREVIEW_ACCESS},
	{"GET", "/questionnaires/drafts/:id/preview/review", review_get, 0, PREVIEW_ACCESS},
	{"POST", "/questionnaires/drafts/:id/preview/submit", submit_post, PREVIEW_POST, PREVIEW_ACCESS},
	{"GET", "/questionnaires/drafts/:id/preview/done", done_get, 0, PREVIEW_ACCESS},
	{"POST", "/questionnaires/drafts/:id/preview/follow-up", follow_up_post, PREVIEW_POST, PREVIEW_ACCESS},
	{"GET", "/questionnaires/drafts/:id/preview/later", later_get, 0, PREVIEW_ACCESS},
	{NULL, NULL, NULL, 0, 0},
};

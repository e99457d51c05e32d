/* done.c: after submitting (what happens next, and a first impression of
 * the pillar scores when the association enables it). */
#include <math.h>
#include <string.h>

#include "server/pages/respondent/respondent.h"
#include "server/http/page.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/db/report.h"
#include "server/db/benchmark.h"
#include "server/db/follow_up.h"
#include "server/app/config.h"
#include "server/app/report_build.h"
#include "server/app/sector.h"
#include "scoring/score.h"
#include "common/banned.h"

/* What happens next, each step marked done, now or later by the scan's status:
 * the report (made until the advisor finalises it), the meeting, the actions. */
static void add_steps(struct req *r, cJSON *ctx, const char *status)
{
	int phase = strcmp(status, "final") == 0 ? 1
		  : strcmp(status, "meeting_held") == 0 || strcmp(status, "closed") == 0 ? 2 : 0;
	static const char *const keys[3][2] = {
		{"scan.done.step_report", "scan.done.step_report_done"},
		{"scan.done.step_meeting", "scan.done.step_meeting_done"},
		{"scan.done.step_actions", "scan.done.step_actions"},
	};
	cJSON *steps = cJSON_AddArrayToObject(ctx, "next_steps");
	for (int i = 0; i < 3; i++) {
		cJSON *st = cJSON_CreateObject();
		int done = i < phase;
		cJSON_AddStringToObject(st, "text", i18n_get(r->lang, keys[i][done]));
		cJSON_AddStringToObject(st, "state", done ? "done" : i == phase ? "now" : "later");
		cJSON_AddStringToObject(st, "state_label", i18n_get(r->lang, done ? "scan.done.state_done"
								: i == phase ? "scan.done.state_now" : "scan.done.state_later"));
		cJSON_AddItemToArray(steps, st);
	}
}

/* Which companies the report compares with, in the words the report uses;
 * nothing set when there are too few (the page then says so). */
static int add_comparison(struct req *r, cJSON *ctx, long long scan_id)
{
	struct benchmark b;
	if (db_benchmark_scan(req_db(r), &r->arena, scan_id, config.benchmark_k, &b) != 0)
		return -1;
	const char *kind = b.group.kind ? b.group.kind : "none";
	const char *words = NULL;
	if (strcmp(kind, "sector") == 0)
		words = arena_printf(&r->arena, "%s (%s %s)", i18n_get(r->lang, "scan.done.group_sector"), b.group.value,
				     sbi_name(b.group.value, r->lang));
	else if (strcmp(kind, "none") != 0)
		words = report_group_label(&r->arena, &b.group, r->lang);
	if (words)
		cJSON_AddStringToObject(ctx, "comparison_group", words);
	return 0;
}

/* The owner's answer to the follow-up question (issue 20.2) and when it was given. */
static int add_follow_up(struct req *r, cJSON *ctx, long long scan_id)
{
	enum follow_up_consent c;
	const char *at;
	if (db_follow_up_consent_get(req_db(r), &r->arena, scan_id, &c, &at) != 0)
		return -1;
	if (c == FOLLOW_UP_YES)
		cJSON_AddBoolToObject(ctx, "follow_up_yes", 1);
	if (c == FOLLOW_UP_NO)
		cJSON_AddBoolToObject(ctx, "follow_up_no", 1);
	if (c != FOLLOW_UP_UNKNOWN && at[0])
		cJSON_AddStringToObject(ctx, "follow_up_at", at);
	return 0;
}

static int submitted(const struct scan_ctx *s)
{
	return strcmp(s->v.status, "invited") != 0 && strcmp(s->v.status, "started") != 0;
}

/* The done page; ctx may already hold field errors (then status 400). */
static void render_done(struct req *r, struct scan_ctx *s, cJSON *ctx, int status);

/* The scan of the link once it was sent: 1, or 0 after answering (those of scan_load, or
 * while it is not sent a redirect to the scan's start page). */
static int load_sent(struct req *r, struct scan_ctx *s)
{
	if (scan_load(r, 0, s) != 0)
		return 0;
	if (!submitted(s)) {
		reply_redirect(r, arena_printf(&r->arena, "/s/%s", s->token));
		return 0;
	}
	return 1;
}

void scan_done_get(struct req *r)
{
	struct scan_ctx s;
	if (!load_sent(r, &s))
		return;
	render_done(r, &s, scan_page_ctx(r, &s), 200);
}

void scan_follow_up_post(struct req *r)
{
	struct scan_ctx s;
	if (!load_sent(r, &s))
		return;
	const char **vals;
	int n = req_form_all(r, "follow_up", &vals);
	const char *v = n == 1 ? vals[0] : NULL;  /* a radio button sends one value */
	int yes = v && strcmp(v, "yes") == 0, no = v && strcmp(v, "no") == 0;
	if (!yes && !no) {
		cJSON *ctx = scan_page_ctx(r, &s);
		page_field_error(ctx, "follow_up", i18n_get(r->lang, "scan.done.follow_up_missing"));
		render_done(r, &s, ctx, 400);
		return;
	}
	if (db_follow_up_consent_set(req_db(r), s.v.id, yes) != 0) {
		reply_db_error(r);
		return;
	}
	scan_audit(r, &s, "owner_follow_up_consent");
	reply_redirect(r, arena_printf(&r->arena, "/s/%s/done#follow-up", s.token));
}

static void render_done(struct req *r, struct scan_ctx *sp, cJSON *ctx, int status)
{
	struct scan_ctx s = *sp;
	if (s.v.show_first_impression) {
		double scores[32];
		int n = db_scan_pillar_scores(req_db(r), s.v.id, s.q, scores, 32);
		if (n < 0) {
			reply_db_error(r);
			return;
		}
		scan_audit(r, &s, "owner_results_view");
		cJSON *imp = cJSON_AddObjectToObject(ctx, "impression");
		cJSON *list = cJSON_AddArrayToObject(imp, "pillars");
		for (int i = 0; i < n; i++) {
			cJSON *p = cJSON_CreateObject();
			cJSON_AddStringToObject(p, "title", text_pair_get(&s.q->pillars[i].title, r->lang));
			if (isfinite(scores[i])) {
				int band = score_band_of(s.q, scores[i]);
				cJSON_AddBoolToObject(p, "valid", 1);
				cJSON_AddNumberToObject(p, "score", (double)score_round_display(scores[i]));
				if (band >= 0) {
					cJSON_AddStringToObject(p, "band", text_pair_get(&s.q->bands[band].label, r->lang));
					cJSON_AddStringToObject(p, "band_key", s.q->bands[band].key);
				}
			}
			cJSON_AddItemToArray(list, p);
		}
	}
	int report = db_report_owner_available(req_db(r), s.v.id);
	if (report < 0) {
		reply_db_error(r);
		return;
	}
	if (report) {
		cJSON_AddStringToObject(ctx, "report_url", arena_printf(&r->arena, "/s/%s/report.pdf", s.token));
		cJSON_AddStringToObject(ctx, "report_web_url", arena_printf(&r->arena, "/s/%s/report.html", s.token));
	}
	add_steps(r, ctx, s.v.status);
	if (add_comparison(r, ctx, s.v.id) != 0 || add_follow_up(r, ctx, s.v.id) != 0) {
		reply_db_error(r);
		return;
	}
	page_render(r, status, "respondent/done", i18n_get(r->lang, "scan.done.title"), ctx);
}

void scan_done_show_preview(struct req *r, const struct scan_ctx *s, cJSON *ctx, int status)
{
	(void)s;
	add_steps(r, ctx, "submitted");
	page_render(r, status, "respondent/done", i18n_get(r->lang, "scan.done.title"), ctx);
}

/* done.c: after submitting (what happens next, and a first impression of
 * the pillar scores when the association enables it), and the "later verder" page. */
#include <math.h>
#include <string.h>

#include "server/pages/respondent/respondent.h"
#include "server/http/page.h"
#include "server/http/tmpl.h"
#include "server/db/report.h"
#include "scoring/score.h"
#include "common/banned.h"

void scan_done_get(struct req *r)
{
	struct scan_ctx s;
	if (scan_load(r, 0, &s) != 0)
		return;
	if (strcmp(s.v.status, "invited") == 0 || strcmp(s.v.status, "started") == 0) {
		reply_redirect(r, arena_printf(&r->arena, "/s/%s", s.token));
		return;
	}
	cJSON *ctx = scan_page_ctx(r, &s);
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
				cJSON_AddBoolToObject(p, "valid", 1);
				cJSON_AddNumberToObject(p, "score", (double)score_round_display(scores[i]));
			}
			cJSON_AddItemToArray(list, p);
		}
	}
	int report = db_report_owner_available(req_db(r), s.v.id);
	if (report < 0) {
		reply_db_error(r);
		return;
	}
	if (report)
		cJSON_AddStringToObject(ctx, "report_url", arena_printf(&r->arena, "/s/%s/report.pdf", s.token));
	page_render(r, 200, "respondent/done", i18n_get(r->lang, "scan.done.title"), ctx);
}

void scan_later_get(struct req *r)
{
	struct scan_ctx s;
	if (scan_load(r, 0, &s) != 0)
		return;
	page_render(r, 200, "respondent/later", i18n_get(r->lang, "scan.later.title"), scan_page_ctx(r, &s));
}

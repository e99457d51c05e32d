/* review.c: the overview of all answers per pillar (unanswered questions
 * marked, with links to them) and the submission, which scores the scan in the
 * same transaction (server/app/scan_submit.c). */
#include <stdio.h>
#include <string.h>

#include "server/pages/respondent/respondent.h"
#include "server/app/scan_submit.h"
#include "scoring/score.h"
#include "scoring/problems.h"
#include "server/http/page.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "common/text.h"
#include "common/number_nl.h"
#include "common/banned.h"

/* The answer as the owner would say it, or NULL when unanswered. */
static const char *answer_text(struct req *r, const struct item *it, const cJSON *a)
{
	if (!a || cJSON_IsNull(a))
		return NULL;
	if (cJSON_IsString(a) && strcmp(a->valuestring, "na") == 0 && it->type != ITEM_TEXT)
		return i18n_get(r->lang, "scan.review.na");
	switch (it->type) {
	case ITEM_LIKERT5: {
		int v = cJSON_IsNumber(a) ? (int)a->valuedouble : 0;
		return v >= 1 && v <= 5 ? text_pair_get(&it->scale[v - 1], r->lang) : NULL;
	}
	case ITEM_CHOICE:
		for (size_t i = 0; cJSON_IsString(a) && i < it->n_options; i++)
			if (strcmp(it->options[i].key, a->valuestring) == 0)
				return text_pair_get(&it->options[i].label, r->lang);
		return NULL;
	case ITEM_MULTI: {
		struct buf b;
		buf_init(&b, 0);
		const cJSON *e;
		cJSON_ArrayForEach(e, a) {
			for (size_t i = 0; cJSON_IsString(e) && i < it->n_options; i++)
				if (strcmp(it->options[i].key, e->valuestring) == 0)
					buf_printf(&b, "%s%s", b.len ? "; " : "", text_pair_get(&it->options[i].label, r->lang));
		}
		char *s = arena_strdup(&r->arena, b.len ? b.data : i18n_get(r->lang, "scan.review.none"));
		buf_release(&b);
		return s;
	}
	case ITEM_NUMBER: {
		char num[32];
		return cJSON_IsNumber(a) ? arena_printf(&r->arena, "%s%s%s",
							 number_nl_format(a->valuedouble, strcmp(r->lang, "nl") == 0, num),
							 it->unit && strcmp(it->unit, "%") != 0 ? " " : "",
							 it->unit ? it->unit : "") : NULL;
	}
	case ITEM_YESNO:
		return i18n_get(r->lang, cJSON_IsTrue(a) ? "scan.item.yes" : "scan.item.no");
	case ITEM_TEXT:
		return cJSON_IsString(a) ? a->valuestring : NULL;
	}
	return NULL;
}

static const char *sector_name(const struct questionnaire *q, const char *key, const char *lang)
{
	for (size_t i = 0; i < q->profile.n_sectors; i++)
		if (strcmp(q->profile.sectors[i].key, key) == 0)
			return text_pair_get(&q->profile.sectors[i].label, lang);
	return key;
}

/* The scores the answers given so far would get (NULL when the stored answers
 * no longer parse, which a stored set always does). Free with score_result_free. */
struct score_result *scan_scores_so_far(const struct scan_ctx *s)
{
	struct answer_set *set = answer_set_new(s->q);
	if (!set)
		return NULL;
	struct problems probs;
	problems_init(&probs, 8);
	for (const cJSON *a = s->answers ? s->answers->child : NULL; a; a = a->next)
		answer_set_put(set, a->string, a, &probs); /* a value that no longer fits stays unanswered */
	problems_release(&probs);
	struct score_result *res = score_compute(s->q, set);
	answer_set_free(set);
	return res;
}

/* The pillars that would get no score, as "title, title" (arena), or NULL. */
const char *scan_pillars_without_score(struct req *r, const struct scan_ctx *s, const struct score_result *res)
{
	struct buf b;
	buf_init(&b, 0);
	for (size_t pi = 0; res && pi < s->q->n_pillars; pi++)
		if (!res->pillars[pi].valid)
			buf_printf(&b, "%s“%s”", b.len ? ", " : "", text_pair_get(&s->q->pillars[pi].title, r->lang));
	char *out = b.len ? arena_strdup(&r->arena, b.data) : NULL;
	buf_release(&b);
	return out;
}

/* The review page; confirm_error (NULL normally) is the message next to the
 * confirmation when the owner sent without confirming that parts get no score. */
void scan_review_show(struct req *r, const struct scan_ctx *sp, int status, const char *confirm_error)
{
	const struct scan_ctx s = *sp;  /* read only; keeps the body's s.field spelling */
	const struct questionnaire *q = s.q;
	struct score_result *res = scan_scores_so_far(&s);
	cJSON *ctx = scan_page_ctx(r, &s);
	cJSON *pillars = cJSON_AddArrayToObject(ctx, "pillars");
	int unanswered = 0;
	for (size_t pi = 0; pi < q->n_pillars; pi++) {
		const struct pillar *p = &q->pillars[pi];
		cJSON *pc = cJSON_CreateObject();
		const char *href = scan_page_path(r, &s, (int)pi + 1);
		cJSON_AddStringToObject(pc, "key", p->key);
		cJSON_AddStringToObject(pc, "title", text_pair_get(&p->title, r->lang));
		cJSON_AddStringToObject(pc, "href", href);
		int scored = res && res->pillars[pi].valid;
		cJSON_AddBoolToObject(pc, "gets_score", scored);
		cJSON *missing = cJSON_AddArrayToObject(pc, "missing_items");
		cJSON *items = cJSON_AddArrayToObject(pc, "items");
		for (size_t t = 0; t < p->n_themes; t++) {
			for (size_t i = 0; i < p->themes[t].n_items; i++) {
				const struct item *it = &p->themes[t].items[i];
				const char *ans = answer_text(r, it, cJSON_GetObjectItemCaseSensitive(s.answers, it->key));
				cJSON *ic = cJSON_CreateObject();
				cJSON_AddNumberToObject(ic, "number", (double)it->index + 1);
				cJSON_AddStringToObject(ic, "text", text_pair_get(&it->text, r->lang));
				if (ans)
					cJSON_AddStringToObject(ic, "answer", ans);
				else if (it->type == ITEM_TEXT)
					cJSON_AddBoolToObject(ic, "optional_empty", 1);
				else {
					cJSON_AddBoolToObject(ic, "missing", 1);
					cJSON_AddStringToObject(ic, "href", arena_printf(&r->arena, "%s#q-%s", href, it->key));
					unanswered++;
					if (!scored) {
						cJSON *m = cJSON_CreateObject();
						cJSON_AddNumberToObject(m, "number", (double)it->index + 1);
						cJSON_AddStringToObject(m, "href", arena_printf(&r->arena, "%s#q-%s", href, it->key));
						cJSON_AddStringToObject(m, "text", text_pair_get(&it->text, r->lang));
						cJSON_AddItemToArray(missing, m);
					}
				}
				cJSON_AddItemToArray(items, ic);
			}
		}
		cJSON_AddBoolToObject(pc, "has_missing", cJSON_GetArraySize(missing) > 0);
		cJSON_AddItemToArray(pillars, pc);
	}
	cJSON_AddNumberToObject(ctx, "n_unanswered", unanswered);
	const char *no_score = scan_pillars_without_score(r, &s, res);
	score_result_free(res);
	if (no_score) {
		cJSON_AddStringToObject(ctx, "no_score_parts", no_score);
		if (confirm_error)
			page_field_error(ctx, "confirm_no_score", confirm_error);
	}
	cJSON_AddStringToObject(ctx, "last_pillar_href", scan_page_path(r, &s, (int)q->n_pillars));
	cJSON_AddStringToObject(ctx, "profile_sector", sector_name(q, s.v.sector, r->lang));
	double fte;
	char fte_text[32];
	cJSON_AddStringToObject(ctx, "profile_fte", text_parse_double(s.v.fte, 0, 1e9, &fte) == 0
				? arena_strdup(&r->arena, number_nl_format(fte, strcmp(r->lang, "nl") == 0, fte_text))
				: s.v.fte);
	cJSON_AddStringToObject(ctx, "profile_employees", s.v.employees);
	cJSON_AddStringToObject(ctx, "profile_municipality", s.v.municipality);
	page_render(r, status, "respondent/review", i18n_get(r->lang, "scan.review.title"), ctx);
}

void scan_review_get(struct req *r)
{
	struct scan_ctx s;
	if (scan_load(r, 1, &s) != 0 || scan_require_open(r, &s) != 0)
		return;
	int review = scan_review_page(&s);
	if (s.v.last_page != review && db_scan_set_last_page(req_db(r), s.v.id, review) != 0) {
		reply_db_error(r);
		return;
	}
	scan_review_show(r, &s, 200, NULL);
}

int scan_send_confirmed(struct req *r, const struct scan_ctx *s)
{
	/* sending while a part would get no score needs the owner's explicit yes */
	const char *confirm = req_form(r, "confirm_no_score");
	struct score_result *res = scan_scores_so_far(s);
	const char *no_score = scan_pillars_without_score(r, s, res);
	score_result_free(res);
	if (no_score && !(confirm && strcmp(confirm, "yes") == 0)) {
		scan_review_show(r, s, 400, i18n_get(r->lang, "scan.review.confirm_missing"));
		return 0;
	}
	return 1;
}

void scan_submit_post(struct req *r)
{
	struct scan_ctx s;
	if (scan_load(r, 1, &s) != 0)
		return;
	if (strcmp(s.v.status, "started") == 0 && s.v.consent && !scan_send_confirmed(r, &s))
		return;
	switch (scan_submit(req_db(r), s.v.id, s.q)) {
	case SCAN_SUBMIT_DONE:
		scan_audit(r, &s, "owner_submit");
		/* fall through */
	case SCAN_SUBMIT_ALREADY:
		reply_redirect(r, arena_printf(&r->arena, "/s/%s/done", s.token));
		return;
	case SCAN_SUBMIT_NOT_STARTED:
		scan_reply_problem(r, &s, 403, i18n_get(r->lang, "scan.error.no_consent"), NULL);
		return;
	case SCAN_SUBMIT_ERROR:
		reply_db_error(r);
		return;
	}
}

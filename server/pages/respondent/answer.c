/* answer.c: POST /s/TOKEN/answer — autosave of one answer from the page
 * script: {"item": "s01", "value": 4}, the CSRF token in X-CSRF-Token. Answers
 * {"saved": true, "answered_percent": N} or {"error": {"message", "path"}}
 * with a Dutch (or English) message; nothing is saved on any error. */
#include <string.h>

#include "server/pages/respondent/respondent.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/db/answers.h"
#include "scoring/answers.h"
#include "common/text.h"
#include "common/banned.h"

static void fail(struct req *r, int status, const char *key, const char *path)
{
	reply_json_error(r, status, i18n_get(r->lang, key), path);
}

static void free_json(void *p)
{
	cJSON_Delete(p);
}

void scan_answer_post(struct req *r)
{
	struct scan_ctx s;
	if (scan_load(r, 1, &s) != 0)
		return;
	if (strcmp(s.v.status, "started") != 0 || !s.v.consent) {
		if (strcmp(s.v.status, "invited") == 0)
			fail(r, 403, "scan.error.no_consent", NULL);
		else
			fail(r, 409, "scan.error.submitted", NULL);
		return;
	}
	if (r->body.len > SCAN_ANSWER_BODY_MAX) {
		fail(r, 400, "scan.answer.too_big", NULL);
		return;
	}
	const struct item *it;
	const cJSON *value;
	cJSON *owned;
	const char *problem, *path;
	if (scan_answer_parse(s.q, req_json(r), &it, &value, &owned, &problem, &path) != 0) {
		if (it)  /* names the question and, for a number, the allowed range */
			reply_json_error(r, 400, scan_problem_text(r, it, problem, NULL), path);
		else
			fail(r, 400, problem, path);
		return;
	}
	req_defer(r, free_json, owned);
	int empty = scan_value_is_empty(it, value);
	char *txt = empty ? NULL : cJSON_PrintUnformatted(value);
	int answered = 0;
	int rc = db_answer_save(req_db(r), s.v.id, it->key, txt, (int)it->pillar + 1, &answered);
	cJSON_free(txt);
	if (rc < 0) {
		reply_db_error(r);
		return;
	}
	if (rc == 0) {
		fail(r, 409, "scan.error.submitted", NULL);
		return;
	}
	(void)answered;  /* counts open questions too; progress counts the closed ones */
	int closed = scan_answered_count(&s, it->key) + (!empty && it->type != ITEM_TEXT);
	cJSON *out = cJSON_CreateObject();
	cJSON_AddBoolToObject(out, "saved", 1);
	cJSON_AddNumberToObject(out, "answered_percent", scan_percent(s.q, closed));
	cJSON_AddStringToObject(out, "message", i18n_get(r->lang, "scan.answer.saved"));
	reply_json(r, 200, out);
}

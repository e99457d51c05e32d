/* answer.c: POST /s/TOKEN/answer — autosave of one answer from the page
 * script: {"item": "s01", "value": 4}, the CSRF token in X-CSRF-Token. Answers
 * {"saved": true, "answered_percent": N} or {"error": {"message", "path"}}
 * with a Dutch (or English) message; nothing is saved on any error. */
#include <string.h>

#include "server/pages/respondent/respondent.h"
#include "server/http/tmpl.h"
#include "server/db/answers.h"
#include "scoring/answers.h"
#include "common/text.h"
#include "common/banned.h"

static void fail(struct req *r, int status, const char *key, const char *path)
{
	reply_json_error(r, status, i18n_get(r->lang, key), path);
}

void scan_answer_post(struct req *r)
{
	struct scan_ctx s;
	if (scan_load(r, 0, &s) != 0)
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
	const char *problem, *path;
	if (scan_answer_parse(s.q, req_json(r), &it, &value, &problem, &path) != 0) {
		fail(r, 400, problem, path);
		return;
	}
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
	int total = (int)s.q->n_items;
	cJSON *out = cJSON_CreateObject();
	cJSON_AddBoolToObject(out, "saved", 1);
	cJSON_AddNumberToObject(out, "answered_percent", total ? (answered * 100 + total / 2) / total : 0);
	cJSON_AddStringToObject(out, "message", i18n_get(r->lang, "scan.answer.saved"));
	reply_json(r, 200, out);
}

/* pillar.c: one pillar of the scan (GET from the page cache, POST saves
 * the page's answers without JavaScript and moves back, on or out). */
#include <stdio.h>
#include <string.h>

#include "server/pages/respondent/respondent.h"
#include "server/http/page.h"
#include "server/pages/respondent/pillar_cache.h"
#include "server/http/tmpl.h"
#include "server/db/answers.h"
#include "scoring/answers.h"
#include "common/text.h"
#include "common/banned.h"

/* The pillar number of route parameter 1 (1..n), or 0. */
static int pillar_number(struct req *r, const struct scan_ctx *s)
{
	long n;
	if (text_parse_long(req_param(r, 1), 1, (long)s->q->n_pillars, &n) != 0)
		return 0;
	return (int)n;
}

void scan_pillar_get(struct req *r)
{
	struct scan_ctx s;
	if (scan_load(r, 1, &s) != 0 || scan_require_open(r, &s) != 0)
		return;
	int n = pillar_number(r, &s);
	const struct pillar_page *page = n ? pillar_page_get(s.q, r->lang, (size_t)n - 1) : NULL;
	if (!page) {
		reply_error(r, n ? 500 : 404);
		return;
	}
	const cJSON **by_index = arena_alloc(&r->arena, sizeof(*by_index) * (s.q->n_items + 1));
	const cJSON *a;
	int answered = 0;
	cJSON_ArrayForEach(a, s.answers) {
		const struct item *it = questionnaire_item_find(s.q, a->string);
		if (it && !cJSON_IsNull(a)) {
			by_index[it->index] = a;
			answered += it->type != ITEM_TEXT;
		}
	}
	struct pillar_fill fill = {
		.token = s.token, .csrf = s.csrf, .org_slug = s.v.org_slug,
		.percent = scan_percent(s.q, answered),
		.decimal_comma = strcmp(r->lang, "nl") == 0,
		.answers = by_index,
	};
	buf_reset(&r->out);
	pillar_page_write(&r->out, page, &fill);
	reply_html(r, 200);
}

/* Every field of the form belongs to this page: csrf, nav, and a./na./p. of its items. */
static int fields_known(struct req *r, const struct pillar *p, const struct questionnaire *q)
{
	for (int i = 0; i < r->nform; i++) {
		const char *k = r->form[i].key;
		if (strcmp(k, "csrf") == 0 || strcmp(k, "nav") == 0)
			continue;
		const char *dot = strchr(k, '.');
		if (!dot || dot - k > 2 || !(k[0] == 'a' || ((k[0] == 'n' && k[1] == 'a') || k[0] == 'p')))
			return 0;
		const struct item *it = questionnaire_item_find(q, dot + 1);
		if (!it || &q->pillars[it->pillar] != p)
			return 0;
	}
	return 1;
}

void scan_pillar_post(struct req *r)
{
	struct scan_ctx s;
	if (scan_load(r, 0, &s) != 0 || scan_require_open(r, &s) != 0)
		return;
	int n = pillar_number(r, &s);
	if (!n) {
		reply_error(r, 404);
		return;
	}
	const struct pillar *p = &s.q->pillars[n - 1];
	if (!fields_known(r, p, s.q)) {
		scan_reply_problem(r, &s, 400, i18n_get(r->lang, "scan.page.unknown_field"), NULL);
		return;
	}
	size_t cap = 0;
	for (size_t t = 0; t < p->n_themes; t++)
		cap += p->themes[t].n_items;
	struct answer_write *w = arena_alloc(&r->arena, sizeof(*w) * (cap + 1));
	int nw = 0;
	cJSON *problems = cJSON_CreateArray();
	for (size_t t = 0; t < p->n_themes; t++) {
		for (size_t i = 0; i < p->themes[t].n_items; i++) {
			const struct item *it = &p->themes[t].items[i];
			const char **values;
			char name[QUESTIONNAIRE_KEY_MAX + 8];
			snprintf(name, sizeof(name), "a.%s", it->key);
			int nv = req_form_all(r, name, &values);
			snprintf(name, sizeof(name), "na.%s", it->key);
			int na = req_form(r, name) != NULL;
			snprintf(name, sizeof(name), "p.%s", it->key);
			int present = req_form(r, name) != NULL;
			cJSON *value = NULL;
			int keep = 0;
			const char *bad = NULL;
			if (scan_value_from_form(it, values, nv, na, present, &value, &keep, &bad) != 0 ||
			    (value && answers_check_value(s.q, it->key, value, NULL) != 0) ||
			    answer_exclusive_conflict(it, value)) {
				cJSON_AddItemToArray(problems, cJSON_CreateString(scan_problem_text(
					r, it, bad ? bad : scan_value_problem_key(it, value, 1), value)));
				cJSON_Delete(value);
				continue;
			}
			if (keep)
				continue;
			w[nw].item_key = it->key;
			w[nw].value_json = NULL;
			if (value) {
				char *txt = cJSON_PrintUnformatted(value);
				w[nw].value_json = arena_strdup(&r->arena, txt);
				cJSON_free(txt);
				cJSON_Delete(value);
			}
			nw++;
		}
	}
	if (cJSON_GetArraySize(problems) > 0) {
		cJSON *ctx_list = problems;
		scan_reply_problem(r, &s, 400, i18n_get(r->lang, "scan.page.problems"), ctx_list);
		return;
	}
	cJSON_Delete(problems);
	const char *nav = req_form(r, "nav");
	nav = nav ? nav : "next";
	int target = strcmp(nav, "back") == 0 ? n - 1 : strcmp(nav, "later") == 0 ? n : n + 1;
	int rc = db_answers_save_page(req_db(r), s.v.id, w, nw, target);
	if (rc < 0) {
		reply_db_error(r);
		return;
	}
	if (rc == 0) {
		scan_reply_problem(r, &s, 409, i18n_get(r->lang, "scan.error.submitted"), NULL);
		return;
	}
	if (strcmp(nav, "later") == 0)
		reply_redirect(r, arena_printf(&r->arena, "/s/%s/later", s.token));
	else
		reply_redirect(r, scan_page_path(r, &s, target));
}

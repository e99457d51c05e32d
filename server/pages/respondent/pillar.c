/* pillar.c: one pillar of the scan (GET from the page cache, POST saves
 * the page's answers without JavaScript and moves back, on or out). */
#include <stdio.h>
#include <string.h>

#include "server/pages/respondent/respondent.h"
#include "server/http/page.h"
#include "server/pages/respondent/pillar_cache.h"
#include "server/http/session.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/db/answers.h"
#include "scoring/answers.h"
#include "common/text.h"
#include "common/banned.h"

/* The pillar number of route parameter `param` (1..n), or 0. */
int scan_pillar_number(struct req *r, const struct scan_ctx *s, int param)
{
	long n;
	if (text_parse_long(req_param(r, param), 1, (long)s->q->n_pillars, &n) != 0)
		return 0;
	return (int)n;
}

static void free_json(void *p)
{
	cJSON_Delete(p);
}

/* A copy of value that lives as long as the request. */
static const cJSON *arena_json(struct req *r, const cJSON *value)
{
	cJSON *copy = cJSON_Duplicate(value, 1);
	if (copy)
		req_defer(r, free_json, copy);
	return copy;
}

/* The stored answers of the scan by item index (arena). */
const cJSON **scan_answers_by_index(struct req *r, const struct scan_ctx *s)
{
	const cJSON **by_index = arena_alloc(&r->arena, sizeof(*by_index) * (s->q->n_items + 1));
	const cJSON *a;
	cJSON_ArrayForEach(a, s->answers) {
		const struct item *it = questionnaire_item_find(s->q, a->string);
		if (it && !cJSON_IsNull(a))
			by_index[it->index] = a;
	}
	return by_index;
}

/* Sends pillar page n with the answers by index; errors and typed (NULL on a
 * plain GET) show a refused post again, with the status given. */
void scan_pillar_show(struct req *r, const struct scan_ctx *s, int n, const cJSON **by_index,
		      const char **errors, const char **typed, int status)
{
	struct pillar_preview preview = {.base = s->base, .back = s->preview_back, .no_privacy = !s->v.org_slug[0]};
	struct pillar_page *own = s->preview ? pillar_page_build_preview(s->q, r->lang, (size_t)n - 1, &preview) : NULL;
	const struct pillar_page *page = s->preview ? own : pillar_page_get(s->q, r->lang, (size_t)n - 1);
	if (!page) {
		reply_error(r, 500);
		return;
	}
	int answered = 0;
	for (size_t i = 0; i < s->q->n_items; i++)
		answered += by_index[i] && !cJSON_IsNull(by_index[i]) && s->q->items[i]->type != ITEM_TEXT;
	struct pillar_fill fill = {
		.token = s->token ? s->token : "", .csrf = s->preview ? r->session->csrf : s->csrf,
		.org_slug = s->v.org_slug,
		.percent = scan_percent(s->q, answered),
		.decimal_comma = strcmp(r->lang, "nl") == 0,
		.answers = by_index,
		.errors = errors, .typed = typed,
		.errors_title = i18n_get(r->lang, "scan.page.problems"),
	};
	buf_reset(&r->out);
	pillar_page_write(&r->out, page, &fill);
	pillar_page_free(own);
	reply_html(r, status);
}

/* Loads the open scan and the pillar number of the route; 0, or -1 with the
 * reply queued (404 for a pillar that does not exist). */
static int load_pillar(struct req *r, int with_answers, struct scan_ctx *s, int *n)
{
	if (scan_load(r, with_answers, s) != 0 || scan_require_open(r, s) != 0)
		return -1;
	*n = scan_pillar_number(r, s, 1);
	if (!*n) {
		reply_error(r, 404);
		return -1;
	}
	return 0;
}

void scan_pillar_get(struct req *r)
{
	struct scan_ctx s;
	int n;
	if (load_pillar(r, 1, &s, &n) != 0)
		return;
	scan_pillar_show(r, &s, n, scan_answers_by_index(r, &s), NULL, NULL, 200);
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

/* Reads the posted form of pillar n. Returns the number of refused answers, or
 * -1 with the reply queued (a field that does not belong to the page). The
 * answers to store go to *w (*nw of them); a refused item gets errors[index]
 * and is shown back as posted: typed[index] (the text) or shown[index] (the
 * ticked options). The three arrays have n_items entries. */
int scan_pillar_read(struct req *r, const struct scan_ctx *s, int n, struct answer_write **w, int *nw,
		     const char **errors, const char **typed, const cJSON **shown)
{
	const struct pillar *p = &s->q->pillars[n - 1];
	if (!fields_known(r, p, s->q)) {
		scan_reply_problem(r, s, 400, i18n_get(r->lang, "scan.page.unknown_field"), NULL);
		return -1;
	}
	size_t cap = 0;
	for (size_t t = 0; t < p->n_themes; t++)
		cap += p->themes[t].n_items;
	*w = arena_alloc(&r->arena, sizeof(**w) * (cap + 1));
	*nw = 0;
	int nproblems = 0;
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
			    (value && answers_check_value(s->q, it->key, value, NULL) != 0) ||
			    answer_exclusive_conflict(it, value)) {
				errors[it->index] = scan_problem_text(r, it, bad ? bad : scan_value_problem_key(it, value, 1), value);
				nproblems++;
				/* shown back as posted: the typed text, or the ticked options */
				if ((it->type == ITEM_NUMBER || it->type == ITEM_TEXT) && nv == 1)
					typed[it->index] = values[0];
				else if (value)
					shown[it->index] = arena_json(r, value);
				cJSON_Delete(value);
				continue;
			}
			if (keep)
				continue;
			struct answer_write *aw = &(*w)[(*nw)++];
			aw->item_key = it->key;
			aw->value_json = NULL;
			if (value) {
				char *txt = cJSON_PrintUnformatted(value);
				aw->value_json = arena_strdup(&r->arena, txt);
				cJSON_free(txt);
				cJSON_Delete(value);
			}
		}
	}
	return nproblems;
}

/* Where the page's nav button leads: n - 1 (back), n (later), n + 1 (next). */
int scan_pillar_target(struct req *r, int n)
{
	const char *nav = req_form(r, "nav");
	return nav && strcmp(nav, "back") == 0 ? n - 1 : nav && strcmp(nav, "later") == 0 ? n : n + 1;
}

void scan_pillar_show_refused(struct req *r, const struct scan_ctx *s, int n, const char **errors,
			      const char **typed, const cJSON **shown)
{
	const cJSON **by_index = scan_answers_by_index(r, s);
	for (size_t i = 0; i < s->q->n_items; i++)
		if (errors[i])
			by_index[i] = shown[i];
	scan_pillar_show(r, s, n, by_index, errors, typed, 400);
}

void scan_pillar_move_on(struct req *r, const struct scan_ctx *s, int n)
{
	const char *nav = req_form(r, "nav");
	if (nav && strcmp(nav, "later") == 0)
		reply_redirect(r, arena_printf(&r->arena, "%s/later", s->base));
	else
		reply_redirect(r, scan_page_path(r, s, scan_pillar_target(r, n)));
}

void scan_pillar_post(struct req *r)
{
	struct scan_ctx s;
	int n;
	/* the stored answers are read only when the page must be shown again */
	if (load_pillar(r, 0, &s, &n) != 0)
		return;
	struct answer_write *w;
	int nw;
	const cJSON **shown = arena_alloc(&r->arena, sizeof(*shown) * (s.q->n_items + 1));
	const char **errors = arena_alloc(&r->arena, sizeof(*errors) * (s.q->n_items + 1));
	const char **typed = arena_alloc(&r->arena, sizeof(*typed) * (s.q->n_items + 1));
	int nproblems = scan_pillar_read(r, &s, n, &w, &nw, errors, typed, shown);
	if (nproblems < 0)
		return;
	int target = scan_pillar_target(r, n);
	if (nproblems)
		target = n;  /* every valid answer is kept; the owner stays to correct the rest */
	int rc = db_answers_save_page(req_db(r), s.v.id, w, nw, target);
	if (!scan_stored(r, &s, rc))
		return;
	if (nproblems) {
		if (scan_load(r, 1, &s) != 0)
			return;
		scan_pillar_show_refused(r, &s, n, errors, typed, shown);
		return;
	}
	scan_pillar_move_on(r, &s, n);
}

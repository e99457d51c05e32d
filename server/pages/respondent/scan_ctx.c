/* scan_ctx.c: shared parts of the owner's scan pages; see respondent.h. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "server/pages/respondent/scan_ctx.h"
#include "server/http/access.h"
#include "server/http/log.h"
#include "server/http/page.h"
#include "server/app/questionnaire_registry.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/db/ratelimit.h"
#include "server/db/protection.h"
#include "common/crypto.h"
#include "common/banned.h"

static pthread_mutex_t secret_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned char secret[128];
static int secret_len;

/* The installation's csrf_secret, read once. 0 or -1. */
static int csrf_secret(struct db *db)
{
	int rc = 0;
	pthread_mutex_lock(&secret_lock);
	if (secret_len <= 0) {
		secret_len = db_installation_secret(db, "csrf_secret", secret, (int)sizeof(secret));
		rc = secret_len > 0 ? 0 : -1;
	}
	pthread_mutex_unlock(&secret_lock);
	return rc;
}

static int token_shape_ok(const char *t)
{
	size_t n = strlen(t);
	if (n != TOKEN_TEXT_LEN)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = t[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return 0;
	}
	return 1;
}

static void free_json(void *p)
{
	cJSON_Delete(p);
}

static void unknown_link(struct req *r)
{
	struct db *db = req_db(r);
	char key[96];
	snprintf(key, sizeof(key), "scan-token:%s", r->client_ip);
	/* Only misses count. Once an address is over the limit every miss is a 429;
	 * a right guess would still open, but a 128-bit token is not guessed. */
	int limited = ratelimit_hit(db, key, 60, SCAN_TOKEN_MISSES_PER_MINUTE);
	if (limited < 0) {
		reply_db_error(r);
		return;
	}
	if (limited) {
		reply_error(r, 429);
		return;
	}
	cJSON *ctx = page_ctx(r);
	/* the language switch would carry the path back into the page: a token
	 * that is not valid is still somebody's typing, never echoed */
	cJSON_ReplaceItemInObject(ctx, "path", cJSON_CreateString("/"));
	cJSON_AddStringToObject(ctx, "extra_css", "respondent.css");
	page_render(r, 404, "respondent/unknown", i18n_get(r->lang, "scan.unknown.title"), ctx);
}

int scan_load(struct req *r, int with_answers, struct scan_ctx *s)
{
	if (!with_answers && r->scan) { /* the owner guard loaded it for this request */
		*s = *r->scan;
		return 0;
	}
	memset(s, 0, sizeof(*s));
	s->token = req_param(r, 0);
	s->base = arena_printf(&r->arena, "/s/%s", s->token);
	struct db *db = req_db(r);
	if (!token_shape_ok(s->token)) {
		unknown_link(r);
		return -1;
	}
	int found = db_scan_by_token(db, s->token, with_answers, &r->arena, &s->v);
	if (found < 0) {
		reply_db_error(r);
		return -1;
	}
	if (!found) {
		unknown_link(r);
		return -1;
	}
	r->lang = s->v.lang;
	s->q = qreg_get(db, s->v.questionnaire_id);
	if (!s->q || csrf_secret(db) != 0) {
		log_error("scan %lld: questionnaire %lld or csrf secret unavailable", s->v.id, s->v.questionnaire_id);
		reply_error(r, 503);
		return -1;
	}
	char msg[48];
	int n = snprintf(msg, sizeof(msg), "scan-csrf:%lld", s->v.id);
	crypto_hmac_hex(secret, (size_t)secret_len, msg, (size_t)n, s->csrf);
	if (with_answers) {
		s->answers = cJSON_Parse(s->v.answers_json ? s->v.answers_json : "{}");
		if (!s->answers)
			s->answers = cJSON_CreateObject();
		req_defer(r, free_json, s->answers);
	}
	return 0;
}

int scan_require_open(struct req *r, const struct scan_ctx *s)
{
	int post = strcmp(r->method, "GET") != 0;
	if (strcmp(s->v.status, "started") == 0 && s->v.consent)
		return 0;
	if (strcmp(s->v.status, "invited") == 0 || !s->v.consent) {
		if (post)
			scan_reply_problem(r, s, 403, i18n_get(r->lang, "scan.error.no_consent"), NULL);
		else
			reply_redirect(r, arena_printf(&r->arena, "/s/%s", s->token));
		return -1;
	}
	if (post)
		scan_reply_problem(r, s, 409, i18n_get(r->lang, "scan.error.submitted"), NULL);
	else
		reply_redirect(r, arena_printf(&r->arena, "/s/%s/done", s->token));
	return -1;
}

int scan_csrf_ok(const struct scan_ctx *s, const char *sent)
{
	return sent && crypto_str_equal(sent, s->csrf);
}

int owner_guard(struct req *r, int changes)
{
	const char *token = req_param(r, 0);
	if (!token_shape_ok(token)) {
		unknown_link(r);
		return -1;
	}
	if (!changes)
		return 0; /* the handler's scan_load looks the token up */
	struct scan_ctx s;
	if (scan_load(r, 0, &s) != 0)
		return -1;
	const char *header = req_header(r, "X-CSRF-Token");
	if (scan_csrf_ok(&s, header ? header : req_form(r, "csrf"))) {
		r->scan = arena_alloc(&r->arena, sizeof(*r->scan));
		*r->scan = s;
		return 0;
	}
	const char *ct = req_header(r, "Content-Type");
	if (header || (ct && strncmp(ct, "application/json", 16) == 0))
		reply_json_error(r, 403, i18n_get(r->lang, "scan.answer.csrf"), NULL);
	else
		reply_error(r, 403);
	return -1;
}

int scan_review_page(const struct scan_ctx *s)
{
	return (int)s->q->n_pillars + 1;
}

const char *scan_page_path(struct req *r, const struct scan_ctx *s, int page)
{
	if (page <= 0)
		return arena_printf(&r->arena, "%s/profile", s->base);
	if (page > (int)s->q->n_pillars)
		return arena_printf(&r->arena, "%s/review", s->base);
	return arena_printf(&r->arena, "%s/pillar/%d", s->base, page);
}

const char *scan_resume_path(struct req *r, const struct scan_ctx *s)
{
	if (s->v.last_page <= 0)
		return scan_page_path(r, s, 0);
	for (size_t pi = 0; pi < s->q->n_pillars; pi++) {
		const struct pillar *p = &s->q->pillars[pi];
		for (size_t t = 0; t < p->n_themes; t++) {
			for (size_t i = 0; i < p->themes[t].n_items; i++) {
				const struct item *it = &p->themes[t].items[i];
				if (it->type == ITEM_TEXT)
					continue;
				const cJSON *a = cJSON_GetObjectItemCaseSensitive(s->answers, it->key);
				if (!a || cJSON_IsNull(a))
					return arena_printf(&r->arena, "%s#q-%s", scan_page_path(r, s, (int)pi + 1), it->key);
			}
		}
	}
	return scan_page_path(r, s, scan_review_page(s));
}

int scan_closed_total(const struct questionnaire *q)
{
	int n = 0;
	for (size_t i = 0; i < q->n_items; i++)
		n += q->items[i]->type != ITEM_TEXT;
	return n;
}

int scan_answered_count(const struct scan_ctx *s, const char *except)
{
	int n = 0;
	const cJSON *a;
	cJSON_ArrayForEach(a, s->answers) {
		const struct item *it = cJSON_IsNull(a) ? NULL : questionnaire_item_find(s->q, a->string);
		if (it && it->type != ITEM_TEXT && !(except && strcmp(except, it->key) == 0))
			n++;
	}
	return n;
}

int scan_percent(const struct questionnaire *q, int answered)
{
	int total = scan_closed_total(q);
	/* 100 only when every closed question is answered, 0 only when none is */
	int p = total ? (answered * 100 + total / 2) / total : 0;
	if (p == 100 && answered < total)
		p = 99;
	if (p == 0 && answered > 0)
		p = 1;
	return p;
}

int scan_answered_percent(const struct scan_ctx *s)
{
	return scan_percent(s->q, scan_answered_count(s, NULL));
}

cJSON *scan_page_ctx(struct req *r, const struct scan_ctx *s)
{
	cJSON *c = page_ctx(r);
	const char *other = strcmp(r->lang, "en") == 0 ? "nl" : "en";
	cJSON_AddStringToObject(c, "base", s->base);
	if (s->preview) {
		/* the author's own session posts the forms; the owner's page has no menu */
		cJSON_DeleteItemFromObjectCaseSensitive(c, "user");
		cJSON_AddBoolToObject(c, "preview", 1);
		cJSON_AddStringToObject(c, "preview_back", s->preview_back);
	} else {
		cJSON_AddStringToObject(c, "token", s->token);
		cJSON_AddStringToObject(c, "csrf", s->csrf);
		cJSON_AddStringToObject(c, "lang_switch", arena_printf(&r->arena, "/s/%s/lang/%s?next=%s", s->token, other,
								       r->path ? r->path : "/"));
		cJSON_AddStringToObject(c, "my_data_url", arena_printf(&r->arena, "/s/%s/erase", s->token));
	}
	if (s->v.org_slug[0])  /* a researcher's preview has no association's statement */
		cJSON_AddStringToObject(c, "privacy_url", arena_printf(&r->arena, "/privacy/%s%s", s->v.org_slug,
									 strcmp(r->lang, "en") == 0 ? "?lang=en" : ""));
	cJSON_AddStringToObject(c, "org_name", s->v.org_name);
	cJSON_AddStringToObject(c, "research_name", s->v.share_research ? s->v.research_name : "");
	cJSON_AddStringToObject(c, "company_name", s->v.company_name);
	cJSON_AddStringToObject(c, "extra_css", "respondent.css");
	/* steps: the profile, each pillar, the review ("Stap 2 van 6") */
	cJSON_AddNumberToObject(c, "steps", (double)s->q->n_pillars + 2);
	return c;
}

void scan_audit(struct req *r, const struct scan_ctx *s, const char *action)
{
	if (db_audit_owner(req_db(r), s->v.id, action, r->client_ip) != 0) {
		log_error("audit log write failed: %s", req_db(r)->err);
		r->audit_failed = 1; /* the change is undone with it (http.c) */
	}
}

void scan_reply_problem(struct req *r, const struct scan_ctx *s, int status, const char *message,
			cJSON *list)
{
	cJSON *ctx = s && s->q ? scan_page_ctx(r, s) : page_ctx(r);
	cJSON_AddStringToObject(ctx, "message", message);
	if (list) {
		cJSON_AddBoolToObject(ctx, "has_problems", cJSON_GetArraySize(list) > 0);
		cJSON_AddItemToObject(ctx, "problems", list);
	}
	if (s && s->q && strcmp(s->v.status, "started") == 0 && strcmp(r->method, "POST") == 0 &&
	    (strstr(r->path, "/pillar/") || strstr(r->path, "/profile")))
		cJSON_AddStringToObject(ctx, "back", r->path);  /* the page the owner came from */
	else if (s && s->q && strcmp(s->v.status, "started") == 0)
		cJSON_AddStringToObject(ctx, "back", scan_page_path(r, s, s->v.last_page));
	else if (s && s->q)
		cJSON_AddStringToObject(ctx, "back", arena_printf(&r->arena, "/s/%s", s->token));
	char key[32];
	snprintf(key, sizeof(key), "scan.problem.%d", status == 409 ? 409 : status == 403 ? 403 : 400);
	cJSON_AddStringToObject(ctx, "heading", i18n_get(r->lang, key));
	page_render(r, status, "respondent/problem", i18n_get(r->lang, key), ctx);
}

int scan_stored(struct req *r, const struct scan_ctx *s, int rc)
{
	if (rc < 0)
		reply_db_error(r);
	else if (rc == 0)
		scan_reply_problem(r, s, 409, i18n_get(r->lang, "scan.error.submitted"), NULL);
	return rc > 0;
}

int scan_render_to(struct buf *out, const char *tmpl, const char *title, cJSON *ctx, const char *lang)
{
	char err[256];
	struct buf body;
	buf_init(&body, 0);
	if (tmpl_render(&body, tmpl, ctx, lang, err, sizeof(err)) != 0) {
		log_error("%s", err);
		buf_release(&body);
		return -1;
	}
	cJSON_AddStringToObject(ctx, "title", title ? title : "");
	cJSON_AddStringToObject(ctx, "body", body.data);
	buf_release(&body);
	if (tmpl_render(out, "layout", ctx, lang, err, sizeof(err)) != 0) {
		log_error("%s", err);
		return -1;
	}
	return 0;
}

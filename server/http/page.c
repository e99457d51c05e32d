/* page.c: layout, error pages and form-error helpers. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "server/http/page.h"
#include "server/http/log.h"
#include "server/http/session.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "common/crypto.h"
#include "common/banned.h"

static void json_delete(void *p)
{
	cJSON_Delete(p);
}

cJSON *page_ctx(struct req *r)
{
	cJSON *c = cJSON_CreateObject();
	req_defer(r, json_delete, c);
	int en = strcmp(r->lang, "en") == 0;
	cJSON_AddStringToObject(c, "lang", r->lang);
	cJSON_AddStringToObject(c, "other_lang", en ? "nl" : "en");
	cJSON_AddStringToObject(c, "other_lang_name", en ? "Nederlands" : "English");
	cJSON_AddStringToObject(c, "path", r->path ? r->path : "/");
	if (r->session) {
		const struct session *s = r->session;
		cJSON *u = cJSON_AddObjectToObject(c, "user");
		cJSON_AddStringToObject(u, "name", s->name[0] ? s->name : s->email);
		cJSON_AddStringToObject(u, "email", s->email);
		cJSON_AddStringToObject(u, "role", s->role_name);
		cJSON_AddStringToObject(u, "org_name", s->org_name);
		cJSON_AddNumberToObject(u, "id", (double)s->user_id);  /* for "mijn …" links */
		cJSON_AddBoolToObject(c, "is_admin", s->role == ROLE_ADMIN);
		cJSON_AddBoolToObject(c, "is_advisor", s->role == ROLE_ADVISOR);
		cJSON_AddBoolToObject(c, "is_staff", (s->role & ROLE_STAFF) != 0);
		cJSON_AddBoolToObject(c, "is_researcher", s->role == ROLE_RESEARCHER);
		cJSON_AddStringToObject(c, "csrf", s->csrf);
	}
	return c;
}

void page_option(cJSON *list, const char *value, const char *label, const char *chosen)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "value", value);
	cJSON_AddStringToObject(o, "label", label);
	cJSON_AddBoolToObject(o, "selected", chosen && strcmp(value, chosen) == 0);
	cJSON_AddItemToArray(list, o);
}

void page_render(struct req *r, int status, const char *tmpl, const char *title, cJSON *ctx)
{
	char err[256];
	struct buf body;
	buf_init(&body, 0);
	if (tmpl_render(&body, tmpl, ctx, r->lang, err, sizeof(err)) != 0) {
		log_error("%s", err);
		buf_release(&body);
		if (strcmp(tmpl, "error") == 0) {
			reply_text(r, 500, "Internal error");
			return;
		}
		reply_error(r, 500);
		return;
	}
	cJSON_AddStringToObject(ctx, "title", title ? title : "");
	cJSON_AddStringToObject(ctx, "body", body.data);
	buf_release(&body);
	buf_reset(&r->out);
	if (tmpl_render(&r->out, "layout", ctx, r->lang, err, sizeof(err)) != 0) {
		log_error("%s", err);
		reply_text(r, 500, "Internal error");
	} else {
		reply_html(r, status);
	}
}

void reply_error(struct req *r, int status)
{
	char key[48];
	int known = status == 400 || status == 403 || status == 404 || status == 405 || status == 409 ||
		    status == 413 || status == 429 || status == 503;
	snprintf(key, sizeof(key), "error.%d", known ? status : 500);
	if (req_is_api(r)) {
		reply_json_error(r, status, i18n_get("en", key), NULL);
		return;
	}
	cJSON *ctx = page_ctx(r);
	char tkey[64];
	snprintf(tkey, sizeof(tkey), "%s.text", key);
	cJSON_AddStringToObject(ctx, "error_title", i18n_get(r->lang, key));
	cJSON_AddStringToObject(ctx, "error_text", i18n_get(r->lang, tkey));
	cJSON_AddNumberToObject(ctx, "status", status);
	int has_retry = 0;
	for (const struct req_header *h = r->headers; h; h = h->next)
		has_retry |= strcasecmp(h->name, "Retry-After") == 0;
	if (status == 429 && !has_retry)
		req_add_header(r, "Retry-After", "60");
	page_render(r, status, "error", i18n_get(r->lang, key), ctx);
}

void page_field_error(cJSON *ctx, const char *field, const char *message)
{
	cJSON *errors = cJSON_GetObjectItemCaseSensitive(ctx, "errors");
	if (!errors)
		errors = cJSON_AddObjectToObject(ctx, "errors");
	if (!cJSON_GetObjectItemCaseSensitive(errors, field))
		cJSON_AddStringToObject(errors, field, message);
	cJSON *list = cJSON_GetObjectItemCaseSensitive(ctx, "error_list");
	if (!list) {
		list = cJSON_AddArrayToObject(ctx, "error_list");
		cJSON_AddBoolToObject(ctx, "has_errors", 1);
	}
	cJSON *e = cJSON_CreateObject();
	cJSON_AddStringToObject(e, "field", field);
	cJSON_AddStringToObject(e, "message", message);
	cJSON_AddItemToArray(list, e);
}

int page_has_errors(const cJSON *ctx)
{
	return cJSON_GetObjectItemCaseSensitive(ctx, "error_list") != NULL;
}

void reply_retry_after(struct req *r, long seconds)
{
	req_add_header(r, "Retry-After", arena_printf(&r->arena, "%ld", seconds > 0 ? seconds : 1));
	reply_error(r, 429);
}

int page_hash_slot_take(struct req *r)
{
	if (crypto_hash_slot_take())
		return 1;
	reply_retry_after(r, 1);
	return 0;
}

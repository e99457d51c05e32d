/* office.c: helpers shared by the back-office pages; see office.h. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/pages/office/office.h"
#include "server/app/config.h"
#include "server/http/session.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/db/account.h"
#include "server/db/db.h"
#include "server/db/pipeline.h"
#include "server/http/page.h"
#include "common/text.h"
#include "server/http/link.h"
#include "common/banned.h"

long long office_id(struct req *r, int i)
{
	return text_parse_id(req_param(r, i));
}

void office_not_found(struct req *r, const char *object_type, long long id)
{
	audit(r, "denied", object_type, id, NULL);
	reply_error(r, 404);
}

int office_found(struct req *r, long long found, const char *object_type, long long id)
{
	if (found < 0)
		reply_db_error(r);
	else if (found == 0 && object_type)
		office_not_found(r, object_type, id);
	else if (found == 0)
		reply_error(r, 404);
	return found > 0;
}

char *office_field(struct req *r, const char *name)
{
	const char *v = req_form(r, name);
	return text_normalize(arena_strdup(&r->arena, v ? v : ""), TEXT_LINE);
}

char *office_text(struct req *r, const char *name)
{
	const char *v = req_form(r, name);
	return text_normalize(arena_strdup(&r->arena, v ? v : ""), TEXT_BLOCK);
}

int office_email_valid(const char *s)
{
	size_t n = strlen(s);
	const char *at = strchr(s, '@');
	if (n < 3 || n > 254 || !at || at == s || strchr(at + 1, '@'))
		return 0;
	const char *dot = strrchr(at, '.');
	if (!dot || dot == at + 1 || dot[1] == '\0')
		return 0;
	for (const char *p = s; *p; p++)
		if (isspace((unsigned char)*p) || *p == '<' || *p == '>' || *p == '"' || *p == ',' || *p == ';' ||
		    (unsigned char)*p < 0x20)
			return 0;
	return 1;
}

int office_page(struct req *r)
{
	long p;
	const char *s = req_query(r, "page");
	return s && text_parse_long(s, 1, 100000, &p) == 0 ? (int)p : 1;
}

void office_pager(cJSON *ctx, long long total, int page, const char *base)
{
	long long pages = (total + OFFICE_PER_PAGE - 1) / OFFICE_PER_PAGE;
	if (pages < 1)
		pages = 1;
	cJSON *p = cJSON_AddObjectToObject(ctx, "pager");
	char link[2048];
	const char *sep = strchr(base, '?') ? "&" : "?";
	cJSON_AddNumberToObject(p, "page", page);
	cJSON_AddNumberToObject(p, "pages", (double)pages);
	cJSON_AddNumberToObject(p, "total", (double)total);
	if (page > 1) {
		snprintf(link, sizeof(link), "%s%spage=%d", base, sep, page - 1);
		cJSON_AddStringToObject(p, "prev", link);
	}
	if (page < pages) {
		snprintf(link, sizeof(link), "%s%spage=%d", base, sep, page + 1);
		cJSON_AddStringToObject(p, "next", link);
	}
	cJSON_AddBoolToObject(p, "several", pages > 1);
}

void office_notice(struct req *r, cJSON *ctx)
{
	const char *m = req_query(r, "msg");
	if (!m || strlen(m) > 40)
		return;
	char key[64];
	snprintf(key, sizeof(key), "office.msg.%s", m);
	if (i18n_has(key))
		cJSON_AddStringToObject(ctx, "notice", i18n_get(r->lang, key));
}

char *office_link(struct req *r, const char *prefix, const char *token)
{
	return link_absolute(r, prefix, token);
}

void office_audit_as(struct req *r, long long uid, const char *action)
{
	struct audit_user u = {.user_id = uid};
	if (db_user_identity(req_db(r), &r->arena, uid, &u.org_id, &u.email) == 1)
		audit_as(r, &u, action, "user", uid);
}

int office_handover_fill(struct req *r, long long current, const char *action, cJSON *ctx)
{
	struct user_option *who;
	int n = db_pipeline_advisors(req_db(r), &r->arena, r->session->org_id, &who);
	if (n < 0)
		return -1;
	char chosen[24];
	snprintf(chosen, sizeof chosen, "%lld", current);
	cJSON_AddStringToObject(ctx, "handover_action", action);
	cJSON *list = cJSON_AddArrayToObject(ctx, "advisors");
	page_option(list, "0", i18n_get(r->lang, "office.scan.nobody"), chosen);
	for (int i = 0; i < n; i++)
		page_option(list, arena_printf(&r->arena, "%lld", who[i].id), who[i].name, chosen);
	return 0;
}

int office_handover_read(struct req *r, long long *out)
{
	const char *to = office_field(r, "advisor");
	size_t digits = strspn(to, "0123456789");
	if (!to[0] || digits != strlen(to) || digits > 18)
		return 0;
	*out = strtoll(to, NULL, 10);
	return 1;
}

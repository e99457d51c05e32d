/* labels.c: display helpers of the office pages (scores, changes, status labels), forms and rendering; see scan_page.h. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "server/http/page.h"
#include "server/pages/office/scan_page.h"
#include "server/http/session.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "common/text.h"
#include "common/banned.h"

long long office_id_or_404(struct req *r, int i)
{
	long long id = office_id(r, i);
	if (!id)
		reply_error(r, 404);
	return id;
}

int office_wants_json(struct req *r)
{
	const char *acc = req_header(r, "Accept");
	return acc && strstr(acc, "application/json") != NULL;
}

static long round_half_away(double v)
{
	return (long)(v < 0 ? -floor(-v + 0.5) : floor(v + 0.5));
}

const char *office_score_text(struct req *r, double v)
{
	if (!isfinite(v))
		return "–";
	return arena_printf(&r->arena, "%ld", round_half_away(v));
}

const char *office_delta_text(struct req *r, double d)
{
	long n = round_half_away(d);
	if (n > 0)
		return arena_printf(&r->arena, "+%ld", n);
	if (n < 0)
		return arena_printf(&r->arena, "−%ld", -n);
	return "0";
}

void office_audit(struct req *r, const char *action, const char *type, long long id, ...)
{
	cJSON *d = cJSON_CreateObject();
	va_list ap;
	va_start(ap, id);
	const char *k;
	while ((k = va_arg(ap, const char *)) != NULL) {
		const char *v = va_arg(ap, const char *);
		cJSON_AddStringToObject(d, k, v ? v : "");
	}
	va_end(ap);
	char *json = cJSON_PrintUnformatted(d);
	cJSON_Delete(d);
	audit(r, action, type, id, json);
	cJSON_free(json);
}

static const char *label(struct req *r, const char *prefix, const char *key)
{
	char k[96];
	snprintf(k, sizeof(k), "%s%s", prefix, key ? key : "");
	return i18n_has(k) ? i18n_get(r->lang, k) : key;
}

const char *office_status_label(struct req *r, const char *status)
{
	return label(r, "status.", status);
}

const char *office_action_status_label(struct req *r, const char *status)
{
	return label(r, "action_status.", status);
}

const char *const office_action_statuses[] = {"open", "in_progress", "done", "dropped", NULL};

int office_action_status_valid(const char *s)
{
	for (int i = 0; s && office_action_statuses[i]; i++)
		if (strcmp(s, office_action_statuses[i]) == 0)
			return 1;
	return 0;
}

const char *office_who_label(struct req *r, const char *kind)
{
	return label(r, "office.who.", kind);
}

void office_action_select_flags(cJSON *values)
{
	const char *who = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(values, "who_kind"));
	const char *st = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(values, "status"));
	char k[48];
	if (who && strlen(who) < 20) {
		snprintf(k, sizeof(k), "who_%s", who);
		cJSON_AddBoolToObject(values, k, 1);
	}
	if (st && strlen(st) < 20) {
		snprintf(k, sizeof(k), "st_%s", st);
		cJSON_AddBoolToObject(values, k, 1);
	}
}

/* Adds has_NAME = (array not empty) beside every array NAME in the tree: the
 * template engine cannot index arrays, and "is there anything" reads better. */
static void add_has_flags(cJSON *node)
{
	cJSON *c;
	if (cJSON_IsArray(node)) {
		cJSON_ArrayForEach(c, node)
			add_has_flags(c);
		return;
	}
	if (!cJSON_IsObject(node))
		return;
	for (c = node->child; c; c = c->next) {
		if (cJSON_IsArray(c) && c->string && strlen(c->string) < 60) {
			char key[72];
			snprintf(key, sizeof(key), "has_%s", c->string);
			if (!cJSON_GetObjectItemCaseSensitive(node, key))
				cJSON_AddBoolToObject(node, key, cJSON_GetArraySize(c) > 0);
		}
		add_has_flags(c);
	}
}

void office_render(struct req *r, int status, const char *tmpl, const char *title, cJSON *ctx)
{
	add_has_flags(ctx);
	page_render(r, status, tmpl, title, ctx);
}

/* versions.c: which themes and items are identical between two questionnaire versions, so
 * researchers know what they may pool (issue 19.6). Exports and codebooks stay per version. */
#include <stdio.h>
#include <string.h>

#include "server/http/page.h"
#include "server/http/routes.h"
#include "server/http/session.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/app/questionnaire_registry.h"
#include "server/db/questionnaire.h"
#include "scoring/questionnaire_diff.h"
#include "common/text.h"
#include "common/banned.h"

/* ctx[name] = the versions as options, `want` (or `dflt`) selected; the chosen id. */
static long long version_options(struct req *r, cJSON *ctx, const char *name, const struct questionnaire_stored *rows,
				 int n, const char *want, long long dflt)
{
	long long id = want && *want ? text_parse_id(want) : dflt, chosen = 0;
	cJSON *list = cJSON_AddArrayToObject(ctx, name);
	for (int i = 0; i < n; i++) {
		const struct questionnaire *q = qreg_get(req_db(r), rows[i].id);
		if (!q)
			continue;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "id", (double)rows[i].id);
		cJSON_AddStringToObject(o, "name", arena_printf(&r->arena, "%s %ld", q->key, q->version));
		cJSON_AddBoolToObject(o, "selected", rows[i].id == id);
		cJSON_AddItemToArray(list, o);
		if (rows[i].id == id)
			chosen = id;
	}
	return chosen;
}

static void add_item(struct req *r, cJSON *list, const struct item *it, const char *status_key)
{
	cJSON *e = cJSON_CreateObject();
	cJSON_AddStringToObject(e, "key", it->key);
	cJSON_AddStringToObject(e, "text", text_pair_get(&it->text, r->lang));
	cJSON_AddStringToObject(e, "status", i18n_get(r->lang, status_key));
	cJSON_AddBoolToObject(e, "identical", strcmp(status_key, "research.versions.identical") == 0);
	cJSON_AddItemToArray(list, e);
}

/* ctx.themes: per theme of b its status and its items' status against a. */
static void compare(struct req *r, cJSON *ctx, const struct questionnaire *a, const struct questionnaire *b)
{
	cJSON *themes = cJSON_AddArrayToObject(ctx, "themes");
	size_t same_items = 0;
	for (size_t t = 0; t < b->n_themes; t++) {
		const struct theme *tb = b->themes[t], *ta = questionnaire_theme_find(a, tb->key);
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "key", tb->key);
		cJSON_AddStringToObject(e, "title", text_pair_get(&tb->title, r->lang));
		int identical = ta && questionnaire_theme_identical(a, ta, b, tb);
		cJSON_AddStringToObject(e, "status", i18n_get(r->lang, !ta ? "research.versions.only_b"
							      : identical ? "research.versions.identical"
									  : "research.versions.changed"));
		cJSON_AddBoolToObject(e, "identical", identical);
		cJSON *items = cJSON_AddArrayToObject(e, "items");
		for (size_t i = 0; i < tb->n_items; i++) {
			const struct item *ib = &tb->items[i], *ia = questionnaire_item_find(a, ib->key);
			int same_item = ia && questionnaire_item_identical(ia, ib);
			same_items += (size_t)same_item;
			add_item(r, items, ib, !ia ? "research.versions.only_b" : same_item ? "research.versions.identical"
										: "research.versions.changed");
		}
		cJSON_AddItemToArray(themes, e);
	}
	cJSON *gone = cJSON_AddArrayToObject(ctx, "only_a");
	for (size_t i = 0; i < a->n_items; i++)
		if (!questionnaire_item_find(b, a->items[i]->key))
			add_item(r, gone, a->items[i], "research.versions.only_a");
	cJSON_AddBoolToObject(ctx, "has_only_a", cJSON_GetArraySize(gone) > 0);
	cJSON_AddStringToObject(ctx, "summary", arena_printf(&r->arena, "%zu / %zu", same_items, b->n_items));
}

static void versions_page(struct req *r)
{
	struct questionnaire_stored *rows;
	int n = db_questionnaire_stored(req_db(r), &r->arena, 0, &rows);
	if (n < 0) {
		reply_db_error(r);
		return;
	}
	cJSON *ctx = page_ctx(r);
	long long first = n ? rows[0].id : 0, last = n ? rows[n - 1].id : 0;
	long long ida = version_options(r, ctx, "versions_a", rows, n, req_query(r, "a"), first);
	long long idb = version_options(r, ctx, "versions_b", rows, n, req_query(r, "b"), last);
	const struct questionnaire *a = ida ? qreg_get(req_db(r), ida) : NULL;
	const struct questionnaire *b = idb ? qreg_get(req_db(r), idb) : NULL;
	if ((req_query(r, "a") && !a) || (req_query(r, "b") && !b)) {
		reply_error(r, 404);
		return;
	}
	if (a && b) {
		cJSON_AddStringToObject(ctx, "name_a", arena_printf(&r->arena, "%s %ld", a->key, a->version));
		cJSON_AddStringToObject(ctx, "name_b", arena_printf(&r->arena, "%s %ld", b->key, b->version));
		compare(r, ctx, a, b);
	}
	page_render(r, 200, "research/versions", i18n_get(r->lang, "research.versions.title"), ctx);
}

const struct route routes_research_versions[] = {
	{"GET", "/research/versions", versions_page, 0, ACCESS_RESEARCHER},
	{NULL, NULL, NULL, 0, 0},
};

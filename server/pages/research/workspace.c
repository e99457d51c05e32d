/* workspace.c: the research group's workspace — home, exports (pseudonymized
 * downloads and the codebook), aggregates and item statistics, as pages and as
 * JSON under /api/v1/research. Only ROLE_RESEARCHER; everything is scoped to
 * the researcher's own organisation (server/db/research.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/http/page.h"
#include "server/http/routes.h"
#include "server/http/session.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/app/questionnaire_registry.h"
#include "server/app/config.h"
#include "server/db/db.h"
#include "server/db/research.h"
#include "server/app/research_aggregates.h"
#include "server/app/research_codebook.h"
#include "server/app/research_export.h"
#include "server/app/research_items.h"
#include "server/app/research_items_csv.h"
#include "server/app/sector.h"
#include "common/date.h"
#include "common/text.h"
#include "common/banned.h"

/* The questionnaire chosen by ?version=ID (or form field), else the newest with scans;
 * adds "versions" to ctx (may be NULL). NULL after replying (404 / 503). */
static const struct questionnaire *pick_version(struct req *r, const char *param, cJSON *ctx, long long *qid)
{
	struct db *db = req_db(r);
	struct research_version *vs;
	int n = db_research_versions(db, &r->arena, r->session->org_id, &vs);
	if (n < 0) {
		reply_db_error(r);
		return NULL;
	}
	long want = 0;
	if (param && *param && !(want = text_parse_id(param)))
		want = -1;
	*qid = 0;
	cJSON *list = ctx ? cJSON_AddArrayToObject(ctx, "versions") : NULL;
	for (int i = 0; i < n; i++) {
		long long id = vs[i].questionnaire_id;
		if ((want > 0 && id == want) || (want == 0 && *qid == 0 && vs[i].n > 0))
			*qid = id;
	}
	if (want == 0 && *qid == 0 && n)
		*qid = vs[0].questionnaire_id;
	for (int i = 0; list && i < n; i++) {
		cJSON *v = cJSON_CreateObject();
		cJSON_AddNumberToObject(v, "id", (double)vs[i].questionnaire_id);
		cJSON_AddStringToObject(v, "name", arena_printf(&r->arena, "%s v%d", vs[i].key, vs[i].version));
		cJSON_AddNumberToObject(v, "n", (double)vs[i].n);
		cJSON_AddBoolToObject(v, "selected", vs[i].questionnaire_id == *qid);
		cJSON_AddItemToArray(list, v);
	}
	const struct questionnaire *q = *qid ? qreg_get(db, *qid) : NULL;
	if (!q) {
		reply_error(r, 404);
	}
	return q;
}

static void home(struct req *r)
{
	cJSON *ctx = page_ctx(r);
	long long qid;
	if (!pick_version(r, NULL, ctx, &qid))
		return;
	page_render(r, 200, "research/home", i18n_get(r->lang, "research.title"), ctx);
}

static void exports_form(struct req *r)
{
	cJSON *ctx = page_ctx(r);
	long long qid;
	if (!pick_version(r, req_query(r, "version"), ctx, &qid))
		return;
	page_render(r, 200, "research/exports", i18n_get(r->lang, "research.exports.title"), ctx);
}

static void exports_download(struct req *r)
{
	cJSON *ctx = page_ctx(r);
	long long qid;
	const struct questionnaire *q = pick_version(r, req_form(r, "version"), ctx, &qid);
	if (!q)
		return;
	enum export_format fmt;
	const char *from = req_form(r, "from"), *to = req_form(r, "to");
	if (export_format_parse(req_form(r, "format"), &fmt) != 0)
		page_field_error(ctx, "format", i18n_get(r->lang, "research.exports.format_missing"));
	/* each date checked once; the audit entry records only real dates */
	long from_ymd = 0, to_ymd = 0;
	int from_ok = from && date_valid_ymd(from, &from_ymd), to_ok = to && date_valid_ymd(to, &to_ymd);
	if (from && *from && !from_ok)
		page_field_error(ctx, "from", i18n_get(r->lang, "research.exports.date_invalid"));
	if (to && *to && !to_ok)
		page_field_error(ctx, "to", i18n_get(r->lang, "research.exports.date_invalid"));
	if (from_ok && to_ok && from_ymd > to_ymd)
		page_field_error(ctx, "to", i18n_get(r->lang, "research.exports.date_order"));
	if (page_has_errors(ctx)) {
		cJSON_AddStringToObject(ctx, "from", from ? from : "");
		cJSON_AddStringToObject(ctx, "to", to ? to : "");
		page_render(r, 400, "research/exports", i18n_get(r->lang, "research.exports.title"), ctx);
		return;
	}
	struct research_filter f = {r->session->org_id, qid, from, to, 0};
	FILE *tmp = tmpfile(); /* unlinked: gone when closed */
	long long rows = 0;
	char err[512];
	if (!tmp) {
		reply_error(r, 500);
		return;
	}
	if (research_export_write(req_read_db(r), q, &f, fmt, r->lang, tmp, &rows, err, sizeof(err)) != 0 ||
	    fflush(tmp) != 0) {
		fclose(tmp);
		reply_db_error(r);
		return;
	}
	long size = ftell(tmp);
	int fd = dup(fileno(tmp));
	fclose(tmp);
	if (fd < 0 || size < 0) {
		if (fd >= 0)
			close(fd);
		reply_error(r, 500);
		return;
	}
	char *detail = arena_printf(&r->arena,
				    "{\"format\":\"%s\",\"questionnaire_id\":%lld,\"from\":\"%s\",\"to\":\"%s\",\"rows\":%lld}",
				    req_form(r, "format"), qid, from_ok ? from : "", to_ok ? to : "", rows);
	audit(r, "research_export", "questionnaire", qid, detail);
	char file[64];
	export_format_filename(fmt, q->version, file, sizeof(file));
	char *name = arena_strdup(&r->arena, file); /* the reply keeps it past this frame */
	reply_fd(r, 200, export_format_content_type(fmt), fd, (unsigned long long)size, name);
}

static void codebook_page(struct req *r)
{
	cJSON *ctx = page_ctx(r);
	long long qid;
	const struct questionnaire *q = pick_version(r, req_query(r, "version"), ctx, &qid);
	if (!q)
		return;
	struct codebook cb;
	codebook_build(&cb, q);
	cJSON_AddItemToObject(ctx, "variables", codebook_to_json(&cb, r->lang));
	codebook_release(&cb);
	page_render(r, 200, "research/codebook", i18n_get(r->lang, "research.codebook.title"), ctx);
}

/* ---- aggregates ---- */

static cJSON *aggregates_for(struct req *r, long long qid)
{
	struct research_aggregate_row *rows;
	int n = db_research_aggregates(req_read_db(r), &r->arena, r->session->org_id, qid, &rows);
	if (n < 0)
		return NULL;
	return aggregates_json(rows, n, config.benchmark_k);
}

static void aggregates_api(struct req *r)
{
	long long qid;
	if (!pick_version(r, req_query(r, "version"), NULL, &qid))
		return;
	cJSON *j = aggregates_for(r, qid);
	if (!j) {
		reply_db_error(r);
		return;
	}
	cJSON_AddNumberToObject(j, "questionnaire_id", (double)qid);
	reply_json(r, 200, j);
}

static const char *const dimensions[] = {"sector", "size_class", "region", "period"};

/* Position of a size class in the questionnaire's profile (unknown ones last). */
static size_t size_class_rank(const struct questionnaire *q, const char *key)
{
	for (size_t i = 0; key && i < q->profile.n_size_classes; i++)
		if (strcmp(q->profile.size_classes[i].key, key) == 0)
			return i;
	return q->profile.n_size_classes;
}

/* A size class's key as the chart's short label: fte_10_49 is "10–49 fte",
 * fte_200_plus "200+ fte"; any other key as it is. */
static const char *size_class_short(struct req *r, const char *key)
{
	int lo, hi, used = 0;
	if (sscanf(key, "fte_%d_%d%n", &lo, &hi, &used) == 2 && key[used] == '\0')
		return arena_printf(&r->arena, "%d–%d fte", lo, hi);
	used = 0;
	if (sscanf(key, "fte_%d_plus%n", &lo, &used) == 1 && used && key[used] == '\0')
		return arena_printf(&r->arena, "%d+ fte", lo);
	return key;
}

/* A table's cells in words: "label" for the table (the sector's name beside
 * its letter, a size class's label from the questionnaire), "short" for the
 * chart, and size classes in the questionnaire's order rather than the
 * alphabet's (fte_100_199 sorted before fte_50_99). */
static void cells_in_words(struct req *r, const struct questionnaire *q, const char *dim, cJSON *table)
{
	cJSON *cells = cJSON_GetObjectItem(table, "cells");
	int n = cJSON_GetArraySize(cells);
	if (n <= 0)
		return;
	cJSON **list = calloc((size_t)n, sizeof(*list));
	if (!list)
		return;
	int k = 0;
	while (cells->child && k < n)
		list[k++] = cJSON_DetachItemViaPointer(cells, cells->child);
	int sizes = strcmp(dim, "size_class") == 0;
	if (sizes) /* a stable insertion sort by rank: a handful of cells */
		for (int i = 1; i < k; i++) {
			cJSON *c = list[i];
			size_t rc = size_class_rank(q, cJSON_GetStringValue(cJSON_GetObjectItem(c, "cell")));
			int j = i - 1;
			while (j >= 0 && size_class_rank(q, cJSON_GetStringValue(cJSON_GetObjectItem(list[j], "cell"))) > rc) {
				list[j + 1] = list[j];
				j--;
			}
			list[j + 1] = c;
		}
	for (int i = 0; i < k; i++) {
		const cJSON *cell = cJSON_GetObjectItem(list[i], "cell");
		const char *key = cJSON_IsString(cell) ? cell->valuestring : "";
		const char *label = key, *shortl = key;
		if (sizes) {
			size_t rank = size_class_rank(q, key);
			if (rank < q->profile.n_size_classes)
				label = text_pair_get(&q->profile.size_classes[rank].label, r->lang);
			shortl = size_class_short(r, key);
		} else if (strcmp(dim, "sector") == 0 && sbi_name(key, r->lang)[0]) {
			label = arena_printf(&r->arena, "%s – %s", key, sbi_name(key, r->lang));
		}
		cJSON_AddStringToObject(list[i], "label", label);
		cJSON_AddStringToObject(list[i], "short", shortl);
		cJSON_AddItemToArray(cells, list[i]);
	}
	free(list);
}

static void aggregates_page(struct req *r)
{
	cJSON *ctx = page_ctx(r);
	long long qid;
	const struct questionnaire *q = pick_version(r, req_query(r, "version"), ctx, &qid);
	if (!q)
		return;
	const char *dim = req_query(r, "dimension"), *score = req_query(r, "score");
	int d = 0;
	for (int i = 0; i < 4; i++)
		if (dim && strcmp(dim, dimensions[i]) == 0)
			d = i;
	if (!score || !*score)
		score = "overall:overall";
	cJSON_AddBoolToObject(ctx, "has_dimensions", 1);
	cJSON *dims = cJSON_AddArrayToObject(ctx, "dimensions");
	for (int i = 0; i < 4; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "key", dimensions[i]);
		cJSON_AddStringToObject(o, "label", i18n_get(r->lang, arena_printf(&r->arena, "research.dim.%s", dimensions[i])));
		cJSON_AddBoolToObject(o, "selected", i == d);
		cJSON_AddItemToArray(dims, o);
	}
	cJSON *scores = cJSON_AddArrayToObject(ctx, "scores");
	const char *score_title = NULL;
	for (size_t i = 0; i < 1 + q->n_pillars + q->n_themes; i++) {
		const char *key, *title;
		if (i == 0) {
			key = "overall:overall";
			title = i18n_get(r->lang, "research.overall");
		} else if (i <= q->n_pillars) {
			key = arena_printf(&r->arena, "pillar:%s", q->pillars[i - 1].key);
			title = text_pair_get(&q->pillars[i - 1].title, r->lang);
		} else {
			const struct theme *t = q->themes[i - 1 - q->n_pillars];
			key = arena_printf(&r->arena, "theme:%s", t->key);
			title = arena_printf(&r->arena, "— %s", text_pair_get(&t->title, r->lang));
		}
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "key", key);
		cJSON_AddStringToObject(o, "title", title);
		int sel = strcmp(key, score) == 0;
		if (sel)
			score_title = title;
		cJSON_AddBoolToObject(o, "selected", sel);
		cJSON_AddItemToArray(scores, o);
	}
	if (!score_title) {
		score = "overall:overall";
		score_title = i18n_get(r->lang, "research.overall");
	}
	cJSON *all = aggregates_for(r, qid);
	if (!all) {
		reply_db_error(r);
		return;
	}
	cJSON_AddStringToObject(ctx, "computed_at", cJSON_GetObjectItem(all, "computed_at")->valuestring);
	cJSON_AddNumberToObject(ctx, "k", config.benchmark_k);
	const cJSON *t;
	cJSON_ArrayForEach(t, cJSON_GetObjectItem(all, "tables")) {
		const char *tl = cJSON_GetObjectItem(t, "level")->valuestring, *tk = cJSON_GetObjectItem(t, "key")->valuestring;
		size_t ll = strlen(tl);
		if (strcmp(cJSON_GetObjectItem(t, "dimension")->valuestring, dimensions[d]) != 0 ||
		    strncmp(score, tl, ll) != 0 || score[ll] != ':' || strcmp(score + ll + 1, tk) != 0)
			continue;
		cJSON *shown = cJSON_Duplicate(t, 1);
		cells_in_words(r, q, dimensions[d], shown);
		struct buf svg = BUF_INIT;
		aggregates_svg(shown, score_title, &svg);
		cJSON_AddStringToObject(ctx, "svg", svg.data);
		buf_release(&svg);
		cJSON_AddItemToObject(ctx, "table", shown);
	}
	cJSON_AddStringToObject(ctx, "score_title", score_title);
	cJSON_Delete(all);
	page_render(r, 200, "research/aggregates", i18n_get(r->lang, "research.aggregates.title"), ctx);
}

/* ---- item statistics ---- */

static cJSON *items_for(struct req *r, const struct questionnaire *q, long long qid)
{
	struct research_filter f = {r->session->org_id, qid, NULL, NULL, 1};
	char err[256];
	return research_item_stats(req_read_db(r), q, &f, ITEM_STATS_MAX_ROWS, r->lang, err, sizeof(err));
}

/* The item statistics of the version in ?version= (the newest by default); NULL with the
 * reply queued (an unknown version, a database error). Free with cJSON_Delete. */
static cJSON *items_of_request(struct req *r, long long *qid, const struct questionnaire **qp)
{
	const struct questionnaire *q = pick_version(r, req_query(r, "version"), NULL, qid);
	*qp = q;
	if (!q)
		return NULL;
	cJSON *j = items_for(r, q, *qid);
	if (!j)
		reply_db_error(r);
	return j;
}

static void items_api(struct req *r)
{
	long long qid;
	const struct questionnaire *q;
	cJSON *j = items_of_request(r, &qid, &q);
	if (!j)
		return;
	cJSON_AddNumberToObject(j, "questionnaire_id", (double)qid);
	reply_json(r, 200, j);
}

/* GET /research/items.csv: the item diagnostics per item as a download. */
static void items_csv(struct req *r)
{
	long long qid;
	const struct questionnaire *q;
	cJSON *j = items_of_request(r, &qid, &q);
	if (!j)
		return;
	struct buf csv = BUF_INIT;
	int rc = research_items_csv(j, &csv);
	cJSON_Delete(j);
	if (rc != 0) {
		buf_release(&csv);
		reply_error(r, 500);
		return;
	}
	char *name = arena_printf(&r->arena, "fphc-v%ld-item-diagnostics.csv", (long)q->version);
	reply_bytes(r, 200, "text/csv; charset=utf-8", csv.data, csv.len, name);
	buf_release(&csv);
}

/* The flags of an item in words, for the page: "Let op: …" (not colour only). */
static void flags_in_words(struct req *r, cJSON *it)
{
	struct buf b = BUF_INIT;
	const cJSON *f;
	cJSON_ArrayForEach(f, cJSON_GetObjectItem(it, "flags"))
		buf_printf(&b, "%s%s", b.len ? "; " : "",
			   i18n_get(r->lang, arena_printf(&r->arena, "research.items.flag.%s", f->valuestring)));
	cJSON_AddStringToObject(it, "flags_txt", b.len ? b.data : "");
	buf_release(&b);
}

static void fmt2(cJSON *o, const char *name)
{
	/* adds NAME_txt with two decimals (or "—") for the page */
	const cJSON *v = cJSON_GetObjectItem(o, name);
	char buf[32];
	if (cJSON_IsNumber(v))
		snprintf(buf, sizeof(buf), "%.2f", v->valuedouble);
	else
		snprintf(buf, sizeof(buf), "—");
	char key[48];
	snprintf(key, sizeof(key), "%s_txt", name);
	cJSON_AddStringToObject(o, key, buf);
}

static void items_page(struct req *r)
{
	cJSON *ctx = page_ctx(r);
	long long qid;
	const struct questionnaire *q = pick_version(r, req_query(r, "version"), ctx, &qid);
	if (!q)
		return;
	cJSON *j = items_for(r, q, qid);
	if (!j) {
		reply_db_error(r);
		return;
	}
	cJSON *t;
	cJSON_ArrayForEach(t, cJSON_GetObjectItem(j, "themes")) {
		fmt2(t, "alpha");
		fmt2(t, "omega");
		cJSON *it;
		cJSON_ArrayForEach(it, cJSON_GetObjectItem(t, "items")) {
			fmt2(it, "mean");
			fmt2(it, "sd");
			fmt2(it, "pct_missing");
			fmt2(it, "pct_na");
			fmt2(it, "item_rest");
			fmt2(it, "alpha_if_deleted");
			fmt2(it, "pct_floor");
			fmt2(it, "pct_ceiling");
			flags_in_words(r, it);
			struct buf d = BUF_INIT;
			cJSON *x;
			int n = 0;
			cJSON_ArrayForEach(x, cJSON_GetObjectItem(it, "distribution"))
				buf_printf(&d, "%s%s: %.0f", n++ ? " · " : "", cJSON_GetObjectItem(x, "label")->valuestring,
					   cJSON_GetObjectItem(x, "n")->valuedouble);
			cJSON_AddStringToObject(it, "distribution_txt", d.data);
			buf_release(&d);
		}
	}
	cJSON_ArrayForEach(t, cJSON_GetObjectItem(j, "pillars"))
		fmt2(t, "alpha");
	cJSON_AddNumberToObject(ctx, "questionnaire_id", (double)qid);
	cJSON_AddItemToObject(ctx, "stats", j);
	page_render(r, 200, "research/items", i18n_get(r->lang, "research.items.title"), ctx);
}

const struct route routes_research[] = {
	{"GET", "/research", home, 0, ACCESS_RESEARCHER},
	{"GET", "/research/exports", exports_form, 0, ACCESS_RESEARCHER},
	{"POST", "/research/exports", exports_download, ROUTE_CHANGES | ROUTE_READ_ONLY | ROUTE_REPLICA, ACCESS_RESEARCHER},
	{"GET", "/research/exports/codebook", codebook_page, 0, ACCESS_RESEARCHER},
	{"GET", "/research/aggregates", aggregates_page, ROUTE_REPLICA, ACCESS_RESEARCHER},
	{"GET", "/research/items", items_page, ROUTE_REPLICA, ACCESS_RESEARCHER},
	{"GET", "/research/items.csv", items_csv, ROUTE_REPLICA, ACCESS_RESEARCHER},
	{"GET", "/api/v1/research/aggregates", aggregates_api, ROUTE_REPLICA, ACCESS_RESEARCHER},
	{"GET", "/api/v1/research/items", items_api, ROUTE_REPLICA, ACCESS_RESEARCHER},
	{NULL, NULL, NULL, 0, 0},
};

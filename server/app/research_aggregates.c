/* research_aggregates.c: suppression of research aggregates and their chart; see aggregates.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/app/research_aggregates.h"
#include "scoring/suppression.h"
#include "common/banned.h"

static void add_stats(cJSON *o, const struct research_aggregate_row *w)
{
	const char *const names[] = {"n", "mean", "sd", "p25", "median", "p75"};
	const double values[] = {w->n, w->mean, w->sd, w->p25, w->median, w->p75};
	for (int c = 0; c < 6; c++) {
		if (!isnan(values[c]))
			cJSON_AddNumberToObject(o, names[c], values[c]);
		else
			cJSON_AddNullToObject(o, names[c]);
	}
}

/* A count as suppression reads it: 0 when unknown. */
static long count_of(const struct research_aggregate_row *w)
{
	return isnan(w->n) ? 0 : (long)w->n;
}

/* One table: rows [from, to) of the same dimension, level and key; the total ('') first. */
static cJSON *table(const struct research_aggregate_row *rows, int from, int to, int k)
{
	cJSON *t = cJSON_CreateObject();
	cJSON_AddStringToObject(t, "dimension", rows[from].dimension);
	cJSON_AddStringToObject(t, "level", rows[from].level);
	cJSON_AddStringToObject(t, "key", rows[from].key);
	int first = from;
	cJSON *total = cJSON_CreateObject();
	if (first < to && rows[first].cell[0] == '\0') {
		if (count_of(&rows[first]) < k)
			cJSON_AddStringToObject(total, "suppressed", "primary");
		else
			add_stats(total, &rows[first]);
		first++;
	}
	cJSON_AddItemToObject(t, "total", total);
	size_t n = (size_t)(to - first);
	long *counts = calloc(n + 1, sizeof(*counts));
	enum cell_state *st = calloc(n + 1, sizeof(*st));
	if (!counts || !st)
		abort();
	for (size_t i = 0; i < n; i++)
		counts[i] = count_of(&rows[first + (int)i]);
	suppress_cells(counts, n, k, st);
	cJSON *cells = cJSON_AddArrayToObject(t, "cells");
	for (size_t i = 0; i < n; i++) {
		cJSON *c = cJSON_CreateObject();
		cJSON_AddStringToObject(c, "cell", rows[first + (int)i].cell);
		if (st[i] == CELL_PRIMARY || st[i] == CELL_SECONDARY) {
			cJSON_AddStringToObject(c, "suppressed", st[i] == CELL_PRIMARY ? "primary" : "secondary");
			if (st[i] == CELL_SECONDARY) /* the page says "verborgen" (docs/research.md) */
				cJSON_AddTrueToObject(c, "secondary");
		} else
			add_stats(c, &rows[first + (int)i]);
		cJSON_AddItemToArray(cells, c);
	}
	free(counts);
	free(st);
	return t;
}

/* 1 when rows a and b belong to the same table (dimension, level, key). */
static int same_table(const struct research_aggregate_row *a, const struct research_aggregate_row *b)
{
	return strcmp(a->dimension, b->dimension) == 0 && strcmp(a->level, b->level) == 0 &&
	       strcmp(a->key, b->key) == 0;
}

cJSON *aggregates_json(const struct research_aggregate_row *rows, int n, int k)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "computed_at", n ? rows[0].computed_at : "");
	cJSON_AddNumberToObject(root, "k", k);
	cJSON *tables = cJSON_AddArrayToObject(root, "tables");
	for (int i = 0; i < n;) {
		int j = i + 1;
		while (j < n && same_table(&rows[j], &rows[i]))
			j++;
		cJSON_AddItemToArray(tables, table(rows, i, j, k));
		i = j;
	}
	return root;
}

static double num(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

void aggregates_svg(const cJSON *t, const char *title, struct buf *out)
{
	const cJSON *cells = cJSON_GetObjectItemCaseSensitive(t, "cells");
	int n = cJSON_GetArraySize(cells);
	/* Laid out 360 units wide, like the report's charts on screen: shown
	 * about that wide on a 360 px phone, every text stays at 11 px or more. */
	const int left = 120, width = 222, row = 28, top = 10;
	int h = top + row * (n ? n : 1) + 30;
	buf_printf(out, "<svg class=\"agg-chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"agg-title\">"
			"<title id=\"agg-title\">", left + width + 18, h);
	buf_html(out, title);
	buf_puts(out, "</title>");
	for (int x = 0; x <= 100; x += 20) {
		double px = left + width * x / 100.0;
		buf_printf(out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#c9d0d8\" stroke-width=\"1\"/>"
				"<text x=\"%.1f\" y=\"%d\" font-size=\"12.5\" text-anchor=\"middle\" fill=\"#4a5360\">%d</text>",
			   px, top, px, top + row * n, px, top + row * n + 18, x);
	}
	int i = 0;
	const cJSON *c;
	cJSON_ArrayForEach(c, cells) {
		double y = top + row * i + row / 2.0;
		const cJSON *cell = cJSON_GetObjectItemCaseSensitive(c, "short");
		if (!cJSON_IsString(cell))
			cell = cJSON_GetObjectItemCaseSensitive(c, "cell");
		buf_printf(out, "<text x=\"%d\" y=\"%.1f\" font-size=\"13\" text-anchor=\"end\" fill=\"#1b1f24\">", left - 8, y + 4);
		buf_html(out, cJSON_IsString(cell) ? cell->valuestring : "");
		buf_puts(out, "</text>");
		double p25 = num(c, "p25"), med = num(c, "median"), p75 = num(c, "p75");
		if (isfinite(p25) && isfinite(p75) && isfinite(med)) {
			double x1 = left + width * p25 / 100, x2 = left + width * p75 / 100, xm = left + width * med / 100;
			buf_printf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" fill=\"#9fc3e7\" stroke=\"#0b5394\"/>"
					"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#083d6e\" stroke-width=\"3\"/>",
				   x1, y - 7, x2 - x1 < 1 ? 1 : x2 - x1, xm, y - 9, xm, y + 9);
		} else {
			buf_printf(out, "<text x=\"%d\" y=\"%.1f\" font-size=\"12.5\" fill=\"#4a5360\">—</text>", left + 4, y + 4);
		}
		i++;
	}
	buf_puts(out, "</svg>");
}

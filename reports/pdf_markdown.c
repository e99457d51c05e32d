/* pdf_markdown.c: the advisor's Markdown (CommonMark via libcmark) as flowed PDF text. */
#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/arena.h"
#include "reports/pdf.h"
#include "common/banned.h"

#define ITEM_INDENT 14.0
/* Block quotes and lists deeper than this render flat at this level: blocks()
 * recurses per level, and a stored advice of 99,990 '>' overflowed the stack
 * of a server worker (see SQLite's SQLITE_MAX_EXPR_DEPTH for the idea). */
#define MAX_DEPTH 16

struct runs {
	struct pdf_run *v;
	size_t n, cap;
	struct arena *store;   /* for texts that are not in the tree ("(url)") */
	int hidden;            /* inside inline <script> or <style>: text dropped */
};

static void add(struct runs *rs, const char *s, size_t len, enum pdf_style style)
{
	if (!s || !len)
		return;
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 16;
		rs->v = realloc(rs->v, rs->cap * sizeof *rs->v);
		if (!rs->v)
			abort();  /* out of memory: same policy as common/buf.h */
	}
	rs->v[rs->n++] = (struct pdf_run){s, len, style};
}

static void add_str(struct runs *rs, const char *s, enum pdf_style style)
{
	if (s)
		add(rs, s, strlen(s), style);
}

/* Raw HTML is dropped, and so is the text inside an inline <script> or
 * <style> element (which is code, not prose). Returns the new hidden state. */
static int hides(const char *tag, int hidden)
{
	if (!tag)
		return hidden;
	if (strncasecmp(tag, "<script", 7) == 0 || strncasecmp(tag, "<style", 6) == 0)
		return 1;
	if (strncasecmp(tag, "</script", 8) == 0 || strncasecmp(tag, "</style", 7) == 0)
		return 0;
	return hidden;
}

/* Appends the inline children of n; links keep their address as text, since
 * paper cannot be clicked. Raw HTML is dropped. */
static void inlines(struct runs *rs, cmark_node *n, enum pdf_style style)
{
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if (!rs->hidden)
				add_str(rs, cmark_node_get_literal(c), style);
			break;
		case CMARK_NODE_HTML_INLINE:
			rs->hidden = hides(cmark_node_get_literal(c), rs->hidden);
			break;
		case CMARK_NODE_SOFTBREAK:
			add_str(rs, " ", style);
			break;
		case CMARK_NODE_LINEBREAK:
			add_str(rs, "\n", style);
			break;
		case CMARK_NODE_EMPH:
			inlines(rs, c, style | PDF_ITALIC);
			break;
		case CMARK_NODE_STRONG:
			inlines(rs, c, style | PDF_BOLD);
			break;
		case CMARK_NODE_LINK: {
			size_t before = rs->n;
			inlines(rs, c, style);
			const char *url = cmark_node_get_url(c);
			int same = rs->n == before + 1 && url && strlen(url) == rs->v[before].len &&
				   memcmp(url, rs->v[before].text, rs->v[before].len) == 0;
			if (url && *url && !same)
				add_str(rs, arena_printf(rs->store, " (%s)", url), style);
			break;
		}
		case CMARK_NODE_IMAGE:
			inlines(rs, c, style);
			break;
		default:   /* CMARK_NODE_HTML_INLINE, custom: left out */
			break;
		}
	}
}

static void paragraph(struct pdf *p, struct runs *rs, cmark_node *n, double size,
		      double indent, enum pdf_style style)
{
	rs->n = 0;
	rs->hidden = 0;
	inlines(rs, n, style);
	pdf_runs(p, rs->v, rs->n, size, indent, CHART_INK);
}

static void blocks(struct pdf *p, struct runs *rs, cmark_node *parent, double size,
		   double indent, int tight, int depth);

/* The text blocks under n in document order, without recursion, for levels
 * past MAX_DEPTH. Inline text is taken flat as well (styles dropped). */
static void flat(struct pdf *p, struct runs *rs, cmark_node *n, double size, double indent)
{
	cmark_iter *it = cmark_iter_new(n);
	if (!it)
		abort();  /* out of memory */
	rs->n = 0;
	rs->hidden = 0;
	for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
		cmark_node *c = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(c);
		if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE ||
						t == CMARK_NODE_CODE_BLOCK))
			add_str(rs, cmark_node_get_literal(c), PDF_REGULAR);
		else if (ev == CMARK_EVENT_ENTER && t == CMARK_NODE_SOFTBREAK)
			add_str(rs, " ", PDF_REGULAR);
		else if (ev == CMARK_EVENT_EXIT && (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING)) {
			pdf_runs(p, rs->v, rs->n, size, indent, CHART_INK);
			pdf_gap(p, size * 0.6);
			rs->n = 0;
		}
	}
	if (rs->n)
		pdf_runs(p, rs->v, rs->n, size, indent, CHART_INK);
	cmark_iter_free(it);
}

static void list(struct pdf *p, struct runs *rs, cmark_node *n, double size, double indent,
		 int depth)
{
	int ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
	int number = cmark_node_get_list_start(n);
	int tight = cmark_node_get_list_tight(n);
	for (cmark_node *item = cmark_node_first_child(n); item; item = cmark_node_next(item)) {
		char marker[16];
		if (ordered)
			snprintf(marker, sizeof marker, "%d.", number++);
		else
			snprintf(marker, sizeof marker, "•");
		pdf_need(p, size * PDF_LEADING);
		pdf_line(p, marker, PDF_LEFT + indent, p->y - size, ITEM_INDENT, size,
			 PDF_REGULAR, CHART_INK, -1);
		blocks(p, rs, item, size, indent + ITEM_INDENT, tight, depth + 1);
	}
	if (tight)
		pdf_gap(p, size * 0.5);
}

static void blocks(struct pdf *p, struct runs *rs, cmark_node *parent, double size,
		   double indent, int tight, int depth)
{
	if (depth >= MAX_DEPTH) {
		flat(p, rs, parent, size, indent);
		return;
	}
	double after = tight ? size * 0.15 : size * 0.6;
	for (cmark_node *n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_PARAGRAPH:
			paragraph(p, rs, n, size, indent, PDF_REGULAR);
			pdf_gap(p, after);
			break;
		case CMARK_NODE_HEADING:
			pdf_need(p, size * PDF_LEADING * 3);
			paragraph(p, rs, n, size + 1, indent, PDF_BOLD);
			pdf_gap(p, size * 0.3);
			break;
		case CMARK_NODE_LIST:
			list(p, rs, n, size, indent, depth);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			blocks(p, rs, n, size, indent + ITEM_INDENT, 0, depth + 1);
			break;
		case CMARK_NODE_CODE_BLOCK:
			pdf_para(p, cmark_node_get_literal(n), size, PDF_REGULAR, indent, CHART_INK);
			pdf_gap(p, after);
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			pdf_gap(p, size);
			break;
		default:   /* CMARK_NODE_HTML_BLOCK and others: left out */
			break;
		}
	}
}

void pdf_markdown(struct pdf *p, const char *md, double size, double indent)
{
	if (!md || !*md)
		return;
	cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	if (!doc)
		abort();  /* cmark fails only when out of memory */
	struct arena store = ARENA_INIT;
	struct runs rs = {NULL, 0, 0, &store, 0};
	blocks(p, &rs, doc, size, indent, 0, 0);
	free(rs.v);
	arena_release(&store);
	cmark_node_free(doc);
}

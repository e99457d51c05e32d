/* markdown.c: CommonMark to safe HTML with libcmark; see markdown.h. */
#include <stdlib.h>
#include <string.h>
#include <cmark.h>

#include "server/app/markdown.h"
#include "common/banned.h"

/* The text of every leaf under n, blocks joined by a space, as a new paragraph
 * node; NULL when memory ran out. */
static cmark_node *flat_paragraph(cmark_node *n)
{
	cmark_iter *it = cmark_iter_new(n);
	if (!it)
		return NULL;
	struct buf text;
	buf_init(&text, 0);
	for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
		cmark_node *c = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(c);
		if (ev == CMARK_EVENT_EXIT && (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING))
			buf_putc(&text, ' ');
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE || t == CMARK_NODE_CODE_BLOCK) {
			const char *lit = cmark_node_get_literal(c);
			buf_puts(&text, lit ? lit : "");
		} else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
			buf_putc(&text, ' ');
		}
	}
	cmark_iter_free(it);
	cmark_node *para = cmark_node_new(CMARK_NODE_PARAGRAPH), *lit = cmark_node_new(CMARK_NODE_TEXT);
	int ok = para && lit && cmark_node_set_literal(lit, text.data ? text.data : "") &&
		 cmark_node_append_child(para, lit);
	buf_release(&text);
	if (!ok) {
		cmark_node_free(lit);
		cmark_node_free(para);
		return NULL;
	}
	return para;
}

/* Every block quote or list item MARKDOWN_MAX_DEPTH levels deep keeps its text
 * as one flat paragraph, so the page never nests deeper (the PDF does the
 * same, reports/pdf_markdown.c). Returns 0 or -1 (out of memory). */
static int bound_depth(cmark_node *doc)
{
	size_t n = 0, cap = 0;
	cmark_node **deep = NULL;
	int depth = 0, rc = 0;
	cmark_iter *it = cmark_iter_new(doc);
	if (!it)
		return -1;
	for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
		cmark_node *c = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(c);
		if (t != CMARK_NODE_BLOCK_QUOTE && t != CMARK_NODE_ITEM)
			continue;
		if (ev == CMARK_EVENT_EXIT) {
			depth--;
			continue;
		}
		if (++depth != MARKDOWN_MAX_DEPTH)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			cmark_node **grown = realloc(deep, cap * sizeof(*deep));
			if (!grown) {
				rc = -1;
				break;
			}
			deep = grown;
		}
		deep[n++] = c;
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < n && rc == 0; i++) {
		cmark_node *para = flat_paragraph(deep[i]);
		if (!para) {
			rc = -1;
			break;
		}
		for (cmark_node *c; (c = cmark_node_first_child(deep[i]));)
			cmark_node_free(c);
		cmark_node_append_child(deep[i], para);
	}
	free(deep);
	return rc;
}

int markdown_to_html(struct buf *out, const char *md)
{
	if (!md || !md[0])
		return 0;
	/* Never CMARK_OPT_UNSAFE: advice is shown to other people. */
	int opts = CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8;
	cmark_node *doc = cmark_parse_document(md, strlen(md), opts);
	if (!doc)
		return -1;
	char *html = bound_depth(doc) == 0 ? cmark_render_html(doc, opts) : NULL;
	cmark_node_free(doc);
	if (!html)
		return -1;
	int rc = buf_puts(out, html);
	free(html);
	return rc;
}

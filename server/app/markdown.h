/* markdown.h: advice text (CommonMark) to HTML that is safe to put on a page.
 * libcmark in its default safe mode (CMARK_OPT_SAFE is kept for clarity): raw
 * HTML is replaced by a comment, and javascript:, vbscript:, file: and most
 * data: links become empty. The result is {{{raw}}} material for templates. */
#ifndef FPHC_MARKDOWN_H
#define FPHC_MARKDOWN_H

#include "common/buf.h"

/* Block quotes and list items nested deeper than this show their text flat
 * at this level (as in the PDF): an advice of 99,990 '>' would otherwise be a
 * page of 99,990 nested elements. */
#define MARKDOWN_MAX_DEPTH 16

/* Appends the HTML of md to out. 0, or -1 when out hit its cap or memory ran out. */
int markdown_to_html(struct buf *out, const char *md);

#endif

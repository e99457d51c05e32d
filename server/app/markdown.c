/* markdown.c: CommonMark to safe HTML with libcmark; see markdown.h. */
#include <stdlib.h>
#include <string.h>
#include <cmark.h>

#include "server/app/markdown.h"
#include "common/banned.h"

int markdown_to_html(struct buf *out, const char *md)
{
	if (!md || !md[0])
		return 0;
	/* Never CMARK_OPT_UNSAFE: advice is shown to other people. */
	char *html = cmark_markdown_to_html(md, strlen(md), CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8);
	if (!html)
		return -1;
	int rc = buf_puts(out, html);
	free(html);
	return rc;
}

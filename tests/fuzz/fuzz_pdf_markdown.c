/* fuzz_pdf_markdown.c: libFuzzer target for the Markdown-to-PDF text layout
 * (reports/pdf_markdown.c and the line breaking under it): a sparse demo report
 * whose general advice and research assessment are the fuzzed text, rendered in
 * full. The output must be a PDF. Inputs go up to the advice field's own cap
 * (100,000 bytes, server/pages/office/scan_forms.c): deep nesting only shows at
 * that size. Run with -max_len=100000 to reach it. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reports/report.h"
#include "common/arena.h"
#include "common/buf.h"
#include "common/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 100000 || !text_utf8_valid((const char *)data, size) || memchr(data, '\0', size))
		return 0;
	char *md = malloc(size + 1);
	memcpy(md, data, size);
	md[size] = '\0';
	struct report r;
	memset(&r, 0, sizeof(r));
	r.lang = "nl";
	struct arena store = ARENA_INIT;
	report_demo_fill(&r, REPORT_DEMO_SPARSE, &store);
	r.advice_md = md;
	r.research_md = md;
	struct buf out;
	buf_init(&out, 0);
	char err[256];
	if (report_render(&r, &out, err, sizeof(err)) == 0 && (out.len < 5 || memcmp(out.data, "%PDF-", 5) != 0))
		abort();
	buf_release(&out);
	arena_release(&store);
	free(md);
	return 0;
}

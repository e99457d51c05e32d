/* workbook_file.c: see workbook_file.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/app/workbook_file.h"
#include "common/banned.h"

lxw_workbook *workbook_file_open(struct workbook_file *f, int constant_memory)
{
	snprintf(f->path, sizeof f->path, "/tmp/fphc-xlsx-XXXXXX");
	f->wb = NULL;
	int fd = mkstemp(f->path);
	if (fd < 0)
		return NULL;
	close(fd);
	char tmpdir[] = "/tmp"; /* libxlsxwriter takes a non-const char * */
	lxw_workbook_options opt = {.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE, .tmpdir = tmpdir};
	f->wb = workbook_new_opt(f->path, &opt);
	if (!f->wb)
		unlink(f->path);
	return f->wb;
}

int workbook_file_close(struct workbook_file *f, struct buf *out)
{
	int rc = workbook_close(f->wb) == LXW_NO_ERROR ? 0 : -1;
	f->wb = NULL;
	FILE *in = rc == 0 ? fopen(f->path, "rb") : NULL;
	if (in) {
		char chunk[65536];
		size_t got;
		while ((got = fread(chunk, 1, sizeof(chunk), in)) > 0)
			buf_add(out, chunk, got);
		if (ferror(in))
			rc = -1;
		fclose(in);
	} else {
		rc = -1;
	}
	unlink(f->path);
	return rc == 0 && !out->toobig ? 0 : -1;
}

lxw_workbook *workbook_upload_open(struct workbook_file *f, struct upload_formats *fmt)
{
	lxw_workbook *wb = workbook_file_open(f, 0);
	if (wb) {
		fmt->head = workbook_add_format(wb);
		format_set_bold(fmt->head);
		fmt->wrap = workbook_add_format(wb);
		format_set_text_wrap(fmt->wrap);
	}
	return wb;
}

lxw_worksheet *workbook_upload_readme(lxw_workbook *wb, const struct upload_formats *fmt, const char *name,
				      const char *const *lines, const char *const *headings,
				      const double *widths, lxw_row_t *row)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	size_t n = 0;
	while (headings[n])
		n++;
	for (size_t c = 0; c < n; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], c + 1 == n ? fmt->wrap : NULL);
	lxw_row_t r = 0;
	for (size_t i = 0; lines[i]; i++)
		worksheet_write_string(ws, r++, 0, lines[i], NULL);
	r++;
	for (size_t c = 0; c < n; c++)
		worksheet_write_string(ws, r, (lxw_col_t)c, headings[c], fmt->head);
	*row = r + 1;
	return ws;
}

/* workbook_file.h: a libxlsxwriter workbook written to a private temporary file and read back
 * into memory — the one way the exports (actions, questionnaire, offer catalogue) make .xlsx,
 * since libxlsxwriter writes only to a file. */
#ifndef FPHC_WORKBOOK_FILE_H
#define FPHC_WORKBOOK_FILE_H

#include <xlsxwriter.h>

#include "common/buf.h"

struct workbook_file {
	char path[32];       /* the temporary file (mkstemp under /tmp) */
	lxw_workbook *wb;
};

/* Opens a workbook on a fresh temporary file (constant_memory: rows written in order only).
 * Returns the workbook, or NULL with nothing left behind. */
lxw_workbook *workbook_file_open(struct workbook_file *f, int constant_memory);
/* Closes the workbook, appends the file's bytes to out and removes the file; always frees the
 * workbook. 0, or -1 when writing or reading failed or out hit its cap. */
int workbook_file_close(struct workbook_file *f, struct buf *out);

/* The formats of a workbook people fill in and upload again (the offer catalogue, a
 * questionnaire): column names in bold, explanations that wrap. */
struct upload_formats {
	lxw_format *head;
	lxw_format *wrap;
};
/* workbook_file_open (rows in any order) for such a workbook, with its formats in *fmt. */
lxw_workbook *workbook_upload_open(struct workbook_file *f, struct upload_formats *fmt);
/* Adds the sheet `name` that explains such a workbook: `lines` (NULL-ended) one a row in
 * column A, an empty row, then the bold `headings` (NULL-ended) of a table of
 * explanations whose columns are widths[i] characters wide, the last one wrapping.
 * Returns the sheet; *row is the table's first row under the headings. */
lxw_worksheet *workbook_upload_readme(lxw_workbook *wb, const struct upload_formats *fmt, const char *name,
				      const char *const *lines, const char *const *headings,
				      const double *widths, lxw_row_t *row);

#endif

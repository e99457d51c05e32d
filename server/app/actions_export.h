/* actions_export.h: follow-up actions as an Excel workbook (.xlsx) and as CSV for
 * Dutch Excel (UTF-8 with BOM, ';'-separated, CRLF line ends, quoted fields).
 *
 * Both take the rows of db_action_list() (the overview's filter) and write the
 * column headers in `lang`; the last column is the date a done action was done.
 * Cells that a spreadsheet would read as a formula (starting with =, +, -, @,
 * TAB or CR) get a leading apostrophe in the CSV. */
#ifndef FPHC_ACTIONS_EXPORT_H
#define FPHC_ACTIONS_EXPORT_H

#include "common/buf.h"
#include "server/db/action.h"

/* Appends the workbook's bytes of the n rows to out. 0, or -1 (temporary file or writer failed). */
int actions_export_xlsx_rows(const struct action_row *rows, int n, const char *lang, struct buf *out);
/* Appends the CSV text of the n rows to out. 0, or -1 when out hit its cap. */
int actions_export_csv_rows(const struct action_row *rows, int n, const char *lang, struct buf *out);

#endif

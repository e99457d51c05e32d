/* questionnaire_workbook.h: a questionnaire version as an Excel workbook (.xlsx) to edit and
 * import again — the sheets and columns of scoring/questionnaire_sheet.h, a read-me sheet,
 * header explanations as cell comments and drop-down lists for closed-set columns. */
#ifndef FPHC_QUESTIONNAIRE_WORKBOOK_H
#define FPHC_QUESTIONNAIRE_WORKBOOK_H

#include <stddef.h>

#include "common/buf.h"

/* Appends the workbook of the definition (JSON text of len bytes, a valid
 * definition) to out. 0, or -1 (not a definition, temporary file or writer failed). */
int questionnaire_workbook_xlsx(const char *json, size_t len, struct buf *out);

#endif

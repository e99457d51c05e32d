/* questionnaire_sheet_import.h: the state of one workbook import, shared by the files of the
 * import (internal to scoring/questionnaire_sheet_*.c). */
#ifndef FPHC_QUESTIONNAIRE_SHEET_IMPORT_H
#define FPHC_QUESTIONNAIRE_SHEET_IMPORT_H

#include <stdint.h>

#include <cJSON.h>

#include "common/arena.h"
#include "common/xlsx.h"
#include "scoring/problems.h"
#include "scoring/questionnaire_sheet.h"

/* Where a JSON path came from. */
struct loc {
	char *path;
	char *where;
};

/* A row's element and its place in the workbook. */
struct origin {
	const cJSON *node;
	enum sheet_id id;
	uint32_t row;
};

struct imp {
	const struct xlsx_book *book;
	struct problems *problems;
	struct arena a;
	struct loc *locs;
	size_t n_locs, cap_locs;
	struct origin *origins;
	size_t n_origins, cap_origins;
	const char **bad_cells; /* locations that already have a cell problem */
	size_t n_bad, cap_bad;
};

/* "Tabblad items, rij 14, kolom weight" (row 0 / col NULL leave a part out), in im's arena. */
const char *sheet_where(struct imp *im, enum sheet_id id, uint32_t row, const char *col);
/* Adds a problem of one cell (or row, column, sheet) and remembers the place, so the
 * validator's message about the same place is not repeated. */
void sheet_cell_problem(struct imp *im, enum sheet_id id, uint32_t row, const char *col, const char *msg);
/* Reads one cell of column `col` into the row's element `obj`; a SHEET_REF value (or the
 * profile list) into *ref. (questionnaire_sheet_cell.c) */
void sheet_put_cell(struct imp *im, cJSON *obj, const struct sheet_column *col, const struct xlsx_cell *c,
		    enum sheet_id id, const char **ref);
/* Completes half-filled texts of a row's element (see questionnaire_sheet_cell.c). */
void sheet_complete_texts(cJSON *obj, const struct sheet_def *def);

#endif

/* fuzz_xlsx.c: libFuzzer target for the .xlsx reader and the workbook import (any bytes up to
 * the upload limit: zip, XML, shared strings, styles, cells, the column table). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/xlsx.h"
#include "scoring/questionnaire.h"
#include "scoring/questionnaire_sheet.h"
#include "common/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xlsx_book book = XLSX_BOOK_INIT;
	char err[256];
	int rc = xlsx_read(data, size, &book, err, sizeof(err));
	if (rc != 0 && !err[0])
		__builtin_trap(); /* refused without saying why */
	size_t cells = 0;
	for (size_t s = 0; s < book.n_sheets; s++) {
		const struct xlsx_sheet *sh = &book.sheets[s];
		cells += sh->n_cells;
		for (size_t i = 1; i < sh->n_cells; i++)
			if (sh->cells[i - 1].row > sh->cells[i].row ||
			    (sh->cells[i - 1].row == sh->cells[i].row && sh->cells[i - 1].col >= sh->cells[i].col))
				__builtin_trap(); /* cells must be sorted and unique */
	}
	if (cells > XLSX_MAX_CELLS || book.n_sheets > XLSX_MAX_SHEETS)
		__builtin_trap();
	if (rc == 0) {
		struct problems problems = PROBLEMS_INIT;
		char *json = questionnaire_sheet_import(&book, &problems);
		if (json) {
			/* what the import accepts, the checker accepts */
			struct questionnaire *q = questionnaire_parse(json, strlen(json), NULL);
			if (!q)
				__builtin_trap();
			questionnaire_free(q);
		} else if (problems_count(&problems) == 0) {
			__builtin_trap();
		}
		free(json);
		problems_release(&problems);
	}
	xlsx_book_release(&book);
	return 0;
}

/* questionnaire_workbook.c: writes the workbook model of a definition as .xlsx (libxlsxwriter). */
#include <stdio.h>
#include <stdlib.h>

#include <xlsxwriter.h>

#include "server/app/questionnaire_workbook.h"
#include "server/app/workbook_file.h"
#include "scoring/questionnaire_sheet.h"
#include "common/banned.h"

/* Rows that get the drop-down lists: room for far more rows than a questionnaire has. */
#define VALIDATION_ROWS 5000

static const char *const readme[] = {
	"Deze werkmap is een vragenlijst van de Future Proof Human Capital Scan.",
	"U kunt de teksten, gewichten en punten aanpassen en de werkmap daarna weer uploaden (of: fphc questionnaire import).",
	"Elk tabblad is één niveau: één regel per pijler, thema, vraag, optie enzovoort. De volgorde van de regels is de volgorde in de scan.",
	"Rij 1 van elk tabblad bevat de kolomnamen. Verander die niet. Houd de muis op een kolomnaam voor uitleg.",
	"Een regel verwijst naar de regel erboven met een sleutel: een vraag noemt zijn thema in de kolom theme.",
	"Gebruik geen formules, geen samengevoegde cellen en geen verborgen tabbladen. Getallen mogen met een komma (0,5).",
	"Alleen teksten veranderen? Dan blijft het dezelfde versie (een tekstherziening).",
	"Verandert u sleutels, types, gewichten, punten, grenzen of de volgorde? Verhoog dan version op het tabblad questionnaire: dat is een nieuwe versie. Scans die al lopen houden hun versie.",
	"Herschrijf een vraag niet zo dat hij iets anders vraagt zonder nieuwe versie: dan zijn de onderzoeksgegevens niet meer te vergelijken.",
	NULL,
};

static void write_readme(lxw_workbook *wb, const struct upload_formats *fmt)
{
	static const char *const headings[] = {"tabblad", "kolom", "uitleg", NULL};
	static const double widths[] = {22, 16, 100};
	lxw_row_t r;
	lxw_worksheet *ws = workbook_upload_readme(wb, fmt, QUESTIONNAIRE_SHEET_README, readme, headings, widths, &r);
	for (int id = 0; id < SHEET_COUNT; id++) {
		const struct sheet_def *def = &questionnaire_sheets[id];
		worksheet_write_string(ws, r, 0, def->name, fmt->head);
		worksheet_write_string(ws, r++, 2, def->explain, NULL);
		for (size_t c = 0; c < def->n_columns; c++) {
			worksheet_write_string(ws, r, 1, def->columns[c].name, NULL);
			worksheet_write_string(ws, r++, 2, def->columns[c].explain, NULL);
		}
	}
}

static void write_sheet(lxw_workbook *wb, const struct sheet_def *def, const struct xlsx_sheet *s,
			lxw_format *head)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, def->name);
	for (size_t c = 0; c < def->n_columns; c++) {
		const struct sheet_column *col = &def->columns[c];
		double width = col->kind == SHEET_TEXT ? 48 : col->kind == SHEET_NUMBER || col->kind == SHEET_BOOL ? 11 : 18;
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, width, NULL);
		worksheet_write_comment(ws, 0, (lxw_col_t)c, col->explain);
		if (col->choices) {
			lxw_data_validation dv = {
				.validate = LXW_VALIDATION_TYPE_LIST,
				.value_list = (char **)col->choices, /* read only by the writer */
				.ignore_blank = LXW_VALIDATION_ON,
				.error_title = (char *)"Kies uit de lijst",
				.error_message = (char *)"Kies een waarde uit de lijst of laat de cel leeg.",
			};
			worksheet_data_validation_range(ws, 1, (lxw_col_t)c, VALIDATION_ROWS, (lxw_col_t)c, &dv);
		}
	}
	for (size_t i = 0; i < s->n_cells; i++) {
		const struct xlsx_cell *cell = &s->cells[i];
		lxw_row_t r = (lxw_row_t)(cell->row - 1);
		lxw_col_t c = (lxw_col_t)cell->col;
		if (cell->type == XLSX_NUMBER)
			worksheet_write_number(ws, r, c, cell->number, NULL);
		else
			worksheet_write_string(ws, r, c, cell->text, r == 0 ? head : NULL);
	}
	worksheet_freeze_panes(ws, 1, 0);
}

int questionnaire_workbook_xlsx(const char *json, size_t len, struct buf *out)
{
	struct xlsx_book book = XLSX_BOOK_INIT;
	if (questionnaire_sheet_export(json, len, &book) != 0)
		return -1;
	struct workbook_file file;
	struct upload_formats fmt;
	int rc = -1;
	if (workbook_upload_open(&file, &fmt)) {
		write_readme(file.wb, &fmt);
		for (int id = 0; id < SHEET_COUNT; id++)
			write_sheet(file.wb, &questionnaire_sheets[id], &book.sheets[id], fmt.head);
		rc = workbook_file_close(&file, out);
	}
	xlsx_book_release(&book);
	return rc;
}

/* actions_export.c: .xlsx (libxlsxwriter) and CSV exports of follow-up actions; see actions_export.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "server/app/actions_export.h"
#include "server/db/db.h"
#include "server/http/tmpl.h"
#include "common/banned.h"

/* Export columns: header key, source column in the db_action_open() rows, width. */
static const struct { const char *key; int col; double width; } columns[] = {
	{"office.export.company", 9, 30}, {"office.export.what", 2, 45}, {"office.export.who", 3, 12},
	{"office.export.who_name", 4, 22}, {"office.export.due", 5, 12}, {"office.export.status", 6, 12},
	{"office.export.overdue", 8, 9}, {"office.export.advisor", 10, 20}, {"office.export.notes", 7, 50},
	{"office.export.scan", 1, 8}, {"office.export.updated", 11, 17},
};
#define N_COLUMNS ((int)(sizeof(columns) / sizeof(columns[0])))

/* The text of one cell as people read it (labels instead of keys). */
static const char *cell_text(const PGresult *rows, int i, int c, const char *lang)
{
	const char *v = db_str(rows, i, columns[c].col);
	char key[64];
	switch (columns[c].col) {
	case 3:
		snprintf(key, sizeof(key), "office.who.%s", v);
		return i18n_has(key) ? i18n_get(lang, key) : v;
	case 6:
		snprintf(key, sizeof(key), "action_status.%s", v);
		return i18n_has(key) ? i18n_get(lang, key) : v;
	case 8:
		return i18n_get(lang, db_bool(rows, i, 8) ? "office.yes" : "office.no");
	default:
		return v;
	}
}

int actions_export_xlsx(const PGresult *rows, const char *lang, struct buf *out)
{
	char path[] = "/tmp/fphc-actions-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	close(fd);
	char tmpdir[] = "/tmp";  /* libxlsxwriter takes a non-const char * */
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = tmpdir};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	if (!wb) {
		unlink(path);
		return -1;
	}
	lxw_worksheet *ws = workbook_add_worksheet(wb, i18n_get(lang, "office.export.sheet"));
	lxw_format *head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_bg_color(head, 0xDDE6F0);
	format_set_border(head, LXW_BORDER_THIN);
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "dd-mm-yyyy");
	lxw_format *wrap = workbook_add_format(wb);
	format_set_text_wrap(wrap);
	format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
	for (int c = 0; c < N_COLUMNS; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, columns[c].width, NULL);
	for (int c = 0; c < N_COLUMNS; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, i18n_get(lang, columns[c].key), head);
	int n = PQntuples(rows);
	for (int i = 0; i < n; i++) {
		lxw_row_t row = (lxw_row_t)(i + 1);
		for (int c = 0; c < N_COLUMNS; c++) {
			int col = columns[c].col;
			const char *v = db_str(rows, i, col);
			if (col == 1) {
				worksheet_write_number(ws, row, (lxw_col_t)c, (double)db_ll(rows, i, 1, 0), NULL);
			} else if (col == 5 || col == 11) {
				int y, m, d, hh = 0, mm = 0;
				if (v[0] && sscanf(v, "%d-%d-%d %d:%d", &y, &m, &d, &hh, &mm) >= 3) {
					lxw_datetime dt = {y, m, d, hh, mm, 0};
					worksheet_write_datetime(ws, row, (lxw_col_t)c, &dt, date);
				}
			} else if (v[0] || col == 8 || col == 3 || col == 6) {
				worksheet_write_string(ws, row, (lxw_col_t)c, cell_text(rows, i, c, lang),
						       col == 7 || col == 2 ? wrap : NULL);
			}
		}
	}
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)n, (lxw_col_t)(N_COLUMNS - 1));
	int rc = workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
	FILE *f = rc == 0 ? fopen(path, "rb") : NULL;
	if (f) {
		char chunk[65536];
		size_t got;
		while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_add(out, chunk, got);
		fclose(f);
	} else {
		rc = -1;
	}
	unlink(path);
	return rc == 0 && !out->toobig ? 0 : -1;
}

/* Every cell is text a spreadsheet must not evaluate: names and notes come from
 * outside (a company name from the public take-part form). */
static void csv_cell(struct buf *b, const char *s)
{
	buf_csv_text(b, s, ';');
}

int actions_export_csv(const PGresult *rows, const char *lang, struct buf *out)
{
	buf_puts(out, "\xEF\xBB\xBF");
	for (int c = 0; c < N_COLUMNS; c++) {
		if (c)
			buf_putc(out, ';');
		csv_cell(out, i18n_get(lang, columns[c].key));
	}
	buf_puts(out, "\r\n");
	for (int i = 0; i < PQntuples(rows); i++) {
		for (int c = 0; c < N_COLUMNS; c++) {
			if (c)
				buf_putc(out, ';');
			const char *v = cell_text(rows, i, c, lang);
			int y, m, d;
			if (columns[c].col == 5 && sscanf(v, "%d-%d-%d", &y, &m, &d) == 3)
				buf_printf(out, "%02d-%02d-%04d", d, m, y);  /* as Dutch Excel reads a date */
			else
				csv_cell(out, v);
		}
		buf_puts(out, "\r\n");
	}
	return out->toobig ? -1 : 0;
}

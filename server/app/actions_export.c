/* actions_export.c: .xlsx (libxlsxwriter) and CSV exports of follow-up actions; see actions_export.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "server/app/actions_export.h"
#include "server/app/workbook_file.h"
#include "server/db/action.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "common/banned.h"

/* Export columns, in order: header key and width. */
/* DONE_AT comes last: columns people already read by position keep their place. */
enum column { COMPANY, WHAT, WHO, WHO_NAME, DUE, STATUS, OVERDUE, ADVISOR, NOTES, SCAN, UPDATED, DONE_AT, N_COLUMNS };
static const struct { const char *key; double width; } columns[N_COLUMNS] = {
	[COMPANY] = {"office.export.company", 30}, [WHAT] = {"office.export.what", 45},
	[WHO] = {"office.export.who", 12}, [WHO_NAME] = {"office.export.who_name", 22},
	[DUE] = {"office.export.due", 12}, [STATUS] = {"office.export.status", 12},
	[OVERDUE] = {"office.export.overdue", 9}, [ADVISOR] = {"office.export.advisor", 20},
	[NOTES] = {"office.export.notes", 50}, [SCAN] = {"office.export.scan", 8},
	[UPDATED] = {"office.export.updated", 17}, [DONE_AT] = {"office.export.done_at", 12},
};

/* The stored value of one cell (keys, not labels); "" for none. */
static const char *cell_value(const struct action_row *w, int c, char *num, size_t len)
{
	switch (c) {
	case COMPANY: return w->company_name;
	case WHAT: return w->what;
	case WHO: return w->who_kind;
	case WHO_NAME: return w->who_name;
	case DUE: return w->due_date;
	case STATUS: return w->status;
	case OVERDUE: return w->overdue ? "t" : "f";
	case ADVISOR: return w->advisor_name;
	case NOTES: return w->notes;
	case SCAN: snprintf(num, len, "%lld", w->scan_id); return num;
	case UPDATED: return w->updated_at;
	default: return w->done_at;
	}
}

/* The text of one cell as people read it (labels instead of keys). */
static const char *cell_text(const struct action_row *w, int c, const char *lang, char *num, size_t len)
{
	const char *v = cell_value(w, c, num, len);
	char key[64];
	switch (c) {
	case WHO:
		snprintf(key, sizeof(key), "office.who.%s", v);
		return i18n_has(key) ? i18n_get(lang, key) : v;
	case STATUS:
		snprintf(key, sizeof(key), "action_status.%s", v);
		return i18n_has(key) ? i18n_get(lang, key) : v;
	case OVERDUE:
		return i18n_get(lang, w->overdue ? "office.yes" : "office.no");
	default:
		return v;
	}
}

int actions_export_xlsx_rows(const struct action_row *rows, int n, const char *lang, struct buf *out)
{
	struct workbook_file file;
	lxw_workbook *wb = workbook_file_open(&file, 1);
	if (!wb)
		return -1;
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
	for (int i = 0; i < n; i++) {
		lxw_row_t row = (lxw_row_t)(i + 1);
		for (int c = 0; c < N_COLUMNS; c++) {
			char num[24];
			const char *v = cell_value(&rows[i], c, num, sizeof(num));
			if (c == SCAN) {
				worksheet_write_number(ws, row, (lxw_col_t)c, (double)rows[i].scan_id, NULL);
			} else if (c == DUE || c == UPDATED || c == DONE_AT) {
				int y, m, d, hh = 0, mm = 0;
				if (v[0] && sscanf(v, "%d-%d-%d %d:%d", &y, &m, &d, &hh, &mm) >= 3) {
					lxw_datetime dt = {y, m, d, hh, mm, 0};
					worksheet_write_datetime(ws, row, (lxw_col_t)c, &dt, date);
				}
			} else if (v[0] || c == OVERDUE || c == WHO || c == STATUS) {
				worksheet_write_string(ws, row, (lxw_col_t)c, cell_text(&rows[i], c, lang, num, sizeof(num)),
						       c == NOTES || c == WHAT ? wrap : NULL);
			}
		}
	}
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)n, (lxw_col_t)(N_COLUMNS - 1));
	return workbook_file_close(&file, out);
}

/* Every cell is text a spreadsheet must not evaluate: names and notes come from
 * outside (a company name from the public take-part form). */
static void csv_cell(struct buf *b, const char *s)
{
	buf_csv_text(b, s, ';');
}

int actions_export_csv_rows(const struct action_row *rows, int n, const char *lang, struct buf *out)
{
	buf_puts(out, "\xEF\xBB\xBF");
	for (int c = 0; c < N_COLUMNS; c++) {
		if (c)
			buf_putc(out, ';');
		csv_cell(out, i18n_get(lang, columns[c].key));
	}
	buf_puts(out, "\r\n");
	for (int i = 0; i < n; i++) {
		for (int c = 0; c < N_COLUMNS; c++) {
			if (c)
				buf_putc(out, ';');
			char num[24];
			const char *v = cell_text(&rows[i], c, lang, num, sizeof(num));
			int y, m, d;
			if ((c == DUE || c == DONE_AT) && sscanf(v, "%d-%d-%d", &y, &m, &d) == 3)
				buf_printf(out, "%02d-%02d-%04d", d, m, y);  /* as Dutch Excel reads a date */
			else
				csv_cell(out, v);
		}
		buf_puts(out, "\r\n");
	}
	return out->toobig ? -1 : 0;
}

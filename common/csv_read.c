/* csv_read.c: CSV text into an xlsx_book sheet; see csv.h. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/csv.h"
#include "common/buf.h"
#include "common/text.h"
#include "common/banned.h"

/* The separator of the first line: the most frequent of ; , TAB outside quotes (';' on a tie
 * or when none occurs, as a one-column file has none). */
static char pick_separator(const char *p, const char *end)
{
	size_t semi = 0, comma = 0, tab = 0;
	int quoted = 0;
	for (; p < end; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && (*p == '\n' || *p == '\r'))
			break;
		else if (!quoted)
			semi += *p == ';', comma += *p == ',', tab += *p == '\t';
	}
	if (comma > semi && comma >= tab)
		return ',';
	if (tab > semi && tab > comma)
		return '\t';
	return ';';
}

static int fail(char *err, size_t errlen, const char *msg)
{
	snprintf(err, errlen, "%s", msg);
	return -1;
}

int csv_read(const void *data, size_t len, const char *sheet, struct xlsx_book *book, char *err, size_t errlen)
{
	assert(book && sheet && err && errlen);
	err[0] = '\0';
	if (len > XLSX_MAX_FILE_BYTES)
		return fail(err, errlen, "Het bestand is groter dan 1 MB. Splits het in delen.");
	const char *p = data, *end = p + len;
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	if (!text_utf8_valid(p, (size_t)(end - p)) || memchr(p, '\0', (size_t)(end - p)))
		return fail(err, errlen, "Het bestand is geen tekst in UTF-8. Sla het op als \"CSV UTF-8\".");
	char sep = pick_separator(p, end);
	struct xlsx_sheet *s = xlsx_book_add_sheet(book, sheet);
	struct buf field;
	buf_init(&field, XLSX_MAX_TEXT);
	uint32_t row = 1, col = 0;
	size_t cells = 0;
	int rc = 0;
	while (p < end && rc == 0) {
		/* one field */
		buf_reset(&field);
		int quoted = *p == '"';
		if (quoted) {
			p++;
			for (;;) {
				if (p == end) {
					rc = fail(err, errlen, "Een veld met aanhalingstekens (\") wordt niet afgesloten.");
					break;
				}
				if (*p == '"') {
					if (p + 1 < end && p[1] == '"') {
						buf_putc(&field, '"');
						p += 2;
						continue;
					}
					p++;
					break;
				}
				buf_putc(&field, *p++);
			}
			/* text after the closing quote up to the separator is kept, as spreadsheets do */
		}
		while (rc == 0 && p < end && *p != sep && *p != '\n' && *p != '\r')
			buf_putc(&field, *p++);
		if (rc)
			break;
		if (field.toobig) {
			snprintf(err, errlen, "Rij %u, kolom %u: de tekst is langer dan %d tekens.", row, col + 1, XLSX_MAX_TEXT);
			rc = -1;
			break;
		}
		if (field.len) {
			if (++cells > XLSX_MAX_CELLS) {
				rc = fail(err, errlen, "Het bestand heeft te veel cellen.");
				break;
			}
			xlsx_sheet_add(book, s, row, col, XLSX_TEXT, field.data, 0);
		}
		if (p < end && *p == sep) {
			p++;
			if (++col >= XLSX_MAX_COL) {
				rc = fail(err, errlen, "Een regel heeft te veel kolommen.");
				break;
			}
			continue;
		}
		/* the end of a line */
		if (p < end && *p == '\r')
			p++;
		if (p < end && *p == '\n')
			p++;
		col = 0;
		if (++row > XLSX_MAX_ROW) {
			rc = fail(err, errlen, "Het bestand heeft te veel regels.");
			break;
		}
	}
	buf_release(&field);
	xlsx_sheet_sort(s);
	return rc;
}

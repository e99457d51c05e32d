/* csv.h: a bounded reader of CSV text (RFC 4180, as Excel and LibreOffice save it) into the
 * workbook model of xlsx.h, so one importer checks a spreadsheet whatever its format.
 *
 * The text must be UTF-8 (a leading byte-order mark is skipped). The separator is
 * the one of ';', ',' and TAB that occurs most often outside quotes in the first
 * line (Dutch Excel writes ';'). Fields may be quoted with '"' ("" is a quote inside
 * one) and may then hold separators and line breaks; lines end in CRLF, LF or CR.
 * Every cell becomes XLSX_TEXT, so a number is checked by the importer exactly as
 * a typed one; empty fields are no cell. The caps of xlsx.h hold: file size,
 * cells, text per cell, rows, columns.
 *
 * Ownership: as xlsx_read(); the book must be released by the caller. */
#ifndef FPHC_CSV_H
#define FPHC_CSV_H

#include <stddef.h>

#include "common/xlsx.h"

/* Reads `len` bytes into an empty book as one sheet named `sheet`. Returns 0, or
 * -1 with a plain Dutch sentence in err (the book holds what was read). */
int csv_read(const void *data, size_t len, const char *sheet, struct xlsx_book *book, char *err, size_t errlen);

#endif

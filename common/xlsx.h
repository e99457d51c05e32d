/* xlsx.h: a spreadsheet workbook as plain values (sheets of typed cells), and a
 * bounded reader of .xlsx files (Office Open XML) into it.
 *
 * The model holds what an import needs and nothing else: each sheet's name,
 * whether it is hidden, how many merged ranges it has, and its non-empty cells
 * with their value type, whether the value came from a formula and whether the
 * cell is formatted as a date. Styles, comments, drawings and validations are
 * not read.
 *
 * Ownership: a `struct xlsx_book` owns every sheet, cell and string reachable
 * from it; release it with xlsx_book_release(). Out of memory aborts (project
 * policy, see common/buf.h).
 *
 * The reader (xlsx_read.c: libzip + expat) treats the file as hostile: it caps
 * the archive's size, its number of entries, the uncompressed size of each part
 * (both the size the archive claims and the bytes actually inflated), the
 * number of sheets and cells and the length of a string, refuses a DOCTYPE
 * (so no entity is ever defined or expanded) and never follows a reference
 * outside the archive. */
#ifndef FPHC_XLSX_H
#define FPHC_XLSX_H

#include <stddef.h>
#include <stdint.h>

#include "common/arena.h"

#define XLSX_MAX_FILE_BYTES ((size_t)1024 * 1024)      /* the upload limit */
#define XLSX_MAX_ENTRIES 256                           /* parts in the archive */
#define XLSX_MAX_PART_BYTES ((size_t)32 * 1024 * 1024) /* one part, uncompressed */
#define XLSX_MAX_TOTAL_BYTES ((size_t)64 * 1024 * 1024) /* all parts read, uncompressed */
#define XLSX_MAX_SHEETS 32
#define XLSX_MAX_CELLS 200000                          /* in all sheets together */
#define XLSX_MAX_STRINGS 200000                        /* shared strings */
#define XLSX_MAX_TEXT 32767                            /* bytes in one cell (Excel's own limit) */
#define XLSX_MAX_ROW 1048576                           /* Excel's last row */
#define XLSX_MAX_COL 16384                             /* Excel's last column (XFD) */

enum xlsx_type {
	XLSX_TEXT,    /* text: shared string, inline string or a formula's string result */
	XLSX_NUMBER,  /* a number (a date is a number too: see `date`) */
	XLSX_BOOL,    /* number is 0 or 1 */
	XLSX_ERROR,   /* an error value such as #DIV/0!; text holds it */
};

struct xlsx_cell {
	uint32_t row, col;  /* 1-based row as Excel shows it; 0-based column (A = 0) */
	enum xlsx_type type;
	const char *text;   /* XLSX_TEXT, XLSX_ERROR: UTF-8, never NULL */
	double number;      /* XLSX_NUMBER, XLSX_BOOL */
	unsigned char formula; /* the cell holds a formula (the value is its cached result) */
	unsigned char date;    /* a number formatted as a date or time */
};

struct xlsx_sheet {
	const char *name;
	int hidden;         /* state="hidden" or "veryHidden" */
	size_t n_merged;    /* merged cell ranges */
	struct xlsx_cell *cells; /* sorted by (row, col), at most one per position */
	size_t n_cells, cap;
};

struct xlsx_book {
	struct arena arena; /* names and strings */
	struct xlsx_sheet *sheets;
	size_t n_sheets, cap;
};

#define XLSX_BOOK_INIT { ARENA_INIT, NULL, 0, 0 }

/* Adds an empty sheet named `name` (copied) and returns it. */
/* p grown to hold at least need elements of size bytes (doubling; *cap updated);
 * aborts when memory runs out. For the reader's and the importer's arrays. */
void *xlsx_grow(void *p, size_t *cap, size_t need, size_t size);
struct xlsx_sheet *xlsx_book_add_sheet(struct xlsx_book *book, const char *name);
/* The sheet called `name`, or NULL. */
const struct xlsx_sheet *xlsx_book_sheet(const struct xlsx_book *book, const char *name);
/* Appends a cell; `text` is copied into the book's arena (NULL for numbers and
 * booleans). Cells may come in any order: xlsx_sheet_sort() orders them. */
void xlsx_sheet_add(struct xlsx_book *book, struct xlsx_sheet *sheet, uint32_t row, uint32_t col,
		    enum xlsx_type type, const char *text, double number);
/* Sorts the cells by position and drops every repeat of a position but the
 * first. Returns the number of repeats dropped. */
size_t xlsx_sheet_sort(struct xlsx_sheet *sheet);
/* The cell at (row, col) of a sorted sheet, or NULL when that cell is empty. */
const struct xlsx_cell *xlsx_sheet_cell(const struct xlsx_sheet *sheet, uint32_t row, uint32_t col);
/* The highest row number with a cell, 0 for an empty sheet. */
uint32_t xlsx_sheet_last_row(const struct xlsx_sheet *sheet);
/* Frees everything; the book is empty and reusable; safe twice. */
void xlsx_book_release(struct xlsx_book *book);

/* "A", "B", …, "AA": the column letters of a 0-based column, in out[8]. */
void xlsx_column_name(uint32_t col, char out[8]);

/* Reading a cell for an import (xlsx_cell.c). The value of cell c (not NULL): its
 * text, a number in its shortest form (number_nl_format, a decimal comma when
 * `comma` is set), a boolean as "ja" or "nee". NULL for a formula, a date or an
 * error value, with *problem a plain Dutch sentence for the person who filled the
 * cell in. */
const char *xlsx_cell_value(const struct xlsx_cell *c, int comma, char num[32], const char **problem);
/* A yes or no typed in a cell: ja/nee, true/false, waar/onwaar, yes/no, 1/0, in any
 * case. 0 with *out 1 or 0, or -1 for anything else. */
int xlsx_parse_yes_no(const char *s, int *out);

/* Reads an .xlsx file of `len` bytes (at most XLSX_MAX_FILE_BYTES) into an empty
 * `book`. Returns 0, or -1 with a plain Dutch sentence for the person who
 * uploaded the file in err (the book then holds whatever was read and must
 * still be released). (xlsx_read.c) */
int xlsx_read(const void *data, size_t len, struct xlsx_book *book, char *err, size_t errlen);

#endif

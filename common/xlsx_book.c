/* xlsx_book.c: the workbook model of xlsx.h (sheets of typed cells); no file format here. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "common/xlsx.h"
#include "common/banned.h"

void *xlsx_grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	size_t n = *cap ? *cap * 2 : 16;
	while (n < need)
		n *= 2;
	void *q = realloc(p, n * size);
	if (!q)
		abort();
	*cap = n;
	return q;
}

struct xlsx_sheet *xlsx_book_add_sheet(struct xlsx_book *book, const char *name)
{
	assert(book && name);
	book->sheets = xlsx_grow(book->sheets, &book->cap, book->n_sheets + 1, sizeof(*book->sheets));
	struct xlsx_sheet *s = &book->sheets[book->n_sheets++];
	memset(s, 0, sizeof(*s));
	s->name = arena_strdup(&book->arena, name);
	return s;
}

const struct xlsx_sheet *xlsx_book_sheet(const struct xlsx_book *book, const char *name)
{
	for (size_t i = 0; i < book->n_sheets; i++)
		if (strcmp(book->sheets[i].name, name) == 0)
			return &book->sheets[i];
	return NULL;
}

void xlsx_sheet_add(struct xlsx_book *book, struct xlsx_sheet *sheet, uint32_t row, uint32_t col,
		    enum xlsx_type type, const char *text, double number)
{
	assert(book && sheet);
	sheet->cells = xlsx_grow(sheet->cells, &sheet->cap, sheet->n_cells + 1, sizeof(*sheet->cells));
	struct xlsx_cell *c = &sheet->cells[sheet->n_cells++];
	memset(c, 0, sizeof(*c));
	c->row = row;
	c->col = col;
	c->type = type;
	c->text = text ? arena_strdup(&book->arena, text) : "";
	c->number = number;
}

/* Sort key: position, then the order of addition, so that of repeats the first stays. */
struct cell_key {
	uint32_t row, col;
	size_t i;
};

static int cmp_key(const void *a, const void *b)
{
	const struct cell_key *x = a, *y = b;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

size_t xlsx_sheet_sort(struct xlsx_sheet *sheet)
{
	struct xlsx_cell *c = sheet->cells;
	size_t n = sheet->n_cells;
	if (n < 2)
		return 0;
	int sorted = 1;
	for (size_t i = 1; i < n && sorted; i++)
		sorted = c[i - 1].row < c[i].row || (c[i - 1].row == c[i].row && c[i - 1].col < c[i].col);
	if (!sorted) {
		struct cell_key *keys = malloc(n * sizeof(*keys));
		struct xlsx_cell *copy = malloc(n * sizeof(*copy));
		if (!keys || !copy)
			abort();
		for (size_t i = 0; i < n; i++)
			keys[i] = (struct cell_key){c[i].row, c[i].col, i};
		memcpy(copy, c, n * sizeof(*copy));
		qsort(keys, n, sizeof(*keys), cmp_key);
		for (size_t i = 0; i < n; i++)
			c[i] = copy[keys[i].i];
		free(keys);
		free(copy);
	}
	size_t out = 1, dropped = 0;
	for (size_t i = 1; i < n; i++) {
		if (c[i].row == c[out - 1].row && c[i].col == c[out - 1].col)
			dropped++;
		else
			c[out++] = c[i];
	}
	sheet->n_cells = out;
	return dropped;
}

const struct xlsx_cell *xlsx_sheet_cell(const struct xlsx_sheet *sheet, uint32_t row, uint32_t col)
{
	size_t lo = 0, hi = sheet->n_cells;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct xlsx_cell *c = &sheet->cells[mid];
		if (c->row == row && c->col == col)
			return c;
		if (c->row < row || (c->row == row && c->col < col))
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

uint32_t xlsx_sheet_last_row(const struct xlsx_sheet *sheet)
{
	return sheet->n_cells ? sheet->cells[sheet->n_cells - 1].row : 0;
}

void xlsx_book_release(struct xlsx_book *book)
{
	if (!book)
		return;
	for (size_t i = 0; i < book->n_sheets; i++)
		free(book->sheets[i].cells);
	free(book->sheets);
	book->sheets = NULL;
	book->n_sheets = book->cap = 0;
	arena_release(&book->arena);
}

void xlsx_column_name(uint32_t col, char out[8])
{
	char tmp[8];
	size_t n = 0;
	uint32_t c = col + 1;
	while (c > 0 && n < 7) {
		c--;
		tmp[n++] = (char)('A' + c % 26);
		c /= 26;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

/* test_questionnaire_sheet.c: the workbook model of a definition (export, import with located
 * Dutch problems) and the diff between two versions. Pure: no files but fphc-1.json. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/xlsx.h"
#include "scoring/questionnaire.h"
#include "scoring/questionnaire_diff.h"
#include "scoring/questionnaire_sheet.h"
#include "scoring/questionnaire_structure.h"

static char *fphc1;
static size_t fphc1_len;

static int load(void **state)
{
	(void)state;
	FILE *f = fopen("questionnaires/fphc-1.json", "rb");
	if (!f)
		return -1;
	fseek(f, 0, SEEK_END);
	fphc1_len = (size_t)ftell(f);
	rewind(f);
	fphc1 = malloc(fphc1_len + 1);
	size_t got = fread(fphc1, 1, fphc1_len, f);
	fclose(f);
	fphc1[got] = '\0';
	return got == fphc1_len ? 0 : -1;
}

static int unload(void **state)
{
	(void)state;
	free(fphc1);
	return 0;
}

/* The sheet of an exported book, to edit its cells in place. */
static struct xlsx_sheet *sheet_of(struct xlsx_book *b, const char *name)
{
	for (size_t i = 0; i < b->n_sheets; i++)
		if (strcmp(b->sheets[i].name, name) == 0)
			return &b->sheets[i];
	fail_msg("no sheet %s", name);
	return NULL;
}

static struct xlsx_cell *cell_of(struct xlsx_sheet *s, uint32_t row, const char *column)
{
	uint32_t col = UINT32_MAX;
	for (size_t i = 0; i < s->n_cells && s->cells[i].row == 1; i++)
		if (strcmp(s->cells[i].text, column) == 0)
			col = s->cells[i].col;
	assert_true(col != UINT32_MAX);
	return (struct xlsx_cell *)xlsx_sheet_cell(s, row, col);
}

static int has_problem(const struct problems *p, const char *where, const char *message)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->items[i].path, where) == 0 && strstr(p->items[i].message, message))
			return 1;
	for (size_t i = 0; i < p->n; i++)
		print_message("  %s: %s\n", p->items[i].path, p->items[i].message);
	return 0;
}

static void diff_of(const char *a, const char *b, struct questionnaire_diff *d)
{
	char sa[SHA256_HEX_LEN + 1], sb[SHA256_HEX_LEN + 1];
	struct questionnaire *qa = questionnaire_parse(a, strlen(a), NULL);
	struct questionnaire *qb = questionnaire_parse(b, strlen(b), NULL);
	assert_non_null(qa);
	assert_non_null(qb);
	assert_int_equal(questionnaire_structure_sha256(a, strlen(a), sa), 0);
	assert_int_equal(questionnaire_structure_sha256(b, strlen(b), sb), 0);
	questionnaire_diff(qa, sa, qb, sb, d);
	questionnaire_free(qa);
	questionnaire_free(qb);
}

/* fphc-1 exported as a workbook, for a test to edit before importing it back. */
static struct xlsx_book exported_fphc1(void)
{
	struct xlsx_book book = XLSX_BOOK_INIT;
	assert_int_equal(questionnaire_sheet_export(fphc1, fphc1_len, &book), 0);
	return book;
}

/* The edited book imported; it must import. */
static char *import_valid(struct xlsx_book *book)
{
	struct problems p = PROBLEMS_INIT;
	char *json = questionnaire_sheet_import(book, &p);
	assert_non_null(json);
	problems_release(&p);
	return json;
}

/* The edited book imported (it must import) and compared with fphc-1 into *d. */
static void import_and_diff(struct xlsx_book *book, struct questionnaire_diff *d)
{
	char *json = import_valid(book);
	diff_of(fphc1, json, d);
	free(json);
}

/* The edited book refused: *p holds the problems, for the caller to check and release. */
static void import_refused(struct xlsx_book *book, struct problems *p)
{
	*p = (struct problems)PROBLEMS_INIT;
	assert_null(questionnaire_sheet_import(book, p));
}

/* Export then import gives a definition with the same structure checksum and no changes. */
static void round_trip_has_no_changes(void **state)
{
	(void)state;
	struct xlsx_book book = exported_fphc1();
	assert_int_equal(book.n_sheets, SHEET_COUNT);
	struct problems p = PROBLEMS_INIT;
	char *json = questionnaire_sheet_import(&book, &p);
	assert_int_equal(problems_count(&p), 0);
	assert_non_null(json);
	char s1[SHA256_HEX_LEN + 1], s2[SHA256_HEX_LEN + 1];
	questionnaire_structure_sha256(fphc1, fphc1_len, s1);
	questionnaire_structure_sha256(json, strlen(json), s2);
	assert_string_equal(s1, s2);
	struct questionnaire_diff d;
	diff_of(fphc1, json, &d);
	assert_int_equal(d.kind, DIFF_NONE);
	assert_int_equal(d.n, 0);
	questionnaire_diff_release(&d);
	free(json);
	problems_release(&p);
	xlsx_book_release(&book);
}

/* A weight of 0 is reported at its sheet, row and column, in Dutch. */
static void bad_weight_is_located(void **state)
{
	(void)state;
	struct xlsx_book book = exported_fphc1();
	struct xlsx_sheet *items = sheet_of(&book, "items");
	/* fphc-1's items leave weight at its default, so row 14 has no weight cell (column H) */
	assert_null(cell_of(items, 14, "weight"));
	xlsx_sheet_add(&book, items, 14, 7, XLSX_NUMBER, NULL, 0);
	xlsx_sheet_sort(items);
	struct xlsx_cell *c = cell_of(items, 14, "weight");
	assert_non_null(c);
	c->type = XLSX_NUMBER;
	c->number = 0;
	struct problems p;
	import_refused(&book, &p);
	assert_true(has_problem(&p, "Tabblad items, rij 14, kolom weight", "vul een getal groter dan 0 in"));
	problems_release(&p);
	xlsx_book_release(&book);
}

/* Text in a number column, a formula, a date and an unknown type: one problem each, all at once. */
static void cell_problems_come_together(void **state)
{
	(void)state;
	struct xlsx_book book = exported_fphc1();
	struct xlsx_sheet *options = sheet_of(&book, "options");
	struct xlsx_cell *c = cell_of(options, 2, "points");
	c->type = XLSX_TEXT;
	c->text = "veel";
	c = cell_of(options, 3, "points");
	c->formula = 1;
	c = cell_of(options, 4, "points");
	c->date = 1;
	struct xlsx_sheet *items = sheet_of(&book, "items");
	c = cell_of(items, 5, "type");
	c->text = "likert7";
	struct problems p;
	import_refused(&book, &p);
	assert_true(has_problem(&p, "Tabblad options, rij 2, kolom points", "vul een getal in"));
	assert_true(has_problem(&p, "Tabblad options, rij 3, kolom points", "formule"));
	assert_true(has_problem(&p, "Tabblad options, rij 4, kolom points", "datum"));
	assert_true(has_problem(&p, "Tabblad items, rij 5, kolom type", "kies een van"));
	problems_release(&p);
	xlsx_book_release(&book);
}

/* A number typed as text with a decimal comma is read as that number. */
static void number_as_text_with_comma(void **state)
{
	(void)state;
	struct xlsx_book book = exported_fphc1();
	struct xlsx_cell *c = cell_of(sheet_of(&book, "options"), 2, "points");
	c->type = XLSX_TEXT;
	c->text = "0,25";
	struct questionnaire_diff d;
	import_and_diff(&book, &d);
	assert_int_equal(d.kind, DIFF_STRUCTURAL);
	int found = 0;
	for (size_t i = 0; i < d.n; i++)
		found |= d.changes[i].what == CHANGE_POINTS && strcmp(d.changes[i].after, "0,25") == 0;
	assert_true(found);
	questionnaire_diff_release(&d);
	xlsx_book_release(&book);
}

/* Unknown and missing sheets and columns are named. */
static void unknown_and_missing_sheets_and_columns(void **state)
{
	(void)state;
	struct xlsx_book book = exported_fphc1();
	struct xlsx_sheet *tips = sheet_of(&book, "tips");
	tips->name = "tipjes";
	struct xlsx_sheet *pillars = sheet_of(&book, "pillars");
	struct xlsx_cell *c = cell_of(pillars, 1, "weight");
	c->text = "gewicht";
	struct problems p;
	import_refused(&book, &p);
	assert_true(has_problem(&p, "Tabblad tipjes", "onbekend tabblad"));
	assert_true(has_problem(&p, "Tabblad tips", "ontbreekt"));
	assert_true(has_problem(&p, "Tabblad pillars, rij 1, kolom D", "onbekende kolom \"gewicht\""));
	assert_true(has_problem(&p, "Tabblad pillars, kolom weight", "ontbreekt"));
	problems_release(&p);
	xlsx_book_release(&book);
}

/* An item that names a theme that is not there is reported on its row. */
static void unknown_parent(void **state)
{
	(void)state;
	struct xlsx_book book = exported_fphc1();
	struct xlsx_cell *c = cell_of(sheet_of(&book, "items"), 3, "theme");
	c->text = "geen_thema";
	struct problems p;
	import_refused(&book, &p);
	assert_true(has_problem(&p, "Tabblad items, rij 3, kolom theme", "\"geen_thema\" staat niet op het tabblad themes"));
	problems_release(&p);
	xlsx_book_release(&book);
}

/* A reworded question is text-only: the same structure, old and new text in the diff. */
static void reworded_item_is_text_only(void **state)
{
	(void)state;
	struct xlsx_book book = exported_fphc1();
	struct xlsx_cell *c = cell_of(sheet_of(&book, "items"), 2, "text_nl");
	const char *old = c->text;
	c->text = "Een nieuwe tekst.";
	struct questionnaire_diff d;
	import_and_diff(&book, &d);
	assert_int_equal(d.kind, DIFF_TEXT_ONLY);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.changes[0].what, CHANGE_REWORDED);
	assert_string_equal(d.changes[0].before, old);
	assert_string_equal(d.changes[0].after, "Een nieuwe tekst.");
	questionnaire_diff_release(&d);
	xlsx_book_release(&book);
}

/* Removing an item row: the diff names it as removed, and the change is structural. */
static void removed_item_is_structural(void **state)
{
	(void)state;
	struct xlsx_book book = exported_fphc1();
	struct xlsx_sheet *items = sheet_of(&book, "items");
	const char *key = cell_of(items, 3, "key")->text;
	char removed[80];
	snprintf(removed, sizeof(removed), "vraag %s", key);
	size_t out = 0;
	for (size_t i = 0; i < items->n_cells; i++)
		if (items->cells[i].row != 3)
			items->cells[out++] = items->cells[i];
	items->n_cells = out;
	/* its tip and options would now point at nothing: drop the tip row too */
	struct xlsx_sheet *tips = sheet_of(&book, "tips");
	out = 0;
	uint32_t tip_row = 0;
	for (size_t i = 0; i < tips->n_cells; i++)
		if (tips->cells[i].col == 0 && strcmp(tips->cells[i].text, key) == 0)
			tip_row = tips->cells[i].row;
	for (size_t i = 0; i < tips->n_cells; i++)
		if (tips->cells[i].row != tip_row)
			tips->cells[out++] = tips->cells[i];
	tips->n_cells = out;
	struct questionnaire_diff d;
	import_and_diff(&book, &d);
	assert_int_equal(d.kind, DIFF_STRUCTURAL);
	int found = 0;
	for (size_t i = 0; i < d.n; i++)
		found |= d.changes[i].what == CHANGE_REMOVED && strcmp(d.changes[i].element, removed) == 0;
	assert_true(found);
	questionnaire_diff_release(&d);
	xlsx_book_release(&book);
}

/* Two option rows of one item swapped: the diff names the option's new place, structural. */
static void swapped_options_are_moved(void **state)
{
	(void)state;
	struct xlsx_book book = exported_fphc1();
	struct xlsx_sheet *options = sheet_of(&book, "options");
	/* rows 2 and 3 belong to the same item (a choice or multi item has at least two options) */
	assert_string_equal(cell_of(options, 2, "item")->text, cell_of(options, 3, "item")->text);
	for (size_t i = 0; i < options->n_cells; i++)
		if (options->cells[i].row == 2 || options->cells[i].row == 3)
			options->cells[i].row = options->cells[i].row == 2 ? 3 : 2;
	xlsx_sheet_sort(options);
	struct questionnaire_diff d;
	import_and_diff(&book, &d);
	assert_int_equal(d.kind, DIFF_STRUCTURAL);
	size_t moved = 0;
	for (size_t i = 0; i < d.n; i++)
		moved += d.changes[i].what == CHANGE_OPTIONS && strcmp(d.changes[i].field, "plaats") == 0;
	assert_int_equal(moved, 2);
	questionnaire_diff_release(&d);
	xlsx_book_release(&book);
}

/* Identical items are those the diff finds nothing in: rewording one item makes it and its
 * theme differ, and nothing else. */
static void identical_items_and_themes(void **state)
{
	(void)state;
	struct xlsx_book book = exported_fphc1();
	cell_of(sheet_of(&book, "items"), 2, "text_nl")->text = "Een andere vraag.";
	char *json = import_valid(&book);
	struct questionnaire *a = questionnaire_parse(fphc1, fphc1_len, NULL);
	struct questionnaire *b = questionnaire_parse(json, strlen(json), NULL);
	assert_non_null(a);
	assert_non_null(b);
	assert_false(questionnaire_item_identical(a->items[0], b->items[0]));
	for (size_t i = 1; i < a->n_items; i++)
		assert_true(questionnaire_item_identical(a->items[i], b->items[i]));
	assert_false(questionnaire_theme_identical(a, a->themes[0], b, b->themes[0]));
	for (size_t t = 1; t < a->n_themes; t++)
		assert_true(questionnaire_theme_identical(a, a->themes[t], b, b->themes[t]));
	questionnaire_free(a);
	questionnaire_free(b);
	free(json);
	xlsx_book_release(&book);
}

/* The Dutch wording keeps the numbers, with a decimal comma. */
static void dutch_messages(void **state)
{
	(void)state;
	char out[200];
	assert_string_equal(questionnaire_sheet_dutch("must be greater than 0", out, sizeof(out)),
			    "vul een getal groter dan 0 in");
	assert_string_equal(questionnaire_sheet_dutch("must be between 0 and 1", out, sizeof(out)),
			    "vul een getal van 0 tot en met 1 in");
	assert_string_equal(questionnaire_sheet_dutch("must be between 0.5 and 1", out, sizeof(out)),
			    "vul een getal van 0,5 tot en met 1 in");
	assert_string_equal(questionnaire_sheet_dutch("something new", out, sizeof(out)), "something new");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip_has_no_changes),
		cmocka_unit_test(bad_weight_is_located),
		cmocka_unit_test(cell_problems_come_together),
		cmocka_unit_test(number_as_text_with_comma),
		cmocka_unit_test(unknown_and_missing_sheets_and_columns),
		cmocka_unit_test(unknown_parent),
		cmocka_unit_test(reworded_item_is_text_only),
		cmocka_unit_test(removed_item_is_structural),
		cmocka_unit_test(swapped_options_are_moved),
		cmocka_unit_test(identical_items_and_themes),
		cmocka_unit_test(dutch_messages),
	};
	return cmocka_run_group_tests(tests, load, unload);
}

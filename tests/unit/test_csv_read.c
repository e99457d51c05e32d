/* test_csv_read.c: the CSV reader (common/csv_read.c) and the offer catalogue's row checks
 * (server/app/offer_catalogue_read.c): separators, quotes, line breaks, byte-order mark, the
 * protective apostrophe, and the refusals (not UTF-8, unclosed quote, too long a cell). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/csv.h"
#include "server/app/offer_catalogue.h"

static const char *cell(const struct xlsx_book *b, uint32_t row, uint32_t col)
{
	const struct xlsx_cell *c = xlsx_sheet_cell(&b->sheets[0], row, col);
	return c ? c->text : NULL;
}

static void test_semicolon_quotes_and_breaks(void **state)
{
	(void)state;
	static const char in[] = "\xEF\xBB\xBF" "a;b;c\r\n1;\"x;\ny\"\"z\";\r\n\n;;last";
	struct xlsx_book b = XLSX_BOOK_INIT;
	char err[256];
	assert_int_equal(csv_read(in, sizeof in - 1, "s", &b, err, sizeof err), 0);
	assert_string_equal(cell(&b, 1, 0), "a");
	assert_string_equal(cell(&b, 1, 2), "c");
	assert_string_equal(cell(&b, 2, 1), "x;\ny\"z");
	assert_null(cell(&b, 2, 2));  /* an empty field is no cell */
	assert_null(cell(&b, 3, 0));  /* an empty line */
	assert_string_equal(cell(&b, 4, 2), "last");
	xlsx_book_release(&b);
}

static void test_comma_and_tab(void **state)
{
	(void)state;
	struct xlsx_book b = XLSX_BOOK_INIT;
	char err[256];
	assert_int_equal(csv_read("a,b;c,d\n", 8, "s", &b, err, sizeof err), 0);
	assert_string_equal(cell(&b, 1, 1), "b;c");
	xlsx_book_release(&b);
	assert_int_equal(csv_read("a\tb\n", 4, "s", &b, err, sizeof err), 0);
	assert_string_equal(cell(&b, 1, 1), "b");
	xlsx_book_release(&b);
}

static void test_refusals(void **state)
{
	(void)state;
	struct xlsx_book b = XLSX_BOOK_INIT;
	char err[256];
	assert_int_equal(csv_read("a;\xff\n", 4, "s", &b, err, sizeof err), -1);
	assert_non_null(strstr(err, "UTF-8"));
	xlsx_book_release(&b);
	assert_int_equal(csv_read("a;\"open\n", 8, "s", &b, err, sizeof err), -1);
	assert_non_null(strstr(err, "aanhalingstekens"));
	xlsx_book_release(&b);
	size_t n = XLSX_MAX_TEXT + 10;
	char *big = malloc(n);
	memset(big, 'x', n);
	assert_int_equal(csv_read(big, n, "s", &b, err, sizeof err), -1);
	assert_non_null(strstr(err, "Rij 1, kolom 1"));
	xlsx_book_release(&b);
	free(big);
}

static void test_catalogue_rows(void **state)
{
	(void)state;
	static const char in[] =
		"id;provider;title;description;contact;url;price;region;offer_tags;active\n"
		";Zuyd;Leiderschap;Een dag;'-06 1234;;gratis;Limburg;Leadership, strategy;\n"
		";Zuyd;Leiderschap;dubbel;c;;;;;ja\n"
		"x;;Zonder aanbieder;;c;;;;;misschien\n";
	struct offer_catalogue cat = OFFER_CATALOGUE_INIT;
	struct problems p = PROBLEMS_INIT;
	assert_int_equal(offer_catalogue_read(in, sizeof in - 1, &cat, &p), -1);
	assert_int_equal(cat.n, 2);
	assert_string_equal(cat.offers[0].f.contact, "-06 1234"); /* the apostrophe goes */
	assert_string_equal(cat.offers[0].f.tags, "{\"leadership\",\"strategy\"}");
	assert_string_equal(cat.offers[0].tags, "leadership, strategy");
	assert_int_equal(cat.offers[0].f.active, 1); /* empty is ja */
	int dup = 0, id = 0, provider = 0, active = 0;
	for (size_t i = 0; i < p.n; i++) {
		dup |= strcmp(p.items[i].path, "Rij 3, kolom title") == 0;
		id |= strcmp(p.items[i].path, "Rij 4, kolom id") == 0;
		provider |= strcmp(p.items[i].path, "Rij 4, kolom provider") == 0;
		active |= strcmp(p.items[i].path, "Rij 4, kolom active") == 0;
	}
	assert_true(dup && id && active && provider); /* every problem of a row at once */
	problems_release(&p);
	offer_catalogue_release(&cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_semicolon_quotes_and_breaks),
		cmocka_unit_test(test_comma_and_tab),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_catalogue_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

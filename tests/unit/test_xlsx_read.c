/* test_xlsx_read.c: the .xlsx reader on small workbooks built here (common/zip.c writes them):
 * shared and inline strings, numbers, booleans, formulas, dates, hidden sheets, merged cells,
 * and the refusals: not a zip, a DOCTYPE, a path out of the archive, too large. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/xlsx.h"
#include "common/zip.h"

static const char rels[] =
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://x/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://x/sharedStrings\" Target=\"sharedStrings.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"http://x/styles\" Target=\"styles.xml\"/>"
	"</Relationships>";
static const char workbook[] =
	"<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
	" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
	"<sheets><sheet name=\"items\" sheetId=\"1\" r:id=\"rId1\" state=\"hidden\"/></sheets></workbook>";
static const char strings[] =
	"<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	"<si><t>key</t></si><si><r><t>Wij </t></r><r><t>werken</t></r><rPh><t>x</t></rPh></si></sst>";
static const char styles[] =
	"<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	"<numFmts><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/><numFmt numFmtId=\"165\" formatCode=\"0.00&quot;d&quot;\"/></numFmts>"
	"<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>";
static const char sheet[] =
	"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
	"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
	"<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>s01</t></is></c><c r=\"B3\"><v>0.5</v></c>"
	"<c r=\"C3\" t=\"b\"><v>1</v></c><c r=\"D3\"><f>1+1</f><v>2</v></c><c r=\"E3\" s=\"1\"><v>45000</v></c>"
	"<c r=\"F3\" s=\"2\"><v>3</v></c><c r=\"G3\" t=\"e\"><v>#DIV/0!</v></c><c r=\"H3\" s=\"3\"/></row>"
	"</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A5:B5\"/></mergeCells></worksheet>";

struct part {
	const char *name, *text;
};

/* A zip of the parts, in a malloc'd buffer. */
static char *make_zip(const struct part *parts, size_t n, size_t *len)
{
	char *data = NULL;
	FILE *f = open_memstream(&data, len);
	assert_non_null(f);
	struct zip_writer zw;
	zip_writer_init(&zw, f, 0);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(zip_entry_begin(&zw, parts[i].name), 0);
		assert_int_equal(zip_entry_write(&zw, parts[i].text, strlen(parts[i].text)), 0);
		assert_int_equal(zip_entry_end(&zw), 0);
	}
	assert_int_equal(zip_writer_finish(&zw), 0);
	fclose(f);
	return data;
}

static int read_parts(const struct part *parts, size_t n, struct xlsx_book *book, char *err, size_t errlen)
{
	size_t len;
	char *data = make_zip(parts, n, &len);
	int rc = xlsx_read(data, len, book, err, errlen);
	free(data);
	return rc;
}

static void reads_every_value_type(void **state)
{
	(void)state;
	const struct part parts[] = {{"xl/workbook.xml", workbook}, {"xl/_rels/workbook.xml.rels", rels},
				     {"xl/sharedStrings.xml", strings}, {"xl/styles.xml", styles},
				     {"xl/worksheets/sheet1.xml", sheet}};
	struct xlsx_book book = XLSX_BOOK_INIT;
	char err[200];
	assert_int_equal(read_parts(parts, 5, &book, err, sizeof(err)), 0);
	assert_int_equal(book.n_sheets, 1);
	const struct xlsx_sheet *s = xlsx_book_sheet(&book, "items");
	assert_non_null(s);
	assert_true(s->hidden);
	assert_int_equal(s->n_merged, 1);
	assert_string_equal(xlsx_sheet_cell(s, 1, 0)->text, "key");
	assert_string_equal(xlsx_sheet_cell(s, 1, 1)->text, "Wij werken"); /* runs joined, phonetic left out */
	assert_string_equal(xlsx_sheet_cell(s, 3, 0)->text, "s01");
	assert_int_equal(xlsx_sheet_cell(s, 3, 1)->type, XLSX_NUMBER);
	assert_true(xlsx_sheet_cell(s, 3, 1)->number == 0.5);
	assert_int_equal(xlsx_sheet_cell(s, 3, 2)->type, XLSX_BOOL);
	assert_true(xlsx_sheet_cell(s, 3, 3)->formula);
	assert_true(xlsx_sheet_cell(s, 3, 4)->date);
	assert_false(xlsx_sheet_cell(s, 3, 5)->date); /* "d" in quotes is text, not a day */
	assert_int_equal(xlsx_sheet_cell(s, 3, 6)->type, XLSX_ERROR);
	assert_null(xlsx_sheet_cell(s, 3, 7)); /* styled but empty */
	assert_null(xlsx_sheet_cell(s, 2, 0));
	assert_int_equal(xlsx_sheet_last_row(s), 3);
	xlsx_book_release(&book);
}

static void refuses_a_doctype(void **state)
{
	(void)state;
	const char evil[] = "<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY a \"aaaa\">]>"
			    "<workbook><sheets><sheet name=\"&a;\" r:id=\"rId1\"/></sheets></workbook>";
	const struct part parts[] = {{"xl/workbook.xml", evil}, {"xl/_rels/workbook.xml.rels", rels}};
	struct xlsx_book book = XLSX_BOOK_INIT;
	char err[200];
	assert_int_equal(read_parts(parts, 2, &book, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "DOCTYPE"));
	xlsx_book_release(&book);
}

static void refuses_a_path_out_of_the_archive(void **state)
{
	(void)state;
	const char out_rels[] =
		"<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"../../etc/passwd\"/></Relationships>";
	const struct part parts[] = {{"xl/workbook.xml", workbook}, {"xl/_rels/workbook.xml.rels", out_rels}};
	struct xlsx_book book = XLSX_BOOK_INIT;
	char err[200];
	assert_int_equal(read_parts(parts, 2, &book, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "buiten het bestand"));
	xlsx_book_release(&book);
}

static void refuses_what_is_not_a_workbook(void **state)
{
	(void)state;
	struct xlsx_book book = XLSX_BOOK_INIT;
	char err[200];
	assert_int_equal(xlsx_read("PK\003\004nonsense", 14, &book, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "geen Excel-werkmap"));
	xlsx_book_release(&book);
	const struct part parts[] = {{"word/document.xml", "<w/>"}};
	assert_int_equal(read_parts(parts, 1, &book, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "xl/workbook.xml ontbreekt"));
	xlsx_book_release(&book);
	static char big[XLSX_MAX_FILE_BYTES + 1];
	assert_int_equal(xlsx_read(big, sizeof(big), &book, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "groter dan 1 MB"));
	xlsx_book_release(&book);
}

/* A part that inflates past the cap is refused while inflating (zeros compress ~1000:1). */
static void refuses_a_zip_bomb(void **state)
{
	(void)state;
	size_t n = XLSX_MAX_PART_BYTES + 1024;
	char *zeros = malloc(n + 1);
	assert_non_null(zeros);
	memset(zeros, ' ', n);
	zeros[n] = '\0';
	const struct part parts[] = {{"xl/workbook.xml", zeros}, {"xl/_rels/workbook.xml.rels", rels}};
	size_t len;
	char *data = make_zip(parts, 2, &len);
	free(zeros);
	struct xlsx_book book = XLSX_BOOK_INIT;
	char err[200];
	assert_true(len <= XLSX_MAX_FILE_BYTES);
	assert_int_equal(xlsx_read(data, len, &book, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "groter dan"));
	free(data);
	xlsx_book_release(&book);
}

/* Every import reads a cell the same way: text as typed, numbers in their shortest
 * form, and a Dutch problem for what it must not guess at. */
static void cell_values_as_an_import_reads_them(void **state)
{
	(void)state;
	char num[32];
	const char *problem = NULL;
	struct xlsx_cell text = {.type = XLSX_TEXT, .text = "Zorg"};
	struct xlsx_cell half = {.type = XLSX_NUMBER, .number = 12.5};
	struct xlsx_cell yes = {.type = XLSX_BOOL, .number = 1};
	assert_string_equal(xlsx_cell_value(&text, 0, num, &problem), "Zorg");
	assert_string_equal(xlsx_cell_value(&half, 0, num, &problem), "12.5");
	assert_string_equal(xlsx_cell_value(&half, 1, num, &problem), "12,5");
	assert_string_equal(xlsx_cell_value(&yes, 1, num, &problem), "ja");
	assert_null(problem);
	struct xlsx_cell formula = {.type = XLSX_NUMBER, .number = 2, .formula = 1};
	struct xlsx_cell date = {.type = XLSX_NUMBER, .number = 45000, .date = 1};
	struct xlsx_cell error = {.type = XLSX_ERROR, .text = "#DIV/0!"};
	assert_null(xlsx_cell_value(&formula, 0, num, &problem));
	assert_non_null(strstr(problem, "formule"));
	assert_null(xlsx_cell_value(&date, 0, num, &problem));
	assert_non_null(strstr(problem, "datum"));
	assert_null(xlsx_cell_value(&error, 0, num, &problem));
	assert_non_null(strstr(problem, "foutwaarde"));
}

static void yes_no_in_dutch_and_english(void **state)
{
	(void)state;
	int b = -1;
	assert_int_equal(xlsx_parse_yes_no("Ja", &b), 0);
	assert_int_equal(b, 1);
	assert_int_equal(xlsx_parse_yes_no("onwaar", &b), 0);
	assert_int_equal(b, 0);
	assert_int_equal(xlsx_parse_yes_no("TRUE", &b), 0);
	assert_int_equal(b, 1);
	assert_int_equal(xlsx_parse_yes_no("0", &b), 0);
	assert_int_equal(b, 0);
	assert_int_equal(xlsx_parse_yes_no("misschien", &b), -1);
	assert_int_equal(xlsx_parse_yes_no("", &b), -1);
}

static void column_names(void **state)
{
	(void)state;
	char out[8];
	xlsx_column_name(0, out);
	assert_string_equal(out, "A");
	xlsx_column_name(25, out);
	assert_string_equal(out, "Z");
	xlsx_column_name(26, out);
	assert_string_equal(out, "AA");
	xlsx_column_name(16383, out);
	assert_string_equal(out, "XFD");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_every_value_type),
		cmocka_unit_test(refuses_a_doctype),
		cmocka_unit_test(refuses_a_path_out_of_the_archive),
		cmocka_unit_test(refuses_what_is_not_a_workbook),
		cmocka_unit_test(refuses_a_zip_bomb),
		cmocka_unit_test(cell_values_as_an_import_reads_them),
		cmocka_unit_test(yes_no_in_dutch_and_english),
		cmocka_unit_test(column_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

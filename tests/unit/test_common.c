/* test_common.c: buffer, text conversion, template and router invariants. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/number.h"
#include "common/text.h"
#include "common/form.h"
#include "common/arena.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "common/assets.h"
#include "common/crypto.h"
#include "common/zip.h"
#include "tests/unit/unit_test.h"
#include "common/banned.h"

/* Hashing slots never wait: a take with every slot busy says so at once. */
static void hash_slots_bound_concurrent_hashing(void **state)
{
	(void)state;
	crypto_hash_slots_set(2);
	assert_int_equal(crypto_hash_slot_take(), 1);
	assert_int_equal(crypto_hash_slot_take(), 1);
	assert_int_equal(crypto_hash_slot_take(), 0);
	crypto_hash_slot_release();
	assert_int_equal(crypto_hash_slot_take(), 1);
	crypto_hash_slot_release();
	crypto_hash_slot_release();
	crypto_hash_slots_set(0);  /* at least one slot */
	assert_int_equal(crypto_hash_slot_take(), 1);
	assert_int_equal(crypto_hash_slot_take(), 0);
	crypto_hash_slot_release();
}

static void buf_refuses_past_cap_and_keeps_content(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 8);
	assert_int_equal(buf_puts(&b, "12345"), 0);
	assert_int_equal(buf_puts(&b, "6789"), -1);
	assert_true(b.toobig);
	assert_string_equal(b.data, "12345");
	buf_release(&b);
	buf_release(&b);
}

static void buf_html_escapes_all_five(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	buf_html(&b, "<a href=\"x\">'&'</a>");
	assert_string_equal(b.data, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
	buf_release(&b);
}

static void buf_csv_quotes_separator_quote_newline(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	buf_csv_field(&b, "a;b", ';');
	buf_putc(&b, '|');
	buf_csv_field(&b, "say \"hi\"", ';');
	buf_putc(&b, '|');
	buf_csv_field(&b, "two\nlines", ';');
	buf_putc(&b, '|');
	buf_csv_field(&b, "café", ';');
	assert_string_equal(b.data, "\"a;b\"|\"say \"\"hi\"\"\"|\"two\nlines\"|café");
	buf_release(&b);
}

/* text_normalize: the one cleaning of stored texts (names, advice, notes). */
static void check_norm(const char *in, enum text_kind kind, const char *want)
{
	char buf[256];
	snprintf(buf, sizeof(buf), "%s", in);
	assert_string_equal(text_normalize(buf, kind), want);
}

static void normalize_drops_controls_and_hidden_marks(void **state)
{
	(void)state;
	check_norm("Bakkerij\x01 Jansen\x7f", TEXT_LINE, "Bakkerij Jansen");
	check_norm("a\xc2\x85" "b", TEXT_LINE, "ab");                    /* C1 NEL */
	check_norm("\xef\xbb\xbf" "Jansen", TEXT_LINE, "Jansen");       /* BOM */
	check_norm("Jan\xe2\x80\x8bsen", TEXT_LINE, "Jansen");          /* zero-width space */
	check_norm("abc\xe2\x80\xae" "fdp.exe", TEXT_LINE, "abcfdp.exe"); /* RTL override */
	check_norm("x\xe2\x81\xa6y\xe2\x81\xa9", TEXT_LINE, "xy");   /* isolates */
	/* letters of other scripts and joiners stay */
	check_norm("\xc5\x9e" "ahin \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d", TEXT_LINE, "\xc5\x9e" "ahin \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d");
	check_norm("a\xe2\x80\x8d" "b", TEXT_LINE, "a\xe2\x80\x8d" "b");
}

static void normalize_makes_spaces_plain_and_trims(void **state)
{
	(void)state;
	check_norm("\xc2\xa0\xc2\xa0", TEXT_BLOCK, "");                  /* only no-break spaces */
	check_norm("\xe2\x80\x83\xe3\x80\x80 \n\t", TEXT_BLOCK, "");  /* em, ideographic */
	check_norm("12\xc2\xa0" "500", TEXT_LINE, "12 500");
	check_norm("  De   Vries\t\tBV  ", TEXT_LINE, "De Vries BV");
	check_norm("Jansen\r\nBV", TEXT_LINE, "Jansen BV");
	check_norm("", TEXT_LINE, "");
}

static void normalize_keeps_lines_in_blocks(void **state)
{
	(void)state;
	check_norm("Stap 1\r\nStap 2\rStap 3\xe2\x80\xa8Stap 4", TEXT_BLOCK, "Stap 1\nStap 2\nStap 3\nStap 4");
	check_norm("\n\n- punt\n\n  - dieper\n\n", TEXT_BLOCK, "- punt\n\n  - dieper");
	check_norm("a\tb\x00", TEXT_BLOCK, "a\tb");
	check_norm("\xff\xfe", TEXT_LINE, "\xff\xfe"); /* not UTF-8: left for the UTF-8 check */
}

static void parse_long_rejects_junk_and_range(void **state)
{
	(void)state;
	long v;
	assert_int_equal(text_parse_long("42", 0, 100, &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(text_parse_long("42x", 0, 100, &v), -1);
	assert_int_equal(text_parse_long(" 42", 0, 100, &v), -1);
	assert_int_equal(text_parse_long("101", 0, 100, &v), -1);
	assert_int_equal(text_parse_long("", 0, 100, &v), -1);
}

static void parse_double_takes_dutch_comma_and_refuses_nan(void **state)
{
	(void)state;
	double d;
	assert_int_equal(text_parse_double("12,5", 0, 100, &d), 0);
	assert_true(d == 12.5);
	assert_int_equal(text_parse_double("nan", 0, 100, &d), -1);
	assert_int_equal(text_parse_double("inf", 0, 1e9, &d), -1);
	assert_int_equal(text_parse_double("0x10", 0, 100, &d), -1);
}

/* PostgreSQL array texts: the numbers in order, at most max of them. */
static void int_array_reads_numbers_up_to_max(void **state)
{
	(void)state;
	long v[3];
	assert_int_equal(text_int_array("{4,-2,17}", v, 3), 3);
	assert_int_equal(v[0], 4);
	assert_int_equal(v[1], -2);
	assert_int_equal(v[2], 17);
	assert_int_equal(text_int_array("{1,2,3,4}", v, 2), 2);
	assert_int_equal(text_int_array("{}", v, 3), 0);
	assert_int_equal(text_int_array("1,2", v, 3), 0);
	assert_int_equal(text_int_array(NULL, v, 3), 0);
}

static void double_array_reads_null_as_nan(void **state)
{
	(void)state;
	double v[4];
	assert_int_equal(text_double_array("{67.4,NULL,2,NaN}", v, 4), 4);
	assert_true(v[0] == 67.4);
	assert_true(isnan(v[1]));
	assert_true(v[2] == 2);
	assert_true(isnan(v[3]));
	assert_int_equal(text_double_array("{1.5,Infinity,3}", v, 2), 2);
	assert_true(v[0] == 1.5);
	assert_true(isnan(v[1]));
	assert_int_equal(text_double_array("{}", v, 4), 0);
	assert_int_equal(text_double_array("", v, 4), 0);
	assert_int_equal(text_double_array(NULL, v, 4), 0);
}

static void percent_decode_validates(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(text_percent_decode("a%20b+c", 7, out, 1), 5);
	assert_string_equal(out, "a b c");
	assert_int_equal(text_percent_decode("%zz", 3, out, 0), -1);
	assert_int_equal(text_percent_decode("%4", 2, out, 0), -1);
	assert_int_equal(text_percent_decode("%C3%28", 6, out, 0), -1);  /* invalid UTF-8 */
	assert_int_equal(text_percent_decode("%00", 3, out, 0), -1);     /* NUL */
	assert_int_equal(text_percent_decode("caf%C3%A9", 9, out, 0), 5);
}

static void form_parse_decodes_and_skips_empty_keys(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct form_field *f;
	const char *body = "name=Bakkerij+%C3%A9&=x&empty=&flag&fte=12%2C5";
	int n = form_parse(body, strlen(body), &a, &f);
	assert_int_equal(n, 4);
	assert_string_equal(f[0].key, "name");
	assert_string_equal(f[0].value, "Bakkerij é");
	assert_string_equal(f[1].key, "empty");
	assert_string_equal(f[1].value, "");
	assert_string_equal(f[2].key, "flag");
	assert_string_equal(f[3].value, "12,5");
	assert_int_equal(form_parse("a=%zz", 5, &a, &f), -1);
	assert_int_equal(form_parse("a=%FF", 5, &a, &f), -1);
	arena_release(&a);
}

static void utf8_rejects_overlong_and_surrogates(void **state)
{
	(void)state;
	assert_true(text_utf8_valid("€", strlen("€")));
	assert_false(text_utf8_valid("\xC0\xAF", 2));
	assert_false(text_utf8_valid("\xED\xA0\x80", 3));
	assert_false(text_utf8_valid("\xF4\x90\x80\x80", 4));
}

static void utf8_prefix_cuts_on_character_boundaries(void **state)
{
	(void)state;
	assert_int_equal(text_utf8_prefix("abc", 80, 320), 3);
	assert_int_equal(text_utf8_prefix("abcdef", 4, 320), 4);
	assert_int_equal(text_utf8_prefix("caf\xC3\xA9!", 4, 320), 5); /* "café": é is two bytes */
	assert_int_equal(text_utf8_prefix("caf\xC3\xA9!", 80, 4), 3); /* é would not fit whole */
	assert_int_equal(text_utf8_prefix("\xE2\x82\xAC\xE2\x82\xAC", 80, 5), 3);
	assert_int_equal(text_utf8_prefix("", 0, 0), 0);
}

static unsigned rd16(const unsigned char *p) { return p[0] | (unsigned)p[1] << 8; }
static unsigned long rd32(const unsigned char *p) { return rd16(p) | (unsigned long)rd16(p + 2) << 16; }

static void zip_entries_inflate_back_with_their_crc(void **state)
{
	(void)state;
	static char big[200000];
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)('a' + (i * 7919 % 26));
	FILE *f = tmpfile();
	assert_non_null(f);
	struct zip_writer zw;
	zip_writer_init(&zw, f, 1765000000);
	assert_int_equal(zip_entry_begin(&zw, "data.csv"), 0);
	assert_int_equal(zip_entry_write(&zw, big, 100000), 0);
	assert_int_equal(zip_entry_write(&zw, big + 100000, sizeof(big) - 100000), 0);
	assert_int_equal(zip_entry_end(&zw), 0);
	assert_int_equal(zip_entry_begin(&zw, "datapackage.json"), 0);
	assert_int_equal(zip_entry_write(&zw, "{}", 2), 0);
	assert_int_equal(zip_writer_finish(&zw), 0);
	long size = ftell(f);
	unsigned char *z = malloc((size_t)size);
	rewind(f);
	assert_int_equal(fread(z, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	const unsigned char *end = z + size - 22; /* no archive comment */
	assert_int_equal(rd32(end), 0x06054b50);
	assert_int_equal(rd16(end + 10), 2);
	const unsigned char *c = z + rd32(end + 16);
	assert_int_equal(rd32(c), 0x02014b50);
	assert_int_equal(rd16(c + 10), 8);
	assert_int_equal(rd32(c + 24), sizeof(big));
	assert_memory_equal(c + 46, "data.csv", 8);
	const unsigned char *local = z + rd32(c + 42);
	assert_int_equal(rd32(local), 0x04034b50);
	char *back = malloc(sizeof(big));
	z_stream s;
	memset(&s, 0, sizeof(s));
	assert_int_equal(inflateInit2(&s, -MAX_WBITS), Z_OK);
	s.next_in = (Bytef *)(local + 30 + rd16(local + 26));
	s.avail_in = (uInt)rd32(c + 20);
	s.next_out = (Bytef *)back;
	s.avail_out = sizeof(big);
	assert_int_equal(inflate(&s, Z_FINISH), Z_STREAM_END);
	inflateEnd(&s);
	assert_memory_equal(back, big, sizeof(big));
	assert_int_equal(rd32(c + 16), crc32(0, (const Bytef *)big, sizeof(big)));
	free(back);
	free(z);
}

static void zip_refuses_misuse_and_stays_failed(void **state)
{
	(void)state;
	FILE *f = tmpfile();
	struct zip_writer zw;
	zip_writer_init(&zw, f, 0);
	assert_int_equal(zip_entry_write(&zw, "x", 1), -1); /* no entry open */
	assert_int_equal(zip_entry_begin(&zw, ""), -1);
	assert_int_equal(zip_entry_begin(&zw, "a.txt"), -1); /* failed once, failed for good */
	assert_int_equal(zip_writer_finish(&zw), -1);
	zip_writer_release(&zw);
	fclose(f);
}

static void templates_escape_values(void **state)
{
	(void)state;
	char err[128];
	assert_int_equal(i18n_init(err, sizeof(err)), 0);
	cJSON *ctx = cJSON_CreateObject();
	cJSON_AddStringToObject(ctx, "error_title", "<script>");
	cJSON_AddStringToObject(ctx, "error_text", "a & b");
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(tmpl_render(&b, "error", ctx, "nl", err, sizeof(err)), 0);
	assert_non_null(strstr(b.data, "&lt;script&gt;"));
	assert_null(strstr(b.data, "<script>"));
	assert_non_null(strstr(b.data, "a &amp; b"));
	buf_release(&b);
	cJSON_Delete(ctx);
}

static char *render_to_string(const char *tmpl, cJSON *ctx, const char *lang)
{
	char err[128];
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(tmpl_render(&b, tmpl, ctx, lang, err, sizeof(err)), 0);
	char *s = strdup(b.data ? b.data : "");
	buf_release(&b);
	return s;
}

/* the filters of tmpl.h: one date style, decimal commas, Dutch plurals */
static void templates_show_dates_numbers_and_plurals(void **state)
{
	(void)state;
	char err[128];
	assert_int_equal(i18n_init(err, sizeof(err)), 0);
	cJSON *ctx = cJSON_CreateObject();
	cJSON *users = cJSON_AddArrayToObject(ctx, "users");
	cJSON *u = cJSON_CreateObject();
	cJSON_AddStringToObject(u, "last_login", "2026-12-01 18:23");
	cJSON_AddItemToArray(users, u);
	u = cJSON_CreateObject();
	cJSON_AddStringToObject(u, "last_login", "<b>not a date</b>");
	cJSON_AddItemToArray(users, u);
	char *s = render_to_string("office/users", ctx, "nl");
	assert_non_null(strstr(s, ">1-12-2026 18:23</td>"));
	assert_null(strstr(s, "2026-12-01"));
	assert_non_null(strstr(s, "&lt;b&gt;not a date&lt;/b&gt;"));
	free(s);
	cJSON_Delete(ctx);

	ctx = cJSON_CreateObject();
	cJSON *company = cJSON_AddObjectToObject(ctx, "company");
	cJSON_AddStringToObject(company, "fte", "12.5");
	s = render_to_string("office/company", ctx, "nl");
	assert_non_null(strstr(s, "<dd>12,5</dd>"));
	free(s);
	s = render_to_string("office/company", ctx, "en");
	assert_non_null(strstr(s, "<dd>12.5</dd>"));
	free(s);
	cJSON_Delete(ctx);

	/* computed figures (the research aggregates): one decimal, a comma in Dutch */
	ctx = cJSON_CreateObject();
	cJSON *cells = cJSON_AddArrayToObject(cJSON_AddObjectToObject(ctx, "table"), "cells");
	cJSON *cell = cJSON_CreateObject();
	cJSON_AddStringToObject(cell, "cell", "C");
	cJSON_AddNumberToObject(cell, "n", 34);
	cJSON_AddNumberToObject(cell, "mean", 57.7988);
	cJSON_AddNullToObject(cell, "sd");
	cJSON_AddItemToArray(cells, cell);
	s = render_to_string("research/aggregates", ctx, "nl");
	assert_non_null(strstr(s, "<td>34</td><td>57,8</td><td></td>"));
	free(s);
	s = render_to_string("research/aggregates", ctx, "en");
	assert_non_null(strstr(s, "<td>34</td><td>57.8</td>"));
	free(s);
	cJSON_Delete(ctx);

	const double counts[] = {0, 1, 2};
	const char *nl[] = {"0 bedrijven gevonden", "1 bedrijf gevonden", "2 bedrijven gevonden"};
	const char *en[] = {"0 companies found", "1 company found", "2 companies found"};
	for (int i = 0; i < 3; i++) {
		ctx = cJSON_CreateObject();
		cJSON_AddNumberToObject(ctx, "total", counts[i]);
		s = render_to_string("office/companies", ctx, "nl");
		assert_non_null(strstr(s, nl[i]));
		free(s);
		s = render_to_string("office/companies", ctx, "en");
		assert_non_null(strstr(s, en[i]));
		free(s);
		cJSON_Delete(ctx);
	}
}

static void unknown_template_is_an_error(void **state)
{
	(void)state;
	char err[128];
	struct buf b;
	buf_init(&b, 0);
	cJSON *ctx = cJSON_CreateObject();
	assert_int_equal(tmpl_render(&b, "no-such-template", ctx, "nl", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "no-such-template"));
	buf_release(&b);
	cJSON_Delete(ctx);
}

/* Every {{@key}} used in a template exists in the catalogue (in both languages,
 * which i18n_init enforces). */
static void every_template_message_exists(void **state)
{
	(void)state;
	char err[128];
	assert_int_equal(i18n_init(err, sizeof(err)), 0);
	for (const struct asset *a = assets; a->path; a++) {
		if (strncmp(a->path, "server/templates/", 17) != 0)
			continue;
		const char *p = (const char *)a->data;
		while ((p = strstr(p, "{{@")) != NULL) {
			const char *end = strstr(p, "}}");
			assert_non_null(end);
			char key[128];
			size_t n = (size_t)(end - p - 3);
			assert_true(n < sizeof(key));
			memcpy(key, p + 3, n);
			key[n] = '\0';
			if (!i18n_has(key))
				fail_msg("%s uses unknown message '%s'", a->path, key);
			p = end;
		}
	}
}

/* One reading of an id for every page (there were two, with different
 * answers to "007", "+7" and ids past 2^31). */
static void ids_are_plain_positive_numbers(void **state)
{
	(void)state;
	assert_int_equal(text_parse_id("1"), 1);
	assert_int_equal(text_parse_id("4294967296"), 4294967296LL);
	assert_int_equal(text_parse_id("9007199254740991"), 9007199254740991LL);
	const char *bad[] = {"", "0", "007", "+7", "-7", " 7", "7 ", "7a", "0x10", "1e3", "9007199254740992",
			     "99999999999999999999", "٣", NULL};
	for (int i = 0; bad[i]; i++)
		assert_int_equal(text_parse_id(bad[i]), 0);
	assert_int_equal(text_parse_id(NULL), 0);
}

/* Every redirect target passes one check (a TAB let "/%09/evil.example"
 * through the login's next= and the language switch). */
static void redirect_targets_stay_on_this_site(void **state)
{
	(void)state;
	const char *good[] = {"/", "/app", "/scans/7?msg=saved#advice", "/s/abc/pillar/2", "/research?version=1", NULL};
	const char *bad[] = {"", "app", "//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example",
			     "/\r/evil.example", "\t//evil.example", "/x\\y", "/a?u=https://evil.example",
			     "https://evil.example", "/\x7f/", "/ok\x01", NULL};
	for (int i = 0; good[i]; i++)
		assert_true(text_local_path(good[i]));
	for (int i = 0; bad[i]; i++)
		assert_false(text_local_path(bad[i]));
	assert_false(text_local_path(NULL));
}

static void date_valid_refuses_days_that_do_not_exist(void **state)
{
	(void)state;
	long ymd = 0;
	assert_true(date_valid_ymd("2026-02-28", &ymd));
	assert_int_equal(ymd, 20260228);
	assert_false(date_valid_ymd("2026-02-31", NULL));
	assert_false(date_valid_ymd("2025-02-29", NULL));
	assert_true(date_valid_ymd("2024-02-29", NULL));
	assert_false(date_valid_ymd("1900-02-29", NULL));
	assert_true(date_valid_ymd("2000-02-29", NULL));
	assert_false(date_valid_ymd("2026-04-31", NULL));
	assert_false(date_valid_ymd("2026-13-01", NULL));
	assert_false(date_valid_ymd("2026-1-011", NULL));
	assert_false(date_valid_ymd("2026-01-+1", NULL));
	assert_false(date_valid_ymd("", NULL));
	assert_false(date_valid_ymd(NULL, NULL));
	long a, b;
	assert_true(date_valid_ymd("2025-12-31", &a) && date_valid_ymd("2026-01-01", &b) && a < b);
}

static const char *shortest(double v)
{
	static char out[NUMBER_TEXT_MAX];
	return number_shortest(v, out);
}

/* The definition number_shortest keeps: the first precision whose %g reads back. */
static const char *shortest_by_definition(double v, char *out)
{
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(out, NUMBER_TEXT_MAX, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			break;
	}
	return out;
}

static void shortest_numbers_match_their_definition(void **state)
{
	(void)state;
	char want[NUMBER_TEXT_MAX], got[NUMBER_TEXT_MAX];
	uint64_t x = 0x9e3779b97f4a7c15ULL;
	for (int i = 0; i < 200000; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift64 */
		double v;
		if (i % 4 == 0) { /* any finite double */
			uint64_t bits = x;
			memcpy(&v, &bits, sizeof(v));
			if (!isfinite(v))
				continue;
		} else if (i % 4 == 1) { /* scores: weighted means of a few answers */
			v = (double)(x % 10000) / (double)(1 + (x >> 40) % 97) * (double)((x >> 20) % 7 + 1) / 3.0;
		} else if (i % 4 == 2) { /* decimals of up to 15 digits, large and small */
			v = (double)(x % 1000000000000000ULL) / pow(10, (double)((x >> 50) % 30)) * (x >> 63 ? -1 : 1);
		} else { /* whole numbers, some with trailing zeros */
			v = (double)(x % 100000) * pow(10, (double)((x >> 45) % 22));
		}
		assert_string_equal(number_shortest(v, got), shortest_by_definition(v, want));
	}
}

static void numbers_are_the_shortest_text_that_reads_back(void **state)
{
	(void)state;
	assert_string_equal(shortest(14), "14");
	assert_string_equal(shortest(-1), "-1");
	assert_string_equal(shortest(0.1), "0.1");
	assert_string_equal(shortest(55.00000000000001), "55.00000000000001");
	assert_string_equal(shortest(0.1 + 0.2), "0.30000000000000004");
	assert_string_equal(shortest(1.0 / 3), "0.3333333333333333"); /* 16 digits, where %.17g gives 17 */
	assert_string_equal(shortest(1e20), "1e+20");
	/* buf_double's fast paths give the same text, and every text reads back */
	const double vs[] = {0, 14, -3, 0.25, 12.5, 1.0 / 3, 2.0 / 3, 55.00000000000001, 67.4, 1e-7, 123456789.125, -0.0625};
	for (size_t i = 0; i < sizeof(vs) / sizeof(vs[0]); i++) {
		assert_string_equal(double_text(vs[i]), shortest(vs[i]));
		assert_true(strtod(double_text(vs[i]), NULL) == vs[i]);
	}
}

static void csv_text_neutralises_formulas(void **state)
{
	(void)state;
	const char *in[] = {"=HYPERLINK(\"http://x\",\"y\")", "+31", "-1", "@SUM(A1)", "\tx", "\rx", "gewoon", "a=b", ""};
	const char *out[] = {"\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", "'+31", "'-1", "'@SUM(A1)", "'\tx", "\"'\rx\"",
			     "gewoon", "a=b", ""};
	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		struct buf b = BUF_INIT;
		buf_csv_text(&b, in[i], ',');
		assert_string_equal(b.data, out[i]);
		buf_release(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ids_are_plain_positive_numbers),
		cmocka_unit_test(redirect_targets_stay_on_this_site),
		cmocka_unit_test(hash_slots_bound_concurrent_hashing),
		cmocka_unit_test(buf_refuses_past_cap_and_keeps_content),
		cmocka_unit_test(buf_html_escapes_all_five),
		cmocka_unit_test(buf_csv_quotes_separator_quote_newline),
		cmocka_unit_test(csv_text_neutralises_formulas),
		cmocka_unit_test(date_valid_refuses_days_that_do_not_exist),
		cmocka_unit_test(numbers_are_the_shortest_text_that_reads_back),
		cmocka_unit_test(shortest_numbers_match_their_definition),
		cmocka_unit_test(normalize_drops_controls_and_hidden_marks),
		cmocka_unit_test(normalize_makes_spaces_plain_and_trims),
		cmocka_unit_test(normalize_keeps_lines_in_blocks),
		cmocka_unit_test(parse_long_rejects_junk_and_range),
		cmocka_unit_test(parse_double_takes_dutch_comma_and_refuses_nan),
		cmocka_unit_test(int_array_reads_numbers_up_to_max),
		cmocka_unit_test(double_array_reads_null_as_nan),
		cmocka_unit_test(percent_decode_validates),
		cmocka_unit_test(utf8_rejects_overlong_and_surrogates),
		cmocka_unit_test(utf8_prefix_cuts_on_character_boundaries),
		cmocka_unit_test(zip_entries_inflate_back_with_their_crc),
		cmocka_unit_test(zip_refuses_misuse_and_stays_failed),
		cmocka_unit_test(form_parse_decodes_and_skips_empty_keys),
		cmocka_unit_test(templates_escape_values),
		cmocka_unit_test(templates_show_dates_numbers_and_plurals),
		cmocka_unit_test(unknown_template_is_an_error),
		cmocka_unit_test(every_template_message_exists),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_research_export.c: the pieces of the research CSV writer — number
 * formatting, CSV quoting, the stored scores array — and the fast decoder of
 * stored answers, which must agree with answers_parse_text on every input. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cli/demo_synth.h"
#include "scoring/answers.h"
#include "scoring/questionnaire.h"
#include "server/app/research_codebook.h"
#include "server/app/research_export.h"
#include "server/app/research_row_decode.h"
#include "server/app/research_datapackage.h"
#include "common/buf.h"
#include "tests/unit/unit_test.h"
#include "common/banned.h"

static void numbers_print_short_and_read_back_exactly(void **state)
{
	(void)state;
	assert_string_equal(double_text(0), "0");
	assert_string_equal(double_text(5), "5");
	assert_string_equal(double_text(-1), "-1");
	assert_string_equal(double_text(-3), "-3");
	assert_string_equal(double_text(0.5), "0.5");
	assert_string_equal(double_text(0.25), "0.25");
	assert_string_equal(double_text(-0.0625), "-0.0625");
	assert_string_equal(double_text(12.5), "12.5");
	assert_string_equal(double_text(100), "100");
	assert_string_equal(double_text(1234567.75), "1234567.75");
	/* no fixed-decimal form: printf, still exact */
	const double hard[] = {1.0 / 3, 46.458333333333329, 2.0 / 3 * 100, 1e20, 1e-7, -123.456789, 0.1 + 0.2};
	for (size_t i = 0; i < sizeof(hard) / sizeof(hard[0]); i++)
		assert_true(strtod(double_text(hard[i]), NULL) == hard[i]);
	/* every value with up to 4 decimals reads back exactly and has no exponent */
	for (int i = -20000; i <= 20000; i += 7) {
		double v = i / 1000.0;
		const char *s = double_text(v);
		assert_true(strtod(s, NULL) == v);
		assert_null(strchr(s, 'e'));
	}
}

static void csv_fields_are_quoted_when_needed(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	buf_csv_field(&b, "gewoon", ',');
	buf_putc(&b, '|');
	buf_csv_field(&b, "a,b", ',');
	buf_putc(&b, '|');
	buf_csv_field(&b, "zij zei \"binden\"", ',');
	buf_putc(&b, '|');
	buf_csv_field(&b, "regel 1\nregel 2\r\n", ',');
	buf_putc(&b, '|');
	buf_csv_field(&b, "Cafébezoek daalt – één", ',');
	assert_string_equal(b.data, "gewoon|\"a,b\"|\"zij zei \"\"binden\"\"\"|\"regel 1\nregel 2\r\n\"|Cafébezoek daalt – één");
	buf_release(&b);
}

static void stored_scores_split_into_spans(void **state)
{
	(void)state;
	const char *start[5];
	size_t len[5];
	assert_int_equal(research_scores_split("{67.40625,NULL,45,1e-05}", start, len, 5), 4);
	assert_int_equal(len[0], 8);
	assert_memory_equal(start[0], "67.40625", 8);
	assert_null(start[1]);
	assert_memory_equal(start[2], "45", 2);
	assert_memory_equal(start[3], "1e-05", 5);
	assert_null(start[4]); /* past the end */
	assert_int_equal(research_scores_split("{}", start, len, 5), 0);
	assert_int_equal(research_scores_split("{1,2,3,4,5,6}", start, len, 2), 2);
}

/* Both decoders on one input: the same verdict and the same answers.
 * Returns 1 when the fast decoder handed the input to answers_parse_text. */
static int agree(const struct questionnaire *q, const char *json)
{
	struct row_decoder d;
	row_decoder_init(&d, q);
	struct answer_set *fast = row_decode_answers(&d, json);
	struct buf w = BUF_INIT;
	buf_printf(&w, "{\"answers\":%s}", json);
	struct answer_set *ref = answers_parse_text(q, w.data, w.len, NULL);
	buf_release(&w);
	if (!ref) {
		assert_null(fast);
	} else {
		assert_non_null(fast);
		for (size_t i = 0; i < q->n_items; i++) {
			const struct answer *a = &fast->answers[i], *b = &ref->answers[i];
			assert_int_equal(a->state, b->state);
			if (a->state != ANSWER_GIVEN)
				continue;
			switch (q->items[i]->type) {
			case ITEM_LIKERT5: assert_int_equal(a->likert, b->likert); break;
			case ITEM_CHOICE: assert_int_equal(a->option, b->option); break;
			case ITEM_MULTI: assert_true(a->chosen == b->chosen); break;
			case ITEM_NUMBER: assert_true(a->number == b->number); break;
			case ITEM_YESNO: assert_int_equal(a->yes, b->yes); break;
			case ITEM_TEXT: assert_string_equal(a->text, b->text); break;
			}
		}
	}
	answer_set_free(fast);
	answer_set_free(ref);
	int fell_back = d.fallbacks > 0;
	row_decoder_release(&d);
	return fell_back;
}

static void fast_decoder_agrees_with_answers_parse_on_synthetic_scans(void **state)
{
	struct questionnaire *q = *state;
	struct synth g;
	synth_seed(&g, 11);
	struct buf json = BUF_INIT, val = BUF_INIT;
	int fallbacks = 0;
	for (int n = 0; n < 3000; n++) {
		buf_reset(&json);
		buf_putc(&json, '{');
		int first = 1, spaced = n % 2; /* jsonb::text puts a space after ':' and ',' */
		for (size_t t = 0; t < q->n_themes; t++) {
			double x = synth_normal(&g);
			for (size_t i = 0; i < q->themes[t]->n_items; i++) {
				buf_reset(&val);
				if (!synth_item_value(&g, &q->themes[t]->items[i], x, &val))
					continue;
				buf_printf(&json, "%s\"%s\":%s%s", first ? "" : spaced ? ", " : ",", q->themes[t]->items[i].key,
					   spaced ? " " : "", val.data);
				first = 0;
			}
		}
		buf_putc(&json, '}');
		fallbacks += agree(q, json.data);
	}
	assert_int_equal(fallbacks, 0); /* what the seed and the submit path store takes the fast path */
	buf_release(&json);
	buf_release(&val);
}

static void fast_decoder_agrees_on_odd_and_bad_input(void **state)
{
	struct questionnaire *q = *state;
	agree(q, "{}");
	agree(q, " { } ");
	agree(q, "{\"s01\": 3}");
	agree(q, "{\"s01\": 6}");          /* out of range */
	agree(q, "{\"s01\": 2.5}");        /* not whole */
	agree(q, "{\"s01\": \"na\"}");     /* na where not allowed? either way both agree */
	agree(q, "{\"s01\": null}");
	agree(q, "{\"nope\": 1}");         /* unknown item */
	agree(q, "{\"s01\": 3, \"s01\": 4}"); /* duplicate */
	agree(q, "{\"s90\": \"tab\\there, \\\"quote\\\", caf\\u00e9 \\u20ac\"}");
	agree(q, "{\"s90\": \"surrogate \\ud83d\\ude00\"}");
	agree(q, "{\"s90\": 5}");          /* text must be a string */
	agree(q, "{\"s13\": [\"a\", \"a\"]}");
	agree(q, "{\"s13\": []}");
	agree(q, "{\"s01\": 3");           /* truncated */
	agree(q, "[1]");
}

static int stata_legal(const char *n)
{
	if (!*n || strlen(n) > 32 || (*n >= '0' && *n <= '9'))
		return 0;
	return strspn(n, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == strlen(n);
}

static void stata_names_are_legal_unique_and_mostly_unchanged(void **state)
{
	struct questionnaire *q = *state;
	struct item *it0 = (struct item *)q->items[0], *it1 = (struct item *)q->items[1];
	const char *k0 = it0->key, *k1 = it1->key;
	it0->key = "a_key_far_longer_than_the_32_characters_stata_allows";
	it1->key = "in"; /* a Stata reserved word */
	struct codebook cb;
	codebook_build(&cb, q);
	it0->key = k0;
	it1->key = k1;
	size_t changed = 0;
	for (size_t i = 0; i < cb.n; i++) {
		assert_true(stata_legal(cb.vars[i].stata_name));
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(cb.vars[i].stata_name, cb.vars[j].stata_name);
		if (strcmp(cb.vars[i].stata_name, cb.vars[i].name) != 0) {
			changed++;
			assert_true(strncmp(cb.vars[i].name, "a_key_far", 9) == 0 || strncmp(cb.vars[i].name, "in", 2) == 0);
		}
	}
	assert_true(changed >= 2);
	codebook_release(&cb);
	codebook_build(&cb, q); /* the real questionnaire: every name stays */
	for (size_t i = 0; i < cb.n; i++)
		assert_string_equal(cb.vars[i].stata_name, cb.vars[i].name);
	codebook_release(&cb);
}

static void datapackage_schema_has_a_field_per_variable_with_codes_and_missing(void **state)
{
	struct questionnaire *q = *state;
	struct codebook cb;
	codebook_build(&cb, q);
	cJSON *pkg = research_datapackage_descriptor(&cb, "nl", "fphc-scans-v1.csv", 1234);
	const cJSON *r = cJSON_GetArrayItem(cJSON_GetObjectItem(pkg, "resources"), 0);
	assert_string_equal(cJSON_GetObjectItem(r, "path")->valuestring, "fphc-scans-v1.csv");
	assert_int_equal((int)cJSON_GetObjectItem(r, "bytes")->valuedouble, 1234);
	const cJSON *fields = cJSON_GetObjectItem(cJSON_GetObjectItem(r, "schema"), "fields");
	assert_int_equal(cJSON_GetArraySize(fields), (int)cb.n);
	for (size_t i = 0; i < cb.n; i++) {
		const struct xvar *v = &cb.vars[i];
		const cJSON *f = cJSON_GetArrayItem(fields, (int)i);
		assert_string_equal(cJSON_GetObjectItem(f, "name")->valuestring, v->name);
		assert_string_equal(cJSON_GetObjectItem(f, "title")->valuestring, v->label_nl);
		const cJSON *cats = cJSON_GetObjectItem(f, "categories");
		const cJSON *en = cJSON_GetObjectItem(cJSON_GetObjectItem(f, "constraints"), "enum");
		assert_int_equal(cJSON_GetArraySize(cats), cJSON_GetArraySize(en)); /* every code has a label */
		if (v->kind == XV_ANSWER && v->item->type == ITEM_LIKERT5)
			assert_int_equal(cJSON_GetArraySize(cats), 5);
		double codes[3];
		size_t nm = codebook_missing(v, codes);
		const cJSON *mv = cJSON_GetObjectItem(f, "missingValues");
		assert_int_equal(cJSON_GetArraySize(mv), v->kind == XV_TEXT ? 1 : (int)nm);
	}
	cJSON_Delete(pkg);
	codebook_release(&cb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(numbers_print_short_and_read_back_exactly),
		cmocka_unit_test(csv_fields_are_quoted_when_needed),
		cmocka_unit_test(stored_scores_split_into_spans),
		cmocka_unit_test(fast_decoder_agrees_with_answers_parse_on_synthetic_scans),
		cmocka_unit_test(fast_decoder_agrees_on_odd_and_bad_input),
		cmocka_unit_test(stata_names_are_legal_unique_and_mostly_unchanged),
		cmocka_unit_test(datapackage_schema_has_a_field_per_variable_with_codes_and_missing),
	};
	return cmocka_run_group_tests(tests, fphc1_setup, fphc1_teardown);
}

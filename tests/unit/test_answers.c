/* test_answers.c: answer validation — every problem named with the item key and the reason. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <cmocka.h>

#include "scoring/answers.h"
#include "scoring/questionnaire.h"
#include "common/banned.h"

static struct questionnaire *q;

static int setup(void **state)
{
	(void)state;
	q = questionnaire_load_file("tests/fixtures/scoring/mini-1.json", NULL);
	return q ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	questionnaire_free(q);
	return 0;
}

static int has(const struct problems *p, const char *path, const char *message)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->items[i].path, path) == 0 && strstr(p->items[i].message, message))
			return 1;
	return 0;
}

/* Checks one value (JSON text) for one item and expects a problem mentioning `message`. */
static void expect_refused(const char *key, const char *value_json, const char *message)
{
	cJSON *v = cJSON_Parse(value_json);
	assert_non_null(v);
	struct problems problems = PROBLEMS_INIT;
	char path[128];
	snprintf(path, sizeof(path), "answers.%s", key);
	assert_int_equal(answers_check_value(q, key, v, &problems), -1);
	if (!has(&problems, path, message)) {
		problems_print(&problems, stderr);
		fail_msg("no problem \"%s: …%s…\"", path, message);
	}
	problems_release(&problems);
	cJSON_Delete(v);
}

static void expect_ok(const char *key, const char *value_json)
{
	cJSON *v = cJSON_Parse(value_json);
	assert_int_equal(answers_check_value(q, key, v, NULL), 0);
	cJSON_Delete(v);
}

static void accepted_values_of_every_type(void **state)
{
	(void)state;
	expect_ok("a1", "5");
	expect_ok("a3", "[]");
	expect_ok("a3", "[\"z\", \"x\"]");
	expect_ok("a4", "\"hi\"");
	expect_ok("a5", "\"na\"");
	expect_ok("n1", "0");
	expect_ok("n1", "100");
	expect_ok("c1", "false");
	expect_ok("d3", "\"na\""); /* a text item keeps the string as text */
	expect_ok("a1", "null");
	assert_int_equal(answers_check_value(q, "a1", NULL, NULL), 0);
}

static void unknown_item_key(void **state)
{
	(void)state;
	expect_refused("zz", "1", "unknown item");
}

static void likert_wrong_type_or_out_of_range(void **state)
{
	(void)state;
	expect_refused("a1", "\"4\"", "whole number from 1 to 5");
	expect_refused("a1", "6", "out of range");
	expect_refused("a1", "0", "out of range");
	expect_refused("a1", "3.5", "out of range");
}

static void choice_unknown_option(void **state)
{
	(void)state;
	expect_refused("a4", "\"max\"", "unknown option");
	expect_refused("a4", "2", "option key");
}

static void multi_problems_name_the_element(void **state)
{
	(void)state;
	expect_refused("a3", "\"x\"", "array of option keys");
	cJSON *v = cJSON_Parse("[\"x\", \"q\", 3, \"x\"]");
	struct problems problems = PROBLEMS_INIT;
	answers_check_value(q, "a3", v, &problems);
	assert_true(has(&problems, "answers.a3[1]", "unknown option"));
	assert_true(has(&problems, "answers.a3[2]", "option key"));
	assert_true(has(&problems, "answers.a3[3]", "duplicate option"));
	problems_release(&problems);
	cJSON_Delete(v);
}

static void number_out_of_range_or_not_a_number(void **state)
{
	(void)state;
	expect_refused("n1", "101", "out of range");
	expect_refused("n1", "-0.5", "out of range");
	expect_refused("n1", "\"5\"", "must be a number");
}

static void nan_and_infinity_are_refused(void **state)
{
	(void)state;
	struct problems problems = PROBLEMS_INIT;
	cJSON *nan = cJSON_CreateNumber(NAN), *inf = cJSON_CreateNumber(INFINITY);
	assert_int_equal(answers_check_value(q, "n1", nan, &problems), -1);
	assert_int_equal(answers_check_value(q, "a1", inf, &problems), -1);
	assert_true(has(&problems, "answers.n1", "finite"));
	assert_true(has(&problems, "answers.a1", "out of range"));
	problems_release(&problems);
	cJSON_Delete(nan);
	cJSON_Delete(inf);
}

static void yesno_needs_a_boolean(void **state)
{
	(void)state;
	expect_refused("c1", "\"yes\"", "true or false");
	expect_refused("c1", "1", "true or false");
}

static void na_only_where_allowed(void **state)
{
	(void)state;
	expect_refused("a1", "\"na\"", "not allowed");
}

static void text_too_long(void **state)
{
	(void)state;
	char *long_text = malloc(ANSWER_TEXT_MAX + 4);
	long_text[0] = '"';
	memset(long_text + 1, 'a', ANSWER_TEXT_MAX + 1);
	memcpy(long_text + ANSWER_TEXT_MAX + 2, "\"", 2);
	expect_refused("d3", long_text, "text too long");
	long_text[ANSWER_TEXT_MAX + 1] = '"';
	long_text[ANSWER_TEXT_MAX + 2] = '\0';
	expect_ok("d3", long_text); /* exactly the cap */
	free(long_text);
	expect_refused("d3", "4", "must be a string");
}

static struct answer_set *parse(const char *text, struct problems *problems)
{
	return answers_parse_text(q, text, strlen(text), problems);
}

static void the_set_must_be_an_answers_object(void **state)
{
	(void)state;
	struct problems problems = PROBLEMS_INIT;
	assert_null(parse("[]", &problems));
	assert_null(parse("{\"answer\": {}}", &problems));
	assert_null(parse("{\"answers\": [1]}", &problems));
	assert_null(parse("{\"answers\": ", &problems));
	assert_true(has(&problems, "", "JSON object"));
	assert_true(has(&problems, "answers", "missing"));
	assert_true(has(&problems, "answers", "must be an object"));
	assert_true(has(&problems, "", "not valid JSON"));
	problems_release(&problems);
}

static void an_item_given_twice_is_refused(void **state)
{
	(void)state;
	struct problems problems = PROBLEMS_INIT;
	assert_null(parse("{\"answers\": {\"a1\": 1, \"a1\": 5}}", &problems));
	assert_true(has(&problems, "answers", "duplicate member \"a1\""));
	problems_release(&problems);
}

static void every_problem_is_listed_and_nothing_is_returned(void **state)
{
	(void)state;
	struct problems problems = PROBLEMS_INIT;
	assert_null(parse("{\"answers\": {\"a1\": 9, \"a4\": \"zz\", \"x9\": 1, \"c1\": \"ja\", \"a2\": 3}}",
			  &problems));
	assert_int_equal(problems_count(&problems), 4);
	assert_true(has(&problems, "answers.x9", "unknown item"));
	problems_release(&problems);
}

static void a_refused_put_leaves_the_set_unchanged(void **state)
{
	(void)state;
	struct answer_set *set = answer_set_new(q);
	cJSON *good = cJSON_CreateNumber(4), *bad = cJSON_CreateNumber(9);
	const struct item *a1 = questionnaire_item_find(q, "a1");
	assert_int_equal(answer_set_put(set, "a1", good, NULL), 0);
	assert_int_equal(answer_set_put(set, "a1", bad, NULL), -1);
	assert_int_equal(set->answers[a1->index].state, ANSWER_GIVEN);
	assert_int_equal(set->answers[a1->index].likert, 4);
	cJSON_Delete(good);
	cJSON_Delete(bad);
	answer_set_free(set);
	answer_set_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accepted_values_of_every_type),
		cmocka_unit_test(unknown_item_key),
		cmocka_unit_test(likert_wrong_type_or_out_of_range),
		cmocka_unit_test(choice_unknown_option),
		cmocka_unit_test(multi_problems_name_the_element),
		cmocka_unit_test(number_out_of_range_or_not_a_number),
		cmocka_unit_test(nan_and_infinity_are_refused),
		cmocka_unit_test(yesno_needs_a_boolean),
		cmocka_unit_test(na_only_where_allowed),
		cmocka_unit_test(text_too_long),
		cmocka_unit_test(the_set_must_be_an_answers_object),
		cmocka_unit_test(an_item_given_twice_is_refused),
		cmocka_unit_test(every_problem_is_listed_and_nothing_is_returned),
		cmocka_unit_test(a_refused_put_leaves_the_set_unchanged),
	};
	return cmocka_run_group_tests_name("answers", tests, setup, teardown);
}

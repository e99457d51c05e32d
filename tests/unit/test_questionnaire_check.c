/* test_questionnaire_check.c: every definition problem is found and reported with its JSON path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <cmocka.h>

#include "scoring/questionnaire.h"
#include "common/banned.h"

#define T(s) "{\"nl\":\"" s "\",\"en\":\"" s "\"}"
static const char base[] =
	"{\"key\":\"t\",\"version\":1,\"title\":" T("Test") ",\"min_answered\":0.6,"
	"\"bands\":[{\"key\":\"attention\",\"min\":0,\"label\":" T("A") "},"
	"{\"key\":\"on_the_way\",\"min\":40,\"label\":" T("B") "},"
	"{\"key\":\"future_proof\",\"min\":70,\"label\":" T("C") "}],"
	"\"pillars\":[{\"key\":\"p\",\"title\":" T("P") ",\"themes\":[{\"key\":\"th\",\"title\":" T("Th")
	",\"offer_tags\":[\"strategy\"],\"band_texts\":{\"attention\":" T("Let op") "},\"items\":["
	"{\"key\":\"l\",\"type\":\"likert5\",\"text\":" T("L") "},"
	"{\"key\":\"c\",\"type\":\"choice\",\"text\":" T("C") ",\"options\":[{\"key\":\"a\",\"label\":" T("a")
	",\"points\":0},{\"key\":\"b\",\"label\":" T("b") ",\"points\":1}]},"
	"{\"key\":\"m\",\"type\":\"multi\",\"text\":" T("M") ",\"max_points\":1,\"options\":[{\"key\":\"a\",\"label\":"
	T("a") ",\"points\":0.5},{\"key\":\"b\",\"label\":" T("b") ",\"points\":0.5}]},"
	"{\"key\":\"n\",\"type\":\"number\",\"text\":" T("N") ",\"min\":0,\"max\":100,\"bands\":[{\"max\":3,\"points\":1},{\"points\":0}]},"
	"{\"key\":\"y\",\"type\":\"yesno\",\"text\":" T("Y") ",\"points\":{\"yes\":1,\"no\":0}},"
	"{\"key\":\"x\",\"type\":\"text\",\"text\":" T("X") "}]}]}],"
	"\"profile\":{\"fields\":[{\"key\":\"sector\",\"label\":" T("Sector") "}],"
	"\"sectors\":[{\"key\":\"A\",\"label\":" T("Landbouw") "}],"
	"\"size_classes\":[{\"key\":\"fte_10_49\",\"label\":" T("10-49") "}]}}";

#define ITEMS "pillars[0].themes[0].items"

/* The node at a path like "pillars[0].themes[0].items[1].options" ("" is the root). */
static cJSON *node_at(cJSON *root, const char *path)
{
	cJSON *n = root;
	char name[64];
	const char *p = path;
	while (*p && n) {
		if (*p == '.')
			p++;
		if (*p == '[') {
			int i = (int)strtol(p + 1, (char **)&p, 10);
			p++; /* ']' */
			n = cJSON_GetArrayItem(n, i);
			continue;
		}
		size_t len = strcspn(p, ".[");
		snprintf(name, sizeof(name), "%.*s", (int)len, p);
		n = cJSON_GetObjectItemCaseSensitive(n, name);
		p += len;
	}
	assert_non_null(n);
	return n;
}

/* Sets parent.name (an object member) to value; NULL value deletes the member. */
static void set(cJSON *root, const char *parent, const char *name, cJSON *value)
{
	cJSON *obj = node_at(root, parent);
	cJSON_DeleteItemFromObjectCaseSensitive(obj, name);
	if (value)
		cJSON_AddItemToObject(obj, name, value);
}

/* Loads a definition text and asserts a problem at `path` whose message contains `message`. */
static void expect_text(const char *text, const char *path, const char *message)
{
	struct problems problems = PROBLEMS_INIT;
	struct questionnaire *q = questionnaire_parse(text, strlen(text), &problems);
	assert_null(q);
	int found = 0;
	for (size_t i = 0; i < problems.n; i++)
		found |= strcmp(problems.items[i].path, path) == 0 &&
			 strstr(problems.items[i].message, message) != NULL;
	if (!found) {
		problems_print(&problems, stderr);
		fail_msg("no problem \"%s: …%s…\"", path, message);
	}
	problems_release(&problems);
}

static void expect(cJSON *root, const char *path, const char *message)
{
	char *text = cJSON_PrintUnformatted(root);
	expect_text(text, path, message);
	free(text);
	cJSON_Delete(root);
}

static cJSON *def(void)
{
	return cJSON_Parse(base);
}

static void base_definition_is_valid(void **state)
{
	(void)state;
	struct problems problems = PROBLEMS_INIT;
	struct questionnaire *q = questionnaire_parse(base, strlen(base), &problems);
	problems_print(&problems, stderr);
	assert_non_null(q);
	assert_int_equal(q->n_scored, 5);
	assert_int_equal(q->n_items, 6);
	assert_string_equal(text_pair_get(&q->themes[0]->band_texts[0], "en"), "Let op");
	questionnaire_free(q);
}

/* `fphc questionnaire check` and `load` also apply questionnaire_check_texts():
 * the base definition has no tips and only one band text, so it is refused
 * with a problem per missing text; a stored version is still parsed. */
static int texts_problem(const struct problems *problems, const char *path, const char *message)
{
	for (size_t i = 0; i < problems->n; i++)
		if (strcmp(problems->items[i].path, path) == 0 && strstr(problems->items[i].message, message))
			return 1;
	return 0;
}

static void a_scored_item_without_a_tip_is_refused_for_new_files(void **state)
{
	(void)state;
	struct problems problems = PROBLEMS_INIT;
	struct questionnaire *q = questionnaire_parse(base, strlen(base), &problems);
	assert_non_null(q);
	assert_int_equal(questionnaire_check_texts(q, &problems), -1);
	assert_true(texts_problem(&problems, ITEMS "[0].tip", "a scored item needs a tip"));
	assert_true(texts_problem(&problems, ITEMS "[4].tip", "(item y)"));
	assert_false(texts_problem(&problems, ITEMS "[5].tip", "tip")); /* the open question needs none */
	assert_true(texts_problem(&problems, "pillars[0].themes[0].band_texts", "band \"on_the_way\""));
	assert_false(texts_problem(&problems, "pillars[0].themes[0].band_texts", "band \"attention\""));
	questionnaire_free(q);
	problems_release(&problems);

	/* with every tip and band text the rule is met */
	cJSON *root = def();
	cJSON *items = node_at(root, ITEMS);
	for (cJSON *it = items->child; it; it = it->next)
		if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(it, "type")), "text") != 0)
			cJSON_AddItemToObject(it, "tip", cJSON_Parse(T("Doe dit.")));
	set(root, "pillars[0].themes[0]", "band_texts",
	    cJSON_Parse("{\"attention\":" T("a") ",\"on_the_way\":" T("b") ",\"future_proof\":" T("c") "}"));
	char *text = cJSON_PrintUnformatted(root);
	problems = (struct problems)PROBLEMS_INIT;
	q = questionnaire_parse(text, strlen(text), &problems);
	assert_non_null(q);
	assert_int_equal(questionnaire_check_texts(q, &problems), 0);
	assert_string_equal(q->items[1]->tip.nl, "Doe dit.");
	questionnaire_free(q);
	problems_release(&problems);
	free(text);
	cJSON_Delete(root);

	/* a tip must be a complete text */
	root = def();
	set(root, ITEMS "[0]", "tip", cJSON_Parse("{\"nl\":\"Doe dit.\"}"));
	expect(root, ITEMS "[0].tip.en", "");
}

static void exclusive_is_only_for_multi_options(void **state)
{
	(void)state;
	cJSON *root = def();
	set(root, ITEMS "[2].options[0]", "exclusive", cJSON_CreateTrue());
	char *text = cJSON_PrintUnformatted(root);
	struct questionnaire *q = questionnaire_parse(text, strlen(text), NULL);
	assert_non_null(q);
	assert_int_equal(q->items[2]->options[0].exclusive, 1);
	assert_int_equal(q->items[2]->options[1].exclusive, 0);
	questionnaire_free(q);
	free(text);
	cJSON_Delete(root);
	root = def();
	set(root, ITEMS "[1].options[0]", "exclusive", cJSON_CreateTrue());
	expect(root, ITEMS "[1].options[0].exclusive", "only options of a multi item");
	root = def();
	set(root, ITEMS "[2].options[0]", "exclusive", cJSON_CreateString("yes"));
	expect(root, ITEMS "[2].options[0].exclusive", "true or false");
}

static void broken_json_is_reported(void **state)
{
	(void)state;
	expect_text("{\"key\": ", "", "not valid JSON");
	expect_text("{} trailing", "", "unexpected text after");
	expect_text("{\"key\":\"\xff\"}", "", "UTF-8");
}

static void duplicate_item_keys(void **state)
{
	(void)state;
	cJSON *d = def();
	set(d, ITEMS "[1]", "key", cJSON_CreateString("l"));
	expect(d, ITEMS "[1]", "duplicate item key \"l\" (also at " ITEMS "[0])");
}

static void duplicate_pillar_and_theme_keys(void **state)
{
	(void)state;
	cJSON *d = def();
	cJSON_AddItemToArray(node_at(d, "pillars"), cJSON_Duplicate(node_at(d, "pillars[0]"), 1));
	char *text = cJSON_PrintUnformatted(d);
	expect_text(text, "pillars[1]", "duplicate pillar key \"p\"");
	expect_text(text, "pillars[1].themes[0]", "duplicate theme key \"th\"");
	free(text);
	cJSON_Delete(d);
}

static void duplicate_option_keys(void **state)
{
	(void)state;
	cJSON *d = def();
	set(d, ITEMS "[1].options[1]", "key", cJSON_CreateString("a"));
	expect(d, ITEMS "[1].options[1]", "duplicate option key \"a\"");
}

static void duplicate_band_keys(void **state)
{
	(void)state;
	cJSON *d = def();
	set(d, "bands[2]", "key", cJSON_CreateString("attention"));
	expect(d, "bands[2]", "duplicate band key");
}

static void duplicate_json_members(void **state)
{
	(void)state;
	char text[sizeof(base) + 32];
	snprintf(text, sizeof(text), "{\"version\":2,%s", base + 1);
	expect_text(text, "", "duplicate member \"version\"");
}

static void missing_english_text(void **state)
{
	(void)state;
	cJSON *d = def();
	set(d, ITEMS "[0].text", "en", NULL);
	expect(d, ITEMS "[0].text.en", "missing");
}

static void missing_dutch_text_or_empty(void **state)
{
	(void)state;
	cJSON *d = def();
	set(d, "pillars[0].title", "nl", cJSON_CreateString(""));
	expect(d, "pillars[0].title.nl", "non-empty string");
	d = def();
	set(d, ITEMS "[2].options[0].label", "nl", NULL);
	expect(d, ITEMS "[2].options[0].label.nl", "missing");
}

static void non_positive_weights(void **state)
{
	(void)state;
	cJSON *d = def();
	set(d, ITEMS "[0]", "weight", cJSON_CreateNumber(0));
	expect(d, ITEMS "[0].weight", "greater than 0");
	d = def();
	set(d, "pillars[0].themes[0]", "weight", cJSON_CreateNumber(-1));
	expect(d, "pillars[0].themes[0].weight", "greater than 0");
}

static void option_without_points(void **state)
{
	(void)state;
	cJSON *d = def();
	set(d, ITEMS "[1].options[0]", "points", NULL);
	expect(d, ITEMS "[1].options[0].points", "missing");
}

static void option_points_outside_0_and_1(void **state)
{
	(void)state;
	cJSON *d = def();
	set(d, ITEMS "[1].options[1]", "points", cJSON_CreateNumber(1.5));
	expect(d, ITEMS "[1].options[1].points", "must be between 0 and 1");
}

static void number_bands_not_ending_in_a_catch_all(void **state)
{
	(void)state;
	cJSON *d = def();
	set(d, ITEMS "[3].bands[1]", "max", cJSON_CreateNumber(10));
	expect(d, ITEMS "[3].bands[1].max", "catch-all");
}

static void number_band_without_max_before_the_last(void **state)
{
	(void)state;
	cJSON *d = def();
	set(d, ITEMS "[3].bands[0]", "max", NULL);
	expect(d, ITEMS "[3].bands[0].max", "only the last band");
}

static void number_bands_not_ascending(void **state)
{
	(void)state;
	cJSON *d = def();
	set(d, ITEMS "[3]", "bands",
	    cJSON_Parse("[{\"max\":3,\"points\":1},{\"max\":2,\"points\":0.5},{\"points\":0}]"));
	expect(d, ITEMS "[3].bands[1].max", "must ascend");
}

static void score_bands_not_starting_at_0(void **state)
{
	(void)state;
	cJSON *d = def();
	set(d, "bands[0]", "min", cJSON_CreateNumber(10));
	expect(d, "bands[0].min", "start at 0");
}

static void score_bands_not_ascending(void **state)
{
	(void)state;
	cJSON *d = def();
	set(d, "bands[2]", "min", cJSON_CreateNumber(30));
	expect(d, "bands[2].min", "ascend");
}

static void unknown_item_type(void **state)
{
	(void)state;
	cJSON *d = def();
	set(d, ITEMS "[0]", "type", cJSON_CreateString("slider"));
	expect(d, ITEMS "[0].type", "unknown type");
}

static void bad_or_missing_keys(void **state)
{
	(void)state;
	cJSON *d = def();
	set(d, ITEMS "[0]", "key", cJSON_CreateString("s 01"));
	expect(d, ITEMS "[0].key", "characters");
	d = def();
	set(d, "pillars[0]", "key", NULL);
	expect(d, "pillars[0].key", "missing");
}

static void reverse_only_on_likert5(void **state)
{
	(void)state;
	cJSON *d = def();
	set(d, ITEMS "[1]", "reverse", cJSON_CreateTrue());
	expect(d, ITEMS "[1].reverse", "only likert5");
}

static void multi_cap_above_what_options_can_reach(void **state)
{
	(void)state;
	cJSON *d = def();
	set(d, ITEMS "[2]", "max_points", cJSON_CreateNumber(2));
	expect(d, ITEMS "[2].max_points", "could never score full marks");
}

static void na_is_not_an_option_key(void **state)
{
	(void)state;
	cJSON *d = def();
	set(d, ITEMS "[1].options[0]", "key", cJSON_CreateString("na"));
	expect(d, ITEMS "[1].options[0].key", "reserved");
}

static void yesno_without_points(void **state)
{
	(void)state;
	cJSON *d = def();
	set(d, ITEMS "[4]", "points", NULL);
	expect(d, ITEMS "[4].points", "missing");
}

static void likert_scale_needs_five_labels(void **state)
{
	(void)state;
	cJSON *d = def();
	set(d, ITEMS "[0]", "scale", cJSON_Parse("[" T("1") "," T("2") "]"));
	expect(d, ITEMS "[0].scale", "5 to 5 elements");
}

static void theme_with_only_open_questions(void **state)
{
	(void)state;
	cJSON *d = def();
	set(d, "pillars[0].themes[0]", "items", cJSON_Parse("[{\"key\":\"o\",\"type\":\"text\",\"text\":" T("O") "}]"));
	expect(d, "pillars[0].themes[0].items", "at least one scored item");
}

static void version_and_min_answered_ranges(void **state)
{
	(void)state;
	cJSON *d = def();
	set(d, "", "version", cJSON_CreateNumber(1.5));
	expect(d, "version", "whole number");
	d = def();
	set(d, "", "min_answered", cJSON_CreateNumber(0));
	expect(d, "min_answered", "between 0 and 1");
}

static void number_that_is_not_finite(void **state)
{
	(void)state;
	/* JSON has no infinity, but 1e999 overflows to it in strtod. */
	char text[sizeof(base) + 32];
	const char *at = strstr(base, "0.6,");
	snprintf(text, sizeof(text), "%.*s1e999%s", (int)(at - base), base, at + 3);
	expect_text(text, "min_answered", "finite");
}

static void band_texts_name_known_bands(void **state)
{
	(void)state;
	cJSON *d = def();
	set(d, "pillars[0].themes[0].band_texts", "excellent", cJSON_Parse(T("x")));
	expect(d, "pillars[0].themes[0].band_texts.excellent", "not the key of a score band");
}

static void offer_tags_are_unique_tags(void **state)
{
	(void)state;
	cJSON *d = def();
	set(d, "pillars[0].themes[0]", "offer_tags", cJSON_Parse("[\"strategy\", \"strategy\", 7]"));
	char *text = cJSON_PrintUnformatted(d);
	expect_text(text, "pillars[0].themes[0].offer_tags[1]", "duplicate offer tag");
	expect_text(text, "pillars[0].themes[0].offer_tags[2]", "must be a tag");
	free(text);
	cJSON_Delete(d);
}

static void profile_keys_are_known(void **state)
{
	(void)state;
	cJSON *d = def();
	set(d, "profile.sectors[0]", "key", cJSON_CreateString("Z"));
	expect(d, "profile.sectors[0].key", "unknown key");
	d = def();
	set(d, "profile.size_classes[0]", "key", cJSON_CreateString("fte_1_9"));
	expect(d, "profile.size_classes[0].key", "unknown key");
}

static void every_problem_is_reported_not_just_the_first(void **state)
{
	(void)state;
	cJSON *d = def();
	set(d, "bands[0]", "min", cJSON_CreateNumber(5));
	set(d, ITEMS "[0]", "type", cJSON_CreateString("slider"));
	set(d, ITEMS "[1].options[1]", "points", cJSON_CreateNumber(-1));
	set(d, ITEMS "[4].text", "en", NULL);
	char *text = cJSON_PrintUnformatted(d);
	struct problems problems = PROBLEMS_INIT;
	assert_null(questionnaire_parse(text, strlen(text), &problems));
	assert_int_equal(problems_count(&problems), 4);
	problems_release(&problems);
	free(text);
	cJSON_Delete(d);
}

static void the_problem_list_is_capped(void **state)
{
	(void)state;
	cJSON *d = def();
	for (int i = 0; i < 50; i++)
		cJSON_AddItemToArray(node_at(d, ITEMS), cJSON_Parse("{\"type\":\"nope\"}"));
	char *text = cJSON_PrintUnformatted(d);
	struct problems problems;
	problems_init(&problems, 10);
	assert_null(questionnaire_parse(text, strlen(text), &problems));
	assert_int_equal(problems.n, 10);
	assert_true(problems.dropped >= 90); /* 50 × (missing key, missing text, unknown type) */
	problems_release(&problems);
	free(text);
	cJSON_Delete(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(base_definition_is_valid),
		cmocka_unit_test(broken_json_is_reported),
		cmocka_unit_test(duplicate_item_keys),
		cmocka_unit_test(duplicate_pillar_and_theme_keys),
		cmocka_unit_test(duplicate_option_keys),
		cmocka_unit_test(duplicate_band_keys),
		cmocka_unit_test(duplicate_json_members),
		cmocka_unit_test(missing_english_text),
		cmocka_unit_test(missing_dutch_text_or_empty),
		cmocka_unit_test(non_positive_weights),
		cmocka_unit_test(option_without_points),
		cmocka_unit_test(option_points_outside_0_and_1),
		cmocka_unit_test(number_bands_not_ending_in_a_catch_all),
		cmocka_unit_test(number_band_without_max_before_the_last),
		cmocka_unit_test(number_bands_not_ascending),
		cmocka_unit_test(score_bands_not_starting_at_0),
		cmocka_unit_test(score_bands_not_ascending),
		cmocka_unit_test(unknown_item_type),
		cmocka_unit_test(bad_or_missing_keys),
		cmocka_unit_test(reverse_only_on_likert5),
		cmocka_unit_test(multi_cap_above_what_options_can_reach),
		cmocka_unit_test(na_is_not_an_option_key),
		cmocka_unit_test(yesno_without_points),
		cmocka_unit_test(likert_scale_needs_five_labels),
		cmocka_unit_test(theme_with_only_open_questions),
		cmocka_unit_test(version_and_min_answered_ranges),
		cmocka_unit_test(number_that_is_not_finite),
		cmocka_unit_test(band_texts_name_known_bands),
		cmocka_unit_test(offer_tags_are_unique_tags),
		cmocka_unit_test(profile_keys_are_known),
		cmocka_unit_test(every_problem_is_reported_not_just_the_first),
		cmocka_unit_test(the_problem_list_is_capped),
		cmocka_unit_test(a_scored_item_without_a_tip_is_refused_for_new_files),
		cmocka_unit_test(exclusive_is_only_for_multi_options),
	};
	return cmocka_run_group_tests_name("questionnaire_check", tests, NULL, NULL);
}

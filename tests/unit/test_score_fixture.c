/* test_score_fixture.c: the hand-computed scan of tests/fixtures/scoring/mini-hand.md, one invariant per test. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cJSON.h>
#include <cmocka.h>

#include "scoring/answers.h"
#include "scoring/questionnaire.h"
#include "scoring/score.h"
#include "tests/unit/unit_test.h"
#include "common/banned.h"

#define QFILE "tests/fixtures/scoring/mini-1.json"
#define AFILE "tests/fixtures/scoring/mini-answers.json"
#define EPS 1e-9

struct fixture {
	struct questionnaire *q;
	struct answer_set *answers;
	struct score_result *r;
};

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	static char data[1 << 16];
	*len = fread(data, 1, sizeof(data) - 1, f);
	fclose(f);
	data[*len] = '\0';
	return data;
}

static int setup(void **state)
{
	static struct fixture fx;
	struct problems problems = PROBLEMS_INIT;
	fx.q = questionnaire_load_file(QFILE, &problems);
	problems_print(&problems, stderr);
	assert_non_null(fx.q);
	size_t len;
	char *text = read_all(AFILE, &len);
	fx.answers = answers_parse_text(fx.q, text, len, &problems);
	problems_print(&problems, stderr);
	assert_non_null(fx.answers);
	fx.r = score_compute(fx.q, fx.answers);
	problems_release(&problems);
	*state = &fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	score_result_free(fx->r);
	answer_set_free(fx->answers);
	questionnaire_free(fx->q);
	return 0;
}

static const struct theme_result *theme(void **state, const char *key)
{
	struct fixture *fx = *state;
	const struct theme *t = questionnaire_theme_find(fx->q, key);
	assert_non_null(t);
	return &fx->r->themes[t->index];
}

static const struct item_result *item(void **state, const char *key)
{
	struct fixture *fx = *state;
	const struct item *it = questionnaire_item_find(fx->q, key);
	assert_non_null(it);
	return &fx->r->items[it->index];
}

static const char *band_key(void **state, int band)
{
	struct fixture *fx = *state;
	return band < 0 ? "none" : fx->q->bands[band].key;
}

static void reversed_likert_scores_from_the_top(void **state)
{
	assert_near(item(state, "a2")->score, 0.75, EPS);
}

static void multi_over_its_cap_scores_one(void **state)
{
	assert_near(item(state, "a3")->score, 1.0, EPS);
}

static void na_counts_as_unanswered(void **state)
{
	assert_int_equal(item(state, "a5")->state, ANSWER_NA);
	assert_true(isnan(item(state, "a5")->score));
	assert_int_equal(theme(state, "ta")->n_na, 1);
}

static void number_band_edges_are_inclusive(void **state)
{
	assert_near(item(state, "n1")->score, 1.0, EPS);
	assert_near(item(state, "n2")->score, 0.5, EPS);
	assert_near(item(state, "n3")->score, 0.0, EPS);
}

static void theme_at_70_is_future_proof(void **state)
{
	assert_near(theme(state, "ta")->score, 70.0, EPS);
	assert_string_equal(band_key(state, theme(state, "ta")->band), "future_proof");
}

static void theme_at_40_is_on_the_way(void **state)
{
	assert_near(theme(state, "tb")->score, 40.0, EPS);
	assert_string_equal(band_key(state, theme(state, "tb")->band), "on_the_way");
}

static void theme_at_39_99_is_an_attention_point(void **state)
{
	struct fixture *fx = *state;
	assert_near(theme(state, "tc")->score, 39.99, EPS);
	assert_string_equal(band_key(state, theme(state, "tc")->band), "attention");
	assert_int_equal(fx->r->n_attention, 1);
	assert_string_equal(fx->q->themes[fx->r->attention[0]]->key, "tc");
}

static void theme_just_under_min_answered_is_invalid(void **state)
{
	assert_false(theme(state, "td")->valid);
	assert_true(isnan(theme(state, "td")->score));
	assert_near(theme(state, "td")->answered_share, 0.59, EPS);
	assert_near(theme(state, "td")->raw, 100.0, EPS);
}

static void theme_exactly_at_min_answered_is_valid(void **state)
{
	assert_true(theme(state, "te")->valid);
	assert_near(theme(state, "te")->score, 100.0, EPS);
}

static void contributions_add_up_to_the_theme_score(void **state)
{
	double sum = item(state, "a1")->contribution + item(state, "a2")->contribution +
		     item(state, "a3")->contribution + item(state, "a4")->contribution;
	assert_near(item(state, "a1")->contribution, 15.0, EPS);
	assert_near(item(state, "a4")->contribution, 20.0, EPS);
	assert_near(sum, theme(state, "ta")->score, EPS);
}

static void movers_are_best_first_ties_in_order(void **state)
{
	struct fixture *fx = *state;
	const struct theme_result *ta = theme(state, "ta");
	static const char *const want[] = {"a4", "a1", "a2", "a5"};
	assert_int_equal(ta->n_movers, 4);
	for (size_t i = 0; i < 4; i++)
		assert_string_equal(fx->q->items[ta->movers[i]]->key, want[i]);
	assert_near(item(state, "a4")->gain, 20.0, EPS);
	assert_near(item(state, "a5")->gain, 5.0, EPS);
}

static void pillar_with_half_valid_weight_is_valid(void **state)
{
	struct fixture *fx = *state;
	assert_true(fx->r->pillars[1].valid);
	assert_near(fx->r->pillars[1].score, 69.995, EPS);
	assert_string_equal(band_key(state, fx->r->pillars[1].band), "on_the_way");
}

static void pillar_without_valid_themes_is_invalid(void **state)
{
	struct fixture *fx = *state;
	assert_false(fx->r->pillars[2].valid);
	assert_int_equal(fx->r->pillars[2].band, -1);
}

static void overall_is_the_weighted_mean_of_valid_pillars(void **state)
{
	struct fixture *fx = *state;
	assert_near(fx->r->pillars[0].score, 55.0, EPS);
	assert_true(fx->r->overall.valid);
	assert_near(fx->r->overall.score, 179.995 / 3.0, EPS);
	assert_near(fx->r->overall.valid_share, 0.75, EPS);
}

static void json_carries_the_hand_computed_numbers(void **state)
{
	struct fixture *fx = *state;
	cJSON *j = score_result_to_json(fx->r);
	const cJSON *overall = cJSON_GetObjectItem(j, "overall");
	assert_near(cJSON_GetObjectItem(overall, "score")->valuedouble, 179.995 / 3.0, EPS);
	assert_string_equal(cJSON_GetObjectItem(j, "engine")->valuestring, SCORE_ENGINE_VERSION);
	const cJSON *p3 = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "pillars"), 2);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(p3, "score")));
	const cJSON *att = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "attention_points"), 0);
	assert_string_equal(cJSON_GetObjectItem(att, "theme")->valuestring, "tc");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(att, "offer_tags")), 2);
	cJSON_Delete(j);
}

static void display_rounds_half_away_from_zero(void **state)
{
	(void)state;
	assert_int_equal(score_round_display(69.995), 70);
	assert_int_equal(score_round_display(39.5), 40);
	assert_int_equal(score_round_display(39.49), 39);
	assert_int_equal(score_round_display(-0.5), -1);
	assert_int_equal(score_round_display(0.5), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reversed_likert_scores_from_the_top),
		cmocka_unit_test(multi_over_its_cap_scores_one),
		cmocka_unit_test(na_counts_as_unanswered),
		cmocka_unit_test(number_band_edges_are_inclusive),
		cmocka_unit_test(theme_at_70_is_future_proof),
		cmocka_unit_test(theme_at_40_is_on_the_way),
		cmocka_unit_test(theme_at_39_99_is_an_attention_point),
		cmocka_unit_test(theme_just_under_min_answered_is_invalid),
		cmocka_unit_test(theme_exactly_at_min_answered_is_valid),
		cmocka_unit_test(contributions_add_up_to_the_theme_score),
		cmocka_unit_test(movers_are_best_first_ties_in_order),
		cmocka_unit_test(pillar_with_half_valid_weight_is_valid),
		cmocka_unit_test(pillar_without_valid_themes_is_invalid),
		cmocka_unit_test(overall_is_the_weighted_mean_of_valid_pillars),
		cmocka_unit_test(json_carries_the_hand_computed_numbers),
		cmocka_unit_test(display_rounds_half_away_from_zero),
	};
	return cmocka_run_group_tests_name("score_fixture", tests, setup, teardown);
}

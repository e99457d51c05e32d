/* test_score_properties.c: properties of the score engine over seeded pseudo-random answer sets for fphc-1.json. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <cmocka.h>

#include "scoring/answers.h"
#include "scoring/questionnaire.h"
#include "scoring/score.h"
#include "tests/unit/unit_test.h"
#include "common/banned.h"

#define QFILE "questionnaires/fphc-1.json"
#define RUNS 300

static struct questionnaire *q;

/* xorshift64*: deterministic across platforms, so a failing seed can be replayed. */
static uint64_t rng_next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

static size_t rng_below(uint64_t *s, size_t n)
{
	return (size_t)(rng_next(s) % n);
}

/* A random valid value for an item (never "na" or missing). */
static cJSON *random_value(const struct item *it, uint64_t *s)
{
	switch (it->type) {
	case ITEM_LIKERT5:
		return cJSON_CreateNumber((double)(1 + rng_below(s, 5)));
	case ITEM_CHOICE:
		return cJSON_CreateString(it->options[rng_below(s, it->n_options)].key);
	case ITEM_MULTI: {
		cJSON *a = cJSON_CreateArray();
		for (size_t i = 0; i < it->n_options; i++)
			if (rng_below(s, 2))
				cJSON_AddItemToArray(a, cJSON_CreateString(it->options[i].key));
		return a;
	}
	case ITEM_NUMBER: {
		double lo = it->has_min ? it->min : -50, hi = it->has_max ? it->max : 150;
		/* Half the time exactly on a band edge, the edges being where mistakes hide. */
		size_t b = rng_below(s, it->n_bands);
		if (rng_below(s, 2) && it->bands[b].has_max && it->bands[b].max >= lo && it->bands[b].max <= hi)
			return cJSON_CreateNumber(it->bands[b].max);
		return cJSON_CreateNumber(lo + (hi - lo) * (double)rng_below(s, 10001) / 10000.0);
	}
	case ITEM_YESNO:
		return cJSON_CreateBool(rng_below(s, 2));
	case ITEM_TEXT:
		return cJSON_CreateString("willekeurige tekst");
	}
	return cJSON_CreateNull();
}

/* {"answers": {...}} with every item missing (10%), "na" where allowed (10%) or a
 * random value, members in questionnaire order. */
static cJSON *random_answers(uint64_t seed)
{
	uint64_t s = seed * 0x9E3779B97F4A7C15ULL + 1;
	cJSON *root = cJSON_CreateObject(), *answers = cJSON_AddObjectToObject(root, "answers");
	for (size_t i = 0; i < q->n_items; i++) {
		const struct item *it = q->items[i];
		size_t roll = rng_below(&s, 10);
		if (roll == 0)
			continue;
		if (roll == 1 && it->allow_na)
			cJSON_AddStringToObject(answers, it->key, "na");
		else
			cJSON_AddItemToObject(answers, it->key, random_value(it, &s));
	}
	return root;
}

static struct score_result *score_json(const cJSON *root)
{
	struct problems problems = PROBLEMS_INIT;
	struct answer_set *set = answers_parse(q, root, &problems);
	if (!set) {
		problems_print(&problems, stderr);
		fail_msg("a generated answer set was refused");
	}
	struct score_result *r = score_compute(q, set);
	answer_set_free(set);
	problems_release(&problems);
	return r;
}

static void assert_score_ok(double v, int valid)
{
	if (valid)
		assert_true(v >= 0 && v <= 100);
	else
		assert_true(isnan(v));
}

static void scores_stay_within_0_and_100(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= RUNS; seed++) {
		cJSON *root = random_answers(seed);
		struct score_result *r = score_json(root);
		for (size_t t = 0; t < q->n_themes; t++)
			assert_score_ok(r->themes[t].score, r->themes[t].valid);
		for (size_t p = 0; p < q->n_pillars; p++)
			assert_score_ok(r->pillars[p].score, r->pillars[p].valid);
		assert_score_ok(r->overall.score, r->overall.valid);
		for (size_t i = 0; i < q->n_items; i++)
			if (r->items[i].state == ANSWER_GIVEN && item_is_scored(q->items[i]))
				assert_true(r->items[i].score >= 0 && r->items[i].score <= 1);
		score_result_free(r);
		cJSON_Delete(root);
	}
}

static void contributions_add_up_to_raw_scores(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= RUNS; seed++) {
		cJSON *root = random_answers(seed);
		struct score_result *r = score_json(root);
		for (size_t t = 0; t < q->n_themes; t++) {
			const struct theme *th = q->themes[t];
			double sum = 0;
			for (size_t i = 0; i < th->n_items; i++)
				if (r->items[th->items[i].index].state == ANSWER_GIVEN && item_is_scored(&th->items[i]))
					sum += r->items[th->items[i].index].contribution;
			if (!isnan(r->themes[t].raw))
				assert_near(sum, r->themes[t].raw, 1e-9);
		}
		score_result_free(r);
		cJSON_Delete(root);
	}
}

/* Finds a value for the item whose item score is strictly higher than `now`. */
static cJSON *better_value(const struct item *it, double now, uint64_t *s)
{
	for (int tries = 0; tries < 200; tries++) {
		cJSON *v = random_value(it, s);
		struct answer a;
		struct answer_set *one = answer_set_new(q);
		answer_set_put(one, it->key, v, NULL);
		a = one->answers[it->index];
		double score = answer_item_score(it, &a);
		answer_set_free(one);
		if (score > now)
			return v;
		cJSON_Delete(v);
	}
	return NULL;
}

static void improving_one_answer_never_lowers_a_score(void **state)
{
	(void)state;
	size_t improved = 0;
	for (uint64_t seed = 1; seed <= RUNS; seed++) {
		uint64_t s = seed;
		cJSON *root = random_answers(seed);
		struct score_result *before = score_json(root);
		const struct item *it = q->items[rng_below(&s, q->n_items)];
		const struct item_result *ir = &before->items[it->index];
		cJSON *better = ir->state == ANSWER_GIVEN && item_is_scored(it)
					? better_value(it, ir->score, &s) : NULL;
		if (better) {
			cJSON_ReplaceItemInObject(cJSON_GetObjectItem(root, "answers"), it->key, better);
			struct score_result *after = score_json(root);
			const struct theme_result *t0 = &before->themes[it->theme], *t1 = &after->themes[it->theme];
			assert_int_equal(t0->valid, t1->valid);
			assert_true(!t0->valid || t1->score >= t0->score);
			assert_true(!before->pillars[it->pillar].valid ||
				    after->pillars[it->pillar].score >= before->pillars[it->pillar].score);
			assert_true(!before->overall.valid || after->overall.score >= before->overall.score);
			score_result_free(after);
			improved++;
		}
		score_result_free(before);
		cJSON_Delete(root);
	}
	assert_true(improved > RUNS / 2); /* the property was really exercised */
}

static char *result_text(const struct score_result *r)
{
	cJSON *j = score_result_to_json(r);
	char *s = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	return s;
}

static void answer_order_does_not_matter(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed <= RUNS; seed++) {
		uint64_t s = seed;
		cJSON *root = random_answers(seed);
		cJSON *answers = cJSON_GetObjectItem(root, "answers");
		cJSON *shuffled = cJSON_CreateObject(), *sa = cJSON_AddObjectToObject(shuffled, "answers");
		/* Move members over in random order (detach a random one each time). */
		while (answers->child) {
			int n = cJSON_GetArraySize(answers);
			cJSON *m = cJSON_DetachItemFromArray(answers, (int)rng_below(&s, (size_t)n));
			cJSON_AddItemToObject(sa, m->string, m);
		}
		cJSON_Delete(root);
		root = random_answers(seed);
		struct score_result *r1 = score_json(root), *r2 = score_json(shuffled);
		char *t1 = result_text(r1), *t2 = result_text(r2);
		assert_string_equal(t1, t2);
		free(t1);
		free(t2);
		score_result_free(r1);
		score_result_free(r2);
		cJSON_Delete(root);
		cJSON_Delete(shuffled);
	}
}

/* The same definition with the items of every theme in reverse order. */
static struct questionnaire *reversed_questionnaire(void)
{
	FILE *f = fopen(QFILE, "rb");
	assert_non_null(f);
	static char text[1 << 20];
	size_t len = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	text[len] = '\0';
	cJSON *root = cJSON_Parse(text);
	cJSON *pillar, *theme;
	cJSON_ArrayForEach(pillar, cJSON_GetObjectItem(root, "pillars"))
		cJSON_ArrayForEach(theme, cJSON_GetObjectItem(pillar, "themes")) {
			cJSON *items = cJSON_GetObjectItem(theme, "items"), *rev = cJSON_CreateArray();
			while (items->child)
				cJSON_AddItemToArray(rev, cJSON_DetachItemFromArray(items, cJSON_GetArraySize(items) - 1));
			cJSON_ReplaceItemInObject(theme, "items", rev);
		}
	char *out = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	struct questionnaire *r = questionnaire_parse(out, strlen(out), NULL);
	free(out);
	assert_non_null(r);
	return r;
}

static void item_order_in_the_definition_does_not_matter(void **state)
{
	(void)state;
	struct questionnaire *rq = reversed_questionnaire();
	for (uint64_t seed = 1; seed <= RUNS; seed++) {
		cJSON *root = random_answers(seed);
		struct score_result *r1 = score_json(root);
		struct answer_set *set = answers_parse(rq, root, NULL);
		assert_non_null(set);
		struct score_result *r2 = score_compute(rq, set);
		for (size_t t = 0; t < q->n_themes; t++) {
			assert_int_equal(r1->themes[t].valid, r2->themes[t].valid);
			if (r1->themes[t].valid)
				assert_near(r1->themes[t].score, r2->themes[t].score, 1e-9);
		}
		assert_int_equal(r1->overall.valid, r2->overall.valid);
		if (r1->overall.valid)
			assert_near(r1->overall.score, r2->overall.score, 1e-9);
		score_result_free(r1);
		score_result_free(r2);
		answer_set_free(set);
		cJSON_Delete(root);
	}
	questionnaire_free(rq);
}

static int setup(void **state)
{
	(void)state;
	q = questionnaire_load_file(QFILE, NULL);
	return q ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	questionnaire_free(q);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scores_stay_within_0_and_100),
		cmocka_unit_test(contributions_add_up_to_raw_scores),
		cmocka_unit_test(improving_one_answer_never_lowers_a_score),
		cmocka_unit_test(answer_order_does_not_matter),
		cmocka_unit_test(item_order_in_the_definition_does_not_matter),
	};
	return cmocka_run_group_tests_name("score_properties", tests, setup, teardown);
}

/* answers.c: checks answers against the questionnaire and keeps them as a parsed answer set. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "scoring/answers.h"
#include "scoring/json_check.h"
#include "common/text.h"
#include "common/banned.h"

static int fail(struct problems *problems, const char *path, const char *message)
{
	problems_add(problems, path, "%s", message);
	return -1;
}

static int option_index(const struct item *it, const char *key)
{
	for (size_t i = 0; i < it->n_options; i++)
		if (strcmp(it->options[i].key, key) == 0)
			return (int)i;
	return -1;
}

static int decode_likert(const cJSON *v, struct answer *out, const char *path, struct problems *problems)
{
	if (!cJSON_IsNumber(v))
		return fail(problems, path, "must be a whole number from 1 to 5");
	double d = v->valuedouble;
	if (!isfinite(d) || d != floor(d) || d < 1 || d > 5)
		return fail(problems, path, "out of range: must be a whole number from 1 to 5");
	out->likert = (int)d;
	return 0;
}

static int decode_choice(const struct item *it, const cJSON *v, struct answer *out, const char *path,
			 struct problems *problems)
{
	if (!cJSON_IsString(v))
		return fail(problems, path, "must be an option key (a string)");
	int i = option_index(it, v->valuestring);
	if (i < 0)
		return fail(problems, path, "unknown option");
	out->option = (size_t)i;
	return 0;
}

static int decode_multi(const struct item *it, const cJSON *v, struct answer *out, const char *path,
			struct problems *problems)
{
	if (!cJSON_IsArray(v))
		return fail(problems, path, "must be an array of option keys");
	int bad = 0, n = 0;
	char p[JSON_PATH_MAX];
	uint64_t chosen = 0;
	for (const cJSON *e = v->child; e; e = e->next, n++) {
		snprintf(p, sizeof(p), "%s[%d]", path, n);
		int i = cJSON_IsString(e) ? option_index(it, e->valuestring) : -1;
		if (!cJSON_IsString(e))
			bad = fail(problems, p, "must be an option key (a string)");
		else if (i < 0)
			bad = fail(problems, p, "unknown option");
		else if (chosen & ((uint64_t)1 << i))
			bad = fail(problems, p, "duplicate option");
		else
			chosen |= (uint64_t)1 << i;
	}
	out->chosen = chosen;
	return bad;
}

static int decode_number(const struct item *it, const cJSON *v, struct answer *out, const char *path,
			 struct problems *problems)
{
	if (!cJSON_IsNumber(v))
		return fail(problems, path, "must be a number");
	double d = v->valuedouble;
	if (!isfinite(d))
		return fail(problems, path, "must be a finite number (not NaN or infinity)");
	if ((it->has_min && d < it->min) || (it->has_max && d > it->max)) {
		problems_add(problems, path, "out of range: must be between %g and %g", it->min, it->max);
		return -1;
	}
	out->number = d;
	return 0;
}

static int decode_text(const cJSON *v, struct answer *out, const char *path, struct problems *problems)
{
	if (!cJSON_IsString(v))
		return fail(problems, path, "must be a string");
	size_t n = strlen(v->valuestring);
	if (n > ANSWER_TEXT_MAX) {
		problems_add(problems, path, "text too long: %zu bytes, at most %d", n, ANSWER_TEXT_MAX);
		return -1;
	}
	if (!text_utf8_valid(v->valuestring, n))
		return fail(problems, path, "not valid UTF-8 text");
	out->text = v->valuestring; /* borrowed here; answer_set_put copies it */
	return 0;
}

/* Decodes `v` (NULL = absent) for item `it` into *out. Returns 0 or -1 with problems. */
static int decode(const struct item *it, const cJSON *v, struct answer *out, const char *path,
		  struct problems *problems)
{
	*out = (struct answer){.state = ANSWER_MISSING};
	if (!v || cJSON_IsNull(v))
		return 0;
	if (it->type != ITEM_TEXT && cJSON_IsString(v) && strcmp(v->valuestring, "na") == 0) {
		if (!it->allow_na)
			return fail(problems, path, "\"na\" (don't know / not applicable) is not allowed for this item");
		out->state = ANSWER_NA;
		return 0;
	}
	int rc = -1;
	switch (it->type) {
	case ITEM_LIKERT5:
		rc = decode_likert(v, out, path, problems);
		break;
	case ITEM_CHOICE:
		rc = decode_choice(it, v, out, path, problems);
		break;
	case ITEM_MULTI:
		rc = decode_multi(it, v, out, path, problems);
		break;
	case ITEM_NUMBER:
		rc = decode_number(it, v, out, path, problems);
		break;
	case ITEM_YESNO:
		rc = cJSON_IsBool(v) ? 0 : fail(problems, path, "must be true or false");
		out->yes = cJSON_IsTrue(v);
		break;
	case ITEM_TEXT:
		rc = decode_text(v, out, path, problems);
		break;
	}
	if (rc == 0)
		out->state = ANSWER_GIVEN;
	return rc;
}

/* Finds the item for a key, adding "unknown item" when there is none. */
static const struct item *find_item(const struct questionnaire *q, const char *key, char *path,
				    struct problems *problems)
{
	json_path_child(path, "answers", key ? key : "");
	const struct item *it = key ? questionnaire_item_find(q, key) : NULL;
	if (!it)
		fail(problems, path, "unknown item");
	return it;
}

int answers_check_value(const struct questionnaire *q, const char *item_key, const cJSON *value,
			struct problems *problems)
{
	char path[JSON_PATH_MAX];
	const struct item *it = find_item(q, item_key, path, problems);
	struct answer a;
	return it ? decode(it, value, &a, path, problems) : -1;
}

struct answer_set *answer_set_new(const struct questionnaire *q)
{
	struct answer_set *set = calloc(1, sizeof(*set));
	if (!set)
		abort();
	set->q = q;
	set->answers = arena_alloc(&set->arena, (q->n_items + 1) * sizeof(*set->answers));
	return set;
}

int answer_set_put(struct answer_set *set, const char *item_key, const cJSON *value,
		   struct problems *problems)
{
	char path[JSON_PATH_MAX];
	const struct item *it = find_item(set->q, item_key, path, problems);
	struct answer a;
	if (!it || decode(it, value, &a, path, problems) != 0)
		return -1;
	if (a.text)
		a.text = arena_strdup(&set->arena, a.text);
	set->answers[it->index] = a;
	return 0;
}

void answer_set_free(struct answer_set *set)
{
	if (!set)
		return;
	arena_release(&set->arena);
	free(set);
}

struct answer_set *answers_parse(const struct questionnaire *q, const cJSON *root,
				 struct problems *problems)
{
	struct problems local = PROBLEMS_INIT;
	struct problems *out = problems ? problems : &local;
	size_t before = problems_count(out);
	const cJSON *answers = cJSON_GetObjectItemCaseSensitive(root, "answers");
	if (!cJSON_IsObject(root))
		problems_add(out, "", "an answer set must be a JSON object {\"answers\": {…}}");
	else if (!answers)
		problems_add(out, "answers", "missing");
	else if (!cJSON_IsObject(answers))
		problems_add(out, "answers", "must be an object of item keys and values");
	struct answer_set *set = NULL;
	if (problems_count(out) == before) {
		json_check_duplicate_members(answers, "answers", out);
		set = answer_set_new(q);
		for (const cJSON *a = answers->child; a; a = a->next)
			answer_set_put(set, a->string, a, out);
	}
	if (problems_count(out) > before) {
		answer_set_free(set);
		set = NULL;
	}
	problems_release(&local);
	return set;
}

struct answer_set *answers_parse_text(const struct questionnaire *q, const char *json, size_t len,
				      struct problems *problems)
{
	cJSON *root = json_parse_text(json, len, ANSWERS_MAX_BYTES, problems);
	if (!root)
		return NULL;
	struct answer_set *set = answers_parse(q, root, problems);
	cJSON_Delete(root);
	return set;
}

static double number_points(const struct item *it, double v)
{
	for (size_t i = 0; i < it->n_bands; i++)
		if (!it->bands[i].has_max || v <= it->bands[i].max)
			return it->bands[i].points;
	return 0; /* not reached: validation makes the last band a catch-all */
}

double answer_item_score(const struct item *it, const struct answer *a)
{
	if (a->state != ANSWER_GIVEN)
		return NAN;
	double sum = 0;
	switch (it->type) {
	case ITEM_LIKERT5:
		return it->reverse ? (5 - a->likert) / 4.0 : (a->likert - 1) / 4.0;
	case ITEM_CHOICE:
		return it->options[a->option].points;
	case ITEM_MULTI:
		for (size_t i = 0; i < it->n_options; i++)
			if (a->chosen & ((uint64_t)1 << i))
				sum += it->options[i].points;
		return fmin(sum, it->max_points) / it->max_points;
	case ITEM_NUMBER:
		return number_points(it, a->number);
	case ITEM_YESNO:
		return a->yes ? it->yes_points : it->no_points;
	case ITEM_TEXT:
		break;
	}
	return NAN;
}

const struct item_option *answer_exclusive_conflict(const struct item *item, const cJSON *value)
{
	if (item->type != ITEM_MULTI || !cJSON_IsArray(value) || cJSON_GetArraySize(value) < 2)
		return NULL;
	const cJSON *e;
	cJSON_ArrayForEach(e, value) {
		if (!cJSON_IsString(e))
			continue;
		for (size_t o = 0; o < item->n_options; o++)
			if (item->options[o].exclusive && strcmp(item->options[o].key, e->valuestring) == 0)
				return &item->options[o];
	}
	return NULL;
}

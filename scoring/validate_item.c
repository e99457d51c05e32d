/* validate_item.c: checks one item of a questionnaire definition, per type. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scoring/validate_item.h"
#include "scoring/questionnaire.h"
#include "common/banned.h"

static const char *const type_names[] = {
	[ITEM_LIKERT5] = "likert5", [ITEM_CHOICE] = "choice", [ITEM_MULTI] = "multi",
	[ITEM_NUMBER] = "number",   [ITEM_YESNO] = "yesno",   [ITEM_TEXT] = "text",
};

int item_type_from_name(const char *s)
{
	for (size_t i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
		if (strcmp(s, type_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *item_type_name(enum item_type type)
{
	return (size_t)type < sizeof(type_names) / sizeof(type_names[0]) ? type_names[type] : "?";
}

/* Checks the options of a choice or multi item; returns the sum of their points
 * (for the multi cap check). */
static double check_options(const cJSON *item, int min, int multi, const char *path, struct problems *problems)
{
	const cJSON *options = json_check_array(item, "options", 1, min, QUESTIONNAIRE_MAX_OPTIONS,
						path, problems);
	if (!options)
		return NAN;
	struct key_set keys = {0};
	double sum = 0;
	int i = 0;
	char p[JSON_PATH_MAX], kp[JSON_PATH_MAX];
	for (const cJSON *o = options->child; o; o = o->next, i++) {
		json_path_index(p, path, "options", i);
		if (!json_check_object(o, p, problems))
			continue;
		const char *key = json_check_key(o, p, problems);
		if (key && strcmp(key, "na") == 0) {
			json_path_child(kp, p, "key");
			problems_add(problems, kp, "\"na\" is reserved for \"weet ik niet / niet van toepassing\"; use allow_na");
		} else if (key) {
			key_set_add(&keys, key, p);
		}
		json_check_text(o, "label", 1, p, problems);
		/* exclusive: choosing it unticks the others ("Niets in het bijzonder"); a
		 * rule for answers given from now on, outside the structure checksum */
		if (json_check_bool(o, "exclusive", p, problems) && !multi) {
			json_path_child(kp, p, "exclusive");
			problems_add(problems, kp, "only options of a multi item can be exclusive (a choice takes one option anyway)");
		}
		double points;
		if (json_check_number(o, "points", 1, 0, 0, 1, p, problems, &points))
			sum += points;
	}
	key_set_report(&keys, "option", problems);
	return sum;
}

static void check_multi(const cJSON *item, const char *path, struct problems *problems)
{
	double sum = check_options(item, 1, 1, path, problems);
	double max_points;
	if (json_check_number(item, "max_points", 1, 0, 1, HUGE_VAL, path, problems, &max_points) &&
	    isfinite(sum) && max_points > sum) {
		char p[JSON_PATH_MAX];
		json_path_child(p, path, "max_points");
		problems_add(problems, p, "is more than all options together (%g): the item could never score full marks",
			     sum);
	}
}

static void check_number_bands(const cJSON *item, const char *path, struct problems *problems)
{
	const cJSON *bands = json_check_array(item, "bands", 1, 1, QUESTIONNAIRE_MAX_BANDS, path, problems);
	if (!bands)
		return;
	int n = cJSON_GetArraySize(bands), i = 0;
	double prev = -HUGE_VAL;
	char p[JSON_PATH_MAX], mp[JSON_PATH_MAX];
	for (const cJSON *b = bands->child; b; b = b->next, i++) {
		json_path_index(p, path, "bands", i);
		if (!json_check_object(b, p, problems))
			continue;
		json_check_number(b, "points", 1, 0, 0, 1, p, problems, NULL);
		json_path_child(mp, p, "max");
		int has_max = cJSON_GetObjectItemCaseSensitive(b, "max") != NULL;
		double max;
		if (i == n - 1 && has_max) {
			problems_add(problems, mp, "the last band must be a catch-all without \"max\"");
		} else if (i < n - 1 && !has_max) {
			problems_add(problems, mp, "missing (only the last band is a catch-all)");
		} else if (has_max &&
			   json_check_number(b, "max", 1, -HUGE_VAL, 0, HUGE_VAL, p, problems, &max)) {
			if (max <= prev)
				problems_add(problems, mp, "band maxima must ascend (%g after %g)", max, prev);
			prev = max;
		}
	}
}

static void check_number_item(const cJSON *item, const char *path, struct problems *problems)
{
	char p[JSON_PATH_MAX];
	const cJSON *unit = cJSON_GetObjectItemCaseSensitive(item, "unit");
	if (unit && (!cJSON_IsString(unit) || strlen(unit->valuestring) > 32)) {
		json_path_child(p, path, "unit");
		problems_add(problems, p, "must be a string of at most 32 bytes");
	}
	double min, max;
	int has_min = json_check_number(item, "min", 0, -HUGE_VAL, 0, HUGE_VAL, path, problems, &min);
	int has_max = json_check_number(item, "max", 0, -HUGE_VAL, 0, HUGE_VAL, path, problems, &max);
	if (has_min && has_max && min >= max) {
		json_path_child(p, path, "max");
		problems_add(problems, p, "must be greater than min (%g)", min);
	}
	check_number_bands(item, path, problems);
}

static void check_yesno(const cJSON *item, const char *path, struct problems *problems)
{
	char p[JSON_PATH_MAX];
	json_path_child(p, path, "points");
	const cJSON *points = cJSON_GetObjectItemCaseSensitive(item, "points");
	if (!points) {
		problems_add(problems, p, "missing (give {\"yes\": …, \"no\": …})");
		return;
	}
	if (!json_check_object(points, p, problems))
		return;
	json_check_number(points, "yes", 1, 0, 0, 1, p, problems, NULL);
	json_check_number(points, "no", 1, 0, 0, 1, p, problems, NULL);
}

static void check_scale(const cJSON *item, const char *path, struct problems *problems)
{
	if (!cJSON_GetObjectItemCaseSensitive(item, "scale"))
		return;
	const cJSON *scale = json_check_array(item, "scale", 1, 5, 5, path, problems);
	int i = 0;
	char p[JSON_PATH_MAX];
	for (const cJSON *s = scale ? scale->child : NULL; s; s = s->next, i++) {
		json_path_index(p, path, "scale", i);
		json_check_text_value(s, p, problems);
	}
}

static int check_type(const cJSON *item, const char *path, struct problems *problems)
{
	char p[JSON_PATH_MAX];
	json_path_child(p, path, "type");
	const cJSON *type = cJSON_GetObjectItemCaseSensitive(item, "type");
	if (!type) {
		problems_add(problems, p, "missing");
		return -1;
	}
	int t = cJSON_IsString(type) ? item_type_from_name(type->valuestring) : -1;
	if (t < 0)
		problems_add(problems, p, "unknown type; use likert5, choice, multi, number, yesno or text");
	return t;
}

int validate_item(const cJSON *item, const char *path, struct key_set *item_keys,
		  struct problems *problems)
{
	if (!json_check_object(item, path, problems))
		return 0;
	const char *key = json_check_key(item, path, problems);
	if (key)
		key_set_add(item_keys, key, path);
	json_check_text(item, "text", 1, path, problems);
	json_check_text(item, "help", 0, path, problems);
	json_check_number(item, "weight", 0, 0, 1, HUGE_VAL, path, problems, NULL);
	json_check_bool(item, "allow_na", path, problems);
	int reverse = json_check_bool(item, "reverse", path, problems);
	int type = check_type(item, path, problems);
	/* the action tip for the report; required on scored items by
	 * questionnaire_check_texts() (new files), not for stored versions */
	json_check_text(item, "tip", 0, path, problems);
	if (reverse && type >= 0 && type != ITEM_LIKERT5) {
		char p[JSON_PATH_MAX];
		json_path_child(p, path, "reverse");
		problems_add(problems, p, "only likert5 items can be reversed");
	}
	switch (type) {
	case ITEM_LIKERT5:
		check_scale(item, path, problems);
		break;
	case ITEM_CHOICE:
		check_options(item, 2, 0, path, problems);
		break;
	case ITEM_MULTI:
		check_multi(item, path, problems);
		break;
	case ITEM_NUMBER:
		check_number_item(item, path, problems);
		break;
	case ITEM_YESNO:
		check_yesno(item, path, problems);
		break;
	default:
		break;
	}
	return type >= 0 && type != ITEM_TEXT;
}

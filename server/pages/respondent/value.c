/* value.c: answer values from form fields, and Dutch messages for refused values. */
#include <string.h>

#include "server/pages/respondent/respondent.h"
#include "scoring/answers.h"
#include "scoring/questionnaire.h"
#include "common/text.h"
#include "common/banned.h"

int scan_value_from_form(const struct item *it, const char *const *values, int n, int na, int present,
			 cJSON **out, int *keep)
{
	*out = NULL;
	*keep = 0;
	if (na && it->type != ITEM_TEXT) {
		*out = cJSON_CreateString("na");
		return 0;
	}
	if (it->type == ITEM_MULTI) {
		if (n == 0) {
			*keep = !present;  /* no marker: the item was not on the form */
			return 0;
		}
		*out = cJSON_CreateArray();
		for (int i = 0; i < n; i++)
			cJSON_AddItemToArray(*out, cJSON_CreateString(values[i]));
		return 0;
	}
	if (n == 0) {
		*keep = 1;  /* radios nobody chose, or a field that was not on the form */
		return 0;
	}
	if (n > 1)
		return -1;
	const char *v = values[0];
	switch (it->type) {
	case ITEM_LIKERT5: {
		long x;
		if (strcmp(v, "na") == 0)
			*out = cJSON_CreateString("na");
		else if (text_parse_long(v, -1000000, 1000000, &x) == 0)
			*out = cJSON_CreateNumber((double)x);
		else
			return -1;
		return 0;
	}
	case ITEM_CHOICE:
		*out = cJSON_CreateString(v);
		return 0;
	case ITEM_YESNO:
		if (strcmp(v, "yes") == 0 || strcmp(v, "no") == 0)
			*out = cJSON_CreateBool(strcmp(v, "yes") == 0);
		else
			*out = cJSON_CreateString(v);
		return 0;
	case ITEM_NUMBER: {
		double d;
		if (v[0] == '\0')
			return 0;  /* emptied: no answer */
		if (text_parse_double(v, -1e15, 1e15, &d) != 0)
			return -1;
		*out = cJSON_CreateNumber(d);
		return 0;
	}
	case ITEM_TEXT: {
		size_t len = strlen(v);
		int blank = 1;
		for (size_t i = 0; i < len && blank; i++)
			blank = v[i] == ' ' || v[i] == '\n' || v[i] == '\r' || v[i] == '\t';
		if (!blank)
			*out = cJSON_CreateString(v);
		return 0;
	}
	default:
		return -1;
	}
}

const char *scan_value_problem_key(const struct item *it, const cJSON *value, int page)
{
	if (answer_exclusive_conflict(it, value))
		return page ? "scan.page.exclusive" : "scan.answer.exclusive";
	if (it->type == ITEM_NUMBER && !(cJSON_IsString(value) && strcmp(value->valuestring, "na") == 0))
		return page ? "scan.page.bad_number" : "scan.answer.bad_number";
	if (it->type == ITEM_TEXT && cJSON_IsString(value) && strlen(value->valuestring) > ANSWER_TEXT_MAX)
		return page ? "scan.page.too_long" : "scan.answer.too_long";
	return page ? "scan.page.bad_value" : "scan.answer.bad_value";
}

int scan_value_is_empty(const struct item *it, const cJSON *value)
{
	if (!value || cJSON_IsNull(value))
		return 1;
	if (it->type == ITEM_TEXT && cJSON_IsString(value)) {
		for (const char *p = value->valuestring; *p; p++)
			if (!(*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
				return 0;
		return 1;
	}
	return it->type == ITEM_MULTI && cJSON_IsArray(value) && cJSON_GetArraySize(value) == 0;
}

int scan_answer_parse(const struct questionnaire *q, const cJSON *body, const struct item **it,
		      const cJSON **value, const char **problem, const char **path)
{
	*it = NULL;
	*value = NULL;
	*path = NULL;
	*problem = "scan.answer.bad_json";
	if (!cJSON_IsObject(body))
		return -1;
	const cJSON *item_j = NULL, *v = NULL, *m;
	cJSON_ArrayForEach(m, body) {
		if (strcmp(m->string, "item") == 0 && !item_j) {
			item_j = m;
		} else if (strcmp(m->string, "value") == 0 && !v) {
			v = m;
		} else {
			*path = m->string;
			return -1;
		}
	}
	if (!cJSON_IsString(item_j) || !v) {
		*path = !cJSON_IsString(item_j) ? "item" : "value";
		return -1;
	}
	const struct item *found = questionnaire_item_find(q, item_j->valuestring);
	if (!found) {
		*problem = "scan.answer.unknown_item";
		*path = "item";
		return -1;
	}
	if (!scan_value_is_empty(found, v) &&
	    (answers_check_value(q, found->key, v, NULL) != 0 || answer_exclusive_conflict(found, v))) {
		*problem = scan_value_problem_key(found, v, 0);
		*path = "value";
		return -1;
	}
	*it = found;
	*value = v;
	return 0;
}

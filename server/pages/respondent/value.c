/* value.c: answer values from form fields, and Dutch messages for refused values. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/pages/respondent/respondent.h"
#include "scoring/answers.h"
#include "scoring/questionnaire.h"
#include "common/text.h"
#include "common/number_nl.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "common/banned.h"

const char *scan_number_parse(const struct item *it, const char *text, cJSON **out)
{
	struct number_nl_range range = {it->has_min, it->has_max, it->min, it->max};
	double d;
	*out = NULL;
	switch (number_nl_parse(text, it->unit, &range, &d)) {
	case NUMBER_NL_OK:
		*out = cJSON_CreateNumber(d);
		return NULL;
	case NUMBER_NL_EMPTY:
		return NULL;
	case NUMBER_NL_AMBIGUOUS:
		return "scan.page.ambiguous_number";
	case NUMBER_NL_RANGE:
	case NUMBER_NL_INVALID:
		break;
	}
	return "scan.page.bad_number";
}

cJSON *scan_text_value(const char *typed)
{
	char *copy = strdup(typed);
	if (!copy)
		return NULL;
	text_normalize(copy, TEXT_BLOCK);
	cJSON *v = copy[0] ? cJSON_CreateString(copy) : NULL;  /* only spaces: no answer */
	free(copy);
	return v;
}

int scan_value_from_form(const struct item *it, const char *const *values, int n, int na, int present,
			 cJSON **out, int *keep, const char **problem)
{
	*out = NULL;
	*keep = 0;
	*problem = NULL;
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
	case ITEM_NUMBER:
		*problem = scan_number_parse(it, v, out);
		return *problem ? -1 : 0;  /* emptied: no answer */
	case ITEM_TEXT:
		*out = scan_text_value(v);
		return 0;
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
		      const cJSON **value, cJSON **owned, const char **problem, const char **path)
{
	*it = NULL;
	*value = NULL;
	*owned = NULL;
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
	*it = found;
	if (found->type == ITEM_TEXT && cJSON_IsString(v)) {
		*owned = scan_text_value(v->valuestring);
		if (!*owned)
			*owned = cJSON_CreateNull();
		v = *owned;
	}
	if (found->type == ITEM_NUMBER && cJSON_IsString(v) && strcmp(v->valuestring, "na") != 0) {
		/* what the owner typed, read by the one Dutch number parser */
		const char *bad = scan_number_parse(found, v->valuestring, owned);
		if (bad) {
			*problem = bad;
			*path = "value";
			return -1;
		}
		v = *owned ? *owned : cJSON_CreateNull();
		if (!*owned)
			*owned = (cJSON *)v;
	}
	if (!scan_value_is_empty(found, v) &&
	    (answers_check_value(q, found->key, v, NULL) != 0 || answer_exclusive_conflict(found, v))) {
		*problem = answer_exclusive_conflict(found, v) ? "scan.answer.exclusive"
							      : scan_value_problem_key(found, v, 1);
		*path = "value";
		cJSON_Delete(*owned);
		*owned = NULL;
		return -1;
	}
	*it = found;
	*value = v;
	return 0;
}

const char *scan_problem_text(struct req *r, const struct item *it, const char *key,
			      const cJSON *value)
{
	const struct item_option *excl = value ? answer_exclusive_conflict(it, value) : NULL;
	char range[128] = "";
	if (it->type == ITEM_NUMBER && it->has_min && it->has_max) {
		const char *fmt = i18n_get(r->lang, "scan.page.range");
		/* the catalogue text has {min} and {max}; fill them by hand */
		const char *pmin = strstr(fmt, "{min}"), *pmax = strstr(fmt, "{max}");
		if (pmin && pmax && pmin < pmax) {
			/* the bounds as the owner writes numbers (0,5 in Dutch) */
			char lo[32], hi[32];
			int comma = strcmp(r->lang, "nl") == 0;
			snprintf(range, sizeof(range), "%.*s%s%.*s%s%s", (int)(pmin - fmt), fmt,
				 number_nl_format(it->min, comma, lo), (int)(pmax - pmin - 5), pmin + 5,
				 number_nl_format(it->max, comma, hi), pmax + 5);
		}
	}
	const char *m = i18n_get(r->lang, key);
	struct buf b;
	buf_init(&b, 0);
	char num[16];
	snprintf(num, sizeof(num), "%zu", it->index + 1);
	while (*m) {
		if (strncmp(m, "{number}", 8) == 0) {
			buf_puts(&b, num);
			m += 8;
		} else if (strncmp(m, "{text}", 6) == 0) {
			buf_puts(&b, text_pair_get(&it->text, r->lang));
			m += 6;
		} else if (strncmp(m, "{option}", 8) == 0) {
			buf_puts(&b, excl ? text_pair_get(&excl->label, r->lang) : "");
			m += 8;
		} else if (strncmp(m, "{range}", 7) == 0) {
			buf_puts(&b, range);
			m += 7;
		} else {
			buf_putc(&b, *m++);
		}
	}
	char *out = arena_strdup(&r->arena, b.data);
	buf_release(&b);
	return out;
}


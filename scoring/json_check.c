/* json_check.c: path-reporting checks of cJSON values; see json_check.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scoring/json_check.h"
#include "scoring/questionnaire.h"
#include "common/text.h"
#include "common/banned.h"

struct key_set_entry {
	const char *key;
	size_t seq; /* order of adding, i.e. file order */
	char path[JSON_PATH_MAX];
};

void key_set_add(struct key_set *s, const char *key, const char *path)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		struct key_set_entry *v = realloc(s->v, cap * sizeof(*v));
		if (!v)
			abort();
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n].key = key;
	s->v[s->n].seq = s->n;
	snprintf(s->v[s->n].path, JSON_PATH_MAX, "%s", path);
	s->n++;
}

static int entry_cmp(const void *a, const void *b)
{
	const struct key_set_entry *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	/* Ties keep file order, so the first occurrence is named as the original
	 * (paths do not sort that way: "[10]" comes before "[9]"). */
	return (x->seq > y->seq) - (x->seq < y->seq);
}

void key_set_report(struct key_set *s, const char *what, struct problems *problems)
{
	if (s->n > 1)
		qsort(s->v, s->n, sizeof(*s->v), entry_cmp);
	for (size_t i = 1; i < s->n; i++) {
		size_t first = i - 1;
		while (first > 0 && strcmp(s->v[first - 1].key, s->v[i].key) == 0)
			first--;
		if (strcmp(s->v[i].key, s->v[first].key) == 0)
			problems_add(problems, s->v[i].path, "duplicate %s key \"%s\" (also at %s)",
				     what, s->v[i].key, s->v[first].path[0] ? s->v[first].path : "top");
	}
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

void json_path_child(char out[JSON_PATH_MAX], const char *parent, const char *field)
{
	snprintf(out, JSON_PATH_MAX, "%s%s%s", parent, parent[0] ? "." : "", field);
}

void json_path_index(char out[JSON_PATH_MAX], const char *parent, const char *field, int i)
{
	snprintf(out, JSON_PATH_MAX, "%s%s%s[%d]", parent, parent[0] ? "." : "", field, i);
}

static int name_cmp(const void *a, const void *b)
{
	const char *const *x = a, *const *y = b;
	return strcmp(*x, *y);
}

static void report_repeated_names(const cJSON *obj, const char *path, struct problems *problems)
{
	size_t n = 0;
	for (const cJSON *c = obj->child; c; c = c->next)
		n++;
	if (n < 2)
		return;
	const char **names = malloc(n * sizeof(*names));
	if (!names)
		abort();
	size_t i = 0;
	for (const cJSON *c = obj->child; c; c = c->next)
		names[i++] = c->string ? c->string : "";
	qsort(names, n, sizeof(*names), name_cmp);
	for (i = 1; i < n; i++)
		if (strcmp(names[i], names[i - 1]) == 0 && (i < 2 || strcmp(names[i], names[i - 2]) != 0))
			problems_add(problems, path, "duplicate member \"%s\"", names[i]);
	free(names);
}

void json_check_duplicate_members(const cJSON *node, const char *path, struct problems *problems)
{
	int is_obj = cJSON_IsObject(node);
	if (!is_obj && !cJSON_IsArray(node))
		return;
	if (is_obj)
		report_repeated_names(node, path, problems);
	int i = 0;
	char sub[JSON_PATH_MAX];
	for (const cJSON *c = node->child; c; c = c->next, i++) {
		if (!cJSON_IsObject(c) && !cJSON_IsArray(c))
			continue;
		if (is_obj)
			json_path_child(sub, path, c->string ? c->string : "");
		else
			snprintf(sub, sizeof(sub), "%s[%d]", path, i);
		json_check_duplicate_members(c, sub, problems);
	}
}

int json_key_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > QUESTIONNAIRE_KEY_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-' || c == '.'))
			return 0;
	}
	return 1;
}

const char *json_check_key(const cJSON *obj, const char *path, struct problems *problems)
{
	char p[JSON_PATH_MAX];
	json_path_child(p, path, "key");
	const cJSON *k = cJSON_GetObjectItemCaseSensitive(obj, "key");
	if (!k) {
		problems_add(problems, p, "missing");
		return NULL;
	}
	if (!cJSON_IsString(k) || !json_key_ok(k->valuestring)) {
		problems_add(problems, p, "must be a string of 1 to %d characters of a-z, A-Z, 0-9, '_', '-', '.'",
			     QUESTIONNAIRE_KEY_MAX);
		return NULL;
	}
	return k->valuestring;
}

void json_check_text_value(const cJSON *t, const char *path, struct problems *problems)
{
	if (!cJSON_IsObject(t)) {
		problems_add(problems, path, "must be an object with \"nl\" and \"en\" texts");
		return;
	}
	static const char *const langs[] = {"nl", "en"};
	char lp[JSON_PATH_MAX];
	for (size_t i = 0; i < 2; i++) {
		const cJSON *s = cJSON_GetObjectItemCaseSensitive(t, langs[i]);
		json_path_child(lp, path, langs[i]);
		if (!s)
			problems_add(problems, lp, "missing");
		else if (!cJSON_IsString(s) || s->valuestring[0] == '\0')
			problems_add(problems, lp, "must be a non-empty string");
	}
}

void json_check_text(const cJSON *obj, const char *field, int required, const char *path,
		     struct problems *problems)
{
	char p[JSON_PATH_MAX];
	json_path_child(p, path, field);
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(obj, field);
	if (!t) {
		if (required)
			problems_add(problems, p, "missing");
		return;
	}
	json_check_text_value(t, p, problems);
}

int json_check_number(const cJSON *obj, const char *field, int required, double lo, int lo_open,
		      double hi, const char *path, struct problems *problems, double *out)
{
	char p[JSON_PATH_MAX];
	json_path_child(p, path, field);
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(obj, field);
	if (!n) {
		if (required)
			problems_add(problems, p, "missing");
		return 0;
	}
	if (!cJSON_IsNumber(n) || !isfinite(n->valuedouble)) {
		problems_add(problems, p, "must be a finite number");
		return 0;
	}
	double v = n->valuedouble;
	if ((lo_open ? v <= lo : v < lo) || v > hi) {
		if (isinf(hi))
			problems_add(problems, p, lo_open ? "must be greater than %g" : "must be at least %g", lo);
		else
			problems_add(problems, p, "must be between %g and %g", lo, hi);
		return 0;
	}
	if (out)
		*out = v;
	return 1;
}

int json_check_bool(const cJSON *obj, const char *field, const char *path, struct problems *problems)
{
	const cJSON *b = cJSON_GetObjectItemCaseSensitive(obj, field);
	if (!b)
		return 0;
	if (!cJSON_IsBool(b)) {
		char p[JSON_PATH_MAX];
		json_path_child(p, path, field);
		problems_add(problems, p, "must be true or false");
		return 0;
	}
	return cJSON_IsTrue(b);
}

const cJSON *json_check_array(const cJSON *obj, const char *field, int required, int min, int max,
			      const char *path, struct problems *problems)
{
	char p[JSON_PATH_MAX];
	json_path_child(p, path, field);
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(obj, field);
	if (!a) {
		if (required)
			problems_add(problems, p, "missing");
		return NULL;
	}
	if (!cJSON_IsArray(a)) {
		problems_add(problems, p, "must be an array");
		return NULL;
	}
	int n = cJSON_GetArraySize(a);
	if (n < min || n > max) {
		problems_add(problems, p, "must have %d to %d elements, has %d", min, max, n);
		return NULL;
	}
	return a;
}

int json_check_object(const cJSON *node, const char *path, struct problems *problems)
{
	if (cJSON_IsObject(node))
		return 1;
	problems_add(problems, path, "must be an object");
	return 0;
}

cJSON *json_parse_text(const char *text, size_t len, size_t max_bytes, struct problems *problems)
{
	if (len > max_bytes) {
		problems_add(problems, "", "too large: %zu bytes, at most %zu", len, max_bytes);
		return NULL;
	}
	/* cJSON does not check UTF-8, and a NUL byte would cut a string short. */
	if (!text_utf8_valid(text, len)) {
		problems_add(problems, "", "not valid UTF-8 text (or contains a NUL byte)");
		return NULL;
	}
	const char *end = NULL;
	/* require_null_terminated = 0: with a length, cJSON's own check wants a NUL
	 * inside the buffer; trailing text is checked below instead. */
	cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (!root) {
		size_t at = end && end >= text && end <= text + len ? (size_t)(end - text) : 0;
		problems_add(problems, "", "not valid JSON (near byte %zu)", at);
		return NULL;
	}
	while (end && end < text + len && (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r'))
		end++;
	if (end && end < text + len) {
		problems_add(problems, "", "unexpected text after the JSON value (at byte %zu)",
			     (size_t)(end - text));
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

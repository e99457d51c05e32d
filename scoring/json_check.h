/* json_check.h: small checks of cJSON values that add a problem with a JSON path (internal to scoring/).
 *
 * Each check looks at obj.field, adds a problem under "<path>.<field>" when the
 * value is missing (and required), of the wrong type or out of range, and says
 * through its return value whether the caller can use the value. */
#ifndef FPHC_JSON_CHECK_H
#define FPHC_JSON_CHECK_H

#include <stddef.h>

#include <cJSON.h>

#include "scoring/problems.h"

#define JSON_PATH_MAX 256

/* Parses JSON text of len bytes (not necessarily NUL-terminated): at most
 * max_bytes, valid UTF-8 without NUL, one JSON value and only white space after
 * it. Returns the tree (cJSON_Delete it) or NULL with one problem at path "". */
cJSON *json_parse_text(const char *text, size_t len, size_t max_bytes, struct problems *problems);

/* "<parent>.<field>" (or "<field>" at the top) and "<parent>.<field>[i]". */
void json_path_child(char out[JSON_PATH_MAX], const char *parent, const char *field);
void json_path_index(char out[JSON_PATH_MAX], const char *parent, const char *field, int i);

/* Reports repeated member names in every object of the tree (cJSON keeps them
 * all and lookups see only the first, so a repeat silently hides a value). */
void json_check_duplicate_members(const cJSON *node, const char *path, struct problems *problems);

/* obj.key must be a string of 1..QUESTIONNAIRE_KEY_MAX characters of
 * [A-Za-z0-9_.-]; returns it, or NULL after adding a problem. */
const char *json_check_key(const cJSON *obj, const char *path, struct problems *problems);
/* 1 when s is a valid key (see json_check_key). */
int json_key_ok(const char *s);

/* obj.field must be {"nl": "…", "en": "…"} with both non-empty. */
void json_check_text_value(const cJSON *t, const char *path, struct problems *problems);
void json_check_text(const cJSON *obj, const char *field, int required, const char *path,
		     struct problems *problems);

/* obj.field must be a finite number in [lo, hi] ((lo, hi] when lo_open). Returns
 * 1 and sets *out (when out is not NULL) if present and valid; 0 otherwise. */
int json_check_number(const cJSON *obj, const char *field, int required, double lo, int lo_open,
		      double hi, const char *path, struct problems *problems, double *out);

/* obj.field, when present, must be true or false. Returns 1 for true. */
int json_check_bool(const cJSON *obj, const char *field, const char *path, struct problems *problems);

/* obj.field must be an array of min..max elements; returns it, or NULL. */
const cJSON *json_check_array(const cJSON *obj, const char *field, int required, int min, int max,
			      const char *path, struct problems *problems);

/* Adds "must be an object" unless node is one; returns 1 when it is. */
int json_check_object(const cJSON *node, const char *path, struct problems *problems);

/* A set of keys with the path where each was seen, to report duplicates across
 * the whole tree ("duplicate item key "s01" (also at …)"). Keys are borrowed. */
struct key_set {
	struct key_set_entry *v;
	size_t n, cap;
};
void key_set_add(struct key_set *s, const char *key, const char *path);
/* Reports every repeated key (naming the first place) and empties the set. */
void key_set_report(struct key_set *s, const char *what, struct problems *problems);

#endif

/* questionnaire_validate.c: checks a definition's JSON tree and reports every problem with its path.
 *
 * The loader (questionnaire.c) trusts a tree that passed here, so every rule the
 * model promises in questionnaire.h is enforced here or in validate_item.c. The
 * walk never stops at the first problem: whoever edits the file wants the list. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cJSON.h>

#include "scoring/json_check.h"
#include "scoring/peer.h"
#include "scoring/questionnaire.h"
#include "scoring/validate_item.h"
#include "common/banned.h"

struct vctx {
	struct problems *problems;
	struct key_set pillars, themes, items;
	size_t n_items;
	const cJSON *bands; /* the score bands when they are usable, for band_texts */
};

static void check_score_bands(const cJSON *root, struct vctx *v)
{
	const cJSON *bands = json_check_array(root, "bands", 1, 1, QUESTIONNAIRE_MAX_BANDS, "", v->problems);
	if (!bands)
		return;
	v->bands = bands;
	struct key_set keys = {0};
	double prev = 0;
	int i = 0;
	char p[JSON_PATH_MAX], mp[JSON_PATH_MAX];
	for (const cJSON *b = bands->child; b; b = b->next, i++) {
		json_path_index(p, "", "bands", i);
		if (!json_check_object(b, p, v->problems))
			continue;
		const char *key = json_check_key(b, p, v->problems);
		if (key)
			key_set_add(&keys, key, p);
		json_check_text(b, "label", 1, p, v->problems);
		json_check_text(b, "description", 0, p, v->problems);
		double min;
		if (!json_check_number(b, "min", 1, 0, 0, 100, p, v->problems, &min))
			continue;
		json_path_child(mp, p, "min");
		if (i == 0 && min != 0)
			problems_add(v->problems, mp, "the first band must start at 0");
		else if (i > 0 && min <= prev)
			problems_add(v->problems, mp, "bands must ascend by min (%g after %g)", min, prev);
		prev = min;
	}
	key_set_report(&keys, "band", v->problems);
}

static void check_offer_tags(const cJSON *theme, const char *path, struct problems *problems)
{
	const cJSON *tags = json_check_array(theme, "offer_tags", 0, 0, 32, path, problems);
	struct key_set seen = {0};
	int i = 0;
	char p[JSON_PATH_MAX];
	for (const cJSON *t = tags ? tags->child : NULL; t; t = t->next, i++) {
		json_path_index(p, path, "offer_tags", i);
		if (!cJSON_IsString(t) || !json_key_ok(t->valuestring))
			problems_add(problems, p, "must be a tag of 1 to %d characters of a-z, A-Z, 0-9, '_', '-', '.'",
				     QUESTIONNAIRE_KEY_MAX);
		else
			key_set_add(&seen, t->valuestring, p);
	}
	key_set_report(&seen, "offer tag", problems);
}

/* theme.band_texts: {"<band key>": {"nl": …, "en": …}, …} — optional. */
static void check_band_texts(const cJSON *theme, const char *path, const struct vctx *v)
{
	const cJSON *texts = cJSON_GetObjectItemCaseSensitive(theme, "band_texts");
	if (!texts)
		return;
	char p[JSON_PATH_MAX], bp[JSON_PATH_MAX];
	json_path_child(p, path, "band_texts");
	if (!json_check_object(texts, p, v->problems))
		return;
	for (const cJSON *t = texts->child; t; t = t->next) {
		json_path_child(bp, p, t->string);
		int known = 0;
		for (const cJSON *b = v->bands ? v->bands->child : NULL; b; b = b->next) {
			const cJSON *k = cJSON_GetObjectItemCaseSensitive(b, "key");
			known |= cJSON_IsString(k) && strcmp(k->valuestring, t->string) == 0;
		}
		if (!known)
			problems_add(v->problems, bp, "not the key of a score band");
		json_check_text_value(t, bp, v->problems);
	}
}

static void check_theme(const cJSON *theme, const char *path, struct vctx *v)
{
	if (!json_check_object(theme, path, v->problems))
		return;
	const char *key = json_check_key(theme, path, v->problems);
	if (key)
		key_set_add(&v->themes, key, path);
	json_check_text(theme, "title", 1, path, v->problems);
	json_check_number(theme, "weight", 0, 0, 1, HUGE_VAL, path, v->problems, NULL);
	check_offer_tags(theme, path, v->problems);
	check_band_texts(theme, path, v);
	const cJSON *items = json_check_array(theme, "items", 1, 1, QUESTIONNAIRE_MAX_ITEMS, path,
					      v->problems);
	if (!items)
		return;
	int i = 0, scored = 0;
	char p[JSON_PATH_MAX];
	for (const cJSON *it = items->child; it; it = it->next, i++) {
		json_path_index(p, path, "items", i);
		scored += validate_item(it, p, &v->items, v->problems);
		v->n_items++;
	}
	if (scored == 0) {
		json_path_child(p, path, "items");
		problems_add(v->problems, p, "a theme needs at least one scored item (not only text)");
	}
}

static void check_pillar(const cJSON *pillar, const char *path, struct vctx *v)
{
	if (!json_check_object(pillar, path, v->problems))
		return;
	const char *key = json_check_key(pillar, path, v->problems);
	if (key)
		key_set_add(&v->pillars, key, path);
	json_check_text(pillar, "title", 1, path, v->problems);
	json_check_number(pillar, "weight", 0, 0, 1, HUGE_VAL, path, v->problems, NULL);
	const cJSON *themes = json_check_array(pillar, "themes", 1, 1, 1000, path, v->problems);
	int i = 0;
	char p[JSON_PATH_MAX];
	for (const cJSON *t = themes ? themes->child : NULL; t; t = t->next, i++) {
		json_path_index(p, path, "themes", i);
		check_theme(t, p, v);
	}
}

/* profile.<field>: an array of {"key", "label", "help"?}; with `known_keys`
 * (NULL-terminated) every key must be one of them. */
static void check_profile_list(const cJSON *profile, const char *field, const char *const *known_keys,
			       struct problems *problems)
{
	const cJSON *list = json_check_array(profile, field, 0, 1, 100, "profile", problems);
	struct key_set keys = {0};
	int i = 0;
	char p[JSON_PATH_MAX], kp[JSON_PATH_MAX];
	for (const cJSON *e = list ? list->child : NULL; e; e = e->next, i++) {
		json_path_index(p, "profile", field, i);
		if (!json_check_object(e, p, problems))
			continue;
		const char *key = json_check_key(e, p, problems);
		json_check_text(e, "label", 1, p, problems);
		json_check_text(e, "help", 0, p, problems);
		if (!key)
			continue;
		key_set_add(&keys, key, p);
		int known = !known_keys;
		for (size_t k = 0; known_keys && known_keys[k]; k++)
			known |= strcmp(known_keys[k], key) == 0;
		if (!known) {
			json_path_child(kp, p, "key");
			problems_add(problems, kp, "unknown key \"%s\"", key);
		}
	}
	key_set_report(&keys, field, problems);
}

static void check_profile(const cJSON *root, struct problems *problems)
{
	const cJSON *profile = cJSON_GetObjectItemCaseSensitive(root, "profile");
	if (!profile || !json_check_object(profile, "profile", problems))
		return;
	static const char *const fields[] = {"sector", "fte", "employees", "municipality", NULL};
	static const char *const sectors[] = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K",
					      "L", "M", "N", "O", "P", "Q", "R", "S", "T", "U", NULL};
	const char *size_classes[PEER_SIZE_CLASS_COUNT + 1];
	for (int c = 0; c < PEER_SIZE_CLASS_COUNT; c++)
		size_classes[c] = peer_size_class_key((enum peer_size_class)c);
	size_classes[PEER_SIZE_CLASS_COUNT] = NULL;
	check_profile_list(profile, "fields", fields, problems);
	check_profile_list(profile, "sectors", sectors, problems);
	check_profile_list(profile, "size_classes", size_classes, problems);
}

static void check_version(const cJSON *root, struct problems *problems)
{
	double version;
	if (json_check_number(root, "version", 1, 1, 0, 1000000, "", problems, &version) &&
	    version != floor(version))
		problems_add(problems, "version", "must be a whole number");
}

static void check_tree(const cJSON *root, struct vctx *v)
{
	json_check_duplicate_members(root, "", v->problems);
	json_check_key(root, "", v->problems);
	check_version(root, v->problems);
	json_check_text(root, "title", 1, "", v->problems);
	json_check_number(root, "min_answered", 0, 0, 1, 1, "", v->problems, NULL);
	check_score_bands(root, v);
	const cJSON *pillars = json_check_array(root, "pillars", 1, 1, 100, "", v->problems);
	int i = 0;
	char p[JSON_PATH_MAX];
	for (const cJSON *pl = pillars ? pillars->child : NULL; pl; pl = pl->next, i++) {
		json_path_index(p, "", "pillars", i);
		check_pillar(pl, p, v);
	}
	if (v->n_items > QUESTIONNAIRE_MAX_ITEMS)
		problems_add(v->problems, "pillars", "at most %d items in all, found %zu",
			     QUESTIONNAIRE_MAX_ITEMS, v->n_items);
	check_profile(root, v->problems);
	key_set_report(&v->pillars, "pillar", v->problems);
	key_set_report(&v->themes, "theme", v->problems);
	key_set_report(&v->items, "item", v->problems);
}

int questionnaire_validate(const cJSON *root, struct problems *problems)
{
	struct problems local = PROBLEMS_INIT;
	struct problems *out = problems ? problems : &local;
	size_t before = problems_count(out);
	struct vctx v = {.problems = out};

	if (cJSON_IsObject(root))
		check_tree(root, &v);
	else
		problems_add(out, "", "a questionnaire must be a JSON object");
	int bad = problems_count(out) > before;
	problems_release(&local);
	return bad ? -1 : 0;
}

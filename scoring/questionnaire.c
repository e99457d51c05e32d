/* questionnaire.c: turns a validated definition into the immutable model of questionnaire.h. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "scoring/json_check.h"
#include "scoring/questionnaire.h"
#include "scoring/validate_item.h"
#include "common/banned.h"

#define DEFAULT_MIN_ANSWERED 0.6

/* Labels of likert5 answers 1..5 when an item has no "scale" of its own. */
static const struct text_pair default_scale[5] = {
	{"Helemaal mee oneens", "Strongly disagree"},
	{"Mee oneens", "Disagree"},
	{"Niet eens, niet oneens", "Neither agree nor disagree"},
	{"Mee eens", "Agree"},
	{"Helemaal mee eens", "Strongly agree"},
};

static const cJSON *member(const cJSON *obj, const char *name)
{
	return cJSON_GetObjectItemCaseSensitive(obj, name);
}

static const char *str(struct arena *a, const cJSON *obj, const char *name)
{
	const cJSON *s = member(obj, name);
	return cJSON_IsString(s) ? arena_strdup(a, s->valuestring) : NULL;
}

static double num(const cJSON *obj, const char *name, double fallback)
{
	const cJSON *n = member(obj, name);
	return cJSON_IsNumber(n) ? n->valuedouble : fallback;
}

static struct text_pair pair_of(struct arena *a, const cJSON *t)
{
	struct text_pair p = {NULL, NULL};
	if (cJSON_IsObject(t)) {
		p.nl = str(a, t, "nl");
		p.en = str(a, t, "en");
	}
	return p;
}

static struct text_pair text(struct arena *a, const cJSON *obj, const char *name)
{
	return pair_of(a, member(obj, name));
}

static size_t count(const cJSON *array)
{
	return array ? (size_t)cJSON_GetArraySize(array) : 0;
}

static void build_options(struct arena *a, const cJSON *src, struct item *it)
{
	const cJSON *options = member(src, "options");
	struct item_option *o = arena_alloc(a, count(options) * sizeof(*o) + 1);
	size_t i = 0;
	for (const cJSON *e = options ? options->child : NULL; e; e = e->next, i++) {
		o[i].key = str(a, e, "key");
		o[i].label = text(a, e, "label");
		o[i].points = num(e, "points", 0);
		o[i].exclusive = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "exclusive"));
	}
	it->options = o;
	it->n_options = i;
}

static void build_number(struct arena *a, const cJSON *src, struct item *it)
{
	it->unit = str(a, src, "unit");
	it->has_min = member(src, "min") != NULL;
	it->has_max = member(src, "max") != NULL;
	it->min = num(src, "min", -HUGE_VAL);
	it->max = num(src, "max", HUGE_VAL);
	const cJSON *bands = member(src, "bands");
	struct number_band *b = arena_alloc(a, count(bands) * sizeof(*b) + 1);
	size_t i = 0;
	for (const cJSON *e = bands ? bands->child : NULL; e; e = e->next, i++) {
		b[i].has_max = member(e, "max") != NULL;
		b[i].max = num(e, "max", HUGE_VAL);
		b[i].points = num(e, "points", 0);
	}
	it->bands = b;
	it->n_bands = i;
}

/* The best score of a number item: the best band that some allowed value falls in.
 * Band i covers (max[i-1], max[i]]; the first band starts at −∞, the last ends at +∞. */
static double number_best(const struct item *it)
{
	double best = 0, lo = -HUGE_VAL;
	for (size_t i = 0; i < it->n_bands; i++) {
		double hi = it->bands[i].has_max ? it->bands[i].max : HUGE_VAL;
		int reachable = hi >= it->min && (i == 0 ? it->min <= hi : lo < it->max);
		if (reachable && it->bands[i].points > best)
			best = it->bands[i].points;
		lo = hi;
	}
	return best;
}

static double item_best(const struct item *it)
{
	double best = 0, sum = 0;
	switch (it->type) {
	case ITEM_LIKERT5:
		return 1;
	case ITEM_CHOICE:
		for (size_t i = 0; i < it->n_options; i++)
			best = fmax(best, it->options[i].points);
		return best;
	case ITEM_MULTI:
		for (size_t i = 0; i < it->n_options; i++)
			sum += it->options[i].points;
		return fmin(sum, it->max_points) / it->max_points;
	case ITEM_NUMBER:
		return number_best(it);
	case ITEM_YESNO:
		return fmax(it->yes_points, it->no_points);
	case ITEM_TEXT:
		break;
	}
	return 0;
}

static void build_item(struct arena *a, const cJSON *src, struct item *it)
{
	it->key = str(a, src, "key");
	it->type = (enum item_type)item_type_from_name(member(src, "type")->valuestring);
	it->text = text(a, src, "text");
	it->help = text(a, src, "help");
	it->tip = text(a, src, "tip");
	it->weight = num(src, "weight", 1);
	it->reverse = cJSON_IsTrue(member(src, "reverse"));
	it->allow_na = cJSON_IsTrue(member(src, "allow_na"));
	const cJSON *scale = member(src, "scale");
	for (int i = 0; i < 5; i++)
		it->scale[i] = scale ? pair_of(a, cJSON_GetArrayItem(scale, i)) : default_scale[i];
	it->has_min = it->has_max = 0;
	it->min = -HUGE_VAL;
	it->max = HUGE_VAL;
	if (it->type == ITEM_CHOICE || it->type == ITEM_MULTI)
		build_options(a, src, it);
	it->max_points = num(src, "max_points", 1);
	if (it->type == ITEM_NUMBER)
		build_number(a, src, it);
	const cJSON *points = member(src, "points");
	it->yes_points = num(points, "yes", 1);
	it->no_points = num(points, "no", 0);
	it->best = item_best(it);
}

/* Builds the theme and appends its items to the flat item list. */
static void build_theme(struct questionnaire *q, const cJSON *src, struct theme *t,
			const struct item **flat_items)
{
	struct arena *a = &q->arena;
	t->key = str(a, src, "key");
	t->title = text(a, src, "title");
	t->weight = num(src, "weight", 1);
	const cJSON *tags = member(src, "offer_tags");
	const char **tv = arena_alloc(a, (count(tags) + 1) * sizeof(*tv));
	size_t n = 0;
	for (const cJSON *e = tags ? tags->child : NULL; e; e = e->next)
		tv[n++] = arena_strdup(a, e->valuestring);
	t->offer_tags = tv;
	t->n_offer_tags = n;
	const cJSON *band_texts = member(src, "band_texts");
	struct text_pair *bt = arena_alloc(a, (q->n_bands + 1) * sizeof(*bt));
	for (size_t b = 0; b < q->n_bands; b++)
		bt[b] = text(a, band_texts, q->bands[b].key);
	t->band_texts = bt;
	const cJSON *items = member(src, "items");
	struct item *iv = arena_alloc(a, count(items) * sizeof(*iv));
	size_t i = 0;
	for (const cJSON *e = items->child; e; e = e->next, i++) {
		struct item *it = &iv[i];
		build_item(a, e, it);
		it->index = q->n_items;
		it->theme = t->index;
		it->pillar = t->pillar;
		flat_items[q->n_items++] = it;
		if (item_is_scored(it)) {
			t->n_scored++;
			t->scored_weight += it->weight;
			q->n_scored++;
		}
	}
	t->items = iv;
	t->n_items = i;
}

static void build_bands(struct questionnaire *q, const cJSON *root)
{
	const cJSON *bands = member(root, "bands");
	struct score_band *b = arena_alloc(&q->arena, count(bands) * sizeof(*b));
	size_t i = 0;
	for (const cJSON *e = bands->child; e; e = e->next, i++) {
		b[i].key = str(&q->arena, e, "key");
		b[i].min = num(e, "min", 0);
		b[i].label = text(&q->arena, e, "label");
		b[i].description = text(&q->arena, e, "description");
	}
	q->bands = b;
	q->n_bands = i;
}

static size_t count_items(const cJSON *pillars, size_t *n_themes)
{
	size_t n = 0;
	*n_themes = 0;
	for (const cJSON *p = pillars->child; p; p = p->next)
		for (const cJSON *t = member(p, "themes")->child; t; t = t->next) {
			(*n_themes)++;
			n += count(member(t, "items"));
		}
	return n;
}

static void build_pillars(struct questionnaire *q, const cJSON *root)
{
	struct arena *a = &q->arena;
	const cJSON *pillars = member(root, "pillars");
	size_t n_themes, n_items = count_items(pillars, &n_themes);
	const struct theme **flat_themes = arena_alloc(a, n_themes * sizeof(*flat_themes));
	const struct item **flat_items = arena_alloc(a, (n_items + 1) * sizeof(*flat_items));
	struct pillar *pv = arena_alloc(a, count(pillars) * sizeof(*pv));
	size_t pi = 0;
	for (const cJSON *p = pillars->child; p; p = p->next, pi++) {
		pv[pi].key = str(a, p, "key");
		pv[pi].title = text(a, p, "title");
		pv[pi].weight = num(p, "weight", 1);
		pv[pi].index = pi;
		const cJSON *themes = member(p, "themes");
		struct theme *tv = arena_alloc(a, count(themes) * sizeof(*tv));
		size_t ti = 0;
		for (const cJSON *t = themes->child; t; t = t->next, ti++) {
			tv[ti].index = q->n_themes;
			tv[ti].pillar = pi;
			build_theme(q, t, &tv[ti], flat_items);
			flat_themes[q->n_themes++] = &tv[ti];
		}
		pv[pi].themes = tv;
		pv[pi].n_themes = ti;
	}
	q->pillars = pv;
	q->n_pillars = pi;
	q->themes = flat_themes;
	q->items = flat_items;
}

static const struct profile_choice *build_choices(struct arena *a, const cJSON *list, size_t *n)
{
	struct profile_choice *v = arena_alloc(a, (count(list) + 1) * sizeof(*v));
	size_t i = 0;
	for (const cJSON *e = list ? list->child : NULL; e; e = e->next, i++) {
		v[i].key = str(a, e, "key");
		v[i].label = text(a, e, "label");
	}
	*n = i;
	return v;
}

static void build_profile(struct questionnaire *q, const cJSON *root)
{
	struct arena *a = &q->arena;
	const cJSON *profile = member(root, "profile");
	const cJSON *fields = member(profile, "fields");
	struct profile_field *f = arena_alloc(a, (count(fields) + 1) * sizeof(*f));
	size_t i = 0;
	for (const cJSON *e = fields ? fields->child : NULL; e; e = e->next, i++) {
		f[i].key = str(a, e, "key");
		f[i].label = text(a, e, "label");
		f[i].help = text(a, e, "help");
	}
	q->profile.fields = f;
	q->profile.n_fields = i;
	q->profile.sectors = build_choices(a, member(profile, "sectors"), &q->profile.n_sectors);
	q->profile.size_classes = build_choices(a, member(profile, "size_classes"),
						&q->profile.n_size_classes);
}

static int item_key_cmp(const void *x, const void *y)
{
	const struct item *const *a = x, *const *b = y;
	return strcmp((*a)->key, (*b)->key);
}

static struct questionnaire *build(const cJSON *root)
{
	struct questionnaire *q = calloc(1, sizeof(*q));
	if (!q)
		abort();
	struct arena *a = &q->arena;
	q->key = str(a, root, "key");
	q->version = (long)num(root, "version", 1);
	q->title = text(a, root, "title");
	q->min_answered = num(root, "min_answered", DEFAULT_MIN_ANSWERED);
	build_bands(q, root);
	build_pillars(q, root);
	build_profile(q, root);
	const struct item **by_key = arena_alloc(a, (q->n_items + 1) * sizeof(*by_key));
	memcpy(by_key, q->items, q->n_items * sizeof(*by_key));
	qsort(by_key, q->n_items, sizeof(*by_key), item_key_cmp);
	q->by_key = by_key;
	return q;
}

struct questionnaire *questionnaire_parse(const char *json, size_t len, struct problems *problems)
{
	cJSON *root = json_parse_text(json, len, QUESTIONNAIRE_MAX_BYTES, problems);
	if (!root)
		return NULL;
	struct questionnaire *q = NULL;
	if (questionnaire_validate(root, problems) == 0) {
		q = build(root);
		crypto_sha256_hex(json, len, q->sha256);
	}
	cJSON_Delete(root);
	return q;
}

/* Reads a whole file of at most `max` bytes into a malloc'd buffer. */
static int read_file(const char *path, size_t max, char **out, size_t *len, struct problems *problems)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		problems_add(problems, "", "cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	size_t cap = 65536, n = 0;
	char *data = malloc(cap);
	if (!data)
		abort();
	size_t got;
	while ((got = fread(data + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n > max)
			break;
		if (n == cap) {
			cap *= 2;
			data = realloc(data, cap);
			if (!data)
				abort();
		}
	}
	int err = ferror(f);
	fclose(f);
	if (err || n > max) {
		problems_add(problems, "", err ? "cannot read %s" : "%s is too large", path);
		free(data);
		return -1;
	}
	*out = data;
	*len = n;
	return 0;
}

struct questionnaire *questionnaire_load_file(const char *path, struct problems *problems)
{
	char *data;
	size_t len;
	if (read_file(path, QUESTIONNAIRE_MAX_BYTES, &data, &len, problems) != 0)
		return NULL;
	struct questionnaire *q = questionnaire_parse(data, len, problems);
	free(data);
	return q;
}

void questionnaire_free(struct questionnaire *q)
{
	if (!q)
		return;
	arena_release(&q->arena);
	free(q);
}

const struct item *questionnaire_item_find(const struct questionnaire *q, const char *key)
{
	size_t lo = 0, hi = q->n_items;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(key, q->by_key[mid]->key);
		if (c == 0)
			return q->by_key[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct theme *questionnaire_theme_find(const struct questionnaire *q, const char *key)
{
	for (size_t i = 0; i < q->n_themes; i++)
		if (strcmp(q->themes[i]->key, key) == 0)
			return q->themes[i];
	return NULL;
}

const struct pillar *questionnaire_pillar_find(const struct questionnaire *q, const char *key)
{
	for (size_t i = 0; i < q->n_pillars; i++)
		if (strcmp(q->pillars[i].key, key) == 0)
			return &q->pillars[i];
	return NULL;
}

const char *text_pair_get(const struct text_pair *t, const char *lang)
{
	if (lang && strcmp(lang, "en") == 0 && t->en)
		return t->en;
	return t->nl;
}

int item_is_scored(const struct item *item)
{
	return item->type != ITEM_TEXT;
}

int questionnaire_check_texts(const struct questionnaire *q, struct problems *problems)
{
	int bad = 0;
	for (size_t p = 0; p < q->n_pillars; p++) {
		const struct pillar *pl = &q->pillars[p];
		for (size_t t = 0; t < pl->n_themes; t++) {
			const struct theme *th = &pl->themes[t];
			for (size_t b = 0; b < q->n_bands; b++)
				if (!th->band_texts || !th->band_texts[b].nl) {
					char path[160];
					snprintf(path, sizeof(path), "pillars[%zu].themes[%zu].band_texts", p, t);
					problems_add(problems, path, "needs a text for band \"%s\" (what this score means for the company)",
						     q->bands[b].key);
					bad = 1;
				}
			for (size_t i = 0; i < th->n_items; i++)
				if (item_is_scored(&th->items[i]) && !th->items[i].tip.nl) {
					char path[160];
					snprintf(path, sizeof(path), "pillars[%zu].themes[%zu].items[%zu].tip", p, t, i);
					problems_add(problems, path, "a scored item needs a tip {nl, en}: what to do to score higher (item %s)",
						     th->items[i].key);
					bad = 1;
				}
		}
	}
	return bad ? -1 : 0;
}

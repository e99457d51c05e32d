/* questionnaire.h: the immutable model of a scan definition (pillars → themes → items).
 *
 * A definition is JSON text (format: questionnaires/README.md). It is loaded in
 * two steps: questionnaire_validate.c checks the whole tree and reports EVERY
 * problem with its JSON path; only a definition without problems is turned into
 * this model. So code that walks the model never meets a missing text, an
 * unknown type or a weight of zero.
 *
 * Ownership: a `struct questionnaire` owns every string and array reachable from
 * it (one arena); nothing points into the caller's JSON text. After loading it
 * is never changed, so it may be shared by any number of threads.
 * Out of memory aborts (project policy, see common/buf.h). */
#ifndef FPHC_QUESTIONNAIRE_H
#define FPHC_QUESTIONNAIRE_H

#include <stddef.h>
#include <stdint.h>

#include "common/arena.h"
#include "common/crypto.h"
#include "scoring/problems.h"

/* Caps that keep hostile or mistaken definitions small. */
#define QUESTIONNAIRE_MAX_BYTES (4u * 1024 * 1024)
#define QUESTIONNAIRE_MAX_ITEMS 1000
#define QUESTIONNAIRE_MAX_OPTIONS 64  /* per item; a multi answer is a 64-bit set */
#define QUESTIONNAIRE_MAX_BANDS 16
#define QUESTIONNAIRE_KEY_MAX 64      /* bytes in a key */

/* A text in both languages. In a loaded model `nl` and `en` are both non-empty,
 * except for optional texts (item help, band descriptions), where both are NULL
 * when the definition has none. */
struct text_pair {
	const char *nl;
	const char *en;
};

enum item_type {
	ITEM_LIKERT5,
	ITEM_CHOICE,
	ITEM_MULTI,
	ITEM_NUMBER,
	ITEM_YESNO,
	ITEM_TEXT, /* open question, never scored */
};

struct item_option {
	const char *key;
	struct text_pair label;
	double points; /* in [0, 1] */
	int exclusive; /* multi: choosing it excludes every other option */
};

/* One band of a number item: values <= max (or any value when !has_max, only
 * in the last band) get `points`. Bands are tried in order. */
struct number_band {
	int has_max;
	double max;
	double points; /* in [0, 1] */
};

struct item {
	const char *key;          /* unique in the questionnaire */
	enum item_type type;
	struct text_pair text;
	struct text_pair help;    /* NULLs when absent */
	struct text_pair tip;     /* what to do to score higher; every scored item has one */
	double weight;            /* > 0; default 1 */
	int reverse;              /* likert5 only */
	int allow_na;             /* "na" (weet ik niet / niet van toepassing) accepted */
	/* likert5: labels of 1..5; the definition's "scale" or the defaults. */
	struct text_pair scale[5];
	/* choice, multi */
	const struct item_option *options;
	size_t n_options;
	double max_points;        /* multi: the cap on the sum of chosen points, > 0 */
	/* number */
	const char *unit;         /* NULL when absent */
	int has_min, has_max;
	double min, max;          /* allowed answer range when has_min / has_max */
	const struct number_band *bands;
	size_t n_bands;
	/* yesno */
	double yes_points, no_points;
	/* Derived when loading: */
	double best;              /* the highest item score an answer can reach, in [0, 1] */
	size_t index;             /* position among all items (questionnaire order) */
	size_t pillar, theme;     /* indexes of its pillar and (global) theme */
};

struct theme {
	const char *key;          /* unique in the questionnaire */
	struct text_pair title;
	double weight;
	const char *const *offer_tags;
	size_t n_offer_tags;
	/* Optional one-sentence text per score band, parallel to questionnaire.bands
	 * (entries with NULL texts when the definition has none for that band). */
	const struct text_pair *band_texts;
	const struct item *items;
	size_t n_items;
	size_t n_scored;          /* items that are not ITEM_TEXT */
	double scored_weight;     /* sum of the scored items' weights */
	size_t index;             /* global theme index (questionnaire order) */
	size_t pillar;
};

struct pillar {
	const char *key;
	struct text_pair title;
	double weight;
	const struct theme *themes;
	size_t n_themes;
	size_t index;
};

struct score_band {
	const char *key;          /* e.g. attention, on_the_way, future_proof */
	double min;               /* first band 0, strictly ascending */
	struct text_pair label;
	struct text_pair description; /* NULLs when absent */
};

/* Company profile vocabulary used by the intake form (see questionnaires/README.md). */
struct profile_choice {
	const char *key;          /* SBI section letter, or size class key */
	struct text_pair label;
};

struct profile_field {
	const char *key;          /* sector, fte, employees, municipality */
	struct text_pair label;
	struct text_pair help;    /* NULLs when absent */
};

struct questionnaire_profile {
	const struct profile_field *fields;
	size_t n_fields;
	const struct profile_choice *sectors;
	size_t n_sectors;
	const struct profile_choice *size_classes;
	size_t n_size_classes;
};

struct questionnaire {
	const char *key;          /* e.g. "fphc" */
	long version;             /* >= 1 */
	struct text_pair title;
	double min_answered;      /* share of a theme's scored weight, in (0, 1] */
	const struct score_band *bands;
	size_t n_bands;
	const struct pillar *pillars;
	size_t n_pillars;
	/* Flat views in questionnaire order, for code that does not need the tree. */
	const struct theme *const *themes;
	size_t n_themes;
	const struct item *const *items;
	size_t n_items;
	size_t n_scored;          /* items that are scored (all but ITEM_TEXT) */
	struct questionnaire_profile profile;
	char sha256[SHA256_HEX_LEN + 1]; /* of the exact definition bytes; the registry puts the
					  * version's first sha256 here, whatever text revision it serves */
	int text_revision;        /* the text revision the texts come from; 0 when not from the database */
	/* private */
	struct arena arena;
	const struct item **by_key; /* items sorted by key, for questionnaire_item_find */
};

/* Loads a definition from JSON text of `len` bytes (need not be NUL-terminated).
 * Returns a new model, or NULL with every problem added to `problems` (which may
 * be NULL when only the verdict matters). The sha256 is over exactly these bytes.
 * Free with questionnaire_free(). */
struct questionnaire *questionnaire_parse(const char *json, size_t len,
					  struct problems *problems);

/* Reads and loads a file. On failure returns NULL with the problems; a file
 * that cannot be read is one problem with path "" naming the file. */
struct questionnaire *questionnaire_load_file(const char *path, struct problems *problems);

/* Checks a parsed JSON tree against the format; adds every problem found.
 * Returns 0 when there is none, -1 otherwise. (questionnaire_validate.c) */
struct cJSON;
int questionnaire_validate(const struct cJSON *root, struct problems *problems);

/* The rules for texts that a file must keep before it is loaded (`fphc
 * questionnaire check`, `fphc questionnaire load`), but that versions stored
 * before the rule do not break: every scored item has a tip, every theme has a
 * band text for every band. Adds a problem per missing text; 0 or -1. */
int questionnaire_check_texts(const struct questionnaire *q, struct problems *problems);

void questionnaire_free(struct questionnaire *q);

/* The item with this key, or NULL. O(log n). */
const struct item *questionnaire_item_find(const struct questionnaire *q, const char *key);
/* The theme / pillar with this key, or NULL. O(n). */
const struct theme *questionnaire_theme_find(const struct questionnaire *q, const char *key);
const struct pillar *questionnaire_pillar_find(const struct questionnaire *q, const char *key);

/* The text in language `lang` ("nl" or "en"); falls back to Dutch for any other
 * language or when that translation is missing. NULL only for an absent
 * optional text. */
const char *text_pair_get(const struct text_pair *t, const char *lang);

/* Names of item types as in the JSON ("likert5", …). */
const char *item_type_name(enum item_type type);
/* 1 when answers to this item are scored (every type except text). */
int item_is_scored(const struct item *item);

#endif

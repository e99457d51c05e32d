/* answers.h: validation of answers against a questionnaire, and the parsed answer set.
 *
 * An answer set is the JSON object {"answers": {"<item key>": value, …}}. Members
 * other than "answers" at the top are ignored (callers may keep metadata there).
 * Per item type the value is:
 *   likert5  a whole number 1..5
 *   choice   an option key (string)
 *   multi    an array of distinct option keys (may be empty: "none of these")
 *   number   a finite number within the item's min/max when given
 *   yesno    true or false
 *   text     a string of at most ANSWER_TEXT_MAX bytes (never scored; the string
 *            "na" is kept as text here, as someone may type it)
 * and for every scored type also:
 *   null     unanswered (the same as leaving the key out)
 *   "na"     "weet ik niet / niet van toepassing": counts as unanswered, and is
 *            allowed only on items with allow_na.
 * An answer set with any problem is rejected whole: nothing half-valid is scored. */
#ifndef FPHC_ANSWERS_H
#define FPHC_ANSWERS_H

#include <stddef.h>
#include <stdint.h>

#include "common/arena.h"
#include "scoring/problems.h"
#include "scoring/questionnaire.h"

#define ANSWER_TEXT_MAX 4000          /* bytes in one text answer */
#define ANSWERS_MAX_BYTES (1024 * 1024) /* a whole answer set as JSON text */

enum answer_state {
	ANSWER_MISSING = 0, /* absent or null */
	ANSWER_NA,          /* "na" */
	ANSWER_GIVEN,
};

struct answer {
	enum answer_state state;
	/* With ANSWER_GIVEN, by item type: */
	int likert;         /* likert5: 1..5 */
	size_t option;      /* choice: index into item->options */
	uint64_t chosen;    /* multi: bit i set = option i chosen */
	double number;      /* number */
	int yes;            /* yesno: 1 yes, 0 no */
	const char *text;   /* text: owned by the answer set */
};

struct answer_set {
	const struct questionnaire *q; /* borrowed: must outlive the set */
	struct answer *answers;        /* q->n_items entries, indexed by item->index */
	struct arena arena;            /* private */
};

/* Checks one value for one item, as the web page autosaves a single answer.
 * `value` NULL means absent. Returns 0 when acceptable, -1 after adding the
 * problem(s) with path "answers.<item_key>" (problems may be NULL). */
struct cJSON;
int answers_check_value(const struct questionnaire *q, const char *item_key,
			const struct cJSON *value, struct problems *problems);

/* The rule for answers given from now on (never applied to stored answers, so
 * `fphc rescore` and research exports keep every submitted scan): a multi value
 * that holds an exclusive option ("Niets in het bijzonder") together with any
 * other option. Returns that exclusive option, or NULL when the value is fine
 * (or is not a multi array). */
const struct item_option *answer_exclusive_conflict(const struct item *item, const struct cJSON *value);

/* Validates a whole answer set given as a cJSON tree and returns it parsed, or
 * NULL with every problem added. Free with answer_set_free(). */
struct answer_set *answers_parse(const struct questionnaire *q, const struct cJSON *root,
				 struct problems *problems);
/* The same from JSON text of len bytes (at most ANSWERS_MAX_BYTES). */
struct answer_set *answers_parse_text(const struct questionnaire *q, const char *json, size_t len,
				      struct problems *problems);

/* An empty answer set (every item unanswered), to fill with answer_set_put. */
struct answer_set *answer_set_new(const struct questionnaire *q);
/* Stores one value for item `item_key` after checking it like answers_check_value.
 * Returns 0, or -1 with the problem(s) added and the set unchanged. */
int answer_set_put(struct answer_set *set, const char *item_key, const struct cJSON *value,
		   struct problems *problems);
void answer_set_free(struct answer_set *set);

/* The item score s in [0, 1] of a given answer (see questionnaires/README.md), or
 * NAN when the item is not scored or the answer is not ANSWER_GIVEN. */
double answer_item_score(const struct item *item, const struct answer *answer);

#endif

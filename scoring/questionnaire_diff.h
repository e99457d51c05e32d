/* questionnaire_diff.h: what changed between two versions of a questionnaire, in words for the
 * person who edited it (Dutch), and whether the change is only in texts.
 *
 * Text-only or structural is decided by the structure checksum
 * (scoring/questionnaire_structure.h, the rule of questionnaires/README.md):
 * a text-only change is stored as a text revision of the same version, a
 * structural one must be a new version. The list says what moved: items added,
 * removed, reworded (old and new text), moved, reweighted, retyped; options and
 * points; score bands; themes and pillars. Out of memory aborts. */
#ifndef FPHC_QUESTIONNAIRE_DIFF_H
#define FPHC_QUESTIONNAIRE_DIFF_H

#include <stddef.h>

#include "scoring/questionnaire.h"

enum diff_kind {
	DIFF_NONE,       /* nothing changed: "geen wijzigingen" */
	DIFF_TEXT_ONLY,  /* same structure: a text revision of the same version */
	DIFF_STRUCTURAL, /* a new version: scores are not comparable */
};

enum change_what {
	CHANGE_ADDED, CHANGE_REMOVED, CHANGE_REWORDED, CHANGE_MOVED, CHANGE_REWEIGHTED,
	CHANGE_RETYPED, CHANGE_OPTIONS, CHANGE_POINTS, CHANGE_BANDS, CHANGE_OTHER,
};

struct change {
	enum change_what what;
	const char *element;  /* "vraag s03", "thema strategy", "scoreband attention" */
	const char *field;    /* "tekst (nl)", "gewicht", … or NULL */
	const char *before;   /* old value as text, NULL when added */
	const char *after;    /* new value as text, NULL when removed */
};

struct questionnaire_diff {
	enum diff_kind kind;
	int version_changed;        /* the version numbers differ */
	struct change *changes;
	size_t n, cap;
	struct arena arena;         /* the strings */
};

/* Compares `before` and `after` (both loaded models) and the structure checksums
 * of their definitions. Fills an uninitialised `d`; release it with
 * questionnaire_diff_release(). */
void questionnaire_diff(const struct questionnaire *before, const char *before_structure,
			const struct questionnaire *after, const char *after_structure,
			struct questionnaire_diff *d);
/* One line in Dutch for a change ("vraag s03: gewicht 1 → 2"), in the arena. */
const char *questionnaire_change_line(struct questionnaire_diff *d, const struct change *c);
void questionnaire_diff_release(struct questionnaire_diff *d);

/* 1 when two versions of an item ask and score exactly the same (texts, help, tip, type,
 * weight, options, points, bands; its place may differ), so researchers may pool its
 * answers across the versions; 0 otherwise. */
int questionnaire_item_identical(const struct item *a, const struct item *b);
/* 1 when two versions of a theme have the same title, weight, score bands and the same
 * identical items in the same order. */
int questionnaire_theme_identical(const struct questionnaire *qa, const struct theme *a,
				  const struct questionnaire *qb, const struct theme *b);

#endif

/* research_codebook.h: the variables of a research export, derived from a questionnaire.
 *
 * One list drives the wide CSV header, the .sav dictionary, the codebook CSV
 * and the codebook page, so they can never disagree. Order: metadata, then per
 * item its raw answer (multi: one 0/1 variable per option) and its item score,
 * then theme, pillar and overall scores.
 *
 * Missing codes (numeric variables of items and scores):
 *   -1  not answered            -2  don't know / not applicable ("na")
 *   -3  score not valid: too few answers (themes, pillars, overall) */
#ifndef FPHC_RESEARCH_CODEBOOK_H
#define FPHC_RESEARCH_CODEBOOK_H

#include <stddef.h>
#include <cJSON.h>

#include "common/arena.h"
#include "common/buf.h"
#include "common/number.h" /* buf_double */
#include "scoring/answers.h"
#include "scoring/questionnaire.h"

#define MISSING_NOT_ANSWERED (-1.0)
#define MISSING_NA (-2.0)
#define MISSING_INVALID (-3.0)

enum xvar_kind {
	XV_PSEUDONYM, XV_SCAN, XV_VERSION, XV_SECTOR, XV_SIZE_CLASS, XV_REGION, XV_MONTH, XV_DEMO,
	XV_ANSWER,     /* raw answer of a likert5, choice, number or yesno item */
	XV_OPTION,     /* multi: option chosen 1 / not 0 */
	XV_TEXT,       /* open question (string) */
	XV_ITEM_SCORE, /* item score in [0, 1] */
	XV_SCORE,      /* theme / pillar / overall score in [0, 100] */
};

struct xvar {
	enum xvar_kind kind;
	const char *name;            /* SPSS-safe: letter first, [a-z0-9_], ≤ 64 bytes */
	const char *stata_name;      /* the name in the .dta: Stata-legal, ≤ 32 characters,
				      * unique; equal to name unless name is longer or reserved */
	const char *label_nl, *label_en;
	const struct item *item;     /* items */
	size_t option;               /* XV_OPTION */
	size_t score_index;          /* XV_SCORE: index into scan_score_rows order */
	const char *level;           /* XV_SCORE: overall / pillar / theme */
	const char *theme, *pillar;  /* keys, or NULL */
	double weight;               /* items, themes, pillars; 0 otherwise */
	int is_string;
	int width;                   /* string storage width */
};

struct codebook {
	const struct questionnaire *q;
	struct xvar *vars;
	size_t n;
	struct arena arena;
};

/* Builds the variable list of q. Out of memory aborts. */
void codebook_build(struct codebook *cb, const struct questionnaire *q);
void codebook_release(struct codebook *cb);

/* Value labels of a numeric variable: calls fn(value, label) for each, in order. */
void codebook_value_labels(const struct xvar *v, const char *lang,
			   void (*fn)(void *ctx, double value, const char *label), void *ctx);
/* The missing codes of a variable with their meaning (n written, ≤ 3). */
size_t codebook_missing(const struct xvar *v, double codes[3]);
const char *codebook_missing_label(double code, const char *lang);
const char *codebook_type(const struct xvar *v); /* "numeric" or "string" */
/* The SPSS print format of v in the .sav: "F8.0" for codes and ids, "F10.4" for
 * other numbers, "A" for strings. */
const char *codebook_format(const struct xvar *v);
/* The categories of a string variable (sector: the SBI letters, size_class: the
 * size classes), calling fn(value, label) for each, in order; none for others. */
void codebook_string_categories(const struct xvar *v, const char *lang,
				void (*fn)(void *ctx, const char *value, const char *label), void *ctx);
/* Appends the categories of a string variable ("A=Landbouw…; …" for sector,
 * the size classes, a description for region); nothing for others. */
void codebook_categories(const struct xvar *v, const char *lang, struct buf *out);
/* Appends the allowed range ("1..5", "0..100", "0..", "YYYY-MM") and the unit
 * (a number item's unit, "bytes" for open text) of v; nothing when not applicable. */
void codebook_range(const struct xvar *v, struct buf *range, struct buf *unit);

/* Writes the codebook as CSV (header + one line per variable). */
void codebook_write_csv(const struct codebook *cb, struct buf *out);
/* The codebook as JSON for the page: [{name, label, type, value_labels, missing, weight, theme, pillar}]. */
cJSON *codebook_to_json(const struct codebook *cb, const char *lang);

/* The numeric value of v for a scan (answer codes, item scores), or a missing code.
 * For XV_SCORE pass the scan's stored scores (NAN = not valid) in `scores`. */
double codebook_numeric(const struct xvar *v, const struct answer_set *set, const double *scores);


#endif

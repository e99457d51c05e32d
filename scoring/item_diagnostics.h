/* item_diagnostics.h: the checks the research group takes to a questionnaire's
 * next version — per item the share of "weet ik niet" and of unanswered, floor
 * and ceiling effects, a weak item–rest correlation; per theme McDonald's omega
 * (total, one-factor model). The rules are written down in docs/research.md.
 *
 * Pure: no I/O, no database. Out of memory aborts (as reliability.c). */
#ifndef FPHC_ITEM_DIAGNOSTICS_H
#define FPHC_ITEM_DIAGNOSTICS_H

#include <stddef.h>

#include "scoring/questionnaire.h"

/* The thresholds; a share is a fraction in [0, 1]. */
#define ITEM_DIAG_NA_MAX 0.15         /* "weet ik niet" above 15 % */
#define ITEM_DIAG_MISSING_MAX 0.05    /* unanswered above 5 % */
#define ITEM_DIAG_FLOOR_CEILING 0.15  /* Terwee et al. 2007: > 15 % at the lowest or highest value */
#define ITEM_DIAG_ITEM_REST_MIN 0.20  /* item–rest correlation below .20 */
#define ITEM_DIAG_OMEGA_MIN 0.70      /* a theme's omega below .70 */

/* Why an item is flagged: a bit set; 0 is "no remarks". */
enum item_flag {
	ITEM_FLAG_NA = 1 << 0,
	ITEM_FLAG_MISSING = 1 << 1,
	ITEM_FLAG_FLOOR = 1 << 2,
	ITEM_FLAG_CEILING = 1 << 3,
	ITEM_FLAG_ITEM_REST = 1 << 4,
};
#define ITEM_FLAG_COUNT 5

/* What was counted for one item over the scans. */
struct item_counts {
	size_t given;      /* answered with a value */
	size_t na;         /* answered "weet ik niet / niet van toepassing" (code -2 in the exports) */
	size_t missing;    /* not answered (code -1 in the exports) */
	size_t at_floor;   /* of the given answers: at the item's lowest possible score */
	size_t at_ceiling; /* of the given answers: at the item's highest possible score */
};

/* The diagnostics of one item. Shares are NAN when their denominator is 0. */
struct item_diag {
	double na_share;      /* na / (given + na + missing) */
	double missing_share; /* missing / (given + na + missing) */
	double floor_share;   /* at_floor / given */
	double ceiling_share; /* at_ceiling / given */
	unsigned flags;       /* enum item_flag bits */
};

/* The lowest and the highest item score (in [0, 1]) an answer to a scored
 * item can give: likert 0 and 1, choice and yes/no the smallest and largest
 * points, number the smallest and largest band points, multi the smallest
 * single option's share of the cap and 1 capped by what the options reach. */
void item_score_range(const struct item *it, double *lowest, double *highest);

/* Adds one given answer's item score s to c (given, at_floor, at_ceiling):
 * at the floor when s is within 1e-9 of `lowest`, at the ceiling likewise. */
void item_counts_add_score(struct item_counts *c, double s, double lowest, double highest);

/* Fills *out from c and the item–rest correlation (NAN when there is none:
 * no flag for it then). A share exactly at a threshold is not flagged. */
void item_diag_compute(const struct item_counts *c, double item_rest, struct item_diag *out);

/* The stable key of flag bit i (0 ≤ i < ITEM_FLAG_COUNT): "na", "missing",
 * "floor", "ceiling", "item_rest" — used in the export, the JSON and the
 * message keys research.items.flag.KEY. */
const char *item_flag_key(unsigned bit_index);

/* McDonald's omega (total) of a one-factor model. */
struct omega {
	size_t n_rows;     /* complete rows used (listwise, as reliability.h) */
	double omega;      /* (Σλ)² / ((Σλ)² + Σ(1 − λ²)); NAN when it cannot be computed */
	int heywood;       /* a communality reached 1 and was held there */
	unsigned iterations;
	double *loadings;  /* cols entries, owned; sign chosen so that Σλ ≥ 0 */
};

/* One-factor principal-axis factoring of the correlation matrix of the
 * complete rows of `scores` (row-major rows × cols, NAN missing): start with
 * squared multiple correlations as communalities (the largest absolute
 * correlation of an item when the matrix cannot be inverted), then repeat:
 * put the communalities on the diagonal, λ = √e₁ · v₁ of the largest
 * eigenvalue, communality = λ², until the sum of the squared changes of the
 * communalities is at most 1e-24 (psych::fa's min.err) or after
 * OMEGA_MAX_ITER rounds. Communalities are held at ≤ 1. omega is NAN
 * for cols < 2, fewer than 3 complete rows, or an item without variance.
 * Returns 0, or -1 for cols == 0 (nothing allocated then). */
#define OMEGA_MAX_ITER 1000
int omega_compute(const double *scores, size_t rows, size_t cols, struct omega *out);
/* Frees the loadings; NULL and twice are fine. */
void omega_release(struct omega *o);

#endif

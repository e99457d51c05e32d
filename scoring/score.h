/* score.h: item, theme, pillar and overall scores of one answer set, with bands and explanations.
 *
 * The rules (the contract of design.md "Scoring semantics", made precise here):
 *   - Item score s ∈ [0, 1]: see answer_item_score() and questionnaires/README.md.
 *   - Theme: A = its answered scored items ("na" and missing are not answered),
 *     W = Σ_A w, S = Σ_A w·s. raw = 100·S/W (NAN when A is empty).
 *     Valid when W ≥ min_answered × (weight of all its scored items); score = raw
 *     when valid, else NAN ("insufficient answers").
 *   - Pillar: weighted mean (theme weights) of its valid themes; valid when the
 *     valid themes carry ≥ 0.5 of the pillar's theme weight. Overall: the same
 *     over pillars with pillar weights.
 *   - Band: the band with the greatest min ≤ score; none (-1) when not valid.
 *   - Attention point: a valid theme in the first band; listed lowest score
 *     first (ties in questionnaire order), carrying the theme's offer_tags.
 *   - Contribution of an answered item: 100·w·s/W, so the contributions of a
 *     theme add up to its raw score. NAN for unanswered items.
 *   - Gain ("what would move your score") of scored item j with best score b_j
 *     (the highest s any answer can give, item->best): the rise of the theme's
 *     raw score if j alone were answered at its best, validity ignored:
 *       answered j:   100·(S − w_j·s_j + w_j·b_j)/W − raw
 *       unanswered j: 100·(S + w_j·b_j)/(W + w_j) − raw   (raw taken as 0 when A is empty)
 *     The theme's movers are its items with gain > 1e-9, largest gain first,
 *     ties in questionnaire order. Unanswered ("na" or missing) items are
 *     included: finding out or starting something also moves the score.
 *   - Comparisons with min_answered, the 0.5 share and band minima allow a
 *     tolerance of 1e-9, so a score that is 40 on paper but 39.999999999999993
 *     in binary floating point lands in the band that starts at 40.
 * Scores are never rounded here; score_round_display() is for display only. */
#ifndef FPHC_SCORE_H
#define FPHC_SCORE_H

#include <math.h>
#include <stddef.h>

#include "scoring/answers.h"
#include "scoring/questionnaire.h"

/* Stored with every result, so a stored result can be recomputed and compared
 * when the engine changes. Bump it when any number could change. */
#define SCORE_ENGINE_VERSION "fphc-score/1"

#define SCORE_EPSILON 1e-9

struct item_result {
	enum answer_state state;
	double score;        /* s in [0, 1]; NAN unless answered */
	double contribution; /* see above; NAN unless answered */
	double gain;         /* >= 0; 0 for text items */
};

struct theme_result {
	int valid;
	double score;          /* NAN when not valid */
	double raw;            /* weighted mean over answered items, also when not valid; NAN when none */
	double answered_share; /* answered scored weight / scored weight, in [0, 1] */
	size_t n_answered, n_na, n_missing; /* scored items only */
	int band;              /* index into q->bands; -1 when not valid */
	int attention;         /* valid and in the first band */
	const size_t *movers;  /* item indexes (item->index), best first */
	size_t n_movers;
};

/* A pillar or the whole scan. */
struct aggregate_result {
	int valid;
	double score;          /* NAN when not valid */
	double valid_share;    /* weight of valid parts / weight of all parts */
	int band;              /* -1 when not valid */
};

struct score_result {
	const struct questionnaire *q;  /* borrowed */
	struct aggregate_result overall;
	struct aggregate_result *pillars; /* q->n_pillars, questionnaire order */
	struct theme_result *themes;      /* q->n_themes, by theme->index */
	struct item_result *items;        /* q->n_items, by item->index */
	const size_t *attention;          /* theme indexes, lowest score first */
	size_t n_attention;
};

/* Scores an answer set (made for the same questionnaire). Never fails for a
 * valid answer set; the result borrows q, not the answers. Free with
 * score_result_free(). One allocation. */
struct score_result *score_compute(const struct questionnaire *q, const struct answer_set *answers);
void score_result_free(struct score_result *r);

/* The index of the band a score falls in, or -1 for NAN. */
int score_band_of(const struct questionnaire *q, double score);

/* The whole result as JSON text (shape: scoring/README.md), appended to b:
 * unformatted, numbers as the shortest text that reads back to the same double,
 * null for NAN. This is the text stored in results.result. */
struct buf;
void score_result_write_json(const struct score_result *r, struct buf *b);
/* The same parsed into a cJSON tree, for callers that walk it. The caller owns the tree. */
struct cJSON;
struct cJSON *score_result_to_json(const struct score_result *r);

/* A score rounded half away from zero to a whole number, for display only
 * (39.5 → 40, 69.49 → 69). The argument must be finite. */
static inline long score_round_display(double score)
{
	return lround(score); /* halfway cases away from zero: 62.5 shows as 63 */
}

#endif

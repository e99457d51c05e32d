/* evaluation.h: the interim evaluation (tussen-evaluatie, issue 20.5-20.6) — the
 * model that the office page, the research page and the PDF all show: for a
 * run of quarters and a set of associations, the funnel, score distributions,
 * attention points, offers, agreed actions, follow-up meetings and the change
 * between a company's first and latest scan, every figure already passed
 * through the minimum group size k and the secondary suppression of the
 * research aggregates (scoring/suppression.h). Open text never enters it.
 *
 * Read from the per-quarter summaries (server/db/evaluation.h), never from the
 * scans, so a period is a whole number of quarters: the quarter of `from` up to
 * and including the quarter of `to`. Strings live in the caller's arena. */
#ifndef FPHC_EVALUATION_H
#define FPHC_EVALUATION_H

#include <stddef.h>
#include "common/arena.h"
#include "scoring/histogram.h"
#include "scoring/questionnaire.h"
#include "scoring/suppression.h"
#include "server/db/evaluation.h"

/* A period as typed: both dates are checked by the one date validator
 * (common/date.h). */
enum eval_period_error {
	EVAL_PERIOD_OK = 0,
	EVAL_PERIOD_MISSING,    /* one of the two dates is empty: an empty period */
	EVAL_PERIOD_BAD_FROM,   /* not a date */
	EVAL_PERIOD_BAD_TO,
	EVAL_PERIOD_ORDER,      /* from after to */
};
struct eval_period {
	char from[11], to[11];          /* as typed, checked */
	char from_q[32], to_q[32];      /* first days of the first and last quarter */

	int from_year, from_quarter, to_year, to_quarter;
};
/* Checks from/to and fills *out. The i18n key of a failure comes from
 * evaluation_period_error_key. */
enum eval_period_error evaluation_period_parse(const char *from, const char *to, struct eval_period *out);
const char *evaluation_period_error_key(enum eval_period_error e);

/* A count as shown: state CELL_SHOWN or CELL_EMPTY (n = 0) carry n; CELL_PRIMARY
 * (0 < n < k) and CELL_SECONDARY (hidden so that a primary one cannot be
 * recovered from a total) carry none: n is set to -1 by evaluation_suppress. */
struct eval_count {
	const char *key;
	const char *label;
	long n;
	enum cell_state state;
};
struct eval_box {
	const char *level, *key, *title;
	struct box_plot box;       /* n < k: shown 0 and every number NAN */
	int shown;
};
struct eval_offer {
	const char *key, *label;
	struct eval_count chosen, taken_up;
};
struct eval_change {
	const char *key, *title;
	long n;                    /* companies with a first and a latest scan in the period */
	double mean;               /* mean of latest − first; NAN when hidden */
	int shown;
};

enum { EVAL_FUNNEL_INVITED, EVAL_FUNNEL_STARTED, EVAL_FUNNEL_SUBMITTED, EVAL_FUNNEL_DISCUSSED, EVAL_FUNNEL_N };
enum { EVAL_ACTION_DONE, EVAL_ACTION_OPEN, EVAL_ACTION_OVERDUE, EVAL_ACTION_DROPPED, EVAL_ACTION_N };
enum { EVAL_EVENTS_HELD, EVAL_EVENTS_INVITED, EVAL_EVENTS_SIGNED_UP, EVAL_EVENTS_ATTENDED, EVAL_EVENTS_N };
#define EVAL_TOP_ATTENTION 10

struct evaluation {
	int k;
	struct eval_period period;
	long long refresh_id;            /* 0: the summaries were never refreshed */
	const char *refreshed_at;
	struct eval_count funnel[EVAL_FUNNEL_N];
	struct eval_box *boxes;          /* overall, then each pillar followed by its themes */
	size_t n_boxes;
	struct eval_count *attention;    /* most frequent first, at most EVAL_TOP_ATTENTION */
	size_t n_attention;
	struct eval_offer *offers;       /* most chosen first */
	size_t n_offers;
	struct eval_count actions[EVAL_ACTION_N];
	struct eval_count events[EVAL_EVENTS_N];
	struct eval_change *changes;     /* per pillar, questionnaire order */
	size_t n_changes;
};

/* Builds e from the summaries' rows: q (may be NULL) gives titles and order
 * (the newest questionnaire version in the rows); then evaluation_suppress.
 * 0, or -1 when a stored histogram is inconsistent. */
int evaluation_build(struct arena *a, const struct evaluation_rows *rows, const struct questionnaire *q,
		     const char *lang, int k, struct evaluation *e);
/* The suppression rules (docs/research.md, "Tussen-evaluatie"): every count,
 * box plot and change with 0 < n < k is hidden (primary); in the tables whose
 * cells add up to a total that can be worked out (attention points, offers
 * chosen, actions by state) suppress_cells adds the secondary suppression;
 * an offer's take-up is hidden when its choice is. Idempotent. */
void evaluation_suppress(struct evaluation *e, int k);

#endif

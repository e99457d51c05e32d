/* evaluation.h: SQL of the interim evaluation (tussen-evaluatie, issue 20.5-20.7):
 * the per-quarter summaries of migration 0090 — their refresh (one transaction,
 * the scores part computed in C by server/app/evaluation_refresh.c) and their
 * reading for a run of quarters and a set of associations.
 *
 * Quarters are passed and returned as ISO dates of their first day
 * ("2026-04-01"). Strings of returned rows live in the caller's arena. */
#ifndef FPHC_DB_EVALUATION_H
#define FPHC_DB_EVALUATION_H

#include <stddef.h>
#include "common/arena.h"
#include "server/db/db.h"

/* ---- refresh ---- */

/* One submitted scan as the refresh reads it: rows come ordered by company,
 * questionnaire version and submission. Strings borrow the database result:
 * valid during the callback only. */
struct evaluation_source {
	long long org_id, company_id, questionnaire_id;
	int quarter;          /* year * 4 + quarter - 1 of the submission (local time) */
	const char *scores;   /* research_rows.scores as float8[] text */
	size_t nscores;
};

/* compute runs inside db_evaluation_refresh's transaction, after the counts
 * that SQL can make alone (funnel, offers, actions, meetings) are inserted: it
 * reads db_evaluation_sources and COPYs the score summaries. 0 or -1 (db->err). */
typedef int (*evaluation_compute_fn)(struct db *db, const char *refresh_id);
/* Replaces every evaluation summary in one transaction, recorded as a
 * benchmark_refreshes row of kind 'evaluation'. Sets *refresh_id (may be NULL).
 * 0 or -1. */
int db_evaluation_refresh(struct db *db, evaluation_compute_fn compute, long long *refresh_id);
/* Inside the caller's transaction: each(arg, row) for every submitted scan with
 * a research row, through a cursor. 0, or -1 on error or when each stopped. */
int db_evaluation_sources(struct db *db, int (*each)(void *arg, const struct evaluation_source *row), void *arg);
/* COPY of tab-separated lines into evaluation_histograms (org_id, quarter,
 * questionnaire_id, level, key, n, sum, min, max, bins, counts, sums, refresh_id),
 * evaluation_counts (org_id, quarter, kind, key, n, refresh_id) and
 * evaluation_steps (org_id, later_quarter, earlier_quarter, before_quarter, key,
 * n, sum_change, refresh_id). 0 or -1. */
int db_evaluation_copy_histograms(struct db *db, const char *lines, size_t len);
int db_evaluation_copy_counts(struct db *db, const char *lines, size_t len);
int db_evaluation_copy_steps(struct db *db, const char *lines, size_t len);

/* ---- reading ---- */

/* An association whose figures a reader may see. */
struct evaluation_org {
	long long id;
	const char *name;
};
/* The associations that share with research group research_org_id
 * (share_research and research_org_id), by name. Count or -1. */
int db_evaluation_sharing_orgs(struct db *db, struct arena *a, long long research_org_id,
			       struct evaluation_org **out);
/* The name of association org_id into *name (arena); 1 found, 0 not, -1 error. */
int db_evaluation_org_name(struct db *db, struct arena *a, long long org_id, const char **name);

struct evaluation_count_row {
	const char *kind, *key;
	const char *label;    /* the offer's title for offer kinds, else "" */
	long long n;
};
struct evaluation_hist_row {
	long long questionnaire_id;
	const char *level, *key;
	long long n;
	double sum, min, max;
	const char *bins, *counts;   /* int arrays as text: "{1,5,…}" */
	const char *sums;            /* float8 array as text: the sum of each bin's scores */
};
struct evaluation_step_row {
	const char *key;             /* pillar */
	long long companies;         /* companies with a repeat scan in the period */
	double sum_change;           /* sum over them of latest − first */
};
/* What the summaries hold for associations org_ids[0..n_orgs) and the quarters
 * from_q..to_q (both first days of a quarter). */
struct evaluation_rows {
	long long refresh_id;        /* 0: never refreshed */
	const char *refreshed_at;    /* "YYYY-MM-DD HH24:MI", "" when never */
	struct evaluation_count_row *counts;
	size_t n_counts;
	struct evaluation_hist_row *hists;   /* ordered by level, key, questionnaire */
	size_t n_hists;
	struct evaluation_step_row *steps;
	size_t n_steps;
};
/* Reads them (three small aggregate queries over the summaries; no scan is
 * read). 0 or -1. */
int db_evaluation_read(struct db *db, struct arena *a, const long long *org_ids, size_t n_orgs,
		       const char *from_q, const char *to_q, struct evaluation_rows *out);

#endif

/* benchmark_snapshot.h: the benchmark table (peer statistics per questionnaire
 * version × peer group × score) that scan pages and reports read, and the
 * research aggregates table.
 *
 * Which scans count: the latest submitted scan of every company per
 * questionnaire version, from every association (benchmarks pool them all).
 * Demo scans (is_demo) count only while the installation holds no real
 * submitted scan at all, so demo data can never pollute a real benchmark.
 * The company's own scan is in its group; db_benchmark_lookup therefore asks
 * for n ≥ k + 1, so that at least k OTHER companies are in a group used. */
#ifndef FPHC_DB_BENCHMARK_SNAPSHOT_H
#define FPHC_DB_BENCHMARK_SNAPSHOT_H

#include <stddef.h>
#include "server/db/db.h"
#include "scoring/peer.h"

/* Recomputes the whole snapshot (benchmark_refresh.c: one read of the latest
 * scan of each company from research_rows, statistics in C; a few seconds at
 * 1,000,000 scans) and replaces it in one transaction; readers see the old or
 * the new one, never a mix. With FPHC_BENCHMARKS_SQL set, the same snapshot
 * comes from the reference SQL (minutes at 1,000,000 scans; for tests).
 * On a busy installation call db_benchmarks_refresh_debounced after a
 * submission. Sets *refresh_id (may be NULL). 0 or -1. */
/* compute runs inside db_benchmarks_refresh's transaction and inserts the
 * snapshot rows of refresh_id (decimal): 0 or -1 (db->err). server/app gives it
 * (benchmark_refresh.h), so server/db calls nothing above itself. */
typedef int (*benchmark_compute_fn)(struct db *db, const char *refresh_id);
int db_benchmarks_refresh(struct db *db, benchmark_compute_fn compute, long long *refresh_id);

/* The latest peer-set scan of one company on one questionnaire version, as the
 * refresh reads it. Strings borrow the database result: valid during the
 * callback only. */
struct benchmark_source {
	long long questionnaire_id;
	const char *sector;       /* "" when unknown */
	const char *size_class;   /* fphc_size_class(fte): "fte_10_49" …; "" when unknown */
	const char *scores;       /* research_rows.scores as float8[] text: "{67.4,NULL,…}" */
	size_t nscores;           /* the array's length */
};
/* Inside the caller's transaction: calls each(arg, row) for the latest
 * peer-set scan (server/db/peer_set.h) of every company per questionnaire
 * version, ordered by questionnaire, read through a cursor in batches. Stops
 * at the first non-zero return of each. 0, or -1 on a database error or when
 * each stopped. */
int db_benchmark_sources(struct db *db, int (*each)(void *arg, const struct benchmark_source *row), void *arg);
/* Inside the caller's transaction: COPYs len bytes of tab-separated lines
 * (questionnaire_id, group_kind, group_key, level, key, n, mean, sd, p25,
 * median, p75, hist_bins, hist_counts, refresh_id; \N for NULL) into
 * benchmark_snapshots. 0 or -1 (db->err). */
int db_benchmark_snapshot_copy(struct db *db, const char *lines, size_t len);

/* Refreshes only when the last refresh is older than `seconds` (the submit
 * path calls this with e.g. 60: at most one refresh a minute, and the first
 * submission after a quiet spell refreshes at once). Returns 1 refreshed,
 * 0 not needed, -1 error. A pg_try_advisory_xact_lock keeps two instances from
 * refreshing at the same time. */
int db_benchmarks_refresh_debounced(struct db *db, benchmark_compute_fn compute, int seconds);

/* Peer statistics of score (level, key) for a company in `sector` with `fte`
 * on questionnaire_id: the first group of sector → size class → all with at
 * least k + 1 scans (k ≤ 0: PEER_K_DEFAULT). Fills *out: n, mean, sd, p25,
 * median, p75 exact (as percentile_cont), percentile_rank NAN (use
 * db_benchmark_rank). group_label gets "sector:C", "size_class:fte_50_99" or
 * "all". Returns 1 found, 0 no group large enough (or no snapshot yet), -1
 * error. */
int db_benchmark_lookup(struct db *db, long long questionnaire_id, const char *sector, double fte,
			const char *level, const char *key, int k, struct peer_stats *out,
			char *group_label, size_t len);
/* The same plus the percentile rank of `own` from the group's histogram
 * (0.5-point bins: exact up to the scores sharing own's bin, counted as ½). */
int db_benchmark_lookup_rank(struct db *db, long long questionnaire_id, const char *sector, double fte,
			     const char *level, const char *key, int k, double own,
			     struct peer_stats *out, char *group_label, size_t len);
/* id and time (text) of the current benchmark snapshot; 0 when none, -1 error. */
long long db_benchmark_current(struct db *db, char *computed_at, size_t len);

/* One submitted scan of an association that shares with a research group,
 * as the research aggregates read it (strings borrowed from the result). */
struct aggregate_source {
	long long research_org_id, questionnaire_id;
	const char *sector, *size_class, *region, *period; /* "" when unknown; period "2026-Q1" */
	const char *scores; /* research_rows.scores as text, scan_score_rows order */
	size_t nscores;
};
/* Inside the caller's transaction: calls each(arg, row) for every such scan,
 * in no particular order, read through a cursor in batches. 0, or -1 on a
 * database error or when each returned non-zero. */
int db_aggregate_sources(struct db *db, int (*each)(void *arg, const struct aggregate_source *row), void *arg);
/* Inside the caller's transaction: COPYs tab-separated lines (research_org_id,
 * questionnaire_id, dimension, cell, level, key, n, mean, sd, p25, median, p75,
 * refresh_id) into research_aggregates. 0 or -1 (db->err). */
int db_research_aggregates_copy(struct db *db, const char *lines, size_t len);

/* Recomputes research_aggregates for every research group (all submitted
 * scans of the associations that share with it; period = quarter of
 * submission): compute(db, refresh_id) inserts the rows inside the refresh's
 * transaction (FPHC_BENCHMARKS_SQL=1: the reference SQL over `scores` instead,
 * for fixtures without research_rows and for comparing the two). 0 or -1. */
int db_research_aggregates_refresh(struct db *db, benchmark_compute_fn compute, long long *refresh_id);

#endif

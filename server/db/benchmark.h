/* benchmark.h: peer statistics of a scan's scores (design.md "Scoring semantics").
 *
 * Peers are the latest submitted scan of every OTHER company on the same
 * questionnaire version. The group is the first of sector → size class → all
 * that holds at least k peer scans; fewer than k everywhere means no benchmark.
 * Per score, a group with fewer than k valid peer scores gives no benchmark for
 * that score either. Quartiles are PostgreSQL's percentile_cont; the percentile
 * rank is 100 × (below + ½·equal) / n.
 *
 * This is the one function the research part will point at benchmark snapshots
 * instead of live scores: callers never see where the numbers come from. */
#ifndef FPHC_DB_BENCHMARK_H
#define FPHC_DB_BENCHMARK_H

#include <stddef.h>

#include "common/arena.h"
#include "server/db/db.h"

struct benchmark_group {
	const char *kind;  /* "sector", "size_class", "all" or "none" */
	const char *value; /* the SBI section or size class key; "" for all/none */
	long n;            /* peer scans in the group */
};

struct benchmark_stats {
	int available;     /* n >= k */
	long n;            /* peers with a valid score */
	double mean, sd, p25, median, p75;
	double percentile_rank; /* NAN when the own score is not valid */
};

struct benchmark_score {
	const char *level, *key;
	struct benchmark_stats stats;
};

struct benchmark {
	struct benchmark_group group;
	struct benchmark_score *scores; /* in the arena */
	size_t n_scores;
};

/* Computes the benchmark of every score of scan_id with threshold k (<= 0 means 5).
 * Returns 0, or -1 on a database error (db->err). */
int db_benchmark_scan(struct db *db, struct arena *a, long long scan_id, int k,
		      struct benchmark *out);

/* The size class key of an FTE count ("fte_10_49" … "fte_200_plus"). */
const char *benchmark_size_class(double fte);

#endif

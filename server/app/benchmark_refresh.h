/* benchmark_refresh.h: the peer statistics snapshot, computed in C (see
 * benchmark_refresh.c) and stored by server/db/benchmark_snapshot.c. */
#ifndef FPHC_BENCHMARK_REFRESH_H
#define FPHC_BENCHMARK_REFRESH_H

#include "server/db/benchmark_snapshot.h"

/* Inside db_benchmarks_refresh's transaction: inserts the snapshot rows of
 * refresh_id (decimal). 0 or -1 (db->err). */
int benchmark_refresh_compute(struct db *db, const char *refresh_id);
/* Recomputes the whole snapshot now (db_benchmarks_refresh with the computation
 * above), then the interim evaluation's summaries (evaluation_refresh.h, a
 * refresh of its own). Sets *refresh_id (the benchmarks'; may be NULL). 0 or -1. */
int benchmarks_refresh(struct db *db, long long *refresh_id);
/* The same when the last refresh is older than seconds: 1 refreshed, 0 not needed, -1 error. */
int benchmarks_refresh_debounced(struct db *db, int seconds);

#endif

/* aggregates_refresh.h: the research aggregates (/research/aggregates),
 * computed in C (see aggregates_refresh.c) and stored by
 * server/db/benchmark_snapshot.c. */
#ifndef FPHC_AGGREGATES_REFRESH_H
#define FPHC_AGGREGATES_REFRESH_H

#include "server/db/benchmark_snapshot.h"

/* Inside db_research_aggregates_refresh's transaction: inserts the rows of
 * refresh_id (decimal). 0 or -1 (db->err). */
int aggregates_refresh_compute(struct db *db, const char *refresh_id);
/* Recomputes every research group's aggregates now; sets *refresh_id (may be NULL). 0 or -1. */
int aggregates_refresh(struct db *db, long long *refresh_id);

#endif

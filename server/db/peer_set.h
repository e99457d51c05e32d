/* peer_set.h: THE rule for which scans form a comparison group (docs/research.md).
 *
 * A scan counts as a peer when it is submitted and it is a real scan, or when
 * it is a demo scan and the installation has no real submitted scan at all:
 * demo scans fill the charts of a fresh installation and drop out the moment
 * the first real company submits, so a real company is never compared with
 * synthetic ones. Every place that compares uses this one condition: the live
 * peer groups (server/db/benchmark.c: scan page, draft and final PDF, meeting
 * brief, done page) and the benchmark snapshot (server/app/benchmark_refresh.c
 * and its reference SQL in server/db/benchmark_snapshot.c).
 *
 * PEER_SET_SQL("s") is a boolean SQL condition on the scans row aliased s; the
 * uncorrelated EXISTS is evaluated once per statement. */
#ifndef FPHC_DB_PEER_SET_H
#define FPHC_DB_PEER_SET_H

#define PEER_SET_SQL(alias)                                                              \
	"(" alias ".submitted_at IS NOT NULL AND (NOT " alias ".is_demo OR NOT EXISTS"   \
	" (SELECT 1 FROM scans peer_real WHERE peer_real.submitted_at IS NOT NULL"         \
	" AND NOT peer_real.is_demo)))"

#endif

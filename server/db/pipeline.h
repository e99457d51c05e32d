/* pipeline.h: the association's dashboard — scans per status (the funnel) and the
 * filtered, paged list, with stale scans flagged: invited more than 14 days ago
 * and not started, or submitted more than 14 days ago without advice. */
#ifndef FPHC_DB_PIPELINE_H
#define FPHC_DB_PIPELINE_H

#include "server/db/db.h"

#define PIPELINE_STALE_DAYS 14

/* Filters; NULL (or 0) means "any". Dates are "YYYY-MM-DD" (checked by the
 * caller) and apply to the scan's creation date, both ends inclusive. */
struct pipeline_filter {
	const char *status;
	const char *sector;
	long long advisor_id;
	const char *from;
	const char *to;
	int stale_only;
};

/* Per status under every filter except the status (and stale) filter: status,
 * count, stale count. NULL on error. */
PGresult *db_pipeline_counts(struct db *db, long long org_id, const struct pipeline_filter *f);
/* One page of scans, newest first: scan id, status, company id, company name,
 * sector, advisor name, created (DD-MM-YYYY), submitted (DD-MM-YYYY or ""), stale. */
PGresult *db_pipeline_list(struct db *db, long long org_id, const struct pipeline_filter *f, int offset, int limit);
/* Staff of the association for the advisor filter: id, name (or e-mail). */
PGresult *db_pipeline_advisors(struct db *db, long long org_id);

#endif

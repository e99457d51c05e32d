/* pipeline.h: the association's dashboard — scans per status (the funnel) and the
 * filtered, paged list, with stale scans flagged: invited more than 14 days ago
 * and not started, or submitted more than 14 days ago without advice. */
#ifndef FPHC_DB_PIPELINE_H
#define FPHC_DB_PIPELINE_H

#include "common/arena.h"
#include "server/db/account.h"
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

/* How many scans are in one status. */
struct pipeline_count {
	const char *status;
	long long count;
	long long stale;          /* of which stale */
};
/* Per status under every filter except the status (and stale) filter, into *out
 * (arena; statuses without scans are left out). Row count, or -1 on error. */
int db_pipeline_counts(struct db *db, struct arena *a, long long org_id, const struct pipeline_filter *f,
		       struct pipeline_count **out);

/* A scan in the dashboard list. */
struct pipeline_scan {
	long long id;
	const char *status;
	long long company_id;
	const char *company;
	const char *sector;       /* the scan's sector, or else the company's */
	const char *advisor;      /* "" when none */
	const char *created;      /* DD-MM-YYYY, local time */
	const char *submitted;    /* DD-MM-YYYY, "" when not submitted */
	int stale;
};
/* One page of scans, newest first, into *out (arena). Row count, or -1 on error. */
int db_pipeline_list(struct db *db, struct arena *a, long long org_id, const struct pipeline_filter *f,
		     int offset, int limit, struct pipeline_scan **out);
/* Staff of the association (disabled ones too) for the advisor filter, by name,
 * into *out (arena). Row count, or -1 on error. */
/* What needs one advisor today, over the scans assigned to them: invitations
 * unanswered for 14 days, submitted scans waiting for advice,
 * final reports without a planned meeting, and their overdue actions. */
struct pipeline_today {
	long long stale_invites, waiting_advice, meetings_to_plan, overdue_actions;
};
/* 0, or -1 on error. */
int db_pipeline_today(struct db *db, long long org_id, long long user_id, struct pipeline_today *out);

int db_pipeline_advisors(struct db *db, struct arena *a, long long org_id, struct user_option **out);

#endif

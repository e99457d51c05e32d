/* scan_workflow.h: the back-office status workflow of a submitted scan.
 *
 *   submitted → advice (advice in progress) → final (report final)
 *             → meeting_held → closed
 * Only one step forward at a time; going back is a "reopen" to any earlier
 * back-office status and needs a reason. Pure functions, no I/O, except the
 * freezing of the final report (scan_final_prepare, scan_on_final). */
#ifndef FPHC_SCAN_WORKFLOW_H
#define FPHC_SCAN_WORKFLOW_H

#include <stddef.h>

/* The position of a back-office status (submitted 0 … closed 4), or -1 for
 * any other status (invited, started, unknown). */
int scan_status_rank(const char *status);
/* The next status after `status`, or NULL when there is none. */
const char *scan_status_next(const char *status);
/* 1 when moving from → to is one step forward. */
int scan_status_forward_ok(const char *from, const char *to);
/* 1 when `to` is an earlier back-office status than `from` (a reopen). */
int scan_status_reopen_ok(const char *from, const char *to);

/* Freezing the final report happens in two steps around the status change:
 * scan_final_prepare() renders the report before the transaction (rendering
 * reads the benchmark, which opens transactions of its own), and
 * scan_on_final() stores it inside the transaction that moves the scan to
 * "final" (db_scan_set_status_then), so the status and the stored report are
 * committed together or not at all. */
#include <time.h>
#include "common/buf.h"
struct db;
struct scan_final {
	long long scan_id, user_id;
	time_t created;             /* the finalize time: the PDF's creation date */
	struct buf pdf;
	char sha256[65];
	long long benchmark_refresh_id;
	int text_revision;          /* of the questionnaire texts the report shows */
	int version;                /* set by scan_on_final */
	char web_token[24];         /* a new report link printed in this PDF, "" when the
				     * scan had a live one (server/db/report_link.h) */
};
/* Renders the final report of scan_id of association org_id (in the scan's
 * language, created now). link_prefix is the absolute "https://host/r/" the
 * report's new web link is printed with (server/http/link.h). 0, 1 when the
 * scan is not the association's, -1 on a database error (db->err) or a rendering failure (err). Release f with
 * scan_final_release() in every case. */
int scan_final_prepare(struct db *db, long long scan_id, long long org_id, long long user_id,
		       const char *link_prefix, struct scan_final *f, char *err, size_t errlen);
/* Stores the prepared report as the scan's next version; the in_tx hook of
 * db_scan_set_status_then (arg is a struct scan_final). 0 or -1. */
int scan_on_final(struct db *db, void *arg);
void scan_final_release(struct scan_final *f);

#endif

/* scan_workflow.h: the back-office status workflow of a submitted scan.
 *
 *   submitted → advice (advice in progress) → final (report final)
 *             → meeting_held → closed
 * Only one step forward at a time; going back is a "reopen" to any earlier
 * back-office status and needs a reason. Pure functions, no I/O, except the
 * scan_on_final() hook. */
#ifndef FPHC_SCAN_WORKFLOW_H
#define FPHC_SCAN_WORKFLOW_H

struct req;

/* The position of a back-office status (submitted 0 … closed 4), or -1 for
 * any other status (invited, started, unknown). */
int scan_status_rank(const char *status);
/* The next status after `status`, or NULL when there is none. */
const char *scan_status_next(const char *status);
/* 1 when moving from → to is one step forward. */
int scan_status_forward_ok(const char *from, const char *to);
/* 1 when `to` is an earlier back-office status than `from` (a reopen). */
int scan_status_reopen_ok(const char *from, const char *to);

/* Called once a scan has moved to "final", after the change was committed.
 * The PDF report part freezes the final report here (issue 7); until that is
 * merged it does nothing. */
void scan_on_final(struct req *r, long long scan_id);

#endif

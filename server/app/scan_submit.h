/* scan_submit.h: the owner sends the scan: scored here, by the scoring engine,
 * and stored with its status in one transaction. */
#ifndef FPHC_SCAN_SUBMIT_H
#define FPHC_SCAN_SUBMIT_H

#include "scoring/questionnaire.h"
#include "server/db/db.h"

enum scan_submit_outcome {
	SCAN_SUBMIT_DONE,          /* submitted and scored now */
	SCAN_SUBMIT_ALREADY,       /* was submitted before (double click, second tab) */
	SCAN_SUBMIT_NOT_STARTED,   /* no consent yet */
	SCAN_SUBMIT_ERROR,         /* database error (db->err) or stored answers invalid */
};

/* Submits the scan in one transaction: locks the scan row, checks its status,
 * loads the answers, scores them, stores the result (results + flattened
 * scores: overall, each pillar, each theme) and sets status 'submitted'.
 * Concurrent calls for one scan give one DONE and otherwise ALREADY. On ERROR
 * nothing is changed. */
enum scan_submit_outcome scan_submit(struct db *db, long long scan_id, const struct questionnaire *q);

#endif

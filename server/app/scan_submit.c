/* scan_submit.c: scoring and storing a sent scan; see scan_submit.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/app/scan_submit.h"
#include "server/db/owner_scan.h"
#include "server/db/scan_store.h"
#include "scoring/answers.h"
#include "scoring/score.h"
#include "common/banned.h"

/* Scores the stored answers (JSON text) and stores the result through the one
 * writer of results (server/db/scan_store.c). 0 or -1. */
static int store_scores(struct db *db, long long scan_id, const struct questionnaire *q, const char *answers_text)
{
	struct problems problems;
	problems_init(&problems, 5);
	struct answer_set *set = answers_parse_text(q, answers_text, strlen(answers_text), &problems);
	if (!set) {
		snprintf(db->err, sizeof(db->err), "stored answers of scan %lld do not validate: %s", scan_id,
			 problems.n ? problems.items[0].message : "?");
		problems_release(&problems);
		return -1;
	}
	problems_release(&problems);
	struct score_result *r = score_compute(q, set);
	int rc = db_scan_store_result(db, scan_id, q, r);
	score_result_free(r);
	answer_set_free(set);
	return rc;
}

enum scan_submit_outcome scan_submit(struct db *db, long long scan_id, const struct questionnaire *q)
{
	if (db_begin(db) != 0)
		return SCAN_SUBMIT_ERROR;
	char status[32];
	if (db_scan_lock_for_submit(db, scan_id, status, sizeof(status)) != 1)
		goto fail;
	if (strcmp(status, "started") != 0) {
		db_rollback(db);
		return strcmp(status, "invited") == 0 ? SCAN_SUBMIT_NOT_STARTED : SCAN_SUBMIT_ALREADY;
	}
	char *answers = db_scan_answers_json(db, scan_id);
	if (!answers)
		goto fail;
	int stored = store_scores(db, scan_id, q, answers);
	free(answers);
	if (stored != 0 || db_scan_mark_submitted(db, scan_id) != 0 || db_commit(db) != 0)
		goto fail;
	return SCAN_SUBMIT_DONE;
fail:
	db_rollback(db);
	return SCAN_SUBMIT_ERROR;
}

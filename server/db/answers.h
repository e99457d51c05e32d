/* answers.h: the owner's answers of a scan (table answers), saved one by one
 * (autosave) or a page at a time. Values are the JSON the scoring engine takes
 * (scoring/answers.h); callers validate them before saving.
 *
 * Writes only go through while the scan is 'started': each takes a KEY SHARE
 * lock on the scan row, so it waits for a submission in progress (which holds
 * FOR UPDATE) and then sees the new status. Nothing is written after a submit. */
#ifndef FPHC_DB_ANSWERS_H
#define FPHC_DB_ANSWERS_H

#include "server/db/db.h"

/* Saves (or, when value_json is NULL, deletes) one answer and moves last_page to
 * `page` when it differs. One statement, committed on return (asynchronously:
 * see answers.c). Sets *answered to the scan's number of answered items after
 * the save. Returns 1 saved, 0 when the scan is not open for answers, -1 on error. */
int db_answer_save(struct db *db, long long scan_id, const char *item_key, const char *value_json,
		   int page, int *answered);

/* One answer of a page: value_json NULL deletes it. */
struct answer_write {
	const char *item_key;
	const char *value_json;
};

/* Saves a page of answers and sets last_page, in one transaction. Returns 1
 * saved, 0 when the scan is not open for answers (nothing saved), -1 on error. */
int db_answers_save_page(struct db *db, long long scan_id, const struct answer_write *w, int n,
			 int page);

#endif

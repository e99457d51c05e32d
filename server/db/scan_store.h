/* scan_store.h: storing a scored submission — the one place that writes
 * `results` and the flattened `scores` of a scan. Used by the respondent's
 * submit path (server/db/scan.c), `fphc rescore` and `fphc demo seed`, so a
 * demo scan is stored exactly as a real one. */
#ifndef FPHC_DB_SCAN_STORE_H
#define FPHC_DB_SCAN_STORE_H

#include "common/arena.h"
#include "server/db/db.h"
#include "scoring/questionnaire.h"
#include "scoring/score.h"
#include "common/buf.h"

/* One flattened score: level "overall" (key "overall"), "pillar" or "theme"
 * (key = the pillar's / theme's key). score is NAN when !valid; band NULL then. */
struct score_row {
	const char *level;
	const char *key;
	double score;
	int valid;
	const char *band;
};

/* Number of flattened rows of a result: 1 + pillars + themes. */
size_t scan_score_row_count(const struct questionnaire *q);
/* Fills rows[0 .. scan_score_row_count(q)) in questionnaire order: overall,
 * then each pillar followed by its themes. Strings borrow q. */
void scan_score_rows(const struct questionnaire *q, const struct score_result *res,
		     struct score_row *rows);

/* Appends rows[0..n) as a PostgreSQL float8[] literal ("{67.4,NULL,…}", NULL
 * where not valid): the `scores` column of research_rows. */
void scan_scores_array(const struct score_row *rows, size_t n, struct buf *out);

/* Inserts the result (engine version, overall, the whole result JSON), the
 * flattened scores of scan_id and its research row (answers as one JSON text
 * plus the scores array, migration 0051), replacing any stored before (rescore).
 * Call it after the scan's answers are stored: the research row copies them. Runs
 * inside the caller's transaction when one is open (the submit path stores the
 * answers, the status and this together), else in its own. Does not touch
 * `answers` or `scans`. Returns 0, or -1 with db->err set. */
int db_scan_store_result(struct db *db, long long scan_id, const struct questionnaire *q,
			 const struct score_result *res);

/* For `fphc rescore`: a stored questionnaire version (its own definition, not
 * a text revision: texts never change scores); strings in the arena. */
struct rescore_questionnaire {
	long long id;
	const char *definition_json, *key;
	int version;
};
/* The stored versions numbered `version` (0: every version), by id; the row
 * count or -1 on error. */
int db_rescore_questionnaires(struct db *db, struct arena *a, int version, struct rescore_questionnaire **out);
/* Calls each(arg, scan id, answers) for every submitted scan of the version, by
 * id; answers is {"answers": {...}} as JSON text, valid during the call only
 * (the callback may use db). Stops at the first non-zero return. 0, or -1 on a
 * database error or when each stopped. */
int db_rescore_scans(struct db *db, long long questionnaire_id,
		     int (*each)(void *arg, long long scan_id, const char *answers_json), void *arg);
/* The stored scores of one scan exactly as stored (unlike db_scan_scores: valid
 * as the column says, score NAN only for NULL, band NULL only for NULL), strings
 * in the arena; the row count or -1 on error. */
int db_rescore_scores(struct db *db, struct arena *a, long long scan_id, struct score_row **out);

#endif

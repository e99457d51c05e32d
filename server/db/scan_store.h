/* scan_store.h: storing a scored submission — the one place that writes
 * `results` and the flattened `scores` of a scan. Used by the respondent's
 * submit path (server/db/scan.c), `fphc rescore` and `fphc demo seed`, so a
 * demo scan is stored exactly as a real one. */
#ifndef FPHC_DB_SCAN_STORE_H
#define FPHC_DB_SCAN_STORE_H

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

/* For `fphc rescore`: the stored questionnaire versions (id, definition, key,
 * version; version NULL: all), the submitted scans of one (id, answers as
 * {"answers": {...}}), and the stored scores of one scan (level, key, valid,
 * score, band). NULL on error. */
PGresult *db_rescore_questionnaires(struct db *db, const char *version);
PGresult *db_rescore_scans(struct db *db, const char *questionnaire_id);
PGresult *db_rescore_scores(struct db *db, const char *scan_id);

#endif

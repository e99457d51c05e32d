/* evaluation_refresh.h: the refresh of the interim evaluation's per-quarter
 * summaries (migration 0090), run with the benchmark refresh. */
#ifndef FPHC_EVALUATION_REFRESH_H
#define FPHC_EVALUATION_REFRESH_H

#include "server/db/evaluation.h"

/* Inside db_evaluation_refresh's transaction: one read of every submitted
 * scan's scores (ordered by company), in C: per association × quarter ×
 * questionnaire version × score a histogram (scoring/histogram.h), per theme
 * the attention points, and the pillar changes between a company's
 * consecutive scans. 0 or -1 (db->err). */
int evaluation_refresh_compute(struct db *db, const char *refresh_id);
/* Recomputes every summary now. Sets *refresh_id (may be NULL). 0 or -1. */
int evaluation_refresh(struct db *db, long long *refresh_id);

#endif

/* research_items.h: item statistics and reliability of one questionnaire version over
 * the scans a research group may see: per item n, mean and sd of the item
 * score, % missing, the answer distribution, item–rest correlation and alpha
 * if the item is deleted (within its theme); Cronbach's alpha per theme and
 * per pillar (scoring/reliability.h: listwise deletion of incomplete rows).
 * Computed over the newest `max_rows` scans (the page says how many). */
#ifndef FPHC_RESEARCH_ITEMS_H
#define FPHC_RESEARCH_ITEMS_H

#include <cJSON.h>
#include "scoring/questionnaire.h"
#include "server/db/research.h"

#define ITEM_STATS_MAX_ROWS 20000

/* The statistics as JSON: {"n_scans", "themes": [{key, title, pillar, alpha,
 * omega, omega_low, heywood, n_complete, items: [{key, text, type, n, mean,
 * sd, pct_missing, pct_na, distribution: [{value, label, n}], item_rest,
 * alpha_if_deleted, loading, pct_floor, pct_ceiling, flags: ["na", …],
 * flagged}]}] (scoring/item_diagnostics.h: the rules),
 * "pillars": [{key, title, alpha, n_complete}]}. NULL with err on failure. */
cJSON *research_item_stats(struct db *db, const struct questionnaire *q, const struct research_filter *f,
			   size_t max_rows, const char *lang, char *err, size_t errlen);

#endif

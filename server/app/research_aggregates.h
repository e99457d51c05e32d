/* research_aggregates.h: the research aggregates as JSON, with small-cell suppression
 * (scoring/suppression.h) applied per score and dimension, and their SVG chart. */
#ifndef FPHC_RESEARCH_AGGREGATES_H
#define FPHC_RESEARCH_AGGREGATES_H

#include <cJSON.h>
#include "common/buf.h"
#include "server/db/research.h"

/* From the n rows of db_research_aggregates: {"computed_at", "k", "tables": [{dimension, level,
 * key, total: {n, mean, sd, p25, median, p75} | {suppressed}, cells: [{cell, n, mean, sd,
 * p25, median, p75} | {cell, suppressed: "primary"|"secondary"}]}]}. A suppressed cell
 * carries no number at all. */
cJSON *aggregates_json(const struct research_aggregate_row *rows, int n, int k);

/* An SVG of one table: per shown cell a bar from p25 to p75 with a median tick, on a
 * 0–100 axis; presentation attributes only (no style attributes: the CSP). */
void aggregates_svg(const cJSON *table, const char *title, struct buf *out);

#endif

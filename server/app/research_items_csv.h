/* research_items_csv.h: the item diagnostics of research_item_stats() as CSV
 * (UTF-8, ',' separated, CRLF, one line per scored item) for the research
 * group to take to the questionnaire's next version. Numbers are the shortest
 * text that reads back (empty when there is none); percentages are 0–100;
 * text cells that a spreadsheet would evaluate (=, +, -, @, TAB, CR first) get
 * a leading apostrophe, as in the research CSVs (buf_csv_text). */
#ifndef FPHC_RESEARCH_ITEMS_CSV_H
#define FPHC_RESEARCH_ITEMS_CSV_H

#include <cJSON.h>
#include "common/buf.h"

/* Appends the CSV of `stats` (the JSON of research_item_stats) to out.
 * 0, or -1 when out hit its cap. */
int research_items_csv(const cJSON *stats, struct buf *out);

#endif

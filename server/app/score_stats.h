/* score_stats.h: the statistics of a group of scores as the snapshot tables
 * store them (n, mean, sd, p25, median, p75), computed from values sorted
 * ascending. Shared by the benchmark refresh and the research aggregates. */
#ifndef FPHC_SCORE_STATS_H
#define FPHC_SCORE_STATS_H

#include <stddef.h>

#include "common/buf.h"
#include "scoring/peer.h"
#include "scoring/questionnaire.h"

/* The group codes of a scan in the refreshes: its SBI section letter ("A".."Z"
 * → 0..25) and its size class key (peer_size_class_key → enum peer_size_class);
 * -1 when unknown. */
#define SCORE_N_SECTOR 26 /* 'A'..'Z'; the schema allows A–U */
signed char score_sector_code(const char *sector);
signed char score_size_code(const char *size_class);

/* A score and the row it came from, for sorting once and scattering into
 * groups. */
struct score_entry {
	double v;
	unsigned int row;
};

/* Reads a PostgreSQL float8[] in text form (research_rows.scores:
 * "{79.2,NULL,…}") into row[0..n): NAN for NULL, for what is not a finite
 * number and past the array's end. */
void score_array_parse(const char *text, double *row, size_t n);

/* The level ("overall", "pillar", "theme") and key of score k in
 * scan_score_rows order: overall, then each pillar followed by its themes.
 * 0, or -1 when q has fewer scores. */
int score_row_name(const struct questionnaire *q, size_t k, const char **level, const char **key);

/* The finite values of column k of vals (n rows of stride values), each with
 * its row number, into e (room for n), sorted by value. Returns how many. */
size_t score_column_sorted(const double *vals, size_t n, size_t stride, size_t k, struct score_entry *e);

/* Walks the score columns of a table of scans (rows × stride values, in
 * scan_score_rows order) that have at least one value:
 *   struct score_column c = {.q = q, .vals = vals, .rows = n, .stride = stride, .e = e};
 *   while (score_column_next(&c)) … c.level, c.key, c.e[0..c.n) sorted …
 * e needs room for rows entries. */
struct score_column {
	const struct questionnaire *q;
	const double *vals;
	size_t rows, stride;
	struct score_entry *e;
	size_t k;                /* the column after the current one */
	const char *level, *key; /* of the current column */
	size_t n;                /* its values in e */
};
int score_column_next(struct score_column *c);

/* The p-quantile of sorted v[0..n) as percentile_cont computes it (n ≥ 1). */
double score_quantile(const double *v, size_t n, double p);

/* Appends "\tn\tmean\tsd\tp25\tmedian\tp75" for sorted v[0..n) (n ≥ 1), as COPY
 * text columns: doubles with 17 significant digits, \N for the sd of one value.
 */
void score_stats_columns(struct buf *b, const double *v, size_t n);

#endif

/* research_export.h: the research exports — wide CSV, long CSV, codebook CSV, SPSS
 * .sav, Stata .dta and the wide CSV as a Data Package (zip) — streamed: rows are written as they are fetched (a server-side cursor,
 * 10,000 rows a batch), so memory does not grow with the number of scans.
 *
 * Pseudonym of a company: the first 16 hex characters (64 bits) of
 * HMAC-SHA256(key = the installation's pseudonym_secret, message = the company
 * id in decimal). Stable across exports (same secret), unlinkable without the
 * secret, different on an installation with another secret. 64 bits make an
 * accidental collision among a million companies about 1 in 36 million. */
#ifndef FPHC_RESEARCH_EXPORT_H
#define FPHC_RESEARCH_EXPORT_H

#include <stdio.h>

#include "scoring/questionnaire.h"
#include "server/db/research.h"
#include "scoring/answers.h"
#include "common/buf.h"
#include "server/app/research_row_decode.h"

enum export_format { EXPORT_WIDE, EXPORT_LONG, EXPORT_CODEBOOK, EXPORT_SAV, EXPORT_DTA, EXPORT_DATAPACKAGE };

#define PSEUDONYM_LEN 16

/* The pseudonym of a company (PSEUDONYM_LEN hex chars + NUL). */
void research_pseudonym(const unsigned char key[32], long long company_id, char out[PSEUDONYM_LEN + 1]);

/* "csv", "long", "codebook", "sav", "dta", "datapackage" → format; -1 when unknown. */
int export_format_parse(const char *s, enum export_format *out);
const char *export_format_ext(enum export_format f);          /* "csv", "sav", "dta", "zip" */
const char *export_format_content_type(enum export_format f);
/* The download's file name, "fphc-scans-v1.sav" (the one naming rule: the Data
 * Package's resource path is the wide CSV's name). Truncates to n. */
void export_format_filename(enum export_format f, long version, char *out, size_t n);

/* Splits a float8[] text ("{67.4,NULL,12.5}") into at most n element spans:
 * start[i]/len[i] point into text; start[i] NULL for NULL and for elements
 * past the end. Returns the number of elements found. */
size_t research_scores_split(const char *text, const char **start, size_t *len, size_t n);

/* The answers of fetched export row i as an answer set (caller frees), with
 * open-text answers dropped unless the row's association shares them; an empty
 * set (everything unanswered) when the stored answers no longer validate. */
struct answer_set *research_row_answers(struct row_decoder *d, const struct research_export_row *row);

/* Walks the export rows of f in one read-only snapshot (db_research_export_*):
 * begin(arg, count) once before the first row (count: the rows to come; begin
 * may be NULL), then each(arg, row, set) for every row with its answers as
 * research_row_answers gives them (freed after each returns). begin and each
 * return 0 to go on, 1 to stop early, -1 to fail with a message in err.
 * Keeps the next batch coming while the rows are handled. 0, or -1 (err). */
typedef int (*research_rows_begin_fn)(void *arg, long long count, char *err, size_t errlen);
typedef int (*research_rows_each_fn)(void *arg, const struct research_export_row *row, const struct answer_set *set,
				     char *err, size_t errlen);
int research_rows_each(struct db *db, const struct questionnaire *q, const struct research_filter *f,
		       research_rows_begin_fn begin, research_rows_each_fn each, void *arg, char *err, size_t errlen);

/* Writes the export of f to out. lang ("nl"/"en") picks the labels of the .sav,
 * the .dta and the Data Package.
 * Sets *rows to the number of scans written (variables for the codebook).
 * Returns 0, or -1 with a message in err. Uses and ends its own transaction. */
int research_export_write(struct db *db, const struct questionnaire *q, const struct research_filter *f,
			  enum export_format fmt, const char *lang, FILE *out, long long *rows,
			  char *err, size_t errlen);

#endif

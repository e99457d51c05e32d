/* research_row_decode.h: fast decoding of the answers stored in research_rows.
 *
 * The exports decode one answer object per scan; through cJSON and
 * answers_parse_text that cost ~25 us a row (a tree per row, a linear key
 * search per answer), more than half of the budget for 50,000 rows/s. The
 * stored objects are simple — keys of the questionnaire, numbers, strings,
 * arrays of strings, booleans — so this decoder reads them directly, applying
 * the same checks as answers_parse_text (whole numbers 1–5, known options,
 * ranges, text length and UTF-8). Anything it does not recognise (an unknown
 * key, a duplicate, an escape it does not handle, a value of the wrong shape)
 * hands the row to answers_parse_text, so the result is always exactly what
 * answers_parse_text gives. */
#ifndef FPHC_RESEARCH_ROW_DECODE_H
#define FPHC_RESEARCH_ROW_DECODE_H

#include "scoring/answers.h"
#include "scoring/questionnaire.h"
#include "common/buf.h"

/* Item key → item index for one questionnaire (open addressing). */
struct row_decoder {
	const struct questionnaire *q;
	size_t cap;   /* power of two, > 2 × n_items */
	int *slot;    /* item index, -1 = empty */
	struct buf scratch;
	long long fallbacks; /* rows handed to answers_parse_text (for tests) */
};

/* Builds the lookup for q (borrowed: must outlive the decoder). Aborts on OOM. */
void row_decoder_init(struct row_decoder *d, const struct questionnaire *q);
void row_decoder_release(struct row_decoder *d); /* safe twice */

/* Decodes a stored answers object ("{\"s01\": 3, …}") into a new answer set
 * (caller frees), or NULL when it does not validate — as answers_parse_text
 * on {"answers": json} would. */
struct answer_set *row_decode_answers(struct row_decoder *d, const char *json);

#endif

/* number.h: numbers as text for files others read (CSV, codebooks, JSON schemas). */
#ifndef FPHC_NUMBER_H
#define FPHC_NUMBER_H

#include "common/buf.h"

#define NUMBER_TEXT_MAX 32

/* Writes into out the shortest "%.Ng" text (N = 1..17) that strtod reads back as
 * exactly v (55.00000000000001 stays that, 0.1 is "0.1", 1e+20 for 1e20);
 * "NaN" / "Infinity" / "-Infinity" for the non-finite. Returns out. */
const char *number_shortest(double v, char out[NUMBER_TEXT_MAX]);

/* Appends the same text as number_shortest, fast for whole numbers and for
 * numbers with up to 4 decimals (written without printf; a per-thread cache
 * holds recent others). The text always reads back as exactly v. */
void buf_double(struct buf *b, double v);

#endif

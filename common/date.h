/* date.h: the one validator of calendar dates typed by people and programs (YYYY-MM-DD). */
#ifndef FPHC_DATE_H
#define FPHC_DATE_H

/* 1 when s is exactly "YYYY-MM-DD", a real day of the Gregorian calendar
 * (2026-02-31 and 2025-02-29 are not) in the years 1900–2999; 0 otherwise.
 * When it is, *ymd (may be NULL) gets y*10000 + m*100 + d, which orders like the date. */
int date_valid_ymd(const char *s, long *ymd);

#endif

/* date.h: the one check of dates and times typed or sent by people. */
#ifndef FPHC_DATE_H
#define FPHC_DATE_H

#include <stddef.h>

/* 1 when s is a real calendar date "YYYY-MM-DD" (years 1900–2999; 2025-02-31
 * and 2023-02-29 are not dates), else 0. NULL and "" are not dates. */
int date_valid(const char *s);
/* The same check; when s is a date, *ymd (may be NULL) gets y*10000 + m*100 + d,
 * which orders like the date. */
int date_valid_ymd(const char *s, long *ymd);
/* 1 when s is a time of day "HH:MM" (00:00–23:59), else 0. */
int time_valid(const char *s);

/* The one way dates and times appear on screens, in mails and in PDFs:
 * "2026-12-01" becomes "1-12-2026", "2026-12-01 18:23" becomes "1-12-2026 18:23"
 * (seconds, when given, stay). Returns 1 and fills out (n bytes) when iso is such
 * a date or date-time; else 0 with out = "" (the caller shows iso as it is). */
int date_show(const char *iso, char *out, size_t n);

#endif

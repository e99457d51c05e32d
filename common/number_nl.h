/* number_nl.h: numbers as Dutch people type them — the one parser behind every
 * number field of the owner's scan (JSON autosave, the page posted without
 * JavaScript, the company profile).
 *
 * Accepted: surrounding spaces; an optional sign; digits with at most one
 * decimal separator, a comma or a point ("6,5", "6.5", ",5"); the item's unit
 * sign before or after the number ("6,5 %", "€ 300", "12 fte", any case).
 * Refused as ambiguous: a point or comma followed by exactly three digits after
 * a whole part other than 0 ("1.000", "1,000": a thousand or one?). Never
 * reinterpreted: thousands separators, spaces inside the number, two separators
 * and exponents are refused. Pure; no allocation; thread-safe. */
#ifndef FPHC_NUMBER_NL_H
#define FPHC_NUMBER_NL_H

enum number_nl_result {
	NUMBER_NL_OK = 0,
	NUMBER_NL_EMPTY,      /* nothing but spaces (and the unit): no answer */
	NUMBER_NL_INVALID,    /* not a number */
	NUMBER_NL_AMBIGUOUS,  /* "1.000" / "1,000" */
	NUMBER_NL_RANGE,      /* a number, outside [min, max] */
};

/* The allowed range: a bound applies only when its has_ flag is set. */
struct number_nl_range {
	int has_min, has_max;
	double min, max;
};

/* Parses s (NUL-terminated, any length). unit may be NULL. range may be NULL.
 * Sets *out on NUMBER_NL_OK and NUMBER_NL_RANGE (the number read), else leaves it. */
enum number_nl_result number_nl_parse(const char *s, const char *unit, const struct number_nl_range *range,
				      double *out);

/* The number as people read it back: the shortest text that reads back as v
 * (up to 15 digits), with a decimal comma when comma is set (7,5), else a
 * point (7.5). No thousands separator, so number_nl_parse reads it again. */
const char *number_nl_format(double v, int comma, char out[32]);

#endif

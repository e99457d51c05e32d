/* number_nl.c: the Dutch number parser of the owner's scan; see number_nl.h. */
#include <assert.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/number_nl.h"
#include "common/banned.h"

#define NUMBER_NL_DIGITS_MAX 40

static int is_space(const char *p, size_t *len)
{
	if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
		*len = 1;
		return 1;
	}
	if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0) {  /* no-break space */
		*len = 2;
		return 1;
	}
	return 0;
}

/* [*b, *e) without spaces at both ends. */
static void trim(const char **b, const char **e)
{
	size_t n;
	while (*b < *e && is_space(*b, &n))
		*b += n;
	while (*e > *b && ((*e)[-1] == ' ' || (*e)[-1] == '\t' || (*e)[-1] == '\n' || (*e)[-1] == '\r' ||
			   (*e - *b >= 2 && (unsigned char)(*e)[-2] == 0xC2 && (unsigned char)(*e)[-1] == 0xA0)))
		*e -= ((*e)[-1] == (char)0xA0) ? 2 : 1;
}

enum number_nl_result number_nl_parse(const char *s, const char *unit, const struct number_nl_range *range,
				      double *out)
{
	assert(s && out);
	const char *b = s, *e = s + strlen(s);
	trim(&b, &e);
	size_t ul = unit ? strlen(unit) : 0;
	if (ul > 0 && (size_t)(e - b) >= ul) {
		if (strncasecmp(e - ul, unit, ul) == 0)
			e -= ul;
		else if (strncasecmp(b, unit, ul) == 0)
			b += ul;
		trim(&b, &e);
	}
	if (b == e)
		return NUMBER_NL_EMPTY;
	char digits[NUMBER_NL_DIGITS_MAX + 4];
	size_t n = 0, whole = 0, frac = 0;
	int sep = 0;
	const char *p = b;
	if (*p == '-' || *p == '+')
		digits[n++] = *p++;
	const char *whole_start = p;
	for (; p < e; p++) {
		if (*p >= '0' && *p <= '9') {
			if (n >= NUMBER_NL_DIGITS_MAX)
				return NUMBER_NL_INVALID;
			digits[n++] = *p;
			if (sep)
				frac++;
			else
				whole++;
		} else if ((*p == ',' || *p == '.') && !sep) {
			sep = 1;
			digits[n++] = '.';
		} else {
			return NUMBER_NL_INVALID;
		}
	}
	if (whole + frac == 0)
		return NUMBER_NL_INVALID;
	if (sep && frac == 0)
		return NUMBER_NL_INVALID;  /* "6," — half typed */
	/* "1.000" or "1,000": thousands or decimals? "0,125" can only be decimals. */
	if (sep && frac == 3 && whole > 0 && !(whole == 1 && whole_start[0] == '0'))
		return NUMBER_NL_AMBIGUOUS;
	digits[n] = '\0';
	char *end;
	double d = strtod(digits, &end);
	if (*end != '\0' || !isfinite(d))
		return NUMBER_NL_INVALID;
	*out = d;
	if (range && ((range->has_min && d < range->min) || (range->has_max && d > range->max)))
		return NUMBER_NL_RANGE;
	return NUMBER_NL_OK;
}

const char *number_nl_format(double v, int comma, char out[32])
{
	snprintf(out, 32, "%.15g", v);
	char *dot = comma ? strchr(out, '.') : NULL;
	if (dot)
		*dot = ',';
	return out;
}

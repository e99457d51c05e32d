/* number.c: the shortest decimal text of a double that reads back to it; see number.h. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/number.h"
#include "common/banned.h"

const char *number_shortest(double v, char out[NUMBER_TEXT_MAX])
{
	if (isnan(v)) {
		snprintf(out, NUMBER_TEXT_MAX, "NaN");
		return out;
	}
	if (isinf(v)) {
		snprintf(out, NUMBER_TEXT_MAX, v < 0 ? "-Infinity" : "Infinity");
		return out;
	}
	/* %.17g always reads back exactly; the first precision that does is the
	 * shortest. Any decimal of at most 15 digits that reads back as v is v
	 * rounded to 15 digits (DBL_DIG), so when %.15g reads back, the shortest
	 * has as many significant digits as it shows, and otherwise it has 16 or
	 * 17: three tries instead of up to seventeen, the same text. Subnormal
	 * numbers carry fewer digits: for them every precision is tried. */
	int prec = fabs(v) < DBL_MIN && v != 0 ? 1 : 15;
	int first = prec;
	for (; prec < 17; prec++) {
		snprintf(out, NUMBER_TEXT_MAX, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			break;
	}
	if (prec == 15 && first == 15) {
		int digits = 0, lead = 1, zeros = 0;
		for (const char *p = out; *p && *p != 'e'; p++) {
			if (*p < '0' || *p > '9')
				continue;
			if (*p == '0' && lead)
				continue;
			lead = 0;
			digits++;
			zeros = *p == '0' ? zeros + 1 : 0;
		}
		prec = digits - zeros > 0 ? digits - zeros : 1;
	}
	snprintf(out, NUMBER_TEXT_MAX, "%.*g", prec, v);
	return out;
}

/* Most exported numbers are integers or have a few decimals (answer codes,
 * item scores 0.25, 0.5…). For those, m = v·10^d is an integer for the smallest
 * d ≤ 4, and m / 10^d == v exactly means the decimal text of m with d decimals
 * reads back as v (both are the correctly rounded value of the same decimal):
 * printed without printf, which cost half the export's CPU. */
static void buf_double_slow(struct buf *b, double v);

void buf_double(struct buf *b, double v)
{
	if (isfinite(v) && fabs(v) < 1e13) {
		long long iv = (long long)v;
		if ((double)iv == v && iv > -1000000 && iv < 1000000) { /* answer codes, counts: most numbers */
			char s[16], *e = s + sizeof(s), *p = e;
			unsigned long long u = (unsigned long long)(iv < 0 ? -iv : iv);
			do {
				*--p = (char)('0' + u % 10);
				u /= 10;
			} while (u);
			if (iv < 0)
				*--p = '-';
			buf_add(b, p, (size_t)(e - p));
			return;
		}
		/* item scores take few distinct values (0.25, 0.333…): remember the
		 * text of recent ones, per thread (exports run in server workers) */
		static _Thread_local struct {
			double v;
			unsigned char len;
			char s[31];
		} cache[64];
		uint64_t bits;
		memcpy(&bits, &v, sizeof(bits));
		size_t slot = (size_t)((bits * 0x9e3779b97f4a7c15ULL) >> 58);
		if (cache[slot].len && cache[slot].v == v && !(v == 0 && signbit(v) != signbit(cache[slot].v))) {
			buf_add(b, cache[slot].s, cache[slot].len);
			return;
		}
		size_t before = b->len;
		buf_double_slow(b, v);
		size_t n = b->len - before;
		if (n < sizeof(cache[slot].s)) {
			cache[slot].v = v;
			cache[slot].len = (unsigned char)n;
			memcpy(cache[slot].s, b->data + before, n);
		}
		return;
	}
	buf_double_slow(b, v);
}

/* buf_double without the cache and the integer path. */
static void buf_double_slow(struct buf *b, double v)
{
	char s40[NUMBER_TEXT_MAX];
	static const double pow10[] = {1, 10, 100, 1000, 10000};
	if (isfinite(v) && fabs(v) < 1e13) {
		for (int d = 1; d <= 4; d++) {
			double m = nearbyint(v * pow10[d]);
			if (m / pow10[d] != v)
				continue;
			char s[32], *e = s + sizeof(s), *p = e;
			unsigned long long u = (unsigned long long)fabs(m);
			for (int i = 0; i <= d || u; i++) {
				if (i == d && d > 0)
					*--p = '.';
				*--p = (char)('0' + u % 10);
				u /= 10;
			}
			if (m < 0)
				*--p = '-';
			buf_add(b, p, (size_t)(e - p));
			return;
		}
	}
	buf_puts(b, number_shortest(v, s40));
}


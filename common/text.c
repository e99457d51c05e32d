/* text.c: validating conversions of outside text; see text.h. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/text.h"
#include "common/banned.h"

int text_parse_long(const char *s, long min, long max, long *out)
{
	if (!s || !*s || isspace((unsigned char)*s))
		return -1;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int text_parse_double(const char *s, double min, double max, double *out)
{
	char tmp[64];
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n >= sizeof(tmp) || isspace((unsigned char)*s))
		return -1;
	for (size_t i = 0; i <= n; i++) {
		char c = s[i];
		if (c == ',')
			c = '.';
		/* strtod also reads hex, inf and nan: accept plain decimals only */
		if (c && !isdigit((unsigned char)c) && c != '.' && c != '-' && c != '+')
			return -1;
		tmp[i] = c;
	}
	char *end;
	errno = 0;
	double v = strtod(tmp, &end);
	if (errno || *end || !isfinite(v) || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int text_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		if (c == 0)
			return 0;
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t len;
		unsigned cp;
		if (c >= 0xC2 && c <= 0xDF) {
			len = 2;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			len = 3;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4;
			cp = c & 0x07;
		} else {
			return 0;
		}
		if (i + len > n)
			return 0;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += len;
	}
	return 1;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

long text_percent_decode(const char *s, size_t n, char *out, int plus_is_space)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%') {
			if (i + 2 >= n)
				return -1;
			int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			out[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else if (s[i] == '+' && plus_is_space) {
			out[o++] = ' ';
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	if (!text_utf8_valid(out, o))
		return -1;
	return (long)o;
}

size_t text_utf8_prefix(const char *s, size_t max_chars, size_t max_bytes)
{
	size_t ok = 0, chars = 0; /* ok: the longest whole prefix found so far */
	for (size_t i = 0;; i++) {
		if (s[i] && ((unsigned char)s[i] & 0xC0) == 0x80)
			continue; /* a continuation byte: the character goes on */
		/* [0, i) holds `chars` whole characters */
		if (i > max_bytes || chars > max_chars)
			return ok;
		ok = i;
		if (!s[i])
			return ok;
		chars++;
	}
}

char *text_trim(char *s)
{
	if (!s)
		return s;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	size_t start = 0;
	while (s[start] && isspace((unsigned char)s[start]))
		start++;
	if (start)
		memmove(s, s + start, n - start + 1);
	return s;
}

/* The code point at s (valid UTF-8 assumed; a stray byte reads as itself). */
static unsigned long code_point(const unsigned char *s, size_t *len)
{
	unsigned long cp = s[0];
	size_t n = cp < 0x80 ? 1 : cp >= 0xF0 ? 4 : cp >= 0xE0 ? 3 : cp >= 0xC0 ? 2 : 1;
	if (n > 1)
		cp &= 0xFF >> (n + 1);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*len = 1;
			return s[0];
		}
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	*len = n;
	return cp;
}

static int hidden_mark(unsigned long cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x200B || cp == 0x2060 ||
	       cp == 0xFEFF || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

static int unicode_space(unsigned long cp)
{
	return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
	       cp == 0x3000;
}

char *text_normalize(char *s, enum text_kind kind)
{
	if (!s)
		return s;
	const unsigned char *in = (const unsigned char *)s;
	char *out = s;
	while (*in) {
		size_t len;
		unsigned long cp = code_point(in, &len);
		char put = 0;
		if (len == 1 && cp >= 0x80) {
			/* not UTF-8: kept as it is (callers have checked UTF-8) */
		} else if (cp == '\r' || cp == '\n' || cp == 0x2028 || cp == 0x2029) {
			if (cp == '\r' && in[1] == '\n')
				len = 2;
			put = kind == TEXT_BLOCK ? '\n' : ' ';
		} else if (cp == '\t') {
			put = kind == TEXT_BLOCK ? '\t' : ' ';
		} else if (cp == ' ' || unicode_space(cp)) {
			put = ' ';
		} else if (hidden_mark(cp)) {
			in += len;
			continue;
		}
		if (put) {
			if (!(put == ' ' && kind == TEXT_LINE && out > s && out[-1] == ' '))
				*out++ = put;
		} else {
			memmove(out, in, len);
			out += len;
		}
		in += len;
	}
	*out = '\0';
	return text_trim(s);
}

long long text_parse_id(const char *s)
{
	if (!s || s[0] < '1' || s[0] > '9')
		return 0;
	long long v = 0;
	for (size_t i = 0; s[i]; i++) {
		if (s[i] < '0' || s[i] > '9' || i >= 16)
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	return v <= 9007199254740991LL ? v : 0;
}

int text_local_path(const char *s)
{
	if (!s || s[0] != '/' || s[1] == '/')
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '\\')
			return 0;
	return strstr(s, "://") == NULL;
}

/* The first element of a PostgreSQL array's text ("{1,2}" gives "1,2}"), or NULL
 * when s is not one. */
static const char *array_first(const char *s)
{
	return s && *s == '{' ? s + 1 : NULL;
}

/* The element after the one at s: past its ',' (at the '}' or the end after the last). */
static const char *array_next(const char *s)
{
	while (*s && *s != ',' && *s != '}')
		s++;
	return *s == ',' ? s + 1 : s;
}

size_t text_int_array(const char *s, long *out, size_t max)
{
	size_t n = 0;
	for (s = array_first(s); s && *s && *s != '}' && n < max; s = array_next(s)) {
		char *end;
		out[n++] = strtol(s, &end, 10);
		if (end == s)
			break;
	}
	return n;
}

size_t text_double_array(const char *s, double *out, size_t max)
{
	size_t n = 0;
	for (s = array_first(s); s && *s && *s != '}' && n < max; s = array_next(s)) {
		double v = strncmp(s, "NULL", 4) == 0 ? NAN : strtod(s, NULL);
		out[n++] = isfinite(v) ? v : NAN;
	}
	return n;
}

/* text.h: validating conversions of outside text (numbers, UTF-8, percent-encoding). */
#ifndef FPHC_TEXT_H
#define FPHC_TEXT_H

#include <stddef.h>

/* Parses a whole decimal integer in [min, max]; leading/trailing spaces refused.
 * Returns 0 and sets *out, or -1 (nothing written). */
int text_parse_long(const char *s, long min, long max, long *out);
/* The one reading of a database id from outside (a path segment, a form field):
 * 1 to 2^53 - 1 in plain decimal digits, no sign, no spaces, no leading zero;
 * anything else is 0 ("no such object": the caller answers 404). */
long long text_parse_id(const char *s);
/* 1 when s is a path on this site that no browser reads as another host: it
 * starts with one '/', and nowhere holds a backslash, a control character
 * (browsers drop TAB, CR and LF, so "/\t/evil.example" would become
 * "//evil.example"), or "://". The one check of every redirect target. */
int text_local_path(const char *s);
/* Parses a whole finite decimal number (a ',' is accepted as decimal separator,
 * as Dutch users type it) in [min, max]. Returns 0 or -1. */
int text_parse_double(const char *s, double min, double max, double *out);
/* Reads a PostgreSQL integer array's text ("{1,2,3}") into out, at most max numbers;
 * returns how many. Stops at the first element that is not a number (counted, as 0). */
size_t text_int_array(const char *s, long *out, size_t max);
/* Reads a PostgreSQL float or numeric array's text ("{67.4,NULL,2}") into out, at most
 * max numbers; returns how many elements it read. NULL, NaN and Infinity become NAN. */
size_t text_double_array(const char *s, double *out, size_t max);
/* 1 when the n bytes are valid UTF-8 without NUL bytes and overlong forms. */
int text_utf8_valid(const char *s, size_t n);
/* The byte length of the longest prefix of s with at most max_chars characters
 * and at most max_bytes bytes that ends on a character boundary (a cut never
 * splits a UTF-8 sequence). For labels of formats with a length limit. */
size_t text_utf8_prefix(const char *s, size_t max_chars, size_t max_bytes);
/* Percent-decodes s[0..n) into out (at least n+1 bytes), '+' as space when
 * plus_is_space. Returns the decoded length, or -1 for a malformed escape or a
 * result that is not valid UTF-8 or contains NUL. */
long text_percent_decode(const char *s, size_t n, char *out, int plus_is_space);
/* Trims ASCII white space at both ends in place; returns s. */
char *text_trim(char *s);
/* The one cleaning of a stored text typed by a person, in place (the result is
 * never longer); returns s. Control characters (C0 but tab and newline, DEL,
 * C1), zero-width marks that only hide text (U+200B, U+2060, U+FEFF) and the
 * bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069, the
 * "Trojan Source" marks) are dropped; every Unicode space (no-break, thin,
 * ideographic ...) becomes ' '. TEXT_LINE (a name, an e-mail address) turns
 * line breaks and tabs into spaces and runs of spaces into one; TEXT_BLOCK (an
 * advice, a note) keeps line breaks as '\n' (CRLF, CR, U+2028/9 included) and
 * tabs. Both are trimmed, so a text of only spaces becomes "". */
enum text_kind { TEXT_LINE, TEXT_BLOCK };
char *text_normalize(char *s, enum text_kind kind);

#endif

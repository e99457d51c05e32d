/* fuzz_csv.c: libFuzzer target for the research exporter's CSV writing: the
 * field writer (buf_csv_field) must produce a field that an RFC 4180 reader
 * gives back byte for byte, for ',' and ';' separators; buf_double must print
 * the shortest text that reads back to the same double; and a questionnaire
 * from the input (when it loads) must give a codebook CSV with one line per
 * variable plus the header. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "server/app/research_codebook.h"
#include "scoring/questionnaire.h"
#include "common/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads one field written by buf_csv_field back; returns its length in out. */
static size_t csv_read(const char *s, size_t n, char sep, char *out)
{
	size_t o = 0, i = 0;
	if (n && s[0] == '"') {
		for (i = 1; i < n; i++) {
			if (s[i] == '"') {
				if (i + 1 < n && s[i + 1] == '"') {
					out[o++] = '"';
					i++;
				} else {
					if (i + 1 != n)
						abort();   /* text after the closing quote */
					return o;
				}
			} else {
				out[o++] = s[i];
			}
		}
		abort();   /* no closing quote */
	}
	for (; i < n; i++) {
		if (s[i] == sep || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
			abort();   /* must have been quoted */
		out[o++] = s[i];
	}
	return o;
}

/* Counts record ends outside quotes. */
static size_t csv_records(const char *s, size_t n)
{
	size_t rec = 0;
	int q = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			q = !q;
		else if (s[i] == '\n' && !q)
			rec++;
	}
	return rec;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	size_t slen = strlen(s);   /* a C string ends at the first NUL, as in the exporter */
	const char seps[] = {',', ';'};
	for (int k = 0; k < 2; k++) {
		struct buf b;
		buf_init(&b, 0);
		buf_csv_field(&b, s, seps[k]);
		char *back = malloc(b.len + 1);
		size_t n = csv_read(b.data ? b.data : "", b.len, seps[k], back);
		if (n != slen || memcmp(back, s, n) != 0)
			abort();
		free(back);
		buf_release(&b);
	}
	if (size >= sizeof(double)) {
		double d;
		memcpy(&d, data, sizeof(d));
		if (isfinite(d)) {
			struct buf b;
			buf_init(&b, 0);
			buf_double(&b, d);
			if (strtod(b.data, NULL) != d)
				abort();
			buf_release(&b);
		}
	}
	struct questionnaire *q = size < 65536 ? questionnaire_parse(s, slen, NULL) : NULL;
	if (q) {
		struct codebook cb;
		codebook_build(&cb, q);
		struct buf out;
		buf_init(&out, 0);
		codebook_write_csv(&cb, &out);
		if (csv_records(out.data, out.len) != cb.n + 1)
			abort();
		buf_release(&out);
		codebook_release(&cb);
		questionnaire_free(q);
	}
	free(s);
	return 0;
}

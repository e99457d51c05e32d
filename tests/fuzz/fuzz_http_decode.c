/* fuzz_http_decode.c: libFuzzer target for what the server does to a request
 * line and body before any handler runs: percent-decoding and UTF-8 checks of
 * the path, urlencoded form decoding, and number parsing of form values. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/arena.h"
#include "common/form.h"
#include "common/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	char *out = malloc(size + 1);
	long n = text_percent_decode(s, size, out, 0);
	if (n >= 0 && (size_t)n > size)
		abort();
	if (n >= 0 && !text_utf8_valid(out, (size_t)n))
		abort();
	free(out);

	struct arena arena = ARENA_INIT;
	struct form_field *fields;
	int nf = form_parse(s, size, &arena, &fields);
	for (int i = 0; i < nf; i++) {
		long v;
		double d;
		if (!text_utf8_valid(fields[i].key, strlen(fields[i].key)))
			abort();
		text_parse_long(fields[i].value, -1000000, 1000000, &v);
		text_parse_double(fields[i].value, -1e9, 1e9, &d);
	}
	arena_release(&arena);
	return 0;
}

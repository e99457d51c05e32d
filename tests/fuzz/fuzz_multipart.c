/* fuzz_multipart.c: libFuzzer target for the multipart/form-data parser (the
 * logo upload). Input: a Content-Type header line, "\n", then the body. Every
 * part must lie inside the body. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "server/http/multipart.h"
#include "server/http/req.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* req_multipart() is not fuzzed here; it needs a request. */
const char *req_header(struct req *r, const char *name)
{
	(void)r;
	(void)name;
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nl = memchr(data, '\n', size);
	if (!nl)
		return 0;
	size_t hlen = (size_t)(nl - (const char *)data);
	char *ct = malloc(hlen + 1);
	memcpy(ct, data, hlen);
	ct[hlen] = '\0';
	char boundary[71];
	const char *body = nl + 1;
	size_t len = size - hlen - 1;
	if (strlen(ct) == hlen && multipart_boundary(ct, boundary) == 0) {
		if (strlen(boundary) < 1 || strlen(boundary) > 70)
			abort();
		/* the body in its own allocation, so ASan sees any read past its end */
		char *copy = malloc(len ? len : 1);
		memcpy(copy, body, len);
		struct arena a = ARENA_INIT;
		struct multipart_part parts[8];
		int n = multipart_parse(boundary, copy, len, &a, parts, 8);
		if (n > 8)
			abort();
		for (int i = 0; i < n; i++) {
			if (!parts[i].name || parts[i].data < copy || parts[i].data + parts[i].len > copy + len)
				abort();
		}
		arena_release(&a);
		free(copy);
	}
	free(ct);
	return 0;
}

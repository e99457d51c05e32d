/* form.c: urlencoded form decoding; see form.h. */
#include <string.h>

#include "common/form.h"
#include "common/text.h"
#include "common/banned.h"

int form_parse(const char *body, size_t len, struct arena *arena, struct form_field **out)
{
	*out = NULL;
	const char *p = body, *end = body + len;
	size_t cap = 1;
	for (const char *q = p; q < end; q++)
		cap += *q == '&';
	struct form_field *fields = arena_alloc(arena, sizeof(*fields) * cap);
	int n = 0;
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *fe = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(fe - p));
		const char *ke = eq ? eq : fe;
		if (ke > p) {
			const char *vs = eq ? eq + 1 : fe;
			char *k = arena_alloc(arena, (size_t)(ke - p) + 1);
			char *v = arena_alloc(arena, (size_t)(fe - vs) + 1);
			if (text_percent_decode(p, (size_t)(ke - p), k, 1) < 0 ||
			    text_percent_decode(vs, (size_t)(fe - vs), v, 1) < 0)
				return -1;
			fields[n].key = k;
			fields[n].value = v;
			n++;
		}
		p = fe + 1;
	}
	*out = fields;
	return n;
}

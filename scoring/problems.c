/* problems.c: the capped problem list; see problems.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scoring/problems.h"
#include "common/banned.h"

void problems_init(struct problems *p, size_t max)
{
	p->items = NULL;
	p->n = 0;
	p->cap = 0;
	p->max = max ? max : PROBLEMS_DEFAULT_MAX;
	p->dropped = 0;
}

void problems_release(struct problems *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++) {
		free(p->items[i].path);
		free(p->items[i].message);
	}
	free(p->items);
	problems_init(p, p->max);
}

static char *dup_or_abort(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	if (!d)
		abort();
	memcpy(d, s, n);
	return d;
}

void problems_add(struct problems *p, const char *path, const char *fmt, ...)
{
	if (!p)
		return;
	if (p->n >= p->max) {
		p->dropped++;
		return;
	}
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		struct problem *items = realloc(p->items, cap * sizeof(*items));
		if (!items)
			abort();
		p->items = items;
		p->cap = cap;
	}
	char message[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	p->items[p->n].path = dup_or_abort(path ? path : "");
	p->items[p->n].message = dup_or_abort(message);
	p->n++;
}

size_t problems_count(const struct problems *p)
{
	return p ? p->n + p->dropped : 0;
}

void problems_print(const struct problems *p, FILE *f)
{
	for (size_t i = 0; i < p->n; i++)
		fprintf(f, "%s: %s\n", p->items[i].path[0] ? p->items[i].path : "(top)",
			p->items[i].message);
	if (p->dropped)
		fprintf(f, "... and %zu more problems\n", p->dropped);
}

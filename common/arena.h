/* arena.h: a region allocator for per-request and per-command allocations.
 *
 * Everything allocated from an arena is freed at once by arena_release(); there is
 * no per-object free. Blocks grow as needed; a single allocation may be larger than
 * a block. Out of memory aborts (same policy as buf.h). */
#ifndef FPHC_ARENA_H
#define FPHC_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
};

#define ARENA_INIT { NULL }

void *arena_alloc(struct arena *a, size_t n);          /* zeroed, 16-byte aligned */
char *arena_strdup(struct arena *a, const char *s);    /* NULL stays NULL */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Frees every block; the arena is empty and reusable afterwards; safe twice. */
void arena_release(struct arena *a);

#endif

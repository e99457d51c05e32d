/* problems.h: a capped list of validation problems, each a JSON path and a message.
 *
 * Shared by questionnaire validation (paths such as
 * "pillars[1].themes[0].items[3].options[2].points") and answer validation
 * (paths such as "answers.s03"). Messages are English, written for the person
 * who edits the file or the program that sent the data; the web layer maps them
 * to Dutch field messages where a person typed the value.
 *
 * The list keeps at most `max` problems (PROBLEMS_DEFAULT_MAX when 0); later
 * ones are counted in `dropped` so a caller can say "and N more". Hostile input
 * can therefore never make the list grow without bound.
 * Out of memory aborts (project policy, see common/buf.h). */
#ifndef FPHC_PROBLEMS_H
#define FPHC_PROBLEMS_H

#include <stddef.h>
#include <stdio.h>

#define PROBLEMS_DEFAULT_MAX 200

struct problem {
	char *path;    /* owned by the list */
	char *message; /* owned by the list */
};

struct problems {
	struct problem *items;
	size_t n;       /* problems kept */
	size_t cap;
	size_t max;     /* keep at most this many */
	size_t dropped; /* problems reported beyond max */
};

#define PROBLEMS_INIT { NULL, 0, 0, PROBLEMS_DEFAULT_MAX, 0 }

void problems_init(struct problems *p, size_t max);
/* Frees every problem; the list is empty and reusable; NULL and twice are fine. */
void problems_release(struct problems *p);
/* Adds one problem. `path` is copied; the message is formatted with printf
 * rules. A NULL list is allowed and ignores the problem (for callers that only
 * want the verdict). */
void problems_add(struct problems *p, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Total problems seen, kept or dropped. */
size_t problems_count(const struct problems *p);
/* Prints one line "path: message" per problem, plus "… and N more". */
void problems_print(const struct problems *p, FILE *f);

#endif

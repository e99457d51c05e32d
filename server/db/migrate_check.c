/* migrate_check.c: a small SQL scanner that finds each top-level statement's
 * leading words and refuses what would break "one file, one transaction" or
 * drop data without saying where it went (migrations/README.md). */
#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "server/db/migrate_check.h"
#include "common/banned.h"

#define WORDS 6     /* leading words kept per statement: enough for ALTER TABLE x DROP */
#define WORD_MAX 32

struct stmt {
	int n;                       /* statement number, from 1 */
	int words;                   /* leading words seen */
	char word[WORDS][WORD_MAX];  /* upper-cased */
	int pending_drop;            /* the last word was DROP inside an ALTER */
	int drops_column;            /* ALTER … DROP [COLUMN] <name> seen */
	int concurrently;            /* the word CONCURRENTLY seen anywhere */
};

/* Skips a dollar-quoted body starting at p ("$tag$ … $tag$"); returns the
 * position after it, or NULL when p does not start a dollar quote. */
static const char *skip_dollar(const char *p)
{
	const char *q = p + 1;
	while (*q == '_' || isalnum((unsigned char)*q))
		q++;
	if (*q != '$' || (q > p + 1 && isdigit((unsigned char)p[1])))
		return NULL;
	size_t tag = (size_t)(q - p + 1);
	const char *end = q + 1;
	while ((end = strchr(end, '$')) != NULL) {
		if (strncmp(end, p, tag) == 0)
			return end + tag;
		end++;
	}
	return p + strlen(p);  /* unterminated: the server will refuse it */
}

static void word_add(struct stmt *s, const char *w, size_t len)
{
	char up[WORD_MAX];
	size_t n = len < WORD_MAX - 1 ? len : WORD_MAX - 1;
	for (size_t i = 0; i < n; i++)
		up[i] = (char)toupper((unsigned char)w[i]);
	up[n] = '\0';
	if (strcmp(up, "CONCURRENTLY") == 0)
		s->concurrently = 1;
	/* ALTER TABLE t DROP [COLUMN] [IF EXISTS] c drops data; DROP CONSTRAINT,
	 * DEFAULT, NOT NULL, EXPRESSION and IDENTITY do not. */
	if (s->pending_drop) {
		s->pending_drop = 0;
		if (strcmp(up, "CONSTRAINT") != 0 && strcmp(up, "DEFAULT") != 0 && strcmp(up, "NOT") != 0 &&
		    strcmp(up, "EXPRESSION") != 0 && strcmp(up, "IDENTITY") != 0)
			s->drops_column = 1;
	}
	if (s->words > 0 && strcmp(s->word[0], "ALTER") == 0 && strcmp(up, "DROP") == 0)
		s->pending_drop = 1;
	if (s->words < WORDS)
		memcpy(s->word[s->words++], up, n + 1);
}

static int is(const struct stmt *s, int i, const char *w)
{
	return s->words > i && strcmp(s->word[i], w) == 0;
}

/* Judges one finished statement; 0 when fine. */
static int judge(const struct stmt *s, int has_safety_note, char *err, size_t errlen)
{
	static const char *const tx_words[] = {"BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT",
					       "SAVEPOINT", "RELEASE", "VACUUM", NULL};
	if (s->words == 0)
		return 0;
	for (int i = 0; tx_words[i]; i++)
		if (is(s, 0, tx_words[i])) {
			snprintf(err, errlen, "statement %d starts with %s: the runner already wraps the file in one"
				 " transaction; a migration must not end or split it", s->n, s->word[0]);
			return -1;
		}
	if ((is(s, 0, "PREPARE") && is(s, 1, "TRANSACTION")) || (is(s, 0, "CREATE") && is(s, 1, "DATABASE")) ||
	    (is(s, 0, "DROP") && is(s, 1, "DATABASE")) || s->concurrently ||
	    (is(s, 0, "ALTER") && is(s, 1, "SYSTEM"))) {
		snprintf(err, errlen, "statement %d (%s %s) cannot run inside the migration's transaction", s->n,
			 s->word[0], s->words > 1 ? s->word[1] : "");
		return -1;
	}
	int destroys = (is(s, 0, "DROP") && (is(s, 1, "TABLE") || is(s, 1, "SCHEMA"))) || is(s, 0, "TRUNCATE") ||
		       (is(s, 0, "ALTER") && is(s, 1, "TABLE") && s->drops_column);
	if (destroys && !has_safety_note) {
		snprintf(err, errlen, "statement %d (%s %s) removes data: move the data first, in this same file,"
			 " and say where it went in a line '-- data-safety: …'", s->n, s->word[0], s->word[1]);
		return -1;
	}
	return 0;
}

int migrate_sql_check(const char *sql, char *err, size_t errlen)
{
	assert(sql != NULL && err != NULL);
	if (errlen > 0)
		err[0] = '\0';
	const char *note = strstr(sql, "-- data-safety:");
	int has_note = note && (note == sql || note[-1] == '\n');
	struct stmt s = {.n = 1};
	const char *p = sql, *body_end;
	while (*p) {
		if (p[0] == '-' && p[1] == '-') {
			p += strcspn(p, "\n");
		} else if (p[0] == '/' && p[1] == '*') {
			const char *e = strstr(p + 2, "*/");  /* PostgreSQL nests them; migrations do not */
			p = e ? e + 2 : p + strlen(p);
		} else if (*p == '\'' || *p == '"') {
			char quote = *p++;
			while (*p && !(*p == quote && p[1] != quote))
				p += (*p == quote) ? 2 : 1;
			if (*p)
				p++;
		} else if (*p == '$' && (body_end = skip_dollar(p)) != NULL) {
			p = body_end;
		} else if (*p == ';') {
			if (judge(&s, has_note, err, errlen) != 0)
				return -1;
			s = (struct stmt){.n = s.n + 1};
			p++;
		} else if (isalpha((unsigned char)*p) || *p == '_') {
			const char *w = p;
			while (isalnum((unsigned char)*p) || *p == '_' || *p == '$')
				p++;
			word_add(&s, w, (size_t)(p - w));
		} else {
			p++;
		}
	}
	return judge(&s, has_note, err, errlen);
}

/* test_plain_words.c: every Dutch text an owner reads (the questionnaire and
 * the owner's pages and e-mails) is in plain words: no "hij" for a person,
 * no jargon the source warned about, and every abbreviation or loan word
 * that stays is explained right beside it, in brackets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

#include <cmocka.h>
#include <cJSON.h>

#include "common/banned.h"

static const char *const owner_files[] = {"questionnaires/fphc-1.json", "server/i18n/respondent.json"};

/* Words that never appear: gendered "hij", jargon with a plain replacement. */
static const char *const banned_words[] = {"hij", "hij of zij", "zijn kop", "flexibele schil", "payroll",
					   "respondent", "item", "token"};
/* Words that may appear only with their explanation: "(PMO)" after the
 * plain words, or "PMO (preventief medisch onderzoek)". */
static const char *const explained_words[] = {"JSON", "PMO", "WSP", "statushouders", "statushouder", "payrolling",
					      "BBL"};

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

/* Where `word` occurs in `text` as a whole word (case-insensitive) from `from` on; NULL if not. */
static const char *find_word(const char *text, const char *from, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = from; *p; p++) {
		if (strncasecmp(p, word, n) != 0)
			continue;
		int starts = p == text || !isalnum((unsigned char)p[-1]);
		int ends = !isalnum((unsigned char)p[n]);
		if (starts && ends)
			return p;
	}
	return NULL;
}

/* Explained: inside brackets, or followed by a bracketed explanation ("BBL-opleiding" counts as a word). */
static int explained_at(const char *text, const char *p, size_t n)
{
	if (p > text && p[-1] == '(')
		return 1;
	const char *after = p + n;
	while (*after == '-' || isalpha((unsigned char)*after))
		after++;
	return strncmp(after, " (", 2) == 0;
}

static int check_text(const char *file, const char *text)
{
	int bad = 0;
	for (size_t i = 0; i < sizeof(banned_words) / sizeof(*banned_words); i++)
		if (find_word(text, text, banned_words[i])) {
			fprintf(stderr, "# %s: \"%s\" in: %s\n", file, banned_words[i], text);
			bad++;
		}
	for (size_t i = 0; i < sizeof(explained_words) / sizeof(*explained_words); i++) {
		const char *w = explained_words[i];
		for (const char *p = find_word(text, text, w); p; p = find_word(text, p + 1, w))
			if (!explained_at(text, p, strlen(w))) {
				fprintf(stderr, "# %s: \"%s\" without an explanation in: %s\n", file, w, text);
				bad++;
			}
	}
	return bad;
}

/* Every {"nl": …} text below `node`; returns how many break a rule, and counts the texts seen. */
static int walk(const char *file, const cJSON *node, int *seen)
{
	int bad = 0;
	const cJSON *child;
	cJSON_ArrayForEach(child, node)
	{
		if (cJSON_IsString(child) && child->string && strcmp(child->string, "nl") == 0) {
			(*seen)++;
			bad += check_text(file, child->valuestring);
		} else if (cJSON_IsObject(child) || cJSON_IsArray(child)) {
			bad += walk(file, child, seen);
		}
	}
	return bad;
}

static void owner_texts_are_in_plain_words(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(owner_files) / sizeof(*owner_files); i++) {
		char *s = read_all(owner_files[i]);
		cJSON *root = cJSON_Parse(s);
		assert_non_null(root);
		int seen = 0;
		int bad = walk(owner_files[i], root, &seen);
		assert_true(seen > 100); /* the walk really reached the texts */
		assert_int_equal(bad, 0);
		cJSON_Delete(root);
		free(s);
	}
}

/* The rules themselves catch what they should. */
static void the_rules_catch_jargon_and_accept_explanations(void **state)
{
	(void)state;
	assert_int_equal(check_text("t", "Wat wil hij over een paar jaar?"), 1);
	assert_int_equal(check_text("t", "Samenwerking en flexibele schil"), 1);
	assert_int_equal(check_text("t", "uitzendkracht of payroll"), 1);
	assert_int_equal(check_text("t", "Een PMO is een check."), 1);
	assert_int_equal(check_text("t", "Een PMO (preventief medisch onderzoek) is een check."), 0);
	assert_int_equal(check_text("t", "Een vrijwillige gezondheidscheck (PMO)"), 0);
	assert_int_equal(check_text("t", "zoals in een BBL-opleiding (leren en werken)."), 0);
	assert_int_equal(check_text("t", "Kijk in uw e-mail. Ziet u hem niet?"), 0);
	assert_int_equal(check_text("t", "Hijsen is geen jargon; zijn kopje ook niet."), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_rules_catch_jargon_and_accept_explanations),
		cmocka_unit_test(owner_texts_are_in_plain_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_report_scripts.c: names and advice in the scripts Dutch companies and
 * their staff write (Turkish, Polish, Greek, Cyrillic, Hebrew, Arabic) appear
 * in the PDF's text; anything the fonts lack (emoji, Chinese) becomes a
 * visible U+FFFD, never a gap. Read back with pdftotext. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "common/arena.h"
#include "common/buf.h"
#include "reports/report.h"
#include "common/banned.h"

/* The report's text as pdftotext reads it (malloc'd). */
static char *render_text(const char *company, const char *advice)
{
	struct arena a = ARENA_INIT;
	struct report r = {.lang = "nl"};
	report_demo_fill(&r, REPORT_DEMO_SPARSE, &a);
	r.company.name = company;
	r.advice_md = advice;
	struct buf out;
	buf_init(&out, 0);
	char err[256] = "";
	if (report_render(&r, &out, err, sizeof err) != 0)
		fail_msg("render failed: %s", err);
	char path[] = "/tmp/fphc-scripts-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, out.data, out.len), (ssize_t)out.len);
	close(fd);
	buf_release(&out);
	arena_release(&a);

	char cmd[128];
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 %s - 2>/dev/null", path);
	FILE *f = popen(cmd, "r");
	assert_non_null(f);
	size_t cap = 1 << 20, len = 0;
	char *text = malloc(cap);
	size_t n;
	while ((n = fread(text + len, 1, cap - 1 - len, f)) > 0)
		len += n;
	text[len] = '\0';
	assert_int_equal(pclose(f), 0);
	unlink(path);
	return text;
}

static void scripts_we_cover_are_drawn(void **state)
{
	(void)state;
	static const char *words[] = {
		"Çağrı Öztürk",     /* Turkish */
		"Łódź Żółć",        /* Polish */
		"Ελληνικά",         /* Greek */
		"Україна Москва",   /* Cyrillic (Ukrainian, Russian) */
		"םולש",             /* Hebrew: drawn left to right, so pdftotext reads it back reversed */
		"Ștefan Țară",      /* Romanian */
	};
	char *text = render_text("Bakkerij Ελληνικά Україна Çağrı",
				 "Çağrı Öztürk en Łódź Żółć schrijven Ελληνικά, "
				 "Україна Москва, שלום en Ștefan Țară.");
	assert_non_null(strstr(text, "Bakkerij Ελληνικά Україна Çağrı"));
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (!strstr(text, words[i]))
			fail_msg("'%s' is missing from the PDF text", words[i]);
	free(text);
}

static void arabic_letters_are_drawn(void **state)
{
	(void)state;
	/* Unshaped: each letter in its isolated form, so pdftotext gives the
	 * letters back; they must not vanish. */
	char *text = render_text("Bakkerij مرحبا", "Advies: مرحبا");
	assert_null(strstr(text, "\xEF\xBF\xBD"));
	assert_non_null(strstr(text, "Bakkerij"));
	assert_true(strstr(text, "\xD9\x85") || strstr(text, "\xEF\xBB"));  /* م or a presentation form */
	free(text);
}

static void other_characters_become_a_visible_mark(void **state)
{
	(void)state;
	char *text = render_text("Bakkerij 🍞 面包", "Tevreden 😀 klanten");
	assert_null(strstr(text, "🍞"));
	assert_null(strstr(text, "面包"));
	assert_non_null(strstr(text, "Bakkerij \xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD"));
	assert_non_null(strstr(text, "Tevreden \xEF\xBF\xBD klanten"));
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scripts_we_cover_are_drawn),
		cmocka_unit_test(arabic_letters_are_drawn),
		cmocka_unit_test(other_characters_become_a_visible_mark),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_office.c: the pure parts of back office 1 — multipart parsing, the
 * password policy, the logo check, SBI sections, the invitation template. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "server/app/logo.h"
#include "server/app/mail.h"
#include "server/http/multipart.h"
#include "server/app/password_policy.h"
#include "server/app/sector.h"
#include "common/banned.h"

#define CT "multipart/form-data; boundary=XyZ"

static int parse(const char *body, size_t len, struct multipart_part *parts, int max, struct arena *a)
{
	char b[71];
	assert_int_equal(multipart_boundary(CT, b), 0);
	return multipart_parse(b, body, len, a, parts, max);
}

static void multipart_reads_fields_and_a_file(void **state)
{
	(void)state;
	static const char body[] = "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n"
				   "--XyZ\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"a.png\"\r\n"
				   "Content-Type: image/png\r\n\r\n\x89PNG\r\n\x00\x01\r\n--XyZ--\r\n";
	struct arena a = ARENA_INIT;
	struct multipart_part p[4];
	assert_int_equal(parse(body, sizeof(body) - 1, p, 4, &a), 2);
	assert_string_equal(p[0].name, "csrf");
	assert_null(p[0].filename);
	assert_int_equal(p[0].len, 3);
	assert_memory_equal(p[0].data, "abc", 3);
	assert_string_equal(p[1].name, "logo");
	assert_string_equal(p[1].filename, "a.png");
	assert_string_equal(p[1].content_type, "image/png");
	assert_int_equal(p[1].len, 8);  /* binary data with CRLF and NUL kept exactly */
	assert_memory_equal(p[1].data, "\x89PNG\r\n\x00\x01", 8);
	arena_release(&a);
}

static void multipart_refuses_malformed_bodies(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct multipart_part p[2];
	static const char *const bad[] = {
		"",                                                       /* empty */
		"no boundary at all",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated",
		"--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--",  /* no disposition */
		"--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--",   /* no name */
		"--XyZjunk",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(parse(bad[i], strlen(bad[i]), p, 2, &a), -1);
	/* more parts than allowed */
	static const char three[] = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
				    "--XyZ\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n"
				    "--XyZ\r\nContent-Disposition: form-data; name=\"c\"\r\n\r\n3\r\n--XyZ--";
	assert_int_equal(parse(three, sizeof(three) - 1, p, 2, &a), -1);
	arena_release(&a);
}

static void multipart_header_lines_are_bounded(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct multipart_part p[1];
	char body[4096];
	char pad[1100];
	memset(pad, 'x', sizeof(pad) - 1);
	pad[sizeof(pad) - 1] = '\0';
	int n = snprintf(body, sizeof(body), "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Long: %s\r\n\r\nv\r\n--XyZ--", pad);
	assert_int_equal(parse(body, (size_t)n, p, 1, &a), -1);
	arena_release(&a);
}

static void multipart_boundary_from_header(void **state)
{
	(void)state;
	char b[71];
	assert_int_equal(multipart_boundary("multipart/form-data; boundary=\"a b\"", b), 0);
	assert_string_equal(b, "a b");
	assert_int_equal(multipart_boundary("multipart/form-data; boundary=----WebKit123", b), 0);
	assert_string_equal(b, "----WebKit123");
	assert_int_equal(multipart_boundary("application/x-www-form-urlencoded", b), -1);
	assert_int_equal(multipart_boundary("multipart/form-data", b), -1);
	assert_int_equal(multipart_boundary("multipart/form-data; boundary=", b), -1);
	assert_int_equal(multipart_boundary(NULL, b), -1);
	char longb[200] = "multipart/form-data; boundary=";
	memset(longb + strlen(longb), 'a', 71);
	assert_int_equal(multipart_boundary(longb, b), -1);
}

static void password_needs_twelve_characters(void **state)
{
	(void)state;
	assert_int_equal(password_check("kort", NULL), PASSWORD_TOO_SHORT);
	assert_int_equal(password_check("elf tekens.", NULL), PASSWORD_TOO_SHORT);
	assert_int_equal(password_check("twaalf teken", NULL), PASSWORD_OK);
	/* characters, not bytes: 11 letters with accents are still too short */
	assert_int_equal(password_check("éééééééééée", NULL), PASSWORD_TOO_SHORT);
	char huge[300];
	memset(huge, 'q', sizeof(huge) - 1);
	huge[0] = 'z';
	huge[sizeof(huge) - 1] = '\0';
	assert_int_equal(password_check(huge, NULL), PASSWORD_TOO_LONG);
}

static void password_refuses_common_ones(void **state)
{
	(void)state;
	static const char *const common[] = {"123456789012", "Password1234", "qwertyuiop123", "Wachtwoord2024!",
					     "welkomwelkom", "aaaaaaaaaaaa", "abcdefghijklm", "!!!!2024!!!!",
					     "iloveyou1234", "Limburg123456"};
	for (size_t i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		if (password_check(common[i], NULL) != PASSWORD_COMMON)
			fail_msg("'%s' should be refused as common", common[i]);
	assert_int_equal(password_check("jan.jansen2024", "jan.jansen@bedrijf.nl"), PASSWORD_COMMON);
	assert_int_equal(password_check("paars fietsje onder de brug", "jan@bedrijf.nl"), PASSWORD_OK);
	assert_string_equal(password_message_key(PASSWORD_COMMON), "office.password.common");
}

static void logo_must_be_a_small_png(void **state)
{
	(void)state;
	static const unsigned char png[33] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
	/* a signature and IHDR without a valid CRC or image data: decoded and refused */
	assert_int_equal(logo_check(png, sizeof(png)), LOGO_BROKEN);
	assert_int_equal(logo_check(png, 0), LOGO_EMPTY);
	assert_int_equal(logo_check("GIF89a..........................", 33), LOGO_NOT_PNG);
	assert_int_equal(logo_check(png, 20), LOGO_BROKEN);
	unsigned char *big = calloc(1, LOGO_MAX_BYTES + 1);
	memcpy(big, png, sizeof(png));
	assert_int_equal(logo_check(big, LOGO_MAX_BYTES), LOGO_BROKEN);
	assert_int_equal(logo_check(big, LOGO_MAX_BYTES + 1), LOGO_TOO_BIG);
	free(big);
}

static void sbi_has_21_sections_in_two_languages(void **state)
{
	(void)state;
	assert_int_equal(SBI_COUNT, 21);
	for (int i = 0; i < SBI_COUNT; i++) {
		assert_int_equal(sbi_sections[i].letter, 'A' + i);
		assert_true(strlen(sbi_sections[i].nl) > 0 && strlen(sbi_sections[i].en) > 0);
	}
	assert_string_equal(sbi_name("F", "nl"), "Bouwnijverheid");
	assert_string_equal(sbi_name("F", "en"), "Construction");
	assert_null(sbi_find("V"));
	assert_null(sbi_find("FF"));
	assert_null(sbi_find(""));
	assert_string_equal(sbi_name("x", "nl"), "");
}

static void template_fills_placeholders(void **state)
{
	(void)state;
	char *s = mail_fill_template("Beste {bedrijf}, {link} – {adviseur} {onbekend}", "Bakkerij", "https://x/s/T", "Anouk");
	assert_string_equal(s, "Beste Bakkerij, https://x/s/T – Anouk {onbekend}");
	free(s);
	s = mail_fill_template("{link}{link}", NULL, "L", NULL);
	assert_string_equal(s, "LL");
	free(s);
}

static void mail_refuses_header_injection(void **state)
{
	(void)state;
	char err[128];
	struct mail m = {.to = "a@b.nl\r\nBcc: x@y.nl", .subject = "s", .body = "b"};
	assert_int_equal(mail_send(&m, err, sizeof(err)), -1);  /* not configured, or refused: never sent */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(multipart_reads_fields_and_a_file),
		cmocka_unit_test(multipart_refuses_malformed_bodies),
		cmocka_unit_test(multipart_header_lines_are_bounded),
		cmocka_unit_test(multipart_boundary_from_header),
		cmocka_unit_test(password_needs_twelve_characters),
		cmocka_unit_test(password_refuses_common_ones),
		cmocka_unit_test(logo_must_be_a_small_png),
		cmocka_unit_test(sbi_has_21_sections_in_two_languages),
		cmocka_unit_test(template_fills_placeholders),
		cmocka_unit_test(mail_refuses_header_injection),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

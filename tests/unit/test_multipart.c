/* test_multipart.c: multipart parsing (server/http/multipart.c): fields, files, malformed bodies, bounded header lines, the boundary. */
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(multipart_reads_fields_and_a_file),
		cmocka_unit_test(multipart_refuses_malformed_bodies),
		cmocka_unit_test(multipart_header_lines_are_bounded),
		cmocka_unit_test(multipart_boundary_from_header),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

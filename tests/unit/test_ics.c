/* test_ics.c: the iCalendar file of a follow-up meeting (common/ics.c): CRLF
 * line ends, escaped text, folding at 75 octets without breaking UTF-8, UTC times. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "common/ics.h"
#include "common/banned.h"

static const struct ics_event base = {
	.uid = "event-7@fphc", .dtstamp = "20261201T090000Z", .dtstart = "20261215T130000Z",
	.dtend = "20261215T150000Z", .summary = "Werken aan inclusie", .location = "Stadhuis; zaal 2, Maastricht",
	.description = "Eerste regel\nTweede \\ regel", .url = "https://example.org/a",
};

static void every_line_ends_in_crlf(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(ics_write(&b, &base), 0);
	assert_true(strncmp(b.data, "BEGIN:VCALENDAR\r\n", 17) == 0);
	for (size_t i = 0; i < b.len; i++)
		if (b.data[i] == '\n')
			assert_true(i > 0 && b.data[i - 1] == '\r');
	assert_non_null(strstr(b.data, "\r\nUID:event-7@fphc\r\n"));
	assert_non_null(strstr(b.data, "\r\nDTSTART:20261215T130000Z\r\n"));
	assert_non_null(strstr(b.data, "\r\nDTEND:20261215T150000Z\r\n"));
	assert_non_null(strstr(b.data, "\r\nEND:VCALENDAR\r\n"));
	buf_release(&b);
}

static void text_is_escaped(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(ics_write(&b, &base), 0);
	assert_non_null(strstr(b.data, "LOCATION:Stadhuis\\; zaal 2\\, Maastricht\r\n"));
	assert_non_null(strstr(b.data, "DESCRIPTION:Eerste regel\\nTweede \\\\ regel\r\n"));
	buf_release(&b);
}

static void long_lines_fold_without_breaking_utf8(void **state)
{
	(void)state;
	char summary[400];
	size_t n = 0;
	for (int i = 0; i < 60; i++) {
		memcpy(summary + n, "é€", 5);  /* 2 + 3 bytes */
		n += 5;
	}
	summary[n] = '\0';
	struct ics_event e = base;
	e.summary = summary;
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(ics_write(&b, &e), 0);
	const char *p = b.data;
	while (*p) {
		const char *end = strstr(p, "\r\n");
		assert_non_null(end);
		assert_true(end - p <= 75);
		/* a line never starts with a continuation byte after the fold's space */
		if (*p == ' ')
			assert_true(((unsigned char)p[1] & 0xC0) != 0x80);
		p = end + 2;
	}
	buf_release(&b);
}

static void bad_times_are_refused(void **state)
{
	(void)state;
	struct ics_event e = base;
	e.dtstart = "2026-12-15 13:00";
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(ics_write(&b, &e), -1);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_line_ends_in_crlf),
		cmocka_unit_test(text_is_escaped),
		cmocka_unit_test(long_lines_fold_without_breaking_utf8),
		cmocka_unit_test(bad_times_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

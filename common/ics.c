/* ics.c: an iCalendar file of one event; see ics.h. */
#include <string.h>

#include "common/ics.h"
#include "common/banned.h"

/* 1 when s is YYYYMMDDTHHMMSSZ. */
static int utc_valid(const char *s)
{
	if (!s || strlen(s) != 16 || s[8] != 'T' || s[15] != 'Z')
		return 0;
	for (int i = 0; i < 15; i++)
		if (i != 8 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

/* Appends one content line "NAME:value" (value escaped when text), folded:
 * at most 75 octets a line, continuation lines start with a space, and a
 * UTF-8 sequence never breaks. */
static int line(struct buf *b, const char *name, const char *value, int text)
{
	struct buf l;
	buf_init(&l, 64 * 1024);
	buf_puts(&l, name);
	buf_putc(&l, ':');
	for (const char *p = value; *p; p++) {
		if (!text)
			buf_putc(&l, *p);
		else if (*p == '\\' || *p == ';' || *p == ',')
			buf_putc(&l, '\\'), buf_putc(&l, *p);
		else if (*p == '\r' && p[1] == '\n')
			continue;
		else if (*p == '\n' || *p == '\r')
			buf_puts(&l, "\\n");
		else if ((unsigned char)*p < 0x20 && *p != '\t')
			continue;  /* other control characters are not allowed in TEXT */
		else
			buf_putc(&l, *p);
	}
	int rc = l.toobig ? -1 : 0;
	size_t used = 0;
	for (size_t i = 0; rc == 0 && i < l.len;) {
		size_t room = used == 0 && i == 0 ? 75 : 74;
		size_t n = l.len - i < room ? l.len - i : room;
		while (n > 0 && i + n < l.len && ((unsigned char)l.data[i + n] & 0xC0) == 0x80)
			n--;  /* do not cut before a continuation byte */
		if (i > 0 && buf_putc(b, ' ') != 0)
			rc = -1;
		if (rc == 0 && (buf_add(b, l.data + i, n) != 0 || buf_puts(b, "\r\n") != 0))
			rc = -1;
		i += n;
		used = 1;
	}
	buf_release(&l);
	return rc;
}

int ics_write(struct buf *b, const struct ics_event *e)
{
	if (!utc_valid(e->dtstamp) || !utc_valid(e->dtstart) || !utc_valid(e->dtend))
		return -1;
	int rc = 0;
	rc |= buf_puts(b, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fphc//Bijeenkomsten//NL\r\n"
		       "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nBEGIN:VEVENT\r\n");
	rc |= line(b, "UID", e->uid, 1);
	rc |= line(b, "DTSTAMP", e->dtstamp, 0);
	rc |= line(b, "DTSTART", e->dtstart, 0);
	rc |= line(b, "DTEND", e->dtend, 0);
	rc |= line(b, "SUMMARY", e->summary ? e->summary : "", 1);
	if (e->location && *e->location)
		rc |= line(b, "LOCATION", e->location, 1);
	if (e->description && *e->description)
		rc |= line(b, "DESCRIPTION", e->description, 1);
	if (e->url && *e->url)
		rc |= line(b, "URL", e->url, 0);
	rc |= buf_puts(b, "END:VEVENT\r\nEND:VCALENDAR\r\n");
	return rc ? -1 : 0;
}

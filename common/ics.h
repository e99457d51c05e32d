/* ics.h: one calendar event as an iCalendar file (RFC 5545): CRLF line ends,
 * TEXT values escaped (backslash, semicolon, comma, line breaks), lines folded
 * at 75 octets without splitting a UTF-8 character, times in UTC. Pure. */
#ifndef FPHC_ICS_H
#define FPHC_ICS_H

#include "common/buf.h"

struct ics_event {
	const char *uid;          /* globally unique, e.g. "event-12@fphc" */
	const char *dtstamp;      /* YYYYMMDDTHHMMSSZ */
	const char *dtstart;      /* YYYYMMDDTHHMMSSZ */
	const char *dtend;        /* YYYYMMDDTHHMMSSZ */
	const char *summary;      /* UTF-8 text, may be "" */
	const char *location;     /* may be NULL or "" (left out) */
	const char *description;  /* may be NULL or "" (left out) */
	const char *url;          /* may be NULL or "" (left out) */
};

/* Appends the whole VCALENDAR with one VEVENT to b. 0, or -1 when b is full
 * (its cap) or a time is not of the form YYYYMMDDTHHMMSSZ. */
int ics_write(struct buf *b, const struct ics_event *e);

#endif

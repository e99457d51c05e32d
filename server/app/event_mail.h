/* event_mail.h: the e-mails of a follow-up meeting (issue 20): the invitation
 * with the personal sign-up link and its calendar file, the message that a
 * place came free for a company on the waiting list, and the reminder the day
 * before. In plain B1 Dutch, or English when the company's scan was in English.
 * Used by the office (invitations), the sign-up page (moving up) and
 * `fphc meetings remind`. */
#ifndef FPHC_EVENT_MAIL_H
#define FPHC_EVENT_MAIL_H

#include <stddef.h>
#include "server/db/event.h"

enum event_mail_kind {
	EVENT_MAIL_INVITATION,  /* needs link: the personal /e/TOKEN address */
	EVENT_MAIL_MOVED_UP,    /* a place came free: you are signed up now */
	EVENT_MAIL_REMINDER,    /* the meeting is tomorrow */
	EVENT_MAIL_CANCELLED,   /* the association called the meeting off */
};

/* Sends one mail of `kind` about s (its event and company) to s->email. The raw
 * token is not kept, so only the invitation carries the link (and link +
 * "/meeting.ics"); the others point to the invitation mail. Returns 1 sent, 0
 * not sent because SMTP is not configured or there is no address, -1 on
 * failure (reason in err). */
int event_mail_send(enum event_mail_kind kind, const struct event_signup_view *s, const char *link, char *err,
		    size_t errlen);

#endif

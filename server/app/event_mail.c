/* event_mail.c: the e-mails of a follow-up meeting; see event_mail.h. */
#include <stdio.h>
#include <string.h>

#include "server/app/event_mail.h"
#include "server/app/mail.h"
#include "common/buf.h"
#include "common/banned.h"

/* "15-12-2026 van 14:00 tot 16:00" / "15-12-2026 from 14:00 to 16:00" */
static void when_text(struct buf *b, const struct event_row *e, int en)
{
	const char *d = e->date;
	if (strlen(d) == 10)
		buf_printf(b, "%.2s-%.2s-%.4s", d + 8, d + 5, d);
	else
		buf_puts(b, d);
	buf_printf(b, en ? " from %s to %s" : " van %s tot %s", e->start_time, e->end_time);
}

static void details(struct buf *b, const struct event_row *e, int en)
{
	buf_printf(b, "%s\n", e->title);
	buf_puts(b, en ? "When: " : "Wanneer: ");
	when_text(b, e, en);
	buf_putc(b, '\n');
	if (e->place[0])
		buf_printf(b, "%s%s\n", en ? "Where: " : "Waar: ", e->place);
	if (e->online_url[0])
		buf_printf(b, "%s%s\n", en ? "Online: " : "Online: ", e->online_url);
	if (e->offer_title[0])
		buf_printf(b, "%s%s (%s)\n", en ? "With: " : "Met: ", e->offer_title, e->offer_provider);
	if (e->description[0])
		buf_printf(b, "\n%s\n", e->description);
}

int event_mail_send(enum event_mail_kind kind, const struct event_signup_view *s, const char *link, char *err,
		    size_t errlen)
{
	err[0] = '\0';
	if (!mail_configured() || !s->email[0])
		return 0;
	const struct event_row *e = &s->event;
	int en = strcmp(s->lang, "en") == 0;
	struct buf body, subject;
	buf_init(&body, 256 * 1024);
	buf_init(&subject, 1024);
	buf_printf(&body, en ? "Dear %s,\n\n" : "Beste %s,\n\n", s->company_name);
	switch (kind) {
	case EVENT_MAIL_INVITATION:
		buf_printf(&subject, en ? "Invitation: %s" : "Uitnodiging: %s", e->title);
		buf_printf(&body, en ? "%s invites you to a meeting about a theme from your scan.\n\n"
				     : "%s nodigt u uit voor een bijeenkomst over een thema uit uw scan.\n\n", e->org_name);
		details(&body, e, en);
		buf_printf(&body, en ? "\nWill you come? Say yes or no here (no account needed):\n%s\n\n"
				       "Add it to your calendar:\n%s/meeting.ics\n"
				     : "\nKomt u? Zeg hier ja of nee (u heeft geen account nodig):\n%s\n\n"
				       "Zet het in uw agenda:\n%s/meeting.ics\n", link ? link : "", link ? link : "");
		break;
	case EVENT_MAIL_MOVED_UP:
		buf_printf(&subject, en ? "A place for you: %s" : "Er is plek voor u: %s", e->title);
		buf_puts(&body, en ? "A place came free. You were on the waiting list, so you are now signed up for:\n\n"
				   : "Er is een plek vrijgekomen. U stond op de wachtlijst. U bent nu aangemeld voor:\n\n");
		details(&body, e, en);
		buf_puts(&body, en ? "\nCannot come after all? Use the link in the invitation e-mail to cancel.\n"
				   : "\nKunt u toch niet? Meld u dan af met de link in de uitnodiging.\n");
		break;
	case EVENT_MAIL_CANCELLED:
		buf_printf(&subject, en ? "Cancelled: %s" : "Gaat niet door: %s", e->title);
		buf_puts(&body, en ? "We are sorry: this meeting does not take place.\n\n"
				   : "Het spijt ons: deze bijeenkomst gaat niet door.\n\n");
		details(&body, e, en);
		buf_puts(&body, en ? "\nYou do not need to do anything. Remove it from your calendar if you added it.\n"
				   : "\nU hoeft niets te doen. Heeft u hem in uw agenda gezet? Haal hem er dan uit.\n");
		break;
	case EVENT_MAIL_REMINDER:
		buf_printf(&subject, en ? "Reminder: %s" : "Herinnering: %s", e->title);
		buf_puts(&body, en ? "This is a reminder. You are signed up for:\n\n"
				   : "Dit is een herinnering. U bent aangemeld voor:\n\n");
		details(&body, e, en);
		buf_puts(&body, en ? "\nCannot come after all? Use the link in the invitation e-mail to cancel.\n"
				   : "\nKunt u toch niet? Meld u dan af met de link in de uitnodiging.\n");
		break;
	}
	buf_printf(&body, en ? "\nKind regards,\n%s\n" : "\nMet vriendelijke groet,\n%s\n", e->org_name);
	int rc = -1;
	if (body.toobig || subject.toobig) {
		snprintf(err, errlen, "mail too long");
	} else {
		struct mail m = {.to = s->email, .reply_to = NULL, .subject = subject.data, .body = body.data};
		rc = mail_send(&m, err, errlen) == 0 ? 1 : -1;
	}
	buf_release(&body);
	buf_release(&subject);
	return rc;
}

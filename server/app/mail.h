/* mail.h: sending plain-text e-mail over SMTP with libcurl (FPHC_SMTP_URL, e.g.
 * smtp://127.0.0.1:25 or smtps://user:pass@host:465), and the association's
 * invitation template with {bedrijf}, {link} and {adviseur}.
 * The sender address comes from FPHC_MAIL_FROM (default fphc@localhost). */
#ifndef FPHC_MAIL_H
#define FPHC_MAIL_H

#include <stddef.h>

struct mail {
	const char *to;        /* one address */
	const char *reply_to;  /* may be NULL or "" */
	const char *subject;   /* UTF-8 */
	const char *body;      /* UTF-8 text, \n line ends */
};

/* 1 when an SMTP URL is configured. */
int mail_configured(void);
/* Sends one message (blocking, at most ~20 s). Returns 0, or -1 with a reason in
 * err (never the message itself). Addresses with CR, LF, '<' or '>' are refused. */
int mail_send(const struct mail *m, char *err, size_t errlen);
/* The template with {bedrijf}, {link} and {adviseur} filled in. Unknown
 * {placeholders} stay as written. Returns a malloc'd string (caller frees). */
char *mail_fill_template(const char *tmpl, const char *company, const char *link, const char *advisor);

#endif

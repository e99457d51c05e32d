/* office.h: helpers shared by the back-office pages : ids from the path,
 * scoped not-found answers, trimmed form fields, notices, paging and links. */
#ifndef FPHC_PAGES_OFFICE_H
#define FPHC_PAGES_OFFICE_H

#include <cJSON.h>
#include "server/http/req.h"

#define OFFICE_PER_PAGE 25

/* The route capture i as a positive id, or 0 when it is not one. */
long long office_id(struct req *r, int i);
/* Answers 404 for an object that is not the user's association's (or does not
 * exist) and records the attempt in the audit log as "denied". */
void office_not_found(struct req *r, const char *object_type, long long id);
/* The answer to a look-up or change scoped to the association: `found` is the
 * database's (1 or more: found, 0: not the association's or no such object,
 * -1: error). 1 when found; else 0 after answering 503, or 404 audited as
 * office_not_found does (object_type NULL: a 404 without an audit entry). */
int office_found(struct req *r, long long found, const char *object_type, long long id);
/* A form field trimmed of white space at both ends, "" when absent (arena). */
char *office_field(struct req *r, const char *name);
/* The same for a text of several lines (a <textarea>): line breaks kept. */
char *office_text(struct req *r, const char *name);
/* 1 when s looks like one e-mail address (local@domain.tld, no spaces, ≤ 254). */
int office_email_valid(const char *s);
/* ?page=N (1 … 100000), 1 when absent or invalid. */
int office_page(struct req *r);
/* Adds "pager" {prev, next, page, pages} to ctx; `base` is the path with the
 * other query parameters ("/companies?q=x"), to which "&page=N" is added. */
void office_pager(cJSON *ctx, long long total, int page, const char *base);
/* Adds "notice" from ?msg=KEY when "office.msg.KEY" is a known message. */
void office_notice(struct req *r, cJSON *ctx);
/* A public link BASE + prefix + token ("/s/" invitation, "/password/" set-password),
 * BASE from --base-url or else the request's Host header (arena). */
char *office_link(struct req *r, const char *prefix, const char *token);
/* Writes an audit entry on behalf of user uid when no session is loaded yet
 * (after a password was set through a link). */
void office_audit_as(struct req *r, long long uid, const char *action);

/* Renders the company page (its details and scans) with ctx (taken over), or a
 * scoped 404 when the company is not the user's association's (office_companies.c). */
void office_company_render(struct req *r, int status, long long id, cJSON *ctx);

/* E-mails a fresh invitation link when SMTP is configured and shows the company
 * page with the link once (office_invitations.c). `to` may be NULL (company address). */
void office_show_new_link(struct req *r, long long company_id, long long scan_id, const char *token, const char *to);

/* The "Overdragen aan" form (templates/office/handover.html) posting to
 * `action`: every active advisor and admin of the association, `current`
 * (a user id, 0 for nobody) chosen. 0, or -1 on a database error. */
int office_handover_fill(struct req *r, long long current, const char *action, cJSON *ctx);
/* The advisor id a hand-over form sent: 1 with *out set (0 for nobody), or 0
 * when it is not a number. */
int office_handover_read(struct req *r, long long *out);

#endif

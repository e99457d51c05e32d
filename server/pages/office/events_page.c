/* events_page.c: one follow-up meeting (/events/ID): its details, the companies
 * fphc proposes (latest scan flags one of its themes, owner consented) to tick
 * and invite by e-mail with a personal link, the sign-up and waiting lists, and
 * after the start the attendance, which can close the attending companies'
 * open agreed actions on the meeting's themes in the same transaction. */
#include <stdio.h>
#include <string.h>

#include "server/http/page.h"
#include "server/http/session.h"
#include "server/http/i18n.h"
#include "server/http/log.h"
#include "server/pages/office/events.h"
#include "server/pages/office/scan_page.h"
#include "server/app/event_mail.h"
#include "server/app/mail.h"
#include "server/db/event.h"
#include "common/crypto.h"
#include "common/text.h"
#include "common/banned.h"

/* The meeting of the route (scoped to the association) into *e, and the questionnaire
 * of its themes into *q unless q is NULL; its id, or 0 after answering 404 or 503. */
static long long load_event(struct req *r, struct event_row *e, const struct questionnaire **q)
{
	long long id = office_id(r, 0);
	int failed = 0;
	if (q)
		*q = id ? office_events_questionnaire(r, &failed) : NULL;
	int found = failed ? -1 : id ? db_event_get(req_db(r), &r->arena, r->session->org_id, id, e) : 0;
	return office_found(r, found, "event", id) ? id : 0;
}

/* Signed up or on the waiting list: the companies whose attendance is recorded and who hear
 * when the meeting is called off. */
static int expects_to_come(const struct event_signup_row *s)
{
	return strcmp(s->status, "signed_up") == 0 || strcmp(s->status, "waiting") == 0;
}

/* The sign-ups of meeting id that expect to come into *out (arena); their number, or -1
 * after answering 503. */
static int expected(struct req *r, long long id, struct event_signup_row **out)
{
	struct event_signup_row *su;
	int ns = db_event_signups(req_db(r), &r->arena, r->session->org_id, id, &su);
	if (ns < 0) {
		reply_db_error(r);
		return -1;
	}
	int n = 0;
	for (int i = 0; i < ns; i++)
		if (expects_to_come(&su[i]))
			su[n++] = su[i];
	*out = su;
	return n;
}

static const char *status_label(struct req *r, const char *status)
{
	return i18n_get(r->lang, arena_printf(&r->arena, "events.status.%s", status));
}

static void render(struct req *r, int status, cJSON *ctx)
{
	struct db *db = req_db(r);
	struct event_row e;
	const struct questionnaire *q;
	long long id = load_event(r, &e, &q);
	if (!id)
		return;
	const char *band = office_attention_band(q);
	struct event_candidate *cand = NULL;
	struct event_signup_row *su;
	struct event_action_row *act = NULL;
	int open = !e.started && !e.cancelled;
	int nc = open && band ? db_event_candidates(db, &r->arena, r->session->org_id, id, band, &cand) : 0;
	int ns = db_event_signups(db, &r->arena, r->session->org_id, id, &su);
	int na = e.started ? db_event_open_actions(db, &r->arena, r->session->org_id, id, &act) : 0;
	if (nc < 0 || ns < 0 || na < 0) {
		reply_db_error(r);
		return;
	}
	cJSON_AddItemToObject(ctx, "event", office_event_json(r, q, &e));
	cJSON_AddBoolToObject(ctx, "can_invite", open);
	cJSON_AddBoolToObject(ctx, "can_record", e.started && !e.cancelled);
	cJSON_AddBoolToObject(ctx, "smtp", mail_configured());
	cJSON *cl = cJSON_AddArrayToObject(ctx, "candidates");
	for (int i = 0; i < nc; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "company_id", (double)cand[i].company_id);
		cJSON_AddStringToObject(o, "name", cand[i].name);
		cJSON_AddStringToObject(o, "email", cand[i].email);
		cJSON_AddBoolToObject(o, "no_email", !cand[i].email[0]);
		cJSON_AddBoolToObject(o, "invited", cand[i].invited);
		cJSON_AddBoolToObject(o, "can_pick", !cand[i].invited && cand[i].email[0]);
		struct buf t;
		buf_init(&t, 8192);
		const char *p = cand[i].themes;
		while (*p) {
			size_t n = strcspn(p, ",");
			if (t.len)
				buf_puts(&t, ", ");
			buf_puts(&t, office_theme_title(r, q, arena_printf(&r->arena, "%.*s", (int)n, p)));
			p += n + (p[n] == ',');
		}
		cJSON_AddStringToObject(o, "themes", t.data);
		buf_release(&t);
		cJSON_AddItemToArray(cl, o);
	}
	cJSON *sl = cJSON_AddArrayToObject(ctx, "signups");
	cJSON *al = cJSON_AddArrayToObject(ctx, "attendance");
	for (int i = 0; i < ns; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "id", (double)su[i].id);
		cJSON_AddNumberToObject(o, "company_id", (double)su[i].company_id);
		cJSON_AddStringToObject(o, "company", su[i].company_name);
		cJSON_AddStringToObject(o, "status", su[i].status);
		cJSON_AddStringToObject(o, "status_label", status_label(r, su[i].status));
		cJSON_AddStringToObject(o, "responded_at", su[i].responded_at);
		cJSON_AddBoolToObject(o, "attended", su[i].attended == 1);
		cJSON_AddBoolToObject(o, "absent", su[i].attended == 0);
		int present = expects_to_come(&su[i]);
		if (present && e.started) {
			cJSON *a = cJSON_Duplicate(o, 1);
			cJSON *acts = cJSON_AddArrayToObject(a, "actions");
			for (int k = 0; k < na; k++)
				if (act[k].company_id == su[i].company_id) {
					cJSON *x = cJSON_CreateObject();
					cJSON_AddNumberToObject(x, "id", (double)act[k].id);
					cJSON_AddStringToObject(x, "what", act[k].what);
					cJSON_AddStringToObject(x, "theme", office_theme_title(r, q, act[k].theme_key));
					cJSON_AddItemToArray(acts, x);
				}
			cJSON_AddBoolToObject(a, "has_actions", cJSON_GetArraySize(acts) > 0);
			cJSON_AddItemToArray(al, a);
		}
		cJSON_AddItemToArray(sl, o);
	}
	office_notice(r, ctx);
	office_render(r, status, "office/event", e.title, ctx);
}

void office_event_show(struct req *r)
{
	render(r, 200, page_ctx(r));
}

/* The meeting's page again with message `key` next to `field`. */
static void refuse(struct req *r, int status, const char *field, const char *key)
{
	cJSON *ctx = page_ctx(r);
	page_field_error(ctx, field, i18n_get(r->lang, key));
	render(r, status, ctx);
}

/* One invited company whose mail is still to go. */
struct invited {
	long long company_id, signup_id;
	char token[TOKEN_TEXT_LEN + 1];
};

void office_event_invite(struct req *r)
{
	struct event_row e;
	const struct questionnaire *q;
	long long id = load_event(r, &e, &q);
	if (!id)
		return;
	if (e.started || e.cancelled) {
		refuse(r, 409, "companies", "events.invite_closed");
		return;
	}
	const char **ids;
	int n = req_form_all(r, "company", &ids);
	const char *band = office_attention_band(q);
	if (n < 1 || n > 1000 || !band) {
		refuse(r, 400, "companies", "events.invite_none");
		return;
	}
	struct db *db = req_db(r);
	struct invited *inv = arena_alloc(&r->arena, sizeof(*inv) * (size_t)n);
	int made = 0;
	for (int i = 0; i < n; i++) {
		long long cid = text_parse_id(ids[i]);
		if (cid <= 0)
			continue;
		struct invited *x = &inv[made];
		crypto_token_new(x->token);
		const char *email;
		int rc = db_event_invite(db, &r->arena, r->session->org_id, id, cid, band, x->token, &x->signup_id, &email);
		if (rc < 0) {
			reply_db_error(r);
			return;
		}
		if (rc == 0)
			continue;  /* no longer a candidate (consent withdrawn, invited meanwhile): skipped */
		x->company_id = cid;
		office_audit(r, "event_invite", "event", id, "company", arena_printf(&r->arena, "%lld", cid), NULL);
		made++;
	}
	if (made == 0) {
		refuse(r, 400, "companies", "events.invite_none");
		return;
	}
	/* Mail after every row is in; a mail that cannot go shows its link once. */
	cJSON *links = cJSON_CreateArray();
	int sent = 0;
	for (int i = 0; i < made; i++) {
		struct event_signup_view s;
		const char *link = office_link(r, "/e/", inv[i].token);
		char err[256];
		int found = db_event_signup_get(db, &r->arena, inv[i].signup_id, &s);
		if (found < 0) {
			cJSON_Delete(links);
			reply_db_error(r);
			return;
		}
		int rc = found ? event_mail_send(EVENT_MAIL_INVITATION, &s, link, err, sizeof(err)) : 0;
		if (rc == 1) {
			sent++;
			continue;
		}
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "company", found ? s.company_name : "");
		cJSON_AddStringToObject(o, "link", link);
		cJSON_AddItemToArray(links, o);
	}
	if (cJSON_GetArraySize(links) == 0) {
		cJSON_Delete(links);
		reply_redirect(r, arena_printf(&r->arena, "/events/%lld?msg=invited", id));
		return;
	}
	cJSON *ctx = page_ctx(r);
	cJSON_AddItemToObject(ctx, "new_links", links);
	cJSON_AddNumberToObject(ctx, "sent", sent);
	render(r, 200, ctx);
}

void office_event_attendance(struct req *r)
{
	struct db *db = req_db(r);
	struct event_row e;
	long long id = load_event(r, &e, NULL);
	if (!id)
		return;
	if (!e.started || e.cancelled) {
		refuse(r, 409, "attendance", "events.attendance_early");
		return;
	}
	struct event_signup_row *su;
	struct event_action_row *act;
	int ns = expected(r, id, &su);
	if (ns < 0)
		return;
	int present = 0, closed = 0;
	for (int i = 0; i < ns; i++) {
		int yes = req_form(r, arena_printf(&r->arena, "att_%lld", su[i].id)) != NULL;
		if (db_event_attendance_set(db, r->session->org_id, id, su[i].id, yes) < 0) {
			reply_db_error(r);
			return;
		}
		present += yes;
	}
	/* the actions as they stand now, so a company just marked absent closes nothing */
	int na = db_event_open_actions(db, &r->arena, r->session->org_id, id, &act);
	if (na < 0) {
		reply_db_error(r);
		return;
	}
	for (int k = 0; k < na; k++) {
		if (!req_form(r, arena_printf(&r->arena, "close_%lld", act[k].id)))
			continue;
		int rc = db_event_close_action(db, r->session->org_id, id, act[k].id, r->session->user_id);
		if (rc < 0) {
			reply_db_error(r);
			return;
		}
		if (rc == 1) {
			office_audit(r, "action_closed_by_event", "action", act[k].id, "event",
				     arena_printf(&r->arena, "%lld", id), NULL);
			closed++;
		}
	}
	office_audit(r, "event_attendance", "event", id, "attended", arena_printf(&r->arena, "%d", present),
		     "actions_closed", arena_printf(&r->arena, "%d", closed), NULL);
	reply_redirect(r, arena_printf(&r->arena, "/events/%lld?msg=attendance", id));
}

/* POST /events/ID/cancel: calls the meeting off before it starts and mails every company
 * that signed up or waits. The links stop working (the sign-up page says it is closed). */
void office_event_cancel(struct req *r)
{
	struct event_row e;
	long long id = load_event(r, &e, NULL);
	if (!id)
		return;
	struct db *db = req_db(r);
	int rc = db_event_cancel(db, r->session->org_id, id);
	if (rc < 0) {
		reply_db_error(r);
		return;
	}
	if (rc == 0) {
		refuse(r, 409, "cancel", "events.cancel_late");
		return;
	}
	struct event_signup_row *su;
	int ns = expected(r, id, &su);
	if (ns < 0)
		return;
	int sent = 0, failed = 0;
	for (int i = 0; i < ns; i++) {
		struct event_signup_view s;
		char err[256];
		int found = db_event_signup_get(db, &r->arena, su[i].id, &s);
		if (found < 0) {
			reply_db_error(r);
			return;
		}
		int m = found ? event_mail_send(EVENT_MAIL_CANCELLED, &s, NULL, err, sizeof err) : 0;
		if (m < 0)
			log_warn("event %lld: the cancellation mail could not be sent: %s", id, err);
		sent += m == 1;
		failed += m < 0;
	}
	office_audit(r, "event_cancel", "event", id, "mailed", arena_printf(&r->arena, "%d", sent),
		     "mail_failed", arena_printf(&r->arena, "%d", failed), NULL);
	reply_redirect(r, arena_printf(&r->arena, "/events/%lld?msg=%s", id, failed ? "event_cancelled_unmailed"
											: "event_cancelled"));
}

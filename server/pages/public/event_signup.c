/* event_signup.c: the personal sign-up link of a follow-up meeting (/e/TOKEN):
 * no account needed, works without JavaScript. The company signs up or
 * declines; when the meeting is full a sign-up goes on the waiting list, and a
 * decline of a signed-up company moves the first waiting one up (and mails
 * it). A choice made twice, or a link used once the meeting has started, gets
 * a clear message and changes nothing. /e/TOKEN/meeting.ics is the calendar
 * file. An unknown token counts towards the per-address limit of every token
 * route. Dutch, or English when the scan was (?lang= switches). */
#include <stdio.h>
#include <string.h>

#include "server/http/page.h"
#include "server/http/routes.h"
#include "server/http/session.h"
#include "server/http/i18n.h"
#include "server/http/link.h"
#include "server/http/log.h"
#include "server/pages/office/events.h"
#include "server/pages/respondent/respondent.h"
#include "server/app/event_mail.h"
#include "server/db/event.h"
#include "common/buf.h"
#include "common/ics.h"
#include "common/banned.h"

/* The signup of the route's token into *s, with r->lang set; 0 after answering. */
static int load(struct req *r, struct event_signup_view *s)
{
	int found = db_event_signup_find(req_db(r), &r->arena, req_param(r, 0), s);
	if (found < 0) {
		reply_db_error(r);
		return 0;
	}
	if (!found) {
		owner_report_miss(r);
		return 0;
	}
	const char *lang = req_query(r, "lang");
	if (!lang)
		lang = req_form(r, "lang");
	if (lang && (strcmp(lang, "en") == 0 || strcmp(lang, "nl") == 0))
		r->lang = strcmp(lang, "en") == 0 ? "en" : "nl";
	else
		r->lang = strcmp(s->lang, "en") == 0 ? "en" : "nl";
	return 1;
}

/* The page with `message` (an events.signup.* key, may be NULL) and status. */
static void render(struct req *r, int status, const struct event_signup_view *s, const char *message)
{
	const struct event_row *e = &s->event;
	const char *self = arena_printf(&r->arena, "/e/%s", req_param(r, 0));
	cJSON *ctx = page_ctx(r);
	cJSON_ReplaceItemInObject(ctx, "path", cJSON_CreateString("/"));
	cJSON_AddStringToObject(ctx, "lang_switch",
				arena_printf(&r->arena, "%s?lang=%s", self, strcmp(r->lang, "en") == 0 ? "nl" : "en"));
	cJSON_AddStringToObject(ctx, "extra_css", "respondent.css");
	cJSON_AddStringToObject(ctx, "self", self);
	cJSON_AddStringToObject(ctx, "company", s->company_name);
	cJSON *o = cJSON_AddObjectToObject(ctx, "event");
	cJSON_AddStringToObject(o, "title", e->title);
	cJSON_AddStringToObject(o, "org", e->org_name);
	office_event_details(r, o, e);
	int closed = e->started || e->cancelled;
	cJSON_AddBoolToObject(ctx, "closed", closed);
	cJSON_AddBoolToObject(ctx, "cancelled", e->cancelled);
	cJSON_AddBoolToObject(ctx, "full", e->signed_up >= e->capacity);
	cJSON_AddStringToObject(ctx, "status_text", i18n_get(r->lang, arena_printf(&r->arena, "events.signup.now_%s", s->status)));
	if (s->waiting_position)
		cJSON_AddNumberToObject(ctx, "waiting_position", s->waiting_position);
	cJSON_AddBoolToObject(ctx, "can_yes", !closed && strcmp(s->status, "signed_up") != 0 && strcmp(s->status, "waiting") != 0);
	cJSON_AddBoolToObject(ctx, "can_no", !closed && strcmp(s->status, "declined") != 0);
	if (message)
		cJSON_AddStringToObject(ctx, "message", i18n_get(r->lang, message));
	page_render(r, status, "public/event_signup", e->title, ctx);
}

static void signup_page(struct req *r)
{
	struct event_signup_view s;
	if (!load(r, &s))
		return;
	render(r, 200, &s, s.event.cancelled ? "events.signup.cancelled" : s.event.started ? "events.signup.past" : NULL);
}

static void signup_post(struct req *r)
{
	struct db *db = req_db(r);
	struct event_signup_view s;
	if (!load(r, &s))
		return;
	const char *choice = req_form(r, "choice");
	if (!choice || (strcmp(choice, "yes") != 0 && strcmp(choice, "no") != 0)) {
		render(r, 400, &s, "events.signup.choose");
		return;
	}
	long long promoted = 0;
	enum event_response res = db_event_respond(db, s.id, strcmp(choice, "yes") == 0, &promoted);
	if (res == EVENT_RESPOND_ERROR) {
		reply_db_error(r);
		return;
	}
	if (res == EVENT_CLOSED || res == EVENT_SAME) {
		render(r, res == EVENT_CLOSED ? 410 : 409, &s,
		       res == EVENT_CLOSED ? (s.event.cancelled ? "events.signup.cancelled" : "events.signup.past")
					   : "events.signup.same");
		return;
	}
	static const char *const action[] = {"event_signed_up", "event_waiting", "event_declined"};
	static const char *const message[] = {"events.signup.done_yes", "events.signup.done_waiting",
					      "events.signup.done_no"};
	struct audit_user who = {.org_id = s.event.org_id, .email = "owner"};
	audit_as(r, &who, action[res], "event", s.event.id);
	if (promoted) {
		struct event_signup_view up;
		char err[256];
		int found = db_event_signup_get(db, &r->arena, promoted, &up);
		if (found < 0) {
			reply_db_error(r);
			return;
		}
		audit_as(r, &who, "event_moved_up", "event", s.event.id);
		/* the place is theirs whether or not the mail goes; the office sees the list */
		if (found && event_mail_send(EVENT_MAIL_MOVED_UP, &up, NULL, err, sizeof(err)) < 0)
			log_error("event %lld: moved-up mail not sent: %s", s.event.id, err);
	}
	struct event_signup_view now;
	int found = db_event_signup_get(db, &r->arena, s.id, &now);
	if (found <= 0) {
		reply_db_error(r);
		return;
	}
	render(r, 200, &now, message[res]);
}

static void signup_ics(struct req *r)
{
	struct event_signup_view s;
	if (!load(r, &s))
		return;
	const struct event_row *e = &s.event;
	struct buf desc, out;
	buf_init(&desc, 64 * 1024);
	buf_init(&out, 256 * 1024);
	const char *link = link_absolute(r, "/e/", req_param(r, 0));
	if (e->description[0])
		buf_printf(&desc, "%s\n\n", e->description);
	if (e->online_url[0])
		buf_printf(&desc, "%s: %s\n", i18n_get(r->lang, "events.f_online_url"), e->online_url);
	buf_printf(&desc, "%s: %s", i18n_get(r->lang, "events.signup.ics_link"), link);
	struct ics_event ev = {
		.uid = arena_printf(&r->arena, "fphc-event-%lld@%s", e->id, "fphc"),
		.dtstamp = e->created_utc, .dtstart = e->starts_utc, .dtend = e->ends_utc,
		.summary = e->title, .location = e->place[0] ? e->place : e->online_url,
		.description = desc.data, .url = link,
	};
	int rc = ics_write(&out, &ev);
	if (rc == 0)
		reply_bytes(r, 200, "text/calendar; charset=utf-8", out.data, out.len, "bijeenkomst.ics");
	else
		reply_error(r, 500);
	buf_release(&desc);
	buf_release(&out);
}

const struct route routes_event_signup[] = {
	{"GET", "/e/:token", signup_page, ROUTE_NO_SESSION, ACCESS_PUBLIC},
	{"POST", "/e/:token", signup_post, ROUTE_NO_SESSION | ROUTE_CHANGES, ACCESS_PUBLIC},
	{"GET", "/e/:token/meeting.ics", signup_ics, ROUTE_NO_SESSION, ACCESS_PUBLIC},
	{NULL, NULL, NULL, 0, 0},
};

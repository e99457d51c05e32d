/* events.c: the follow-up meetings of the association (/events): per theme of
 * the questionnaire how many companies have it as an attention point in their
 * latest scan, how many of those have an agreed action or a chosen offer for
 * it, and how many attended a meeting on it; then the meetings themselves. */
#include <stdio.h>
#include <string.h>

#include "server/http/page.h"
#include "server/http/routes.h"
#include "server/http/session.h"
#include "server/http/i18n.h"
#include "server/pages/office/events.h"
#include "server/pages/office/scan_page.h"
#include "server/app/questionnaire_registry.h"
#include "server/db/event.h"
#include "server/db/questionnaire.h"
#include "common/buf.h"
#include "common/banned.h"

const struct questionnaire *office_events_questionnaire(struct req *r, int *failed)
{
	struct db *db = req_db(r);
	*failed = 0;
	long long qid = db_event_questionnaire(db, r->session->org_id);
	if (qid == 0)
		qid = db_questionnaire_latest(db, "fphc");
	if (qid < 0) {
		*failed = 1;
		return NULL;
	}
	return qid > 0 ? qreg_get(db, qid) : NULL;
}

const char *office_attention_band(const struct questionnaire *q)
{
	return q && q->n_bands > 1 ? q->bands[0].key : NULL;
}

const char *office_theme_title(struct req *r, const struct questionnaire *q, const char *key)
{
	for (size_t t = 0; q && t < q->n_themes; t++)
		if (strcmp(q->themes[t]->key, key) == 0) {
			const struct text_pair *title = &q->themes[t]->title;
			return strcmp(r->lang, "en") == 0 && title->en ? title->en : title->nl;
		}
	return key;
}

void office_event_details(struct req *r, cJSON *o, const struct event_row *e)
{
	cJSON_AddStringToObject(o, "date", e->date);
	cJSON_AddStringToObject(o, "start_time", e->start_time);
	cJSON_AddStringToObject(o, "end_time", e->end_time);
	cJSON_AddStringToObject(o, "place", e->place);
	cJSON_AddStringToObject(o, "online_url", e->online_url);
	cJSON_AddStringToObject(o, "description", e->description);
	if (e->offer_title[0])
		cJSON_AddStringToObject(o, "offer", arena_printf(&r->arena, "%s (%s)", e->offer_title, e->offer_provider));
}

cJSON *office_event_json(struct req *r, const struct questionnaire *q, const struct event_row *e)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)e->id);
	cJSON_AddStringToObject(o, "title", e->title);
	struct buf themes;
	buf_init(&themes, 8192);
	const char *p = e->theme_keys;
	while (*p) {
		size_t n = strcspn(p, ",");
		const char *key = arena_printf(&r->arena, "%.*s", (int)n, p);
		if (themes.len)
			buf_puts(&themes, ", ");
		buf_puts(&themes, office_theme_title(r, q, key));
		p += n;
		if (*p == ',')
			p++;
	}
	cJSON_AddStringToObject(o, "themes", themes.data);
	buf_release(&themes);
	office_event_details(r, o, e);
	cJSON_AddNumberToObject(o, "capacity", e->capacity);
	cJSON_AddNumberToObject(o, "signed_up", (double)e->signed_up);
	cJSON_AddNumberToObject(o, "waiting", (double)e->waiting);
	cJSON_AddNumberToObject(o, "invited", (double)e->invited);
	cJSON_AddBoolToObject(o, "started", e->started);
	cJSON_AddBoolToObject(o, "cancelled", e->cancelled);
	return o;
}

static void events_index(struct req *r)
{
	struct db *db = req_db(r);
	int failed;
	const struct questionnaire *q = office_events_questionnaire(r, &failed);
	const char *band = office_attention_band(q);
	struct event_theme_count *counts = NULL;
	struct event_row *events;
	int nc = band ? db_event_theme_counts(db, &r->arena, r->session->org_id, band, &counts) : 0;
	int ne = db_event_list(db, &r->arena, r->session->org_id, &events);
	if (failed || nc < 0 || ne < 0) {
		reply_db_error(r);
		return;
	}
	cJSON *ctx = page_ctx(r);
	cJSON *themes = cJSON_AddArrayToObject(ctx, "themes");
	for (size_t t = 0; q && t < q->n_themes; t++) {
		const struct theme *th = q->themes[t];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "key", th->key);
		cJSON_AddStringToObject(o, "title", office_theme_title(r, q, th->key));
		long long flagged = 0, followed = 0, attended = 0;
		for (int i = 0; i < nc; i++)
			if (strcmp(counts[i].theme_key, th->key) == 0) {
				flagged = counts[i].flagged;
				followed = counts[i].followed;
				attended = counts[i].attended;
			}
		cJSON_AddNumberToObject(o, "flagged", (double)flagged);
		cJSON_AddNumberToObject(o, "followed", (double)followed);
		cJSON_AddNumberToObject(o, "attended", (double)attended);
		cJSON_AddBoolToObject(o, "needs_meeting", flagged > 0);
		cJSON_AddItemToArray(themes, o);
	}
	cJSON *list = cJSON_AddArrayToObject(ctx, "events");
	for (int i = 0; i < ne; i++)
		cJSON_AddItemToArray(list, office_event_json(r, q, &events[i]));
	office_notice(r, ctx);
	office_render(r, 200, "office/events", i18n_get(r->lang, "events.title"), ctx);
}

/* The other pages of the meetings live in events_form.c and events_page.c;
 * their routes are in this one table. */
const struct route routes_events[] = {
	{"GET", "/events", events_index, 0, ACCESS_STAFF},
	{"GET", "/events/new", office_event_new, 0, ACCESS_STAFF},
	{"POST", "/events", office_event_create, ROUTE_CHANGES, ACCESS_STAFF},
	{"GET", "/events/:id", office_event_show, 0, ACCESS_STAFF},
	{"POST", "/events/:id/invite", office_event_invite, ROUTE_CHANGES, ACCESS_STAFF},
	{"POST", "/events/:id/attendance", office_event_attendance, ROUTE_CHANGES, ACCESS_STAFF},
	{"POST", "/events/:id/cancel", office_event_cancel, ROUTE_CHANGES, ACCESS_STAFF},
	{NULL, NULL, NULL, 0, 0},
};

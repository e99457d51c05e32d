/* events_form.c: planning a follow-up meeting (/events/new, POST /events):
 * title, themes, date with start and end time, place or online link, a
 * partner's offer from the catalogue, capacity and a description. A bad field
 * gets its message beside it and nothing is stored. */
#include <stdio.h>
#include <string.h>

#include "server/http/page.h"
#include "server/http/session.h"
#include "server/http/i18n.h"
#include "server/pages/office/events.h"
#include "server/pages/office/scan_page.h"
#include "server/db/event.h"
#include "server/db/offer.h"
#include "common/buf.h"
#include "common/date.h"
#include "common/text.h"
#include "common/banned.h"

/* 1 when key is one of the keys in keys[0..n). */
static int chosen(const char *const *keys, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (strcmp(keys[i], key) == 0)
			return 1;
	return 0;
}

/* Renders the form with the values in ctx's "form", the chosen themes and offer. */
static void show_form(struct req *r, int status, cJSON *ctx, const struct questionnaire *q,
		      const char *const *themes, int n_themes, const char *offer)
{
	cJSON *opts = cJSON_AddArrayToObject(ctx, "theme_options");
	for (size_t t = 0; q && t < q->n_themes; t++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "key", q->themes[t]->key);
		cJSON_AddStringToObject(o, "title", office_theme_title(r, q, q->themes[t]->key));
		cJSON_AddBoolToObject(o, "checked", chosen(themes, n_themes, q->themes[t]->key));
		cJSON_AddItemToArray(opts, o);
	}
	struct offer_row *offers;
	int n = db_offer_list(req_db(r), &r->arena, r->session->org_id, &offers);
	if (n < 0) {
		reply_db_error(r);
		return;
	}
	cJSON *list = cJSON_AddArrayToObject(ctx, "offer_options");
	page_option(list, "", i18n_get(r->lang, "events.f_offer_none"), offer);
	for (int i = 0; i < n; i++)
		if (offers[i].active)
			page_option(list, arena_printf(&r->arena, "%lld", offers[i].id),
				    arena_printf(&r->arena, "%s (%s)", offers[i].title, offers[i].provider), offer);
	office_render(r, status, "office/event_form", i18n_get(r->lang, "events.new"), ctx);
}

/* A page context with an empty "form" (returned) into *ctx, and the questionnaire
 * whose themes the form offers into *q; NULL after answering 503. */
static cJSON *form_start(struct req *r, cJSON **ctx, const struct questionnaire **q)
{
	int failed;
	*q = office_events_questionnaire(r, &failed);
	if (failed) {
		reply_db_error(r);
		return NULL;
	}
	*ctx = page_ctx(r);
	return cJSON_AddObjectToObject(*ctx, "form");
}

void office_event_new(struct req *r)
{
	cJSON *ctx;
	const struct questionnaire *q;
	cJSON *f = form_start(r, &ctx, &q);
	if (!f)
		return;
	cJSON_AddStringToObject(f, "capacity", "20");
	const char *theme = req_query(r, "theme");
	const char *themes[1] = {theme ? theme : ""};
	show_form(r, 200, ctx, q, themes, theme ? 1 : 0, "");
}

/* 1 when s is an http(s) address we can put in a link and a calendar. */
static int url_valid(const char *s)
{
	return (strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0) && strlen(s) >= 11 &&
	       strlen(s) <= 500 && !strpbrk(s, " \"<>'\\");
}

void office_event_create(struct req *r)
{
	struct db *db = req_db(r);
	cJSON *ctx;
	const struct questionnaire *q;
	cJSON *form = form_start(r, &ctx, &q);
	if (!form)
		return;
	static const char *const names[] = {"title", "date", "start_time", "end_time", "place", "online_url", "capacity"};
	const char *v[7];
	for (int i = 0; i < 7; i++) {
		v[i] = office_field(r, names[i]);
		cJSON_AddStringToObject(form, names[i], v[i]);
	}
	const char *title = v[0], *date = v[1], *start = v[2], *end = v[3], *place = v[4], *url = v[5];
	const char *description = office_text(r, "description");
	cJSON_AddStringToObject(form, "description", description);
	const char *offer = office_field(r, "offer");
	const char **themes;
	int n_themes = req_form_all(r, "theme", &themes);
	const char *L = r->lang;

	if (!title[0])
		page_field_error(ctx, "title", i18n_get(L, "events.title_missing"));
	else if (strlen(title) > 200)
		page_field_error(ctx, "title", i18n_get(L, "office.too_long"));
	struct buf keys;
	buf_init(&keys, 8192);
	int unknown = 0;
	for (int i = 0; i < n_themes; i++) {
		int known = 0;
		for (size_t t = 0; q && t < q->n_themes; t++)
			known |= strcmp(q->themes[t]->key, themes[i]) == 0;
		unknown |= !known;
		int dup = 0;
		for (int j = 0; j < i; j++)
			dup |= strcmp(themes[j], themes[i]) == 0;
		if (known && !dup) {
			if (keys.len)
				buf_putc(&keys, ',');
			buf_puts(&keys, themes[i]);
		}
	}
	if (n_themes < 1 || n_themes > 20 || unknown)
		page_field_error(ctx, "themes", i18n_get(L, "events.themes_missing"));
	int date_ok = date_valid(date), start_ok = time_valid(start), end_ok = time_valid(end);
	if (!date_ok)
		page_field_error(ctx, "date", i18n_get(L, "office.date_invalid"));
	if (!start_ok)
		page_field_error(ctx, "start_time", i18n_get(L, "office.time_invalid"));
	if (!end_ok)
		page_field_error(ctx, "end_time", i18n_get(L, "office.time_invalid"));
	struct event_fields f = {
		.title = title, .theme_keys = keys.data, .place = place, .online_url = url, .description = description,
		.starts_at = arena_printf(&r->arena, "%s %s", date, start),
		.ends_at = arena_printf(&r->arena, "%s %s", date, end),
	};
	if (date_ok && start_ok && end_ok) {
		int past, reversed;
		if (db_event_times_check(db, f.starts_at, f.ends_at, &past, &reversed) != 0) {
			buf_release(&keys);
			reply_db_error(r);
			return;
		}
		if (past)
			page_field_error(ctx, "date", i18n_get(L, "events.date_past"));
		if (reversed)
			page_field_error(ctx, "end_time", i18n_get(L, "events.end_before_start"));
	}
	if (strlen(place) > 300)
		page_field_error(ctx, "place", i18n_get(L, "office.too_long"));
	if (url[0] && !url_valid(url))
		page_field_error(ctx, "online_url", i18n_get(L, "events.url_invalid"));
	if (!place[0] && !url[0])
		page_field_error(ctx, "place", i18n_get(L, "events.place_missing"));
	long capacity = 0;
	if (text_parse_long(v[6], 1, 10000, &capacity) != 0)
		page_field_error(ctx, "capacity", i18n_get(L, "events.capacity_invalid"));
	f.capacity = (int)capacity;
	if (offer[0]) {
		f.offer_id = text_parse_id(offer);
		int ok = f.offer_id > 0 ? db_event_offer_valid(db, r->session->org_id, f.offer_id) : 0;
		if (ok < 0) {
			buf_release(&keys);
			reply_db_error(r);
			return;
		}
		if (!ok)
			page_field_error(ctx, "offer", i18n_get(L, "events.offer_invalid"));
	}
	if (strlen(description) > 5000)
		page_field_error(ctx, "description", i18n_get(L, "office.too_long"));
	if (page_has_errors(ctx)) {
		buf_release(&keys);
		show_form(r, 400, ctx, q, themes, n_themes, offer);
		return;
	}
	long long id = db_event_create(db, r->session->org_id, r->session->user_id, &f);
	if (id < 0) {
		buf_release(&keys);
		reply_db_error(r);
		return;
	}
	office_audit(r, "event_create", "event", id, "title", title, "themes", keys.data, "starts_at", f.starts_at, NULL);
	buf_release(&keys);
	reply_redirect(r, arena_printf(&r->arena, "/events/%lld?msg=event_created", id));
}

/* events.h: helpers shared by the pages of the follow-up meetings (events*.c). */
#ifndef FPHC_PAGES_OFFICE_EVENTS_H
#define FPHC_PAGES_OFFICE_EVENTS_H

#include <cJSON.h>
#include "server/http/req.h"
#include "scoring/questionnaire.h"

struct event_row;

/* The questionnaire whose themes the meetings use: that of the association's
 * newest submitted scan, else the newest fphc version. NULL when there is none;
 * sets *failed on a database error (then nothing is queued yet). */
const struct questionnaire *office_events_questionnaire(struct req *r, int *failed);
/* The band key of an attention point in q (its first band), NULL when q has
 * fewer than two bands (then nothing is an attention point, as in the report). */
const char *office_attention_band(const struct questionnaire *q);
/* The title of theme key in r->lang, or the key when q does not know it. */
const char *office_theme_title(struct req *r, const struct questionnaire *q, const char *key);
/* Adds what a company reads about meeting e to o: date, start_time, end_time,
 * place, online_url, description and offer ("title (provider)", only when the
 * meeting has one). The office's page and the company's sign-up link share it. */
void office_event_details(struct req *r, cJSON *o, const struct event_row *e);
/* A meeting as the templates read it (id, title, themes, date, times, place,
 * online_url, offer, capacity, counts, started, cancelled, description). */
cJSON *office_event_json(struct req *r, const struct questionnaire *q, const struct event_row *e);

/* The handlers of events_form.c (plan) and events_page.c (invite, attendance). */
void office_event_new(struct req *r);
void office_event_create(struct req *r);
void office_event_show(struct req *r);
void office_event_invite(struct req *r);
void office_event_attendance(struct req *r);
void office_event_cancel(struct req *r);

#endif

/* scan_page.h: helpers shared by the scan page, offers, actions and the research
 * assessment. */
#ifndef FPHC_PAGES_OFFICE_SCAN_PAGE_H
#define FPHC_PAGES_OFFICE_SCAN_PAGE_H

#include <cJSON.h>

#include "server/http/req.h"
#include "server/app/scan_view.h"
#include "server/pages/office/office.h"

/* The route capture i as a positive id; 0 after queuing a 404 when it is not one. */
long long office_id_or_404(struct req *r, int i);
/* 1 when the client asked for JSON (fetch from app.js). */
int office_wants_json(struct req *r);
/* A score rounded half away from zero for display ("62"), or "–" for NAN. In the arena. */
const char *office_score_text(struct req *r, double v);
/* A change as "+8" / "−3" / "0". In the arena. */
const char *office_delta_text(struct req *r, double d);
/* Audit with a JSON detail built from key/value string pairs (NULL-terminated). */
void office_audit(struct req *r, const char *action, const char *type, long long id, ...);
/* The label of a scan status, an action status or a "who" kind, in r->lang. */
const char *office_status_label(struct req *r, const char *status);
const char *office_action_status_label(struct req *r, const char *status);
const char *office_who_label(struct req *r, const char *kind);
/* The statuses of an action, in the order people go through them (NULL-ended):
 * the one list that forms, filters and labels follow. */
extern const char *const office_action_statuses[];
/* 1 when s is one of office_action_statuses, else 0 (NULL too). */
int office_action_status_valid(const char *s);

/* 1 when the view of scan_id loaded (st is scanview_load's or report_build's answer);
 * else 0 after answering 404, audited as office_not_found does, when the caller may
 * not see the scan, or 503. */
int office_scan_loaded(struct req *r, enum scanview_status st, long long scan_id);
/* Renders the scan page of scan_id for the logged-in advisor or admin with the
 * extra keys already in ctx (form errors, values to show again) and status.
 * Answers 404 when the scan is not theirs. Takes ownership of ctx. */
void office_scan_render(struct req *r, long long scan_id, int status, cJSON *ctx);
/* Adds the score, peer, chart and answer keys of a loaded view to ctx (shared by
 * the advisor's and the researcher's page). */
void office_scan_fill(struct req *r, const struct scan_view *v, cJSON *ctx);

struct offer_row;
enum office_offer_shape {
	OFFICE_OFFER_SUGGESTED,  /* on the scan page: id, title, provider, description, contact, url */
	OFFICE_OFFER_CATALOGUE,  /* on /offers: the same and tags, active */
};
/* An offer as the page's template reads it (server/pages/office/offers.c). */
cJSON *office_offer_json(const struct offer_row *o, enum office_offer_shape shape);

struct action_row;
enum office_action_shape {
	OFFICE_ACTION_SCAN,      /* on the scan page: id, what, who, who_name, due, status, status_label, overdue */
	OFFICE_ACTION_FULL,      /* on /actions and /actions/ID: every field, the date as due_date */
};
/* An action as the page's template reads it (server/pages/office/actions.c). */
cJSON *office_action_json(struct req *r, const struct action_row *a, enum office_action_shape shape);

/* Adds who_KIND and st_STATUS flags for the selects of an action form. */
void office_action_select_flags(cJSON *values);
/* Adds "theme_options" (value, label, selected) to an action form's values: no
 * theme, then every theme of the association's questionnaire, values' theme_key
 * chosen (scan_forms.c). 0, or -1 on a database error (nothing queued). */
int office_action_theme_options(struct req *r, cJSON *values);

/* page_render() after adding has_NAME flags for every array NAME in ctx. */
void office_render(struct req *r, int status, const char *tmpl, const char *title, cJSON *ctx);

/* The forms of the scan page (server/pages/office/scan_forms.c). */
void office_status_post(struct req *r);
void office_handover_post(struct req *r);
void office_advice_post(struct req *r);
void office_offer_pick_post(struct req *r);
void office_meeting_post(struct req *r);
void office_action_add_post(struct req *r);

/* Validates the action fields of a form (add or edit) into f; puts field errors
 * into ctx. Returns 0 when valid. */
struct action_fields;
int office_action_fields(struct req *r, cJSON *ctx, cJSON *values, struct action_fields *f);

#endif

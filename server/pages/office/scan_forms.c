/* scan_forms.c: the forms of the scan page — status workflow, advice
 * (autosaved, refused when based on an old version), chosen offers, the meeting
 * and new follow-up actions. Every change is audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/http/link.h"
#include "server/http/log.h"
#include "server/http/page.h"
#include "server/pages/office/scan_page.h"
#include "server/app/questionnaire_registry.h"
#include "server/app/scan_workflow.h"
#include "server/http/session.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/db/action.h"
#include "server/db/advice.h"
#include "server/db/scan.h"
#include "common/text.h"
#include "common/date.h"
#include "server/pages/office/events.h"
#include "common/banned.h"

/* The scan of the route for a POST of the association's staff: 1 with *row
 * filled, or 0 with the reply queued (login, 403, 404, 503). */
static int scan_for_post(struct req *r, struct scan_row *row)
{
	long long id = office_id_or_404(r, 0);
	if (!id)
		return 0;
	int found = db_scan_get(req_db(r), &r->arena, id, row);
	if (found < 0) {
		reply_db_error(r);
		return 0;
	}
	if (!found || row->org_id != r->session->org_id) {
		audit(r, "denied", "scan", id, NULL);
		reply_error(r, 404);
		return 0;
	}
	return 1;
}

static void back_to_scan(struct req *r, long long id, const char *msg, const char *anchor)
{
	reply_redirect(r, arena_printf(&r->arena, "/scans/%lld?msg=%s#%s", id, msg, anchor));
}

static void refuse(struct req *r, long long id, int status, const char *field, const char *key, cJSON *ctx)
{
	if (!ctx)
		ctx = page_ctx(r);
	page_field_error(ctx, field, i18n_get(r->lang, key));
	office_scan_render(r, id, status, ctx);
}

/* "Overdragen aan": the scan goes to another advisor of the association (or
 * to nobody); the choice comes from the form's list, checked again in SQL. */
void office_handover_post(struct req *r)
{
	struct scan_row row;
	if (!scan_for_post(r, &row))
		return;
	long long advisor;
	if (!office_handover_read(r, &advisor)) {
		refuse(r, row.id, 400, "advisor", "office.scan.handover_bad", NULL);
		return;
	}
	int done = db_scan_set_advisor(req_db(r), row.id, row.org_id, advisor);
	if (done < 0) {
		reply_db_error(r);
		return;
	}
	if (!done) {
		refuse(r, row.id, 400, "advisor", "office.scan.handover_bad", NULL);
		return;
	}
	office_audit(r, "scan_handover", "scan", row.id, "advisor",
		     arena_printf(&r->arena, "%lld", advisor), NULL);
	back_to_scan(r, row.id, "handover", "handover");
}

void office_status_post(struct req *r)
{
	struct scan_row row;
	if (!scan_for_post(r, &row))
		return;
	const char *op = office_field(r, "op"), *to = office_field(r, "to"), *reason = office_text(r, "reason");
	int reopen = strcmp(op, "reopen") == 0;
	if (reopen ? !scan_status_reopen_ok(row.status, to) : !scan_status_forward_ok(row.status, to)) {
		refuse(r, row.id, 409, reopen ? "reopen_to" : "workflow", "office.workflow.not_allowed", NULL);
		return;
	}
	if (reopen && !reason[0]) {
		refuse(r, row.id, 400, "reason", "office.workflow.reason_missing", NULL);
		return;
	}
	/* "Gesprek gehouden" only with a meeting on record: the date it was held */
	if (!reopen && strcmp(to, "meeting_held") == 0) {
		struct meeting_row m;
		int found = db_meeting_get(req_db(r), &r->arena, row.id, &m);
		if (found < 0) {
			reply_db_error(r);
			return;
		}
		if (!found || !m.held_date[0]) {
			refuse(r, row.id, 400, "workflow", "office.workflow.meeting_missing", NULL);
			return;
		}
	}
	if (strlen(reason) > 2000) {
		refuse(r, row.id, 400, "reason", "office.too_long", NULL);
		return;
	}
	/* Moving to "final" freezes the report: rendered first, stored in the
	 * same transaction as the status change (scan_workflow.h). */
	struct scan_final final;
	int to_final = strcmp(to, "final") == 0;
	if (to_final) {
		char err[256];
		int prc = scan_final_prepare(req_db(r), row.id, row.org_id, r->session->user_id,
					     link_absolute(r, "/r/", ""), &final, err, sizeof(err));
		if (prc != 0) {
			scan_final_release(&final);
			if (prc < 0)
				log_error("final report of scan %lld: %s", row.id, err);
			reply_error(r, prc > 0 ? 404 : 500);
			return;
		}
	}
	int rc = db_scan_set_status_then(req_db(r), row.id, row.org_id, row.status, to, r->session->user_id,
					 reason, to_final ? scan_on_final : NULL, to_final ? &final : NULL);
	if (rc < 0) {
		if (to_final)
			scan_final_release(&final);
		reply_db_error(r);
		return;
	}
	if (rc == 0) {
		if (to_final)
			scan_final_release(&final);
		refuse(r, row.id, 409, "workflow", "office.workflow.moved", NULL);
		return;
	}
	/* the reason is free text (it may name people): it lives in
	 * scan_status_history, which erasure deletes, never in the append-only log */
	office_audit(r, reopen ? "scan_reopen" : "scan_status", "scan", row.id, "from", row.status, "to", to,
		  "reason", reason && reason[0] ? "given" : "", NULL);
	if (to_final) {
		char version[16];
		snprintf(version, sizeof(version), "%d", final.version);
		office_audit(r, "report_final", "scan", row.id, "version", version, "sha256", final.sha256, NULL);
		scan_final_release(&final);
	}
	back_to_scan(r, row.id, "status", "workflow");
}

static int advice_theme_ok(struct req *r, const struct scan_row *row, const char *theme)
{
	if (!theme[0])
		return 1;
	const struct questionnaire *q = qreg_get(req_db(r), row->questionnaire_id);
	return q && questionnaire_theme_find(q, theme) != NULL;
}

static void advice_conflict(struct req *r, const struct scan_row *row, const char *theme, const char *mine,
			    const struct advice_current *cur)
{
	if (office_wants_json(r)) {
		cJSON *j = cJSON_CreateObject();
		cJSON *e = cJSON_AddObjectToObject(j, "error");
		cJSON_AddStringToObject(e, "message", i18n_get(r->lang, "office.advice.conflict"));
		cJSON_AddStringToObject(e, "path", "version");
		cJSON *c = cJSON_AddObjectToObject(j, "current");
		cJSON_AddStringToObject(c, "body", cur->body_md);
		cJSON_AddNumberToObject(c, "version", cur->version);
		cJSON_AddStringToObject(c, "editor", cur->editor);
		cJSON_AddStringToObject(c, "updated_at", cur->updated_at);
		reply_json(r, 409, j);
		return;
	}
	cJSON *ctx = page_ctx(r);
	cJSON_AddNumberToObject(ctx, "scan_id", (double)row->id);
	cJSON_AddStringToObject(ctx, "theme", theme);
	cJSON_AddStringToObject(ctx, "mine", mine);
	cJSON_AddStringToObject(ctx, "theirs", cur->body_md);
	cJSON_AddNumberToObject(ctx, "version", cur->version);
	cJSON_AddStringToObject(ctx, "editor", cur->editor);
	cJSON_AddStringToObject(ctx, "updated_at", cur->updated_at);
	office_render(r, 409, "office/advice_conflict", i18n_get(r->lang, "office.advice.conflict_title"), ctx);
}

void office_advice_post(struct req *r)
{
	struct scan_row row;
	if (!scan_for_post(r, &row))
		return;
	const char *theme = office_field(r, "theme");
	const char *body = office_text(r, "body");
	long version;
	if (text_parse_long(office_field(r, "version"), 0, 1000000000, &version) != 0 || !advice_theme_ok(r, &row, theme)) {
		if (office_wants_json(r))
			reply_json_error(r, 400, "invalid theme or version", "version");
		else
			reply_error(r, 400);
		return;
	}
	int editable = scan_status_rank(row.status) <= 1;
	if (!editable || strlen(body) > 100000) {
		const char *key = editable ? "office.too_long" : "office.advice.locked";
		if (office_wants_json(r))
			reply_json_error(r, editable ? 400 : 409, i18n_get(r->lang, key), "body");
		else
			refuse(r, row.id, editable ? 400 : 409, arena_printf(&r->arena, "advice-%s", theme[0] ? theme : "general"),
			       key, NULL);
		return;
	}
	struct advice_current cur;
	enum advice_save rc = db_advice_save(req_db(r), &r->arena, row.id, theme, body, (int)version,
					     r->session->user_id, &cur);
	if (rc == ADVICE_ERROR) {
		reply_db_error(r);
		return;
	}
	if (rc == ADVICE_CONFLICT) {
		office_audit(r, "advice_conflict", "scan", row.id, "theme", theme, NULL);
		advice_conflict(r, &row, theme, body, &cur);
		return;
	}
	office_audit(r, "advice_save", "scan", row.id, "theme", theme,
		  "version", arena_printf(&r->arena, "%d", cur.version), NULL);
	if (office_wants_json(r)) {
		cJSON *j = cJSON_CreateObject();
		cJSON_AddNumberToObject(j, "version", cur.version);
		cJSON_AddStringToObject(j, "editor", cur.editor);
		cJSON_AddStringToObject(j, "updated_at", cur.updated_at);
		cJSON_AddStringToObject(j, "message", i18n_get(r->lang, "office.advice.saved"));
		reply_json(r, 200, j);
		return;
	}
	back_to_scan(r, row.id, "saved", arena_printf(&r->arena, "advice-%s", theme[0] ? theme : "general"));
}

void office_offer_pick_post(struct req *r)
{
	struct scan_row row;
	if (!scan_for_post(r, &row))
		return;
	const char *theme = office_field(r, "theme"), *note = office_field(r, "note"), *op = office_field(r, "op");
	long offer;
	if (!(offer = text_parse_id(office_field(r, "offer_id"))) || !theme[0] ||
	    !advice_theme_ok(r, &row, theme)) {
		reply_error(r, 400);
		return;
	}
	if (scan_status_rank(row.status) > 1) {
		refuse(r, row.id, 409, "offers", "office.advice.locked", NULL);
		return;
	}
	if (strlen(note) > 2000) {
		refuse(r, row.id, 400, arena_printf(&r->arena, "note-%s-%ld", theme, offer), "office.too_long", NULL);
		return;
	}
	int rc;
	if (strcmp(op, "remove") == 0)
		rc = db_scan_offer_remove(req_db(r), row.id, theme, offer) == 0 ? 1 : -1;
	else
		rc = db_scan_offer_pick(req_db(r), row.id, row.org_id, theme, offer, note, r->session->user_id);
	if (!office_found(r, rc, NULL, row.id))
		return;
	office_audit(r, strcmp(op, "remove") == 0 ? "offer_remove" : "offer_pick", "scan", row.id, "theme", theme,
		  "offer", arena_printf(&r->arena, "%ld", offer), NULL);
	back_to_scan(r, row.id, "saved", arena_printf(&r->arena, "attention-%s", theme));
}

void office_meeting_post(struct req *r)
{
	struct scan_row row;
	if (!scan_for_post(r, &row))
		return;
	static const char *const names[] = {"planned_date", "planned_time", "place", "held_date", "attendees", "notes"};
	static const size_t max[] = {10, 5, 300, 10, 2000, 20000};
	const char *v[6];
	cJSON *ctx = page_ctx(r);
	cJSON *m = cJSON_AddObjectToObject(ctx, "meeting");
	for (int i = 0; i < 6; i++) {
		v[i] = i >= 4 ? office_text(r, names[i]) : office_field(r, names[i]);
		cJSON_AddStringToObject(m, names[i], v[i]);
		if (strlen(v[i]) > max[i])
			page_field_error(ctx, names[i], i18n_get(r->lang, "office.too_long"));
	}
	if ((v[0][0] && !date_valid(v[0])))
		page_field_error(ctx, "planned_date", i18n_get(r->lang, "office.date_invalid"));
	if ((v[1][0] && !time_valid(v[1])))
		page_field_error(ctx, "planned_time", i18n_get(r->lang, "office.time_invalid"));
	if ((v[3][0] && !date_valid(v[3])))
		page_field_error(ctx, "held_date", i18n_get(r->lang, "office.date_invalid"));
	if (scan_status_rank(row.status) >= 4)
		page_field_error(ctx, "planned_date", i18n_get(r->lang, "office.closed"));
	if (page_has_errors(ctx)) {
		office_scan_render(r, row.id, 400, ctx);
		return;
	}
	if (db_meeting_save(req_db(r), row.id, v[0][0] ? v[0] : NULL, v[1], v[2], v[3][0] ? v[3] : NULL, v[4], v[5],
			    r->session->user_id) != 0) {
		reply_db_error(r);
		return;
	}
	office_audit(r, "meeting_save", "scan", row.id, "planned_date", v[0], "held_date", v[3], NULL);
	back_to_scan(r, row.id, "saved", "meeting");
}

static cJSON *theme_options(struct req *r, const struct questionnaire *q, const char *chosen)
{
	cJSON *list = cJSON_CreateArray();
	page_option(list, "", i18n_get(r->lang, "office.action.theme_none"), chosen);
	for (size_t t = 0; q && t < q->n_themes; t++)
		page_option(list, q->themes[t]->key, office_theme_title(r, q, q->themes[t]->key), chosen);
	return list;
}

int office_action_theme_options(struct req *r, cJSON *values)
{
	int failed = 0;
	const struct questionnaire *q = office_events_questionnaire(r, &failed);
	if (failed)
		return -1;
	const char *chosen = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(values, "theme_key"));
	cJSON_AddItemToObject(values, "theme_options", theme_options(r, q, chosen ? chosen : ""));
	return 0;
}

int office_action_fields(struct req *r, cJSON *ctx, cJSON *values, struct action_fields *f)
{
	f->what = office_field(r, "what");
	f->who_kind = office_field(r, "who_kind");
	f->who_name = office_field(r, "who_name");
	const char *due = office_field(r, "due_date");
	f->status = office_field(r, "status");
	f->notes = office_text(r, "notes");
	f->theme_key = office_field(r, "theme_key");
	if (!f->status[0])
		f->status = "open";
	cJSON_AddStringToObject(values, "what", f->what);
	cJSON_AddStringToObject(values, "who_kind", f->who_kind);
	cJSON_AddStringToObject(values, "who_name", f->who_name);
	cJSON_AddStringToObject(values, "due_date", due);
	cJSON_AddStringToObject(values, "status", f->status);
	cJSON_AddStringToObject(values, "notes", f->notes);
	cJSON_AddStringToObject(values, "theme_key", f->theme_key);
	office_action_select_flags(values);
	int failed = 0;
	const struct questionnaire *q = office_events_questionnaire(r, &failed);
	int known = !f->theme_key[0];
	for (size_t t = 0; q && t < q->n_themes && !known; t++)
		known = strcmp(q->themes[t]->key, f->theme_key) == 0;
	if (!known)
		page_field_error(ctx, "theme_key", i18n_get(r->lang, "office.action.theme_invalid"));
	cJSON_AddItemToObject(values, "theme_options", theme_options(r, q, f->theme_key));
	if (!f->what[0])
		page_field_error(ctx, "what", i18n_get(r->lang, "office.action.what_missing"));
	else if (strlen(f->what) > 500)
		page_field_error(ctx, "what", i18n_get(r->lang, "office.too_long"));
	if (strcmp(f->who_kind, "company") != 0 && strcmp(f->who_kind, "association") != 0 &&
	    strcmp(f->who_kind, "partner") != 0)
		page_field_error(ctx, "who_kind", i18n_get(r->lang, "office.action.who_missing"));
	if (strcmp(f->who_kind, "partner") == 0 && !f->who_name[0])
		page_field_error(ctx, "who_name", i18n_get(r->lang, "office.action.partner_missing"));
	if (strlen(f->who_name) > 200)
		page_field_error(ctx, "who_name", i18n_get(r->lang, "office.too_long"));
	if ((due[0] && !date_valid(due)))
		page_field_error(ctx, "due_date", i18n_get(r->lang, "office.date_invalid"));
	f->due_date = due[0] ? due : NULL;
	if (!office_action_status_valid(f->status))
		page_field_error(ctx, "status", i18n_get(r->lang, "office.action.status_invalid"));
	if (strlen(f->notes) > 5000)
		page_field_error(ctx, "action_notes", i18n_get(r->lang, "office.too_long"));
	return page_has_errors(ctx) ? -1 : 0;
}

void office_action_add_post(struct req *r)
{
	struct scan_row row;
	if (!scan_for_post(r, &row))
		return;
	cJSON *ctx = page_ctx(r);
	cJSON *values = cJSON_AddObjectToObject(ctx, "action_form");
	struct action_fields f;
	if (office_action_fields(r, ctx, values, &f) != 0) {
		office_scan_render(r, row.id, 400, ctx);
		return;
	}
	long long id = db_action_create(req_db(r), row.org_id, row.id, &f, r->session->user_id);
	if (id < 0) {
		reply_db_error(r);
		return;
	}
	office_audit(r, "action_create", "action", id, "scan", arena_printf(&r->arena, "%lld", row.id),
		  "status", f.status, NULL);
	back_to_scan(r, row.id, "action", "actions");
}

/* advice.h: the advisor's work on a scan — advice in Markdown per attention point
 * and in general (optimistic concurrency by version), offers picked per attention
 * point, the research group's assessment and the feedback meeting. */
#ifndef FPHC_DB_ADVICE_H
#define FPHC_DB_ADVICE_H

#include "common/arena.h"
#include "server/db/db.h"

/* theme_key, body_md, version, editor name, to_char(updated_at) of every advice
 * of the scan ('' = general). NULL on error. */
PGresult *db_advice_list(struct db *db, long long scan_id);

/* One saved advice of a scan; strings in the arena. */
struct advice_row {
	const char *theme_key;   /* the attention point's theme; "" = the general advice */
	const char *body_md;
	int version;
	const char *editor_name;
	const char *updated_at;  /* YYYY-MM-DD HH24:MI, local time */
};
/* The saved advice of the scan; the row count or -1 on error. */
int db_scan_advice_list(struct db *db, struct arena *a, long long scan_id, struct advice_row **out);

struct advice_current {
	int version;             /* 0 when nothing saved yet */
	const char *body_md, *editor, *updated_at;
};

enum advice_save { ADVICE_SAVED, ADVICE_CONFLICT, ADVICE_ERROR };

/* Saves body as the new text when the stored version is still base_version
 * (0 = nothing saved yet). On ADVICE_SAVED *cur holds the new version; on
 * ADVICE_CONFLICT it holds the other person's text. Strings in the arena. */
enum advice_save db_advice_save(struct db *db, struct arena *a, long long scan_id,
				const char *theme_key, const char *body, int base_version,
				long long user_id, struct advice_current *cur);

/* Chosen offers: theme_key, offer id, title, provider, contact, url, note. */
PGresult *db_scan_offers(struct db *db, long long scan_id);

/* One offer chosen for an attention point; strings in the arena, "" when empty. */
struct scan_offer_row {
	const char *theme_key;
	long long offer_id;
	const char *title, *provider, *contact, *url, *note;
};
/* The chosen offers, in the order chosen; the row count or -1 on error. */
int db_scan_offer_list(struct db *db, struct arena *a, long long scan_id, struct scan_offer_row **out);
/* Picks (or updates the note of) an offer of org_id for an attention point.
 * 1 done, 0 when the offer is not the association's, -1 on error. */
int db_scan_offer_pick(struct db *db, long long scan_id, long long org_id, const char *theme_key,
		       long long offer_id, const char *note, long long user_id);
int db_scan_offer_remove(struct db *db, long long scan_id, const char *theme_key, long long offer_id);

/* The research assessment: body, judgements (JSON text), version, editor, updated. */
PGresult *db_assessment_get(struct db *db, long long scan_id);

/* The research group's assessment of a scan; strings in the arena. */
struct assessment_row {
	const char *body_md;
	const char *judgements_json;  /* {"<pillar key>": "<Markdown>", ...} */
	int version;
	const char *editor_name;
	const char *updated_at;       /* YYYY-MM-DD HH24:MI, local time */
};
/* Reads the assessment: 1 found, 0 none saved yet, -1 error. */
int db_assessment_read(struct db *db, struct arena *a, long long scan_id, struct assessment_row *out);
/* Saves when the version is still base_version; 1 saved, 0 conflict, -1 error. */
int db_assessment_save(struct db *db, long long scan_id, const char *body, const char *judgements_json,
		       int base_version, long long user_id);

/* The meeting: planned_date, planned_time, place, held_date, attendees, notes, editor, updated. */
PGresult *db_meeting_get(struct db *db, long long scan_id);
/* Dates are YYYY-MM-DD or NULL. 0 or -1. */
int db_meeting_save(struct db *db, long long scan_id, const char *planned_date, const char *planned_time,
		    const char *place, const char *held_date, const char *attendees, const char *notes,
		    long long user_id);

#endif

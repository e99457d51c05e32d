/* advice.h: the advisor's work on a scan — advice in Markdown per attention point
 * and in general (optimistic concurrency by version), offers picked per attention
 * point, the research group's assessment and the feedback meeting. */
#ifndef FPHC_DB_ADVICE_H
#define FPHC_DB_ADVICE_H

#include "common/arena.h"
#include "server/db/db.h"


/* One saved advice of a scan. */
struct advice_row {
	const char *theme_key;    /* "" = the general advice */
	const char *body_md;
	int version;
	const char *editor_name;  /* name (or e-mail) of who saved it last, "" when unknown */
	const char *updated_at;   /* YYYY-MM-DD HH24:MI, local time */
};
/* Every advice of the scan into *out (arena). Row count, or -1 on error. */
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


/* An offer chosen for an attention point of a scan. */
struct scan_offer_row {
	const char *theme_key;
	long long offer_id;
	const char *title, *provider, *contact, *url;
	const char *note;         /* the advisor's note on the choice, "" when none */
};
/* The scan's chosen offers into *out (arena), in the order they were chosen.
 * Row count, or -1 on error. */
int db_scan_offer_list(struct db *db, struct arena *a, long long scan_id, struct scan_offer_row **out);
/* Picks (or updates the note of) an offer of org_id for an attention point.
 * 1 done, 0 when the offer is not the association's, -1 on error. */
int db_scan_offer_pick(struct db *db, long long scan_id, long long org_id, const char *theme_key,
		       long long offer_id, const char *note, long long user_id);
int db_scan_offer_remove(struct db *db, long long scan_id, const char *theme_key, long long offer_id);


/* The research group's assessment of a scan. */
struct assessment_row {
	const char *body_md;
	const char *judgements_json;  /* {"pillar key": "text", …} */
	int version;
	const char *editor_name;      /* "" when unknown */
	const char *updated_at;       /* YYYY-MM-DD HH24:MI, local time */
};
/* Reads the scan's assessment (strings in the arena). 1 found, 0 none (out then
 * holds an empty assessment: "" texts, version 0), -1 error. */
int db_assessment_read(struct db *db, struct arena *a, long long scan_id, struct assessment_row *out);
/* Saves when the version is still base_version; 1 saved, 0 conflict, -1 error. */
int db_assessment_save(struct db *db, long long scan_id, const char *body, const char *judgements_json,
		       int base_version, long long user_id);

/* The feedback meeting of a scan; every field "" when not filled in. */
struct meeting_row {
	const char *planned_date;     /* YYYY-MM-DD */
	const char *planned_time, *place;
	const char *held_date;        /* YYYY-MM-DD */
	const char *attendees, *notes;
	const char *editor;
	const char *updated_at;       /* YYYY-MM-DD HH24:MI, local time */
};
/* Reads the scan's meeting (strings in the arena). 1 found, 0 none (every
 * field of *out ""), -1 error. */
int db_meeting_get(struct db *db, struct arena *a, long long scan_id, struct meeting_row *out);
/* Dates are YYYY-MM-DD or NULL. 0 or -1. */
int db_meeting_save(struct db *db, long long scan_id, const char *planned_date, const char *planned_time,
		    const char *place, const char *held_date, const char *attendees, const char *notes,
		    long long user_id);

#endif

/* event.h: SQL of the themed follow-up meetings (verdiepende bijeenkomsten,
 * issue 20; tables events and event_signups, migrations/0088_events.sql).
 *
 * Called events so they are never confused with the feedback meeting of one
 * scan (scan_meetings). Every office function takes the association's org_id
 * and touches nothing of another association: a wrong id reads as "not
 * found". Which companies a meeting is for: those whose LATEST submitted scan
 * (of a company that is not erased) has one of the meeting's themes as an
 * attention point (a valid theme score in the questionnaire's first band,
 * passed in as band_key, the same rule as server/app/report_build.c) and whose
 * owner said yes to follow-up meetings on that scan (scans.follow_up_consent).
 * A company that withdrew consent is never proposed nor invited.
 *
 * The personal sign-up link is a random token of its own (common/crypto.h);
 * only its sha256 is stored (event_signups.token_hash), as for the scan link.
 * Times are shown in the installation's time zone (the connection's). */
#ifndef FPHC_DB_EVENT_H
#define FPHC_DB_EVENT_H

#include "common/arena.h"
#include "server/db/db.h"

/* Per theme: companies with it as an attention point in their latest scan,
 * of those how many have an agreed action (not dropped) or a chosen offer for
 * it on that scan, and how many attended a meeting on it. */
struct event_theme_count {
	const char *theme_key;
	long long flagged, followed, attended;
};
/* The counts of org_id for every theme that is an attention point somewhere,
 * into *out (arena). Row count, or -1 on error. */
int db_event_theme_counts(struct db *db, struct arena *a, long long org_id, const char *band_key,
			  struct event_theme_count **out);
/* The questionnaire of the association's newest submitted scan: its id, 0 when
 * there is none, -1 on error. */
long long db_event_questionnaire(struct db *db, long long org_id);

/* A meeting as the form gives it; times are local "YYYY-MM-DD HH:MM". */
struct event_fields {
	const char *title;
	const char *theme_keys;  /* comma-separated keys, checked by the caller */
	const char *starts_at, *ends_at;
	const char *place, *online_url, *description;
	long long offer_id;      /* 0: none; else an offer of the association */
	int capacity;
};
/* Checks times against now and each other: *past is 1 when starts_at is not in
 * the future, *reversed when ends_at is not after starts_at. 0 or -1. */
int db_event_times_check(struct db *db, const char *starts_at, const char *ends_at, int *past, int *reversed);
/* 1 when offer_id is an active offer of org_id, 0 when not, -1 on error. */
int db_event_offer_valid(struct db *db, long long org_id, long long offer_id);
/* Creates the meeting: its id, or -1 (db->err). */
long long db_event_create(struct db *db, long long org_id, long long user_id, const struct event_fields *f);

/* One meeting with its counts. Dates and times local. */
struct event_row {
	long long id, org_id, offer_id;
	const char *title;
	const char *theme_keys;     /* comma-separated */
	const char *date;           /* YYYY-MM-DD of the start */
	const char *start_time, *end_time;  /* HH:MM */
	const char *place, *online_url, *description;
	const char *offer_title, *offer_provider;  /* "" when none */
	const char *starts_utc, *ends_utc, *created_utc;  /* YYYYMMDDTHHMMSSZ, for .ics */
	const char *org_name;
	int capacity;
	long long signed_up, waiting, invited;  /* invited: every signup row */
	int started;                /* starts_at is not in the future */
	int cancelled;
};
/* The association's meetings, newest start first (at most 200), into *out. Row count or -1. */
int db_event_list(struct db *db, struct arena *a, long long org_id, struct event_row **out);
/* One meeting of org_id: 1 found, 0 not the association's, -1 error. */
int db_event_get(struct db *db, struct arena *a, long long org_id, long long event_id, struct event_row *out);

/* A company fphc proposes for a meeting. */
struct event_candidate {
	long long company_id, scan_id;
	const char *name, *email;
	const char *themes;        /* the meeting's themes it has as attention points, comma-separated */
	int invited;               /* already has a signup row for the meeting */
};
/* The proposed companies of a meeting (see the header comment), by name, into *out. Row count or -1. */
int db_event_candidates(struct db *db, struct arena *a, long long org_id, long long event_id, const char *band_key,
			struct event_candidate **out);
/* Invites one company with token (raw; its hash is stored) when it is still a
 * candidate with an e-mail address, the meeting is still to come and it was not
 * invited yet. 1 invited (signup id and address in *signup_id, *email; arena),
 * 0 not (any reason), -1 error. */
int db_event_invite(struct db *db, struct arena *a, long long org_id, long long event_id, long long company_id,
		    const char *band_key, const char *token, long long *signup_id, const char **email);

/* A company invited to a meeting, for the meeting page and attendance. */
struct event_signup_row {
	long long id, company_id;
	const char *company_name;
	const char *status;        /* invited, signed_up, waiting, declined */
	const char *responded_at;  /* YYYY-MM-DD HH24:MI or "" */
	int attended;              /* -1 not recorded, 0 no, 1 yes */
};
/* The signups of a meeting of org_id: signed up first, then waiting (in
 * order), invited, declined; into *out. Row count or -1. */
int db_event_signups(struct db *db, struct arena *a, long long org_id, long long event_id,
		     struct event_signup_row **out);

/* A signup as its personal link sees it. */
struct event_signup_view {
	long long id, company_id;
	const char *status;
	const char *company_name, *email;
	const char *lang;          /* the scan's language, "nl" when unknown */
	int waiting_position;      /* 1-based place on the waiting list, 0 when not waiting */
	struct event_row event;
};
/* The signup of a token: 1 found, 0 unknown, -1 error. */
int db_event_signup_find(struct db *db, struct arena *a, const char *token, struct event_signup_view *out);
/* The signup by id (for mails), 1/0/-1 as above. */
int db_event_signup_get(struct db *db, struct arena *a, long long signup_id, struct event_signup_view *out);

enum event_response {
	EVENT_SIGNED_UP,           /* a place */
	EVENT_WAITING,             /* full: on the waiting list */
	EVENT_DECLINED,
	EVENT_SAME,                /* the same choice as before: nothing changed */
	EVENT_CLOSED,              /* the meeting started, ended or was cancelled */
	EVENT_RESPOND_ERROR = -1,
};
/* Signs up (yes) or declines (no) signup_id, in one transaction that locks the
 * meeting, so two last sign-ups cannot both get the last place. A decline of a
 * signed-up company moves the first waiting company up: its signup id goes in
 * *promoted (0 when none). */
enum event_response db_event_respond(struct db *db, long long signup_id, int yes, long long *promoted);

/* Records attendance of a signup of a meeting of org_id (attended 1 or 0).
 * 1 done, 0 not the association's or not signed up or waiting, -1 error. */
/* Calls the meeting off unless it started or already was: 1 done, 0 not (or not the
 * association's), -1 error. */
int db_event_cancel(struct db *db, long long org_id, long long event_id);
int db_event_attendance_set(struct db *db, long long org_id, long long event_id, long long signup_id, int attended);

/* An open agreed action that a meeting can close. */
struct event_action_row {
	long long id, company_id;
	const char *what, *theme_key, *status;
};
/* The open and in-progress actions of the meeting's signed-up or waiting
 * companies whose theme_key is one of its themes, into *out. Row count or -1. */
int db_event_open_actions(struct db *db, struct arena *a, long long org_id, long long event_id,
			  struct event_action_row **out);
/* Closes action_id (status done, closed_by_event_id) with a history row, when it
 * matches (see above) and its company attended. 1 closed, 0 not, -1 error. */
int db_event_close_action(struct db *db, long long org_id, long long event_id, long long action_id, long long user_id);

/* The meetings a company of org_id attended, newest first, into *out. Row count or -1. */
int db_event_company_attended(struct db *db, struct arena *a, long long org_id, long long company_id,
			      struct event_row **out);

/* A reminder to send: a signed-up company of a meeting starting in 24 to 48
 * hours that was not reminded yet. */
struct event_reminder {
	long long signup_id, event_id;
};
/* The reminders due now, into *out. Row count or -1. */
int db_event_reminders_due(struct db *db, struct arena *a, struct event_reminder **out);
/* Marks a signup (and its meeting) as reminded. 0 or -1. */
int db_event_reminder_mark(struct db *db, long long signup_id);

#endif

/* action.h: follow-up actions of a scan, their history, and the association's
 * overview of open actions (with exports). */
#ifndef FPHC_DB_ACTION_H
#define FPHC_DB_ACTION_H

#include "common/arena.h"
#include "server/db/db.h"

struct action_fields {
	const char *what, *who_kind, *who_name;
	const char *due_date;  /* YYYY-MM-DD or NULL */
	const char *status, *notes;
};

/* Creates an action with its first history row (one transaction); id or -1. */
long long db_action_create(struct db *db, long long org_id, long long scan_id, const struct action_fields *f,
			   long long user_id);
/* Updates an action of org and records the new state (one transaction).
 * 1 done, 0 not the association's, -1 error. */
int db_action_update(struct db *db, long long org_id, long long action_id, const struct action_fields *f,
		     long long user_id);

/* One follow-up action as the lists, exports and the report show it; strings in
 * the arena, "" for a missing value. */
struct action_row {
	long long id, scan_id;
	const char *what, *who_kind, *who_name;
	const char *due_date;    /* YYYY-MM-DD, "" when none */
	const char *status, *notes;
	int overdue;             /* due date passed while open or in progress */
	const char *company_name, *advisor_name;
	const char *updated_at;  /* YYYY-MM-DD HH24:MI, local time */
	const char *editor_name;
};

/* The actions of a scan, by id; the row count or -1 on error. */
int db_action_scan_list(struct db *db, struct arena *a, long long scan_id, struct action_row **out);

/* Columns of one action row (ACTION_COLS order), for the PGresult functions below
 * (pages/office until they read struct action_row):
 * 0 id, 1 scan_id, 2 what, 3 who_kind, 4 who_name, 5 due_date (YYYY-MM-DD), 6 status, 7 notes,
 * 8 overdue (bool), 9 company name, 10 advisor name, 11 updated (YYYY-MM-DD HH24:MI), 12 editor */
PGresult *db_action_list_scan(struct db *db, long long scan_id);
PGresult *db_action_get(struct db *db, long long org_id, long long action_id);
/* at, editor, change, what, who_kind, who_name, due_date, status, notes; oldest first. */
PGresult *db_action_history(struct db *db, long long action_id);

struct action_filter {
	long long org_id;
	long long advisor_id;  /* 0 = every advisor */
	const char *partner;   /* "" = all; else actions by a partner whose name contains it */
	int limit, offset;     /* limit 0 = no limit (exports) */
};

/* Open and in-progress actions of the association, overdue first, then by due
 * date (none last), then id. Same columns as above. NULL on error. */
PGresult *db_action_open(struct db *db, const struct action_filter *f);
/* The same rows as struct action_row; the row count or -1 on error. */
int db_action_open_list(struct db *db, struct arena *a, const struct action_filter *f, struct action_row **out);
/* The rows of db_action_list_scan/db_action_get/db_action_open as structs; the
 * row count, or -1 when res is NULL. Does not clear res. */
int db_action_rows(const PGresult *res, struct arena *a, struct action_row **out);
/* How many rows db_action_open would give without limit; -1 on error. */
long db_action_open_count(struct db *db, const struct action_filter *f);
/* Advisors of the association with open actions (id, name) and partner names. */
PGresult *db_action_advisors(struct db *db, long long org_id);
PGresult *db_action_partners(struct db *db, long long org_id);

#endif

/* action.h: follow-up actions of a scan, their history, and the association's
 * overview of actions by status, advisor, company and due period (with exports). */
#ifndef FPHC_DB_ACTION_H
#define FPHC_DB_ACTION_H

#include "common/arena.h"
#include "server/db/account.h"
#include "server/db/db.h"

struct action_fields {
	const char *what, *who_kind, *who_name;
	const char *due_date;  /* YYYY-MM-DD or NULL */
	const char *status, *notes;
	const char *theme_key;  /* the attention point it answers, "" for none */
};

/* Creates an action with its first history row (one transaction); id or -1. */
long long db_action_create(struct db *db, long long org_id, long long scan_id, const struct action_fields *f,
			   long long user_id);
/* Updates an action of org and records the new state (one transaction).
 * 1 done, 0 not the association's, -1 error. */
int db_action_update(struct db *db, long long org_id, long long action_id, const struct action_fields *f,
		     long long user_id);

/* One follow-up action with its scan's company and advisor. */
struct action_row {
	long long id, scan_id;
	const char *what;
	const char *who_kind;     /* company, association, partner */
	const char *who_name;     /* "" when none */
	const char *due_date;     /* YYYY-MM-DD, "" when none */
	const char *status;       /* open, in_progress, done, dropped */
	const char *notes;
	const char *done_at;      /* YYYY-MM-DD, local date it last became done; "" unless done */
	int overdue;              /* due before today and still open or in progress */
	const char *company_name;
	const char *advisor_name; /* the scan's (or else the company's) advisor, "" when none */
	const char *updated_at;   /* YYYY-MM-DD HH24:MI, local time */
	const char *editor_name;  /* who changed it last, "" when unknown */
	const char *theme_key;    /* the theme it answers, "" when none */
	long long closed_by_event_id; /* the meeting that closed it, 0 when none */
};

/* The actions of a scan, oldest first, into *out (arena). Row count, or -1 on error. */
int db_action_scan_list(struct db *db, struct arena *a, long long scan_id, struct action_row **out);
/* One action of org (strings in the arena). 1 found, 0 not the association's, -1 error. */
int db_action_get(struct db *db, struct arena *a, long long org_id, long long action_id, struct action_row *out);

/* One state of an action as recorded when it was created or changed. */
struct action_change {
	const char *at;           /* YYYY-MM-DD HH24:MI, local time */
	const char *editor;       /* "" when unknown */
	const char *change;       /* created, updated */
	const char *what, *who_kind, *who_name;
	const char *due_date;     /* YYYY-MM-DD, "" when none */
	const char *status, *notes;
};
/* The history of an action, oldest first, into *out (arena). Row count, or -1 on error. */
int db_action_history(struct db *db, struct arena *a, long long action_id, struct action_change **out);

/* What the overview shows. Every string is a value, never SQL: it goes in as a
 * query parameter. The caller checks the dates (date_valid) and the status. */
struct action_filter {
	long long org_id;      /* always: only this association's actions */
	const char *status;    /* NULL or "" = open and in progress; "all"; else one status */
	long long advisor_id;  /* 0 = every advisor */
	const char *partner;   /* NULL or "" = all; else actions by a partner whose name contains it */
	const char *company;   /* NULL or "" = all; else companies whose name contains it */
	const char *due_from;  /* NULL or "" = no lower bound; else YYYY-MM-DD, due on or after it */
	const char *due_to;    /* NULL or "" = no upper bound; else YYYY-MM-DD, due on or before it */
	int limit, offset;     /* limit 0 = no limit (exports) */
};

/* The association's actions that match f, by due date (none last; overdue
 * ones come first, as their dates lie before the others), then id, into *out
 * (arena). Row count, or -1 on error. */
int db_action_list(struct db *db, struct arena *a, const struct action_filter *f, struct action_row **out);
/* How many rows db_action_list would give without limit and offset; -1 on error. */
long db_action_count(struct db *db, const struct action_filter *f);
/* The association's active advisors and admins by name into *out (arena). Row
 * count, or -1 on error. */
int db_action_advisors(struct db *db, struct arena *a, long long org_id, struct user_option **out);
/* The names of partners with actions of the association (at most 200, sorted)
 * into *out (arena). Count, or -1 on error. */
int db_action_partners(struct db *db, struct arena *a, long long org_id, const char ***out);
/* The names of the companies with actions of the association (at most 500,
 * sorted) into *out (arena). Count, or -1 on error. */
int db_action_companies(struct db *db, struct arena *a, long long org_id, const char ***out);

#endif

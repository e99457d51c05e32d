/* scan.h: reading a submitted scan (company, scores, answers, result) and moving
 * it through the back-office status workflow. Callers scope by organisation. */
#ifndef FPHC_DB_SCAN_H
#define FPHC_DB_SCAN_H

#include "common/arena.h"
#include "server/db/db.h"
#include "server/db/scan_store.h"

struct scan_row {
	long long id, org_id, company_id, questionnaire_id;
	const char *status, *lang, *submitted_at, *advisor_name;
	const char *company_name, *kvk, *contact_name, *email, *phone, *municipality, *sector;
	double fte;               /* NAN when unknown */
	int share_research;       /* the association shares with its research group */
	int share_open_text;      /* … including the open answers */
	long long research_org_id;
};

/* Reads scan `scan_id` (strings in the arena). 1 found, 0 not, -1 error. */
int db_scan_get(struct db *db, struct arena *a, long long scan_id, struct scan_row *out);
/* The advisor the scan is assigned to (its own, else the company's): the
 * user id, 0 when nobody, -1 on error. */
long long db_scan_advisor(struct db *db, long long scan_id);
/* Hands scan `scan_id` of organisation org_id over to advisor_id (0: to
 * nobody), who must be an admin or advisor of that organisation and not
 * disabled. 1 done, 0 no such scan or advisor, -1 error. */
int db_scan_set_advisor(struct db *db, long long scan_id, long long org_id, long long advisor_id);
/* Every stored score of the scan (struct score_row: score NAN and band NULL when
 * not valid or not scored), strings in the arena; the row count or -1 on error. */
int db_scan_scores(struct db *db, struct arena *a, long long scan_id, struct score_row **out);

/* One stored answer; strings in the arena. */
struct answer_row {
	const char *item_key;
	const char *value_json;  /* the answer as JSON text */
};
/* Every stored answer of the scan; the row count or -1 on error. */
int db_scan_answers(struct db *db, struct arena *a, long long scan_id, struct answer_row **out);
/* The stored result JSON as text, in the arena; "" when none; NULL on error. */
const char *db_scan_result_json(struct db *db, struct arena *a, long long scan_id);
/* The company's submitted scan before this one: its id (0 when none) and date. -1 on error. */
long long db_scan_previous(struct db *db, struct arena *a, long long scan_id, const char **date);

/* Moves the scan from `from` to `to` and records it (who, reason) in one
 * transaction. 1 done, 0 when the scan is no longer in `from` (someone else moved
 * it), -1 on error. */
int db_scan_set_status(struct db *db, long long scan_id, long long org_id, const char *from,
		       const char *to, long long user_id, const char *reason);
/* The same, and in_tx(db, arg) inside the transaction after the change: when it
 * returns non-zero, everything is rolled back and the result is -1. The final
 * report is stored this way (scan_on_final), so "final" never exists without it. */
int db_scan_set_status_then(struct db *db, long long scan_id, long long org_id, const char *from,
			    const char *to, long long user_id, const char *reason,
			    int (*in_tx)(struct db *db, void *arg), void *arg);
/* One move of a scan through the status workflow. */
struct scan_status_change {
	const char *at;           /* YYYY-MM-DD HH24:MI, local time */
	const char *who;          /* name (or e-mail) of who moved it, "" when unknown */
	const char *from, *to;    /* status keys */
	const char *reason;       /* "" when none */
};
/* Every status change of the scan, oldest first, into *out (arena). Row count,
 * or -1 on error. */
int db_scan_status_history(struct db *db, struct arena *a, long long scan_id, struct scan_status_change **out);

/* A submitted scan as a research group sees it; strings in the arena. */
struct research_scan_row {
	long long id;
	long long company_id;     /* input of the pseudonym only, never shown */
	const char *status;
	const char *month;        /* YYYY-MM of submission, local time: no finer date on research pages */
	const char *sector;       /* "" when unknown */
	int assessed;             /* the research group saved an assessment */
	long long scan_no;        /* number within the company, as in the exports */
};
/* The submitted scans a research group may assess, newest first, at most limit;
 * the row count or -1 on error. */
int db_scan_list_for_research(struct db *db, struct arena *a, long long research_org_id, int limit,
			      struct research_scan_row **out);
/* The ids of the companies with a scan the research group may see; the count or -1 on error. */
int db_research_company_ids(struct db *db, struct arena *a, long long research_org_id, long long **out);
/* The id of the company's n-th submitted scan (the exports' scan number) when the
 * research group may see it; 0 when none, -1 on error. */
long long db_research_scan_by_number(struct db *db, long long research_org_id, long long company_id, long n);


#endif

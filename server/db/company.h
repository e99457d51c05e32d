/* company.h: an association's companies and the scans and invitation links on a
 * company page. Every function takes the caller's org_id and touches nothing of
 * another association: an id from elsewhere behaves as an id that does not exist. */
#ifndef FPHC_DB_COMPANY_H
#define FPHC_DB_COMPANY_H

#include "common/arena.h"
#include "server/db/db.h"

struct company_input {
	const char *name;          /* 1..200 characters */
	const char *kvk;           /* 8 digits or NULL/"" for none */
	const char *sector;        /* "A".."U" */
	const char *fte;           /* decimal text, e.g. "12.5", or NULL */
	const char *municipality;
	const char *contact_name;
	const char *email;
	const char *phone;
};

/* Creates (id 0) or updates a company. Returns its id, 0 when id belongs to no
 * company of the association, or -1 (db->sqlstate "23505": the KvK number is
 * already used in this association). */
long long db_company_save(struct db *db, long long org_id, long long id, const struct company_input *c);
/* One company of the association, as its page and form show it. */
struct company_row {
	long long id;
	const char *name;
	const char *kvk;          /* "" when none */
	const char *sector;       /* SBI letter "A".."U" */
	const char *fte;          /* decimal text without trailing zeros ("12.5"), "" when unknown */
	const char *municipality, *contact_name, *email, *phone;
	const char *created;      /* DD-MM-YYYY, local time */
};
/* Reads one company (strings in the arena). 1 found, 0 not the association's, -1 error. */
int db_company_get(struct db *db, struct arena *a, long long org_id, long long id, struct company_row *out);
/* The company's advisor: the user id, 0 when nobody (or no such company), -1 on error. */
long long db_company_advisor(struct db *db, long long org_id, long long id);
/* Hands company `id` over to advisor_id (0: nobody), who must be an active
 * admin or advisor of org_id, together with its scans that are not closed,
 * in one transaction. 1 done, 0 no such company or advisor, -1 error. */
int db_company_set_advisor(struct db *db, long long org_id, long long id, long long advisor_id);

/* A company in the search list. */
struct company_hit {
	long long id;
	const char *name;
	const char *kvk;          /* "" when none */
	const char *sector, *municipality;
	long long scans;          /* number of scans, any status */
	const char *last_status;  /* status of the newest scan, "" when none */
};
/* Companies whose name contains q (case-insensitive; "" for all), ordered by name,
 * the page offset/limit into *out (arena), and in *total how many match in all
 * (0 when the page is empty). Row count, or -1 on error. */
int db_company_search(struct db *db, struct arena *a, long long org_id, const char *q, int offset, int limit,
		      struct company_hit **out, long long *total);

/* A scan on the company page with its live invitation link, if any. */
struct company_scan {
	long long id;
	const char *status;
	const char *created;      /* DD-MM-YYYY, local time */
	const char *submitted;    /* DD-MM-YYYY, "" when not submitted */
	const char *advisor;      /* "" when none */
	int live_link;            /* an unrevoked, unexpired invitation exists */
	int link_sent;            /* … and it was e-mailed */
	const char *link_expires; /* DD-MM-YYYY, "" when no live link */
};
/* The company's scans, newest first, into *out (arena). Row count, or -1 on error. */
int db_company_scans(struct db *db, struct arena *a, long long org_id, long long company_id,
		     struct company_scan **out);
/* The company of a scan of the association: returns the company id, 0 when the
 * scan is not the association's, -1 on error. Sets *status (arena-free copy, 16
 * bytes) when not NULL. */
long long db_scan_company(struct db *db, long long org_id, long long scan_id, char status[16]);

#endif

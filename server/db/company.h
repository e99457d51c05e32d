/* company.h: an association's companies and the scans and invitation links on a
 * company page. Every function takes the caller's org_id and touches nothing of
 * another association: an id from elsewhere behaves as an id that does not exist. */
#ifndef FPHC_DB_COMPANY_H
#define FPHC_DB_COMPANY_H

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
/* One company: id, name, kvk, sector, fte, municipality, contact_name, email,
 * phone, created_at (DD-MM-YYYY). 0 rows when not the association's. */
PGresult *db_company_get(struct db *db, long long org_id, long long id);
/* Companies whose name contains q (case-insensitive; "" for all), ordered by name:
 * id, name, kvk, sector, municipality, scans, last scan status, total count (the
 * same in every row). */
PGresult *db_company_search(struct db *db, long long org_id, const char *q, int offset, int limit);
/* The company's scans, newest first: id, status, created (DD-MM-YYYY), submitted
 * (DD-MM-YYYY or ""), advisor name, live link (bool), link sent (bool),
 * link expires (DD-MM-YYYY or ""). */
PGresult *db_company_scans(struct db *db, long long org_id, long long company_id);
/* The company of a scan of the association: returns the company id, 0 when the
 * scan is not the association's, -1 on error. Sets *status (arena-free copy, 16
 * bytes) when not NULL. */
long long db_scan_company(struct db *db, long long org_id, long long scan_id, char status[16]);

#endif

/* company.c: SQL for companies; see company.h. */
#include <stdio.h>

#include "server/db/company.h"
#include "server/db/row.h"
#include "common/banned.h"

static const char *blank_null(const char *s)
{
	return s && *s ? s : NULL;
}

long long db_company_save(struct db *db, long long org_id, long long id, const struct company_input *c)
{
	char org[DB_ID_LEN], cid[24];
	db_id_text(org, org_id);
	db_id_text(cid, id);
	PGresult *res;
	int guard = db_guard_begin(db); /* a taken KvK number is a form error, not the end */
	if (id == 0)
		res = db_q(db, "INSERT INTO companies(org_id, name, kvk, sector, fte, municipality, contact_name, email, phone)"
			       " VALUES ($1, $2, $3, $4, $5::numeric, $6, $7, $8, $9) RETURNING id",
			   org, c->name, blank_null(c->kvk), c->sector, blank_null(c->fte), c->municipality,
			   c->contact_name, c->email, c->phone);
	else
		res = db_q(db, "UPDATE companies SET name = $3, kvk = $4, sector = $5, fte = $6::numeric,"
			       " municipality = $7, contact_name = $8, email = $9, phone = $10, updated_at = now(),"
			       " last_activity_at = now() WHERE id = $2 AND org_id = $1 AND erased_at IS NULL RETURNING id",
			   org, cid, c->name, blank_null(c->kvk), c->sector, blank_null(c->fte), c->municipality,
			   c->contact_name, c->email, c->phone);
	db_guard_end(db, guard, res != NULL);
	if (!res)
		return -1;
	long long out = PQntuples(res) == 1 ? db_ll(res, 0, 0, 0) : 0;
	PQclear(res);
	return out;
}

int db_company_get(struct db *db, struct arena *a, long long org_id, long long id, struct company_row *out)
{
	char org[DB_ID_LEN], cid[24];
	db_id_text(org, org_id);
	db_id_text(cid, id);
	PGresult *res = db_q(db, "SELECT id, name, coalesce(kvk, ''), sector, coalesce(trim_scale(fte)::text, ''), municipality,"
			" contact_name, email, phone, to_char(created_at AT TIME ZONE current_setting('TimeZone'), 'YYYY-MM-DD')"
			" FROM companies WHERE id = $2 AND org_id = $1 AND erased_at IS NULL", org, cid);
	if (!res)
		return -1;
	int found = PQntuples(res) == 1;
	if (found) {
		out->id = db_ll(res, 0, 0, 0);
		const char **f[] = {&out->name, &out->kvk, &out->sector, &out->fte, &out->municipality,
				    &out->contact_name, &out->email, &out->phone, &out->created};
		for (int i = 0; i < 9; i++)
			*f[i] = db_row_str(a, res, 0, i + 1);
	}
	PQclear(res);
	return found;
}

int db_company_search(struct db *db, struct arena *a, long long org_id, const char *q, int offset, int limit,
		      struct company_hit **out, long long *total)
{
	char org[DB_ID_LEN], off[16], lim[16];
	db_id_text(org, org_id);
	snprintf(off, sizeof(off), "%d", offset);
	snprintf(lim, sizeof(lim), "%d", limit);
	/* The page is picked first (by name), then only its rows get their scan counts. */
	PGresult *res = db_q(db,
		"WITH hits AS (SELECT c.id, c.name, c.kvk, c.sector, c.municipality, count(*) OVER () AS total"
		"  FROM companies c WHERE c.org_id = $1 AND c.erased_at IS NULL"
		/* every word typed is somewhere in the name, KvK number, municipality or
		 * contact (name, e-mail, phone), in any case */
		"  AND NOT EXISTS (SELECT 1 FROM regexp_split_to_table(lower($2), '\\s+') w WHERE w <> ''"
		"   AND strpos(lower(concat_ws(' ', c.name, c.kvk, c.municipality, c.contact_name, c.email, c.phone)), w) = 0)"
		"  ORDER BY lower(c.name), c.id OFFSET $3 LIMIT $4)"
		" SELECT h.id, h.name, coalesce(h.kvk, ''), h.sector, h.municipality,"
		"  (SELECT count(*) FROM scans s WHERE s.company_id = h.id),"
		"  coalesce((SELECT s.status FROM scans s WHERE s.company_id = h.id ORDER BY s.created_at DESC LIMIT 1), ''),"
		"  h.total FROM hits h ORDER BY lower(h.name), h.id",
		org, q ? q : "", off, lim);
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct company_hit *rows = db_rows_alloc(a, res, sizeof(*rows));
	*total = 0;
	for (int i = 0; i < n; i++) {
		rows[i].id = db_ll(res, i, 0, 0);
		rows[i].name = db_row_str(a, res, i, 1);
		rows[i].kvk = db_row_str(a, res, i, 2);
		rows[i].sector = db_row_str(a, res, i, 3);
		rows[i].municipality = db_row_str(a, res, i, 4);
		rows[i].scans = db_ll(res, i, 5, 0);
		rows[i].last_status = db_row_str(a, res, i, 6);
		*total = db_ll(res, i, 7, 0);
	}
	PQclear(res);
	*out = rows;
	return n;
}

int db_company_scans(struct db *db, struct arena *a, long long org_id, long long company_id,
		     struct company_scan **out)
{
	char org[DB_ID_LEN], cid[24];
	db_id_text(org, org_id);
	db_id_text(cid, company_id);
	PGresult *res = db_q(db,
		"SELECT s.id, s.status, to_char(s.created_at AT TIME ZONE current_setting('TimeZone'), 'YYYY-MM-DD'),"
		" coalesce(to_char(s.submitted_at AT TIME ZONE current_setting('TimeZone'), 'YYYY-MM-DD'), ''),"
		" coalesce(nullif(u.name, ''), u.email, ''), i.id IS NOT NULL, coalesce(i.sent_at IS NOT NULL, false),"
		" coalesce(to_char(i.expires_at AT TIME ZONE current_setting('TimeZone'), 'YYYY-MM-DD'), '')"
		" FROM scans s LEFT JOIN users u ON u.id = s.advisor_id"
		" LEFT JOIN LATERAL (SELECT id, sent_at, expires_at FROM invitations WHERE scan_id = s.id"
		"  AND revoked_at IS NULL AND expires_at > now() ORDER BY id DESC LIMIT 1) i ON true"
		" WHERE s.company_id = $2 AND s.org_id = $1 ORDER BY s.created_at DESC, s.id DESC", org, cid);
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct company_scan *rows = db_rows_alloc(a, res, sizeof(*rows));
	for (int i = 0; i < n; i++) {
		rows[i].id = db_ll(res, i, 0, 0);
		rows[i].status = db_row_str(a, res, i, 1);
		rows[i].created = db_row_str(a, res, i, 2);
		rows[i].submitted = db_row_str(a, res, i, 3);
		rows[i].advisor = db_row_str(a, res, i, 4);
		rows[i].live_link = db_bool(res, i, 5);
		rows[i].link_sent = db_bool(res, i, 6);
		rows[i].link_expires = db_row_str(a, res, i, 7);
	}
	PQclear(res);
	*out = rows;
	return n;
}

long long db_scan_company(struct db *db, long long org_id, long long scan_id, char status[16])
{
	char org[DB_ID_LEN], sid[24];
	db_id_text(org, org_id);
	db_id_text(sid, scan_id);
	PGresult *res = db_q(db, "SELECT company_id, status FROM scans WHERE id = $2 AND org_id = $1", org, sid);
	if (!res)
		return -1;
	long long cid = PQntuples(res) == 1 ? db_ll(res, 0, 0, 0) : 0;
	if (status)
		snprintf(status, 16, "%s", db_str(res, 0, 1));
	PQclear(res);
	return cid;
}

long long db_company_advisor(struct db *db, long long org_id, long long id)
{
	DB_ID(org, org_id);
	DB_ID(cid, id);
	return db_rows_one_ll(db_q(db, "SELECT coalesce(advisor_id, 0) FROM companies WHERE id = $1 AND org_id = $2",
				   cid, org), 0);
}

int db_company_set_advisor(struct db *db, long long org_id, long long id, long long advisor_id)
{
	DB_ID(org, org_id);
	DB_ID(cid, id);
	DB_ID(adv, advisor_id);
	if (db_begin(db) != 0)
		return -1;
	int n = db_rows_count(db_q(db, "UPDATE companies SET advisor_id = nullif($3::bigint, 0), updated_at = now()"
				   " WHERE id = $1 AND org_id = $2 AND erased_at IS NULL AND ($3::bigint = 0 OR EXISTS"
				   " (SELECT 1 FROM users u WHERE u.id = $3::bigint AND u.org_id = $2"
				   "  AND u.role IN ('admin', 'advisor') AND NOT u.disabled)) RETURNING id", cid, org, adv));
	if (n != 1) {
		db_rollback(db);
		return n < 0 ? -1 : 0;
	}
	if (db_x(db, "UPDATE scans SET advisor_id = nullif($3::bigint, 0), updated_at = now()"
		 " WHERE company_id = $1 AND org_id = $2 AND status <> 'closed'", cid, org, adv) != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db) == 0 ? 1 : -1;
}

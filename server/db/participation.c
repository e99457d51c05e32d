/* participation.c: SQL for requests to take part; see participation.h. */
#include <stdio.h>
#include <string.h>

#include "server/db/participation.h"
#include "server/db/row.h"
#include "server/db/invitation.h"
#include "common/banned.h"

long long db_participation_create(struct db *db, long long org_id, const struct participation_input *p)
{
	DB_ID(org, org_id);
	PGresult *res = db_q(db, "INSERT INTO participation_requests(org_id, name, company_name, email, phone, fte)"
				 " VALUES ($1, $2, $3, lower($4), $5, $6::numeric) RETURNING id",
			     org, p->name, p->company_name, p->email, p->phone, p->fte && *p->fte ? p->fte : NULL);
	if (!res)
		return -1;
	long long id = db_ll(res, 0, 0, -1);
	PQclear(res);
	return id;
}

int db_participation_pending(struct db *db, struct arena *a, long long org_id, struct participation_request **out)
{
	DB_ID(org, org_id);
	PGresult *res = db_q(db, "SELECT id, name, company_name, email, phone, coalesce(trim_scale(fte)::text, ''),"
			" to_char(created_at AT TIME ZONE current_setting('TimeZone'), 'YYYY-MM-DD')"
			" FROM participation_requests WHERE org_id = $1 AND status = 'pending' ORDER BY created_at, id", org);
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct participation_request *rows = db_rows_alloc(a, res, sizeof(*rows));
	for (int i = 0; i < n; i++) {
		rows[i].id = db_ll(res, i, 0, 0);
		const char **f[] = {&rows[i].name, &rows[i].company_name, &rows[i].email, &rows[i].phone,
				    &rows[i].fte, &rows[i].created};
		for (int c = 0; c < 6; c++)
			*f[c] = db_row_str(a, res, i, c + 1);
	}
	PQclear(res);
	*out = rows;
	return n;
}

/* Runs a statement that returns one id; 0 when it returned no row, -1 on error. */
static long long one_id(struct db *db, PGresult *res)
{
	(void)db;
	if (!res)
		return -1;
	long long id = PQntuples(res) == 1 ? db_ll(res, 0, 0, 0) : 0;
	PQclear(res);
	return id;
}

int db_participation_accept(struct db *db, long long org_id, long long request_id, long long user_id,
			    const char *sector, long long qid, long long *company_id, long long *scan_id,
			    char token[TOKEN_TEXT_LEN + 1])
{
	char org[DB_ID_LEN], rid[24], uid[24], q[24], cid[24], sid[24], hash[SHA256_HEX_LEN + 1], days[16];
	db_id_text(org, org_id);
	db_id_text(rid, request_id);
	db_id_text(uid, user_id);
	db_id_text(q, qid);
	snprintf(days, sizeof(days), "%d", INVITATION_DAYS_DEFAULT);
	if (db_begin(db) != 0)
		return -1;
	long long id = one_id(db, db_q(db,
		"WITH r AS (UPDATE participation_requests SET status = 'accepted', decided_by = $3, decided_at = now()"
		"  WHERE id = $2 AND org_id = $1 AND status = 'pending' RETURNING *)"
		" INSERT INTO companies(org_id, name, sector, fte, contact_name, email, phone, advisor_id)"
		" SELECT r.org_id, r.company_name, $4, r.fte, r.name, r.email, r.phone, $3 FROM r RETURNING id",
		org, rid, uid, sector));
	if (id <= 0)
		goto fail;
	*company_id = id;
	db_id_text(cid, id);
	if (db_x(db, "UPDATE participation_requests SET company_id = $2 WHERE id = $1", rid, cid) != 0)
		goto fail;
	id = one_id(db, db_q(db,
		"INSERT INTO scans(org_id, company_id, questionnaire_id, created_by, advisor_id, sector, fte, municipality)"
		" SELECT c.org_id, c.id, $2, $3, $3, c.sector, c.fte, c.municipality FROM companies c WHERE c.id = $1"
		" RETURNING id", cid, q, uid));
	if (id <= 0)
		goto fail;
	*scan_id = id;
	db_id_text(sid, id);
	crypto_token_new(token);
	crypto_sha256_hex(token, strlen(token), hash);
	if (db_x(db, "INSERT INTO invitations(scan_id, token_hash, email, created_by, expires_at)"
		     " SELECT $1, $2, c.email, $3, now() + make_interval(days => $4::int) FROM companies c WHERE c.id = $5",
		 sid, hash, uid, days, cid) != 0 ||
	    db_commit(db) != 0)
		goto fail;
	return 1;
fail:
	db_rollback(db);
	return id == 0 ? 0 : -1;
}

int db_participation_decline(struct db *db, long long org_id, long long request_id, long long user_id)
{
	char org[DB_ID_LEN], rid[24], uid[24];
	db_id_text(org, org_id);
	db_id_text(rid, request_id);
	db_id_text(uid, user_id);
	return (int)one_id(db, db_q(db, "UPDATE participation_requests SET status = 'declined', decided_by = $3,"
					" decided_at = now() WHERE id = $2 AND org_id = $1 AND status = 'pending' RETURNING 1",
				    org, rid, uid));
}

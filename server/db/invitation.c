/* invitation.c: SQL for scans and invitation links. */
#include <stdio.h>
#include <string.h>

#include "server/db/invitation.h"
#include "server/db/row.h"
#include "common/banned.h"

static int insert_link(struct db *db, long long scan_id, long long created_by, const char *email,
		       int days_valid, char token[TOKEN_TEXT_LEN + 1])
{
	char sid[DB_ID_LEN], by[24], days[16], hash[SHA256_HEX_LEN + 1];
	crypto_token_new(token);
	crypto_sha256_hex(token, strlen(token), hash);
	db_id_text(sid, scan_id);
	db_id_text(by, created_by);
	snprintf(days, sizeof(days), "%d", days_valid > 0 ? days_valid : INVITATION_DAYS_DEFAULT);
	return db_x(db, "INSERT INTO invitations(scan_id, token_hash, email, created_by, expires_at)"
		    " VALUES ($1, $2, coalesce($3, (SELECT c.email FROM scans s JOIN companies c ON c.id = s.company_id"
		    "  WHERE s.id = $1::bigint)), nullif($4, '0')::bigint, now() + make_interval(days => $5::int))",
		    sid, hash, email && *email ? email : NULL, by, days);
}

int db_scan_create_invited(struct db *db, long long org_id, long long company_id,
			   long long questionnaire_id, long long created_by, const char *email,
			   int days_valid, long long *scan_id, char token[TOKEN_TEXT_LEN + 1])
{
	char org[DB_ID_LEN], co[24], q[24], by[24];
	db_id_text(org, org_id);
	db_id_text(co, company_id);
	db_id_text(q, questionnaire_id);
	db_id_text(by, created_by);
	if (db_begin(db) != 0)
		return -1;
	PGresult *res = db_q(db,
		"INSERT INTO scans(org_id, company_id, questionnaire_id, created_by, advisor_id, sector, fte, employees,"
		" municipality, is_demo)"
		" SELECT $1, c.id, $3, nullif($4, '0')::bigint, coalesce(c.advisor_id, nullif($4, '0')::bigint),"
		" c.sector, c.fte, c.employees, c.municipality, c.is_demo"
		" FROM companies c WHERE c.id = $2 AND c.org_id = $1 AND c.erased_at IS NULL RETURNING id",
		org, co, q, by);
	if (!res || PQntuples(res) != 1) {
		if (res)
			snprintf(db->err, sizeof(db->err), "no such company in this association");
		PQclear(res);
		db_rollback(db);
		return -1;
	}
	*scan_id = db_ll(res, 0, 0, 0);
	PQclear(res);
	if (insert_link(db, *scan_id, created_by, email, days_valid, token) != 0 || db_commit(db) != 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

int db_invitation_revoke(struct db *db, long long scan_id)
{
	DB_ID(sid, scan_id);
	return db_x(db, "UPDATE invitations SET revoked_at = now() WHERE scan_id = $1 AND revoked_at IS NULL", sid);
}

int db_invitation_reissue(struct db *db, long long scan_id, long long created_by, int days_valid,
			  char token[TOKEN_TEXT_LEN + 1])
{
	if (db_begin(db) != 0)
		return -1;
	if (db_invitation_revoke(db, scan_id) != 0 ||
	    insert_link(db, scan_id, created_by, NULL, days_valid, token) != 0 || db_commit(db) != 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

/* The live invitation of a token: its scan id and the address it went to. */
static PGresult *live_invitation(struct db *db, const char *token)
{
	char hash[SHA256_HEX_LEN + 1];
	crypto_sha256_hex(token, strlen(token), hash);
	return db_q(db, "SELECT scan_id, email FROM invitations WHERE token_hash = $1 AND revoked_at IS NULL"
		    " AND expires_at > now()", hash);
}

int db_invitation_find(struct db *db, const char *token, long long *scan_id)
{
	return db_rows_found_ll(live_invitation(db, token), scan_id);
}

int db_invitation_email(struct db *db, struct arena *a, const char *token, const char **email)
{
	PGresult *res = live_invitation(db, token);
	if (!res)
		return -1;
	int found = PQntuples(res) == 1;
	*email = found ? arena_strdup(a, db_str(res, 0, 1)) : "";
	PQclear(res);
	return found;
}

long long db_company_create_min(struct db *db, long long org_id, const char *name, const char *sector,
				const char *fte, const char *email)
{
	DB_ID(org, org_id);
	PGresult *res = db_q(db, "INSERT INTO companies(org_id, name, sector, fte, email) VALUES ($1, $2, $3, $4::numeric,"
				 " coalesce($5, '')) RETURNING id", org, name, sector, fte, email);
	if (!res)
		return -1;
	long long id = db_ll(res, 0, 0, -1);
	PQclear(res);
	return id;
}

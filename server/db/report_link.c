/* report_link.c: SQL of the owner's read-only report links; see report_link.h. */
#include <stdio.h>
#include <string.h>

#include "server/db/report_link.h"
#include "server/db/row.h"
#include "common/banned.h"

int db_report_link_live(struct db *db, long long scan_id)
{
	DB_ID(sid, scan_id);
	PGresult *res = db_q(db, "SELECT 1 FROM report_links WHERE scan_id = $1 AND revoked_at IS NULL", sid);
	if (!res)
		return -1;
	int live = PQntuples(res) > 0;
	PQclear(res);
	return live;
}

int db_report_link_create(struct db *db, long long scan_id, const char *token, int *made)
{
	char hash[SHA256_HEX_LEN + 1];
	DB_ID(sid, scan_id);
	crypto_sha256_hex(token, strlen(token), hash);
	/* The partial unique index keeps one live link per scan; a link made
	 * meanwhile by another finalize wins and this token is dropped. */
	PGresult *res = db_q(db, "INSERT INTO report_links(scan_id, token_hash) VALUES ($1, $2)"
			     " ON CONFLICT (scan_id) WHERE revoked_at IS NULL DO NOTHING RETURNING id", sid, hash);
	if (!res)
		return -1;
	*made = PQntuples(res) == 1;
	PQclear(res);
	return 0;
}

int db_report_link_find(struct db *db, const char *token, long long *scan_id)
{
	char hash[SHA256_HEX_LEN + 1];
	crypto_sha256_hex(token, strlen(token), hash);
	return db_rows_found_ll(db_q(db, "SELECT scan_id FROM report_links WHERE token_hash = $1 AND revoked_at IS NULL",
				     hash), scan_id);
}

int db_report_link_revoke(struct db *db, long long scan_id, int *revoked)
{
	DB_ID(sid, scan_id);
	PGresult *res = db_q(db, "UPDATE report_links SET revoked_at = now() WHERE scan_id = $1 AND revoked_at IS NULL"
			     " RETURNING id", sid);
	if (!res)
		return -1;
	*revoked = PQntuples(res);
	PQclear(res);
	return 0;
}

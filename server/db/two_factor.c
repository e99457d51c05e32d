/* two_factor.c: the user_two_factor, user_recovery_codes and login_pending
 * tables and organisations.two_factor_required; see two_factor.h. */
#include <stdio.h>
#include <string.h>

#include "server/db/two_factor.h"
#include "server/db/row.h"
#include "common/banned.h"

int db_two_factor_get(struct db *db, long long user_id, struct two_factor_row *out)
{
	DB_ID(uid, user_id);
	/* a binary result: the box as bytes, the other columns as text */
	PGresult *res = db_qb(db,
		"SELECT t.secret_box, (t.enabled_at IS NOT NULL)::text, coalesce(t.last_step, -1)::text,"
		" (SELECT count(*) FROM user_recovery_codes c WHERE c.user_id = t.user_id AND c.used_at IS NULL)::text"
		" FROM user_two_factor t WHERE t.user_id = $1", uid);
	if (!res)
		return -1;
	int found = PQntuples(res) == 1;
	memset(out, 0, sizeof(*out));
	out->last_step = -1;
	if (found) {
		size_t n = (size_t)PQgetlength(res, 0, 0);
		if (n <= sizeof(out->box))  /* else not a box this server wrote: unusable, reads as empty */
			memcpy(out->box, PQgetvalue(res, 0, 0), n);
		out->box_len = n <= sizeof(out->box) ? n : 0;
		out->enabled = db_bool(res, 0, 1);
		out->last_step = db_ll(res, 0, 2, -1);
		out->codes_left = (int)db_ll(res, 0, 3, 0);
	}
	PQclear(res);
	return found;
}

int db_two_factor_begin(struct db *db, long long user_id, const void *box, size_t len)
{
	DB_ID(uid, user_id);
	PGresult *res = db_query_bytes(db,
		"INSERT INTO user_two_factor(user_id, secret_box) VALUES ($2, $1::bytea)"
		" ON CONFLICT (user_id) DO UPDATE SET secret_box = EXCLUDED.secret_box, last_step = NULL,"
		" created_at = now() WHERE user_two_factor.enabled_at IS NULL RETURNING 1",
		2, DB_PARAMS(NULL, uid), 0, box, len);
	if (!res)
		return -1;
	int n = PQntuples(res);
	PQclear(res);
	return n == 1;
}

/* Replaces the user's recovery codes with hashes[0..TWO_FACTOR_CODES). 0 or -1. */
static int codes_replace(struct db *db, const char *uid, const char *const *hashes)
{
	if (db_x(db, "DELETE FROM user_recovery_codes WHERE user_id = $1", uid) != 0)
		return -1;
	for (int i = 0; i < TWO_FACTOR_CODES; i++)
		if (db_x(db, "INSERT INTO user_recovery_codes(user_id, code_hash) VALUES ($1, $2)", uid, hashes[i]) != 0)
			return -1;
	return 0;
}

int db_two_factor_enable(struct db *db, long long user_id, long long step, const char *const *hashes)
{
	DB_ID(uid, user_id);
	DB_ID(st, step);
	int n = db_rows_count(db_q(db, "UPDATE user_two_factor SET enabled_at = now(), last_step = $2"
				   " WHERE user_id = $1 AND enabled_at IS NULL RETURNING 1", uid, st));
	if (n != 1)
		return n < 0 ? -1 : 0;
	return codes_replace(db, uid, hashes) == 0 ? 1 : -1;
}

int db_two_factor_use_step(struct db *db, long long user_id, long long step)
{
	DB_ID(uid, user_id);
	DB_ID(st, step);
	/* one statement: two requests with the same code cannot both pass */
	int n = db_rows_count(db_q(db, "UPDATE user_two_factor SET last_step = $2 WHERE user_id = $1"
				   " AND enabled_at IS NOT NULL AND (last_step IS NULL OR last_step < $2) RETURNING 1",
				   uid, st));
	return n < 0 ? -1 : n == 1;
}

int db_two_factor_use_recovery(struct db *db, long long user_id, const char *hash)
{
	DB_ID(uid, user_id);
	PGresult *res = db_q(db,
		"UPDATE user_recovery_codes c SET used_at = now() FROM user_two_factor t"
		" WHERE c.user_id = $1 AND c.code_hash = $2 AND c.used_at IS NULL"
		" AND t.user_id = c.user_id AND t.enabled_at IS NOT NULL RETURNING 1", uid, hash);
	if (!res)
		return -1;
	int n = PQntuples(res);
	PQclear(res);
	return n == 1;
}

int db_two_factor_set_codes(struct db *db, long long user_id, const char *const *hashes)
{
	DB_ID(uid, user_id);
	PGresult *res = db_q(db, "SELECT 1 FROM user_two_factor WHERE user_id = $1 AND enabled_at IS NOT NULL"
			     " FOR UPDATE", uid);
	if (!res)
		return -1;
	int n = PQntuples(res);
	PQclear(res);
	if (n != 1)
		return 0;
	return codes_replace(db, uid, hashes) == 0 ? 1 : -1;
}

int db_two_factor_disable(struct db *db, long long user_id)
{
	DB_ID(uid, user_id);
	if (db_x(db, "DELETE FROM user_recovery_codes WHERE user_id = $1", uid) != 0)
		return -1;
	return db_x(db, "DELETE FROM user_two_factor WHERE user_id = $1", uid) == 0 ? 0 : -1;
}

int db_login_pending_insert(struct db *db, const char *id_hash, const struct login_pending *p)
{
	DB_ID(uid, p->user_id);
	if (db_exec(db, "DELETE FROM login_pending WHERE created_at < now() - interval '1 hour'", 0, NULL) != 0)
		return -1;
	return db_x(db, "INSERT INTO login_pending(id_hash, user_id, account_key, next_path) VALUES ($1, $2, $3, $4)",
		    id_hash, uid, p->account_key, p->next) == 0 ? 0 : -1;
}

int db_login_pending_get(struct db *db, struct arena *a, const char *id_hash, int max_age_s,
			 struct login_pending *out)
{
	char age[16];
	snprintf(age, sizeof(age), "%d", max_age_s);
	PGresult *res = db_q(db,
		"SELECT p.user_id, p.account_key, p.next_path FROM login_pending p JOIN users u ON u.id = p.user_id"
		" WHERE p.id_hash = $1 AND NOT u.disabled AND p.created_at > now() - make_interval(secs => $2::int)",
		id_hash, age);
	if (!res)
		return -1;
	int found = PQntuples(res) == 1;
	if (found) {
		out->user_id = db_ll(res, 0, 0, 0);
		out->account_key = arena_strdup(a, db_str(res, 0, 1));
		out->next = arena_strdup(a, db_str(res, 0, 2));
	}
	PQclear(res);
	return found;
}

int db_login_pending_delete(struct db *db, const char *id_hash)
{
	return db_x(db, "DELETE FROM login_pending WHERE id_hash = $1", id_hash) == 0 ? 0 : -1;
}

int db_org_two_factor_required(struct db *db, long long org_id)
{
	DB_ID(oid, org_id);
	PGresult *res = db_q(db, "SELECT two_factor_required FROM organisations WHERE id = $1", oid);
	if (!res)
		return -1;
	int v = PQntuples(res) == 1 && db_bool(res, 0, 0);
	PQclear(res);
	return v;
}

int db_org_two_factor_require(struct db *db, long long org_id, int required)
{
	DB_ID(oid, org_id);
	return db_x(db, "UPDATE organisations SET two_factor_required = $2 WHERE id = $1", oid,
		    required ? "true" : "false") == 0 ? 0 : -1;
}

/* account.c: SQL for users and set-password links; see account.h. */
#include <stdio.h>
#include <string.h>

#include "server/db/account.h"
#include "server/db/row.h"
#include "common/banned.h"


int db_password_token_new(struct db *db, long long user_id, char token[TOKEN_TEXT_LEN + 1])
{
	char uid[DB_ID_LEN], days[DB_ID_LEN], hash[SHA256_HEX_LEN + 1];
	db_id_text(uid, user_id);
	db_id_text(days, PASSWORD_TOKEN_DAYS);
	crypto_token_new(token);
	crypto_sha256_hex(token, strlen(token), hash);
	if (db_begin(db) != 0)
		return -1;
	if (db_x(db, "UPDATE password_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL", uid) != 0 ||
	    db_x(db, "INSERT INTO password_tokens(token_hash, user_id, expires_at)"
		     " VALUES ($1, $2, now() + make_interval(days => $3::int))", hash, uid, days) != 0 ||
	    db_commit(db) != 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

long long db_password_token_peek(struct db *db, const char *token, char *email, size_t emaillen)
{
	char hash[SHA256_HEX_LEN + 1];
	crypto_sha256_hex(token, strlen(token), hash);
	PGresult *res = db_q(db, "SELECT u.id, u.email FROM password_tokens t JOIN users u ON u.id = t.user_id"
				 " WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now()"
				 " AND NOT u.disabled", hash);
	if (!res)
		return -1;
	long long id = PQntuples(res) == 1 ? db_ll(res, 0, 0, 0) : 0;
	if (id && email)
		snprintf(email, emaillen, "%s", db_str(res, 0, 1));
	PQclear(res);
	return id;
}

long long db_password_token_use(struct db *db, const char *token, const char *password_hash)
{
	char hash[SHA256_HEX_LEN + 1];
	crypto_sha256_hex(token, strlen(token), hash);
	if (db_begin(db) != 0)
		return -1;
	PGresult *res = db_q(db, "UPDATE password_tokens t SET used_at = now() FROM users u"
				 " WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now()"
				 " AND u.id = t.user_id AND NOT u.disabled RETURNING t.user_id", hash);
	if (!res) {
		db_rollback(db);
		return -1;
	}
	long long uid = PQntuples(res) == 1 ? db_ll(res, 0, 0, 0) : 0;
	PQclear(res);
	if (uid == 0) {
		db_rollback(db);
		return 0;
	}
	char id[DB_ID_LEN];
	db_id_text(id, uid);
	if (db_x(db, "UPDATE users SET password_hash = $2, failed_logins = 0, locked_until = NULL WHERE id = $1",
		 id, password_hash) != 0 ||
	    db_x(db, "DELETE FROM sessions WHERE user_id = $1", id) != 0 || db_commit(db) != 0) {
		db_rollback(db);
		return -1;
	}
	return uid;
}

static void read_user(struct arena *a, const PGresult *res, int i, struct user_row *u)
{
	u->id = db_ll(res, i, 0, 0);
	u->email = db_row_str(a, res, i, 1);
	u->name = db_row_str(a, res, i, 2);
	u->role = db_row_str(a, res, i, 3);
	u->disabled = db_bool(res, i, 4);
}

int db_user_list(struct db *db, struct arena *a, long long org_id, struct user_list_row **out)
{
	char org[DB_ID_LEN];
	db_id_text(org, org_id);
	PGresult *res = db_q(db, "SELECT u.id, u.email, u.name, u.role, u.disabled, u.password_hash IS NOT NULL,"
			" coalesce(to_char(u.last_login_at AT TIME ZONE current_setting('TimeZone'), 'YYYY-MM-DD HH24:MI'), ''),"
			" EXISTS (SELECT 1 FROM password_tokens t WHERE t.user_id = u.id AND t.used_at IS NULL"
			"  AND t.expires_at > now()),"
			" EXISTS (SELECT 1 FROM user_two_factor f WHERE f.user_id = u.id AND f.enabled_at IS NOT NULL)"
			" FROM users u WHERE u.org_id = $1 ORDER BY lower(u.name), u.email", org);
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct user_list_row *rows = db_rows_alloc(a, res, sizeof(*rows));
	for (int i = 0; i < n; i++) {
		read_user(a, res, i, &rows[i].user);
		rows[i].has_password = db_bool(res, i, 5);
		rows[i].last_login = db_row_str(a, res, i, 6);
		rows[i].link_pending = db_bool(res, i, 7);
		rows[i].two_factor = db_bool(res, i, 8);
	}
	PQclear(res);
	*out = rows;
	return n;
}

int db_user_get(struct db *db, struct arena *a, long long org_id, long long user_id, struct user_row *out)
{
	char org[DB_ID_LEN], id[24];
	db_id_text(org, org_id);
	db_id_text(id, user_id);
	PGresult *res = db_q(db, "SELECT id, email, name, role, disabled FROM users WHERE id = $1 AND org_id = $2", id, org);
	if (!res)
		return -1;
	int found = PQntuples(res) == 1;
	if (found)
		read_user(a, res, 0, out);
	PQclear(res);
	return found;
}

int db_user_set_disabled(struct db *db, long long org_id, long long user_id, int disabled)
{
	char org[DB_ID_LEN], id[24];
	db_id_text(org, org_id);
	db_id_text(id, user_id);
	if (db_begin(db) != 0)
		return -1;
	PGresult *res = db_q(db, "UPDATE users SET disabled = $3::boolean WHERE id = $1 AND org_id = $2 RETURNING id",
			     id, org, disabled ? "true" : "false");
	int n = res ? PQntuples(res) : -1;
	PQclear(res);
	if (n < 0 || (n == 1 && disabled && db_x(db, "DELETE FROM sessions WHERE user_id = $1", id) != 0) ||
	    db_commit(db) != 0) {
		db_rollback(db);
		return -1;
	}
	return n;
}

int db_user_password_hash(struct db *db, long long user_id, char out[128])
{
	char id[DB_ID_LEN];
	db_id_text(id, user_id);
	PGresult *res = db_q(db, "SELECT coalesce(password_hash, '') FROM users WHERE id = $1", id);
	if (!res)
		return -1;
	snprintf(out, 128, "%s", db_str(res, 0, 0));
	PQclear(res);
	return 0;
}

int db_user_change_password(struct db *db, long long user_id, const char *hash, const char *keep_session_hash)
{
	char id[DB_ID_LEN];
	db_id_text(id, user_id);
	if (db_begin(db) != 0)
		return -1;
	if (db_x(db, "UPDATE users SET password_hash = $2, failed_logins = 0, locked_until = NULL WHERE id = $1",
		 id, hash) != 0 ||
	    db_x(db, "DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2", id, keep_session_hash) != 0 ||
	    db_commit(db) != 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

int db_user_identity(struct db *db, struct arena *a, long long user_id, long long *org_id, const char **email)
{
	DB_ID(id, user_id);
	PGresult *res = db_q(db, "SELECT org_id, email FROM users WHERE id = $1", id);
	if (!res)
		return -1;
	int found = PQntuples(res) == 1;
	if (found) {
		*org_id = db_ll(res, 0, 0, 0);
		*email = arena_strdup(a, db_str(res, 0, 1));
	}
	PQclear(res);
	return found;
}

int db_login_accounts(struct db *db, struct arena *a, const char *email,
		      struct login_account out[LOGIN_ACCOUNTS_MAX])
{
	char max[8];
	snprintf(max, sizeof(max), "%d", LOGIN_ACCOUNTS_MAX);
	PGresult *res = db_q(db, "SELECT id, password_hash, disabled FROM users WHERE email = $1 ORDER BY id LIMIT $2",
			     email, max);
	if (!res)
		return -1;
	int n = PQntuples(res);
	for (int i = 0; i < n; i++) {
		out[i].id = db_ll(res, i, 0, 0);
		out[i].password_hash = db_get(res, i, 1) ? arena_strdup(a, db_get(res, i, 1)) : NULL;
		out[i].disabled = db_bool(res, i, 2);
	}
	PQclear(res);
	return n;
}

int db_login_succeeded(struct db *db, long long user_id)
{
	DB_ID(id, user_id);
	return db_x(db, "UPDATE users SET last_login_at = now() WHERE id = $1", id) == 0 ? 0 : -1;
}

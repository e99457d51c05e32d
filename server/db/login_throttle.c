/* login_throttle.c: the login_throttle table. */
#include <stdio.h>

#include "server/db/login_throttle.h"
#include "common/banned.h"

long db_login_wait(struct db *db, const char *account_key, const char *address_key)
{
	PGresult *res = db_q(db,
		"SELECT coalesce(ceil(extract(epoch FROM max(blocked_until) - now())), 0)::bigint"
		" FROM login_throttle WHERE key IN ($1, $2) AND blocked_until > now()",
		account_key, address_key);
	if (!res)
		return -1;
	long wait = (long)db_ll(res, 0, 0, 0);
	PQclear(res);
	return wait > 0 ? wait : 0;
}

int db_login_failure(struct db *db, const char *key, int forget_s, long *run_s)
{
	char forget[16];
	snprintf(forget, sizeof(forget), "%d", forget_s);
	PGresult *res = db_q(db,
		"INSERT INTO login_throttle(key, failures, first_failure, last_failure) VALUES ($1, 1, now(), now())"
		" ON CONFLICT (key) DO UPDATE SET"
		" failures = CASE WHEN login_throttle.last_failure < now() - make_interval(secs => $2::int)"
		"  THEN 1 ELSE login_throttle.failures + 1 END,"
		" first_failure = CASE WHEN login_throttle.last_failure < now() - make_interval(secs => $2::int)"
		"  THEN now() ELSE login_throttle.first_failure END,"
		" last_failure = now()"
		" RETURNING failures, floor(extract(epoch FROM now() - first_failure))::bigint",
		key, forget);
	if (!res)
		return -1;
	int n = (int)db_ll(res, 0, 0, 0);
	if (run_s)
		*run_s = (long)db_ll(res, 0, 1, 0);
	PQclear(res);
	return n;
}

int db_login_block(struct db *db, const char *key, long wait_s)
{
	char wait[DB_ID_LEN];
	snprintf(wait, sizeof(wait), "%ld", wait_s);
	return db_x(db, "UPDATE login_throttle SET blocked_until = now() + make_interval(secs => $2::int)"
		    " WHERE key = $1", key, wait) == 0 ? 0 : -1;
}

int db_login_clear(struct db *db, const char *key)
{
	return db_x(db, "DELETE FROM login_throttle WHERE key = $1", key) == 0 ? 0 : -1;
}

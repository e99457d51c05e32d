/* org.c: SQL for organisations and users. */
#include <stdio.h>

#include "server/db/org.h"
#include "common/banned.h"

static long long returning_id(struct db *db, PGresult *res)
{
	(void)db;
	if (!res)
		return -1;
	long long id = db_ll(res, 0, 0, -1);
	PQclear(res);
	return id;
}

long long db_org_create(struct db *db, const char *kind, const char *slug, const char *name,
			const char *region)
{
	return returning_id(db, db_q(db, "INSERT INTO organisations(kind, slug, name, region) VALUES ($1, $2, $3, $4)"
				     " RETURNING id", kind, slug, name, region ? region : ""));
}

long long db_org_by_slug(struct db *db, const char *slug)
{
	PGresult *res = db_q(db, "SELECT id FROM organisations WHERE slug = $1", slug);
	if (!res)
		return -1;
	long long id = PQntuples(res) ? db_ll(res, 0, 0, 0) : 0;
	PQclear(res);
	return id;
}

long long db_user_create(struct db *db, long long org_id, const char *email, const char *name,
			 const char *role, const char *password_hash)
{
	DB_ID(org, org_id);
	int guard = db_guard_begin(db); /* a taken address is a form error, not the end */
	PGresult *res = db_q(db, "INSERT INTO users(org_id, email, name, role, password_hash)"
			     " VALUES ($1, lower($2), $3, $4, $5) RETURNING id",
			     org, email, name ? name : "", role, password_hash);
	db_guard_end(db, guard, res != NULL);
	return returning_id(db, res);
}

int db_user_set_password(struct db *db, long long user_id, const char *password_hash)
{
	DB_ID(id, user_id);
	return db_x(db, "UPDATE users SET password_hash = $2, failed_logins = 0, locked_until = NULL WHERE id = $1",
		    id, password_hash);
}

long long db_user_by_email(struct db *db, const char *email)
{
	PGresult *res = db_q(db, "SELECT id FROM users WHERE email = lower($1) ORDER BY id LIMIT 1", email);
	if (!res)
		return -1;
	long long id = PQntuples(res) ? db_ll(res, 0, 0, 0) : 0;
	PQclear(res);
	return id;
}

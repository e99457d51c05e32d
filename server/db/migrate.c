/* migrate.c: numbered, checksummed SQL migrations (migrations/NNNN_name.sql). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "server/db/migrate.h"
#include "server/db/migrate_check.h"
#include "common/assets.h"
#include "common/crypto.h"
#include "common/banned.h"

#define MIGRATE_LOCK "7046401"  /* advisory lock key: "fphc" migrations */

struct migration {
	int version;
	char name[128];
	const struct asset *asset;
};

/* Parses "migrations/0001_init.sql"; 0 or -1 when the name is not a migration. */
static int parse_name(const char *path, struct migration *m)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (strncmp(path, "migrations/", 11) != 0 || strlen(base) < 10)
		return -1;
	for (int i = 0; i < 4; i++)
		if (base[i] < '0' || base[i] > '9')
			return -1;
	if (base[4] != '_')
		return -1;
	size_t n = strlen(base);
	if (n < 5 || strcmp(base + n - 4, ".sql") != 0)
		return -1;
	m->version = (base[0] - '0') * 1000 + (base[1] - '0') * 100 + (base[2] - '0') * 10 + (base[3] - '0');
	snprintf(m->name, sizeof(m->name), "%.*s", (int)(n - 9), base + 5);
	return 0;
}

static int by_version(const void *a, const void *b)
{
	return ((const struct migration *)a)->version - ((const struct migration *)b)->version;
}

/* Fills list (sorted); returns the count. */
static int collect(struct migration *list, int max)
{
	int n = 0;
	for (const struct asset *a = assets; a->path && n < max; a++)
		if (parse_name(a->path, &list[n]) == 0)
			list[n++].asset = a;
	qsort(list, (size_t)n, sizeof(*list), by_version);
	return n;
}

int migrate_latest(void)
{
	struct migration list[256];
	int n = collect(list, 256);
	return n ? list[n - 1].version : 0;
}

static int ensure_secret(struct db *db)
{
	/* three independent secrets, sent as bytes; two_factor_key encrypts the
	 * users' TOTP secrets and keys the hashes of their recovery codes */
	unsigned char pseudonym[32], csrf[64], two_factor[32];
	randombytes_buf(pseudonym, sizeof(pseudonym));
	randombytes_buf(csrf, sizeof(csrf));
	randombytes_buf(two_factor, sizeof(two_factor));
	PGresult *a = db_query_bytes(db, "INSERT INTO installation(key, value) VALUES ('pseudonym_secret', $1::bytea)"
				     " ON CONFLICT (key) DO NOTHING", 1, DB_PARAMS(NULL), 0, pseudonym, sizeof(pseudonym));
	PQclear(a);
	PGresult *b = a ? db_query_bytes(db, "INSERT INTO installation(key, value) VALUES ('csrf_secret', $1::bytea)"
					 " ON CONFLICT (key) DO NOTHING", 1, DB_PARAMS(NULL), 0, csrf, sizeof(csrf)) : NULL;
	PQclear(b);
	PGresult *c = b ? db_query_bytes(db, "INSERT INTO installation(key, value) VALUES ('two_factor_key', $1::bytea)"
					 " ON CONFLICT (key) DO NOTHING", 1, DB_PARAMS(NULL), 0, two_factor,
					 sizeof(two_factor)) : NULL;
	PQclear(c);
	sodium_memzero(pseudonym, sizeof(pseudonym));
	sodium_memzero(csrf, sizeof(csrf));
	sodium_memzero(two_factor, sizeof(two_factor));
	return a && b && c ? 0 : -1;
}

/* When the least-privilege role fphc_app exists (docs/operations.md), give it
 * exactly what the server needs on every table, including ones added now:
 * data rights but no DDL, and no way to rewrite the audit log or the record of
 * applied migrations. UPDATE on sequences is for setval(): `fphc demo seed`
 * reserves a block of ids; it cannot change any row. */
static int grant_app_role(struct db *db)
{
	return db_exec_script(db,
		"DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fphc_app') THEN"
		" GRANT USAGE ON SCHEMA public TO fphc_app;"
		" GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO fphc_app;"
		" GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO fphc_app;"
		" REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM fphc_app;"
		" REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM fphc_app;"
		" REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON installation FROM fphc_app;"
		" END IF; END $$");
}

static int apply_one(struct db *db, const struct migration *m, const char *sum, FILE *log)
{
	char ver[16], why[256];
	if (migrate_sql_check((const char *)m->asset->data, why, sizeof(why)) != 0) {
		fprintf(log, "fphc: migration %s refused: %s\n", m->asset->path, why);
		return -1;
	}
	snprintf(ver, sizeof(ver), "%d", m->version);
	if (db_begin(db) != 0)
		goto fail;
	if (db_exec_script(db, (const char *)m->asset->data) != 0)
		goto fail;
	/* The file and its schema_migrations row are one transaction: a file that
	 * ended it (COMMIT/ROLLBACK, which migrate_sql_check should have caught)
	 * is reported rather than recorded half-applied. */
	if (PQtransactionStatus(db->conn) != PQTRANS_INTRANS) {
		snprintf(db->err, sizeof(db->err), "the migration ended its own transaction");
		goto fail;
	}
	if (db_x(db, "INSERT INTO schema_migrations(version, name, sha256) VALUES ($1, $2, $3)",
		 ver, m->name, sum) != 0)
		goto fail;
	if (db_commit(db) != 0)
		goto fail;
	fprintf(log, "fphc: applied migration %s\n", m->asset->path);
	return 0;
fail:
	fprintf(log, "fphc: migration %s failed: %s\n", m->asset->path, db->err);
	db_rollback(db);
	return -1;
}

int migrate_apply(struct db *db, FILE *log)
{
	struct migration list[256];
	int n = collect(list, 256), applied = 0, rc = -1;
	if (db_exec(db, "SELECT pg_advisory_lock(" MIGRATE_LOCK ")", 0, NULL) != 0) {
		fprintf(log, "fphc: cannot reach the database: %s\n", db->err);
		return -1;
	}
	if (db_exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY,"
		    " name text NOT NULL, sha256 text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
		    0, NULL) != 0) {
		fprintf(log, "fphc: cannot create schema_migrations: %s\n", db->err);
		goto out;
	}
	for (int i = 0; i < n; i++) {
		char sum[SHA256_HEX_LEN + 1], ver[16];
		crypto_sha256_hex(list[i].asset->data, list[i].asset->len, sum);
		snprintf(ver, sizeof(ver), "%d", list[i].version);
		PGresult *res = db_q(db, "SELECT sha256 FROM schema_migrations WHERE version = $1", ver);
		if (!res) {
			fprintf(log, "fphc: %s\n", db->err);
			goto out;
		}
		int have = PQntuples(res) > 0;
		int same = have && strcmp(db_str(res, 0, 0), sum) == 0;
		PQclear(res);
		if (have && !same) {
			fprintf(log, "fphc: migration %s was changed after it was applied (checksum differs);"
				" never edit an applied migration, add a new numbered file instead\n",
				list[i].asset->path);
			goto out;
		}
		if (have)
			continue;
		if (apply_one(db, &list[i], sum, log) != 0)
			goto out;
		applied++;
	}
	if (grant_app_role(db) != 0) {
		fprintf(log, "fphc: cannot grant rights to the application role: %s\n", db->err);
		goto out;
	}
	if (ensure_secret(db) != 0) {
		fprintf(log, "fphc: cannot store the installation secret: %s\n", db->err);
		goto out;
	}
	rc = applied;
out:
	db_exec(db, "SELECT pg_advisory_unlock(" MIGRATE_LOCK ")", 0, NULL);
	return rc;
}

int migrate_current(struct db *db)
{
	PGresult *res = db_query(db, "SELECT coalesce(max(version), 0) FROM schema_migrations", 0, NULL);
	if (!res)
		return -1;
	int cur = (int)db_ll(res, 0, 0, 0);
	PQclear(res);
	return cur >= migrate_latest() ? 1 : 0;
}

int migrate_plan(struct db *db, FILE *out)
{
	struct migration list[256];
	int n = collect(list, 256), pending = 0;
	PGresult *res = db_query(db, "SELECT to_regclass('schema_migrations') IS NOT NULL", 0, NULL);
	if (!res) {
		fprintf(out, "fphc: cannot reach the database: %s\n", db->err);
		return -1;
	}
	int has_table = db_bool(res, 0, 0);
	PQclear(res);
	for (int i = 0; i < n; i++) {
		char sum[SHA256_HEX_LEN + 1], ver[16], why[256];
		crypto_sha256_hex(list[i].asset->data, list[i].asset->len, sum);
		snprintf(ver, sizeof(ver), "%d", list[i].version);
		int have = 0, same = 0;
		if (has_table) {
			res = db_q(db, "SELECT sha256 FROM schema_migrations WHERE version = $1", ver);
			if (!res) {
				fprintf(out, "fphc: %s\n", db->err);
				return -1;
			}
			have = PQntuples(res) > 0;
			same = have && strcmp(db_str(res, 0, 0), sum) == 0;
			PQclear(res);
		}
		if (have && !same) {
			fprintf(out, "fphc: migration %s was changed after it was applied (checksum differs);"
				" migrate would refuse\n", list[i].asset->path);
			return -1;
		}
		if (have)
			continue;
		if (migrate_sql_check((const char *)list[i].asset->data, why, sizeof(why)) != 0) {
			fprintf(out, "fphc: migration %s would be refused: %s\n", list[i].asset->path, why);
			return -1;
		}
		fprintf(out, "would apply %s\n", list[i].asset->path);
		pending++;
	}
	return pending;
}

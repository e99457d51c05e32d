/* db.c: libpq wrapper; see db.h for the contract. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/db/db.h"
#include "common/banned.h"

/* FPHC_DB_POOLER=transaction: the connection goes through a pooler in
 * transaction mode (PgBouncer): no named prepared statements. */
static int pooler_from_env(void)
{
	const char *v = getenv("FPHC_DB_POOLER");
	return v && strcmp(v, "transaction") == 0;
}

struct db *db_new(const char *conninfo)
{
	struct db *db = calloc(1, sizeof(*db));
	if (!db)
		abort();
	db->pooler = pooler_from_env();
	db->conninfo = strdup(conninfo ? conninfo : "");
	if (!db->conninfo)
		abort();
	return db;
}

void db_free(struct db *db)
{
	if (!db)
		return;
	if (db->conn)
		PQfinish(db->conn);
	free(db->conninfo);
	free(db);
}

/* NOTICEs (e.g. "already exists, skipping") are not errors; keep the console clean. */
static void quiet_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static void set_err(struct db *db, const char *msg, const char *state)
{
	snprintf(db->err, sizeof(db->err), "%s", msg ? msg : "unknown database error");
	size_t n = strlen(db->err);
	while (n && (db->err[n - 1] == '\n' || db->err[n - 1] == ' '))
		db->err[--n] = '\0';
	snprintf(db->sqlstate, sizeof(db->sqlstate), "%s", state ? state : "");
}

static char time_zone[64] = "Europe/Amsterdam";

int db_set_time_zone(const char *tz)
{
	size_t n = tz ? strlen(tz) : 0;
	if (n == 0 || n >= sizeof(time_zone))
		return -1;
	for (size_t i = 0; i < n; i++) {
		char c = tz[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
		      c == '_' || c == '-' || c == '+'))
			return -1;
	}
	memcpy(time_zone, tz, n + 1);
	return 0;
}

const char *db_time_zone(void)
{
	return time_zone;
}

int db_connect(struct db *db)
{
	if (db->conn && PQstatus(db->conn) == CONNECTION_OK)
		return 0;
	if (db->conn) {
		PQfinish(db->conn);
		db->conn = NULL;
	}
	db->in_tx = 0;
	db->nprepared = 0;
	db->conn = PQconnectdb(db->conninfo);
	if (PQstatus(db->conn) != CONNECTION_OK) {
		set_err(db, PQerrorMessage(db->conn), "08006");
		db->unavailable = 1;
		PQfinish(db->conn);
		db->conn = NULL;
		return -1;
	}
	PQsetClientEncoding(db->conn, "UTF8");
	PQsetNoticeProcessor(db->conn, quiet_notice, NULL);
	/* every time read or written through this connection is the installation's
	 * local time (PgBouncer keeps TimeZone per client) */
	const char *tz[] = {time_zone};
	PGresult *res = PQexecParams(db->conn, "SELECT set_config('TimeZone', $1, false)", 1, NULL, tz, NULL, NULL, 0);
	int ok = PQresultStatus(res) == PGRES_TUPLES_OK;
	if (!ok)
		set_err(db, PQresultErrorMessage(res), PQresultErrorField(res, PG_DIAG_SQLSTATE));
	PQclear(res);
	if (!ok) {
		PQfinish(db->conn);
		db->conn = NULL;
		return -1;
	}
	db->unavailable = 0;
	if (!db->pooler)
		db->pooler = db_behind_proxy(db->conn);
	return 0;
}

/* A TCP connection whose server listens on another port than the one we reached
 * goes through a proxy, a pooler such as PgBouncer: treat it as transaction
 * pooling (the only cost when it is not: statements are planned each time). */
int db_behind_proxy(PGconn *conn)
{
	const char *host = PQhost(conn);
	const char *port = PQport(conn);
	if (!host || host[0] == '/' || !port || !port[0])
		return 0;
	PGresult *res = PQexec(conn, "SELECT current_setting('port')");
	int proxied = 0;
	if (res && PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
		proxied = strcmp(PQgetvalue(res, 0, 0), port) != 0;
	PQclear(res);
	return proxied;
}

static int result_ok(struct db *db, PGresult *res)
{
	ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
		db->err[0] = '\0';
		db->sqlstate[0] = '\0';
		return 1;
	}
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	set_err(db, res ? PQresultErrorMessage(res) : PQerrorMessage(db->conn), state);
	if (PQstatus(db->conn) != CONNECTION_OK) {
		db->unavailable = 1;
		if (!state)
			snprintf(db->sqlstate, sizeof(db->sqlstate), "08006");
	}
	return 0;
}

/* Connects when outside a transaction; a connection lost inside one is an error (the
 * transaction is gone: the caller must start over). 0, or -1 with the error set. */
static int connection_ready(struct db *db)
{
	if (!db->in_tx && db_connect(db) != 0)
		return -1;
	if (!db->conn) {
		set_err(db, "connection lost inside a transaction", "08006");
		db->unavailable = 1;
		return -1;
	}
	return 0;
}

/* db_query with optional binary parameters (lengths/formats as PQexecParams) and
 * result format (0 text, 1 binary). */
static PGresult *query_formats(struct db *db, const char *sql, int n, const char *const *params,
			       const int *lengths, const int *formats, int result_format)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		if (connection_ready(db) != 0)
			return NULL;
		PGresult *res = PQexecParams(db->conn, sql, n, NULL, params, lengths, formats, result_format);
		if (result_ok(db, res))
			return res;
		PQclear(res);
		/* A connection that died between requests is retried once; inside a
		 * transaction the caller must start over, so no retry there. */
		if (!db->unavailable || db->in_tx)
			return NULL;
	}
	return NULL;
}

PGresult *db_query(struct db *db, const char *sql, int n, const char *const *params)
{
	return query_formats(db, sql, n, params, NULL, NULL, 0);
}

#define DB_MAX_PARAMS 16

PGresult *db_query_bytes(struct db *db, const char *sql, int n, const char *const *params, int bytes_param,
			 const void *bytes, size_t len)
{
	if (n > DB_MAX_PARAMS || bytes_param < 0 || bytes_param >= n || len > 0x7fffffff) {
		set_err(db, "db_query_bytes: bad arguments", "");
		return NULL;
	}
	const char *values[DB_MAX_PARAMS];
	int lengths[DB_MAX_PARAMS] = {0}, formats[DB_MAX_PARAMS] = {0};
	for (int i = 0; i < n; i++)
		values[i] = params[i];
	values[bytes_param] = bytes;
	lengths[bytes_param] = (int)len;
	formats[bytes_param] = 1;
	return query_formats(db, sql, n, values, lengths, formats, 0);
}

PGresult *db_query_binary(struct db *db, const char *sql, int n, const char *const *params)
{
	return query_formats(db, sql, n, params, NULL, NULL, 1);
}

PGresult *db_query_prepared(struct db *db, const char *sql, int n, const char *const *params)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		if (connection_ready(db) != 0)
			return NULL;
		if (db->pooler)
			return db_query(db, sql, n, params);
		int slot = -1;
		for (int i = 0; i < db->nprepared; i++)
			if (db->prepared[i] == sql)
				slot = i;
		if (slot < 0) {
			if (db->nprepared >= DB_MAX_PREPARED)
				return db_query(db, sql, n, params);
			char name[16];
			snprintf(name, sizeof(name), "fphc_%d", db->nprepared);
			PGresult *prep = PQprepare(db->conn, name, sql, n, NULL);
			int ok = result_ok(db, prep);
			PQclear(prep);
			/* "already exists": another client's statement on a pooled server connection */
			if (!ok && db_failed_with(db, "42P05")) {
				db->pooler = 1;
				if (!db->in_tx)
					return db_query(db, sql, n, params);
				return NULL;
			}
			if (ok) {
				slot = db->nprepared;
				db->prepared[db->nprepared++] = sql;
			}
		}
		if (slot >= 0) {
			char name[16];
			snprintf(name, sizeof(name), "fphc_%d", slot);
			PGresult *res = PQexecPrepared(db->conn, name, n, params, NULL, NULL, 0);
			if (result_ok(db, res))
				return res;
			PQclear(res);
			/* "does not exist": a pooler handed us another server connection */
			if (db_failed_with(db, "26000")) {
				db->pooler = 1;
				if (!db->in_tx)
					return db_query(db, sql, n, params);
				return NULL;
			}
		}
		if (!db->unavailable || db->in_tx)
			return NULL;
	}
	return NULL;
}

int db_exec(struct db *db, const char *sql, int n, const char *const *params)
{
	PGresult *res = db_query(db, sql, n, params);
	if (!res)
		return -1;
	PQclear(res);
	return 0;
}

int db_exec_script(struct db *db, const char *sql)
{
	if (!db->in_tx && db_connect(db) != 0)
		return -1;
	PGresult *res = PQexec(db->conn, sql);
	int ok = result_ok(db, res);
	PQclear(res);
	return ok ? 0 : -1;
}

/* Nested calls are savepoints: a request's transaction (server/http/http.c)
 * holds the handler's own, and a failed inner part rolls back only itself. */
int db_begin(struct db *db)
{
	char sql[32];
	if (db->in_tx)
		snprintf(sql, sizeof(sql), "SAVEPOINT fphc_%d", db->in_tx);
	if (db_exec(db, db->in_tx ? sql : "BEGIN", 0, NULL) != 0)
		return -1;
	db->in_tx++;
	return 0;
}

int db_commit(struct db *db)
{
	char sql[40];
	if (db->in_tx > 1)
		snprintf(sql, sizeof(sql), "RELEASE SAVEPOINT fphc_%d", db->in_tx - 1);
	else if (db->conn && PQtransactionStatus(db->conn) == PQTRANS_INERROR) {
		/* COMMIT of a failed transaction "succeeds" as a ROLLBACK: say so */
		db_rollback(db);
		set_err(db, "the transaction failed before its commit", "25P02");
		return -1;
	}
	int rc = db_exec(db, db->in_tx > 1 ? sql : "COMMIT", 0, NULL);
	if (db->in_tx > 0)
		db->in_tx--;
	return rc;
}

void db_rollback(struct db *db)
{
	if (!db->in_tx)
		return;
	char sql[48];
	int depth = db->in_tx--;
	if (depth > 1)
		snprintf(sql, sizeof(sql), "ROLLBACK TO SAVEPOINT fphc_%d", depth - 1);
	if (db->conn && PQstatus(db->conn) == CONNECTION_OK) {
		PGresult *res = PQexec(db->conn, depth > 1 ? sql : "ROLLBACK");
		PQclear(res);
	}
}

int db_guard_begin(struct db *db)
{
	return db->in_tx > 0 && db_begin(db) == 0;
}

void db_guard_end(struct db *db, int guard, int ok)
{
	if (!guard)
		return;
	if (ok)
		db_commit(db);
	else
		db_rollback(db); /* PQexec: keeps db->err and db->sqlstate of the failure */
}

void db_rollback_all(struct db *db)
{
	if (!db->in_tx)
		return;
	db->in_tx = 1;
	db_rollback(db);
}

const char *db_get(const PGresult *res, int row, int col)
{
	if (!res || row >= PQntuples(res) || col >= PQnfields(res) || PQgetisnull(res, row, col))
		return NULL;
	return PQgetvalue(res, row, col);
}

const char *db_str(const PGresult *res, int row, int col)
{
	const char *v = db_get(res, row, col);
	return v ? v : "";
}

long long db_ll(const PGresult *res, int row, int col, long long dflt)
{
	const char *v = db_get(res, row, col);
	if (!v)
		return dflt;
	char *end;
	long long x = strtoll(v, &end, 10);
	return *end ? dflt : x;
}

double db_double(const PGresult *res, int row, int col, double dflt)
{
	const char *v = db_get(res, row, col);
	if (!v)
		return dflt;
	char *end;
	double x = strtod(v, &end);
	return *end ? dflt : x;
}

int db_bool(const PGresult *res, int row, int col)
{
	const char *v = db_get(res, row, col);
	return v && v[0] == 't';
}

int db_failed_with(const struct db *db, const char *sqlstate)
{
	return strcmp(db->sqlstate, sqlstate) == 0;
}

int db_copy_in(struct db *db, const char *sql, const char *data, size_t len)
{
	if (len == 0)
		return 0;
	if (len > 0x7fffffff) {
		snprintf(db->err, sizeof(db->err), "COPY data of %zu bytes is too large", len);
		return -1;
	}
	PGresult *res = PQexec(db->conn, sql);
	int ok = res && PQresultStatus(res) == PGRES_COPY_IN;
	PQclear(res);
	ok = ok && PQputCopyData(db->conn, data, (int)len) == 1 && PQputCopyEnd(db->conn, NULL) == 1;
	res = ok ? PQgetResult(db->conn) : NULL;
	ok = ok && res && PQresultStatus(res) == PGRES_COMMAND_OK;
	PQclear(res);
	while ((res = PQgetResult(db->conn)))
		PQclear(res);
	if (!ok) {
		snprintf(db->err, sizeof(db->err), "%s", PQerrorMessage(db->conn));
		return -1;
	}
	return 0;
}

void db_id_text(char *out, long long v)
{
	snprintf(out, DB_ID_LEN, "%lld", v);
}

int db_cursor_each(struct db *db, const char *declare, const char *name,
		   int (*row)(void *arg, const PGresult *res, int i), void *arg)
{
	char fetch[96], close[80];
	snprintf(fetch, sizeof(fetch), "FETCH 20000 FROM %s", name);
	snprintf(close, sizeof(close), "CLOSE %s", name);
	if (db_exec(db, declare, 0, NULL) != 0)
		return -1;
	for (;;) {
		PGresult *res = db_query(db, fetch, 0, NULL);
		if (!res)
			return -1;
		int n = PQntuples(res);
		for (int i = 0; i < n; i++) {
			if (row(arg, res, i) != 0) {
				PQclear(res);
				return -1;
			}
		}
		PQclear(res);
		if (n == 0)
			break;
	}
	return db_exec(db, close, 0, NULL);
}

/* db.h: a thin libpq wrapper around one connection (after kore's pgsql.c).
 *
 * Parameterised queries only. A failed call returns NULL/-1, copies the error
 * onto the handle (db->err, db->sqlstate) and logs nothing: the HTTP boundary
 * (or the command) logs it once. When the connection is gone, db->unavailable is
 * set, and the next call reconnects transparently (outside a transaction), so a
 * PostgreSQL restart costs the requests in flight at that moment and nothing more.
 * A struct db is used by one thread at a time. */
#ifndef FPHC_DB_H
#define FPHC_DB_H

#include <libpq-fe.h>
#include <stddef.h>

#define DB_MAX_PREPARED 32

struct db {
	PGconn *conn;
	char *conninfo;      /* owned copy */
	int in_tx;           /* depth of db_begin() .. commit/rollback: 1 a transaction, more savepoints */
	int unavailable;     /* the last failure was a lost or refused connection */
	char sqlstate[6];    /* SQLSTATE of the last failure, "" if none */
	char err[512];       /* message of the last failure */
	/* Statements prepared on this connection (db_query_prepared), by SQL text
	 * address; emptied when the connection is made anew. */
	const char *prepared[DB_MAX_PREPARED];
	int nprepared;
	/* Behind a pooler in transaction mode (FPHC_DB_POOLER=transaction, or found
	 * by db_behind_proxy / a lost prepared statement): db_query_prepared then
	 * sends unnamed statements only. */
	int pooler;
};

/* Opens a handle; the connection itself is made lazily on first use, so a
 * server can start while PostgreSQL is still down. Never returns NULL. */
struct db *db_new(const char *conninfo);
void db_free(struct db *db);
/* Connects now; 0 or -1 with db->err set. */
int db_connect(struct db *db);
/* Every connection works in the installation's time zone (FPHC_TIMEZONE, an
 * IANA name, default Europe/Amsterdam): to_char, ::date and current_date are
 * local. Set it once at start-up, before any connection; -1 for a name with
 * characters no zone name has (PostgreSQL refuses unknown names at connect). */
int db_set_time_zone(const char *tz);
const char *db_time_zone(void);
/* 1 when conn reached its server through a proxy (TCP port differs from the
 * server's own port), as with PgBouncer. */
int db_behind_proxy(PGconn *conn);

/* Ids (and other whole numbers) go into queries as text parameters through this
 * one helper: db_id_text(buf, v) writes v into buf (at least DB_ID_LEN bytes);
 * DB_ID(name, v) declares the buffer `name` and fills it. */
#define DB_ID_LEN 24
void db_id_text(char *out, long long v);
#define DB_ID(name, v) char name[DB_ID_LEN]; db_id_text(name, (long long)(v))

/* Runs sql with n text parameters (NULL = SQL NULL). Returns a result the caller
 * PQclear()s, or NULL on failure. */
PGresult *db_query(struct db *db, const char *sql, int n, const char *const *params);
/* Same, for statements whose result is not needed: 0 or -1. */
int db_exec(struct db *db, const char *sql, int n, const char *const *params);
/* Like db_query for the hot paths: `sql` must be a string with static storage
 * (its address names the statement). It is prepared once per connection, so
 * PostgreSQL plans it once instead of on every request. Beyond DB_MAX_PREPARED
 * statements it falls back to db_query. */
PGresult *db_query_prepared(struct db *db, const char *sql, int n, const char *const *params);
#define db_qp(db, sql, ...) db_query_prepared((db), (sql), DB_NPARAMS(__VA_ARGS__), DB_PARAMS(__VA_ARGS__))

/* Runs `COPY … FROM STDIN` (sql, a static statement) with len bytes of COPY
 * text; nothing is sent when len is 0. 0, or -1 with db->err set. */
int db_copy_in(struct db *db, const char *sql, const char *data, size_t len);

/* bytea goes as bytes, never as hex text: db_query_bytes sends parameter
 * bytes_param (0-based; its params[] entry is ignored) as `len` binary bytes, the
 * others as text. db_query_binary asks for every result column in binary: select
 * only bytea and text columns with it (PQgetvalue then gives the raw bytes and
 * PQgetlength their number). NULL on failure. */
PGresult *db_query_bytes(struct db *db, const char *sql, int n, const char *const *params, int bytes_param,
			 const void *bytes, size_t len);
PGresult *db_query_binary(struct db *db, const char *sql, int n, const char *const *params);
#define db_qb(db, sql, ...) db_query_binary((db), (sql), DB_NPARAMS(__VA_ARGS__), DB_PARAMS(__VA_ARGS__))

/* Runs a script of several statements without parameters (migrations only). */
int db_exec_script(struct db *db, const char *sql);
/* Runs `declare` (a "DECLARE name NO SCROLL CURSOR FOR …" inside a transaction), then
 * fetches its rows 20,000 at a time, calling row(arg, res, i) for each, and closes the
 * cursor. Memory stays flat however many rows there are. 0, or -1 on a database error
 * or when row returns non-zero. */
int db_cursor_each(struct db *db, const char *declare, const char *name,
		   int (*row)(void *arg, const PGresult *res, int i), void *arg);

int db_begin(struct db *db);
int db_commit(struct db *db);
/* Safe to call when no transaction is open, and after a failed commit. */
void db_rollback(struct db *db);
/* Rolls back the whole transaction, savepoints and all (no-op outside one). */
void db_rollback_all(struct db *db);
/* For a statement whose failure the caller handles (a unique violation shown
 * as a form error): inside a transaction it runs in a savepoint, so the
 * transaction goes on after it fails. db_guard_begin returns what
 * db_guard_end needs; the failure's sqlstate and message stay on db. */
int db_guard_begin(struct db *db);
void db_guard_end(struct db *db, int guard, int ok);

/* Value helpers: NULL for SQL NULL. */
const char *db_get(const PGresult *res, int row, int col);
/* "" for SQL NULL. */
const char *db_str(const PGresult *res, int row, int col);
long long db_ll(const PGresult *res, int row, int col, long long dflt);
double db_double(const PGresult *res, int row, int col, double dflt);
int db_bool(const PGresult *res, int row, int col);

/* 1 when the last failure was this SQLSTATE (e.g. "23505" unique violation). */
int db_failed_with(const struct db *db, const char *sqlstate);

#define DB_PARAMS(...) ((const char *const[]){__VA_ARGS__})
#define DB_NPARAMS(...) ((int)(sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *)))
/* db_q(db, sql, p1, p2, …): db_query with a literal parameter list. */
#define db_q(db, sql, ...) db_query((db), (sql), DB_NPARAMS(__VA_ARGS__), DB_PARAMS(__VA_ARGS__))
#define db_x(db, sql, ...) db_exec((db), (sql), DB_NPARAMS(__VA_ARGS__), DB_PARAMS(__VA_ARGS__))

#endif

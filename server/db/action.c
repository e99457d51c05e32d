/* action.c: SQL for follow-up actions and the actions overview; see action.h. */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "server/db/action.h"
#include "server/db/row.h"
#include "common/banned.h"


#define ACTION_COLS \
	" a.id, a.scan_id, a.what, a.who_kind, a.who_name, to_char(a.due_date, 'YYYY-MM-DD'), a.status, a.notes," \
	" (a.due_date < current_date AND a.status IN ('open', 'in_progress')), c.name," \
	" coalesce(nullif(adv.name, ''), adv.email, ''), to_char(a.updated_at, 'YYYY-MM-DD HH24:MI')," \
	" coalesce(nullif(ed.name, ''), ed.email, ''), " ACTION_DONE_AT ", a.theme_key, coalesce(a.closed_by_event_id, 0)"
/* The local date an action that is done became done: the first history row of
 * its last unbroken run of 'done' states (done, edited while done, reopened and
 * done again counts from the last time). The history holds every state, so no
 * column of its own is needed; scan_action_history_action serves both lookups.
 * An action without history (none is made so) falls back to its last change. */
#define ACTION_DONE_AT \
	" CASE WHEN a.status = 'done' THEN coalesce((SELECT to_char(min(h.at), 'YYYY-MM-DD')" \
	" FROM scan_action_history h WHERE h.action_id = a.id AND h.id > coalesce((SELECT max(h2.id)" \
	" FROM scan_action_history h2 WHERE h2.action_id = a.id AND h2.status <> 'done'), 0))," \
	" to_char(a.updated_at, 'YYYY-MM-DD'))" \
	" ELSE '' END"
#define ACTION_FROM \
	" FROM scan_actions a JOIN scans s ON s.id = a.scan_id JOIN companies c ON c.id = s.company_id" \
	" LEFT JOIN users adv ON adv.id = coalesce(s.advisor_id, c.advisor_id)" \
	" LEFT JOIN users ed ON ed.id = a.updated_by"

static int history(struct db *db, const char *action_id, const char *uid, const char *change)
{
	return db_x(db, "INSERT INTO scan_action_history(action_id, user_id, change, what, who_kind, who_name,"
		    " due_date, status, notes) SELECT id, $2, $3, what, who_kind, who_name, due_date, status, notes"
		    " FROM scan_actions WHERE id = $1", action_id, uid, change);
}

long long db_action_create(struct db *db, long long org_id, long long scan_id, const struct action_fields *f,
			   long long user_id)
{
	DB_ID(org, org_id);
	DB_ID(scan, scan_id);
	DB_ID(uid, user_id);
	if (db_begin(db) != 0)
		return -1;
	PGresult *res = db_q(db, "INSERT INTO scan_actions(org_id, scan_id, what, who_kind, who_name, due_date, status,"
			     " notes, created_by, updated_by, theme_key) SELECT $1, s.id, $3, $4, $5, $6::date, $7, $8, $9, $9, $10"
			     " FROM scans s WHERE s.id = $2 AND s.org_id = $1 RETURNING id",
			     org, scan, f->what, f->who_kind, f->who_name, f->due_date, f->status, f->notes, uid,
			     f->theme_key ? f->theme_key : "");
	if (!res || PQntuples(res) != 1)
		goto fail;
	long long id = db_ll(res, 0, 0, -1);
	PQclear(res);
	res = NULL;
	DB_ID(aid, id);
	if (history(db, aid, uid, "created") != 0 || db_commit(db) != 0)
		goto fail;
	return id;
fail:
	if (res)
		PQclear(res);
	db_rollback(db);
	return -1;
}

int db_action_update(struct db *db, long long org_id, long long action_id, const struct action_fields *f,
		     long long user_id)
{
	DB_ID(org, org_id);
	DB_ID(id, action_id);
	DB_ID(uid, user_id);
	if (db_begin(db) != 0)
		return -1;
	PGresult *res = db_q(db, "UPDATE scan_actions SET what = $3, who_kind = $4, who_name = $5, due_date = $6::date,"
			     " status = $7, notes = $8, updated_by = $9, updated_at = now(), theme_key = $10"
			     " WHERE id = $2 AND org_id = $1 RETURNING id",
			     org, id, f->what, f->who_kind, f->who_name, f->due_date, f->status, f->notes, uid,
			     f->theme_key ? f->theme_key : "");
	if (!res)
		goto fail;
	int n = PQntuples(res);
	PQclear(res);
	if (n != 1) {
		db_rollback(db);
		return 0;
	}
	if (history(db, id, uid, "updated") != 0 || db_commit(db) != 0)
		goto fail;
	return 1;
fail:
	db_rollback(db);
	return -1;
}

static void read_action(struct arena *a, const PGresult *res, int i, struct action_row *o)
{
	o->id = db_ll(res, i, 0, 0);
	o->scan_id = db_ll(res, i, 1, 0);
	o->what = db_row_str(a, res, i, 2);
	o->who_kind = db_row_str(a, res, i, 3);
	o->who_name = db_row_str(a, res, i, 4);
	o->due_date = db_row_str(a, res, i, 5);
	o->status = db_row_str(a, res, i, 6);
	o->notes = db_row_str(a, res, i, 7);
	o->overdue = db_bool(res, i, 8);
	o->company_name = db_row_str(a, res, i, 9);
	o->advisor_name = db_row_str(a, res, i, 10);
	o->updated_at = db_row_str(a, res, i, 11);
	o->editor_name = db_row_str(a, res, i, 12);
	o->done_at = db_row_str(a, res, i, 13);
	o->theme_key = db_row_str(a, res, i, 14);
	o->closed_by_event_id = db_ll(res, i, 15, 0);
}

/* The rows of res (cleared) into *out; row count or -1 when res is NULL. */
static int read_actions(struct arena *a, PGresult *res, struct action_row **out)
{
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct action_row *rows = db_rows_alloc(a, res, sizeof(*rows));
	for (int i = 0; i < n; i++)
		read_action(a, res, i, &rows[i]);
	PQclear(res);
	*out = rows;
	return n;
}

static PGresult *db_action_list_scan(struct db *db, long long scan_id)
{
	DB_ID(scan, scan_id);
	return db_q(db, "SELECT" ACTION_COLS ACTION_FROM " WHERE a.scan_id = $1 ORDER BY a.id", scan);
}

int db_action_scan_list(struct db *db, struct arena *a, long long scan_id, struct action_row **out)
{
	return read_actions(a, db_action_list_scan(db, scan_id), out);
}

int db_action_get(struct db *db, struct arena *a, long long org_id, long long action_id, struct action_row *out)
{
	DB_ID(org, org_id);
	DB_ID(id, action_id);
	PGresult *res = db_q(db, "SELECT" ACTION_COLS ACTION_FROM " WHERE a.id = $2 AND a.org_id = $1", org, id);
	if (!res)
		return -1;
	int found = PQntuples(res) == 1;
	if (found)
		read_action(a, res, 0, out);
	PQclear(res);
	return found;
}

int db_action_history(struct db *db, struct arena *a, long long action_id, struct action_change **out)
{
	DB_ID(id, action_id);
	PGresult *res = db_q(db, "SELECT to_char(h.at, 'YYYY-MM-DD HH24:MI'), coalesce(nullif(u.name, ''), u.email, ''),"
			     " h.change, h.what, h.who_kind, h.who_name, to_char(h.due_date, 'YYYY-MM-DD'), h.status, h.notes"
			     " FROM scan_action_history h LEFT JOIN users u ON u.id = h.user_id"
			     " WHERE h.action_id = $1 ORDER BY h.id", id);
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct action_change *rows = db_rows_alloc(a, res, sizeof(*rows));
	for (int i = 0; i < n; i++) {
		const char **f[] = {&rows[i].at, &rows[i].editor, &rows[i].change, &rows[i].what, &rows[i].who_kind,
				    &rows[i].who_name, &rows[i].due_date, &rows[i].status, &rows[i].notes};
		for (int c = 0; c < 9; c++)
			*f[c] = db_row_str(a, res, i, c);
	}
	PQclear(res);
	*out = rows;
	return n;
}

/* The WHERE clause of the overview for f, with its parameters. Only fixed SQL
 * goes into sql; every value is a parameter. */
struct where {
	char sql[1024];
	size_t len;
	const char *params[8];
	int n;
	int needs_company;     /* the clause reads s. or c.: join scans and companies */
	char org[DB_ID_LEN], adv[DB_ID_LEN];
};

/* Appends before, the next parameter's $N (with value v), after. */
static void where_add(struct where *w, const char *before, const char *v, const char *after)
{
	assert(w->n < (int)(sizeof(w->params) / sizeof(w->params[0])));
	w->params[w->n++] = v;
	int k = snprintf(w->sql + w->len, sizeof(w->sql) - w->len, "%s$%d%s", before, w->n, after);
	assert(k > 0 && (size_t)k < sizeof(w->sql) - w->len);
	w->len += (size_t)k;
}

static void where_build(struct where *w, const struct action_filter *f)
{
	memset(w, 0, sizeof(*w));
	db_id_text(w->org, f->org_id);
	where_add(w, " WHERE a.org_id = ", w->org, "");
	const char *st = f->status ? f->status : "";
	if (!st[0]) {
		/* the same predicate as the partial index scan_actions_open */
		int k = snprintf(w->sql + w->len, sizeof(w->sql) - w->len, " AND a.status IN ('open', 'in_progress')");
		assert(k > 0 && (size_t)k < sizeof(w->sql) - w->len);
		w->len += (size_t)k;
	} else if (strcmp(st, "all") != 0) {
		where_add(w, " AND a.status = ", st, "");
	}
	if (f->advisor_id) {
		db_id_text(w->adv, f->advisor_id);
		where_add(w, " AND coalesce(s.advisor_id, c.advisor_id) = ", w->adv, "::bigint");
		w->needs_company = 1;
	}
	if (f->partner && f->partner[0])
		where_add(w, " AND a.who_kind = 'partner' AND strpos(lower(a.who_name), lower(", f->partner, ")) > 0");
	if (f->company && f->company[0]) {
		where_add(w, " AND strpos(lower(c.name), lower(", f->company, ")) > 0");
		w->needs_company = 1;
	}
	if (f->due_from && f->due_from[0])
		where_add(w, " AND a.due_date >= ", f->due_from, "::date");
	if (f->due_to && f->due_to[0])
		where_add(w, " AND a.due_date <= ", f->due_to, "::date");
}

/* Runs one read-only query with PostgreSQL's JIT off: compiling costs far more
 * than these index-driven queries take. NULL on error. */
static PGresult *without_jit(struct db *db, const char *sql, int n, const char *const *params)
{
	if (db_begin(db) != 0)
		return NULL;
	PGresult *res = NULL;
	if (db_exec(db, "SET LOCAL jit = off", 0, NULL) == 0)
		res = db_query(db, sql, n, params);
	if (res && db_commit(db) != 0) {
		PQclear(res);
		res = NULL;
	}
	if (!res)
		db_rollback(db);
	return res;
}

int db_action_list(struct db *db, struct arena *a, const struct action_filter *f, struct action_row **out)
{
	struct where w;
	where_build(&w, f);
	DB_ID(lim, f->limit > 0 ? f->limit : 1000000000);
	DB_ID(off, f->offset);
	w.params[w.n] = lim;
	w.params[w.n + 1] = off;
	char sql[4096];
	/* Overdue first, then by due date: an overdue date lies before every other
	 * date, so due date order alone does it, and scan_actions_open serves it. */
	int k = snprintf(sql, sizeof(sql), "SELECT" ACTION_COLS ACTION_FROM "%s ORDER BY a.due_date NULLS LAST, a.id"
			 " LIMIT $%d OFFSET $%d", w.sql, w.n + 1, w.n + 2);
	assert(k > 0 && (size_t)k < sizeof(sql));
	(void)k;
	return read_actions(a, without_jit(db, sql, w.n + 2, w.params), out);
}

long db_action_count(struct db *db, const struct action_filter *f)
{
	struct where w;
	where_build(&w, f);
	char sql[2048];
	/* Without an advisor or company filter the joins change nothing: count the actions alone. */
	int k = snprintf(sql, sizeof(sql), "SELECT count(*) FROM scan_actions a%s%s",
			 w.needs_company ? " JOIN scans s ON s.id = a.scan_id JOIN companies c ON c.id = s.company_id" : "",
			 w.sql);
	assert(k > 0 && (size_t)k < sizeof(sql));
	(void)k;
	PGresult *res = without_jit(db, sql, w.n, w.params);
	if (!res)
		return -1;
	long n = (long)db_ll(res, 0, 0, 0);
	PQclear(res);
	return n;
}

int db_action_advisors(struct db *db, struct arena *a, long long org_id, struct user_option **out)
{
	DB_ID(org, org_id);
	return db_rows_user_options(a, db_q(db, "SELECT id, coalesce(nullif(name, ''), email) FROM users WHERE org_id = $1"
					    " AND role IN ('advisor', 'admin') AND NOT disabled ORDER BY 2", org), out);
}

int db_action_partners(struct db *db, struct arena *a, long long org_id, const char ***out)
{
	DB_ID(org, org_id);
	return db_rows_texts(a, db_q(db, "SELECT DISTINCT who_name FROM scan_actions WHERE org_id = $1 AND who_kind = 'partner'"
				     " AND who_name <> '' ORDER BY 1 LIMIT 200", org), out);
}

int db_action_companies(struct db *db, struct arena *a, long long org_id, const char ***out)
{
	DB_ID(org, org_id);
	return db_rows_texts(a, db_q(db, "SELECT DISTINCT c.name FROM scan_actions a JOIN scans s ON s.id = a.scan_id"
				     " JOIN companies c ON c.id = s.company_id WHERE a.org_id = $1 ORDER BY 1 LIMIT 500", org), out);
}

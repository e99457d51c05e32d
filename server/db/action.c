/* action.c: SQL for follow-up actions and the open-actions overview; see action.h. */
#include <stdio.h>

#include "server/db/action.h"
#include "server/db/row.h"
#include "common/banned.h"


#define ACTION_COLS \
	" a.id, a.scan_id, a.what, a.who_kind, a.who_name, to_char(a.due_date, 'YYYY-MM-DD'), a.status, a.notes," \
	" (a.due_date < current_date AND a.status IN ('open', 'in_progress')), c.name," \
	" coalesce(nullif(adv.name, ''), adv.email, ''), to_char(a.updated_at, 'YYYY-MM-DD HH24:MI')," \
	" coalesce(nullif(ed.name, ''), ed.email, '')"
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
			     " notes, created_by, updated_by) SELECT $1, s.id, $3, $4, $5, $6::date, $7, $8, $9, $9"
			     " FROM scans s WHERE s.id = $2 AND s.org_id = $1 RETURNING id",
			     org, scan, f->what, f->who_kind, f->who_name, f->due_date, f->status, f->notes, uid);
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
			     " status = $7, notes = $8, updated_by = $9, updated_at = now()"
			     " WHERE id = $2 AND org_id = $1 RETURNING id",
			     org, id, f->what, f->who_kind, f->who_name, f->due_date, f->status, f->notes, uid);
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

#define OPEN_WHERE \
	" WHERE a.org_id = $1 AND a.status IN ('open', 'in_progress')" \
	" AND ($2::bigint = 0 OR coalesce(s.advisor_id, c.advisor_id) = $2::bigint)" \
	" AND ($3 = '' OR (a.who_kind = 'partner' AND strpos(lower(a.who_name), lower($3)) > 0))"

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

static PGresult *db_action_open(struct db *db, const struct action_filter *f)
{
	DB_ID(org, f->org_id);
	DB_ID(adv, f->advisor_id);
	DB_ID(lim, f->limit > 0 ? f->limit : 1000000000);
	DB_ID(off, f->offset);
	return without_jit(db, "SELECT" ACTION_COLS ACTION_FROM OPEN_WHERE
		    /* Overdue first, then by due date: an overdue date lies before every other
		     * date, so due date order alone does it, and scan_actions_open serves it. */
		    " ORDER BY a.due_date NULLS LAST, a.id LIMIT $4 OFFSET $5",
		    5, DB_PARAMS(org, adv, f->partner ? f->partner : "", lim, off));
}

int db_action_open_list(struct db *db, struct arena *a, const struct action_filter *f, struct action_row **out)
{
	return read_actions(a, db_action_open(db, f), out);
}

long db_action_open_count(struct db *db, const struct action_filter *f)
{
	DB_ID(org, f->org_id);
	DB_ID(adv, f->advisor_id);
	/* Without an advisor filter the joins change nothing: count the actions alone. */
	PGresult *res = f->advisor_id
		? without_jit(db, "SELECT count(*)" ACTION_FROM OPEN_WHERE, 3, DB_PARAMS(org, adv, f->partner ? f->partner : ""))
		: without_jit(db, "SELECT count(*) FROM scan_actions a WHERE a.org_id = $1 AND a.status IN ('open', 'in_progress')"
			      " AND ($2 = '' OR (a.who_kind = 'partner' AND strpos(lower(a.who_name), lower($2)) > 0))",
			      2, DB_PARAMS(org, f->partner ? f->partner : ""));
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
				     " AND who_name <> '' AND status IN ('open', 'in_progress') ORDER BY 1 LIMIT 200", org), out);
}

/* pipeline.c: SQL for the dashboard; see pipeline.h. Absent filters are passed as
 * SQL NULL, so one statement serves every combination and stays parameterised. */
#include <stdio.h>

#include "server/db/pipeline.h"
#include "server/db/row.h"
#include "common/banned.h"

#define STALE "((s.status = 'invited' AND s.created_at < now() - interval '14 days') OR" \
	      " (s.status = 'submitted' AND s.submitted_at < now() - interval '14 days'))"
#define FILTERS " s.org_id = $1 AND ($2::text IS NULL OR s.sector = $2) AND ($3::bigint IS NULL OR s.advisor_id = $3)" \
		" AND ($4::date IS NULL OR s.created_at >= $4::date) AND ($5::date IS NULL OR s.created_at < $5::date + 1)"

static const char *opt(const char *s)
{
	return s && *s ? s : NULL;
}

int db_pipeline_counts(struct db *db, struct arena *a, long long org_id, const struct pipeline_filter *f,
		       struct pipeline_count **out)
{
	char org[DB_ID_LEN], adv[24];
	db_id_text(org, org_id);
	db_id_text(adv, f->advisor_id);
	PGresult *res = db_q(db, "SELECT s.status, count(*), count(*) FILTER (WHERE " STALE ") FROM scans s WHERE" FILTERS
			" GROUP BY s.status", org, opt(f->sector), f->advisor_id ? adv : NULL, opt(f->from), opt(f->to));
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct pipeline_count *rows = db_rows_alloc(a, res, sizeof(*rows));
	for (int i = 0; i < n; i++) {
		rows[i].status = db_row_str(a, res, i, 0);
		rows[i].count = db_ll(res, i, 1, 0);
		rows[i].stale = db_ll(res, i, 2, 0);
	}
	PQclear(res);
	*out = rows;
	return n;
}

int db_pipeline_list(struct db *db, struct arena *a, long long org_id, const struct pipeline_filter *f,
		     int offset, int limit, struct pipeline_scan **out)
{
	char org[DB_ID_LEN], adv[24], off[16], lim[16];
	db_id_text(org, org_id);
	db_id_text(adv, f->advisor_id);
	snprintf(off, sizeof(off), "%d", offset);
	snprintf(lim, sizeof(lim), "%d", limit);
	PGresult *res = db_q(db,
		"SELECT s.id, s.status, c.id, c.name, coalesce(s.sector, c.sector), coalesce(nullif(u.name, ''), u.email, ''),"
		" to_char(s.created_at AT TIME ZONE current_setting('TimeZone'), 'YYYY-MM-DD'),"
		" coalesce(to_char(s.submitted_at AT TIME ZONE current_setting('TimeZone'), 'YYYY-MM-DD'), ''), " STALE
		" FROM scans s JOIN companies c ON c.id = s.company_id LEFT JOIN users u ON u.id = s.advisor_id"
		" WHERE" FILTERS " AND ($6::text IS NULL OR s.status = $6) AND (NOT $7::boolean OR " STALE ")"
		" ORDER BY s.created_at DESC, s.id DESC OFFSET $8 LIMIT $9",
		org, opt(f->sector), f->advisor_id ? adv : NULL, opt(f->from), opt(f->to), opt(f->status),
		f->stale_only ? "true" : "false", off, lim);
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct pipeline_scan *rows = db_rows_alloc(a, res, sizeof(*rows));
	for (int i = 0; i < n; i++) {
		rows[i].id = db_ll(res, i, 0, 0);
		rows[i].status = db_row_str(a, res, i, 1);
		rows[i].company_id = db_ll(res, i, 2, 0);
		rows[i].company = db_row_str(a, res, i, 3);
		rows[i].sector = db_row_str(a, res, i, 4);
		rows[i].advisor = db_row_str(a, res, i, 5);
		rows[i].created = db_row_str(a, res, i, 6);
		rows[i].submitted = db_row_str(a, res, i, 7);
		rows[i].stale = db_bool(res, i, 8);
	}
	PQclear(res);
	*out = rows;
	return n;
}

int db_pipeline_today(struct db *db, long long org_id, long long user_id, struct pipeline_today *out)
{
	DB_ID(org, org_id);
	DB_ID(uid, user_id);
	PGresult *res = db_q(db,
		"SELECT count(*) FILTER (WHERE s.status = 'invited' AND s.created_at < now() - interval '14 days'),"
		" count(*) FILTER (WHERE s.status = 'submitted'),"
		" count(*) FILTER (WHERE s.status = 'final' AND NOT EXISTS (SELECT 1 FROM scan_meetings m"
		"  WHERE m.scan_id = s.id AND m.planned_date IS NOT NULL)),"
		" (SELECT count(*) FROM scan_actions a JOIN scans s2 ON s2.id = a.scan_id"
		"  WHERE s2.org_id = $1 AND s2.advisor_id = $2 AND a.due_date < current_date"
		"  AND a.status IN ('open', 'in_progress'))"
		" FROM scans s WHERE s.org_id = $1 AND s.advisor_id = $2", org, uid);
	if (!res)
		return -1;
	out->stale_invites = db_ll(res, 0, 0, 0);
	out->waiting_advice = db_ll(res, 0, 1, 0);
	out->meetings_to_plan = db_ll(res, 0, 2, 0);
	out->overdue_actions = db_ll(res, 0, 3, 0);
	PQclear(res);
	return 0;
}

int db_pipeline_advisors(struct db *db, struct arena *a, long long org_id, struct user_option **out)
{
	DB_ID(org, org_id);
	return db_rows_user_options(a, db_q(db, "SELECT id, coalesce(nullif(name, ''), email) FROM users WHERE org_id = $1"
					    " AND role IN ('admin', 'advisor') AND NOT disabled ORDER BY lower(coalesce(nullif(name, ''), email))",
					    org), out);
}

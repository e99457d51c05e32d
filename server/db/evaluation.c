/* evaluation.c: SQL of the interim evaluation's summaries; see evaluation.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/db/evaluation.h"
#include "common/buf.h"
#include "common/banned.h"

#define QUARTER(ts) "date_trunc('quarter', " ts ")::date"

/* The counts SQL can make alone, per association and quarter. Offers: one per
 * scan and offer (an offer picked for two attention points counts once);
 * taken up = the company attended a (not cancelled) meeting with that offer's
 * partner (events.offer_id), as fphc has no field of its own for it. Actions
 * by the quarter they were agreed; overdue = open or in progress with a due
 * date before the day of the refresh. Meetings by the quarter they start. */
static const char counts_sql[] =
	"INSERT INTO evaluation_counts(org_id, quarter, kind, key, n, refresh_id)"
	" SELECT org_id, quarter, kind, key, count(*), $1 FROM ("
	"  SELECT s.org_id, " QUARTER("s.created_at") " AS quarter, 'invited' AS kind, '' AS key FROM scans s"
	"  UNION ALL SELECT s.org_id, " QUARTER("s.started_at") ", 'started', '' FROM scans s WHERE s.started_at IS NOT NULL"
	"  UNION ALL SELECT s.org_id, " QUARTER("s.submitted_at") ", 'submitted', '' FROM scans s"
	"   WHERE s.submitted_at IS NOT NULL"
	"  UNION ALL SELECT s.org_id, " QUARTER("coalesce(m.held_date, (SELECT min(h.at) FROM scan_status_history h"
	"   WHERE h.scan_id = s.id AND h.to_status = 'meeting_held')::date, s.updated_at::date)") ", 'discussed', ''"
	"   FROM scans s LEFT JOIN scan_meetings m ON m.scan_id = s.id"
	"   WHERE m.held_date IS NOT NULL OR s.status IN ('meeting_held', 'closed')"
	"  UNION ALL SELECT s.org_id, " QUARTER("c.chosen_at") ", 'offer_chosen', c.offer_id::text"
	"   FROM (SELECT scan_id, offer_id, min(chosen_at) AS chosen_at FROM scan_offers GROUP BY 1, 2) c"
	"   JOIN scans s ON s.id = c.scan_id"
	"  UNION ALL SELECT s.org_id, " QUARTER("c.chosen_at") ", 'offer_taken_up', c.offer_id::text"
	"   FROM (SELECT scan_id, offer_id, min(chosen_at) AS chosen_at FROM scan_offers GROUP BY 1, 2) c"
	"   JOIN scans s ON s.id = c.scan_id"
	"   WHERE EXISTS (SELECT 1 FROM event_signups es JOIN events e ON e.id = es.event_id"
	"    WHERE es.company_id = s.company_id AND e.offer_id = c.offer_id AND es.attended AND e.cancelled_at IS NULL)"
	"  UNION ALL SELECT a.org_id, " QUARTER("a.created_at") ", CASE WHEN a.status = 'done' THEN 'action_done'"
	"   WHEN a.status = 'dropped' THEN 'action_dropped' WHEN a.due_date < current_date THEN 'action_overdue'"
	"   ELSE 'action_open' END, '' FROM scan_actions a"
	"  UNION ALL SELECT e.org_id, " QUARTER("e.starts_at") ", 'events', '' FROM events e WHERE e.cancelled_at IS NULL"
	"  UNION ALL SELECT e.org_id, " QUARTER("e.starts_at") ", x.kind, ''"
	"   FROM events e JOIN event_signups es ON es.event_id = e.id"
	"   CROSS JOIN LATERAL (VALUES ('event_invited', true), ('event_signed_up', es.status = 'signed_up'),"
	"    ('event_attended', coalesce(es.attended, false))) AS x(kind, yes)"
	"   WHERE e.cancelled_at IS NULL AND x.yes"
	" ) c GROUP BY org_id, quarter, kind, key";

int db_evaluation_refresh(struct db *db, evaluation_compute_fn compute, long long *refresh_id)
{
	if (db_begin(db) != 0)
		return -1;
	PGresult *res = db_query(db, "INSERT INTO benchmark_refreshes(kind) VALUES ('evaluation') RETURNING id", 0, NULL);
	long long id = res ? db_ll(res, 0, 0, -1) : -1;
	PQclear(res);
	DB_ID(ids, id);
	if (id < 0 || db_exec(db, "DELETE FROM evaluation_counts", 0, NULL) != 0 ||
	    db_exec(db, "DELETE FROM evaluation_histograms", 0, NULL) != 0 ||
	    db_exec(db, "DELETE FROM evaluation_steps", 0, NULL) != 0 ||
	    db_exec(db, "SET LOCAL work_mem = '256MB'", 0, NULL) != 0 || db_x(db, counts_sql, ids) != 0 ||
	    compute(db, ids) != 0 ||
	    db_x(db, "UPDATE benchmark_refreshes SET computed_at = now(), duration_ms ="
		     " extract(epoch FROM clock_timestamp() - now()) * 1000, n_scans = coalesce((SELECT sum(n)"
		     " FROM evaluation_counts WHERE kind = 'submitted'), 0) WHERE id = $1", ids) != 0 ||
	    db_commit(db) != 0) {
		db_rollback(db);
		return -1;
	}
	if (refresh_id)
		*refresh_id = id;
	return 0;
}

/* The order lets the caller pair each scan with the company's previous one;
 * scans_company_latest serves it (read backwards). */
static const char sources_sql[] =
	"DECLARE ev_scans NO SCROLL CURSOR FOR"
	" SELECT s.org_id, s.company_id, s.questionnaire_id,"
	"  extract(year FROM s.submitted_at)::int * 4 + extract(quarter FROM s.submitted_at)::int - 1,"
	"  rr.scores::text, coalesce(array_length(rr.scores, 1), 0)"
	" FROM scans s JOIN research_rows rr ON rr.scan_id = s.id"
	" WHERE s.submitted_at IS NOT NULL"
	" ORDER BY s.company_id, s.questionnaire_id, s.submitted_at, s.id";

struct sources_call {
	int (*each)(void *arg, const struct evaluation_source *row);
	void *arg;
};

static int source_row(void *arg, const PGresult *res, int i)
{
	const struct sources_call *c = arg;
	struct evaluation_source row = {
		.org_id = db_ll(res, i, 0, 0),
		.company_id = db_ll(res, i, 1, 0),
		.questionnaire_id = db_ll(res, i, 2, 0),
		.quarter = (int)db_ll(res, i, 3, 0),
		.scores = db_str(res, i, 4),
		.nscores = (size_t)db_ll(res, i, 5, 0),
	};
	return c->each(c->arg, &row);
}

int db_evaluation_sources(struct db *db, int (*each)(void *arg, const struct evaluation_source *row), void *arg)
{
	struct sources_call c = {each, arg};
	return db_cursor_each(db, sources_sql, "ev_scans", source_row, &c);
}

int db_evaluation_copy_histograms(struct db *db, const char *lines, size_t len)
{
	return db_copy_in(db, "COPY evaluation_histograms(org_id, quarter, questionnaire_id, level, key, n, sum, min, max,"
			  " bins, counts, sums, refresh_id) FROM STDIN", lines, len);
}

int db_evaluation_copy_counts(struct db *db, const char *lines, size_t len)
{
	return db_copy_in(db, "COPY evaluation_counts(org_id, quarter, kind, key, n, refresh_id) FROM STDIN", lines, len);
}

int db_evaluation_copy_steps(struct db *db, const char *lines, size_t len)
{
	return db_copy_in(db, "COPY evaluation_steps(org_id, later_quarter, earlier_quarter, before_quarter, key, n,"
			  " sum_change, refresh_id) FROM STDIN", lines, len);
}

int db_evaluation_sharing_orgs(struct db *db, struct arena *a, long long research_org_id,
			       struct evaluation_org **out)
{
	DB_ID(rid, research_org_id);
	PGresult *res = db_q(db, "SELECT id, name FROM organisations WHERE kind = 'association' AND share_research"
				 " AND research_org_id = $1 ORDER BY lower(name), id", rid);
	if (!res)
		return -1;
	int n = PQntuples(res);
	*out = arena_alloc(a, (size_t)(n + 1) * sizeof(**out));
	for (int i = 0; i < n; i++) {
		(*out)[i].id = db_ll(res, i, 0, 0);
		(*out)[i].name = arena_strdup(a, db_str(res, i, 1));
	}
	PQclear(res);
	return n;
}

int db_evaluation_org_name(struct db *db, struct arena *a, long long org_id, const char **name)
{
	DB_ID(oid, org_id);
	PGresult *res = db_q(db, "SELECT name FROM organisations WHERE id = $1", oid);
	if (!res)
		return -1;
	int found = PQntuples(res) == 1;
	*name = found ? arena_strdup(a, db_str(res, 0, 0)) : "";
	PQclear(res);
	return found;
}

/* "{1,2,3}" for a bigint[] parameter. */
static char *id_array(struct arena *a, const long long *ids, size_t n)
{
	struct buf b = BUF_INIT;
	buf_putc(&b, '{');
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%lld", i ? "," : "", ids[i]);
	buf_putc(&b, '}');
	char *s = arena_strdup(a, b.data);
	buf_release(&b);
	return s;
}

int db_evaluation_read(struct db *db, struct arena *a, const long long *org_ids, size_t n_orgs,
		       const char *from_q, const char *to_q, struct evaluation_rows *out)
{
	memset(out, 0, sizeof(*out));
	out->refreshed_at = "";
	const char *orgs = id_array(a, org_ids, n_orgs);
	PGresult *res = db_query(db, "SELECT id, to_char(computed_at, 'YYYY-MM-DD HH24:MI') FROM benchmark_refreshes"
				 " WHERE kind = 'evaluation' AND id = (SELECT max(refresh_id) FROM evaluation_counts)", 0, NULL);
	if (!res)
		return -1;
	if (PQntuples(res)) {
		out->refresh_id = db_ll(res, 0, 0, 0);
		out->refreshed_at = arena_strdup(a, db_str(res, 0, 1));
	}
	PQclear(res);
	res = db_q(db, "SELECT c.kind, c.key, coalesce(o.title, ''), sum(c.n) FROM evaluation_counts c"
		       " LEFT JOIN offers o ON c.kind IN ('offer_chosen', 'offer_taken_up') AND o.id::text = c.key"
		       " WHERE c.org_id = ANY($1::bigint[]) AND c.quarter BETWEEN $2::date AND $3::date"
		       " GROUP BY c.kind, c.key, o.title ORDER BY c.kind, c.key", orgs, from_q, to_q);
	if (!res)
		return -1;
	int n = PQntuples(res);
	out->counts = arena_alloc(a, (size_t)(n + 1) * sizeof(*out->counts));
	for (int i = 0; i < n; i++)
		out->counts[i] = (struct evaluation_count_row){
			arena_strdup(a, db_str(res, i, 0)), arena_strdup(a, db_str(res, i, 1)),
			arena_strdup(a, db_str(res, i, 2)), db_ll(res, i, 3, 0)};
	out->n_counts = (size_t)n;
	PQclear(res);
	res = db_q(db, "SELECT questionnaire_id, level, key, n, sum, min, max, bins::text, counts::text, sums::text"
		       " FROM evaluation_histograms WHERE org_id = ANY($1::bigint[]) AND quarter BETWEEN $2::date AND $3::date"
		       " ORDER BY level, key, questionnaire_id", orgs, from_q, to_q);
	if (!res)
		return -1;
	n = PQntuples(res);
	out->hists = arena_alloc(a, (size_t)(n + 1) * sizeof(*out->hists));
	for (int i = 0; i < n; i++)
		out->hists[i] = (struct evaluation_hist_row){
			db_ll(res, i, 0, 0), arena_strdup(a, db_str(res, i, 1)), arena_strdup(a, db_str(res, i, 2)),
			db_ll(res, i, 3, 0), db_double(res, i, 4, 0), db_double(res, i, 5, 0), db_double(res, i, 6, 0),
			arena_strdup(a, db_str(res, i, 7)), arena_strdup(a, db_str(res, i, 8)), arena_strdup(a, db_str(res, i, 9))};
	out->n_hists = (size_t)n;
	PQclear(res);
	res = db_q(db, "SELECT key, sum(n) FILTER (WHERE before_quarter < $2::date), sum(sum_change)"
		       " FROM evaluation_steps WHERE org_id = ANY($1::bigint[]) AND earlier_quarter >= $2::date"
		       " AND later_quarter <= $3::date GROUP BY key ORDER BY key", orgs, from_q, to_q);
	if (!res)
		return -1;
	n = PQntuples(res);
	out->steps = arena_alloc(a, (size_t)(n + 1) * sizeof(*out->steps));
	for (int i = 0; i < n; i++)
		out->steps[i] = (struct evaluation_step_row){arena_strdup(a, db_str(res, i, 0)), db_ll(res, i, 1, 0),
							     db_double(res, i, 2, 0)};
	out->n_steps = (size_t)n;
	PQclear(res);
	return 0;
}

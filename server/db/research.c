/* research.c: SQL of the research workspace; see research.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "server/db/research.h"
#include "common/banned.h"

int db_research_secret(struct db *db, unsigned char key[32])
{
	PGresult *res = db_query_binary(db, "SELECT value FROM installation WHERE key = 'pseudonym_secret'", 0, NULL);
	if (!res)
		return -1;
	int ok = PQntuples(res) == 1 && PQgetlength(res, 0, 0) == 32;
	if (ok)
		memcpy(key, PQgetvalue(res, 0, 0), 32);
	PQclear(res);
	if (!ok)
		snprintf(db->err, sizeof(db->err), "the installation has no 32-byte pseudonym_secret");
	return ok ? 0 : -1;
}

/* $1 questionnaire, $2 research group (NULL = any), $3 from, $4 to. */
#define SCOPE \
	" FROM scans s JOIN organisations o ON o.id = s.org_id" \
	" WHERE s.questionnaire_id = $1 AND s.submitted_at IS NOT NULL AND o.share_research" \
	" AND o.research_org_id IS NOT NULL AND ($2::bigint IS NULL OR o.research_org_id = $2::bigint)" \
	" AND ($3::date IS NULL OR s.submitted_at >= $3::date)" \
	" AND ($4::date IS NULL OR s.submitted_at < $4::date + 1)"

struct fparams {
	char q[DB_ID_LEN], r[24];
	const char *p[5];
};

static void params(const struct research_filter *f, struct fparams *fp)
{
	db_id_text(fp->q, f->questionnaire_id);
	db_id_text(fp->r, f->research_org_id);
	fp->p[0] = fp->q;
	fp->p[1] = f->research_org_id ? fp->r : NULL;
	fp->p[2] = f->from && *f->from ? f->from : NULL;
	fp->p[3] = f->to && *f->to ? f->to : NULL;
}

long long db_research_export_count(struct db *db, const struct research_filter *f)
{
	struct fparams fp;
	params(f, &fp);
	PGresult *res = db_query(db, "SELECT count(*)" SCOPE, 4, fp.p);
	if (!res)
		return -1;
	long long n = db_ll(res, 0, 0, 0);
	PQclear(res);
	return n;
}

/* One row per scan from research_rows (migration 0051). The first column is
 * the scan's number within its company (1, 2, … in order of submission, over
 * every submitted scan of the company, so it does not depend on the filter and
 * repeat scans pair across exports): never the database id, which would lead
 * back to the company through the back office. One index probe per row
 * (scans_company_latest). A submitted scan
 * without a stored result has no research row: it comes out unanswered. */
#define EXPORT_SQL \
	"DECLARE research_export NO SCROLL CURSOR FOR" \
	" SELECT coalesce(rr.scan_no, (SELECT count(*) FROM scans s2 WHERE s2.company_id = s.company_id" \
	"   AND s2.submitted_at IS NOT NULL AND (s2.submitted_at, s2.id) <= (s.submitted_at, s.id))), s.company_id, coalesce(s.sector, ''), coalesce(fphc_size_class(s.fte), ''), o.region," \
	" to_char(s.submitted_at AT TIME ZONE current_setting('TimeZone'), 'YYYY-MM'), s.is_demo," \
	" coalesce(rr.answers, '{}'), coalesce(rr.scores::text, '{}'), o.share_open_text" \
	" FROM scans s JOIN organisations o ON o.id = s.org_id" \
	" LEFT JOIN research_rows rr ON rr.scan_id = s.id" \
	" WHERE s.questionnaire_id = $1 AND s.submitted_at IS NOT NULL AND o.share_research" \
	" AND o.research_org_id IS NOT NULL AND ($2::bigint IS NULL OR o.research_org_id = $2::bigint)" \
	" AND ($3::date IS NULL OR s.submitted_at >= $3::date)" \
	" AND ($4::date IS NULL OR s.submitted_at < $4::date + 1)"

int db_research_export_open(struct db *db, const struct research_filter *f, long long *count)
{
	struct fparams fp;
	params(f, &fp);
	if (db_begin(db) != 0)
		return -1;
	/* one snapshot for the count and the rows: the .sav header carries the count */
	if (db_exec(db, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", 0, NULL) != 0) {
		db_rollback(db);
		return -1;
	}
	/* The rows stream into the file as they arrive, so plan for the first rows:
	 * scans in id order through its primary key, not a sort of every row
	 * (which spilled ~1 GB to disk at 1,000,000 scans before the first row). */
	if (db_exec(db, "SET LOCAL cursor_tuple_fraction = 0.001", 0, NULL) != 0) {
		db_rollback(db);
		return -1;
	}
	*count = db_research_export_count(db, f);
	if (*count < 0 || db_exec(db, f->newest_first ? EXPORT_SQL " ORDER BY s.id DESC" : EXPORT_SQL " ORDER BY s.id",
				  4, fp.p) != 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

/* The next FETCH is sent as soon as a batch arrives, and the caller reads its
 * rows in while it formats the current batch (db_research_export_poll), so
 * PostgreSQL produces batch n+1 while the exporter writes batch n: the
 * export's time is the larger of the two instead of their sum.
 * PQTRANS_ACTIVE says a FETCH is in flight on the connection. */
#define FETCH_SQL "FETCH 10000 FROM research_export"

static PGresult *collect(struct db *db)
{
	PGresult *res, *last = NULL;
	while ((res = PQgetResult(db->conn))) {
		PQclear(last);
		last = res;
	}
	if (!last || PQresultStatus(last) != PGRES_TUPLES_OK) {
		snprintf(db->err, sizeof(db->err), "%s", PQerrorMessage(db->conn));
		PQclear(last);
		return NULL;
	}
	return last;
}

static PGresult *export_fetch(struct db *db)
{
	if (PQtransactionStatus(db->conn) != PQTRANS_ACTIVE && !PQsendQuery(db->conn, FETCH_SQL)) {
		snprintf(db->err, sizeof(db->err), "%s", PQerrorMessage(db->conn));
		return NULL;
	}
	PGresult *res = collect(db);
	if (res && PQntuples(res) > 0 && !PQsendQuery(db->conn, FETCH_SQL)) {
		snprintf(db->err, sizeof(db->err), "%s", PQerrorMessage(db->conn));
		PQclear(res);
		return NULL;
	}
	return res;
}

int db_research_export_fetch(struct db *db, struct research_export_batch *b)
{
	b->res = export_fetch(db);
	b->n = b->res ? PQntuples(b->res) : 0;
	return b->res ? 0 : -1;
}

/* Columns of the export query (EXPORT_SQL's select list). */
enum { RX_SCAN_NO, RX_COMPANY_ID, RX_SECTOR, RX_SIZE_CLASS, RX_REGION, RX_MONTH, RX_DEMO, RX_ANSWERS, RX_SCORES,
       RX_OPEN_TEXT };

void db_research_export_row(const struct research_export_batch *b, int i, struct research_export_row *out)
{
	const PGresult *res = b->res;
	out->company_id = db_ll(res, i, RX_COMPANY_ID, 0);
	out->scan_no = db_str(res, i, RX_SCAN_NO);
	out->sector = db_str(res, i, RX_SECTOR);
	out->size_class = db_str(res, i, RX_SIZE_CLASS);
	out->region = db_str(res, i, RX_REGION);
	out->month = db_str(res, i, RX_MONTH);
	out->demo = db_bool(res, i, RX_DEMO);
	out->answers_json = db_str(res, i, RX_ANSWERS);
	out->scores = db_str(res, i, RX_SCORES);
	out->open_text = db_bool(res, i, RX_OPEN_TEXT);
}

void db_research_export_batch_free(struct research_export_batch *b)
{
	PQclear(b->res);
	b->res = NULL;
	b->n = 0;
}

void db_research_export_poll(struct db *db)
{
	if (PQtransactionStatus(db->conn) == PQTRANS_ACTIVE)
		PQconsumeInput(db->conn);
}

void db_research_export_close(struct db *db)
{
	PGresult *res;
	while ((res = PQgetResult(db->conn))) /* a prefetched batch nobody wants */
		PQclear(res);
	if (db->in_tx)
		db_rollback(db); /* read-only: nothing to commit */
}

int db_research_versions(struct db *db, struct arena *a, long long research_org_id, struct research_version **out)
{
	/* n comes from the last aggregates refresh (scans with a valid overall score):
	 * counting live would scan every submitted scan on each page view. */
	DB_ID(r, research_org_id);
	PGresult *res = db_q(db,
		    "SELECT q.id, q.key, q.version, coalesce((SELECT a.n FROM research_aggregates a"
		    "  WHERE a.research_org_id = $1::bigint AND a.questionnaire_id = q.id AND a.dimension = 'period'"
		    "  AND a.cell = '' AND a.level = 'overall' AND a.key = 'overall'), 0)"
		    " FROM questionnaires q ORDER BY q.key, q.version DESC",
		    r);
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct research_version *rows = arena_alloc(a, sizeof(*rows) * (n ? (size_t)n : 1));
	for (int i = 0; i < n; i++) {
		rows[i].questionnaire_id = db_ll(res, i, 0, 0);
		rows[i].key = arena_strdup(a, db_str(res, i, 1));
		rows[i].version = (int)db_ll(res, i, 2, 0);
		rows[i].n = db_ll(res, i, 3, 0);
	}
	PQclear(res);
	*out = rows;
	return n;
}

/* A numeric column as a double, NAN for NULL. */
static double stat(const PGresult *res, int i, int col)
{
	const char *v = db_get(res, i, col);
	return v ? strtod(v, NULL) : NAN;
}

int db_research_aggregates(struct db *db, struct arena *a, long long research_org_id, long long questionnaire_id,
			   struct research_aggregate_row **out)
{
	char r[DB_ID_LEN], q[24];
	db_id_text(r, research_org_id);
	db_id_text(q, questionnaire_id);
	PGresult *res = db_q(db,
		    "SELECT a.dimension, a.cell, a.level, a.key, a.n, a.mean, a.sd, a.p25, a.median, a.p75,"
		    " to_char(b.computed_at, 'YYYY-MM-DD HH24:MI')"
		    " FROM research_aggregates a JOIN benchmark_refreshes b ON b.id = a.refresh_id"
		    " WHERE a.research_org_id = $1 AND a.questionnaire_id = $2"
		    " ORDER BY a.dimension, a.level, a.key, a.cell",
		    r, q);
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct research_aggregate_row *rows = arena_alloc(a, sizeof(*rows) * (n ? (size_t)n : 1));
	for (int i = 0; i < n; i++) {
		struct research_aggregate_row *w = &rows[i];
		w->dimension = arena_strdup(a, db_str(res, i, 0));
		w->cell = arena_strdup(a, db_str(res, i, 1));
		w->level = arena_strdup(a, db_str(res, i, 2));
		w->key = arena_strdup(a, db_str(res, i, 3));
		w->n = stat(res, i, 4);
		w->mean = stat(res, i, 5);
		w->sd = stat(res, i, 6);
		w->p25 = stat(res, i, 7);
		w->median = stat(res, i, 8);
		w->p75 = stat(res, i, 9);
		w->computed_at = arena_strdup(a, db_str(res, i, 10));
	}
	PQclear(res);
	*out = rows;
	return n;
}

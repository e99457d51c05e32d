/* benchmark_snapshot.c: SQL for benchmark snapshots and research aggregates; see benchmark_snapshot.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/db/benchmark_snapshot.h"
#include "server/db/peer_set.h"
#include "common/text.h"
#include "common/banned.h"

/* The reference definition of the snapshot, kept for FPHC_BENCHMARKS_SQL=1
 * (comparing the two in tests); the refresh itself is benchmark_refresh.c.
 * GROUPING(sector, size): 1 = grouped by sector, 2 = by size class, 3 = all. */
static const char refresh_sql[] =
	"WITH latest AS (SELECT DISTINCT ON (s.company_id, s.questionnaire_id) s.id, s.questionnaire_id AS q, s.sector,"
	"   fphc_size_class(s.fte) AS size FROM scans s"
	"   WHERE " PEER_SET_SQL("s")
	"   ORDER BY s.company_id, s.questionnaire_id, s.submitted_at DESC, s.id DESC),"
	" v AS MATERIALIZED (SELECT l.q, l.sector, l.size, sc.level, sc.key, sc.score,"
	"   least(200, greatest(0, floor(sc.score * 2)))::smallint AS bin"
	"   FROM latest l JOIN scores sc ON sc.scan_id = l.id WHERE sc.valid AND sc.score IS NOT NULL),"
	" h AS (SELECT q, level, key, sector, size, GROUPING(sector, size) AS g, bin, count(*)::int AS c FROM v"
	"   GROUP BY GROUPING SETS ((q, level, key, sector, bin), (q, level, key, size, bin), (q, level, key, bin))),"
	" hs AS (SELECT q, level, key, g, coalesce(sector, size, '') AS gk, array_agg(bin ORDER BY bin) AS bins,"
	"   array_agg(c ORDER BY bin) AS counts FROM h GROUP BY q, level, key, g, coalesce(sector, size, '')),"
	" st AS (SELECT q, level, key, GROUPING(sector, size) AS g, coalesce(sector, size, '') AS gk, count(*)::int AS n,"
	"   avg(score) AS mean, stddev_samp(score) AS sd,"
	"   percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY score) AS p FROM v"
	"   GROUP BY GROUPING SETS ((q, level, key, sector), (q, level, key, size), (q, level, key)))"
	" INSERT INTO benchmark_snapshots(questionnaire_id, group_kind, group_key, level, key, n, mean, sd, p25, median,"
	"   p75, hist_bins, hist_counts, refresh_id)"
	" SELECT st.q, CASE st.g WHEN 1 THEN 'sector' WHEN 2 THEN 'size_class' ELSE 'all' END, st.gk, st.level, st.key,"
	"   st.n, st.mean, st.sd, st.p[1], st.p[2], st.p[3], hs.bins, hs.counts, $1"
	" FROM st JOIN hs USING (q, level, key, g, gk) WHERE st.g = 3 OR st.gk <> ''";

static const char sources_sql[] =
	"DECLARE bm_latest NO SCROLL CURSOR FOR"
	" WITH latest AS (SELECT DISTINCT ON (s.company_id, s.questionnaire_id) s.id, s.questionnaire_id AS q, s.sector,"
	"   fphc_size_class(s.fte) AS size FROM scans s"
	"   WHERE " PEER_SET_SQL("s")
	"   ORDER BY s.company_id, s.questionnaire_id, s.submitted_at DESC, s.id DESC)"
	" SELECT l.q, coalesce(l.sector, ''), coalesce(l.size, ''), rr.scores::text, array_length(rr.scores, 1)"
	" FROM latest l JOIN research_rows rr ON rr.scan_id = l.id ORDER BY l.q";

struct sources_call {
	int (*each)(void *arg, const struct benchmark_source *row);
	void *arg;
};

static int source_row(void *arg, const PGresult *res, int i)
{
	const struct sources_call *c = arg;
	struct benchmark_source row = {
		.questionnaire_id = db_ll(res, i, 0, 0),
		.sector = db_str(res, i, 1),
		.size_class = db_str(res, i, 2),
		.scores = db_str(res, i, 3),
		.nscores = (size_t)db_ll(res, i, 4, 0),
	};
	return c->each(c->arg, &row);
}

int db_benchmark_sources(struct db *db, int (*each)(void *arg, const struct benchmark_source *row), void *arg)
{
	struct sources_call c = {each, arg};
	return db_cursor_each(db, sources_sql, "bm_latest", source_row, &c);
}

int db_benchmark_snapshot_copy(struct db *db, const char *lines, size_t len)
{
	return db_copy_in(db, "COPY benchmark_snapshots(questionnaire_id, group_kind, group_key, level, key,"
			  " n, mean, sd, p25, median, p75, hist_bins, hist_counts, refresh_id) FROM STDIN", lines, len);
}

/* try_lock: take pg_try_advisory_xact_lock first; returns 0 without refreshing
 * (and *skipped = 1) when another instance holds it. Transaction-level, so it is
 * safe behind a pooler in transaction mode. */
static int refresh(struct db *db, benchmark_compute_fn compute, long long *refresh_id, int try_lock, int *skipped)
{
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (db_begin(db) != 0)
		return -1;
	if (try_lock) {
		PGresult *lk = db_query(db, "SELECT pg_try_advisory_xact_lock(815001)", 0, NULL);
		if (!lk)
			goto fail;
		int got = db_bool(lk, 0, 0);
		PQclear(lk);
		if (!got) {
			db_rollback(db);
			*skipped = 1;
			return 0;
		}
	}
	PGresult *res = db_query(db, "INSERT INTO benchmark_refreshes(kind) VALUES ('benchmarks') RETURNING id", 0, NULL);
	long long id = res ? db_ll(res, 0, 0, -1) : -1;
	PQclear(res);
	DB_ID(ids, id);
	if (id < 0 || db_exec(db, "DELETE FROM benchmark_snapshots", 0, NULL) != 0 ||
	    db_exec(db, "SET LOCAL work_mem = '256MB'", 0, NULL) != 0 ||
	    (getenv("FPHC_BENCHMARKS_SQL") ? db_x(db, refresh_sql, ids) : compute(db, ids)) != 0)
		goto fail;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	char ms[32];
	snprintf(ms, sizeof(ms), "%.1f", (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	if (db_x(db, "UPDATE benchmark_refreshes SET duration_ms = $2::float8, computed_at = now(),"
		     " n_scans = coalesce((SELECT max(n) FROM benchmark_snapshots WHERE group_kind = 'all' AND level = 'overall'), 0)"
		     " WHERE id = $1", ids, ms) != 0)
		goto fail;
	if (db_commit(db) != 0)
		goto fail;
	if (refresh_id)
		*refresh_id = id;
	return 0;
fail:
	db_rollback(db);
	return -1;
}

int db_benchmarks_refresh(struct db *db, benchmark_compute_fn compute, long long *refresh_id)
{
	int skipped = 0;
	return refresh(db, compute, refresh_id, 0, &skipped);
}

int db_benchmarks_refresh_debounced(struct db *db, benchmark_compute_fn compute, int seconds)
{
	char s[16];
	snprintf(s, sizeof(s), "%d", seconds);
	PGresult *res = db_q(db, "SELECT coalesce(max(computed_at) < now() - make_interval(secs => $1::int), true)"
				 " FROM benchmark_refreshes WHERE kind = 'benchmarks'", s);
	if (!res)
		return -1;
	int due = db_bool(res, 0, 0);
	PQclear(res);
	if (!due)
		return 0;
	/* one refresher at a time across instances: the others skip */
	int skipped = 0;
	int rc = refresh(db, compute, NULL, 1, &skipped);
	if (rc != 0)
		return -1;
	return skipped ? 0 : 1;
}

static double rank_from_hist(const char *bins_text, const char *counts_text, long n, double own)
{
	long bins[201], counts[201];
	size_t nb = text_int_array(bins_text, bins, 201), nc = text_int_array(counts_text, counts, 201);
	if (nb != nc || n <= 0 || !isfinite(own))
		return NAN;
	long own_bin = (long)floor(own * 2);
	own_bin = own_bin < 0 ? 0 : own_bin > 200 ? 200 : own_bin;
	double below = 0, equal = 0;
	for (size_t i = 0; i < nb; i++) {
		if (bins[i] < own_bin)
			below += (double)counts[i];
		else if (bins[i] == own_bin)
			equal += (double)counts[i];
	}
	return 100.0 * (below + 0.5 * equal) / (double)n;
}

int db_benchmark_lookup_rank(struct db *db, long long questionnaire_id, const char *sector, double fte,
			     const char *level, const char *key, int k, double own,
			     struct peer_stats *out, char *group_label, size_t len)
{
	DB_ID(qid, questionnaire_id);
	enum peer_size_class sc;
	const char *size = peer_size_class_of(fte, &sc) == 0 ? peer_size_class_key(sc) : "";
	PGresult *res = db_q(db, "SELECT group_kind, group_key, n, mean, sd, p25, median, p75, hist_bins, hist_counts"
				 " FROM benchmark_snapshots WHERE questionnaire_id = $1 AND level = $2 AND key = $3"
				 " AND (group_kind = 'sector' AND group_key = $4 OR group_kind = 'size_class' AND group_key = $5"
				 " OR group_kind = 'all')",
			     qid, level, key, sector ? sector : "", size);
	if (!res)
		return -1;
	int row[3] = {-1, -1, -1};
	size_t counts[3] = {0, 0, 0};
	for (int i = 0; i < PQntuples(res); i++) {
		const char *kind = db_str(res, i, 0);
		int g = strcmp(kind, "sector") == 0 ? 0 : strcmp(kind, "size_class") == 0 ? 1 : 2;
		row[g] = i;
		long long n = db_ll(res, i, 2, 0);
		counts[g] = n > 0 ? (size_t)(n - 1) : 0; /* the company itself may be in the group */
	}
	enum peer_group g = peer_group_choose(counts[0], counts[1], counts[2], k > 0 ? (size_t)k : 0);
	memset(out, 0, sizeof(*out));
	out->mean = out->sd = out->p25 = out->median = out->p75 = out->percentile_rank = NAN;
	if (g == PEER_GROUP_NONE) {
		if (group_label && len)
			snprintf(group_label, len, "none");
		PQclear(res);
		return 0;
	}
	int i = row[g == PEER_GROUP_SECTOR ? 0 : g == PEER_GROUP_SIZE_CLASS ? 1 : 2];
	out->n = (size_t)db_ll(res, i, 2, 0);
	out->mean = db_double(res, i, 3, NAN);
	out->sd = db_double(res, i, 4, NAN);
	out->p25 = db_double(res, i, 5, NAN);
	out->median = db_double(res, i, 6, NAN);
	out->p75 = db_double(res, i, 7, NAN);
	out->percentile_rank = rank_from_hist(db_get(res, i, 8), db_get(res, i, 9), (long)out->n, own);
	if (group_label && len) {
		if (g == PEER_GROUP_ALL)
			snprintf(group_label, len, "all");
		else
			snprintf(group_label, len, "%s:%s", peer_group_key(g), db_str(res, i, 1));
	}
	PQclear(res);
	return 1;
}

int db_benchmark_lookup(struct db *db, long long questionnaire_id, const char *sector, double fte,
			const char *level, const char *key, int k, struct peer_stats *out,
			char *group_label, size_t len)
{
	return db_benchmark_lookup_rank(db, questionnaire_id, sector, fte, level, key, k, NAN, out,
					group_label, len);
}

long long db_benchmark_current(struct db *db, char *computed_at, size_t len)
{
	PGresult *res = db_query(db, "SELECT id, to_char(computed_at, 'YYYY-MM-DD HH24:MI') FROM benchmark_refreshes"
				 " WHERE kind = 'benchmarks' ORDER BY id DESC LIMIT 1", 0, NULL);
	if (!res)
		return -1;
	long long id = PQntuples(res) ? db_ll(res, 0, 0, 0) : 0;
	if (computed_at && len)
		snprintf(computed_at, len, "%s", id ? db_str(res, 0, 1) : "");
	PQclear(res);
	return id;
}

/* GROUPING(sector, size, region, period): 7 sector, 11 size class, 13 region, 14 period, 15 total. */
static const char aggregates_sql[] =
	"WITH v AS MATERIALIZED (SELECT o.research_org_id AS r, s.questionnaire_id AS q, s.sector,"
	"   fphc_size_class(s.fte) AS size, o.region,"
	"   to_char(s.submitted_at AT TIME ZONE current_setting('TimeZone'), 'YYYY-\"Q\"Q') AS period,"
	"   sc.level, sc.key, sc.score"
	"   FROM scans s JOIN organisations o ON o.id = s.org_id AND o.share_research AND o.research_org_id IS NOT NULL"
	"   JOIN scores sc ON sc.scan_id = s.id AND sc.valid AND sc.score IS NOT NULL"
	"   WHERE s.submitted_at IS NOT NULL),"
	" st AS (SELECT r, q, level, key, GROUPING(sector, size, region, period) AS g,"
	"   coalesce(sector, size, region, period, '') AS cell, count(*)::int AS n, avg(score) AS mean,"
	"   stddev_samp(score) AS sd, percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY score) AS p"
	"   FROM v GROUP BY r, q, level, key, GROUPING SETS ((sector), (size), (region), (period), ()))"
	" INSERT INTO research_aggregates(research_org_id, questionnaire_id, dimension, cell, level, key, n, mean, sd,"
	"   p25, median, p75, refresh_id)"
	" SELECT r, q, d.dim, CASE WHEN st.g = 15 THEN '' ELSE st.cell END, level, key, n, mean, sd, p[1], p[2], p[3], $1"
	" FROM st JOIN (VALUES (7, 'sector'), (11, 'size_class'), (13, 'region'), (14, 'period')) AS d(g, dim)"
	"   ON d.g = st.g OR st.g = 15"
	" WHERE st.g = 15 OR st.cell <> ''";

static const char aggregate_sources_sql[] =
	"DECLARE ra_sources NO SCROLL CURSOR FOR"
	" SELECT o.research_org_id, s.questionnaire_id, coalesce(s.sector, ''), coalesce(fphc_size_class(s.fte), ''),"
	"   coalesce(o.region, ''), to_char(s.submitted_at AT TIME ZONE current_setting('TimeZone'), 'YYYY-\"Q\"Q'),"
	"   rr.scores::text, coalesce(array_length(rr.scores, 1), 0)"
	" FROM scans s JOIN organisations o ON o.id = s.org_id AND o.share_research AND o.research_org_id IS NOT NULL"
	" JOIN research_rows rr ON rr.scan_id = s.id"
	" WHERE s.submitted_at IS NOT NULL";

struct aggregate_call {
	int (*each)(void *arg, const struct aggregate_source *row);
	void *arg;
};

static int aggregate_row(void *arg, const PGresult *res, int i)
{
	const struct aggregate_call *c = arg;
	struct aggregate_source row = {
		.research_org_id = db_ll(res, i, 0, 0),
		.questionnaire_id = db_ll(res, i, 1, 0),
		.sector = db_str(res, i, 2),
		.size_class = db_str(res, i, 3),
		.region = db_str(res, i, 4),
		.period = db_str(res, i, 5),
		.scores = db_str(res, i, 6),
		.nscores = (size_t)db_ll(res, i, 7, 0),
	};
	return c->each(c->arg, &row);
}

int db_aggregate_sources(struct db *db, int (*each)(void *arg, const struct aggregate_source *row), void *arg)
{
	struct aggregate_call c = {each, arg};
	return db_cursor_each(db, aggregate_sources_sql, "ra_sources", aggregate_row, &c);
}

int db_research_aggregates_copy(struct db *db, const char *lines, size_t len)
{
	return db_copy_in(db, "COPY research_aggregates(research_org_id, questionnaire_id, dimension, cell, level, key,"
			  " n, mean, sd, p25, median, p75, refresh_id) FROM STDIN", lines, len);
}

int db_research_aggregates_refresh(struct db *db, benchmark_compute_fn compute, long long *refresh_id)
{
	if (db_begin(db) != 0)
		return -1;
	PGresult *res = db_query(db, "INSERT INTO benchmark_refreshes(kind) VALUES ('aggregates') RETURNING id", 0, NULL);
	long long id = res ? db_ll(res, 0, 0, -1) : -1;
	PQclear(res);
	DB_ID(ids, id);
	if (id < 0 || db_exec(db, "DELETE FROM research_aggregates", 0, NULL) != 0 ||
	    db_exec(db, "SET LOCAL work_mem = '256MB'", 0, NULL) != 0 ||
	    (getenv("FPHC_BENCHMARKS_SQL") ? db_x(db, aggregates_sql, ids) : compute(db, ids)) != 0 ||
	    db_x(db, "UPDATE benchmark_refreshes SET computed_at = now(), duration_ms ="
		     " extract(epoch FROM clock_timestamp() - now()) * 1000, n_scans = coalesce((SELECT sum(n)"
		     " FROM research_aggregates WHERE dimension = 'sector' AND cell = '' AND level = 'overall'), 0)"
		     " WHERE id = $1", ids) != 0 ||
	    db_commit(db) != 0) {
		db_rollback(db);
		return -1;
	}
	if (refresh_id)
		*refresh_id = id;
	return 0;
}

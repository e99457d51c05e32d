/* benchmark.c: peer statistics computed live from the `scores` table; see benchmark.h. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "server/db/benchmark.h"
#include "common/banned.h"

/* The size class of an FTE count, as SQL over a scans row `s`. Kept beside
 * benchmark_size_class() so the two never disagree. */
#define SIZE_CLASS_SQL \
	"CASE WHEN coalesce(s.fte, 0) < 50 THEN 'fte_10_49' WHEN s.fte < 100 THEN 'fte_50_99'" \
	" WHEN s.fte < 200 THEN 'fte_100_199' ELSE 'fte_200_plus' END"

const char *benchmark_size_class(double fte)
{
	if (!isfinite(fte) || fte < 50)
		return "fte_10_49";
	if (fte < 100)
		return "fte_50_99";
	if (fte < 200)
		return "fte_100_199";
	return "fte_200_plus";
}

/* The peers of scan $1 in group $2 ('sector', 'size_class', 'all') with value $3:
 * the latest submitted scan of each other company on the same questionnaire.
 * The planner sees the group as a constant, so the sector case uses scans_peer. */
#define PEERS_SQL \
	"WITH me AS (SELECT company_id, questionnaire_id FROM scans WHERE id = $1)," \
	" peers AS (SELECT s.id FROM scans s, me" \
	"  WHERE s.questionnaire_id = me.questionnaire_id AND s.submitted_at IS NOT NULL" \
	"    AND s.company_id <> me.company_id" \
	"    AND ($2 = 'all' OR ($2 = 'sector' AND s.sector = $3)" \
	"         OR ($2 = 'size_class' AND " SIZE_CLASS_SQL " = $3))" \
	"    AND NOT EXISTS (SELECT 1 FROM scans l WHERE l.company_id = s.company_id" \
	"        AND l.questionnaire_id = s.questionnaire_id AND l.submitted_at > s.submitted_at))"

/* The number of peers in a group and their scan ids as an array literal (arena). */
static long count_peers(struct db *db, struct arena *a, const char *scan, const char *kind, const char *value,
			const char **ids)
{
	PGresult *res = db_q(db, PEERS_SQL " SELECT count(*), coalesce(array_agg(id), '{}') FROM peers",
			     scan, kind, value);
	if (!res)
		return -1;
	long n = (long)db_ll(res, 0, 0, 0);
	*ids = arena_strdup(a, db_str(res, 0, 1));
	PQclear(res);
	return n;
}

static int choose_group(struct db *db, struct arena *a, const char *scan, int k,
			struct benchmark_group *g, const char **ids)
{
	PGresult *res = db_q(db, "SELECT coalesce(s.sector, ''), " SIZE_CLASS_SQL " FROM scans s WHERE s.id = $1", scan);
	if (!res)
		return -1;
	char sector[8] = "", size[24] = "";
	if (PQntuples(res) == 1) {
		snprintf(sector, sizeof(sector), "%s", db_str(res, 0, 0));
		snprintf(size, sizeof(size), "%s", db_str(res, 0, 1));
	}
	PQclear(res);
	static const char *const kinds[] = {"sector", "size_class", "all"};
	const char *values[] = {sector, size, ""};
	for (int i = 0; i < 3; i++) {
		if (i == 0 && !sector[0])
			continue;
		long n = count_peers(db, a, scan, kinds[i], values[i], ids);
		if (n < 0)
			return -1;
		if (n >= k) {
			g->kind = kinds[i];
			g->value = arena_strdup(a, values[i]);
			g->n = n;
			return i;
		}
	}
	g->kind = "none";
	g->value = "";
	g->n = 0;
	return 3;
}

int db_benchmark_scan(struct db *db, struct arena *a, long long scan_id, int k, struct benchmark *out)
{
	memset(out, 0, sizeof(*out));
	if (k <= 0)
		k = 5;
	char scan[24];
	snprintf(scan, sizeof(scan), "%lld", scan_id);
	/* PostgreSQL's JIT costs ~10-200 ms of compiling for queries that run in a few
	 * ms here; these statements are short, so it is switched off for them. */
	if (db_begin(db) != 0)
		return -1;
	if (db_exec(db, "SET LOCAL jit = off", 0, NULL) != 0) {
		db_rollback(db);
		return -1;
	}
	const char *ids = "{}";
	int gi = choose_group(db, a, scan, k, &out->group, &ids);
	if (gi < 0 || gi == 3) {
		db_rollback(db);
		return gi < 0 ? -1 : 0;
	}
	/* The peers come as an array: joined through unnest(), the planner looks up
	 * their scores by primary key instead of scanning the whole scores table. */
	PGresult *res = db_q(db,
		"WITH mine AS (SELECT level, key, score, valid FROM scores WHERE scan_id = $1)"
		" SELECT sc.level, sc.key, count(*), avg(sc.score), stddev_samp(sc.score),"
		"  percentile_cont(ARRAY[0.25, 0.5, 0.75]::float8[]) WITHIN GROUP (ORDER BY sc.score),"
		"  count(*) FILTER (WHERE sc.score < m.score), count(*) FILTER (WHERE sc.score = m.score),"
		"  bool_and(coalesce(m.valid AND m.score IS NOT NULL, false))"
		" FROM unnest($2::bigint[]) p(id) CROSS JOIN LATERAL (SELECT level, key, score FROM scores s"
		"   WHERE s.scan_id = p.id AND s.valid AND s.score IS NOT NULL OFFSET 0) sc"
		" LEFT JOIN mine m ON m.level = sc.level AND m.key = sc.key"
		" GROUP BY sc.level, sc.key",
		scan, ids);
	db_rollback(db); /* read only: nothing to commit */
	if (!res)
		return -1;
	int n = PQntuples(res);
	out->scores = arena_alloc(a, sizeof(*out->scores) * (size_t)(n ? n : 1));
	out->n_scores = (size_t)n;
	for (int i = 0; i < n; i++) {
		struct benchmark_score *bs = &out->scores[i];
		bs->level = arena_strdup(a, db_str(res, i, 0));
		bs->key = arena_strdup(a, db_str(res, i, 1));
		struct benchmark_stats *st = &bs->stats;
		st->n = (long)db_ll(res, i, 2, 0);
		st->available = st->n >= k;
		st->mean = db_double(res, i, 3, NAN);
		st->sd = db_double(res, i, 4, NAN);
		double q[3] = {NAN, NAN, NAN};
		const char *arr = db_get(res, i, 5);
		if (arr)
			sscanf(arr, "{%lf,%lf,%lf}", &q[0], &q[1], &q[2]);
		st->p25 = q[0];
		st->median = q[1];
		st->p75 = q[2];
		long below = (long)db_ll(res, i, 6, 0), equal = (long)db_ll(res, i, 7, 0);
		st->percentile_rank = db_bool(res, i, 8) && st->n > 0
					      ? 100.0 * ((double)below + 0.5 * (double)equal) / (double)st->n
					      : NAN;
	}
	PQclear(res);
	return 0;
}

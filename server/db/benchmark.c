/* benchmark.c: peer statistics of a scan's scores; see benchmark.h.
 *
 * The scores of a peer group (the latest submitted scan of every company in a
 * sector, size class or all, on one questionnaire version) are read from the
 * `scores` table once and kept for BENCH_TTL seconds in a small per-process
 * cache, so that a scan page costs a few microseconds of arithmetic instead of
 * tens of thousands of score rows. The cache is only a cache: every process
 * loads its own, a new scan shows up in the benchmark within BENCH_TTL, and
 * nothing has to be shared between instances. Statistics come from the scoring
 * engine (scoring/peer.h), with the company's own scans left out. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/db/benchmark.h"
#include "server/db/peer_set.h"
#include "scoring/peer.h"
#include "common/banned.h"

#define BENCH_TTL 60.0      /* seconds a loaded peer group is used */
#define BENCH_SLOTS 64      /* peer groups kept per process */

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

/* The scores of one peer group, immutable once built; shared by reference count. */
struct dist_score {
	char *level, *key;
	double *values;
	long long *companies;   /* company of each value */
	size_t n;
};

struct dist {
	long long questionnaire_id;
	char kind[16], value[32];
	double loaded_at;
	long long *companies;   /* distinct companies in the group, sorted */
	size_t n_companies;
	struct dist_score *scores;
	size_t n_scores;
	int refs;               /* under cache_lock */
};

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct dist *cache[BENCH_SLOTS];

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void dist_free(struct dist *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n_scores; i++) {
		free(d->scores[i].level);
		free(d->scores[i].key);
		free(d->scores[i].values);
		free(d->scores[i].companies);
	}
	free(d->scores);
	free(d->companies);
	free(d);
}

static void dist_release(struct dist *d)
{
	if (!d)
		return;
	pthread_mutex_lock(&cache_lock);
	int last = --d->refs == 0;
	pthread_mutex_unlock(&cache_lock);
	if (last)
		dist_free(d);
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);
	if (!p)
		abort();
	memcpy(p, s, n);
	return p;
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p)
		abort();
	return p;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return x < y ? -1 : x > y;
}

/* Reads a peer group from the database. Rows come ordered by level and key. */
static struct dist *dist_load(struct db *db, long long qid, const char *kind, const char *value)
{
	DB_ID(q, qid);
	if (db_begin(db) != 0)
		return NULL;
	/* JIT compiling costs far more than these index-driven statements take. */
	PGresult *res = NULL;
	if (db_exec(db, "SET LOCAL jit = off", 0, NULL) == 0)
		res = db_q(db,
			"WITH peers AS (SELECT s.id, s.company_id FROM scans s"
			"  WHERE s.questionnaire_id = $1 AND " PEER_SET_SQL("s")
			"    AND ($2 = 'all' OR ($2 = 'sector' AND s.sector = $3)"
			"         OR ($2 = 'size_class' AND " SIZE_CLASS_SQL " = $3))"
			"    AND NOT EXISTS (SELECT 1 FROM scans l WHERE l.company_id = s.company_id"
			"        AND l.questionnaire_id = s.questionnaire_id AND l.submitted_at > s.submitted_at))"
			" SELECT p.company_id, sc.level, sc.key, sc.score FROM peers p"
			" LEFT JOIN LATERAL (SELECT level, key, score FROM scores WHERE scan_id = p.id AND valid"
			"   AND score IS NOT NULL OFFSET 0) sc ON true"
			" ORDER BY sc.level NULLS FIRST, sc.key, p.company_id",
			q, kind, value);
	db_rollback(db); /* read only */
	if (!res)
		return NULL;
	int rows = PQntuples(res);
	struct dist *d = xcalloc(1, sizeof(*d));
	d->questionnaire_id = qid;
	snprintf(d->kind, sizeof(d->kind), "%s", kind);
	snprintf(d->value, sizeof(d->value), "%s", value);
	d->companies = xcalloc((size_t)rows, sizeof(*d->companies));
	d->scores = xcalloc((size_t)rows, sizeof(*d->scores));
	for (int i = 0; i < rows; i++) {
		long long company = db_ll(res, i, 0, 0);
		d->companies[d->n_companies++] = company;
		if (!db_get(res, i, 1))
			continue; /* a peer without valid scores still counts in the group */
		struct dist_score *s = d->n_scores ? &d->scores[d->n_scores - 1] : NULL;
		if (!s || strcmp(s->level, db_str(res, i, 1)) != 0 || strcmp(s->key, db_str(res, i, 2)) != 0) {
			s = &d->scores[d->n_scores++];
			s->level = xstrdup(db_str(res, i, 1));
			s->key = xstrdup(db_str(res, i, 2));
			int end = i;
			while (end < rows && db_get(res, end, 1) && strcmp(db_str(res, end, 1), s->level) == 0 &&
			       strcmp(db_str(res, end, 2), s->key) == 0)
				end++;
			s->values = xcalloc((size_t)(end - i), sizeof(double));
			s->companies = xcalloc((size_t)(end - i), sizeof(long long));
		}
		s->values[s->n] = db_double(res, i, 3, NAN);
		s->companies[s->n++] = company;
	}
	PQclear(res);
	qsort(d->companies, d->n_companies, sizeof(*d->companies), cmp_ll);
	size_t m = 0;
	for (size_t i = 0; i < d->n_companies; i++)
		if (m == 0 || d->companies[m - 1] != d->companies[i])
			d->companies[m++] = d->companies[i];
	d->n_companies = m;
	d->loaded_at = now_s();
	return d;
}

/* The peer group from the cache (fresh), else loaded and cached. The caller
 * holds a reference and gives it back with dist_release(). NULL on error. */
static struct dist *dist_get(struct db *db, long long qid, const char *kind, const char *value)
{
	double now = now_s();
	pthread_mutex_lock(&cache_lock);
	for (int i = 0; i < BENCH_SLOTS; i++) {
		struct dist *d = cache[i];
		if (d && d->questionnaire_id == qid && strcmp(d->kind, kind) == 0 && strcmp(d->value, value) == 0 &&
		    now - d->loaded_at < BENCH_TTL) {
			d->refs++;
			pthread_mutex_unlock(&cache_lock);
			return d;
		}
	}
	pthread_mutex_unlock(&cache_lock);
	struct dist *d = dist_load(db, qid, kind, value);
	if (!d)
		return NULL;
	d->refs = 2; /* the cache's and the caller's */
	struct dist *old = NULL;
	pthread_mutex_lock(&cache_lock);
	int slot = -1;
	for (int i = 0; i < BENCH_SLOTS && slot < 0; i++)
		if (!cache[i] || (cache[i]->questionnaire_id == qid && strcmp(cache[i]->kind, kind) == 0 &&
				  strcmp(cache[i]->value, value) == 0))
			slot = i;
	for (int i = 0; i < BENCH_SLOTS && slot < 0; i++)
		if (now - cache[i]->loaded_at >= BENCH_TTL)
			slot = i;
	if (slot < 0)
		slot = (int)((unsigned long long)qid % BENCH_SLOTS);
	old = cache[slot];
	cache[slot] = d;
	int free_old = old && --old->refs == 0;
	pthread_mutex_unlock(&cache_lock);
	if (free_old)
		dist_free(old);
	return d;
}

static long peers_excluding(const struct dist *d, long long company)
{
	int self = bsearch(&company, d->companies, d->n_companies, sizeof(long long), cmp_ll) != NULL;
	return (long)d->n_companies - self;
}

/* Statistics of every score of the group, the company's own values left out. */
static void compute(struct arena *a, const struct dist *d, long long company, PGresult *own, int k,
		    struct benchmark *out)
{
	out->scores = arena_alloc(a, sizeof(*out->scores) * (d->n_scores ? d->n_scores : 1));
	size_t cap = 0;
	for (size_t i = 0; i < d->n_scores; i++)
		cap = d->scores[i].n > cap ? d->scores[i].n : cap;
	double *vals = arena_alloc(a, sizeof(double) * (cap ? cap : 1));
	double *scratch = arena_alloc(a, sizeof(double) * (cap ? cap : 1));
	for (size_t i = 0; i < d->n_scores; i++) {
		const struct dist_score *s = &d->scores[i];
		size_t n = 0;
		for (size_t j = 0; j < s->n; j++)
			if (s->companies[j] != company)
				vals[n++] = s->values[j];
		double mine = NAN;
		for (int r = 0; r < PQntuples(own); r++)
			if (strcmp(db_str(own, r, 0), s->level) == 0 && strcmp(db_str(own, r, 1), s->key) == 0 &&
			    db_bool(own, r, 3))
				mine = db_double(own, r, 2, NAN);
		struct peer_stats ps;
		peer_stats_compute(vals, n, mine, scratch, &ps);
		struct benchmark_score *bs = &out->scores[out->n_scores++];
		bs->level = arena_strdup(a, s->level);
		bs->key = arena_strdup(a, s->key);
		bs->stats = (struct benchmark_stats){
			.available = (long)ps.n >= k, .n = (long)ps.n, .mean = ps.mean, .sd = ps.sd,
			.p25 = ps.p25, .median = ps.median, .p75 = ps.p75, .percentile_rank = ps.percentile_rank,
		};
	}
}

int db_benchmark_scan(struct db *db, struct arena *a, long long scan_id, int k, struct benchmark *out)
{
	memset(out, 0, sizeof(*out));
	out->group = (struct benchmark_group){.kind = "none", .value = "", .n = 0};
	if (k <= 0)
		k = PEER_K_DEFAULT;
	DB_ID(scan, scan_id);
	PGresult *me = db_q(db, "SELECT s.company_id, s.questionnaire_id, coalesce(s.sector, ''), " SIZE_CLASS_SQL
			    " FROM scans s WHERE s.id = $1", scan);
	if (!me)
		return -1;
	if (PQntuples(me) != 1) {
		PQclear(me);
		return 0;
	}
	long long company = db_ll(me, 0, 0, 0), qid = db_ll(me, 0, 1, 0);
	const char *kinds[] = {"sector", "size_class", "all"};
	const char *values[] = {arena_strdup(a, db_str(me, 0, 2)), arena_strdup(a, db_str(me, 0, 3)), ""};
	PQclear(me);
	PGresult *own = db_q(db, "SELECT level, key, score, valid AND score IS NOT NULL FROM scores WHERE scan_id = $1", scan);
	if (!own)
		return -1;
	int rc = 0;
	for (int i = 0; i < 3; i++) {
		if (i == 0 && !values[0][0])
			continue;
		struct dist *d = dist_get(db, qid, kinds[i], values[i]);
		if (!d) {
			rc = -1;
			break;
		}
		long n = peers_excluding(d, company);
		if (n >= k) {
			out->group = (struct benchmark_group){.kind = kinds[i], .value = values[i], .n = n};
			compute(a, d, company, own, k, out);
			dist_release(d);
			break;
		}
		dist_release(d);
	}
	PQclear(own);
	return rc;
}

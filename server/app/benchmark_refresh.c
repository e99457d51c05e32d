/* benchmark_refresh.c: the full benchmark refresh, computed in C from
 * research_rows; see db_benchmarks_refresh in benchmark_snapshot.h.
 *
 * The SQL version (percentile_cont under GROUPING SETS over the flattened
 * `scores`) sorted ~5 million rows three times and took minutes at 1,000,000
 * scans. Here the latest scan of each company is read once with its scores
 * array (one row per company), each score's values are sorted once, and the
 * sector, size class and all-companies groups are cut from that sorted order
 * with a counting scatter, so no group is sorted again.
 *
 * Memory: 8 bytes per company per score plus 32 bytes per company and score
 * being processed (~50 MB at 250,000 companies and 19 scores), freed at the
 * end. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/app/benchmark_refresh.h"
#include "server/app/evaluation_refresh.h"
#include "server/app/questionnaire_registry.h"
#include "server/app/score_stats.h"
#include "common/buf.h"
#include "common/banned.h"

#define N_SIZE PEER_SIZE_CLASS_COUNT
#define N_SECTOR SCORE_N_SECTOR
#define N_GROUP (N_SECTOR + N_SIZE + 1)

/* The companies of one questionnaire version. */
struct bm_set {
	long long qid;
	size_t n, cap, nscores;
	double *vals;        /* n × nscores; NAN = not valid */
	signed char *sector; /* 0..25, -1 none */
	signed char *size;   /* 0..3, -1 none */
};

static void set_add(struct bm_set *s, const char *sector, const char *size, const char *scores)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 4096;
		s->vals = realloc(s->vals, s->cap * s->nscores * sizeof(*s->vals));
		s->sector = realloc(s->sector, s->cap);
		s->size = realloc(s->size, s->cap);
		if (!s->vals || !s->sector || !s->size)
			abort();
	}
	s->sector[s->n] = score_sector_code(sector);
	s->size[s->n] = score_size_code(size);
	score_array_parse(scores, s->vals + s->n * s->nscores, s->nscores);
	s->n++;
}

/* One COPY line for a group's sorted values v[0..n). */
static void group_line(struct buf *b, long long qid, const char *kind, const char *gkey, const char *level,
		       const char *key, const double *v, size_t n, const char *refresh)
{
	buf_printf(b, "%lld\t%s\t%s\t%s\t%s", qid, kind, gkey, level, key);
	score_stats_columns(b, v, n);
	/* sparse histogram at 0.5-point bins, ascending (the values are sorted) */
	struct buf counts = BUF_INIT;
	buf_puts(b, "\t{");
	buf_putc(&counts, '{');
	long bin = -1, c = 0;
	int first = 1;
	for (size_t i = 0; i <= n; i++) {
		long bi = i < n ? (long)floor(v[i] * 2) : -2;
		if (i < n)
			bi = bi < 0 ? 0 : bi > 200 ? 200 : bi;
		if (bi == bin) {
			c++;
			continue;
		}
		if (c) {
			buf_printf(b, "%s%ld", first ? "" : ",", bin);
			buf_printf(&counts, "%s%ld", first ? "" : ",", c);
			first = 0;
		}
		bin = bi;
		c = 1;
	}
	buf_puts(b, "}\t");
	buf_add(b, counts.data, counts.len);
	buf_printf(b, "}\t%s\n", refresh);
	buf_release(&counts);
}

/* Statistics of every score × group of one questionnaire, as COPY lines. */
static int set_lines(struct db *db, const struct bm_set *s, const char *refresh, struct buf *out)
{
	const struct questionnaire *q = qreg_get(db, s->qid);
	if (!q)
		return -1;
	struct score_entry *e = malloc((s->n + 1) * sizeof(*e));
	double *g = malloc((3 * s->n + 1) * sizeof(*g));
	if (!e || !g)
		abort();
	struct score_column col = {.q = q, .vals = s->vals, .rows = s->n, .stride = s->nscores, .e = e};
	while (score_column_next(&col)) {
		const char *level = col.level, *key = col.key;
		size_t n = col.n;
		/* counting scatter into groups, keeping the sorted order */
		size_t cnt[N_GROUP] = {0}, off[N_GROUP + 1];
		for (size_t i = 0; i < n; i++) {
			int sec = s->sector[e[i].row], size = s->size[e[i].row];
			if (sec >= 0)
				cnt[sec]++;
			if (size >= 0)
				cnt[N_SECTOR + size]++;
		}
		cnt[N_GROUP - 1] = n;
		off[0] = 0;
		for (int j = 0; j < N_GROUP; j++)
			off[j + 1] = off[j] + cnt[j];
		size_t pos[N_GROUP];
		memcpy(pos, off, sizeof(pos));
		for (size_t i = 0; i < n; i++) {
			int sec = s->sector[e[i].row], size = s->size[e[i].row];
			if (sec >= 0)
				g[pos[sec]++] = e[i].v;
			if (size >= 0)
				g[pos[N_SECTOR + size]++] = e[i].v;
			g[pos[N_GROUP - 1]++] = e[i].v;
		}
		for (int j = 0; j < N_GROUP; j++) {
			if (!cnt[j])
				continue;
			char gk[16];
			const char *kind = j < N_SECTOR ? "sector" : j < N_GROUP - 1 ? "size_class" : "all";
			if (j < N_SECTOR)
				snprintf(gk, sizeof(gk), "%c", 'A' + j);
			else
				snprintf(gk, sizeof(gk), "%s", j < N_GROUP - 1 ? peer_size_class_key((enum peer_size_class)(j - N_SECTOR)) : "");
			group_line(out, s->qid, kind, gk, level, key, g + off[j], cnt[j], refresh);
		}
	}
	free(e);
	free(g);
	return 0;
}

static void set_release(struct bm_set *s)
{
	free(s->vals);
	free(s->sector);
	free(s->size);
	memset(s, 0, sizeof(*s));
}

/* What the row callback carries between rows. */
struct bm_walk {
	struct db *db;
	const char *refresh_id;
	struct bm_set set; /* the questionnaire version being gathered */
	struct buf copy;   /* COPY lines so far */
};

/* One company's latest scan: closes the previous version's set when the
 * questionnaire changes (rows come ordered by questionnaire). */
static int walk_row(void *arg, const struct benchmark_source *row)
{
	struct bm_walk *w = arg;
	struct bm_set *s = &w->set;
	if (s->n && row->questionnaire_id != s->qid) {
		if (set_lines(w->db, s, w->refresh_id, &w->copy) != 0)
			return -1;
		set_release(s);
	}
	if (!s->n) {
		s->qid = row->questionnaire_id;
		s->nscores = row->nscores;
	}
	set_add(s, row->sector, row->size_class, row->scores);
	return 0;
}

int benchmark_refresh_compute(struct db *db, const char *refresh_id)
{
	struct bm_walk w = {.db = db, .refresh_id = refresh_id, .copy = BUF_INIT};
	int rc = -1;
	if (db_benchmark_sources(db, walk_row, &w) != 0)
		goto done;
	if (w.set.n && set_lines(db, &w.set, refresh_id, &w.copy) != 0)
		goto done;
	if (db_benchmark_snapshot_copy(db, w.copy.data, w.copy.len) != 0)
		goto done;
	rc = 0;
done:
	set_release(&w.set);
	buf_release(&w.copy);
	return rc;
}

int benchmarks_refresh(struct db *db, long long *refresh_id)
{
	/* the interim evaluation's summaries go with every full refresh (not with
	 * the debounced one after a submission: they need no minute-fresh figures) */
	if (db_benchmarks_refresh(db, benchmark_refresh_compute, refresh_id) != 0)
		return -1;
	return evaluation_refresh(db, NULL);
}

int benchmarks_refresh_debounced(struct db *db, int seconds)
{
	return db_benchmarks_refresh_debounced(db, benchmark_refresh_compute, seconds);
}

/* aggregates_refresh.c: the research aggregates, computed in C from
 * research_rows; see aggregates_refresh.h.
 *
 * The SQL version (percentile_cont under five GROUPING SETS over the flattened
 * `scores`, kept as the reference in server/db/benchmark_snapshot.c) sorted
 * the ~19 scores of every scan once per grouping set and took 84 s at
 * 1,000,000 scans. Here every submitted scan is read once with its scores
 * array, each score's values of a research group and questionnaire version are
 * sorted once, and the sector, size class, region, period and total groups are
 * cut from that sorted order with a counting scatter (as benchmark_refresh.c).
 *
 * Memory: 8 bytes per scan per score plus 64 bytes per scan for the score
 * being processed (~240 MB at 1,000,000 scans and 19 scores), freed at the end.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "server/app/aggregates_refresh.h"
#include "server/app/questionnaire_registry.h"
#include "server/app/score_stats.h"
#include "common/buf.h"
#include "common/banned.h"

#define N_SIZE PEER_SIZE_CLASS_COUNT
#define N_SECTOR SCORE_N_SECTOR

/* Region and period names, numbered in the order they are first seen. */
struct names {
	char **name;
	size_t n, cap;
};

static int names_index(struct names *d, const char *s)
{
	if (!*s)
		return -1;
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->name[i], s) == 0)
			return (int)i;
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->name = realloc(d->name, d->cap * sizeof(*d->name));
		if (!d->name)
			abort();
	}
	d->name[d->n] = strdup(s);
	if (!d->name[d->n])
		abort();
	return (int)d->n++;
}

static void names_release(struct names *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->name[i]);
	free(d->name);
	memset(d, 0, sizeof(*d));
}

/* The scans of one research group and questionnaire version. */
struct ag_set {
	long long research_org_id, qid;
	size_t n, cap, nscores;
	double *vals;         /* n × nscores; NAN = not valid */
	signed char *sector;  /* 0..25, -1 none */
	signed char *size;    /* 0..3, -1 none */
	int *region, *period; /* into the walk's names, -1 none */
};

/* What the row callback carries between rows. */
struct ag_walk {
	struct ag_set *sets;
	size_t nsets;
	struct names regions, periods;
};

static struct ag_set *set_for(struct ag_walk *w, const struct aggregate_source *row)
{
	for (size_t i = 0; i < w->nsets; i++)
		if (w->sets[i].research_org_id == row->research_org_id && w->sets[i].qid == row->questionnaire_id)
			return &w->sets[i];
	w->sets = realloc(w->sets, (w->nsets + 1) * sizeof(*w->sets));
	if (!w->sets)
		abort();
	struct ag_set *s = &w->sets[w->nsets++];
	*s = (struct ag_set){
		.research_org_id = row->research_org_id, .qid = row->questionnaire_id, .nscores = row->nscores};
	return s;
}

static int walk_row(void *arg, const struct aggregate_source *row)
{
	struct ag_walk *w = arg;
	struct ag_set *s = set_for(w, row);
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 4096;
		s->vals = realloc(s->vals, s->cap * s->nscores * sizeof(*s->vals));
		s->sector = realloc(s->sector, s->cap);
		s->size = realloc(s->size, s->cap);
		s->region = realloc(s->region, s->cap * sizeof(*s->region));
		s->period = realloc(s->period, s->cap * sizeof(*s->period));
		if ((s->nscores && !s->vals) || !s->sector || !s->size || !s->region || !s->period)
			abort();
	}
	s->sector[s->n] = score_sector_code(row->sector);
	s->size[s->n] = score_size_code(row->size_class);
	s->region[s->n] = names_index(&w->regions, row->region);
	s->period[s->n] = names_index(&w->periods, row->period);
	/* a version's scans all have its number of scores; a shorter array reads as
	 * NULLs */
	score_array_parse(row->scores, s->vals + s->n * s->nscores, s->nscores);
	s->n++;
	return 0;
}

static void line(struct buf *b, const struct ag_set *s, const char *dim, const char *cell, const char *level,
		 const char *key, const double *v, size_t n, const char *refresh)
{
	buf_printf(b, "%lld\t%lld\t%s\t", s->research_org_id, s->qid, dim);
	buf_copy_text(b, cell);
	buf_printf(b, "\t%s\t%s", level, key);
	score_stats_columns(b, v, n);
	buf_printf(b, "\t%s\n", refresh);
}

/* The groups of one set: sectors, size classes, regions, periods, the total. */
struct groups {
	size_t n_region, n_period, n; /* n = N_SECTOR + N_SIZE + regions + periods + 1 */
	size_t *cnt, *off, *pos;
};

static size_t g_region(int r)
{
	return N_SECTOR + N_SIZE + (size_t)r;
}
static size_t g_period(const struct groups *g, int p)
{
	return N_SECTOR + N_SIZE + g->n_region + (size_t)p;
}

/* Statistics of every score × group of one set, as COPY lines. */
static int set_lines(struct db *db, const struct ag_set *s, const struct ag_walk *w, const char *refresh,
		     struct buf *out)
{
	const struct questionnaire *q = qreg_get(db, s->qid);
	if (!q)
		return -1;
	struct groups gr = {.n_region = w->regions.n, .n_period = w->periods.n};
	gr.n = N_SECTOR + N_SIZE + gr.n_region + gr.n_period + 1;
	gr.cnt = malloc(gr.n * sizeof(size_t));
	gr.off = malloc((gr.n + 1) * sizeof(size_t));
	gr.pos = malloc(gr.n * sizeof(size_t));
	struct score_entry *e = malloc((s->n + 1) * sizeof(*e));
	double *g = malloc((5 * s->n + 1) * sizeof(*g));
	if (!gr.cnt || !gr.off || !gr.pos || !e || !g)
		abort();
	size_t total = gr.n - 1;
	struct score_column col = {.q = q, .vals = s->vals, .rows = s->n, .stride = s->nscores, .e = e};
	while (score_column_next(&col)) {
		const char *level = col.level, *key = col.key;
		size_t n = col.n;
		/* counting scatter into groups, keeping the sorted order */
		memset(gr.cnt, 0, gr.n * sizeof(size_t));
		for (size_t i = 0; i < n; i++) {
			unsigned int r = e[i].row;
			if (s->sector[r] >= 0)
				gr.cnt[s->sector[r]]++;
			if (s->size[r] >= 0)
				gr.cnt[N_SECTOR + s->size[r]]++;
			if (s->region[r] >= 0)
				gr.cnt[g_region(s->region[r])]++;
			if (s->period[r] >= 0)
				gr.cnt[g_period(&gr, s->period[r])]++;
		}
		gr.cnt[total] = n;
		gr.off[0] = 0;
		for (size_t j = 0; j < gr.n; j++)
			gr.off[j + 1] = gr.off[j] + gr.cnt[j];
		memcpy(gr.pos, gr.off, gr.n * sizeof(size_t));
		for (size_t i = 0; i < n; i++) {
			unsigned int r = e[i].row;
			if (s->sector[r] >= 0)
				g[gr.pos[s->sector[r]]++] = e[i].v;
			if (s->size[r] >= 0)
				g[gr.pos[N_SECTOR + s->size[r]]++] = e[i].v;
			if (s->region[r] >= 0)
				g[gr.pos[g_region(s->region[r])]++] = e[i].v;
			if (s->period[r] >= 0)
				g[gr.pos[g_period(&gr, s->period[r])]++] = e[i].v;
			g[gr.pos[total]++] = e[i].v;
		}
		for (size_t j = 0; j < total; j++) {
			if (!gr.cnt[j])
				continue;
			const double *v = g + gr.off[j];
			if (j < N_SECTOR) {
				char cell[2] = {(char)('A' + j), 0};
				line(out, s, "sector", cell, level, key, v, gr.cnt[j], refresh);
			} else if (j < N_SECTOR + N_SIZE) {
				line(out, s, "size_class", peer_size_class_key((enum peer_size_class)(j - N_SECTOR)), level, key, v, gr.cnt[j], refresh);
			} else if (j < N_SECTOR + N_SIZE + gr.n_region) {
				line(out, s, "region", w->regions.name[j - N_SECTOR - N_SIZE], level, key, v, gr.cnt[j],
				     refresh);
			} else {
				line(out, s, "period", w->periods.name[j - N_SECTOR - N_SIZE - gr.n_region], level, key,
				     v, gr.cnt[j], refresh);
			}
		}
		/* the total goes with every dimension, as its empty cell */
		static const char *const dims[] = {"sector", "size_class", "region", "period"};
		for (size_t d = 0; d < 4; d++)
			line(out, s, dims[d], "", level, key, g + gr.off[total], n, refresh);
	}
	free(e);
	free(g);
	free(gr.cnt);
	free(gr.off);
	free(gr.pos);
	return 0;
}

int aggregates_refresh_compute(struct db *db, const char *refresh_id)
{
	struct ag_walk w = {0};
	struct buf copy = BUF_INIT;
	int rc = -1;
	if (db_aggregate_sources(db, walk_row, &w) != 0)
		goto done;
	for (size_t i = 0; i < w.nsets; i++)
		if (set_lines(db, &w.sets[i], &w, refresh_id, &copy) != 0)
			goto done;
	if (copy.len && db_research_aggregates_copy(db, copy.data, copy.len) != 0)
		goto done;
	rc = 0;
done:
	for (size_t i = 0; i < w.nsets; i++) {
		free(w.sets[i].vals);
		free(w.sets[i].sector);
		free(w.sets[i].size);
		free(w.sets[i].region);
		free(w.sets[i].period);
	}
	free(w.sets);
	names_release(&w.regions);
	names_release(&w.periods);
	buf_release(&copy);
	return rc;
}

int aggregates_refresh(struct db *db, long long *refresh_id)
{
	return db_research_aggregates_refresh(db, aggregates_refresh_compute, refresh_id);
}

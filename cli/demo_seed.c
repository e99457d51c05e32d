/* demo_seed.c: `fphc demo seed` — synthetic companies and submitted, scored
 * scans for demos, tests and benchmarks (all marked is_demo).
 *
 * Every answer set is generated as JSON, validated with answers_parse_text and
 * scored with score_compute; results, scores and research rows are the rows
 * db_scan_store_result would write (same JSON values, same flattening), but
 * sent with COPY in batches by several worker processes at once, each over its
 * own connection (see demo_seed for the session settings). */
#include <getopt.h>
#include <unistd.h>
#include <sys/wait.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli_config.h"
#include "cli/demo_seed.h"
#include "cli/demo_synth.h"
#include "scoring/answers.h"
#include "scoring/score.h"
#include "server/app/config.h"
#include "server/app/questionnaire_registry.h"
#include "server/db/benchmark_snapshot.h"
#include "server/db/demo.h"
#include "server/db/org.h"
#include "server/db/questionnaire.h"
#include "server/db/scan_store.h"
#include "server/app/research_codebook.h"
#include "common/number.h"
#include "common/text.h"
#include "common/banned.h"

#define BATCH 2000

struct demo_org {
	const char *slug, *name, *region;
	int share, share_text;
	const char *const *towns;
	double weight; /* share of companies when no --org is given */
	long long id;
};

static const char *const towns_limburg[] = {"Maastricht", "Heerlen", "Sittard-Geleen", "Venlo", "Roermond", "Weert", NULL};
static const char *const towns_brabant[] = {"Eindhoven", "Tilburg", "'s-Hertogenbosch", "Breda", "Helmond", NULL};
static const char *const towns_noord[] = {"Groningen", "Assen", "Leeuwarden", "Emmen", NULL};

static struct demo_org orgs[] = {
	{"demo", "Demo Werkgeversvereniging", "Limburg", 1, 0, towns_limburg, 0.5, 0},
	{"demo-zuid", "Demo Werkgevers Zuid", "Noord-Brabant", 1, 1, towns_brabant, 0.3, 0},
	{"demo-noord", "Demo Werkgevers Noord (deelt niet)", "Groningen", 0, 0, towns_noord, 0.2, 0},
};
#define N_ORGS (sizeof(orgs) / sizeof(orgs[0]))

/* SBI sections with rough weights for Dutch SMEs of 10–300 FTE. */
static const char sectors[] = "ACCCCFFFGGGGHHIJJKMMMNNPQQQRS";


static double copy_secs[6];

static int flush(struct db *db, struct demo_rows *c)
{
	return db_demo_rows_copy(db, c, copy_secs);
}

static int ensure_orgs(struct db *db, const char *only)
{
	long long research = db_org_by_slug(db, "onderzoek");
	if (research == 0)
		research = db_org_create(db, "research", "onderzoek", "Lectoraat Employability (demo)", "Limburg");
	if (research < 0)
		return -1;
	for (size_t i = 0; i < N_ORGS; i++) {
		struct demo_org *o = &orgs[i];
		o->id = db_org_by_slug(db, o->slug);
		if (o->id == 0 && (!only || strcmp(only, o->slug) == 0))
			o->id = db_org_create(db, "association", o->slug, o->name, o->region);
		if (o->id < 0)
			return -1;
		if (o->id == 0)
			continue;
		/* only the demo associations' sharing flags are set here */
		if (db_demo_association_set(db, o->id, o->region, o->share, o->share_text, research) != 0)
			return -1;
	}
	return 0;
}

static const struct demo_org *pick_org(struct synth *g, const char *only)
{
	if (only) {
		for (size_t i = 0; i < N_ORGS; i++)
			if (strcmp(orgs[i].slug, only) == 0)
				return &orgs[i];
		return NULL;
	}
	double u = synth_uniform(g), acc = 0;
	for (size_t i = 0; i < N_ORGS; i++) {
		acc += orgs[i].weight;
		if (u < acc)
			return &orgs[i];
	}
	return &orgs[N_ORGS - 1];
}

static void fmt_time(char *out, size_t n, time_t t)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, n, "%Y-%m-%d %H:%M:%S+00", &tm);
}

/* One scan: answers generated, validated, scored and queued for COPY. */
static int add_scan(struct synth *g, const struct questionnaire *q, struct demo_rows *c, long long scan_id,
		    int scan_no, double level, struct buf *json, struct buf *scratch, struct score_row *rows)
{
	buf_reset(json);
	buf_puts(json, "{\"answers\":{");
	/* the rows are built with buf_add, not buf_printf: printf was a fifth of the client's time */
	char sid[24];
	size_t sidn = (size_t)snprintf(sid, sizeof(sid), "%lld\t", scan_id);
	int first = 1;
	struct buf val = BUF_INIT;
	for (size_t t = 0; t < q->n_themes; t++) {
		const struct theme *th = q->themes[t];
		double x = level + 0.75 * synth_normal(g) + (t % 3 == 0 ? 0.3 : t % 3 == 1 ? -0.2 : 0);
		for (size_t i = 0; i < th->n_items; i++) {
			buf_reset(&val);
			if (!synth_item_value(g, &th->items[i], x, &val))
				continue;
			const char *key = th->items[i].key;
			buf_puts(json, first ? "\"" : ",\"");
			buf_puts(json, key);
			buf_puts(json, "\":");
			buf_add(json, val.data, val.len);
			first = 0;
			buf_add(&c->answers, sid, sidn);
			buf_puts(&c->answers, key);
			buf_putc(&c->answers, '\t');
			buf_copy_text_n(&c->answers, val.data, val.len);
			buf_putc(&c->answers, '\n');
		}
	}
	buf_release(&val);
	buf_puts(json, "}}");
	struct problems problems;
	problems_init(&problems, 20);
	struct answer_set *set = answers_parse_text(q, json->data, json->len, &problems);
	if (!set) {
		fprintf(stderr, "fphc demo seed: generated answers do not validate (%s)\n", json->data);
		problems_release(&problems);
		return -1;
	}
	problems_release(&problems);
	struct score_result *res = score_compute(q, set);
	buf_reset(scratch);
	score_result_write_json(res, scratch);
	/* numbers as the shortest text that reads back to the same double (buf_double) */
	buf_add(&c->results, sid, sidn);
	buf_puts(&c->results, SCORE_ENGINE_VERSION "\t");
	if (isfinite(res->overall.score)) {
		buf_double(&c->results, res->overall.score);
		buf_putc(&c->results, '\t');
	} else
		buf_puts(&c->results, "\\N\t");
	buf_copy_text_n(&c->results, scratch->data, scratch->len);
	buf_putc(&c->results, '\n');
	scan_score_rows(q, res, rows);
	size_t nrows = scan_score_row_count(q);
	/* research row: the answers object without the {"answers": …} wrapper */
	buf_add(&c->research, sid, sidn);
	buf_copy_text_n(&c->research, json->data + 11, json->len - 12);
	buf_putc(&c->research, '\t');
	buf_reset(scratch);
	scan_scores_array(rows, nrows, scratch);
	buf_add(&c->research, scratch->data, scratch->len);
	buf_printf(&c->research, "\t%d\n", scan_no);
	for (size_t i = 0; i < nrows; i++) {
		buf_add(&c->scores, sid, sidn);
		buf_puts(&c->scores, rows[i].level);
		buf_putc(&c->scores, '\t');
		buf_puts(&c->scores, rows[i].key);
		buf_putc(&c->scores, '\t');
		if (rows[i].valid && isfinite(rows[i].score)) {
			buf_double(&c->scores, rows[i].score);
			buf_puts(&c->scores, "\tt\t");
			buf_puts(&c->scores, rows[i].band ? rows[i].band : "\\N");
			buf_putc(&c->scores, '\n');
		} else
			buf_puts(&c->scores, "\\N\tf\t\\N\n");
	}
	score_result_free(res);
	answer_set_free(set);
	return 0;
}

/* What one worker seeds: companies [lo, hi) of the run. */
struct seed_job {
	const struct questionnaire *q;
	long long qid, first_company, first_scan, lo, hi;
	int per_company, quiet, worker;
	const char *only;
	uint64_t seed;
	time_t now;
};

static void copy_bufs_release(struct demo_rows *c)
{
	buf_release(&c->companies), buf_release(&c->scans), buf_release(&c->answers);
	buf_release(&c->results), buf_release(&c->scores), buf_release(&c->research);
}

/* Seeds the companies of one job over db. Each company draws from its own
 * random stream (seed, company number), so the data do not depend on how the
 * companies are spread over workers. 0 or -1 (message on stderr). */
static int seed_range(struct db *db, const struct seed_job *j, long long *done)
{
	const struct questionnaire *q = j->q;
	struct demo_rows c = {BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT};
	struct buf json = BUF_INIT, scratch = BUF_INIT;
	struct score_row *rows = calloc(scan_score_row_count(q), sizeof(*rows));
	if (!rows)
		abort();
	int rc = -1;
	long long pending = 0;
	for (long long i = j->lo; i < j->hi; i++) {
		struct synth g;
		synth_seed(&g, j->seed * 0x9e3779b97f4a7c15ULL + (uint64_t)i);
		const struct demo_org *o = pick_org(&g, j->only);
		long long cid = j->first_company + i;
		long long scan_id = j->first_scan + i * j->per_company;
		char sector = sectors[synth_next(&g) % (sizeof(sectors) - 1)];
		double fte = round(exp(log(10) + synth_uniform(&g) * (log(300) - log(10))) * 2) / 2;
		long employees = lround(fte * (1.1 + 0.4 * synth_uniform(&g)));
		size_t ntowns = 0;
		while (o->towns[ntowns])
			ntowns++;
		const char *town = o->towns[synth_next(&g) % ntowns];
		char created[40];
		time_t first_at = j->now - (time_t)(86400.0 * (30 + synth_uniform(&g) * 1050));
		fmt_time(created, sizeof(created), first_at - 86400 * 20);
		buf_printf(&c.companies, "%lld\t%lld\tDemobedrijf %s %06lld B.V.\t%c\t%.1f\t%ld\t", cid, o->id,
			   o->slug + (o->slug[4] == '-' ? 5 : 0), cid, sector, fte, employees);
		buf_copy_text(&c.companies, town);
		buf_printf(&c.companies, "\tJ. de Vries-%lld\tcontact%lld@demobedrijf.example\t+31 6 %08lld\tt\t%s\n",
			   cid, cid, cid % 100000000, created);
		double level = 0.6 * synth_normal(&g) + (fte > 100 ? 0.2 : 0) + (sector == 'J' || sector == 'K' ? 0.3 : 0);
		time_t prev_at = 0;
		for (int s = 0; s < j->per_company; s++, scan_id++) {
			time_t at = first_at + (time_t)s * (time_t)(86400.0 * (180 + synth_uniform(&g) * 180));
			if (at > j->now - 3600)
				at = j->now - 3600 - (time_t)(synth_uniform(&g) * 86400);
			/* sent in order, so scan s is the company's scan number s + 1 (research_rows.scan_no) */
			if (s > 0 && at <= prev_at)
				at = prev_at + 60;
			prev_at = at;
			char sub[40], start[40], cre[40];
			fmt_time(sub, sizeof(sub), at);
			fmt_time(start, sizeof(start), at - 86400 * 3);
			fmt_time(cre, sizeof(cre), at - 86400 * 10);
			buf_printf(&c.scans, "%lld\t%lld\t%lld\t%lld\tsubmitted\tnl\t%s\tdemo-1\t%c\t%.1f\t%ld\t",
				   scan_id, o->id, cid, j->qid, start, sector, fte, employees);
			buf_copy_text(&c.scans, town);
			buf_printf(&c.scans, "\t5\tt\t%s\t%s\t%s\n", cre, start, sub);
			if (add_scan(&g, q, &c, scan_id, s + 1, level + 0.15 * s, &json, &scratch, rows) != 0)
				goto done;
			(*done)++;
			pending++;
			if (c.results.len > 24u * 1024 * 1024 || pending >= BATCH) {
				if (flush(db, &c) != 0)
					goto dbfail;
				pending = 0;
				if (!j->quiet && j->worker == 0 && (*done / BATCH) % 25 == 0)
					fprintf(stderr, "  worker 0: %lld scans…\n", *done);
			}
		}
	}
	if (flush(db, &c) != 0)
		goto dbfail;
	if (getenv("FPHC_SEED_TIMING"))
		fprintf(stderr, "worker %d COPY seconds: companies %.2f scans %.2f answers %.2f results %.2f scores %.2f"
			" research_rows %.2f\n", j->worker, copy_secs[0], copy_secs[1], copy_secs[2], copy_secs[3],
			copy_secs[4], copy_secs[5]);
	rc = 0;
	goto done;
dbfail:
	fprintf(stderr, "fphc demo seed: %s\n", db->err);
done:
	free(rows);
	buf_release(&json);
	buf_release(&scratch);
	copy_bufs_release(&c);
	return rc;
}

/* Settings of a seeding connection. synchronous_commit off: a crash loses at
 * most the last batches of synthetic data, never consistency. For a superuser,
 * session_replication_role = replica skips the per-row foreign-key triggers
 * (about half the server's time on answers): the constraints stay, and the
 * references hold by construction — the ids were reserved under a lock and
 * every batch sends companies and scans before the rows that point to them,
 * in one transaction. Indexes are kept and maintained. */
static int seed_session(struct db *db)
{
	return db_demo_seed_session(db);
}

/* One worker (a child process, or this process for small seeds): its own
 * connection; never touches the caller's. */
static int seed_worker(const char *conninfo, const struct seed_job *j)
{
	struct db *db = db_new(conninfo);
	long long done = 0;
	int rc = db_connect(db) != 0 || seed_session(db) != 0 ? -1 : seed_range(db, j, &done);
	if (rc != 0 && db->err[0])
		fprintf(stderr, "fphc demo seed (worker %d): %s\n", j->worker, db->err);
	db_free(db);
	return rc;
}

int demo_seed(struct db *db, long long n_companies, int per_company, const char *only, uint64_t seed, int quiet,
	      int jobs)
{
	if (ensure_orgs(db, only) != 0)
		goto dbfail;
	if (only && !pick_org(NULL, only)) {
		fprintf(stderr, "fphc demo seed: --org must be one of demo, demo-zuid, demo-noord\n");
		return -1;
	}
	long long qid = db_questionnaire_latest(db, "fphc");
	if (qid <= 0) {
		fprintf(stderr, "fphc demo seed: no questionnaire 'fphc' stored; run fphc migrate first\n");
		return -1;
	}
	const struct questionnaire *q = qreg_get(db, qid);
	if (!q)
		goto dbfail;
	long long first_company = db_demo_reserve_ids(db, DEMO_COMPANIES, n_companies);
	long long first_scan = db_demo_reserve_ids(db, DEMO_SCANS, n_companies * per_company);
	if (first_company < 0 || first_scan < 0)
		goto dbfail;
	struct seed_job base = {q, qid, first_company, first_scan, 0, n_companies, per_company, quiet, 0, only, seed,
				time(NULL)};
	/* small seeds (tests) stay in this process: forking buys nothing there */
	if (jobs < 1)
		jobs = 1;
	if (n_companies < 2000)
		jobs = 1;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int failed = 0;
	if (jobs == 1) {
		/* a connection of its own all the same: the session settings end with it */
		failed = seed_worker(db->conninfo, &base) != 0;
	} else {
		pid_t pids[64];
		if (jobs > 64)
			jobs = 64;
		fflush(stdout);
		fflush(stderr);
		for (int w = 0; w < jobs; w++) {
			struct seed_job jb = base;
			jb.worker = w;
			jb.lo = n_companies * w / jobs;
			jb.hi = n_companies * (w + 1) / jobs;
			pids[w] = fork();
			if (pids[w] == 0) /* _exit: the parent's connection and stdio are not ours to close */
				_exit(seed_worker(db->conninfo, &jb) == 0 ? 0 : 1);
			if (pids[w] < 0) {
				perror("fphc demo seed: fork");
				failed = 1;
				jobs = w;
				break;
			}
		}
		for (int w = 0; w < jobs; w++) {
			int st = 0;
			if (waitpid(pids[w], &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
				failed = 1;
		}
	}
	if (failed) {
		fprintf(stderr, "fphc demo seed: failed; batches already committed stay (demo data, is_demo)\n");
		return -1;
	}
	/* fresh statistics, so the refreshes and pages that follow plan for the new size */
	if (db_demo_analyze(db) != 0)
		goto dbfail;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (!quiet)
		printf("fphc demo seed: %lld companies, %lld submitted scans (questionnaire %s v%ld, seed %llu)"
		       " in %.1f s with %d worker(s)\n",
		       n_companies, n_companies * per_company, q->key, q->version, (unsigned long long)seed,
		       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, jobs);
	return 0;
dbfail:
	fprintf(stderr, "fphc demo seed: %s\n", db->err);
	return -1;
}

/* cmd_rescore.c: `fphc rescore [--version N]` — recomputes the stored results of
 * submitted scans with the current scoring engine and says which scans changed.
 * Needed when the engine changes (SCORE_ENGINE_VERSION); a questionnaire version
 * never changes, so its answers always score the same with the same engine. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/cli_config.h"
#include "server/app/config.h"
#include "server/db/scan_store.h"
#include "scoring/answers.h"
#include "scoring/questionnaire.h"
#include "scoring/score.h"
#include "common/text.h"
#include "common/banned.h"

struct rescore_totals {
	long scans, changed, failed;
};

/* 1 when a stored score row differs from the new one (validity, band or value). */
static int row_differs(const struct score_row *old, const struct score_row *row)
{
	if (old->valid != row->valid)
		return 1;
	if (!row->valid)
		return 0;
	if ((old->band == NULL) != (row->band == NULL) || (old->band && strcmp(old->band, row->band) != 0))
		return 1;
	return fabs(old->score - row->score) > 1e-9;
}

/* Compares the stored scores of scan sid with res. 1 changed, 0 same, -1 error. */
static int scores_changed(struct db *db, long long sid, const struct questionnaire *q,
			  const struct score_result *res)
{
	struct arena a = ARENA_INIT;
	struct score_row *old;
	int n_old = db_rescore_scores(db, &a, sid, &old);
	if (n_old < 0)
		return -1;
	size_t n = scan_score_row_count(q);
	struct score_row *rows = calloc(n ? n : 1, sizeof(*rows));
	if (!rows)
		abort();
	scan_score_rows(q, res, rows);
	int changed = (size_t)n_old != n;
	for (size_t r = 0; r < n && !changed; r++) {
		int found = 0;
		for (int i = 0; i < n_old && !found; i++)
			if (strcmp(old[i].level, rows[r].level) == 0 && strcmp(old[i].key, rows[r].key) == 0) {
				found = 1;
				changed = row_differs(&old[i], &rows[r]);
			}
		changed |= !found;
	}
	arena_release(&a);
	free(rows);
	return changed;
}

/* What rescoring one questionnaire version carries from scan to scan. */
struct rescore_run {
	struct db *db;
	const struct questionnaire *q;
	struct rescore_totals *t;
	int lost;    /* a scan failed because the connection was lost (the next one reconnects) */
};

/* Rescores one scan; counts a failure and goes on with the next scan. */
static int rescore_one(void *arg, long long sid, const char *answers)
{
	struct rescore_run *run = arg;
	struct db *db = run->db;
	const struct questionnaire *q = run->q;
	struct rescore_totals *t = run->t;
	struct problems problems;
	problems_init(&problems, 3);
	struct answer_set *set = answers_parse_text(q, answers, strlen(answers), &problems);
	if (!set) {
		fprintf(stderr, "fphc rescore: scan %lld: stored answers do not validate:\n", sid);
		problems_print(&problems, stderr);
		problems_release(&problems);
		t->failed++;
		return 0;
	}
	problems_release(&problems);
	struct score_result *res = score_compute(q, set);
	int rc = -1, changed = -1;
	if (db_begin(db) == 0 && (changed = scores_changed(db, sid, q, res)) >= 0 &&
	    db_scan_store_result(db, sid, q, res) == 0 && db_commit(db) == 0)
		rc = 0;
	else
		db_rollback(db);
	if (rc == 0 && changed) {
		printf("scan %lld: changed\n", sid);
		t->changed++;
	}
	if (rc != 0) {
		fprintf(stderr, "fphc rescore: scan %lld: %s\n", sid, db->err);
		t->failed++;
	}
	t->scans++;
	score_result_free(res);
	answer_set_free(set);
	if (rc != 0 && db->unavailable)
		run->lost = 1;
	return 0;
}

/* Rescores every submitted scan of one stored questionnaire version. */
static int rescore_questionnaire(struct db *db, const struct rescore_questionnaire *qv, struct rescore_totals *t)
{
	struct problems problems;
	problems_init(&problems, 10);
	const char *definition = qv->definition_json;
	struct questionnaire *q = questionnaire_parse(definition, strlen(definition), &problems);
	if (!q) {
		fprintf(stderr, "fphc rescore: stored questionnaire %lld does not load:\n", qv->id);
		problems_print(&problems, stderr);
		problems_release(&problems);
		return -1;
	}
	problems_release(&problems);
	struct rescore_run run = {db, q, t, 0};
	int rc = db_rescore_scans(db, qv->id, rescore_one, &run) != 0 || run.lost ? -1 : 0;
	questionnaire_free(q);
	return rc;
}

int cmd_rescore(int argc, char **argv)
{
	const char *usage = "usage: fphc rescore [--version N] [--database-url URL]\n"
			    "Recomputes the stored results of submitted scans with this scoring engine ("
			    SCORE_ENGINE_VERSION ")\nand prints the scans whose scores changed.\n";
	const char *version = NULL;
	long v;
	char *rest[8] = {argv[0]};
	int nrest = 1;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--version") == 0 && i + 1 < argc) {
			version = argv[++i];
			if (text_parse_long(version, 1, 100000, &v) != 0) {
				fprintf(stderr, "fphc rescore: --version must be a whole number\n");
				return 2;
			}
		} else if (nrest < 7) {
			rest[nrest++] = argv[i];
		}
	}
	if (cli_config(nrest, rest, "rescore", usage) != 0)
		return cli_config_status();
	struct db *db = cli_db_open();
	if (!db)
		return 1;
	struct arena a = ARENA_INIT;
	struct rescore_questionnaire *qs;
	int n = db_rescore_questionnaires(db, &a, version ? (int)v : 0, &qs);
	struct rescore_totals t = {0, 0, 0};
	int rc = n < 0 ? 1 : 0;
	for (int i = 0; i < n; i++)
		if (rescore_questionnaire(db, &qs[i], &t) != 0)
			rc = 1;
	if (n < 0)
		fprintf(stderr, "fphc rescore: %s\n", db->err);
	arena_release(&a);
	db_free(db);
	printf("fphc rescore: %ld scan(s) rescored, %ld changed, %ld failed\n", t.scans, t.changed, t.failed);
	return rc || t.failed ? 1 : 0;
}

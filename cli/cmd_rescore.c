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
static int row_differs(const PGresult *old, int i, const struct score_row *row)
{
	int old_valid = db_bool(old, i, 2);
	const char *old_band = db_get(old, i, 4);
	if (old_valid != row->valid)
		return 1;
	if (!row->valid)
		return 0;
	if ((old_band == NULL) != (row->band == NULL) || (old_band && strcmp(old_band, row->band) != 0))
		return 1;
	return fabs(db_double(old, i, 3, NAN) - row->score) > 1e-9;
}

/* Compares the stored scores of scan sid with res. 1 changed, 0 same, -1 error. */
static int scores_changed(struct db *db, const char *sid, const struct questionnaire *q,
			  const struct score_result *res)
{
	PGresult *old = db_rescore_scores(db, sid);
	if (!old)
		return -1;
	size_t n = scan_score_row_count(q);
	struct score_row *rows = calloc(n ? n : 1, sizeof(*rows));
	if (!rows)
		abort();
	scan_score_rows(q, res, rows);
	int changed = (size_t)PQntuples(old) != n;
	for (size_t r = 0; r < n && !changed; r++) {
		int found = 0;
		for (int i = 0; i < PQntuples(old) && !found; i++)
			if (strcmp(db_str(old, i, 0), rows[r].level) == 0 && strcmp(db_str(old, i, 1), rows[r].key) == 0) {
				found = 1;
				changed = row_differs(old, i, &rows[r]);
			}
		changed |= !found;
	}
	PQclear(old);
	free(rows);
	return changed;
}

static int rescore_one(struct db *db, const struct questionnaire *q, const char *sid, const char *answers,
		       struct rescore_totals *t)
{
	struct problems problems;
	problems_init(&problems, 3);
	struct answer_set *set = answers_parse_text(q, answers, strlen(answers), &problems);
	if (!set) {
		fprintf(stderr, "fphc rescore: scan %s: stored answers do not validate:\n", sid);
		problems_print(&problems, stderr);
		problems_release(&problems);
		t->failed++;
		return 0;
	}
	problems_release(&problems);
	struct score_result *res = score_compute(q, set);
	int rc = -1, changed = -1;
	long long id = 0;
	sscanf(sid, "%lld", &id);
	if (db_begin(db) == 0 && (changed = scores_changed(db, sid, q, res)) >= 0 &&
	    db_scan_store_result(db, id, q, res) == 0 && db_commit(db) == 0)
		rc = 0;
	else
		db_rollback(db);
	if (rc == 0 && changed) {
		printf("scan %s: changed\n", sid);
		t->changed++;
	}
	if (rc != 0) {
		fprintf(stderr, "fphc rescore: scan %s: %s\n", sid, db->err);
		t->failed++;
	}
	t->scans++;
	score_result_free(res);
	answer_set_free(set);
	return rc;
}

/* Rescores every submitted scan of one stored questionnaire version. */
static int rescore_questionnaire(struct db *db, const char *qid, const char *definition,
				 struct rescore_totals *t)
{
	struct problems problems;
	problems_init(&problems, 10);
	struct questionnaire *q = questionnaire_parse(definition, strlen(definition), &problems);
	if (!q) {
		fprintf(stderr, "fphc rescore: stored questionnaire %s does not load:\n", qid);
		problems_print(&problems, stderr);
		problems_release(&problems);
		return -1;
	}
	problems_release(&problems);
	PGresult *scans = db_rescore_scans(db, qid);
	int rc = scans ? 0 : -1;
	for (int i = 0; scans && i < PQntuples(scans); i++)
		if (rescore_one(db, q, db_str(scans, i, 0), db_str(scans, i, 1), t) != 0 && db->unavailable)
			rc = -1;
	PQclear(scans);
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
	PGresult *qs = db_rescore_questionnaires(db, version);
	struct rescore_totals t = {0, 0, 0};
	int rc = qs ? 0 : 1;
	for (int i = 0; qs && i < PQntuples(qs); i++)
		if (rescore_questionnaire(db, db_str(qs, i, 0), db_str(qs, i, 1), &t) != 0)
			rc = 1;
	if (!qs)
		fprintf(stderr, "fphc rescore: %s\n", db->err);
	PQclear(qs);
	db_free(db);
	printf("fphc rescore: %ld scan(s) rescored, %ld changed, %ld failed\n", t.scans, t.changed, t.failed);
	return rc || t.failed ? 1 : 0;
}

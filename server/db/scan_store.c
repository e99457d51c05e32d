/* scan_store.c: results + flattened scores of a scored scan; see scan_store.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "server/db/scan_store.h"
#include "common/number.h"
#include "common/buf.h"
#include "common/banned.h"

size_t scan_score_row_count(const struct questionnaire *q)
{
	return 1 + q->n_pillars + q->n_themes;
}

static const char *band_key(const struct questionnaire *q, int band)
{
	return band >= 0 && (size_t)band < q->n_bands ? q->bands[band].key : NULL;
}

void scan_score_rows(const struct questionnaire *q, const struct score_result *res,
		     struct score_row *rows)
{
	size_t n = 0;
	rows[n++] = (struct score_row){"overall", "overall", res->overall.score, res->overall.valid,
				       band_key(q, res->overall.band)};
	for (size_t p = 0; p < q->n_pillars; p++) {
		const struct pillar *pl = &q->pillars[p];
		const struct aggregate_result *a = &res->pillars[p];
		rows[n++] = (struct score_row){"pillar", pl->key, a->score, a->valid, band_key(q, a->band)};
		for (size_t t = 0; t < pl->n_themes; t++) {
			const struct theme *th = &pl->themes[t];
			const struct theme_result *tr = &res->themes[th->index];
			rows[n++] = (struct score_row){"theme", th->key, tr->score, tr->valid,
						       band_key(q, tr->band)};
		}
	}
}

void scan_scores_array(const struct score_row *rows, size_t n, struct buf *out)
{
	buf_putc(out, '{');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(out, ',');
		if (rows[i].valid && isfinite(rows[i].score))
			buf_double(out, rows[i].score); /* reads back as the same float8 */
		else
			buf_puts(out, "NULL");
	}
	buf_putc(out, '}');
}

/* The research row reads the answers back from `answers` (stored earlier in
 * this transaction) rather than taking them as a parameter, so it can never
 * disagree with them. */
static const char research_row_sql[] =
	"INSERT INTO research_rows(scan_id, answers, scores)"
	" SELECT $1, coalesce((SELECT jsonb_object_agg(item_key, value)::text FROM answers WHERE scan_id = $1), '{}'),"
	" $2::float8[]"
	" ON CONFLICT (scan_id) DO UPDATE SET answers = EXCLUDED.answers, scores = EXCLUDED.scores";

int db_scan_store_result(struct db *db, long long scan_id, const struct questionnaire *q,
			 const struct score_result *res)
{
	int own_tx = !db->in_tx;
	int rc = -1;
	char id[DB_ID_LEN], overall[40];
	db_id_text(id, scan_id);
	if (isfinite(res->overall.score))
		snprintf(overall, sizeof(overall), "%.17g", res->overall.score);
	struct buf json = BUF_INIT;
	score_result_write_json(res, &json);
	const char *text = json.data;
	size_t nrows = scan_score_row_count(q);
	struct score_row *rows = calloc(nrows, sizeof(*rows));
	struct buf sql = BUF_INIT, arr = BUF_INIT;
	if (!text || !rows)
		abort();
	scan_score_rows(q, res, rows);
	scan_scores_array(rows, nrows, &arr);
	/* One multi-row INSERT for the scores: keys and bands come from the loaded
	 * questionnaire (validated keys), values are numbers; still passed as
	 * parameters so nothing is ever spliced into SQL. */
	const char **params = calloc(nrows * 5 + 1, sizeof(*params));
	char (*num)[40] = calloc(nrows, sizeof(*num));
	if (!params || !num)
		abort();
	buf_puts(&sql, "INSERT INTO scores(scan_id, level, key, score, valid, band) VALUES ");
	params[0] = id;
	for (size_t i = 0; i < nrows; i++) {
		int b = (int)(1 + i * 5);
		buf_printf(&sql, "%s($1, $%d, $%d, $%d::float8, $%d::bool, $%d)", i ? ", " : "", b + 1, b + 2,
			   b + 3, b + 4, b + 5);
		params[b] = rows[i].level;
		params[b + 1] = rows[i].key;
		if (rows[i].valid && isfinite(rows[i].score)) {
			snprintf(num[i], sizeof(num[i]), "%.17g", rows[i].score);
			params[b + 2] = num[i];
		}
		params[b + 3] = rows[i].valid ? "true" : "false";
		params[b + 4] = rows[i].band;
	}
	if (own_tx && db_begin(db) != 0)
		goto done;
	if (db_x(db, "DELETE FROM scores WHERE scan_id = $1", id) != 0)
		goto done;
	if (db_x(db, "INSERT INTO results(scan_id, engine_version, overall, result) VALUES ($1, $2, $3::float8, $4::json)"
		     " ON CONFLICT (scan_id) DO UPDATE SET engine_version = EXCLUDED.engine_version,"
		     " overall = EXCLUDED.overall, result = EXCLUDED.result, computed_at = now()",
		 id, SCORE_ENGINE_VERSION, isfinite(res->overall.score) ? overall : NULL, text) != 0)
		goto done;
	if (db_exec(db, sql.data, (int)(nrows * 5 + 1), params) != 0)
		goto done;
	if (db_x(db, research_row_sql, id, arr.data) != 0)
		goto done;
	if (own_tx && db_commit(db) != 0)
		goto done;
	rc = 0;
done:
	if (rc != 0 && own_tx)
		db_rollback(db);
	buf_release(&sql);
	buf_release(&arr);
	free(params);
	free(num);
	free(rows);
	buf_release(&json);
	return rc;
}

int db_rescore_questionnaires(struct db *db, struct arena *a, int version, struct rescore_questionnaire **out)
{
	char v[16];
	snprintf(v, sizeof(v), "%d", version);
	PGresult *res = db_q(db, "SELECT id, definition::text, key, version FROM questionnaires"
			     " WHERE $1::int IS NULL OR version = $1::int ORDER BY id", version > 0 ? v : NULL);
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct rescore_questionnaire *rows = arena_alloc(a, sizeof(*rows) * (n ? (size_t)n : 1));
	for (int i = 0; i < n; i++) {
		rows[i].id = db_ll(res, i, 0, 0);
		rows[i].definition_json = arena_strdup(a, db_str(res, i, 1));
		rows[i].key = arena_strdup(a, db_str(res, i, 2));
		rows[i].version = (int)db_ll(res, i, 3, 0);
	}
	PQclear(res);
	*out = rows;
	return n;
}

int db_rescore_scans(struct db *db, long long questionnaire_id,
		     int (*each)(void *arg, long long scan_id, const char *answers_json), void *arg)
{
	DB_ID(qid, questionnaire_id);
	PGresult *res = db_q(db,
		"SELECT s.id, json_build_object('answers', coalesce((SELECT json_object_agg(a.item_key, a.value)"
		" FROM answers a WHERE a.scan_id = s.id), '{}'))::text"
		" FROM scans s WHERE s.questionnaire_id = $1 AND s.submitted_at IS NOT NULL ORDER BY s.id",
		qid);
	if (!res)
		return -1;
	int rc = 0;
	for (int i = 0; i < PQntuples(res) && rc == 0; i++)
		if (each(arg, db_ll(res, i, 0, 0), db_str(res, i, 1)) != 0)
			rc = -1;
	PQclear(res);
	return rc;
}

int db_rescore_scores(struct db *db, struct arena *a, long long scan_id, struct score_row **out)
{
	DB_ID(sid, scan_id);
	PGresult *res = db_q(db, "SELECT level, key, valid, score, band FROM scores WHERE scan_id = $1", sid);
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct score_row *rows = arena_alloc(a, sizeof(*rows) * (n ? (size_t)n : 1));
	for (int i = 0; i < n; i++) {
		rows[i].level = arena_strdup(a, db_str(res, i, 0));
		rows[i].key = arena_strdup(a, db_str(res, i, 1));
		rows[i].valid = db_bool(res, i, 2);
		rows[i].score = db_double(res, i, 3, NAN);
		rows[i].band = arena_strdup(a, db_get(res, i, 4));
	}
	PQclear(res);
	*out = rows;
	return n;
}

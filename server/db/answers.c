/* answers.c: SQL for saving the owner's answers; see answers.h. */
#include <stdio.h>

#include "server/db/answers.h"
#include "common/banned.h"

/* One statement: lock the open scan (KEY SHARE waits for a submission in
 * progress), write or delete the answer, and move last_page only when it changed
 * (so repeated autosaves on one page do not queue on the scan row).
 * An autosave commits asynchronously (synchronous_commit off for this
 * transaction only): it is committed and visible at once, and only a crash of
 * PostgreSQL itself (not of fphc) within ~0.6 s could lose it — the owner then
 * sees the answer unchecked and clicks again, and Back/Next saves the page
 * synchronously anyway. Submissions always commit synchronously. */
static const char save_sql[] =
	"WITH c AS (SELECT set_config('synchronous_commit', 'off', true)),"
	" s AS (SELECT id FROM scans WHERE id = $1 AND status = 'started' AND EXISTS (SELECT 1 FROM c) FOR KEY SHARE),"
	" p AS (UPDATE scans SET last_page = $4::int, updated_at = now() FROM s"
	"   WHERE scans.id = s.id AND scans.last_page <> $4::int),"
	" d AS (DELETE FROM answers USING s WHERE $3::jsonb IS NULL AND answers.scan_id = s.id AND answers.item_key = $2),"
	" w AS (INSERT INTO answers(scan_id, item_key, value) SELECT s.id, $2, $3::jsonb FROM s WHERE $3::jsonb IS NOT NULL"
	"   ON CONFLICT (scan_id, item_key) DO UPDATE SET value = EXCLUDED.value, updated_at = now())"
	" SELECT count(*), (SELECT count(*) FROM answers WHERE scan_id = $1 AND item_key <> $2)"
	"   + CASE WHEN $3::jsonb IS NULL THEN 0 ELSE 1 END FROM s";

int db_answer_save(struct db *db, long long scan_id, const char *item_key, const char *value_json,
		   int page, int *answered)
{
	char sid[DB_ID_LEN], p[16];
	db_id_text(sid, scan_id);
	snprintf(p, sizeof(p), "%d", page);
	PGresult *res = db_qp(db, save_sql, sid, item_key, value_json, p);
	if (!res)
		return -1;
	int open = db_ll(res, 0, 0, 0) > 0;
	*answered = (int)db_ll(res, 0, 1, 0);
	PQclear(res);
	return open;
}

int db_answers_save_page(struct db *db, long long scan_id, const struct answer_write *w, int n,
			 int page)
{
	char sid[DB_ID_LEN], p[16];
	db_id_text(sid, scan_id);
	snprintf(p, sizeof(p), "%d", page);
	if (db_begin(db) != 0)
		return -1;
	PGresult *res = db_q(db, "SELECT 1 FROM scans WHERE id = $1 AND status = 'started' FOR KEY SHARE", sid);
	if (!res)
		goto fail;
	int open = PQntuples(res) == 1;
	PQclear(res);
	if (!open) {
		db_rollback(db);
		return 0;
	}
	for (int i = 0; i < n; i++) {
		int rc = w[i].value_json
			? db_x(db, "INSERT INTO answers(scan_id, item_key, value) VALUES ($1, $2, $3::jsonb)"
				   " ON CONFLICT (scan_id, item_key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()"
				   " WHERE answers.value IS DISTINCT FROM EXCLUDED.value",
			       sid, w[i].item_key, w[i].value_json)
			: db_x(db, "DELETE FROM answers WHERE scan_id = $1 AND item_key = $2", sid, w[i].item_key);
		if (rc != 0)
			goto fail;
	}
	if (db_x(db, "UPDATE scans SET last_page = $2::int, updated_at = now() WHERE id = $1", sid, p) != 0 ||
	    db_commit(db) != 0)
		goto fail;
	return 1;
fail:
	db_rollback(db);
	return -1;
}

/* scan.c: SQL for reading submitted scans and their status workflow; see scan.h. */
#include <math.h>
#include <stdio.h>

#include "server/db/scan.h"
#include "server/db/row.h"
#include "common/banned.h"

int db_scan_get(struct db *db, struct arena *a, long long scan_id, struct scan_row *out)
{
	char id[DB_ID_LEN];
	db_id_text(id, scan_id);
	PGresult *res = db_q(db,
		"SELECT s.id, s.org_id, s.company_id, s.questionnaire_id, s.status, s.lang,"
		" to_char(s.submitted_at, 'YYYY-MM-DD'), coalesce(nullif(u.name, ''), u.email, ''),"
		" c.name, coalesce(c.kvk, ''), c.contact_name, c.email, c.phone,"
		" coalesce(s.municipality, c.municipality), coalesce(s.sector, c.sector), coalesce(s.fte, c.fte),"
		" o.share_research, coalesce(o.research_org_id, 0), o.share_open_text"
		" FROM scans s JOIN companies c ON c.id = s.company_id JOIN organisations o ON o.id = s.org_id"
		" LEFT JOIN users u ON u.id = coalesce(s.advisor_id, c.advisor_id)"
		" WHERE s.id = $1 AND s.submitted_at IS NOT NULL AND c.erased_at IS NULL", id);
	int found = db_rows_found(res);
	if (found != 1)
		return found;
	out->id = db_ll(res, 0, 0, 0);
	out->org_id = db_ll(res, 0, 1, 0);
	out->company_id = db_ll(res, 0, 2, 0);
	out->questionnaire_id = db_ll(res, 0, 3, 0);
	const char **s[] = {&out->status, &out->lang, &out->submitted_at, &out->advisor_name,
			    &out->company_name, &out->kvk, &out->contact_name, &out->email,
			    &out->phone, &out->municipality, &out->sector};
	for (int i = 0; i < 11; i++)
		*s[i] = arena_strdup(a, db_str(res, 0, 4 + i));
	out->fte = db_double(res, 0, 15, NAN);
	out->share_research = db_bool(res, 0, 16);
	out->research_org_id = db_ll(res, 0, 17, 0);
	out->share_open_text = db_bool(res, 0, 18);
	PQclear(res);
	return 1;
}

long long db_scan_advisor(struct db *db, long long scan_id)
{
	char id[DB_ID_LEN];
	db_id_text(id, scan_id);
	return db_rows_one_ll(db_q(db, "SELECT coalesce(s.advisor_id, c.advisor_id, 0) FROM scans s"
				   " JOIN companies c ON c.id = s.company_id WHERE s.id = $1", id), 0);
}

int db_scan_set_advisor(struct db *db, long long scan_id, long long org_id, long long advisor_id)
{
	char id[DB_ID_LEN], org[DB_ID_LEN], adv[DB_ID_LEN];
	db_id_text(id, scan_id);
	db_id_text(org, org_id);
	db_id_text(adv, advisor_id);
	int n = db_rows_count(db_q(db, "UPDATE scans SET advisor_id = nullif($3::bigint, 0), updated_at = now()"
				   " WHERE id = $1 AND org_id = $2 AND ($3::bigint = 0 OR EXISTS (SELECT 1 FROM users u"
				   "  WHERE u.id = $3::bigint AND u.org_id = $2 AND u.role IN ('admin', 'advisor')"
				   "  AND NOT u.disabled)) RETURNING id", id, org, adv));
	return n < 0 ? -1 : n == 1;
}

int db_scan_scores(struct db *db, struct arena *a, long long scan_id, struct score_row **out)
{
	char id[DB_ID_LEN];
	db_id_text(id, scan_id);
	PGresult *res = db_q(db, "SELECT level, key, score, valid, band FROM scores WHERE scan_id = $1", id);
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct score_row *rows = arena_alloc(a, sizeof(*rows) * (n ? (size_t)n : 1));
	for (int i = 0; i < n; i++) {
		int valid = db_bool(res, i, 3) && db_get(res, i, 2);
		rows[i].level = arena_strdup(a, db_str(res, i, 0));
		rows[i].key = arena_strdup(a, db_str(res, i, 1));
		rows[i].valid = valid;
		rows[i].score = valid ? db_double(res, i, 2, NAN) : NAN;
		rows[i].band = valid ? arena_strdup(a, db_get(res, i, 4)) : NULL;
	}
	PQclear(res);
	*out = rows;
	return n;
}

int db_scan_answers(struct db *db, struct arena *a, long long scan_id, struct answer_row **out)
{
	char id[DB_ID_LEN];
	db_id_text(id, scan_id);
	PGresult *res = db_q(db, "SELECT item_key, value::text FROM answers WHERE scan_id = $1", id);
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct answer_row *rows = arena_alloc(a, sizeof(*rows) * (n ? (size_t)n : 1));
	for (int i = 0; i < n; i++) {
		rows[i].item_key = arena_strdup(a, db_str(res, i, 0));
		rows[i].value_json = arena_strdup(a, db_str(res, i, 1));
	}
	PQclear(res);
	*out = rows;
	return n;
}

const char *db_scan_result_json(struct db *db, struct arena *a, long long scan_id)
{
	char id[DB_ID_LEN];
	db_id_text(id, scan_id);
	PGresult *res = db_q(db, "SELECT result::text FROM results WHERE scan_id = $1", id);
	if (!res)
		return NULL;
	const char *json = arena_strdup(a, PQntuples(res) ? db_str(res, 0, 0) : "");
	PQclear(res);
	return json;
}

long long db_scan_previous(struct db *db, struct arena *a, long long scan_id, const char **date)
{
	char id[DB_ID_LEN];
	db_id_text(id, scan_id);
	*date = NULL;
	PGresult *res = db_q(db,
		"SELECT p.id, to_char(p.submitted_at, 'YYYY-MM-DD') FROM scans s JOIN scans p"
		" ON p.company_id = s.company_id AND p.id <> s.id AND p.submitted_at < s.submitted_at"
		" WHERE s.id = $1 ORDER BY p.submitted_at DESC LIMIT 1", id);
	if (!res)
		return -1;
	long long prev = 0;
	if (PQntuples(res) == 1) {
		prev = db_ll(res, 0, 0, 0);
		*date = arena_strdup(a, db_str(res, 0, 1));
	}
	PQclear(res);
	return prev;
}

int db_scan_set_status(struct db *db, long long scan_id, long long org_id, const char *from,
		       const char *to, long long user_id, const char *reason)
{
	return db_scan_set_status_then(db, scan_id, org_id, from, to, user_id, reason, NULL, NULL);
}

int db_scan_set_status_then(struct db *db, long long scan_id, long long org_id, const char *from,
			    const char *to, long long user_id, const char *reason,
			    int (*in_tx)(struct db *db, void *arg), void *arg)
{
	char id[DB_ID_LEN], org[24], uid[24];
	db_id_text(id, scan_id);
	db_id_text(org, org_id);
	db_id_text(uid, user_id);
	if (db_begin(db) != 0)
		return -1;
	PGresult *res = db_q(db, "UPDATE scans SET status = $3, updated_at = now()"
			     " WHERE id = $1 AND org_id = $2 AND status = $4 RETURNING id", id, org, to, from);
	if (!res)
		goto fail;
	int moved = PQntuples(res) == 1;
	PQclear(res);
	if (!moved) {
		db_rollback(db);
		return 0;
	}
	if (db_x(db, "INSERT INTO scan_status_history(scan_id, user_id, from_status, to_status, reason)"
		     " VALUES ($1, $2, $3, $4, $5)", id, uid, from, to, reason ? reason : "") != 0)
		goto fail;
	if (in_tx && in_tx(db, arg) != 0)
		goto fail;
	if (db_commit(db) != 0)
		goto fail;
	return 1;
fail:
	db_rollback(db);
	return -1;
}

int db_scan_status_history(struct db *db, struct arena *a, long long scan_id, struct scan_status_change **out)
{
	char id[DB_ID_LEN];
	db_id_text(id, scan_id);
	PGresult *res = db_q(db, "SELECT to_char(h.at, 'YYYY-MM-DD HH24:MI'), coalesce(nullif(u.name, ''), u.email, ''),"
		    " h.from_status, h.to_status, h.reason FROM scan_status_history h"
		    " LEFT JOIN users u ON u.id = h.user_id WHERE h.scan_id = $1 ORDER BY h.id", id);
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct scan_status_change *rows = db_rows_alloc(a, res, sizeof(*rows));
	for (int i = 0; i < n; i++) {
		rows[i].at = db_row_str(a, res, i, 0);
		rows[i].who = db_row_str(a, res, i, 1);
		rows[i].from = db_row_str(a, res, i, 2);
		rows[i].to = db_row_str(a, res, i, 3);
		rows[i].reason = db_row_str(a, res, i, 4);
	}
	PQclear(res);
	*out = rows;
	return n;
}

int db_scan_list_for_research(struct db *db, struct arena *a, long long research_org_id, int limit,
			      struct research_scan_row **out)
{
	char rid[DB_ID_LEN], lim[16];
	db_id_text(rid, research_org_id);
	snprintf(lim, sizeof(lim), "%d", limit);
	/* the month, as the exports give it: no finer date on research pages */
	PGresult *res = db_q(db, "SELECT s.id, s.company_id, s.status,"
		    " to_char(s.submitted_at AT TIME ZONE current_setting('TimeZone'), 'YYYY-MM'),"
		    " coalesce(s.sector, ''), ra.scan_id IS NOT NULL,"
		    " (SELECT count(*) FROM scans s2 WHERE s2.company_id = s.company_id AND s2.submitted_at IS NOT NULL"
		    "   AND (s2.submitted_at, s2.id) <= (s.submitted_at, s.id))"
		    " FROM scans s JOIN organisations o ON o.id = s.org_id"
		    " LEFT JOIN research_assessments ra ON ra.scan_id = s.id"
		    " WHERE o.share_research AND o.research_org_id = $1 AND s.submitted_at IS NOT NULL"
		    " ORDER BY s.submitted_at DESC LIMIT $2", rid, lim);
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct research_scan_row *rows = arena_alloc(a, sizeof(*rows) * (n ? (size_t)n : 1));
	for (int i = 0; i < n; i++) {
		rows[i].id = db_ll(res, i, 0, 0);
		rows[i].company_id = db_ll(res, i, 1, 0);
		rows[i].status = arena_strdup(a, db_str(res, i, 2));
		rows[i].month = arena_strdup(a, db_str(res, i, 3));
		rows[i].sector = arena_strdup(a, db_str(res, i, 4));
		rows[i].assessed = db_bool(res, i, 5);
		rows[i].scan_no = db_ll(res, i, 6, 0);
	}
	PQclear(res);
	*out = rows;
	return n;
}

int db_research_company_ids(struct db *db, struct arena *a, long long research_org_id, long long **out)
{
	char rid[DB_ID_LEN];
	db_id_text(rid, research_org_id);
	PGresult *res = db_q(db, "SELECT DISTINCT s.company_id FROM scans s JOIN organisations o ON o.id = s.org_id"
		    " WHERE o.share_research AND o.research_org_id = $1 AND s.submitted_at IS NOT NULL", rid);
	if (!res)
		return -1;
	int n = PQntuples(res);
	long long *ids = arena_alloc(a, sizeof(*ids) * (n ? (size_t)n : 1));
	for (int i = 0; i < n; i++)
		ids[i] = db_ll(res, i, 0, 0);
	PQclear(res);
	*out = ids;
	return n;
}

long long db_research_scan_by_number(struct db *db, long long research_org_id, long long company_id, long n)
{
	char rid[DB_ID_LEN], cid[24], num[24];
	db_id_text(rid, research_org_id);
	db_id_text(cid, company_id);
	snprintf(num, sizeof(num), "%ld", n);
	PGresult *res = db_q(db, "SELECT s.id FROM scans s JOIN organisations o ON o.id = s.org_id"
			     " WHERE s.company_id = $2 AND s.submitted_at IS NOT NULL AND o.share_research"
			     " AND o.research_org_id = $1 ORDER BY s.submitted_at, s.id OFFSET $3::bigint - 1 LIMIT 1",
			     rid, cid, num);
	if (!res)
		return -1;
	long long id = PQntuples(res) ? db_ll(res, 0, 0, 0) : 0;
	PQclear(res);
	return id;
}

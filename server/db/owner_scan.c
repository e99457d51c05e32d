/* owner_scan.c: SQL for the owner's side of a scan; see owner_scan.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cJSON.h>

#include "server/db/owner_scan.h"
#include "server/db/row.h"
#include "common/buf.h"
#include "common/crypto.h"
#include "common/banned.h"

/* Runs on every page of every owner: prepared once per connection, and a
 * PL/pgSQL function (migrations/0086) so that behind a pooler, without prepared
 * statements, the join is still planned once per server connection. */
static const char by_token_sql[] = "SELECT * FROM owner_scan_by_token($1, $2::boolean)";

int db_scan_by_token(struct db *db, const char *token, int with_answers, struct arena *a,
		     struct owner_scan *out)
{
	char hash[SHA256_HEX_LEN + 1];
	crypto_sha256_hex(token, strlen(token), hash);
	PGresult *res = db_qp(db, by_token_sql, hash, with_answers ? "t" : "f");
	int found = db_rows_found(res);
	if (found != 1)
		return found;
	out->id = db_ll(res, 0, 0, 0);
	out->questionnaire_id = db_ll(res, 0, 1, 0);
	out->status = arena_strdup(a, db_str(res, 0, 2));
	out->lang = strcmp(db_str(res, 0, 3), "en") == 0 ? "en" : "nl";
	out->consent = db_bool(res, 0, 4);
	out->last_page = (int)db_ll(res, 0, 5, 0);
	out->sector = arena_strdup(a, db_str(res, 0, 6));
	out->fte = arena_strdup(a, db_str(res, 0, 7));
	out->employees = arena_strdup(a, db_str(res, 0, 8));
	out->municipality = arena_strdup(a, db_str(res, 0, 9));
	out->company_name = arena_strdup(a, db_str(res, 0, 10));
	out->org_slug = arena_strdup(a, db_str(res, 0, 11));
	out->org_name = arena_strdup(a, db_str(res, 0, 12));
	out->research_name = arena_strdup(a, db_str(res, 0, 13));
	out->show_first_impression = db_bool(res, 0, 14);
	out->share_research = db_bool(res, 0, 15);
	out->answers_json = arena_strdup(a, db_get(res, 0, 16));
	PQclear(res);
	return 1;
}

/* Runs an UPDATE … RETURNING on one scan: 1 when a row came back, 0 when none. */
static int update_one(PGresult *res)
{
	if (!res)
		return -1;
	int n = PQntuples(res);
	PQclear(res);
	return n > 0 ? 1 : 0;
}

int db_scan_consent(struct db *db, long long scan_id, const char *consent_version)
{
	DB_ID(sid, scan_id);
	return update_one(db_q(db,
		"UPDATE scans SET consent_at = coalesce(consent_at, now()),"
		" consent_version = coalesce(consent_version, $2), status = 'started',"
		" started_at = coalesce(started_at, now()), updated_at = now()"
		" WHERE id = $1 AND status IN ('invited', 'started') RETURNING id", sid, consent_version));
}

int db_scan_profile_save(struct db *db, long long scan_id, const char *sector, const char *fte,
			 const char *employees, const char *municipality, int next_page)
{
	char sid[DB_ID_LEN], page[16];
	db_id_text(sid, scan_id);
	snprintf(page, sizeof(page), "%d", next_page);
	return update_one(db_q(db,
		"UPDATE scans SET sector = $2, fte = $3::numeric, employees = $4::int, municipality = $5,"
		" last_page = $6::int, updated_at = now() WHERE id = $1 AND status = 'started' RETURNING id",
		sid, sector, fte, employees, municipality, page));
}

int db_scan_set_last_page(struct db *db, long long scan_id, int page)
{
	char sid[DB_ID_LEN], p[16];
	db_id_text(sid, scan_id);
	snprintf(p, sizeof(p), "%d", page);
	return db_x(db, "UPDATE scans SET last_page = $2::int WHERE id = $1 AND status = 'started'"
		    " AND last_page <> $2::int", sid, p);
}

int db_scan_set_lang(struct db *db, long long scan_id, const char *lang)
{
	DB_ID(sid, scan_id);
	return db_x(db, "UPDATE scans SET lang = $2 WHERE id = $1 AND lang <> $2", sid, lang);
}

int db_scan_lock_for_submit(struct db *db, long long scan_id, char *status, size_t statuslen)
{
	DB_ID(sid, scan_id);
	PGresult *res = db_q(db, "SELECT status FROM scans WHERE id = $1 FOR UPDATE", sid);
	if (!res)
		return -1;
	int found = PQntuples(res) == 1;
	if (found)
		snprintf(status, statuslen, "%s", db_str(res, 0, 0));
	PQclear(res);
	return found;
}

char *db_scan_answers_json(struct db *db, long long scan_id)
{
	DB_ID(sid, scan_id);
	PGresult *res = db_q(db, "SELECT json_build_object('answers', coalesce(json_object_agg(item_key, value), '{}'))::text"
				 " FROM answers WHERE scan_id = $1", sid);
	if (!res)
		return NULL;
	char *out = strdup(db_str(res, 0, 0));
	PQclear(res);
	if (!out)
		abort();
	return out;
}

int db_scan_mark_submitted(struct db *db, long long scan_id)
{
	DB_ID(sid, scan_id);
	if (db_x(db, "UPDATE scans SET status = 'submitted', submitted_at = now(), updated_at = now() WHERE id = $1", sid))
		return -1;
	/* the scan's number within its company, as the research exports name it (0094) */
	if (db_x(db, "UPDATE research_rows rr SET scan_no = (SELECT count(*) FROM scans s2 WHERE s2.company_id = s.company_id"
		     " AND s2.submitted_at IS NOT NULL AND (s2.submitted_at, s2.id) <= (s.submitted_at, s.id))"
		     " FROM scans s WHERE s.id = $1 AND rr.scan_id = s.id", sid))
		return -1;
	return db_x(db, "UPDATE companies SET last_activity_at = now() WHERE id = (SELECT company_id FROM scans WHERE id = $1)",
		    sid);
}

int db_scan_pillar_scores(struct db *db, long long scan_id, const struct questionnaire *q,
			  double *scores, int n)
{
	DB_ID(sid, scan_id);
	PGresult *res = db_q(db, "SELECT key, score FROM scores WHERE scan_id = $1 AND level = 'pillar'", sid);
	if (!res)
		return -1;
	int filled = 0;
	for (size_t i = 0; i < q->n_pillars && filled < n; i++) {
		scores[filled] = NAN;
		for (int row = 0; row < PQntuples(res); row++)
			if (strcmp(db_str(res, row, 0), q->pillars[i].key) == 0)
				scores[filled] = db_double(res, row, 1, NAN);
		filled++;
	}
	PQclear(res);
	return filled;
}

int db_installation_secret(struct db *db, const char *key, unsigned char *out, int cap)
{
	PGresult *res = db_qb(db, "SELECT value FROM installation WHERE key = $1", key);
	if (!res)
		return -1;
	int n = PQntuples(res) == 1 ? PQgetlength(res, 0, 0) : -1;
	if (n >= 16 && n <= cap)
		memcpy(out, PQgetvalue(res, 0, 0), (size_t)n);
	else
		n = -1;
	PQclear(res);
	return n;
}

int db_org_privacy(struct db *db, const char *slug, struct arena *a, struct org_privacy *out)
{
	PGresult *res = db_q(db,
		"SELECT o.name, o.region, o.privacy_contact, o.contact_email, coalesce(ro.name, ''),"
		" o.retention_years, o.share_research, o.share_open_text, o.keep_anonymous_scores,"
		" o.erase_company_names FROM organisations o"
		" LEFT JOIN organisations ro ON ro.id = o.research_org_id WHERE o.slug = $1 AND o.kind = 'association'",
		slug);
	if (!res)
		return -1;
	int found = PQntuples(res) == 1;
	if (found) {
		out->name = arena_strdup(a, db_str(res, 0, 0));
		out->region = arena_strdup(a, db_str(res, 0, 1));
		out->privacy_contact = arena_strdup(a, db_str(res, 0, 2));
		out->contact_email = arena_strdup(a, db_str(res, 0, 3));
		out->research_name = arena_strdup(a, db_str(res, 0, 4));
		out->retention_years = (int)db_ll(res, 0, 5, 5);
		out->share_research = db_bool(res, 0, 6);
		out->share_open_text = db_bool(res, 0, 7);
		out->keep_anonymous_scores = db_bool(res, 0, 8);
		out->erase_company_names = db_bool(res, 0, 9);
	}
	PQclear(res);
	return found;
}

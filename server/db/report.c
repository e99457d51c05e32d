/* report.c: SQL of the personal report and the frozen final reports; see report.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>

#include "server/db/report.h"
#include "server/db/row.h"
#include "common/banned.h"


long long db_report_scan_org(struct db *db, long long scan_id)
{
	DB_ID(id, scan_id);
	PGresult *res = db_q(db, "SELECT org_id FROM scans WHERE id = $1 AND submitted_at IS NOT NULL", id);
	if (!res)
		return -1;
	long long org = PQntuples(res) == 1 ? db_ll(res, 0, 0, 0) : 0;
	PQclear(res);
	return org;
}

int db_report_facts(struct db *db, struct arena *a, long long scan_id, struct report_facts *out)
{
	DB_ID(id, scan_id);
	memset(out, 0, sizeof(*out));
	PGresult *res = db_q(db,
		"SELECT s.lang, o.name, o.contact_email, o.retention_years, o.owner_report_download,"
		" o.share_research, coalesce(ro.name, ''),"
		" coalesce(nullif(u.name, ''), ''), coalesce(u.email, ''),"
		" q.key || '-' || q.version, coalesce(res.engine_version, '')"
		" FROM scans s JOIN organisations o ON o.id = s.org_id"
		" JOIN companies c ON c.id = s.company_id"
		" JOIN questionnaires q ON q.id = s.questionnaire_id"
		" LEFT JOIN organisations ro ON ro.id = o.research_org_id AND o.share_research"
		" LEFT JOIN users u ON u.id = coalesce(s.advisor_id, c.advisor_id)"
		" LEFT JOIN results res ON res.scan_id = s.id"
		" WHERE s.id = $1", id);
	int found = db_rows_found(res);
	if (found != 1)
		return found;
	const char *s[11];
	for (int i = 0; i < 11; i++)
		s[i] = arena_strdup(a, db_str(res, 0, i));
	out->lang = strcmp(s[0], "en") == 0 ? "en" : "nl";
	out->org_name = s[1];
	out->contact_email = s[2];
	out->retention_years = (int)db_ll(res, 0, 3, 5);
	out->owner_report_download = db_bool(res, 0, 4);
	out->share_research = db_bool(res, 0, 5);
	out->research_org_name = s[6];
	out->advisor_name = s[7];
	out->advisor_email = s[8];
	out->questionnaire_version = s[9];
	out->engine_version = s[10];
	PQclear(res);
	/* the logo as bytes (a binary result: only the bytea column) */
	res = db_qb(db, "SELECT o.logo_png FROM scans s JOIN organisations o ON o.id = s.org_id"
		    " WHERE s.id = $1 AND o.logo_png IS NOT NULL", id);
	if (!res)
		return -1;
	if (PQntuples(res) == 1 && PQgetlength(res, 0, 0) > 0) {
		size_t len = (size_t)PQgetlength(res, 0, 0);
		unsigned char *png = arena_alloc(a, len);
		memcpy(png, PQgetvalue(res, 0, 0), len);
		out->logo_png = png;
		out->logo_len = len;
	}
	PQclear(res);
	return 1;
}

int db_report_insert(struct db *db, long long scan_id, const void *pdf, size_t len, const char *sha256,
		     long long user_id, time_t created, long long refresh_id, int text_revision, int *version)
{
	char rev[16];
	snprintf(rev, sizeof(rev), "%d", text_revision > 0 ? text_revision : 1);
	DB_ID(id, scan_id);
	DB_ID(uid, user_id);
	DB_ID(ref, refresh_id);
	DB_ID(at, (long long)created);
	/* The scan row is locked by the status change of the same transaction, so
	 * two finalizations cannot pick the same version; UNIQUE guards it anyway. */
	PGresult *res = db_query_bytes(db,
		"INSERT INTO reports(scan_id, version, pdf, sha256, created_by, created_at, benchmark_refresh_id,"
		" text_revision)"
		" SELECT $1, coalesce(max(version), 0) + 1, $2::bytea, $3, nullif($4, '0')::bigint,"
		"  to_timestamp($5::double precision), nullif($6, '0')::bigint, $7::integer"
		" FROM reports WHERE scan_id = $1 RETURNING version",
		7, DB_PARAMS(id, NULL, sha256, uid, at, ref, rev), 1, pdf, len);
	if (!res)
		return -1;
	*version = (int)db_ll(res, 0, 0, 0);
	PQclear(res);
	return 0;
}

int db_report_list(struct db *db, struct arena *a, long long scan_id, struct report_version **out)
{
	DB_ID(id, scan_id);
	PGresult *res = db_q(db, "SELECT r.version, r.sha256, to_char(r.created_at AT TIME ZONE current_setting('TimeZone'),"
		    " 'YYYY-MM-DD HH24:MI'), coalesce(nullif(u.name, ''), u.email, ''), octet_length(r.pdf),"
		    " coalesce(r.benchmark_refresh_id, 0)"
		    " FROM reports r LEFT JOIN users u ON u.id = r.created_by"
		    " WHERE r.scan_id = $1 ORDER BY r.version DESC", id);
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct report_version *rows = db_rows_alloc(a, res, sizeof(*rows));
	for (int i = 0; i < n; i++) {
		rows[i].version = (int)db_ll(res, i, 0, 0);
		rows[i].sha256 = db_row_str(a, res, i, 1);
		rows[i].created = db_row_str(a, res, i, 2);
		rows[i].creator = db_row_str(a, res, i, 3);
		rows[i].size = db_ll(res, i, 4, 0);
		rows[i].refresh_id = db_ll(res, i, 5, 0);
	}
	PQclear(res);
	*out = rows;
	return n;
}

int db_report_get(struct db *db, struct arena *a, long long scan_id, int version, struct stored_report *out)
{
	DB_ID(id, scan_id);
	DB_ID(v, version);
	memset(out, 0, sizeof(*out));
	/* a binary result: the bytea as bytes, the other columns as text */
	PGresult *res = db_qb(db, "SELECT r.version::text, r.pdf, r.sha256,"
			      " extract(epoch FROM r.created_at)::bigint::text, coalesce(c.name, ''),"
			      " to_char(r.created_at, 'YYYY-MM-DD')"
			      " FROM reports r JOIN scans s ON s.id = r.scan_id LEFT JOIN companies c ON c.id = s.company_id"
			      " WHERE r.scan_id = $1 AND ($2 = '0' OR r.version = $2::int)"
			      " ORDER BY r.version DESC LIMIT 1", id, v);
	int found = db_rows_found(res);
	if (found != 1)
		return found;
	out->len = (size_t)PQgetlength(res, 0, 1);
	out->pdf = arena_alloc(a, out->len ? out->len : 1);
	memcpy(out->pdf, PQgetvalue(res, 0, 1), out->len);
	int rc = 1;
	out->version = (int)db_ll(res, 0, 0, 0);
	out->sha256 = arena_strdup(a, db_str(res, 0, 2));
	out->created = (time_t)db_ll(res, 0, 3, 0);
	out->company = arena_strdup(a, db_str(res, 0, 4));
	out->day = arena_strdup(a, db_str(res, 0, 5));
	PQclear(res);
	return rc;
}

int db_report_owner_available(struct db *db, long long scan_id)
{
	DB_ID(sid, scan_id);
	PGresult *res = db_q(db, "SELECT o.owner_report_download AND EXISTS (SELECT 1 FROM reports r WHERE r.scan_id = s.id)"
				 " FROM scans s JOIN organisations o ON o.id = s.org_id WHERE s.id = $1", sid);
	if (!res)
		return -1;
	int yes = PQntuples(res) == 1 && db_bool(res, 0, 0);
	PQclear(res);
	return yes;
}

/* protection.c: access export, erasure, erasure requests and the retention purge;
 * see protection.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/db/protection.h"
#include "server/db/row.h"
#include "common/buf.h"
#include "common/banned.h"

#define ISO(col) "to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

/* One document, built by PostgreSQL so that every table is read in one snapshot.
 * Staff appear by role only in the access log (their names are not the owner's
 * data); advisors' names do appear where they are part of the service (advisor). */
/* (split in parts: ISO C caps one string literal at 4095 bytes) */
static const char *const export_sql[] = {
	"SELECT jsonb_build_object("
	" 'format', 'fphc-data-export-1',"
	" 'generated_at', " ISO("now()") ","
	" 'association', (SELECT jsonb_build_object('name', o.name, 'privacy_contact', o.privacy_contact,"
	"    'contact_email', o.contact_email, 'retention_years', o.retention_years,"
	"    'shares_pseudonymised_data_with_research', o.share_research,"
	"    'keeps_anonymous_scores_after_erasure', o.keep_anonymous_scores)"
	"    FROM organisations o WHERE o.id = c.org_id),"
	" 'company', jsonb_build_object('name', c.name, 'kvk', c.kvk, 'sector', c.sector, 'fte', c.fte,"
	"    'employees', c.employees, 'municipality', c.municipality, 'contact_name', c.contact_name,"
	"    'email', c.email, 'phone', c.phone, 'created_at', " ISO("c.created_at") ","
	"    'last_activity_at', " ISO("c.last_activity_at") ", 'erased_at', " ISO("c.erased_at") ","
	"    'advisor', (SELECT u.name FROM users u WHERE u.id = c.advisor_id)),"
	" 'scans', coalesce((SELECT jsonb_agg(jsonb_build_object("
	"    'id', s.id,"
	"    'questionnaire', (SELECT q.key || '-' || q.version FROM questionnaires q WHERE q.id = s.questionnaire_id),"
	"    'status', s.status, 'language', s.lang, 'consent_at', " ISO("s.consent_at") ","
	"    'consent_text_version', s.consent_version,"
	"    'profile', jsonb_build_object('sector', s.sector, 'fte', s.fte, 'employees', s.employees,"
	"       'municipality', s.municipality),"
	"    'created_at', " ISO("s.created_at") ", 'started_at', " ISO("s.started_at") ","
	"    'submitted_at', " ISO("s.submitted_at") ",",
	"    'answers', coalesce((SELECT jsonb_object_agg(a.item_key, a.value) FROM answers a WHERE a.scan_id = s.id), '{}'),"
	"    'result', (SELECT r.result FROM results r WHERE r.scan_id = s.id),"
	"    'scores', coalesce((SELECT jsonb_agg(jsonb_build_object('level', x.level, 'key', x.key, 'score', x.score,"
	"       'valid', x.valid, 'band', x.band) ORDER BY x.level, x.key) FROM scores x WHERE x.scan_id = s.id), '[]'),"
	"    'advice', coalesce((SELECT jsonb_agg(jsonb_build_object('theme', d.theme_key, 'text', d.body_md,"
	"       'updated_at', " ISO("d.updated_at") ") ORDER BY d.theme_key) FROM scan_advice d WHERE d.scan_id = s.id), '[]'),"
	"    'offers', coalesce((SELECT jsonb_agg(jsonb_build_object('theme', so.theme_key, 'offer', f.title,"
	"       'provider', f.provider, 'note', so.note) ORDER BY so.theme_key, f.title)"
	"       FROM scan_offers so JOIN offers f ON f.id = so.offer_id WHERE so.scan_id = s.id), '[]'),"
	"    'research_assessment', (SELECT jsonb_build_object('text', ra.body, 'judgements', ra.judgements,"
	"       'updated_at', " ISO("ra.updated_at") ") FROM research_assessments ra WHERE ra.scan_id = s.id),"
	"    'meeting', (SELECT jsonb_build_object('planned_date', m.planned_date, 'planned_time', m.planned_time,"
	"       'place', m.place, 'held_date', m.held_date, 'attendees', m.attendees, 'notes', m.notes)"
	"       FROM scan_meetings m WHERE m.scan_id = s.id),"
	"    'actions', coalesce((SELECT jsonb_agg(jsonb_build_object('what', t.what, 'who', t.who_kind,"
	"       'who_name', t.who_name, 'due_date', t.due_date, 'status', t.status, 'notes', t.notes,",
	"       'created_at', " ISO("t.created_at") ") ORDER BY t.id) FROM scan_actions t WHERE t.scan_id = s.id), '[]'),"
	"    'status_history', coalesce((SELECT jsonb_agg(jsonb_build_object('at', " ISO("h.at") ", 'from', h.from_status,"
	"       'to', h.to_status, 'reason', h.reason) ORDER BY h.id) FROM scan_status_history h WHERE h.scan_id = s.id), '[]'),"
	"    'invitations', coalesce((SELECT jsonb_agg(jsonb_build_object('email', i.email,"
	"       'created_at', " ISO("i.created_at") ", 'expires_at', " ISO("i.expires_at") ","
	"       'revoked_at', " ISO("i.revoked_at") ", 'sent_at', " ISO("i.sent_at") ") ORDER BY i.id)"
	"       FROM invitations i WHERE i.scan_id = s.id), '[]')"
	"  ) ORDER BY s.id) FROM scans s WHERE s.company_id = c.id), '[]'),"
	" 'take_part_requests', coalesce((SELECT jsonb_agg(jsonb_build_object('name', p.name, 'company_name', p.company_name,"
	"    'email', p.email, 'phone', p.phone, 'fte', p.fte, 'status', p.status, 'created_at', " ISO("p.created_at") ")"
	"    ORDER BY p.id) FROM participation_requests p WHERE p.company_id = c.id), '[]'),"
	" 'erasure_requests', coalesce((SELECT jsonb_agg(jsonb_build_object('requested_at', " ISO("e.requested_at") ","
	"    'status', e.status, 'handled_at', " ISO("e.handled_at") ") ORDER BY e.id)"
	"    FROM erasure_requests e WHERE e.company_id = c.id), '[]'),"
	" 'access_log', coalesce((SELECT jsonb_agg(jsonb_build_object('at', " ISO("l.at") ", 'action', l.action,"
	"    'by', CASE WHEN l.user_id IS NULL THEN 'owner or system' ELSE 'association staff' END) ORDER BY l.id)",
	"    FROM audit_log l WHERE ((l.object_type = 'company' AND l.object_id = c.id)"
	"    OR (l.object_type = 'scan' AND l.object_id IN (SELECT id FROM scans WHERE company_id = c.id)))"
	/* only this association's own entries (and the owner's): another association's
	 * refused attempt at this company is its business, not this export's */
	"    AND (l.org_id = c.org_id OR l.org_id IS NULL)), '[]')"
	")::text FROM companies c WHERE c.id = $1 AND ($2::bigint IS NULL OR c.org_id = $2::bigint)",
};

int db_company_data_json(struct db *db, long long org_id, long long company_id, char **out)
{
	char cid[DB_ID_LEN], oid[24];
	db_id_text(cid, company_id);
	db_id_text(oid, org_id);
	*out = NULL;
	struct buf sql;
	buf_init(&sql, 0);
	for (size_t i = 0; i < sizeof(export_sql) / sizeof(export_sql[0]); i++)
		buf_puts(&sql, export_sql[i]);
	PGresult *res = db_q(db, sql.data, cid, org_id ? oid : NULL);
	buf_release(&sql);
	if (!res)
		return -1;
	int found = PQntuples(res) == 1;
	if (found) {
		*out = strdup(db_str(res, 0, 0));
		if (!*out)
			abort();
	}
	PQclear(res);
	return found;
}

long long db_company_of_scan(struct db *db, long long scan_id)
{
	DB_ID(sid, scan_id);
	PGresult *res = db_q(db, "SELECT company_id FROM scans WHERE id = $1", sid);
	if (!res)
		return -1;
	long long id = PQntuples(res) ? db_ll(res, 0, 0, 0) : 0;
	PQclear(res);
	return id;
}

/* Runs a "WITH d AS (DELETE … RETURNING 1) SELECT count(*) FROM d" style
 * statement with the company id (and org id) as $1 ($2); adds the count. */
static int count_into(struct db *db, const char *sql, const char *cid, long long *acc)
{
	PGresult *res = db_q(db, sql, cid);
	if (!res)
		return -1;
	*acc += db_ll(res, 0, 0, 0);
	PQclear(res);
	return 0;
}

#define SCANS_OF "(SELECT id FROM scans WHERE company_id = $1::bigint)"
#define KILL(table) "WITH d AS (DELETE FROM " table " WHERE scan_id IN " SCANS_OF " RETURNING 1) SELECT count(*) FROM d"

/* Personal notes about the company's scans: always deleted. */
static const char *const notes_sql[] = {
	KILL("scan_advice"), KILL("scan_offers"), KILL("research_assessments"), KILL("scan_meetings"),
	KILL("scan_actions"), KILL("scan_status_history"),
};

/* $1 the erased company: one new company row (erased, no name, no contact
 * data, no FTE) takes over its kept scans; none when no scan is kept. */
#define ANONYMISE_KEPT_SCANS_SQL \
	"WITH n AS (INSERT INTO companies (org_id, name, sector, is_demo, erased_at, created_at, updated_at, last_activity_at)" \
	" SELECT c.org_id, 'Anonieme scores', c.sector, c.is_demo, now(), now(), now(), now() FROM companies c" \
	" WHERE c.id = $1::bigint AND EXISTS (SELECT 1 FROM scans s WHERE s.company_id = c.id) RETURNING id)" \
	" UPDATE scans s SET company_id = n.id FROM n WHERE s.company_id = $1::bigint"

static int erase_rows(struct db *db, const char *cid, int keep_scores, struct erase_report *o)
{
	for (size_t i = 0; i < sizeof(notes_sql) / sizeof(notes_sql[0]); i++)
		if (count_into(db, notes_sql[i], cid, &o->notes_deleted) != 0)
			return -1;
	/* The final PDF reports (table `reports`, added by the reports part) hold the
	 * advice and the name: deleted when the table exists. */
	PGresult *has = db_query(db, "SELECT count(*) > 0 FROM information_schema.columns"
				 " WHERE table_schema = 'public' AND table_name = 'reports' AND column_name = 'scan_id'", 0, NULL);
	if (!has)
		return -1;
	int reports = db_bool(has, 0, 0);
	PQclear(has);
	if (reports && count_into(db, KILL("reports"), cid, &o->notes_deleted) != 0)
		return -1;
	/* the report's own web link (/r/TOKEN) goes with the reports it opened */
	long long links = 0;
	if (count_into(db, KILL("report_links"), cid, &links) != 0)
		return -1;
	if (count_into(db, KILL("invitations"), cid, &o->invitations_deleted) != 0 ||
	    count_into(db, "WITH d AS (DELETE FROM participation_requests WHERE company_id = $1::bigint RETURNING 1)"
		       " SELECT count(*) FROM d", cid, &o->requests_deleted) != 0)
		return -1;
	/* the follow-up meeting invitations hold the company's e-mail address and
	 * its attendance: they go, whatever is kept of the scores (issue 20) */
	if (count_into(db, "WITH d AS (DELETE FROM event_signups WHERE company_id = $1::bigint RETURNING 1)"
		       " SELECT count(*) FROM d", cid, &o->invitations_deleted) != 0)
		return -1;
	if (keep_scores) {
		/* open-text items (type "text") and any scan never submitted go; the
		 * closed answers and scores of submitted scans stay, unlinked */
		if (count_into(db,
			       "WITH d AS (DELETE FROM answers a USING scans s, questionnaires q"
			       " WHERE a.scan_id = s.id AND s.company_id = $1::bigint AND q.id = s.questionnaire_id"
			       " AND (s.submitted_at IS NULL OR a.item_key IN (SELECT jsonb_path_query(q.definition,"
			       "  'strict $.pillars[*].themes[*].items[*] ? (@.type == \"text\").key') #>> '{}'))"
			       " RETURNING 1) SELECT count(*) FROM d", cid, &o->answers_deleted) != 0 ||
		    count_into(db, "WITH d AS (DELETE FROM scans WHERE company_id = $1::bigint AND submitted_at IS NULL"
			       " RETURNING 1) SELECT count(*) FROM d", cid, &o->scans_deleted) != 0 ||
		    count_into(db, "WITH d AS (UPDATE scans SET municipality = NULL"
			       " WHERE company_id = $1::bigint RETURNING 1) SELECT count(*) FROM d", cid, &o->scans_kept) != 0)
			return -1;
		/* research_rows holds a copy of the answers for the exports: rebuilt
		 * from what is left, so the open text goes from the exports too
		 * (0.1.0 kept it there; migration 0061 repairs such rows). */
		if (db_x(db, "UPDATE research_rows rr SET answers = coalesce((SELECT jsonb_object_agg(a.item_key, a.value)::text"
			 " FROM answers a WHERE a.scan_id = rr.scan_id), '{}')"
			 " FROM scans s WHERE s.id = rr.scan_id AND s.company_id = $1::bigint", cid) != 0)
			return -1;
		/* The kept scans move to a new, nameless company row: their research
		 * pseudonym (HMAC of the company id) becomes a fresh one, so they cannot
		 * be linked to exports the research group already holds, nor to the
		 * erased company's tombstone. Migration 0077 did the same for earlier
		 * erasures. */
		if (db_x(db, ANONYMISE_KEPT_SCANS_SQL, cid) != 0)
			return -1;
	} else {
		if (count_into(db, "WITH d AS (DELETE FROM answers WHERE scan_id IN " SCANS_OF " RETURNING 1)"
			       " SELECT count(*) FROM d", cid, &o->answers_deleted) != 0 ||
		    count_into(db, "WITH d AS (DELETE FROM scans WHERE company_id = $1::bigint RETURNING 1)"
			       " SELECT count(*) FROM d", cid, &o->scans_deleted) != 0)
			return -1;
	}
	return 0;
}

int db_company_erase(struct db *db, long long org_id, long long company_id, const struct erase_actor *who,
		     int own_tx, struct erase_report *out)
{
	char cid[DB_ID_LEN], oid[24], uid[24];
	db_id_text(cid, company_id);
	db_id_text(oid, org_id);
	db_id_text(uid, who->user_id);
	memset(out, 0, sizeof(*out));
	if (own_tx && db_begin(db) != 0)
		return -1;
	PGresult *res = db_q(db,
		"SELECT o.keep_anonymous_scores, o.erase_company_names FROM companies c"
		" JOIN organisations o ON o.id = c.org_id"
		" WHERE c.id = $1 AND c.org_id = $2 AND c.erased_at IS NULL FOR UPDATE OF c", cid, oid);
	if (!res)
		goto fail;
	if (PQntuples(res) != 1) {
		PQclear(res);
		if (own_tx)
			db_rollback(db);
		return 0;
	}
	int keep = db_bool(res, 0, 0), names = db_bool(res, 0, 1);
	PQclear(res);
	if (erase_rows(db, cid, keep, out) != 0)
		goto fail;
	char detail[512];
	snprintf(detail, sizeof(detail),
		 "{\"reason\":\"%s\",\"kept_anonymous_scores\":%s,\"names_erased\":%s,\"scans_deleted\":%lld,"
		 "\"scans_kept\":%lld,\"answers_deleted\":%lld,\"notes_deleted\":%lld,\"invitations_deleted\":%lld,"
		 "\"requests_deleted\":%lld}",
		 who->reason, keep ? "true" : "false", names ? "true" : "false", out->scans_deleted,
		 out->scans_kept, out->answers_deleted, out->notes_deleted, out->invitations_deleted,
		 out->requests_deleted);
	if (db_x(db,
		 "UPDATE companies SET contact_name = '', email = '', phone = '', municipality = '',"
		 " name = CASE WHEN $2::boolean THEN 'Verwijderd bedrijf ' || id ELSE name END,"
		 " kvk = CASE WHEN $2::boolean THEN NULL ELSE kvk END,"
		 " erased_at = now(), updated_at = now() WHERE id = $1", cid, names ? "true" : "false") != 0 ||
	    db_x(db, "UPDATE erasure_requests SET status = 'done', handled_at = now(), handled_by = $2::bigint"
		 " WHERE company_id = $1 AND status = 'pending'", cid, who->user_id > 0 ? uid : NULL) != 0 ||
	    db_x(db, "INSERT INTO audit_log(org_id, user_id, actor, action, object_type, object_id, detail, ip)"
		 " VALUES ($1::bigint, $2::bigint, $3, 'company_erased', 'company', $4::bigint, $5::jsonb, $6)",
		 oid, who->user_id > 0 ? uid : NULL, who->actor, cid, detail, who->ip) != 0)
		goto fail;
	if (own_tx && db_commit(db) != 0)
		goto fail;
	return 1;
fail:
	if (own_tx)
		db_rollback(db);
	return -1;
}

int db_erasure_request(struct db *db, long long scan_id, const char *ip)
{
	DB_ID(sid, scan_id);
	PGresult *res = db_q(db,
		"WITH s AS (SELECT s.id, s.org_id, s.company_id FROM scans s WHERE s.id = $1),"
		" ins AS (INSERT INTO erasure_requests(org_id, company_id, scan_id)"
		"   SELECT org_id, company_id, id FROM s ON CONFLICT (company_id) WHERE status = 'pending' DO NOTHING"
		"   RETURNING id, org_id, company_id),"
		" a AS (INSERT INTO audit_log(org_id, actor, action, object_type, object_id, detail, ip)"
		"   SELECT org_id, 'owner', 'erasure_requested', 'company', company_id,"
		"     jsonb_build_object('scan', $1::bigint, 'request', id), $2 FROM ins RETURNING 1)"
		" SELECT (SELECT count(*) FROM ins), (SELECT count(*) FROM a)", sid, ip);
	if (!res)
		return -1;
	int fresh = db_ll(res, 0, 0, 0) > 0;
	PQclear(res);
	return fresh ? 1 : 2;
}

int db_audit_owner(struct db *db, long long scan_id, const char *action, const char *ip)
{
	DB_ID(sid, scan_id);
	return db_x(db, "INSERT INTO audit_log(org_id, actor, action, object_type, object_id, ip)"
		    " SELECT org_id, 'owner', $2, 'scan', id, $3 FROM scans WHERE id = $1", sid, action, ip);
}

int db_erasure_pending(struct db *db, struct arena *a, long long org_id, struct erasure_request_row **out)
{
	DB_ID(oid, org_id);
	PGresult *res = db_q(db,
		"SELECT e.id, e.company_id, c.name, to_char(e.requested_at, 'YYYY-MM-DD') FROM erasure_requests e"
		" JOIN companies c ON c.id = e.company_id WHERE e.org_id = $1 AND e.status = 'pending'"
		" ORDER BY e.requested_at", oid);
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct erasure_request_row *rows = db_rows_alloc(a, res, sizeof(*rows));
	for (int i = 0; i < n; i++) {
		rows[i].id = db_ll(res, i, 0, 0);
		rows[i].company_id = db_ll(res, i, 1, 0);
		rows[i].company = db_row_str(a, res, i, 2);
		rows[i].requested = db_row_str(a, res, i, 3);
	}
	PQclear(res);
	*out = rows;
	return n;
}

int db_erasure_pending_for(struct db *db, long long org_id, long long company_id, char when[16])
{
	char oid[DB_ID_LEN], cid[24];
	db_id_text(oid, org_id);
	db_id_text(cid, company_id);
	when[0] = '\0';
	PGresult *res = db_q(db, "SELECT to_char(requested_at, 'YYYY-MM-DD') FROM erasure_requests"
			     " WHERE org_id = $1 AND company_id = $2 AND status = 'pending'", oid, cid);
	if (!res)
		return -1;
	int n = PQntuples(res);
	if (n)
		snprintf(when, 16, "%s", db_str(res, 0, 0));
	PQclear(res);
	return n ? 1 : 0;
}

int db_erasure_policy_get(struct db *db, long long org_id, struct erasure_policy *out)
{
	DB_ID(oid, org_id);
	PGresult *res = db_q(db, "SELECT keep_anonymous_scores, erase_company_names, retention_years"
			     " FROM organisations WHERE id = $1", oid);
	if (!res)
		return -1;
	int ok = PQntuples(res) == 1;
	if (ok) {
		out->keep_anonymous_scores = db_bool(res, 0, 0);
		out->erase_company_names = db_bool(res, 0, 1);
		out->retention_years = (int)db_ll(res, 0, 2, 5);
	}
	PQclear(res);
	return ok ? 0 : -1;
}

int db_erasure_policy_set(struct db *db, long long org_id, int keep_anonymous_scores, int erase_company_names)
{
	DB_ID(oid, org_id);
	return db_x(db, "UPDATE organisations SET keep_anonymous_scores = $2, erase_company_names = $3 WHERE id = $1",
		    oid, keep_anonymous_scores ? "true" : "false", erase_company_names ? "true" : "false");
}

/* ---- the audit-log browser ---- */

/* An association's entries: its own, and those without one that concern its
 * users (a failed login names the account as the object, not the actor). */
#define AUDIT_SCOPE \
	" FROM audit_log l LEFT JOIN users u ON u.id = l.user_id" \
	" LEFT JOIN users ou ON l.object_type = 'user' AND ou.id = l.object_id" \
	" WHERE (l.org_id = $1::bigint OR (l.org_id IS NULL AND (u.org_id = $1::bigint OR ou.org_id = $1::bigint)))"

int db_audit_page(struct db *db, struct arena *a, long long org_id, const struct audit_filter *f, int offset,
		  int limit, struct audit_entry **out, long long *total)
{
	char oid[DB_ID_LEN], off[16], lim[16];
	db_id_text(oid, org_id);
	snprintf(off, sizeof(off), "%d", offset);
	snprintf(lim, sizeof(lim), "%d", limit);
	PGresult *res = db_q(db,
		"SELECT l.id, to_char(l.at AT TIME ZONE current_setting('TimeZone'), 'YYYY-MM-DD HH24:MI:SS'),"
		" coalesce(nullif(u.name, ''), u.email, nullif(l.actor, ''), ou.email), l.action, l.object_type,"
		" coalesce(l.object_id::text, ''), l.detail::text, l.ip, count(*) OVER ()"
		AUDIT_SCOPE
		" AND ($2 = '' OR coalesce(l.user_id, ou.id) = nullif($2, '')::bigint) AND ($3 = '' OR l.action = $3)"
		" AND ($4 = '' OR l.at >= (nullif($4, '')::date)::timestamp AT TIME ZONE current_setting('TimeZone'))"
		" AND ($5 = '' OR l.at < (nullif($5, '')::date + 1)::timestamp AT TIME ZONE current_setting('TimeZone'))"
		" ORDER BY l.id DESC OFFSET $6 LIMIT $7",
		oid, f->user_id, f->action, f->from, f->to, off, lim);
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct audit_entry *rows = db_rows_alloc(a, res, sizeof(*rows));
	*total = 0;
	for (int i = 0; i < n; i++) {
		rows[i].id = db_ll(res, i, 0, 0);
		const char **t[] = {&rows[i].at, &rows[i].who, &rows[i].action, &rows[i].object_type,
				    &rows[i].object_id, &rows[i].detail, &rows[i].ip};
		for (int c = 0; c < 7; c++)
			*t[c] = db_row_str(a, res, i, c + 1);
		*total = db_ll(res, i, 8, 0);
	}
	PQclear(res);
	*out = rows;
	return n;
}

int db_audit_actions(struct db *db, struct arena *a, long long org_id, const char ***out)
{
	DB_ID(oid, org_id);
	return db_rows_texts(a, db_q(db, "SELECT DISTINCT l.action" AUDIT_SCOPE " ORDER BY 1", oid), out);
}

int db_audit_users(struct db *db, struct arena *a, long long org_id, struct user_option **out)
{
	DB_ID(oid, org_id);
	return db_rows_user_options(a, db_q(db, "SELECT id, coalesce(nullif(name, ''), email) FROM users"
					     " WHERE org_id = $1 ORDER BY lower(name), email", oid), out);
}

/* ---- fphc purge ---- */

struct purge_step {
	const char *label;
	const char *sql;   /* returns one count */
};

static const struct purge_step housekeeping[] = {
	{"expired sessions (8 hours idle or 7 days old)",
	 "WITH d AS (DELETE FROM sessions WHERE last_seen_at < now() - interval '8 hours'"
	 " OR created_at < now() - interval '7 days' RETURNING 1) SELECT count(*) FROM d"},
	{"used or expired password links",
	 "WITH d AS (DELETE FROM password_tokens WHERE expires_at < now() OR used_at IS NOT NULL RETURNING 1)"
	 " SELECT count(*) FROM d"},
	{"invitation links expired or revoked over 30 days ago (with their e-mail address)",
	 "WITH d AS (DELETE FROM invitations WHERE expires_at < now() - interval '30 days'"
	 " OR revoked_at < now() - interval '30 days' RETURNING 1) SELECT count(*) FROM d"},
	{"take-part requests not accepted within a year",
	 "WITH d AS (DELETE FROM participation_requests WHERE status <> 'accepted'"
	 " AND created_at < now() - interval '1 year' RETURNING 1) SELECT count(*) FROM d"},
	{"rate-limit counters older than a day",
	 "WITH d AS (DELETE FROM rate_limits WHERE window_start < now() - interval '1 day' RETURNING 1)"
	 " SELECT count(*) FROM d"},
};

static int purge_companies(struct db *db, FILE *out)
{
	PGresult *res = db_query(db,
		"SELECT c.id, c.org_id, o.slug, o.retention_years, to_char(c.last_activity_at, 'YYYY-MM-DD')"
		" FROM companies c JOIN organisations o ON o.id = c.org_id"
		" WHERE c.erased_at IS NULL AND c.last_activity_at < now() - make_interval(years => o.retention_years)"
		" ORDER BY o.slug, c.id", 0, NULL);
	if (!res)
		return -1;
	int n = PQntuples(res), rc = 0;
	struct erase_actor who = {0, "fphc purge", "", "retention"};
	for (int i = 0; i < n && rc == 0; i++) {
		struct erase_report e;
		int done = db_company_erase(db, db_ll(res, i, 1, 0), db_ll(res, i, 0, 0), &who, 0, &e);
		if (done < 0) {
			rc = -1;
			break;
		}
		fprintf(out, "  %s: company %s (last activity %s, retention %s years): erased — %lld scans deleted,"
			" %lld kept as anonymous scores, %lld answers, %lld notes, %lld invitations deleted\n",
			db_str(res, i, 2), db_str(res, i, 0), db_str(res, i, 4), db_str(res, i, 3),
			e.scans_deleted, e.scans_kept, e.answers_deleted, e.notes_deleted, e.invitations_deleted);
	}
	fprintf(out, "companies past their association's retention period: %d\n", n);
	PQclear(res);
	return rc;
}

/* Audit entries older than the association's retention period (one year for
 * entries without one: failed logins of unknown addresses). Needs the owner
 * role; under fphc_app it says so and goes on. */
static int purge_audit(struct db *db, FILE *out)
{
	if (db_exec(db, "SAVEPOINT audit_prune", 0, NULL) != 0 ||
	    db_exec(db, "SET LOCAL fphc.audit_prune = 'on'", 0, NULL) != 0)
		return -1;
	PGresult *res = db_query(db,
		"WITH d AS (DELETE FROM audit_log l WHERE l.at < now() - interval '1 year' AND l.at < now() -"
		" make_interval(years => coalesce((SELECT o.retention_years FROM organisations o WHERE o.id = l.org_id), 1))"
		" RETURNING 1) SELECT count(*) FROM d", 0, NULL);
	if (!res) {
		if (!db_failed_with(db, "42501"))
			return -1;
		db_exec(db, "ROLLBACK TO SAVEPOINT audit_prune", 0, NULL);
		fprintf(out, "audit entries older than the retention period: kept (only the owner role may prune"
			" the audit log; run fphc purge with the owner's DATABASE_URL)\n");
		return 0;
	}
	fprintf(out, "audit entries older than the retention period: %lld\n", db_ll(res, 0, 0, 0));
	PQclear(res);
	return db_exec(db, "RELEASE SAVEPOINT audit_prune", 0, NULL);
}

int db_purge(struct db *db, int dry_run, FILE *out)
{
	if (db_begin(db) != 0)
		goto fail;
	if (purge_companies(db, out) != 0)
		goto fail;
	for (size_t i = 0; i < sizeof(housekeeping) / sizeof(housekeeping[0]); i++) {
		PGresult *res = db_query(db, housekeeping[i].sql, 0, NULL);
		if (!res)
			goto fail;
		fprintf(out, "%s: %lld\n", housekeeping[i].label, db_ll(res, 0, 0, 0));
		PQclear(res);
	}
	if (purge_audit(db, out) != 0)
		goto fail;
	if (dry_run) {
		db_rollback(db);
		fprintf(out, "dry run: nothing was changed\n");
		return 0;
	}
	if (db_commit(db) != 0)
		goto fail;
	return 0;
fail:
	fprintf(out, "fphc purge: %s (nothing was changed)\n", db->err);
	db_rollback(db);
	return -1;
}

/* demo.c: SQL of the demo commands; see demo.h. */
#include <stdio.h>
#include <time.h>

#include "server/db/demo.h"
#include "server/db/questionnaire.h"
#include "common/banned.h"


int db_demo_association_link(struct db *db, long long association_id, long long research_org_id)
{
	DB_ID(rid, research_org_id);
	DB_ID(aid, association_id);
	/* a newcomer sees what owners can get: the first impression and the report download */
	return db_x(db, "UPDATE organisations SET research_org_id = $1, share_research = true, is_demo = true,"
		    " show_first_impression = true, owner_report_download = true,"
		    " privacy_contact = 'privacy@demo.example', contact_email = 'info@demo.example'"
		    " WHERE id = $2 AND research_org_id IS NULL", rid, aid);
}

int db_demo_association_set(struct db *db, long long org_id, const char *region, int share_research,
			    int share_open_text, long long research_org_id)
{
	DB_ID(oid, org_id);
	DB_ID(rid, research_org_id);
	return db_x(db, "UPDATE organisations SET is_demo = true, region = CASE WHEN region = '' THEN $2 ELSE region END,"
		    " share_research = $3::bool, share_open_text = $4::bool,"
		    " research_org_id = CASE WHEN $3::bool THEN coalesce(research_org_id, $5::bigint) END,"
		    " privacy_contact = 'privacy@' || slug || '.example', contact_email = 'info@' || slug || '.example'"
		    " WHERE id = $1",
		    oid, region, share_research ? "true" : "false", share_open_text ? "true" : "false", rid);
}

int db_demo_company_find(struct db *db, long long org_id, const char *name, long long *company_id,
			 long long *open_scan_id)
{
	DB_ID(org, org_id);
	PGresult *res = db_q(db, "SELECT c.id, (SELECT s.id FROM scans s WHERE s.company_id = c.id"
			     " AND s.status IN ('invited', 'started') ORDER BY s.id DESC LIMIT 1)"
			     " FROM companies c WHERE c.org_id = $1 AND c.name = $2 AND c.erased_at IS NULL"
			     " ORDER BY c.id LIMIT 1", org, name);
	if (!res)
		return -1;
	int found = PQntuples(res) == 1;
	*company_id = found ? db_ll(res, 0, 0, 0) : 0;
	*open_scan_id = found ? db_ll(res, 0, 1, 0) : 0;
	PQclear(res);
	return found;
}

int db_demo_company_fill(struct db *db, long long company_id)
{
	DB_ID(cid, company_id);
	return db_x(db, "UPDATE companies SET is_demo = true, employees = 52, municipality = 'Maastricht',"
		    " contact_name = 'Eva Eigenaar' WHERE id = $1", cid);
}

static double mono(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* COPY of one buffer (emptied after), timed into *secs. 0 or -1. */
static int copy_timed(struct db *db, const char *sql, struct buf *b, double *secs)
{
	double t = mono();
	int rc = db_copy_in(db, sql, b->data, b->len);
	*secs += mono() - t;
	if (rc == 0)
		buf_reset(b);
	return rc;
}

int db_demo_rows_copy(struct db *db, struct demo_rows *c, double secs[6])
{
	if (db_begin(db) != 0)
		return -1;
	if (copy_timed(db, "COPY companies(id, org_id, name, sector, fte, employees, municipality, contact_name,"
			   " email, phone, is_demo, created_at) FROM STDIN", &c->companies, &secs[0]) != 0 ||
	    copy_timed(db, "COPY scans(id, org_id, company_id, questionnaire_id, status, lang, consent_at,"
			   " consent_version, sector, fte, employees, municipality, last_page, is_demo, created_at,"
			   " started_at, submitted_at) FROM STDIN", &c->scans, &secs[1]) != 0 ||
	    copy_timed(db, "COPY answers(scan_id, item_key, value) FROM STDIN", &c->answers, &secs[2]) != 0 ||
	    copy_timed(db, "COPY results(scan_id, engine_version, overall, result) FROM STDIN", &c->results, &secs[3]) != 0 ||
	    copy_timed(db, "COPY scores(scan_id, level, key, score, valid, band) FROM STDIN", &c->scores, &secs[4]) != 0 ||
	    copy_timed(db, "COPY research_rows(scan_id, answers, scores, scan_no) FROM STDIN", &c->research, &secs[5]) != 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db);
}

long long db_demo_reserve_ids(struct db *db, enum demo_table table, long long n)
{
	/* one fixed statement per table: no SQL is built from text */
	static const char *const lock[] = {
		[DEMO_COMPANIES] = "LOCK TABLE companies IN EXCLUSIVE MODE",
		[DEMO_SCANS] = "LOCK TABLE scans IN EXCLUSIVE MODE",
	};
	static const char *const take[] = {
		[DEMO_COMPANIES] = "SELECT setval(pg_get_serial_sequence('companies', 'id'),"
				   " nextval(pg_get_serial_sequence('companies', 'id')) + $1 - 1) - $1 + 1",
		[DEMO_SCANS] = "SELECT setval(pg_get_serial_sequence('scans', 'id'),"
			       " nextval(pg_get_serial_sequence('scans', 'id')) + $1 - 1) - $1 + 1",
	};
	DB_ID(nn, n);
	if (db_begin(db) != 0)
		return -1;
	if (db_exec(db, lock[table], 0, NULL) != 0) {
		db_rollback(db);
		return -1;
	}
	PGresult *res = db_q(db, take[table], nn);
	long long first = res ? db_ll(res, 0, 0, -1) : -1;
	PQclear(res);
	if (first < 0 || db_commit(db) != 0) {
		db_rollback(db);
		return -1;
	}
	return first;
}

int db_demo_seed_session(struct db *db)
{
	/* Behind a pooler in transaction mode a session setting would stay on the
	 * server connection and reach other clients: seed with the defaults there. */
	if (db_connect(db) != 0)
		return -1;
	if (db->pooler)
		return 0;
	if (db_exec(db, "SET synchronous_commit = off", 0, NULL) != 0)
		return -1;
	PGresult *res = db_query(db, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user", 0, NULL);
	if (!res)
		return -1;
	int super = PQntuples(res) == 1 && db_bool(res, 0, 0);
	PQclear(res);
	return super ? db_exec(db, "SET session_replication_role = replica", 0, NULL) : 0;
}

int db_demo_analyze(struct db *db)
{
	return db_exec(db, "ANALYZE companies, scans, answers, results, scores, research_rows", 0, NULL);
}

long long db_demo_office_questionnaire(struct db *db)
{
	long long q = db_questionnaire_latest(db, "fphc");
	if (q != 0)
		return q;
	q = db_questionnaire_latest(db, "seed");
	if (q != 0)
		return q;
	PGresult *res = db_query(db, "INSERT INTO questionnaires(key, version, sha256, file_name, definition)"
				 " VALUES ('seed', 1, 'seed', 'seed', '{}') RETURNING id", 0, NULL);
	q = res ? db_ll(res, 0, 0, -1) : -1;
	PQclear(res);
	return q;
}

int db_demo_seed_office(struct db *db, long long org_id, long long questionnaire_id, long companies, long scans)
{
	char o[DB_ID_LEN], q[24], nc[24], ns[24];
	db_id_text(o, org_id);
	db_id_text(q, questionnaire_id);
	snprintf(nc, sizeof(nc), "%ld", companies);
	snprintf(ns, sizeof(ns), "%ld", scans);
	if (db_begin(db) != 0)
		return -1;
	/* KvK numbers continue after the highest company id, so reseeding never collides. */
	if (db_x(db,
		"INSERT INTO companies(org_id, name, kvk, sector, fte, municipality, contact_name, email, phone, is_demo,"
		" created_at)"
		" SELECT $1, (ARRAY['Bakkerij','Bouwbedrijf','Transport','Zorggroep','Installatietechniek','Drukkerij',"
		"  'Metaalbewerking','Adviesbureau','Hotel','Kinderopvang','Garage','Tuincentrum'])[1 + g % 12]"
		"  || ' ' || (ARRAY['Janssen','Peters','Smeets','Hermans','Vossen','Dassen','Lemmens','Meertens',"
		"  'Wetzels','Bemelmans','Coenen','Frissen','Geurts','Houben'])[1 + (g / 12) % 14] || ' ' || g,"
		"  lpad((10000000 + base.m + g)::text, 8, '0'),"
		"  chr(65 + (g * 7) % 21), 10 + (g * 37) % 290,"
		"  (ARRAY['Maastricht','Heerlen','Sittard-Geleen','Venlo','Roermond','Weert','Kerkrade','Venray'])[1 + g % 8],"
		"  'Contact ' || g, 'info' || g || '@bedrijf' || g || '.example', '043 ' || lpad((g % 10000000)::text, 7, '0'),"
		"  true, now() - make_interval(days => (g % 400))"
		" FROM generate_series(1, $2::int) g, (SELECT coalesce(max(id), 0) AS m FROM companies) base",
		o, nc) != 0)
		goto fail;
	if (db_x(db,
		"WITH c AS (SELECT id, sector, fte, municipality, row_number() OVER (ORDER BY id) - 1 AS n FROM companies"
		"  WHERE org_id = $1 AND is_demo ORDER BY id DESC LIMIT $3::int),"
		" staff AS (SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE org_id = $1 AND role IN ('admin','advisor')),"
		" g AS (SELECT g, (ARRAY['invited','invited','started','submitted','submitted','advice','final',"
		"  'meeting_held','closed','closed'])[1 + (g * 7) % 10] AS status,"
		"  now() - make_interval(days => (g * 13) % 365, hours => g % 24) AS created FROM generate_series(1, $4::int) g)"
		" INSERT INTO scans(org_id, company_id, questionnaire_id, advisor_id, status, sector, fte, municipality,"
		"  is_demo, created_at, started_at, submitted_at, updated_at)"
		" SELECT $1, c.id, $2, staff.ids[1 + g.g % greatest(cardinality(staff.ids), 1)], g.status, c.sector, c.fte,"
		"  c.municipality, true, g.created,"
		"  CASE WHEN g.status <> 'invited' THEN g.created + interval '2 days' END,"
		"  CASE WHEN g.status NOT IN ('invited','started') THEN g.created + interval '9 days' END, g.created"
		" FROM g JOIN c ON c.n = g.g % (SELECT count(*) FROM c), staff",
		o, q, nc, ns) != 0)
		goto fail;
	if (db_commit(db) != 0)
		goto fail;
	db_exec(db, "ANALYZE companies", 0, NULL);
	db_exec(db, "ANALYZE scans", 0, NULL);
	return 0;
fail:
	db_rollback(db);
	return -1;
}

int db_demo_workflow(struct db *db, long long org_id, long long *moved)
{
	char o[DB_ID_LEN];
	db_id_text(o, org_id);
	*moved = 0;
	if (db_begin(db) != 0)
		return -1;
	/* a colleague, so that scans have more than one advisor (no password: the
	 * demo prints no login for her) */
	if (db_x(db, "INSERT INTO users(org_id, email, name, role) VALUES ($1, 'collega@demo.example', 'Sanne Collega', 'advisor')"
		     " ON CONFLICT DO NOTHING", o) != 0)
		goto fail;
	/* Demo scans still waiting, untouched by anyone (no advisor): those submitted
	 * in the last two weeks stay waiting for advice; older ones moved along the
	 * workflow by their place in time (the oldest closed), a few left waiting too
	 * long so the dashboard has something stale to show. */
	PGresult *res = db_q(db,
		"WITH staff AS (SELECT array_agg(id ORDER BY id) AS ids FROM users"
		"  WHERE org_id = $1 AND role = 'advisor' AND NOT disabled),"
		" w AS (SELECT s.id, s.submitted_at, row_number() OVER (ORDER BY s.submitted_at, s.id) AS rn,"
		"  count(*) OVER () AS n FROM scans s"
		"  WHERE s.org_id = $1 AND s.is_demo AND s.status = 'submitted' AND s.advisor_id IS NULL),"
		" plan AS (SELECT w.id, w.submitted_at, w.rn, CASE"
		"   WHEN w.submitted_at > now() - interval '14 days' THEN 'submitted'"
		"   WHEN w.rn % 9 = 4 THEN 'submitted'"
		"   WHEN w.rn::float / w.n < 0.55 THEN 'closed'"
		"   ELSE (ARRAY['advice','final','meeting_held','closed','advice','meeting_held'])[1 + w.rn % 6] END AS status,"
		"  staff.ids[1 + w.rn % cardinality(staff.ids)] AS advisor FROM w, staff WHERE cardinality(staff.ids) > 0),"
		" moved AS (UPDATE scans s SET status = p.status, advisor_id = p.advisor"
		"  FROM plan p WHERE s.id = p.id RETURNING s.id, p.status, p.submitted_at, p.advisor, p.rn),"
		/* the history the dashboard and the scan page show, one step a week */
		" steps AS (SELECT m.id, m.advisor, m.submitted_at, st.k, st.s AS to_status,"
		"  lag(st.s, 1, 'submitted') OVER (PARTITION BY m.id ORDER BY st.k) AS from_status"
		"  FROM moved m, unnest(ARRAY['advice','final','meeting_held','closed']) WITH ORDINALITY st(s, k)"
		"  WHERE st.k <= array_position(ARRAY['submitted','advice','final','meeting_held','closed'], m.status) - 1),"
		" hist AS (INSERT INTO scan_status_history(scan_id, at, user_id, from_status, to_status)"
		"  SELECT id, least(submitted_at + make_interval(days => 7 * k::int), now() - make_interval(hours => 5 - k::int)),"
		"  advisor, from_status, to_status FROM steps RETURNING scan_id),"
		/* a meeting held for scans past it; planned (within two weeks) for final ones */
		" meet AS (INSERT INTO scan_meetings(scan_id, planned_date, planned_time, place, held_date, attendees, updated_by)"
		"  SELECT id, CASE WHEN status = 'final' THEN (now() + make_interval(days => 1 + rn::int % 14))::date"
		"   ELSE least(submitted_at + interval '21 days', now() - interval '1 day')::date END,"
		"  (ARRAY['09:30','13:00','15:30'])[1 + rn::int % 3], 'Op het bedrijf',"
		"  CASE WHEN status IN ('meeting_held','closed') THEN least(submitted_at + interval '21 days', now() - interval '1 day')::date END,"
		"  CASE WHEN status IN ('meeting_held','closed') THEN 'Eigenaar en HR-medewerker' ELSE '' END, advisor"
		"  FROM moved WHERE status IN ('final','meeting_held','closed') ON CONFLICT (scan_id) DO NOTHING RETURNING scan_id),"
		/* agreed actions: done for closed scans, open (some overdue) after a recent meeting */
		" acts AS (INSERT INTO scan_actions(org_id, scan_id, what, who_kind, who_name, due_date, status, created_by, created_at, updated_by, updated_at)"
		"  SELECT $1, m.id, a.what, a.who_kind, a.who_name,"
		"  CASE WHEN m.status = 'closed' THEN (m.submitted_at + interval '60 days')::date"
		"   ELSE (now() + make_interval(days => (m.rn::int % 5) * 7 - 10 + 7 * a.k::int))::date END,"
		"  CASE WHEN m.status = 'closed' THEN 'done' WHEN a.k = 2 AND m.rn % 2 = 0 THEN 'in_progress' ELSE 'open' END,"
		"  m.advisor, least(m.submitted_at + interval '21 days', now()), m.advisor,"
		"  least(m.submitted_at + interval '50 days', now())"
		"  FROM moved m, (VALUES (1, 'Opleidingsplan maken voor het komende jaar', 'company', ''),"
		"   (2, 'Intake met het Werkgeversservicepunt plannen', 'partner', 'Werkgeversservicepunt')) a(k, what, who_kind, who_name)"
		"  WHERE m.status IN ('meeting_held','closed') RETURNING id)"
		" SELECT (SELECT count(*) FROM moved WHERE status <> 'submitted' OR advisor IS NOT NULL),"
		"  (SELECT count(*) FROM hist), (SELECT count(*) FROM meet), (SELECT count(*) FROM acts)",
		o);
	if (!res)
		goto fail;
	*moved = db_ll(res, 0, 0, 0);
	PQclear(res);
	return db_commit(db);
fail:
	db_rollback(db);
	return -1;
}

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
	    copy_timed(db, "COPY research_rows(scan_id, answers, scores) FROM STDIN", &c->research, &secs[5]) != 0) {
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

/* demo.h: SQL of the demo commands (`fphc demo init`, `demo seed`, `demo
 * seed-office`): the demo organisations' settings, the demo company, the
 * synthetic rows sent with COPY, and the office volume seed. Everything written
 * here is demo data (is_demo). */
#ifndef FPHC_DB_DEMO_H
#define FPHC_DB_DEMO_H

#include "common/buf.h"
#include "server/db/db.h"

/* The demo association shares with the demo research group (unless it already
 * shares with one) and gets demo contact addresses. 0 or -1. */
int db_demo_association_link(struct db *db, long long association_id, long long research_org_id);
/* The settings of a demo association of `fphc demo seed`: marked demo, region
 * (when it has none), sharing (with research_org_id, kept when already set) and
 * contact addresses after its slug. 0 or -1. */
int db_demo_association_set(struct db *db, long long org_id, const char *region, int share_research,
			    int share_open_text, long long research_org_id);

/* The association's live company called `name` (the lowest id) and its newest
 * scan that is still invited or started: 1 found (*open_scan_id 0 when no such
 * scan), 0 no company, -1 error. */
int db_demo_company_find(struct db *db, long long org_id, const char *name, long long *company_id,
			 long long *open_scan_id);
/* Fills in the demo company's details (size, town, contact) and marks it demo. 0 or -1. */
int db_demo_company_fill(struct db *db, long long company_id);

/* One batch of synthetic rows in COPY text format (tab-separated, \N for NULL),
 * per table in the column order of db_demo_rows_copy. */
struct demo_rows {
	struct buf companies;  /* id, org_id, name, sector, fte, employees, municipality, contact_name, email,
				  phone, is_demo, created_at */
	struct buf scans;      /* id, org_id, company_id, questionnaire_id, status, lang, consent_at,
				  consent_version, sector, fte, employees, municipality, last_page, is_demo,
				  created_at, started_at, submitted_at */
	struct buf answers;    /* scan_id, item_key, value */
	struct buf results;    /* scan_id, engine_version, overall, result */
	struct buf scores;     /* scan_id, level, key, score, valid, band */
	struct buf research;   /* research_rows: scan_id, answers, scores */
};
/* Sends the batch in one transaction, companies and scans before the rows that
 * point to them, and empties the buffers. Adds the seconds each table's COPY
 * took to secs[0..5] (the order above). 0, or -1 (rolled back, db->err). */
int db_demo_rows_copy(struct db *db, struct demo_rows *rows, double secs[6]);

enum demo_table { DEMO_COMPANIES, DEMO_SCANS };
/* Reserves n ids of the table's sequence under a table lock (so concurrent
 * inserts cannot take them); the first, or -1. */
long long db_demo_reserve_ids(struct db *db, enum demo_table table, long long n);
/* A seeding connection's settings: synchronous_commit off; for a superuser
 * also session_replication_role = replica (no per-row foreign-key triggers).
 * None behind a pooler in transaction mode (they would outlive the session).
 * 0 or -1. */
int db_demo_seed_session(struct db *db);
/* Fresh statistics of the seeded tables. 0 or -1. */
int db_demo_analyze(struct db *db);

/* `fphc demo seed-office`: the questionnaire to hang scans on (the newest
 * 'fphc', else a placeholder 'seed', added when missing); its id or -1. */
long long db_demo_office_questionnaire(struct db *db);
/* Adds `companies` synthetic companies and `scans` scans (over the last year and
 * every status, advisors taken in turn) to the association, in one
 * transaction, then analyzes. 0 or -1. */
int db_demo_seed_office(struct db *db, long long org_id, long long questionnaire_id, long companies, long scans);
/* `fphc demo workflow`: makes the demo association look like a working office:
 * a second advisor, and its demo scans that nobody touched yet (submitted, no
 * advisor) spread over the workflow — waiting for advice (the recent ones and
 * a few stale), advice, final with a meeting planned, meeting held and closed —
 * with advisors assigned, status history, meetings and agreed actions. One
 * transaction; *moved gets the number of scans changed. Running it again
 * changes nothing (every scan it touched has an advisor). 0 or -1. */
int db_demo_workflow(struct db *db, long long org_id, long long *moved);

#endif

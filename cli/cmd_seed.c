/* cmd_seed.c: `fphc demo seed-office` — synthetic companies and scans in one
 * association, for benchmarks of the dashboard and the company search (and for
 * later issues that need volume). Generated in SQL, in one transaction; every row
 * is marked is_demo. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/cli_config.h"
#include "server/db/org.h"
#include "server/db/questionnaire.h"
#include "common/text.h"
#include "common/banned.h"

static const char *seed_usage =
	"usage: fphc demo seed-office --org SLUG [--companies N] [--scans M]\n"
	"Adds N synthetic companies (default 10000) and M scans (default 20000) spread over the\n"
	"last year and over every status to the association, all marked as demo data.\n";

/* The questionnaire to hang scans on: the newest 'fphc', else a placeholder 'seed'. */
static long long seed_questionnaire(struct db *db)
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

static int seed(struct db *db, long long org, long companies, long scans)
{
	char o[24], q[24], nc[24], ns[24];
	long long qid = seed_questionnaire(db);
	if (qid < 0)
		return -1;
	snprintf(o, sizeof(o), "%lld", org);
	snprintf(q, sizeof(q), "%lld", qid);
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

int demo_seed_office(int argc, char **argv)
{
	static const struct option opts[] = {
		{"org", required_argument, NULL, 'o'}, {"companies", required_argument, NULL, 'c'},
		{"scans", required_argument, NULL, 's'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
	};
	const char *org = NULL;
	long companies = 10000, scans = 20000;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'o': org = optarg; break;
		case 'c':
			if (text_parse_long(optarg, 1, 1000000, &companies) != 0) {
				fprintf(stderr, "fphc demo seed-office: --companies must be 1 to 1000000\n");
				return 2;
			}
			break;
		case 's':
			if (text_parse_long(optarg, 0, 5000000, &scans) != 0) {
				fprintf(stderr, "fphc demo seed-office: --scans must be 0 to 5000000\n");
				return 2;
			}
			break;
		case 'h': fputs(seed_usage, stdout); return 0;
		default: fputs(seed_usage, stderr); return 2;
		}
	}
	if (!org || optind < argc) {
		fputs(seed_usage, stderr);
		return 2;
	}
	char *args[] = {argv[0], NULL};
	if (cli_config(1, args, "demo seed-office", seed_usage) != 0)
		return cli_config_status();
	struct db *db = cli_db_open();
	if (!db)
		return 1;
	long long id = db_org_by_slug(db, org);
	int rc = 1;
	if (id <= 0)
		fprintf(stderr, "fphc demo seed-office: %s\n", id == 0 ? "no organisation with that slug" : db->err);
	else if (seed(db, id, companies, scans) != 0)
		fprintf(stderr, "fphc demo seed-office: %s\n", db->err);
	else {
		printf("fphc: added %ld companies and %ld scans to '%s'\n", companies, scans, org);
		rc = 0;
	}
	db_free(db);
	return rc;
}

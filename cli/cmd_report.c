/* cmd_report.c: `fphc report` renders a personal report or an advisor's brief as PDF. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <time.h>

#include "cli/cli_config.h"
#include "cli/commands.h"
#include "common/arena.h"
#include "common/buf.h"
#include "common/text.h"
#include "reports/report.h"
#include "server/app/config.h"
#include "server/app/report_build.h"
#include "server/app/report_demo.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/db/report.h"
#include "common/banned.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: fphc report SCAN_ID -o OUT.pdf [--draft] [--brief] [--lang LANG] [--created EPOCH]\n"
		"       fphc report --demo -o OUT.pdf [--draft] [--brief] [--lang en]\n\n"
		"Renders the personal PDF report of a scan (or the advisor's meeting brief).\n\n"
		"  -o, --output FILE   where to write the PDF ('-' for standard output)\n"
		"      --draft         mark every page CONCEPT\n"
		"      --brief         the advisor's 1-2 page meeting brief instead\n"
		"      --demo          a demo company's scan of fphc-1, scored by the real engine; no database needed\n"
		"      --demo-edge     demo with edge cases (long name, long advice, 40 actions)\n"
		"      --demo-sparse   demo with too few answers: no comparison, advice, offers or actions\n"
		"      --lang LANG     nl or en (default: the scan's language; nl for the demo)\n"
		"      --created EPOCH the PDF's creation date in seconds since 1970 (default: now);\n"
		"                      the same scan and date give the same bytes\n"
		"  The database comes from DATABASE_URL, as for 'fphc serve'.\n"
		"  -h, --help          this text\n");
}

static int write_file(const char *path, const struct buf *b)
{
	FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "wb");
	if (!f) {
		fprintf(stderr, "fphc report: cannot write %s: ", path);
		perror(NULL);
		return -1;
	}
	int bad = fwrite(b->data, 1, b->len, f) != b->len;
	if (f != stdout)
		bad |= fclose(f) != 0;
	else
		bad |= fflush(f) != 0;
	if (bad)
		fprintf(stderr, "fphc report: writing %s failed\n", path);
	return bad ? -1 : 0;
}

/* Renders r to path; returns the exit status. */
static int render_to(const struct report *r, int brief, const char *path)
{
	struct buf out;
	char err[256];
	buf_init(&out, 0);
	int rc = brief ? report_render_brief(r, &out, err, sizeof err) :
			 report_render(r, &out, err, sizeof err);
	if (rc != 0) {
		fprintf(stderr, "fphc report: %s\n", err);
		buf_release(&out);
		return 1;
	}
	rc = write_file(path, &out) == 0 ? 0 : 1;
	buf_release(&out);
	return rc;
}

/* Renders scan `id` from the configured database, as the operator (any
 * association). Returns the exit status. */
static int from_database(const char *id, const char *lang, int draft, int brief, time_t created,
			 const char *output)
{
	long scan_id;
	if (text_parse_long(id, 1, 9000000000000000000L, &scan_id) != 0) {
		fprintf(stderr, "fphc report: SCAN_ID must be a positive number\n");
		return 2;
	}
	char *argv0[] = {(char *)"report", NULL};
	if (cli_config(1, argv0, "report", "") != 0)
		return cli_config_status();
	char err[256];
	if (i18n_init(err, sizeof(err)) != 0) {
		fprintf(stderr, "fphc report: %s\n", err);
		return 1;
	}
	struct db *db = cli_db_open();
	if (!db)
		return 1;
	int rc = 1;
	long long org = db_report_scan_org(db, scan_id);
	if (org <= 0) {
		if (org == 0)
			fprintf(stderr, "fphc report: scan %ld does not exist or is not submitted\n", scan_id);
		else
			fprintf(stderr, "fphc report: %s\n", db->err);
		db_free(db);
		return 1;
	}
	struct arena a = ARENA_INIT;
	struct scanview_scope scope = {.org_id = org, .benchmark_k = config.benchmark_k};
	struct report_build_opts o = {.lang = lang, .draft = draft, .created = created};
	struct report r;
	enum scanview_status st = report_build(db, &a, scan_id, &scope, &o, &r, NULL);
	if (st == SCANVIEW_OK)
		rc = render_to(&r, brief, output);
	else if (st == SCANVIEW_NOT_FOUND)
		fprintf(stderr, "fphc report: scan %ld does not exist or is not submitted\n", scan_id);
	else
		fprintf(stderr, "fphc report: database error: %s\n", db->err);
	arena_release(&a);
	db_free(db);
	return rc;
}

int cmd_report(int argc, char **argv)
{
	enum { OPT_DRAFT = 256, OPT_BRIEF, OPT_DEMO, OPT_EDGE, OPT_SPARSE, OPT_LANG, OPT_CREATED };
	static const struct option opts[] = {
		{"output", required_argument, NULL, 'o'}, {"draft", no_argument, NULL, OPT_DRAFT},
		{"brief", no_argument, NULL, OPT_BRIEF}, {"demo", no_argument, NULL, OPT_DEMO},
		{"demo-edge", no_argument, NULL, OPT_EDGE},
		{"demo-sparse", no_argument, NULL, OPT_SPARSE},
		{"lang", required_argument, NULL, OPT_LANG}, {"help", no_argument, NULL, 'h'},
		{"created", required_argument, NULL, OPT_CREATED},
		{NULL, 0, NULL, 0},
	};
	const char *output = NULL, *lang = NULL;
	int draft = 0, brief = 0, demo = -1, c;
	long created = -1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o': output = optarg; break;
		case OPT_DRAFT: draft = 1; break;
		case OPT_BRIEF: brief = 1; break;
		case OPT_DEMO: demo = REPORT_DEMO_FULL; break;
		case OPT_EDGE: demo = REPORT_DEMO_EDGE; break;
		case OPT_SPARSE: demo = REPORT_DEMO_SPARSE; break;
		case OPT_LANG: lang = optarg; break;
		case OPT_CREATED:
			if (text_parse_long(optarg, 0, 4102444800L, &created) != 0) {
				fprintf(stderr, "fphc report: --created must be seconds since 1970\n");
				return 2;
			}
			break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (lang && strcmp(lang, "nl") != 0 && strcmp(lang, "en") != 0) {
		fprintf(stderr, "fphc report: --lang must be nl or en\n");
		return 2;
	}
	if (!output || (demo < 0) == (optind >= argc) || argc - optind > 1) {
		fprintf(stderr, "fphc report: give either SCAN_ID or --demo, and -o OUT.pdf\n");
		usage(stderr);
		return 2;
	}
	if (demo < 0)
		return from_database(argv[optind], lang, draft, brief,
				     created >= 0 ? (time_t)created : time(NULL), output);
	char err[256];
	if (i18n_init(err, sizeof(err)) != 0) {  /* the comparison group's words */
		fprintf(stderr, "fphc report: %s\n", err);
		return 1;
	}
	struct arena store = ARENA_INIT;
	struct report r;
	int rc = 1;
	if (report_demo_build(&store, (enum report_demo)demo, lang, &r) != 0) {
		fprintf(stderr, "fphc report: the demo could not be built (questionnaire fphc-1 missing or out of memory)\n");
	} else {
		r.draft = draft;
		rc = render_to(&r, brief, output);
	}
	arena_release(&store);
	return rc;
}

/* cmd_report.c: `fphc report` renders a personal report or an advisor's brief as PDF. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "common/arena.h"
#include "common/buf.h"
#include "reports/report.h"
#include "common/banned.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: fphc report SCAN_ID -o OUT.pdf [--draft] [--brief]\n"
		"       fphc report --demo -o OUT.pdf [--draft] [--brief] [--lang en]\n\n"
		"Renders the personal PDF report of a scan (or the advisor's meeting brief).\n\n"
		"  -o, --output FILE   where to write the PDF ('-' for standard output)\n"
		"      --draft         mark every page CONCEPT\n"
		"      --brief         the advisor's 1-2 page meeting brief instead\n"
		"      --demo          built-in demo data; no database needed\n"
		"      --demo-edge     demo with edge cases (long name, long advice, 40 actions)\n"
		"      --demo-sparse   demo without benchmark, advice, offers or actions\n"
		"      --lang LANG     nl (default) or en, for the demo\n"
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

int cmd_report(int argc, char **argv)
{
	enum { OPT_DRAFT = 256, OPT_BRIEF, OPT_DEMO, OPT_EDGE, OPT_SPARSE, OPT_LANG };
	static const struct option opts[] = {
		{"output", required_argument, NULL, 'o'}, {"draft", no_argument, NULL, OPT_DRAFT},
		{"brief", no_argument, NULL, OPT_BRIEF}, {"demo", no_argument, NULL, OPT_DEMO},
		{"demo-edge", no_argument, NULL, OPT_EDGE},
		{"demo-sparse", no_argument, NULL, OPT_SPARSE},
		{"lang", required_argument, NULL, OPT_LANG}, {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *output = NULL, *lang = "nl";
	int draft = 0, brief = 0, demo = -1, c;
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
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (strcmp(lang, "nl") != 0 && strcmp(lang, "en") != 0) {
		fprintf(stderr, "fphc report: --lang must be nl or en\n");
		return 2;
	}
	if (!output || (demo < 0) == (optind >= argc) || argc - optind > 1) {
		fprintf(stderr, "fphc report: give either SCAN_ID or --demo, and -o OUT.pdf\n");
		usage(stderr);
		return 2;
	}
	if (demo < 0) {
		/* The database-backed model fill lands with the server (issue 7). */
		fprintf(stderr, "fphc report: rendering scan %s needs the database, which this "
			"build cannot reach yet; try 'fphc report --demo -o demo.pdf'\n", argv[optind]);
		return 1;
	}
	struct arena store = ARENA_INIT;
	struct report r = {.lang = lang};
	report_demo_fill(&r, (enum report_demo)demo, &store);
	r.draft = draft;
	int rc = render_to(&r, brief, output);
	arena_release(&store);
	return rc;
}

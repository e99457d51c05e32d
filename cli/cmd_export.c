/* cmd_export.c: `fphc export` — the research exports on the command line
 * (every association that shares with a research group, or one group). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/commands.h"
#include "cli/cli_config.h"
#include "server/app/questionnaire_registry.h"
#include "server/db/audit.h"
#include "server/db/org.h"
#include "server/db/questionnaire.h"
#include "server/db/research.h"
#include "server/app/research_export.h"
#include "server/app/research_codebook.h"
#include "server/app/research_datapackage.h"
#include "common/date.h"
#include "common/text.h"
#include "common/banned.h"

static const char usage[] =
	"usage: fphc export --format csv|long|sav|dta|datapackage|codebook --version N [--from DATE]\n"
	"                   [--to DATE] [--research-org SLUG] [--lang nl|en] [--key fphc] -o FILE|DIR\n"
	"Writes the pseudonymized research export of questionnaire version N (dates YYYY-MM-DD,\n"
	"inclusive): csv = one row per scan, long = one row per scan and item, sav = SPSS and\n"
	"dta = Stata with labels and missing codes, codebook = the variables, datapackage = the\n"
	"csv with a Frictionless datapackage.json: -o DIR writes both files into DIR (made if\n"
	"missing), -o NAME.zip one zip. Only associations that share with a research group (all\n"
	"groups, or --research-org). Recorded in the audit log.\n";

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);
	return n >= t && strcmp(s + n - t, tail) == 0;
}

/* One export into path ("-" = standard output). */
static int write_file(struct db *db, const struct questionnaire *q, const struct research_filter *f,
		      enum export_format fmt, const char *lang, const char *path, long long *rows)
{
	FILE *out = strcmp(path, "-") == 0 ? stdout : fopen(path, "wb");
	if (!out) {
		fprintf(stderr, "fphc export: cannot write %s\n", path);
		return -1;
	}
	char err[512];
	int w = research_export_write(db, q, f, fmt, lang, out, rows, err, sizeof(err));
	if ((out != stdout && fclose(out) != 0) || w != 0) {
		fprintf(stderr, "fphc export: %s\n", w ? err : "cannot write the file");
		return -1;
	}
	return 0;
}

/* The Data Package as a directory: dir/fphc-scans-vN.csv and dir/datapackage.json,
 * whose resource path is the CSV's name. */
static int write_package_dir(struct db *db, const struct questionnaire *q, const struct research_filter *f,
			     const char *lang, const char *dir, long long *rows)
{
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "fphc export: cannot make the directory %s\n", dir);
		return -1;
	}
	char name[64], csv_path[4096], json_path[4096];
	export_format_filename(EXPORT_WIDE, q->version, name, sizeof(name));
	snprintf(csv_path, sizeof(csv_path), "%s/%s", dir, name);
	snprintf(json_path, sizeof(json_path), "%s/datapackage.json", dir);
	if (write_file(db, q, f, EXPORT_WIDE, lang, csv_path, rows) != 0)
		return -1;
	struct stat st;
	struct codebook cb;
	codebook_build(&cb, q);
	cJSON *pkg = research_datapackage_descriptor(&cb, lang, name, stat(csv_path, &st) == 0 ? (long long)st.st_size : -1);
	char *json = cJSON_Print(pkg);
	cJSON_Delete(pkg);
	codebook_release(&cb);
	if (!json)
		abort();
	FILE *out = fopen(json_path, "wb");
	int ok = out && fputs(json, out) >= 0 && fputc('\n', out) != EOF;
	if (out && fclose(out) != 0)
		ok = 0;
	cJSON_free(json);
	if (!ok) {
		fprintf(stderr, "fphc export: cannot write %s\n", json_path);
		return -1;
	}
	return 0;
}

int cmd_export(int argc, char **argv)
{
	static const struct option opts[] = {
		{"format", required_argument, NULL, 'f'}, {"version", required_argument, NULL, 'v'},
		{"from", required_argument, NULL, 'a'},   {"to", required_argument, NULL, 'b'},
		{"research-org", required_argument, NULL, 'r'}, {"lang", required_argument, NULL, 'l'},
		{"key", required_argument, NULL, 'k'},    {"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
	};
	const char *format = NULL, *from = NULL, *to = NULL, *org = NULL, *lang = "nl", *key = "fphc", *path = NULL;
	long version = -1;
	int c;
	if (cli_config(1, argv, "export", usage) != 0)
		return cli_config_status();
	optind = 1;
	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'f': format = optarg; break;
		case 'v':
			if (text_parse_long(optarg, 1, 100000, &version) != 0)
				goto bad;
			break;
		case 'a': from = optarg; break;
		case 'b': to = optarg; break;
		case 'r': org = optarg; break;
		case 'l': lang = strcmp(optarg, "en") == 0 ? "en" : "nl"; break;
		case 'k': key = optarg; break;
		case 'o': path = optarg; break;
		case 'h': fputs(usage, stdout); return 0;
		default: goto bad;
		}
	}
	enum export_format fmt;
	if (!format || export_format_parse(format, &fmt) != 0 || version < 0 || !path || optind != argc)
		goto bad;
	long from_ymd = 0, to_ymd = 0;
	if ((from && !date_valid_ymd(from, &from_ymd)) || (to && !date_valid_ymd(to, &to_ymd))) {
		fprintf(stderr, "fphc export: --from and --to take a real date YYYY-MM-DD (not %s)\n",
			from && !date_valid_ymd(from, NULL) ? from : to);
		return 2;
	}
	if (from && to && from_ymd > to_ymd) {
		fprintf(stderr, "fphc export: --from %s is after --to %s\n", from, to);
		return 2;
	}
	struct db *db = cli_db_open();
	if (!db)
		return 1;
	int rc = 1;
	long long qid = db_questionnaire_id(db, key, version);
	const struct questionnaire *q = qid > 0 ? qreg_get(db, qid) : NULL;
	if (!q) {
		fprintf(stderr, "fphc export: questionnaire %s version %ld is not stored\n", key, version);
		goto out;
	}
	struct research_filter f = {0, qid, from, to, 0};
	if (org) {
		f.research_org_id = db_org_by_slug(db, org);
		if (f.research_org_id <= 0) {
			fprintf(stderr, "fphc export: no research group '%s'\n", org);
			goto out;
		}
	}
	long long rows = 0;
	if (fmt == EXPORT_DATAPACKAGE && !ends_with(path, ".zip")) {
		if (write_package_dir(db, q, &f, lang, path, &rows) != 0)
			goto out;
	} else if (write_file(db, q, &f, fmt, lang, path, &rows) != 0) {
		goto out;
	}
	char detail[512];
	snprintf(detail, sizeof(detail),
		 "{\"via\":\"cli\",\"format\":\"%s\",\"version\":%ld,\"from\":\"%s\",\"to\":\"%s\",\"rows\":%lld}",
		 format, version, from ? from : "", to ? to : "", rows);
	struct audit_entry e = {.actor = "cli", .action = "research_export", .object_type = "questionnaire",
				.detail_json = detail};
	db_audit_write(db, &e);
	fprintf(stderr, "fphc export: %lld %s written to %s\n", rows, fmt == EXPORT_CODEBOOK ? "variables" : "scans", path);
	rc = 0;
out:
	db_free(db);
	return rc;
bad:
	fputs(usage, stderr);
	return 2;
}

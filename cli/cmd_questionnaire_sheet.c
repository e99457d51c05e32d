/* cmd_questionnaire_sheet.c: `fphc questionnaire export` and `fphc questionnaire import` — a
 * stored version as a workbook (or JSON), and an edited workbook back: its problems, or the
 * changes against the stored version, stored only with --publish. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "cli/commands.h"
#include "cli/cli_config.h"
#include "server/app/config.h"
#include "server/app/questionnaire_import.h"
#include "server/app/questionnaire_workbook.h"
#include "server/db/questionnaire.h"
#include "scoring/questionnaire.h"
#include "scoring/questionnaire_diff.h"
#include "common/buf.h"
#include "common/text.h"
#include "common/xlsx.h"
#include "common/banned.h"

static const char export_usage[] =
	"usage: fphc questionnaire export --version N [--key fphc] --format xlsx|json -o FILE\n"
	"       fphc questionnaire export --file DEFINITION.json --format xlsx -o FILE\n"
	"Writes a stored questionnaire version (its newest text revision) as an Excel workbook\n"
	"to edit and import again, or as its JSON definition.\n";

static const char import_usage[] =
	"usage: fphc questionnaire import FILE.xlsx [--publish] [--against DEFINITION.json]\n"
	"Checks an edited workbook with the rules of `fphc questionnaire check` and prints every\n"
	"problem by sheet, row and column (exit status 1), or the changes against the stored\n"
	"version it came from (\"geen wijzigingen\" when none). Stores nothing, unless --publish:\n"
	"then a text-only change becomes a text revision of the same version and a structural\n"
	"change a new version (which needs a new version number). --against compares with a\n"
	"definition file instead of the database (no database needed, nothing stored).\n";

static int read_file(const char *path, size_t max, struct buf *b)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	char chunk[16384];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(b, chunk, n);
	int err = ferror(f);
	fclose(f);
	return err || b->toobig || b->len > max ? -1 : 0;
}

static int write_out(const char *path, const char *data, size_t len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "wb");
	if (!f)
		return -1;
	size_t w = fwrite(data, 1, len, f);
	int rc = (f != stdout ? fclose(f) : fflush(f)) == 0 && w == len ? 0 : -1;
	return rc;
}

/* The configured database (environment, then --database-url); NULL after a message. */
static struct db *open_db(char **argv, const char *database_url)
{
	if (cli_config(1, argv, "questionnaire", "") != 0)
		return NULL;
	if (database_url)
		config.database_url = database_url;
	return cli_db_open();
}

/* The definition JSON of key/version from the database, into out. 0 or -1 (message printed). */
static int stored_definition(struct db *db, const char *key, long version, struct buf *out)
{
	long long id = version > 0 ? db_questionnaire_id(db, key, version) : db_questionnaire_latest(db, key);
	if (id <= 0) {
		if (id == 0)
			fprintf(stderr, "fphc questionnaire: no stored version %ld of %s\n", version, key);
		else
			fprintf(stderr, "fphc questionnaire: %s\n", db->err);
		return -1;
	}
	struct arena a = ARENA_INIT;
	struct questionnaire_stored *rows;
	int n = db_questionnaire_stored(db, &a, id, &rows);
	if (n == 1)
		buf_puts(out, rows[0].definition_json);
	else
		fprintf(stderr, "fphc questionnaire: cannot read the stored version: %s\n", n < 0 ? db->err : "gone");
	arena_release(&a);
	return n == 1 ? 0 : -1;
}

int cmd_questionnaire_export(int argc, char **argv)
{
	static const struct option opts[] = {
		{"version", required_argument, NULL, 'v'}, {"key", required_argument, NULL, 'k'},
		{"format", required_argument, NULL, 'f'},  {"file", required_argument, NULL, 'F'},
		{"database-url", required_argument, NULL, 'd'}, {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *key = "fphc", *format = NULL, *path = NULL, *file = NULL, *database_url = NULL;
	long version = 0;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'v':
			if (text_parse_long(optarg, 1, 1000000, &version) != 0) {
				fprintf(stderr, "fphc questionnaire export: --version must be a whole number from 1\n");
				return 2;
			}
			break;
		case 'k': key = optarg; break;
		case 'f': format = optarg; break;
		case 'F': file = optarg; break;
		case 'd': database_url = optarg; break;
		case 'o': path = optarg; break;
		case 'h': fputs(export_usage, stdout); return 0;
		default: fputs(export_usage, stderr); return 2;
		}
	}
	int xlsx = format && strcmp(format, "xlsx") == 0;
	if (!format || (!xlsx && strcmp(format, "json") != 0) || !path || optind < argc || (!file && !version)) {
		fputs(export_usage, stderr);
		return 2;
	}
	struct buf def, out;
	buf_init(&def, QUESTIONNAIRE_MAX_BYTES);
	buf_init(&out, 0);
	int rc = 1;
	if (file) {
		if (read_file(file, QUESTIONNAIRE_MAX_BYTES, &def) != 0) {
			fprintf(stderr, "fphc questionnaire export: cannot read %s\n", file);
			goto out;
		}
	} else {
		struct db *db = open_db(argv, database_url);
		int got = db ? stored_definition(db, key, version, &def) : -1;
		db_free(db);
		if (got != 0)
			goto out;
	}
	if (xlsx) {
		if (questionnaire_workbook_xlsx(def.data, def.len, &out) != 0) {
			fprintf(stderr, "fphc questionnaire export: cannot write the workbook\n");
			goto out;
		}
	} else {
		cJSON *doc = cJSON_ParseWithLength(def.data, def.len);
		char *text = doc ? cJSON_Print(doc) : NULL;
		cJSON_Delete(doc);
		if (!text)
			goto out;
		buf_puts(&out, text);
		buf_putc(&out, '\n');
		cJSON_free(text);
	}
	if (write_out(path, out.data, out.len) != 0) {
		fprintf(stderr, "fphc questionnaire export: cannot write %s\n", path);
		goto out;
	}
	rc = 0;
out:
	buf_release(&def);
	buf_release(&out);
	return rc;
}

/* Prints the diff of a checked import. */
static void print_diff(struct questionnaire_import *im)
{
	struct questionnaire_diff *d = &im->diff;
	printf("vergeleken met %s versie %ld\n", im->key, im->base_version);
	if (d->kind == DIFF_NONE)
		printf("geen wijzigingen\n");
	else if (d->kind == DIFF_TEXT_ONLY)
		printf("alleen teksten veranderd: een tekstherziening van versie %ld\n", im->version);
	else
		printf("de structuur is veranderd: dit is een nieuwe versie%s\n",
		       d->version_changed ? "" : " (verhoog version op het tabblad questionnaire)");
	for (size_t i = 0; i < d->n; i++)
		printf("- %s\n", questionnaire_change_line(d, &d->changes[i]));
}

int cmd_questionnaire_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{"publish", no_argument, NULL, 'p'}, {"against", required_argument, NULL, 'a'},
		{"database-url", required_argument, NULL, 'd'}, {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *against = NULL, *database_url = NULL;
	int do_publish = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'p': do_publish = 1; break;
		case 'a': against = optarg; break;
		case 'd': database_url = optarg; break;
		case 'h': fputs(import_usage, stdout); return 0;
		default: fputs(import_usage, stderr); return 2;
		}
	}
	if (optind != argc - 1 || (against && do_publish)) {
		fputs(import_usage, stderr);
		return 2;
	}
	const char *file = argv[optind];
	struct buf in, base;
	buf_init(&in, XLSX_MAX_FILE_BYTES + 1);
	buf_init(&base, QUESTIONNAIRE_MAX_BYTES);
	struct questionnaire_import im;
	memset(&im, 0, sizeof(im));
	struct db *db = NULL;
	int rc = 1;
	if (read_file(file, XLSX_MAX_FILE_BYTES, &in) != 0) {
		fprintf(stderr, "%s: kan het bestand niet lezen (of het is groter dan 1 MB)\n", file);
		goto out;
	}
	if (against && read_file(against, QUESTIONNAIRE_MAX_BYTES, &base) != 0) {
		fprintf(stderr, "fphc questionnaire import: cannot read %s\n", against);
		goto out;
	}
	if (!against && !(db = open_db(argv, database_url)))
		goto out;
	enum import_outcome got = questionnaire_import_check(db, in.data, in.len, &im);
	if (got == IMPORT_DB_ERROR) {
		fprintf(stderr, "fphc questionnaire import: %s\n", db && db->err[0] ? db->err : "a stored version does not load");
		goto out;
	}
	if (got == IMPORT_PROBLEMS) {
		if (im.read_error[0]) {
			printf("%s: %s\n", file, im.read_error);
			goto out;
		}
		size_t n = problems_count(&im.problems);
		printf("%s: %zu %s; er is niets opgeslagen\n", file, n, n == 1 ? "probleem" : "problemen");
		for (size_t i = 0; i < im.problems.n; i++)
			printf("%s: %s\n", im.problems.items[i].path, im.problems.items[i].message);
		if (im.problems.dropped)
			printf("en nog %zu problemen\n", im.problems.dropped);
		goto out;
	}
	if (against && questionnaire_import_compare(&im, base.data) != 0) {
		fprintf(stderr, "fphc questionnaire import: %s is not a valid definition\n", against);
		goto out;
	}
	if (im.has_base)
		print_diff(&im);
	else
		printf("nieuwe vragenlijst %s versie %ld (nog geen versie opgeslagen)\n", im.key, im.version);
	if (!do_publish) {
		printf("er is niets opgeslagen (gebruik --publish om op te slaan)\n");
	} else if (im.has_base && im.diff.kind == DIFF_NONE) {
		printf("er is niets opgeslagen\n");
	} else {
		char err[1024];
		int revision = 0;
		enum publish_outcome p = questionnaire_import_publish(db, im.json, file, &revision, err, sizeof(err));
		if (p == PUBLISH_REFUSED) {
			fprintf(stderr, "%s", err);
			goto out;
		}
		if (p == PUBLISH_VERSION)
			printf("opgeslagen als versie %ld van %s\n", im.version, im.key);
		else if (p == PUBLISH_REVISION)
			printf("opgeslagen als tekstherziening %d van versie %ld van %s\n", revision, im.version, im.key);
		else
			printf("al opgeslagen; er is niets veranderd\n");
	}
	rc = 0;
out:
	db_free(db);
	questionnaire_import_release(&im);
	buf_release(&in);
	buf_release(&base);
	return rc;
}

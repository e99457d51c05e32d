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
#include "server/app/questionnaire_workbook.h"
#include "server/db/questionnaire.h"
#include "scoring/questionnaire.h"
#include "scoring/questionnaire_diff.h"
#include "scoring/questionnaire_sheet.h"
#include "scoring/questionnaire_structure.h"
#include "common/buf.h"
#include "common/crypto.h"
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

/* Prints the changes of `after` against `before` (both definition JSON). Returns
 * the kind of change, or -1 when the baseline does not load. */
static int print_diff(const char *before_json, const char *after_json)
{
	struct questionnaire *a = questionnaire_parse(before_json, strlen(before_json), NULL);
	struct questionnaire *b = questionnaire_parse(after_json, strlen(after_json), NULL);
	char sa[SHA256_HEX_LEN + 1], sb[SHA256_HEX_LEN + 1];
	int rc = -1;
	if (a && b && questionnaire_structure_sha256(before_json, strlen(before_json), sa) == 0 &&
	    questionnaire_structure_sha256(after_json, strlen(after_json), sb) == 0) {
		struct questionnaire_diff d;
		questionnaire_diff(a, sa, b, sb, &d);
		printf("vergeleken met %s versie %ld\n", a->key, a->version);
		if (d.kind == DIFF_NONE)
			printf("geen wijzigingen\n");
		else if (d.kind == DIFF_TEXT_ONLY)
			printf("alleen teksten veranderd: een tekstherziening van versie %ld\n", b->version);
		else
			printf("de structuur is veranderd: dit is een nieuwe versie%s\n",
			       d.version_changed ? "" : " (verhoog version op het tabblad questionnaire)");
		for (size_t i = 0; i < d.n; i++)
			printf("- %s\n", questionnaire_change_line(&d, &d.changes[i]));
		rc = (int)d.kind;
		questionnaire_diff_release(&d);
	}
	questionnaire_free(a);
	questionnaire_free(b);
	return rc;
}

/* Stores the checked definition like `fphc questionnaire load`. 0 or -1. */
static int publish(struct db *db, const char *json, const char *file)
{
	struct questionnaire *q = questionnaire_parse(json, strlen(json), NULL);
	char sum[SHA256_HEX_LEN + 1], structure[SHA256_HEX_LEN + 1];
	int rc = -1;
	if (q && questionnaire_structure_sha256(json, strlen(json), structure) == 0) {
		crypto_sha256_hex(json, strlen(json), sum);
		int revision = 0;
		int stored = db_questionnaire_store(db, q->key, (int)q->version, sum, structure, file, json, stderr,
						    &revision);
		if (stored == 1)
			printf("opgeslagen als versie %ld van %s\n", q->version, q->key);
		else if (stored == 2)
			printf("opgeslagen als tekstherziening %d van versie %ld van %s\n", revision, q->version, q->key);
		else if (stored == 0)
			printf("al opgeslagen; er is niets veranderd\n");
		rc = stored < 0 ? -1 : 0;
	}
	questionnaire_free(q);
	return rc;
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
	struct xlsx_book book = XLSX_BOOK_INIT;
	struct problems problems;
	problems_init(&problems, PROBLEMS_DEFAULT_MAX);
	struct db *db = NULL;
	char *json = NULL;
	char err[256];
	int rc = 1;
	if (read_file(file, XLSX_MAX_FILE_BYTES, &in) != 0) {
		fprintf(stderr, "%s: kan het bestand niet lezen (of het is groter dan 1 MB)\n", file);
		goto out;
	}
	if (xlsx_read(in.data, in.len, &book, err, sizeof(err)) != 0) {
		printf("%s: %s\n", file, err);
		goto out;
	}
	json = questionnaire_sheet_import(&book, &problems);
	if (!json) {
		printf("%s: %zu %s; er is niets opgeslagen\n", file, problems_count(&problems),
		       problems_count(&problems) == 1 ? "probleem" : "problemen");
		for (size_t i = 0; i < problems.n; i++)
			printf("%s: %s\n", problems.items[i].path, problems.items[i].message);
		if (problems.dropped)
			printf("en nog %zu problemen\n", problems.dropped);
		goto out;
	}
	struct questionnaire *q = questionnaire_parse(json, strlen(json), NULL);
	char key[QUESTIONNAIRE_KEY_MAX + 1];
	snprintf(key, sizeof(key), "%s", q ? q->key : "");
	long version = q ? q->version : 0;
	questionnaire_free(q);
	if (against) {
		if (read_file(against, QUESTIONNAIRE_MAX_BYTES, &base) != 0) {
			fprintf(stderr, "fphc questionnaire import: cannot read %s\n", against);
			goto out;
		}
	} else {
		db = open_db(argv, database_url);
		if (!db)
			goto out;
		long long id = db_questionnaire_id(db, key, version);
		if (id < 0 || stored_definition(db, key, id > 0 ? version : 0, &base) != 0) {
			if (id != 0 || db_questionnaire_latest(db, key) != 0)
				goto out;
			printf("nieuwe vragenlijst %s versie %ld (nog geen versie opgeslagen)\n", key, version);
		}
	}
	int kind = base.len ? print_diff(base.data, json) : DIFF_STRUCTURAL;
	if (kind < 0) {
		fprintf(stderr, "fphc questionnaire import: the version to compare with does not load\n");
		goto out;
	}
	if (do_publish && kind == DIFF_NONE)
		printf("er is niets opgeslagen\n");
	else if (do_publish && publish(db, json, file) != 0)
		goto out;
	else if (!do_publish)
		printf("er is niets opgeslagen (gebruik --publish om op te slaan)\n");
	rc = 0;
out:
	db_free(db);
	free(json);
	xlsx_book_release(&book);
	problems_release(&problems);
	buf_release(&in);
	buf_release(&base);
	return rc;
}

/* questionnaire_import.c: checks an edited workbook against the stored versions and publishes it
 * (see questionnaire_import.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/app/questionnaire_import.h"
#include "server/db/questionnaire.h"
#include "scoring/questionnaire_sheet.h"
#include "scoring/questionnaire_structure.h"
#include "common/crypto.h"
#include "common/xlsx.h"
#include "common/banned.h"

/* The stored definition to compare with: version `version` of key, else the newest. 1, 0 none, -1 error. */
static int base_definition(struct db *db, const char *key, long version, struct arena *a, const char **json)
{
	long long id = db_questionnaire_id(db, key, version);
	if (id == 0)
		id = db_questionnaire_latest(db, key);
	if (id <= 0)
		return id < 0 ? -1 : 0;
	struct questionnaire_stored *rows;
	int n = db_questionnaire_stored(db, a, id, &rows);
	if (n < 0)
		return -1;
	*json = n == 1 ? rows[0].definition_json : NULL;
	return n == 1;
}

int questionnaire_import_compare(struct questionnaire_import *im, const char *base)
{
	struct questionnaire *a = questionnaire_parse(base, strlen(base), NULL);
	struct questionnaire *b = questionnaire_parse(im->json, strlen(im->json), NULL);
	char sa[SHA256_HEX_LEN + 1], sb[SHA256_HEX_LEN + 1];
	int rc = -1;
	if (im->has_base)
		questionnaire_diff_release(&im->diff);
	im->has_base = 0;
	if (a && b && questionnaire_structure_sha256(base, strlen(base), sa) == 0 &&
	    questionnaire_structure_sha256(im->json, strlen(im->json), sb) == 0) {
		questionnaire_diff(a, sa, b, sb, &im->diff);
		im->has_base = 1;
		im->base_version = a->version;
		rc = 0;
	}
	questionnaire_free(a);
	questionnaire_free(b);
	return rc;
}

/* Sets im->key and im->version from im->json (which loads) and, with db, compares it with
 * the stored version it came from. */
static enum import_outcome identify_and_compare(struct db *db, struct questionnaire_import *im)
{
	struct questionnaire *q = questionnaire_parse(im->json, strlen(im->json), NULL);
	if (!q)
		abort(); /* questionnaire_sheet_import promised a definition that loads */
	snprintf(im->key, sizeof(im->key), "%s", q->key);
	im->version = q->version;
	questionnaire_free(q);
	if (!db)
		return IMPORT_OK;
	struct arena a = ARENA_INIT;
	const char *base = NULL;
	int got = base_definition(db, im->key, im->version, &a, &base);
	enum import_outcome rc = IMPORT_OK;
	if (got < 0)
		rc = IMPORT_DB_ERROR;
	else if (got == 1 && questionnaire_import_compare(im, base) != 0)
		rc = IMPORT_DB_ERROR; /* a stored version that does not load: the registry refuses it too */
	arena_release(&a);
	return rc;
}

enum import_outcome questionnaire_import_check(struct db *db, const void *xlsx, size_t len,
					       struct questionnaire_import *im)
{
	memset(im, 0, sizeof(*im));
	problems_init(&im->problems, PROBLEMS_DEFAULT_MAX);
	struct xlsx_book book = XLSX_BOOK_INIT;
	if (xlsx_read(xlsx, len, &book, im->read_error, sizeof(im->read_error)) != 0) {
		xlsx_book_release(&book);
		return IMPORT_PROBLEMS;
	}
	im->json = questionnaire_sheet_import(&book, &im->problems);
	xlsx_book_release(&book);
	if (!im->json)
		return IMPORT_PROBLEMS;
	return identify_and_compare(db, im);
}

enum import_outcome questionnaire_import_check_stored(struct db *db, const char *json,
						      struct questionnaire_import *im)
{
	memset(im, 0, sizeof(*im));
	problems_init(&im->problems, PROBLEMS_DEFAULT_MAX);
	im->json = strdup(json);
	if (!im->json)
		abort();
	struct questionnaire *q = questionnaire_parse(im->json, strlen(im->json), NULL);
	if (!q) {
		snprintf(im->read_error, sizeof(im->read_error), "not a valid definition");
		return IMPORT_PROBLEMS;
	}
	questionnaire_free(q);
	return identify_and_compare(db, im);
}

void questionnaire_import_release(struct questionnaire_import *im)
{
	if (!im)
		return;
	problems_release(&im->problems);
	free(im->json);
	im->json = NULL;
	if (im->has_base)
		questionnaire_diff_release(&im->diff);
	im->has_base = 0;
}

enum publish_outcome questionnaire_import_publish(struct db *db, const char *json, const char *file_name,
						  int *revision, char *err, size_t errlen)
{
	err[0] = '\0';
	struct questionnaire *q = questionnaire_parse(json, strlen(json), NULL);
	char sum[SHA256_HEX_LEN + 1], structure[SHA256_HEX_LEN + 1];
	if (!q || questionnaire_structure_sha256(json, strlen(json), structure) != 0) {
		questionnaire_free(q);
		snprintf(err, errlen, "not a valid definition");
		return PUBLISH_REFUSED;
	}
	crypto_sha256_hex(json, strlen(json), sum);
	char *log_text = NULL;
	size_t log_len = 0;
	FILE *log = open_memstream(&log_text, &log_len);
	if (!log)
		abort();
	int stored = db_questionnaire_store(db, q->key, (int)q->version, sum, structure, file_name, json, log,
					    revision);
	fclose(log);
	if (stored < 0)
		snprintf(err, errlen, "%s", log_len ? log_text : db->err);
	free(log_text);
	questionnaire_free(q);
	return stored < 0 ? PUBLISH_REFUSED : (enum publish_outcome)stored;
}

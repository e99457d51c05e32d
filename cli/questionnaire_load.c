/* questionnaire_load.c: loads every JSON definition in the questionnaire folder into the database
 * (run by `fphc migrate` and `fphc questionnaire load`). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cJSON.h>

#include "cli/cli_config.h"
#include "server/app/config.h"
#include "server/db/questionnaire.h"
#include "scoring/questionnaire_structure.h"
#include "common/buf.h"
#include "common/crypto.h"
#include "common/banned.h"

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int read_whole(const char *path, struct buf *b)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(b, chunk, n);
	fclose(f);
	return b->toobig ? -1 : 0;
}

/* Parses and validates one file, then stores it. 0 or -1. */
static int load_one(struct db *db, const char *path, FILE *log)
{
	struct buf b;
	buf_init(&b, 8 * 1024 * 1024);
	int rc = -1;
	char err[1024] = "";
	cJSON *doc = NULL;
	if (read_whole(path, &b) != 0) {
		fprintf(log, "fphc: cannot read %s\n", path);
		goto out;
	}
	if (cli_questionnaire_validate(b.data, b.len, err, sizeof(err)) != 0) {
		fprintf(log, "fphc: %s is not a valid questionnaire:\n%s\n", path, err);
		goto out;
	}
	doc = cJSON_ParseWithLength(b.data, b.len);
	const cJSON *key = cJSON_GetObjectItemCaseSensitive(doc, "key");
	const cJSON *ver = cJSON_GetObjectItemCaseSensitive(doc, "version");
	if (!cJSON_IsString(key) || !cJSON_IsNumber(ver)) {
		fprintf(log, "fphc: %s: needs \"key\" and \"version\"\n", path);
		goto out;
	}
	char sum[SHA256_HEX_LEN + 1];
	crypto_sha256_hex(b.data, b.len, sum);
	char structure[SHA256_HEX_LEN + 1];
	if (questionnaire_structure_sha256(b.data, b.len, structure) != 0)
		goto out;
	int revision = 0;
	int stored = db_questionnaire_store(db, key->valuestring, ver->valueint, sum, structure, path, b.data,
					    log, &revision);
	if (stored == 1)
		fprintf(log, "fphc: loaded questionnaire %s version %d from %s\n", key->valuestring, ver->valueint, path);
	else if (stored == 2)
		fprintf(log, "fphc: loaded text revision %d of questionnaire %s version %d from %s\n", revision,
			key->valuestring, ver->valueint, path);
	rc = stored < 0 ? -1 : 0;
out:
	cJSON_Delete(doc);
	buf_release(&b);
	return rc;
}

int cli_questionnaires_load(struct db *db, FILE *log)
{
	const char *dir = config.questionnaires_dir;
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(log, "fphc: cannot open the questionnaire folder '%s'\n", dir);
		return -1;
	}
	char *names[256];
	int n = 0, rc = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL && n < 256) {
		size_t len = strlen(e->d_name);
		if (len > 5 && strcmp(e->d_name + len - 5, ".json") == 0 && e->d_name[0] != '.')
			names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, (size_t)n, sizeof(char *), cmp_names);
	for (int i = 0; i < n; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (load_one(db, path, log) != 0)
			rc = -1;
		free(names[i]);
	}
	return rc;
}

int cmd_questionnaire_load(int argc, char **argv)
{
	if (cli_config(argc, argv, "questionnaire load",
		       "usage: fphc questionnaire load [--questionnaires DIR] [--database-url URL]\n"
		       "Stores every definition in the folder as a version with its structure checksum;\n"
		       "a stored version whose texts changed gets a new text revision, one whose\n"
		       "structure changed is refused (make a new version).\n") != 0)
		return cli_config_status();
	struct db *db = cli_db_open();
	if (!db)
		return 1;
	int rc = cli_questionnaires_load(db, stderr);
	db_free(db);
	return rc ? 1 : 0;
}

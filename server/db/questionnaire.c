/* questionnaire.c: SQL for stored questionnaire versions. */
#include <stdio.h>
#include <string.h>

#include "server/db/questionnaire.h"
#include "common/banned.h"

int db_questionnaire_store(struct db *db, const char *key, int version, const char *sha256,
			   const char *file_name, const char *json, FILE *log)
{
	char ver[16];
	snprintf(ver, sizeof(ver), "%d", version);
	PGresult *res = db_q(db,
		"WITH ins AS (INSERT INTO questionnaires(key, version, sha256, file_name, definition)"
		" VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT (key, version) DO NOTHING RETURNING id)"
		" SELECT (SELECT count(*) FROM ins),"
		" (SELECT sha256 FROM questionnaires WHERE key = $1 AND version = $2)",
		key, ver, sha256, file_name, json);
	if (!res) {
		fprintf(log, "fphc: cannot store questionnaire %s: %s\n", file_name, db->err);
		return -1;
	}
	int inserted = db_ll(res, 0, 0, 0) > 0;
	const char *stored = db_get(res, 0, 1);
	int same = inserted || (stored && strcmp(stored, sha256) == 0);
	PQclear(res);
	if (!same) {
		fprintf(log, "fphc: %s changed after version %d of '%s' was loaded; a loaded version never"
			     " changes: make a new version (a new file with \"version\": %d)\n",
			file_name, version, key, version + 1);
		return -1;
	}
	return inserted;
}

long long db_questionnaire_latest(struct db *db, const char *key)
{
	PGresult *res = db_q(db, "SELECT id FROM questionnaires WHERE key = $1 ORDER BY version DESC LIMIT 1", key);
	if (!res)
		return -1;
	long long id = PQntuples(res) ? db_ll(res, 0, 0, 0) : 0;
	PQclear(res);
	return id;
}

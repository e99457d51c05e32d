/* questionnaire.c: SQL for stored questionnaire versions and their text revisions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/db/questionnaire.h"
#include "server/db/row.h"
#include "scoring/questionnaire_structure.h"
#include "common/banned.h"

static int store(struct db *db, const char *key, const char *ver, const char *sha256,
		 const char *structure, const char *file_name, const char *json, FILE *log, int *revision)
{
	PGresult *res = db_q(db,
		"INSERT INTO questionnaires(key, version, sha256, structure_sha256, file_name, definition)"
		" VALUES ($1, $2, $3, $4, $5, $6::jsonb) ON CONFLICT (key, version) DO NOTHING RETURNING id",
		key, ver, sha256, structure, file_name, json);
	if (!res)
		return -1;
	if (PQntuples(res) == 1) {
		char id[DB_ID_LEN];
		snprintf(id, sizeof(id), "%s", db_str(res, 0, 0));
		PQclear(res);
		*revision = 1;
		return db_x(db, "INSERT INTO questionnaire_texts(questionnaire_id, revision, sha256, file_name, definition)"
				" VALUES ($1, 1, $2, $3, $4::jsonb)", id, sha256, file_name, json) == 0 ? 1 : -1;
	}
	PQclear(res);
	res = db_q(db, "SELECT q.id, q.structure_sha256, q.definition::text,"
		       " (SELECT t.sha256 FROM questionnaire_texts t WHERE t.questionnaire_id = q.id ORDER BY t.revision DESC LIMIT 1),"
		       " (SELECT coalesce(max(t.revision), 0) FROM questionnaire_texts t WHERE t.questionnaire_id = q.id)"
		       " FROM questionnaires q WHERE q.key = $1 AND q.version = $2 FOR UPDATE", key, ver);
	if (!res || PQntuples(res) != 1) {
		if (res)
			PQclear(res);
		return -1;
	}
	char id[DB_ID_LEN], stored[SHA256_HEX_LEN + 1] = "";
	snprintf(id, sizeof(id), "%s", db_str(res, 0, 0));
	int fill = db_get(res, 0, 1) == NULL;
	if (fill) {
		const char *def = db_str(res, 0, 2);
		if (questionnaire_structure_sha256(def, strlen(def), stored) != 0) {
			PQclear(res);
			return -1;
		}
	} else {
		snprintf(stored, sizeof(stored), "%s", db_str(res, 0, 1));
	}
	const char *latest = db_get(res, 0, 3);
	int same_text = latest && strcmp(latest, sha256) == 0;
	int next = (int)db_ll(res, 0, 4, 0) + 1;
	PQclear(res);
	if (strcmp(stored, structure) != 0) {
		fprintf(log, "fphc: %s changes the structure of version %s of '%s' (keys, types, weights,"
			     " points or bands); a loaded version never changes its structure: make a new"
			     " version (a new file with \"version\": %d). Texts alone may change.\n",
			file_name, ver, key, (int)strtol(ver, NULL, 10) + 1);
		return -2;
	}
	if (fill && db_x(db, "UPDATE questionnaires SET structure_sha256 = $2 WHERE id = $1", id, stored) != 0)
		return -1;
	if (same_text)
		return 0;
	char rev[16];
	snprintf(rev, sizeof(rev), "%d", next);
	if (db_x(db, "INSERT INTO questionnaire_texts(questionnaire_id, revision, sha256, file_name, definition)"
		     " VALUES ($1, $2, $3, $4, $5::jsonb)", id, rev, sha256, file_name, json) != 0)
		return -1;
	*revision = next;
	return 2;
}

int db_questionnaire_store(struct db *db, const char *key, int version, const char *sha256,
			   const char *structure_sha256, const char *file_name, const char *json,
			   FILE *log, int *revision)
{
	char ver[16];
	snprintf(ver, sizeof(ver), "%d", version);
	*revision = 0;
	if (db_begin(db) != 0) {
		fprintf(log, "fphc: cannot store questionnaire %s: %s\n", file_name, db->err);
		return -1;
	}
	int rc = store(db, key, ver, sha256, structure_sha256, file_name, json, log, revision);
	if (rc < 0) {
		if (rc == -1)
			fprintf(log, "fphc: cannot store questionnaire %s: %s\n", file_name, db->err);
		db_rollback(db);
		return -1;
	}
	if (db_commit(db) != 0) {
		fprintf(log, "fphc: cannot store questionnaire %s: %s\n", file_name, db->err);
		return -1;
	}
	return rc;
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

long long db_questionnaire_for_invitations(struct db *db, long long org_id)
{
	DB_ID(org, org_id);
	return db_rows_one_ll(db_q(db, "SELECT coalesce((SELECT invitation_questionnaire_id FROM organisations WHERE id = $1),"
				   " (SELECT id FROM questionnaires WHERE key = 'fphc' ORDER BY version DESC LIMIT 1))", org), 0);
}

int db_questionnaire_choose_for_invitations(struct db *db, long long org_id, long long questionnaire_id)
{
	DB_ID(org, org_id);
	DB_ID(q, questionnaire_id);
	return db_rows_count(db_q(db, "UPDATE organisations SET invitation_questionnaire_id = nullif($2, '0')::bigint"
				  " WHERE id = $1 AND ($2 = '0' OR EXISTS (SELECT 1 FROM questionnaires WHERE id = $2::bigint))"
				  " RETURNING id", org, q));
}

int db_org_owns_questionnaire(struct db *db, long long org_id)
{
	DB_ID(org, org_id);
	return (int)db_rows_one_ll(db_q(db, "SELECT owns_questionnaire::int FROM organisations WHERE id = $1", org), 0);
}

int db_org_set_owns_questionnaire(struct db *db, const char *slug, int owns)
{
	return db_rows_count(db_q(db, "UPDATE organisations SET owns_questionnaire = $2::boolean WHERE slug = $1 RETURNING id",
				  slug, owns ? "true" : "false"));
}

long long db_questionnaire_chosen(struct db *db, long long org_id)
{
	DB_ID(org, org_id);
	return db_rows_one_ll(db_q(db, "SELECT invitation_questionnaire_id FROM organisations WHERE id = $1", org), 0);
}

long long db_questionnaire_id(struct db *db, const char *key, long version)
{
	char v[DB_ID_LEN];
	snprintf(v, sizeof(v), "%ld", version);
	PGresult *res = db_q(db, "SELECT id FROM questionnaires WHERE key = $1 AND version = $2::int", key, v);
	if (!res)
		return -1;
	long long id = PQntuples(res) ? db_ll(res, 0, 0, 0) : 0;
	PQclear(res);
	return id;
}

int db_questionnaire_newest_revision(struct db *db, long long questionnaire_id)
{
	DB_ID(id, questionnaire_id);
	PGresult *res = db_q(db, "SELECT coalesce(max(revision), 1) FROM questionnaire_texts WHERE questionnaire_id = $1::bigint", id);
	if (!res)
		return -1;
	int rev = PQntuples(res) == 1 ? (int)db_ll(res, 0, 0, 1) : 1;
	PQclear(res);
	return rev;
}

int db_questionnaire_stored(struct db *db, struct arena *a, long long questionnaire_id,
			    struct questionnaire_stored **out)
{
	/* The newest text revision of each version: its texts are shown, its
	 * structure is the version's (the loader checked that). */
	DB_ID(id, questionnaire_id);
	PGresult *res = db_q(db, "SELECT q.id, coalesce(t.definition, q.definition)::text, q.sha256, coalesce(t.revision, 1)"
			     " FROM questionnaires q LEFT JOIN LATERAL (SELECT definition, revision FROM questionnaire_texts"
			     " WHERE questionnaire_id = q.id ORDER BY revision DESC LIMIT 1) t ON true"
			     " WHERE $1::bigint = 0 OR q.id = $1::bigint ORDER BY q.id", id);
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct questionnaire_stored *rows = arena_alloc(a, sizeof(*rows) * (n ? (size_t)n : 1));
	for (int i = 0; i < n; i++) {
		rows[i].id = db_ll(res, i, 0, 0);
		rows[i].definition_json = arena_strdup(a, db_str(res, i, 1));
		rows[i].sha256 = arena_strdup(a, db_str(res, i, 2));
		rows[i].text_revision = (int)db_ll(res, i, 3, 1);
	}
	PQclear(res);
	*out = rows;
	return n;
}

/* questionnaire_registry.c: registry of loaded questionnaire models by database id. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/app/questionnaire_registry.h"
#include "common/banned.h"

#define QREG_MAX 64

struct entry {
	long long id;
	struct questionnaire *q;
};

static pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;
static struct entry entries[QREG_MAX];
static int nentries;

static const struct questionnaire *find(long long id)
{
	for (int i = 0; i < nentries; i++)
		if (entries[i].id == id)
			return entries[i].q;
	return NULL;
}

/* The newest text revision of each version (questionnaires/README.md): its texts
 * are shown, its structure is the version's (the loader checked that). */
#define QREG_SELECT "SELECT q.id, coalesce(t.definition, q.definition)::text, q.sha256, coalesce(t.revision, 1)" \
	" FROM questionnaires q LEFT JOIN LATERAL (SELECT definition, revision FROM questionnaire_texts" \
	" WHERE questionnaire_id = q.id ORDER BY revision DESC LIMIT 1) t ON true"

/* Loads rows of `res` (id, definition text, sha256, text revision) not yet present. 0 or -1. */
static int add_rows(PGresult *res)
{
	int rc = 0;
	for (int i = 0; i < PQntuples(res); i++) {
		long long id = db_ll(res, i, 0, 0);
		if (find(id))
			continue;
		struct problems problems;
		problems_init(&problems, 20);
		const char *json = db_str(res, i, 1);
		struct questionnaire *q = questionnaire_parse(json, strlen(json), &problems);
		if (!q || nentries >= QREG_MAX) {
			fprintf(stderr, "fphc: stored questionnaire id %lld does not load:\n", id);
			problems_print(&problems, stderr);
			rc = -1;
		} else {
			snprintf(q->sha256, sizeof(q->sha256), "%s", db_str(res, i, 2));
			q->text_revision = (int)db_ll(res, i, 3, 1);
			entries[nentries].id = id;
			entries[nentries].q = q;
			nentries++;
		}
		problems_release(&problems);
	}
	return rc;
}

int qreg_init(struct db *db)
{
	PGresult *res = db_query(db, QREG_SELECT " ORDER BY q.id", 0, NULL);
	if (!res) {
		fprintf(stderr, "fphc: cannot read questionnaires: %s\n", db->err);
		return -1;
	}
	pthread_rwlock_wrlock(&lock);
	int rc = add_rows(res);
	pthread_rwlock_unlock(&lock);
	PQclear(res);
	return rc;
}

const struct questionnaire *qreg_get(struct db *db, long long questionnaire_id)
{
	pthread_rwlock_rdlock(&lock);
	const struct questionnaire *q = find(questionnaire_id);
	pthread_rwlock_unlock(&lock);
	if (q || !db)
		return q;
	char id[24];
	snprintf(id, sizeof(id), "%lld", questionnaire_id);
	PGresult *res = db_q(db, QREG_SELECT " WHERE q.id = $1", id);
	if (!res)
		return NULL;
	pthread_rwlock_wrlock(&lock);
	add_rows(res);
	q = find(questionnaire_id);
	pthread_rwlock_unlock(&lock);
	PQclear(res);
	return q;
}

void qreg_free(void)
{
	pthread_rwlock_wrlock(&lock);
	for (int i = 0; i < nentries; i++)
		questionnaire_free(entries[i].q);
	nentries = 0;
	pthread_rwlock_unlock(&lock);
}

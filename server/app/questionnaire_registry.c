/* questionnaire_registry.c: registry of loaded questionnaire models by database id. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/app/questionnaire_registry.h"
#include "server/db/questionnaire.h"
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

/* Loads the stored versions rows[0..n) not yet present. 0 or -1. */
static int add_rows(const struct questionnaire_stored *rows, int n)
{
	int rc = 0;
	for (int i = 0; i < n; i++) {
		long long id = rows[i].id;
		if (find(id))
			continue;
		struct problems problems;
		problems_init(&problems, 20);
		const char *json = rows[i].definition_json;
		struct questionnaire *q = questionnaire_parse(json, strlen(json), &problems);
		if (!q || nentries >= QREG_MAX) {
			fprintf(stderr, "fphc: stored questionnaire id %lld does not load:\n", id);
			problems_print(&problems, stderr);
			rc = -1;
		} else {
			snprintf(q->sha256, sizeof(q->sha256), "%s", rows[i].sha256);
			q->text_revision = rows[i].text_revision;
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
	struct arena a = ARENA_INIT;
	struct questionnaire_stored *rows;
	int n = db_questionnaire_stored(db, &a, 0, &rows);
	if (n < 0) {
		fprintf(stderr, "fphc: cannot read questionnaires: %s\n", db->err);
		return -1;
	}
	pthread_rwlock_wrlock(&lock);
	int rc = add_rows(rows, n);
	pthread_rwlock_unlock(&lock);
	arena_release(&a);
	return rc;
}

const struct questionnaire *qreg_get(struct db *db, long long questionnaire_id)
{
	pthread_rwlock_rdlock(&lock);
	const struct questionnaire *q = find(questionnaire_id);
	pthread_rwlock_unlock(&lock);
	if (q || !db || questionnaire_id <= 0)
		return q;
	struct arena a = ARENA_INIT;
	struct questionnaire_stored *rows;
	int n = db_questionnaire_stored(db, &a, questionnaire_id, &rows);
	if (n < 0) {
		arena_release(&a);
		return NULL;
	}
	pthread_rwlock_wrlock(&lock);
	add_rows(rows, n);
	q = find(questionnaire_id);
	pthread_rwlock_unlock(&lock);
	arena_release(&a);
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

/* questionnaire_registry.c: registry of loaded questionnaire models by database id. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/app/questionnaire_registry.h"
#include "server/db/questionnaire.h"
#include "common/banned.h"

#define QREG_MAX 64
/* How often a process asks whether a version got a newer text revision (published in the
 * back office, possibly through another instance): at most once per this many seconds. */
#define QREG_RECHECK_SECONDS 10

struct entry {
	long long id;
	struct questionnaire *q;
	time_t checked;  /* CLOCK_MONOTONIC seconds of the last revision check */
};

static pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;
static struct entry entries[QREG_MAX];
static int nentries;
/* Models replaced by a newer text revision: a request may still read them, so they live
 * until qreg_free (revisions are rare; each is a few hundred KB). */
static struct questionnaire *retired[QREG_MAX * 4];
static int nretired;

static time_t now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

static struct entry *find_entry(long long id)
{
	for (int i = 0; i < nentries; i++)
		if (entries[i].id == id)
			return &entries[i];
	return NULL;
}

static const struct questionnaire *find(long long id)
{
	struct entry *e = find_entry(id);
	return e ? e->q : NULL;
}

static struct questionnaire *load_row(const struct questionnaire_stored *row, struct problems *problems)
{
	struct questionnaire *q = questionnaire_parse(row->definition_json, strlen(row->definition_json), problems);
	if (q) {
		snprintf(q->sha256, sizeof(q->sha256), "%s", row->sha256);
		q->text_revision = row->text_revision;
	}
	return q;
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
		struct questionnaire *q = load_row(&rows[i], &problems);
		if (!q || nentries >= QREG_MAX) {
			fprintf(stderr, "fphc: stored questionnaire id %lld does not load:\n", id);
			problems_print(&problems, stderr);
			rc = -1;
		} else {
			entries[nentries].id = id;
			entries[nentries].q = q;
			entries[nentries].checked = now_seconds();
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

/* Takes a newer text revision of a loaded version when there is one. Returns the model to use. */
static const struct questionnaire *newest_revision(struct db *db, long long id, const struct questionnaire *q)
{
	int rev = db_questionnaire_newest_revision(db, id);
	if (rev < 0 || rev <= q->text_revision)
		return q;  /* a failed check keeps the loaded texts; the next one tries again */
	struct arena a = ARENA_INIT;
	struct questionnaire_stored *rows;
	struct questionnaire *fresh = NULL;
	if (db_questionnaire_stored(db, &a, id, &rows) == 1)
		fresh = load_row(&rows[0], NULL);
	arena_release(&a);
	if (!fresh)
		return q;
	pthread_rwlock_wrlock(&lock);
	struct entry *e = find_entry(id);
	if (e && e->q->text_revision < fresh->text_revision && nretired < (int)(sizeof(retired) / sizeof(retired[0]))) {
		retired[nretired++] = e->q;
		e->q = fresh;
		fresh = NULL;
	}
	q = e ? e->q : q;
	pthread_rwlock_unlock(&lock);
	questionnaire_free(fresh);  /* another thread was first, or no room to retire the old one */
	return q;
}

const struct questionnaire *qreg_get(struct db *db, long long questionnaire_id)
{
	int due = 0;
	pthread_rwlock_rdlock(&lock);
	struct entry *e = find_entry(questionnaire_id);
	const struct questionnaire *q = e ? e->q : NULL;
	if (e && db) {
		time_t now = now_seconds();
		/* one thread per period does the check; the others go on with the loaded model */
		if (now - __atomic_load_n(&e->checked, __ATOMIC_RELAXED) >= QREG_RECHECK_SECONDS) {
			time_t seen = __atomic_load_n(&e->checked, __ATOMIC_RELAXED);
			due = __atomic_compare_exchange_n(&e->checked, &seen, now, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED);
		}
	}
	pthread_rwlock_unlock(&lock);
	if (q)
		return due ? newest_revision(db, questionnaire_id, q) : q;
	if (!db || questionnaire_id <= 0)
		return NULL;
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

void qreg_recheck(void)
{
	pthread_rwlock_rdlock(&lock);
	for (int i = 0; i < nentries; i++)
		__atomic_store_n(&entries[i].checked, (time_t)0, __ATOMIC_RELAXED);
	pthread_rwlock_unlock(&lock);
}

void qreg_free(void)
{
	pthread_rwlock_wrlock(&lock);
	for (int i = 0; i < nentries; i++)
		questionnaire_free(entries[i].q);
	nentries = 0;
	for (int i = 0; i < nretired; i++)
		questionnaire_free(retired[i]);
	nretired = 0;
	pthread_rwlock_unlock(&lock);
}

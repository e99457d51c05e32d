/* research.h: SQL of the research workspace — what a research group may see.
 *
 * The scoping rule lives here and only here: a scan is visible to research
 * group R when it is submitted and its association has share_research and
 * research_org_id = R. Open-text answers come along only when the association
 * also has share_open_text. Company names, KvK numbers and contact data are
 * never selected; companies appear as pseudonyms (research/pseudonym.h). */
#ifndef FPHC_DB_RESEARCH_H
#define FPHC_DB_RESEARCH_H

#include <stddef.h>
#include "common/arena.h"
#include "server/db/db.h"

struct research_filter {
	long long research_org_id;  /* the research group; 0 = every group (command line only) */
	long long questionnaire_id;
	const char *from, *to;      /* YYYY-MM-DD, inclusive; NULL = open */
	int newest_first;           /* order by scan id descending (samples of the latest scans) */
};

/* One scan of an export batch. The strings point into the batch (no copy, for
 * 50,000-scan exports): valid until db_research_export_batch_free. */
struct research_export_row {
	long long company_id;       /* input of the pseudonym only; never exported */
	const char *scan_no;        /* the scan's number within its company (1, 2, …): never the database id */
	const char *sector, *size_class, *region, *month;
	int demo;
	const char *answers_json;   /* JSON object item key → value, open-text answers included */
	const char *scores;         /* float8[] text in scan_score_rows order, "{67.4,NULL,…}"; "" = not valid */
	int open_text;              /* the association shares open-text answers: drop them otherwise */
};
/* A fetched batch of export rows. */
struct research_export_batch {
	PGresult *res;
	int n;
};
/* Row i of the batch (0 <= i < b->n). */
void db_research_export_row(const struct research_export_batch *b, int i, struct research_export_row *out);
void db_research_export_batch_free(struct research_export_batch *b);

/* The installation's pseudonym secret (32 bytes). 0, or -1 (db->err). */
int db_research_secret(struct db *db, unsigned char key[32]);
/* Number of scans the filter selects; -1 on error. */
long long db_research_export_count(struct db *db, const struct research_filter *f);
/* Opens a read-only REPEATABLE READ transaction and a server-side cursor over
 * the scans of the filter, ordered by scan id; *count gets their number in the
 * same snapshot. The rows carry open-text answers of every association: the
 * caller must drop them where RX_OPEN_TEXT is false (research_row_decode does). 0 or -1. */
int db_research_export_open(struct db *db, const struct research_filter *f, long long *count);
/* The next batch of at most 10,000 rows into *b (b->n = 0 at the end): 0, or -1
 * on error. The caller frees it (db_research_export_batch_free). Sends the FETCH of the batch after it at once, so
 * no other query may run on db until the last batch or db_research_export_close.
 * Memory stays bounded by two batches. */
int db_research_export_fetch(struct db *db, struct research_export_batch *b);
/* Reads whatever has arrived of the prefetched next batch into libpq's buffer,
 * so PostgreSQL is not held up while the caller formats the current one: call
 * it every few rows (16: the socket buffer holds only ~100 rows). Cheap; never fails (errors show in the next fetch). */
void db_research_export_poll(struct db *db);
/* Closes the cursor and the transaction; safe after a failure. */
void db_research_export_close(struct db *db);

/* One questionnaire version as the research workspace offers it; strings in the arena. */
struct research_version {
	long long questionnaire_id;
	const char *key;
	int version;
	long long n;   /* scans with a valid overall score at the last aggregates refresh */
};
/* Every questionnaire version, by key then newest first; the row count or -1 on error. */
int db_research_versions(struct db *db, struct arena *a, long long research_org_id, struct research_version **out);

/* One precomputed aggregate: the statistics of one score (level, key) in one cell
 * of a dimension; strings in the arena. */
struct research_aggregate_row {
	const char *dimension;
	const char *cell;          /* "" = the dimension's total */
	const char *level, *key;
	double n, mean, sd, p25, median, p75;  /* NAN when NULL */
	const char *computed_at;   /* the refresh: YYYY-MM-DD HH24:MI, local time */
};
/* The precomputed aggregates of the research group for a questionnaire, ordered by
 * dimension, level, key, cell ('' = total first); the row count or -1 on error.
 * Suppression is the caller's (scoring/suppression.h). */
int db_research_aggregates(struct db *db, struct arena *a, long long research_org_id, long long questionnaire_id,
			   struct research_aggregate_row **out);

#endif

/* questionnaire.h: stored questionnaire versions (immutable once loaded). */
#ifndef FPHC_DB_QUESTIONNAIRE_H
#define FPHC_DB_QUESTIONNAIRE_H

#include <stdio.h>
#include "server/db/db.h"

/* Stores a definition as (key, version) with its sha256, or checks that the
 * stored one has the same sha256. Returns 1 when stored now, 0 when already
 * there unchanged, -1 when it changed (message on log: make a new version) or
 * on a database error. */
int db_questionnaire_store(struct db *db, const char *key, int version, const char *sha256,
			   const char *file_name, const char *json, FILE *log);
/* The id of the newest version of `key`; 0 when none, -1 on error. */
long long db_questionnaire_latest(struct db *db, const char *key);

#endif

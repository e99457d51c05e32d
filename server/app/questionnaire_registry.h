/* questionnaire_registry.h: the questionnaire versions stored in the database, loaded once into
 * immutable models (scoring/questionnaire.h) and shared by every worker. */
#ifndef FPHC_QREG_H
#define FPHC_QREG_H

#include "scoring/questionnaire.h"
#include "server/db/db.h"

/* Loads every stored version. 0, or -1 with a message on stderr naming the
 * version whose definition does not load (the server must then not start). */
int qreg_init(struct db *db);
/* The model of questionnaires.id, loading it on first use (a version added
 * while the server runs); NULL when unknown or on a database error. A text
 * revision published while the server runs (in the back office, or through
 * another instance) is taken within QREG_RECHECK_SECONDS: the model returned
 * before stays valid for the request that holds it. */
const struct questionnaire *qreg_get(struct db *db, long long questionnaire_id);
/* The next qreg_get of each version checks for a newer text revision (after publishing one). */
void qreg_recheck(void);
void qreg_free(void);

#endif

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
 * while the server runs); NULL when unknown or on a database error. */
const struct questionnaire *qreg_get(struct db *db, long long questionnaire_id);
void qreg_free(void);

#endif

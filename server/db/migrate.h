/* migrate.h: applies the numbered SQL files compiled into the binary. */
#ifndef FPHC_MIGRATE_H
#define FPHC_MIGRATE_H

#include <stdio.h>
#include "server/db/db.h"

/* Applies every migration not yet applied, in order, each in its own
 * transaction, under an advisory lock so that two runs at once are safe.
 * Refuses (returns -1, message on `log`) when an applied file's checksum
 * changed. Also creates the installation secret on first run.
 * Returns the number applied, or -1. */
int migrate_apply(struct db *db, FILE *log);
/* Lists, one line each on `out` ("would apply migrations/NNNN_x.sql"), the
 * migrations that migrate_apply would run now, in order, and changes nothing
 * (not even schema_migrations is created). Returns how many are pending, or -1
 * (reason on `out`) when migrate_apply would refuse or the database fails. */
int migrate_plan(struct db *db, FILE *out);
/* The version number of the newest compiled-in migration. */
int migrate_latest(void);
/* 1 when the database has every compiled-in migration, 0 when not, -1 on error. */
int migrate_current(struct db *db);

#endif

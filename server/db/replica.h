/* replica.h: how far a streaming replica is behind (for the read pool). */
#ifndef FPHC_DB_REPLICA_H
#define FPHC_DB_REPLICA_H

#include "server/db/db.h"

/* Seconds the server behind db is behind its primary into *lag: 0 for a primary,
 * and for a standby that has replayed everything it received; otherwise the age
 * of the last replayed transaction. 0, or -1 with db->err set. */
int db_replica_lag(struct db *db, double *lag);

#endif

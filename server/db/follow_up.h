/* follow_up.h: the owner's consent to be invited to follow-up meetings (events)
 * on the themes of the scan, given on the done page. */
#ifndef FPHC_DB_FOLLOW_UP_H
#define FPHC_DB_FOLLOW_UP_H

#include "common/arena.h"
#include "server/db/db.h"

enum follow_up_consent { FOLLOW_UP_UNKNOWN = -1, FOLLOW_UP_NO = 0, FOLLOW_UP_YES = 1 };

/* Stores yes/no with the current time. 0, or -1 on a database error. */
int db_follow_up_consent_set(struct db *db, long long scan_id, int yes);
/* The stored answer into *out, and when it was given as local "DD-MM-YYYY HH:MM"
 * (arena; "" when unknown) into *at. 0, or -1 on a database error. */
int db_follow_up_consent_get(struct db *db, struct arena *a, long long scan_id, enum follow_up_consent *out,
			     const char **at);

#endif

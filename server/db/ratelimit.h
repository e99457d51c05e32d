/* ratelimit.h: fixed-window rate limits kept in PostgreSQL, so every fphc
 * instance behind a load balancer counts the same attempts. */
#ifndef FPHC_RATELIMIT_H
#define FPHC_RATELIMIT_H

#include "server/db/db.h"

/* Counts one hit on `key` in a window of `window_s` seconds. Returns 1 when the
 * hits in the current window exceed `limit`, 0 when not, -1 on database error. */
int ratelimit_hit(struct db *db, const char *key, int window_s, int limit);
/* Forgets the key (e.g. after a successful login). */
void ratelimit_clear(struct db *db, const char *key);

#endif

/* login_throttle.h: failed logins per account name and per client address, kept
 * in PostgreSQL so every instance counts the same attempts. The policy (how many
 * failures, how long to wait) is the caller's; see server/pages/public/login.c. */
#ifndef FPHC_DB_LOGIN_THROTTLE_H
#define FPHC_DB_LOGIN_THROTTLE_H

#include "server/db/db.h"

/* Seconds until the first of the keys that is blocked may try again (rounded
 * up), 0 when none is blocked, -1 on error. */
long db_login_wait(struct db *db, const char *account_key, const char *address_key);

/* Counts one failure on key; a run of failures whose last one is older than
 * forget_s starts again at 1. Returns the failures in the run and the seconds
 * since the run began, or -1 on error. */
int db_login_failure(struct db *db, const char *key, int forget_s, long *run_s);
/* Blocks key for wait_s seconds from now. 0 or -1. */
int db_login_block(struct db *db, const char *key, long wait_s);
/* Forgets key's failures (after a correct password). 0 or -1. */
int db_login_clear(struct db *db, const char *key);

#endif

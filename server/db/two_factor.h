/* two_factor.h: two-factor sign-in tables — a user's TOTP secret (as an opaque
 * encrypted box: this layer never sees the secret), the recovery codes (as
 * hashes), the logins waiting for their code, and the association's
 * "required" setting. Encryption and hashing are server/app/two_factor.c's. */
#ifndef FPHC_DB_TWO_FACTOR_H
#define FPHC_DB_TWO_FACTOR_H

#include <stddef.h>

#include "common/arena.h"
#include "server/db/db.h"

#define TWO_FACTOR_BOX_MAX 128      /* nonce + MAC + a 20-byte secret fit with room */
#define TWO_FACTOR_CODES 10         /* recovery codes per user */

struct two_factor_row {
	unsigned char box[TWO_FACTOR_BOX_MAX];
	size_t box_len;
	int enabled;                /* 0: set-up started, not confirmed */
	long long last_step;        /* -1: no code used yet */
	int codes_left;             /* unused recovery codes */
};

/* The user's row. 1 found, 0 none, -1 error. */
int db_two_factor_get(struct db *db, long long user_id, struct two_factor_row *out);
/* Starts (or restarts) a set-up with a new secret box; an enabled row is left
 * alone. 1 stored, 0 already enabled, -1 error. */
int db_two_factor_begin(struct db *db, long long user_id, const void *box, size_t len);
/* Switches a started set-up on: step is the time step of the confirming code,
 * hashes the TWO_FACTOR_CODES recovery-code hashes (replacing any). 1 switched
 * on, 0 nothing started or already on, -1 error. */
int db_two_factor_enable(struct db *db, long long user_id, long long step, const char *const *hashes);
/* Uses time step `step` of an enabled user: succeeds only when it is later
 * than the last used step, so a code works once. 1 used, 0 refused, -1 error. */
int db_two_factor_use_step(struct db *db, long long user_id, long long step);
/* Marks an unused recovery code as used. 1 used, 0 unknown or used, -1 error. */
int db_two_factor_use_recovery(struct db *db, long long user_id, const char *hash);
/* Replaces the recovery codes of an enabled user. 1, 0 (not enabled), -1. */
int db_two_factor_set_codes(struct db *db, long long user_id, const char *const *hashes);
/* Switches two-factor off: the secret and the codes are deleted. 0 or -1. */
int db_two_factor_disable(struct db *db, long long user_id);

/* A login waiting for its code (strings in the arena). */
struct login_pending {
	long long user_id;
	const char *account_key, *next;
};
/* Stores a waiting login under the hash of its token (and forgets waiting
 * logins older than their lifetime). 0 or -1. */
int db_login_pending_insert(struct db *db, const char *id_hash, const struct login_pending *p);
/* The waiting login of id_hash if it is younger than max_age_s and its user is
 * not disabled. 1 found, 0 not, -1 error. */
int db_login_pending_get(struct db *db, struct arena *a, const char *id_hash, int max_age_s,
			 struct login_pending *out);
int db_login_pending_delete(struct db *db, const char *id_hash);

/* Whether the organisation requires two-factor of its users. 0/1, -1 error. */
int db_org_two_factor_required(struct db *db, long long org_id);
int db_org_two_factor_require(struct db *db, long long org_id, int required);

#endif

/* two_factor.h: two-factor sign-in for back-office users — TOTP (RFC 6238:
 * SHA-1, 6 digits, 30-second steps, checked by liboath) and single-use recovery
 * codes. The TOTP secret is kept only sealed with crypto_secretbox under the
 * installation's two_factor_key; recovery codes only as HMAC-SHA256 under the
 * same key. Secrets and codes are never logged. */
#ifndef FPHC_APP_TWO_FACTOR_H
#define FPHC_APP_TWO_FACTOR_H

#include <stddef.h>

#include "common/arena.h"
#include "server/db/db.h"
#include "server/db/two_factor.h"

#define TWO_FACTOR_SECRET_BYTES 20    /* 160 bits, as RFC 4226 recommends */
#define TWO_FACTOR_B32_MAX 48         /* base32 of the secret, grouped by 4, + NUL */
#define TWO_FACTOR_CODE_TEXT 15       /* "xxxx-xxxx-xxxx" + NUL */

/* A fresh set-up: the secret (sealed) is stored as not yet confirmed; writes
 * the secret as grouped base32 ("ABCD EFGH …") for the person to type. 1 done,
 * 0 the user already has two-factor on, -1 error. */
int two_factor_begin(struct db *db, long long user_id, char b32[TWO_FACTOR_B32_MAX]);
/* The grouped base32 of a started, unconfirmed set-up (to show it again after
 * a wrong code). 1, 0 (none started), -1. */
int two_factor_pending_secret(struct db *db, long long user_id, char b32[TWO_FACTOR_B32_MAX]);
/* otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=… for an authenticator app
 * (b32 may be grouped). In the arena. */
char *two_factor_uri(struct arena *a, const char *issuer, const char *account, const char *b32);

/* Confirms a started set-up with a current code and switches it on; on
 * success writes TWO_FACTOR_CODES fresh recovery codes (shown once, stored
 * only hashed). 1 on, 0 wrong code or nothing started, -1 error. */
int two_factor_confirm(struct db *db, long long user_id, const char *code,
		       char codes[TWO_FACTOR_CODES][TWO_FACTOR_CODE_TEXT]);

enum two_factor_result {
	TWO_FACTOR_ERROR = -1,
	TWO_FACTOR_WRONG = 0,
	TWO_FACTOR_CODE_OK,         /* a current TOTP code, not used before */
	TWO_FACTOR_RECOVERY_OK,     /* an unused recovery code, now used up */
};
/* Checks what a user with two-factor on typed: six digits are a TOTP code
 * (one time step of drift either way; a step already used is refused),
 * anything else a recovery code. */
enum two_factor_result two_factor_verify(struct db *db, long long user_id, const char *input);
/* Like two_factor_verify, but a TOTP code only (for switching off and for new
 * recovery codes, where a recovery code must not do). */
enum two_factor_result two_factor_verify_totp(struct db *db, long long user_id, const char *input);

/* New recovery codes for a user with two-factor on (the old ones stop
 * working). 1, 0 (not on), -1. */
int two_factor_new_codes(struct db *db, long long user_id, char codes[TWO_FACTOR_CODES][TWO_FACTOR_CODE_TEXT]);

#endif

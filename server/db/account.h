/* account.h: back-office users of an association (list, disable, reset) and their
 * one-time set-password links.
 *
 * A link is /password/TOKEN with a 128-bit random token; only its sha256 is stored
 * (password_tokens), it is valid for PASSWORD_TOKEN_DAYS and works once. Issuing a
 * new link voids the user's earlier unused ones. Every function taking org_id only
 * touches users of that organisation. */
#ifndef FPHC_DB_ACCOUNT_H
#define FPHC_DB_ACCOUNT_H

#include "server/db/db.h"
#include "common/arena.h"
#include "common/crypto.h"

#define PASSWORD_TOKEN_DAYS 7

/* Who a user is, for an audit entry written before they have a session: the
 * association and the e-mail address (in the arena). 1, 0 unknown, -1 error. */
int db_user_identity(struct db *db, struct arena *a, long long user_id, long long *org_id, const char **email);

/* An account a login may mean: every association has its own account for an
 * e-mail address (lower case), so one address can name a few. */
struct login_account {
	long long id;
	const char *password_hash;  /* NULL: no password set yet */
	int disabled;
};
#define LOGIN_ACCOUNTS_MAX 8
/* The accounts with this address, oldest first, at most LOGIN_ACCOUNTS_MAX
 * (strings in the arena): their number (0 none), or -1 on error. */
int db_login_accounts(struct db *db, struct arena *a, const char *email,
		      struct login_account out[LOGIN_ACCOUNTS_MAX]);
/* Records a successful login (last_login_at). 0 or -1. */
int db_login_succeeded(struct db *db, long long user_id);

/* Issues a fresh set-password token for the user (voiding older ones). 0 or -1. */
int db_password_token_new(struct db *db, long long user_id, char token[TOKEN_TEXT_LEN + 1]);
/* The user behind a live token: returns the user id (and copies the e-mail address
 * into email), 0 when unknown, used, expired or the user is disabled, -1 on error. */
long long db_password_token_peek(struct db *db, const char *token, char *email, size_t emaillen);
/* Uses the token: sets the password hash, marks the token used, ends the user's
 * sessions, clears lockouts — in one transaction. Returns the user id, 0 when the
 * token is not live (nothing changed), -1 on error. */
long long db_password_token_use(struct db *db, const char *token, const char *password_hash);

/* A back-office user to pick in a filter. */
struct user_option {
	long long id;
	const char *name;         /* the name, or else the e-mail address */
};

/* A back-office user. */
struct user_row {
	long long id;
	const char *email, *name;
	const char *role;         /* admin, advisor, researcher */
	int disabled;
};
/* A user on the admin's list, with how far their account is set up. */
struct user_list_row {
	struct user_row user;
	int has_password;
	const char *last_login;   /* DD-MM-YYYY HH24:MI local time, "" when never */
	int link_pending;         /* an unused, unexpired set-password link exists */
	int two_factor;           /* two-factor sign-in is on */
};
/* Users of the organisation by name into *out (arena). Row count, or -1 on error. */
int db_user_list(struct db *db, struct arena *a, long long org_id, struct user_list_row **out);
/* One user of the organisation (strings in the arena). 1 found, 0 when the user
 * belongs elsewhere or does not exist, -1 on error. */
int db_user_get(struct db *db, struct arena *a, long long org_id, long long user_id, struct user_row *out);
/* Disables (ending every session) or enables a user of the organisation.
 * Returns 1 changed, 0 no such user there, -1 on error. */
int db_user_set_disabled(struct db *db, long long org_id, long long user_id, int disabled);
/* The stored password hash of a user ("" when none), copied into out. 0 or -1. */
int db_user_password_hash(struct db *db, long long user_id, char out[128]);
/* Sets a new password and ends every other session of the user (keep_session_hash
 * is kept). 0 or -1. */
int db_user_change_password(struct db *db, long long user_id, const char *hash, const char *keep_session_hash);

#endif

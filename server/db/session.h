/* session.h: office sessions (table sessions): looked up by the hash of the
 * cookie, never by the cookie itself. */
#ifndef FPHC_DB_SESSION_H
#define FPHC_DB_SESSION_H

#include "common/arena.h"
#include "server/db/db.h"

/* A live session with its user and association (strings in the arena). */
struct session_row {
	long long user_id, org_id;
	const char *role, *email, *name;
	const char *org_name, *org_slug, *org_kind;
	const char *csrf, *lang;
	int two_factor_due;   /* the user has no two-factor yet and their association requires it
	                       * (for a researcher: an association that shares data with
	                       * their research organisation requires it) */
};

/* Finds the session of id_hash that is still live (seen in the last 8 hours,
 * at most 7 days old, user not disabled), marks it seen, fills *out.
 * 1 found, 0 not, -1 database error. */
int db_session_touch(struct db *db, struct arena *a, const char *id_hash, struct session_row *out);
int db_session_insert(struct db *db, const char *id_hash, long long user_id, const char *csrf, const char *lang);
int db_session_delete(struct db *db, const char *id_hash);
int db_session_set_lang(struct db *db, const char *id_hash, const char *lang);

#endif

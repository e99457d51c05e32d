/* org.h: organisations (associations and the research group) and their users. */
#ifndef FPHC_DB_ORG_H
#define FPHC_DB_ORG_H

#include "server/db/db.h"

/* Creates an organisation; returns its id, or -1 (db->err; "23505" = slug taken). */
long long db_org_create(struct db *db, const char *kind, const char *slug, const char *name,
			const char *region);
/* The id of the organisation with this slug; 0 when none, -1 on error. */
long long db_org_by_slug(struct db *db, const char *slug);
/* Creates a user; password_hash may be NULL (a set-password link is needed).
 * Returns the id, or -1 ("23505" = e-mail taken). */
long long db_user_create(struct db *db, long long org_id, const char *email, const char *name,
			 const char *role, const char *password_hash);
/* Sets a new password hash and clears lockouts. 0 or -1. */
int db_user_set_password(struct db *db, long long user_id, const char *password_hash);
/* The id of the user with this e-mail (lower case); 0 when none, -1 on error. */
long long db_user_by_email(struct db *db, const char *email);

#endif

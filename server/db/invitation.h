/* invitation.h: scans and their invitation links.
 *
 * A link is https://BASE/s/TOKEN with a 128-bit random token; only its sha256
 * is stored. Re-issuing revokes every earlier link of the scan. */
#ifndef FPHC_DB_INVITATION_H
#define FPHC_DB_INVITATION_H

#include "common/arena.h"
#include "server/db/db.h"
#include "common/crypto.h"

#define INVITATION_DAYS_DEFAULT 60

/* Creates a scan (status 'invited') for the company on the given questionnaire
 * version, copying the company's profile, and its first invitation. In one
 * transaction. created_by may be 0 (command line). Sets *scan_id and token.
 * Returns 0 or -1 (db->err). */
int db_scan_create_invited(struct db *db, long long org_id, long long company_id,
			   long long questionnaire_id, long long created_by, const char *email,
			   int days_valid, long long *scan_id, char token[TOKEN_TEXT_LEN + 1]);
/* Revokes the scan's live links and issues a new one. 0 or -1. */
int db_invitation_reissue(struct db *db, long long scan_id, long long created_by, int days_valid,
			  char token[TOKEN_TEXT_LEN + 1]);
/* Revokes every live link of the scan. 0 or -1. */
int db_invitation_revoke(struct db *db, long long scan_id);

/* Looks a token up: sets *scan_id when it belongs to a live (not revoked, not
 * expired) invitation. Returns 1 found, 0 not (unknown, expired or revoked:
 * callers must not tell these apart), -1 on error. */
int db_invitation_find(struct db *db, const char *token, long long *scan_id);
/* The address the invitation of this live token went to ("" when it was
 * handed out without one), in the arena. 1 found, 0 not, -1 error. */
int db_invitation_email(struct db *db, struct arena *a, const char *token, const char **email);

/* Creates a company in an association; returns its id or -1. */
long long db_company_create_min(struct db *db, long long org_id, const char *name, const char *sector,
				const char *fte, const char *email);

#endif

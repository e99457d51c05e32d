/* report_link.h: SQL of the read-only links to the owner's HTML report
 * (/r/TOKEN, table report_links, migrations/0081_report_links.sql).
 *
 * A link is a 128-bit random token of its own, never the invitation token; only
 * its sha256 is stored. So the raw token is known only when the link is made:
 * it is made at a finalize when the scan has no live link, and printed in the
 * PDF frozen by that finalize. A later version of the report, made while that
 * link is still live, cannot print it again (the token is not kept) and leaves
 * it out; the link itself keeps working and always shows the newest final
 * version. Keeping only the hash means a copy of the database opens no report,
 * which we prefer over printing the link in every version. After a revoke the
 * next finalize makes (and prints) a new link. */
#ifndef FPHC_DB_REPORT_LINK_H
#define FPHC_DB_REPORT_LINK_H

#include "server/db/db.h"
#include "common/crypto.h"

/* 1 when scan_id has a live (not revoked) report link, 0 when not, -1 on error. */
int db_report_link_live(struct db *db, long long scan_id);

/* Makes the scan's live link from token (the raw token, TOKEN_TEXT_LEN chars),
 * unless the scan has a live link already. Call it inside the finalize
 * transaction. Sets *made to 1 when token is now the live link, 0 when an
 * earlier live link stays. 0 or -1 (db->err). */
int db_report_link_create(struct db *db, long long scan_id, const char *token, int *made);

/* The scan of a live link: 1 found (sets *scan_id), 0 unknown or revoked
 * (callers must not tell these apart), -1 on error. */
int db_report_link_find(struct db *db, const char *token, long long *scan_id);

/* Revokes the scan's live link. Sets *revoked to the number revoked (0 or 1).
 * 0 or -1. */
int db_report_link_revoke(struct db *db, long long scan_id, int *revoked);

#endif

/* invitation_mail.c: SQL for invitation e-mails and reminders; see invitation_mail.h. */
#include <stdio.h>
#include <string.h>

#include "server/db/invitation_mail.h"
#include "common/banned.h"

PGresult *db_invitation_mail_info(struct db *db, long long org_id, long long scan_id)
{
	char org[24], sid[24];
	snprintf(org, sizeof(org), "%lld", org_id);
	snprintf(sid, sizeof(sid), "%lld", scan_id);
	return db_q(db, "SELECT c.name, c.email, coalesce(nullif(u.name, ''), u.email, o.name), o.invitation_subject,"
			" o.invitation_template, o.contact_email FROM scans s JOIN companies c ON c.id = s.company_id"
			" JOIN organisations o ON o.id = s.org_id LEFT JOIN users u ON u.id = coalesce(s.advisor_id, s.created_by)"
			" WHERE s.id = $2 AND ($1 = '0' OR s.org_id = $1::bigint)", org, sid);
}

int db_invitation_mark_sent(struct db *db, const char *token)
{
	char hash[SHA256_HEX_LEN + 1];
	crypto_sha256_hex(token, strlen(token), hash);
	return db_x(db, "UPDATE invitations SET sent_at = now() WHERE token_hash = $1", hash);
}

PGresult *db_reminders_due(struct db *db)
{
	return db_query(db,
		"SELECT i.id, i.scan_id, i.reminders_sent FROM scans s"
		" JOIN LATERAL (SELECT * FROM invitations WHERE scan_id = s.id AND revoked_at IS NULL"
		"  AND expires_at > now() ORDER BY id DESC LIMIT 1) i ON true"
		" WHERE s.status = 'invited' AND i.sent_at IS NOT NULL AND i.email <> ''"
		" AND ((i.reminders_sent = 0 AND i.sent_at < now() - interval '7 days')"
		"  OR (i.reminders_sent = 1 AND i.sent_at < now() - interval '14 days'))"
		" ORDER BY i.id", 0, NULL);
}

int db_reminder_link(struct db *db, long long invitation_id, char token[TOKEN_TEXT_LEN + 1])
{
	char iid[24], hash[SHA256_HEX_LEN + 1];
	snprintf(iid, sizeof(iid), "%lld", invitation_id);
	crypto_token_new(token);
	crypto_sha256_hex(token, strlen(token), hash);
	return db_x(db, "INSERT INTO invitations(scan_id, token_hash, email, created_by, expires_at, sent_at, reminders_sent)"
			" SELECT scan_id, $2, email, created_by, expires_at, sent_at, reminders_sent + 1"
			" FROM invitations WHERE id = $1", iid, hash);
}

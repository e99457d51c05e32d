/* invitation_mail.c: SQL for invitation e-mails and reminders; see invitation_mail.h. */
#include <stdio.h>
#include <string.h>

#include "server/db/invitation_mail.h"
#include "common/banned.h"

int db_invitation_mail_info(struct db *db, struct arena *a, long long org_id, long long scan_id,
			    struct invitation_mail_info *out)
{
	char org[DB_ID_LEN], sid[24];
	db_id_text(org, org_id);
	db_id_text(sid, scan_id);
	PGresult *res = db_q(db, "SELECT c.name, c.email, coalesce(nullif(u.name, ''), u.email, o.name), o.invitation_subject,"
			" o.invitation_template, o.contact_email FROM scans s JOIN companies c ON c.id = s.company_id"
			" JOIN organisations o ON o.id = s.org_id LEFT JOIN users u ON u.id = coalesce(s.advisor_id, s.created_by)"
			" WHERE s.id = $2 AND ($1 = '0' OR s.org_id = $1::bigint)", org, sid);
	if (!res)
		return -1;
	int found = PQntuples(res) == 1;
	if (found) {
		out->company_name = arena_strdup(a, db_str(res, 0, 0));
		out->company_email = arena_strdup(a, db_str(res, 0, 1));
		out->advisor_name = arena_strdup(a, db_str(res, 0, 2));
		out->subject_template = arena_strdup(a, db_str(res, 0, 3));
		out->body_template = arena_strdup(a, db_str(res, 0, 4));
		out->reply_to = arena_strdup(a, db_str(res, 0, 5));
	}
	PQclear(res);
	return found;
}

int db_invitation_mark_sent(struct db *db, const char *token)
{
	char hash[SHA256_HEX_LEN + 1];
	crypto_sha256_hex(token, strlen(token), hash);
	return db_x(db, "UPDATE invitations SET sent_at = now() WHERE token_hash = $1", hash);
}

int db_reminders_due(struct db *db, struct arena *a, struct reminder_due **out)
{
	PGresult *res = db_query(db,
		"SELECT i.id, i.scan_id, i.reminders_sent FROM scans s"
		" JOIN LATERAL (SELECT * FROM invitations WHERE scan_id = s.id AND revoked_at IS NULL"
		"  AND expires_at > now() ORDER BY id DESC LIMIT 1) i ON true"
		" WHERE s.status = 'invited' AND i.sent_at IS NOT NULL AND i.email <> ''"
		" AND ((i.reminders_sent = 0 AND i.sent_at < now() - interval '7 days')"
		"  OR (i.reminders_sent = 1 AND i.sent_at < now() - interval '14 days'))"
		" ORDER BY i.id", 0, NULL);
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct reminder_due *rows = arena_alloc(a, sizeof(*rows) * (n ? (size_t)n : 1));
	for (int i = 0; i < n; i++) {
		rows[i].invitation_id = db_ll(res, i, 0, 0);
		rows[i].scan_id = db_ll(res, i, 1, 0);
		rows[i].reminders_sent = (int)db_ll(res, i, 2, 0);
	}
	PQclear(res);
	*out = rows;
	return n;
}

int db_reminder_link(struct db *db, long long invitation_id, char token[TOKEN_TEXT_LEN + 1])
{
	char iid[DB_ID_LEN], hash[SHA256_HEX_LEN + 1];
	db_id_text(iid, invitation_id);
	crypto_token_new(token);
	crypto_sha256_hex(token, strlen(token), hash);
	return db_x(db, "INSERT INTO invitations(scan_id, token_hash, email, created_by, expires_at, sent_at, reminders_sent)"
			" SELECT scan_id, $2, email, created_by, expires_at, sent_at, reminders_sent + 1"
			" FROM invitations WHERE id = $1", iid, hash);
}

/* session.c: office sessions; see session.h. */
#include <stdio.h>

#include "server/db/session.h"
#include "common/banned.h"

int db_session_touch(struct db *db, struct arena *a, const char *id_hash, struct session_row *out)
{
	PGresult *res = db_q(db,
		"UPDATE sessions s SET last_seen_at = now() FROM users u JOIN organisations o ON o.id = u.org_id"
		" WHERE s.id_hash = $1 AND u.id = s.user_id AND NOT u.disabled"
		" AND s.last_seen_at > now() - interval '8 hours' AND s.created_at > now() - interval '7 days'"
		" RETURNING u.id, u.org_id, u.role, u.email, u.name, o.name, o.slug, o.kind, s.csrf_token, s.lang,"
		" (o.two_factor_required OR (o.kind = 'research' AND EXISTS (SELECT 1 FROM organisations a"
		"  WHERE a.research_org_id = o.id AND a.share_research AND a.two_factor_required)))"
		" AND NOT EXISTS (SELECT 1 FROM user_two_factor t WHERE t.user_id = u.id AND t.enabled_at IS NOT NULL)",
		id_hash);
	if (!res)
		return -1;
	int found = PQntuples(res) == 1;
	if (found) {
		out->user_id = db_ll(res, 0, 0, 0);
		out->org_id = db_ll(res, 0, 1, 0);
		out->role = arena_strdup(a, db_str(res, 0, 2));
		out->email = arena_strdup(a, db_str(res, 0, 3));
		out->name = arena_strdup(a, db_str(res, 0, 4));
		out->org_name = arena_strdup(a, db_str(res, 0, 5));
		out->org_slug = arena_strdup(a, db_str(res, 0, 6));
		out->org_kind = arena_strdup(a, db_str(res, 0, 7));
		out->csrf = arena_strdup(a, db_str(res, 0, 8));
		out->lang = arena_strdup(a, db_str(res, 0, 9));
		out->two_factor_due = db_bool(res, 0, 10);
	}
	PQclear(res);
	return found;
}

int db_session_insert(struct db *db, const char *id_hash, long long user_id, const char *csrf, const char *lang)
{
	DB_ID(uid, user_id);
	return db_x(db, "INSERT INTO sessions(id_hash, user_id, csrf_token, lang) VALUES ($1, $2, $3, $4)", id_hash, uid,
		    csrf, lang);
}

int db_session_delete(struct db *db, const char *id_hash)
{
	return db_x(db, "DELETE FROM sessions WHERE id_hash = $1", id_hash);
}

int db_session_set_lang(struct db *db, const char *id_hash, const char *lang)
{
	return db_x(db, "UPDATE sessions SET lang = $1 WHERE id_hash = $2", lang, id_hash);
}

/* advice.c: SQL for advice, chosen offers, the research assessment and the meeting; see advice.h. */
#include <stdio.h>

#include "server/db/advice.h"
#include "server/db/row.h"
#include "common/banned.h"


static PGresult *db_advice_list(struct db *db, long long scan_id)
{
	DB_ID(id, scan_id);
	return db_q(db, "SELECT a.theme_key, a.body_md, a.version, coalesce(nullif(u.name, ''), u.email, ''),"
		    " to_char(a.updated_at, 'YYYY-MM-DD HH24:MI') FROM scan_advice a"
		    " LEFT JOIN users u ON u.id = a.updated_by WHERE a.scan_id = $1", id);
}

int db_scan_advice_list(struct db *db, struct arena *a, long long scan_id, struct advice_row **out)
{
	PGresult *res = db_advice_list(db, scan_id);
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct advice_row *rows = db_rows_alloc(a, res, sizeof(*rows));
	for (int i = 0; i < n; i++) {
		rows[i].theme_key = db_row_str(a, res, i, 0);
		rows[i].body_md = db_row_str(a, res, i, 1);
		rows[i].version = (int)db_ll(res, i, 2, 0);
		rows[i].editor_name = db_row_str(a, res, i, 3);
		rows[i].updated_at = db_row_str(a, res, i, 4);
	}
	PQclear(res);
	*out = rows;
	return n;
}

static int read_current(struct db *db, struct arena *a, const char *id, const char *theme,
			struct advice_current *cur)
{
	PGresult *res = db_q(db, "SELECT a.body_md, a.version, coalesce(nullif(u.name, ''), u.email, ''),"
			     " to_char(a.updated_at, 'YYYY-MM-DD HH24:MI') FROM scan_advice a"
			     " LEFT JOIN users u ON u.id = a.updated_by WHERE a.scan_id = $1 AND a.theme_key = $2",
			     id, theme);
	if (!res)
		return -1;
	if (PQntuples(res) == 1) {
		cur->body_md = arena_strdup(a, db_str(res, 0, 0));
		cur->version = (int)db_ll(res, 0, 1, 0);
		cur->editor = arena_strdup(a, db_str(res, 0, 2));
		cur->updated_at = arena_strdup(a, db_str(res, 0, 3));
	} else {
		cur->body_md = cur->editor = cur->updated_at = "";
		cur->version = 0;
	}
	PQclear(res);
	return 0;
}

enum advice_save db_advice_save(struct db *db, struct arena *a, long long scan_id,
				const char *theme_key, const char *body, int base_version,
				long long user_id, struct advice_current *cur)
{
	DB_ID(id, scan_id);
	DB_ID(uid, user_id);
	DB_ID(base, base_version);
	PGresult *res;
	if (base_version == 0)
		res = db_q(db, "INSERT INTO scan_advice(scan_id, theme_key, body_md, version, updated_by)"
			   " VALUES ($1, $2, $3, 1, $4) ON CONFLICT DO NOTHING RETURNING version",
			   id, theme_key, body, uid);
	else
		res = db_q(db, "UPDATE scan_advice SET body_md = $3, version = version + 1, updated_by = $4,"
			   " updated_at = now() WHERE scan_id = $1 AND theme_key = $2 AND version = $5 RETURNING version",
			   id, theme_key, body, uid, base);
	if (!res)
		return ADVICE_ERROR;
	int saved = PQntuples(res) == 1;
	PQclear(res);
	if (read_current(db, a, id, theme_key, cur) != 0)
		return ADVICE_ERROR;
	return saved ? ADVICE_SAVED : ADVICE_CONFLICT;
}

static PGresult *db_scan_offers(struct db *db, long long scan_id)
{
	DB_ID(id, scan_id);
	return db_q(db, "SELECT so.theme_key, o.id, o.title, o.provider, o.contact, o.url, so.note"
		    " FROM scan_offers so JOIN offers o ON o.id = so.offer_id WHERE so.scan_id = $1"
		    " ORDER BY so.chosen_at, o.title", id);
}

int db_scan_offer_list(struct db *db, struct arena *a, long long scan_id, struct scan_offer_row **out)
{
	PGresult *res = db_scan_offers(db, scan_id);
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct scan_offer_row *rows = db_rows_alloc(a, res, sizeof(*rows));
	for (int i = 0; i < n; i++) {
		rows[i].theme_key = db_row_str(a, res, i, 0);
		rows[i].offer_id = db_ll(res, i, 1, 0);
		rows[i].title = db_row_str(a, res, i, 2);
		rows[i].provider = db_row_str(a, res, i, 3);
		rows[i].contact = db_row_str(a, res, i, 4);
		rows[i].url = db_row_str(a, res, i, 5);
		rows[i].note = db_row_str(a, res, i, 6);
	}
	PQclear(res);
	*out = rows;
	return n;
}

int db_scan_offer_pick(struct db *db, long long scan_id, long long org_id, const char *theme_key,
		       long long offer_id, const char *note, long long user_id)
{
	DB_ID(id, scan_id);
	DB_ID(org, org_id);
	DB_ID(oid, offer_id);
	DB_ID(uid, user_id);
	PGresult *res = db_q(db, "INSERT INTO scan_offers(scan_id, theme_key, offer_id, note, chosen_by)"
			     " SELECT $1, $2, o.id, $4, $5 FROM offers o WHERE o.id = $3 AND o.org_id = $6"
			     " ON CONFLICT (scan_id, theme_key, offer_id) DO UPDATE SET note = EXCLUDED.note"
			     " RETURNING offer_id", id, theme_key, oid, note, uid, org);
	if (!res)
		return -1;
	int n = PQntuples(res);
	PQclear(res);
	return n == 1;
}

int db_scan_offer_remove(struct db *db, long long scan_id, const char *theme_key, long long offer_id)
{
	DB_ID(id, scan_id);
	DB_ID(oid, offer_id);
	return db_x(db, "DELETE FROM scan_offers WHERE scan_id = $1 AND theme_key = $2 AND offer_id = $3",
		    id, theme_key, oid);
}

static PGresult *db_assessment_get(struct db *db, long long scan_id)
{
	DB_ID(id, scan_id);
	return db_q(db, "SELECT a.body, a.judgements::text, a.version, coalesce(nullif(u.name, ''), u.email, ''),"
		    " to_char(a.updated_at, 'YYYY-MM-DD HH24:MI') FROM research_assessments a"
		    " LEFT JOIN users u ON u.id = a.updated_by WHERE a.scan_id = $1", id);
}

int db_assessment_read(struct db *db, struct arena *a, long long scan_id, struct assessment_row *out)
{
	PGresult *res = db_assessment_get(db, scan_id);
	if (!res)
		return -1;
	int found = PQntuples(res) == 1;
	/* no assessment yet: an empty one, never fields left unset */
	*out = (struct assessment_row){.body_md = "", .judgements_json = "{}", .editor_name = "", .updated_at = ""};
	if (found) {
		out->body_md = db_row_str(a, res, 0, 0);
		out->judgements_json = db_row_str(a, res, 0, 1);
		out->version = (int)db_ll(res, 0, 2, 0);
		out->editor_name = db_row_str(a, res, 0, 3);
		out->updated_at = db_row_str(a, res, 0, 4);
	}
	PQclear(res);
	return found;
}

int db_assessment_save(struct db *db, long long scan_id, const char *body, const char *judgements_json,
		       int base_version, long long user_id)
{
	DB_ID(id, scan_id);
	DB_ID(uid, user_id);
	DB_ID(base, base_version);
	PGresult *res;
	if (base_version == 0)
		res = db_q(db, "INSERT INTO research_assessments(scan_id, body, judgements, updated_by)"
			   " VALUES ($1, $2, $3::jsonb, $4) ON CONFLICT DO NOTHING RETURNING version",
			   id, body, judgements_json, uid);
	else
		res = db_q(db, "UPDATE research_assessments SET body = $2, judgements = $3::jsonb, version = version + 1,"
			   " updated_by = $4, updated_at = now() WHERE scan_id = $1 AND version = $5 RETURNING version",
			   id, body, judgements_json, uid, base);
	if (!res)
		return -1;
	int n = PQntuples(res);
	PQclear(res);
	return n == 1;
}

int db_meeting_get(struct db *db, struct arena *a, long long scan_id, struct meeting_row *out)
{
	DB_ID(id, scan_id);
	PGresult *res = db_q(db, "SELECT to_char(m.planned_date, 'YYYY-MM-DD'), m.planned_time, m.place,"
		    " to_char(m.held_date, 'YYYY-MM-DD'), m.attendees, m.notes,"
		    " coalesce(nullif(u.name, ''), u.email, ''), to_char(m.updated_at, 'YYYY-MM-DD HH24:MI')"
		    " FROM scan_meetings m LEFT JOIN users u ON u.id = m.updated_by WHERE m.scan_id = $1", id);
	if (!res)
		return -1;
	int found = PQntuples(res) == 1;
	const char **f[] = {&out->planned_date, &out->planned_time, &out->place, &out->held_date,
			    &out->attendees, &out->notes, &out->editor, &out->updated_at};
	for (int i = 0; i < 8; i++)
		*f[i] = found ? db_row_str(a, res, 0, i) : "";
	PQclear(res);
	return found;
}

int db_meeting_save(struct db *db, long long scan_id, const char *planned_date, const char *planned_time,
		    const char *place, const char *held_date, const char *attendees, const char *notes,
		    long long user_id)
{
	DB_ID(id, scan_id);
	DB_ID(uid, user_id);
	return db_x(db, "INSERT INTO scan_meetings(scan_id, planned_date, planned_time, place, held_date, attendees,"
		    " notes, updated_by) VALUES ($1, $2::date, $3, $4, $5::date, $6, $7, $8)"
		    " ON CONFLICT (scan_id) DO UPDATE SET planned_date = EXCLUDED.planned_date,"
		    " planned_time = EXCLUDED.planned_time, place = EXCLUDED.place, held_date = EXCLUDED.held_date,"
		    " attendees = EXCLUDED.attendees, notes = EXCLUDED.notes, updated_by = EXCLUDED.updated_by,"
		    " updated_at = now()", id, planned_date, planned_time, place, held_date, attendees, notes, uid);
}

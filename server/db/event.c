/* event.c: SQL of the themed follow-up meetings and their sign-ups; see event.h. */
#include <stdio.h>
#include <string.h>

#include "server/db/event.h"
#include "server/db/row.h"
#include "common/crypto.h"
#include "common/banned.h"

/* The latest submitted scan of every company of association $1 that is not erased. */
#define LATEST_SQL \
	"latest AS (SELECT DISTINCT ON (s.company_id) s.id, s.company_id, s.follow_up_consent FROM scans s" \
	" JOIN companies c ON c.id = s.company_id WHERE s.org_id = $1 AND s.submitted_at IS NOT NULL" \
	" AND c.erased_at IS NULL ORDER BY s.company_id, s.submitted_at DESC, s.id DESC)"
/* An attention point of scan `scan` on theme `key`, band parameter `band`. */
#define FLAGGED(scan, key, band) \
	"EXISTS (SELECT 1 FROM scores sc WHERE sc.scan_id = " scan " AND sc.level = 'theme' AND sc.valid" \
	" AND sc.band = " band " AND sc.key = " key ")"
#define UTC(col) "to_char(" col " AT TIME ZONE 'UTC', 'YYYYMMDD\"T\"HH24MISS\"Z\"')"

#define EVENT_COLS \
	" e.id, e.org_id, coalesce(e.offer_id, 0), e.title, array_to_string(e.theme_keys, ',')," \
	" to_char(e.starts_at, 'YYYY-MM-DD'), to_char(e.starts_at, 'HH24:MI'), to_char(e.ends_at, 'HH24:MI')," \
	" e.place, e.online_url, e.description, coalesce(o.title, ''), coalesce(o.provider, '')," \
	" " UTC("e.starts_at") ", " UTC("e.ends_at") ", " UTC("e.created_at") ", org.name, e.capacity," \
	" (SELECT count(*) FROM event_signups x WHERE x.event_id = e.id AND x.status = 'signed_up')," \
	" (SELECT count(*) FROM event_signups x WHERE x.event_id = e.id AND x.status = 'waiting')," \
	" (SELECT count(*) FROM event_signups x WHERE x.event_id = e.id)," \
	" e.starts_at <= now(), e.cancelled_at IS NOT NULL"
#define EVENT_FROM " FROM events e JOIN organisations org ON org.id = e.org_id LEFT JOIN offers o ON o.id = e.offer_id"

static void read_event(struct arena *a, const PGresult *res, int i, int c, struct event_row *o)
{
	o->id = db_ll(res, i, c + 0, 0);
	o->org_id = db_ll(res, i, c + 1, 0);
	o->offer_id = db_ll(res, i, c + 2, 0);
	const char **s[] = {&o->title, &o->theme_keys, &o->date, &o->start_time, &o->end_time, &o->place,
			    &o->online_url, &o->description, &o->offer_title, &o->offer_provider, &o->starts_utc,
			    &o->ends_utc, &o->created_utc, &o->org_name};
	for (int k = 0; k < 14; k++)
		*s[k] = db_row_str(a, res, i, c + 3 + k);
	o->capacity = (int)db_ll(res, i, c + 17, 0);
	o->signed_up = db_ll(res, i, c + 18, 0);
	o->waiting = db_ll(res, i, c + 19, 0);
	o->invited = db_ll(res, i, c + 20, 0);
	o->started = db_bool(res, i, c + 21);
	o->cancelled = db_bool(res, i, c + 22);
}

static int read_events(struct arena *a, PGresult *res, struct event_row **out)
{
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct event_row *rows = db_rows_alloc(a, res, sizeof(*rows));
	for (int i = 0; i < n; i++)
		read_event(a, res, i, 0, &rows[i]);
	PQclear(res);
	*out = rows;
	return n;
}

long long db_event_questionnaire(struct db *db, long long org_id)
{
	DB_ID(org, org_id);
	return db_rows_one_ll(db_q(db, "SELECT questionnaire_id FROM scans WHERE org_id = $1 AND submitted_at IS NOT NULL"
				   " ORDER BY submitted_at DESC, id DESC LIMIT 1", org), 0);
}

int db_event_theme_counts(struct db *db, struct arena *a, long long org_id, const char *band_key,
			  struct event_theme_count **out)
{
	DB_ID(org, org_id);
	PGresult *res = db_q(db,
		"WITH " LATEST_SQL ","
		" flag AS (SELECT l.id AS scan_id, l.company_id, sc.key FROM latest l JOIN scores sc ON sc.scan_id = l.id"
		"   AND sc.level = 'theme' AND sc.valid AND sc.band = $2)"
		" SELECT f.key, count(*),"
		"  count(*) FILTER (WHERE EXISTS (SELECT 1 FROM scan_actions ac WHERE ac.scan_id = f.scan_id"
		"    AND ac.theme_key = f.key AND ac.status <> 'dropped')"
		"    OR EXISTS (SELECT 1 FROM scan_offers so WHERE so.scan_id = f.scan_id AND so.theme_key = f.key)),"
		"  count(*) FILTER (WHERE EXISTS (SELECT 1 FROM event_signups es JOIN events e ON e.id = es.event_id"
		"    WHERE es.company_id = f.company_id AND es.attended AND e.org_id = $1 AND f.key = ANY (e.theme_keys)))"
		" FROM flag f GROUP BY f.key ORDER BY f.key", org, band_key);
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct event_theme_count *rows = db_rows_alloc(a, res, sizeof(*rows));
	for (int i = 0; i < n; i++) {
		rows[i].theme_key = db_row_str(a, res, i, 0);
		rows[i].flagged = db_ll(res, i, 1, 0);
		rows[i].followed = db_ll(res, i, 2, 0);
		rows[i].attended = db_ll(res, i, 3, 0);
	}
	PQclear(res);
	*out = rows;
	return n;
}

int db_event_times_check(struct db *db, const char *starts_at, const char *ends_at, int *past, int *reversed)
{
	PGresult *res = db_q(db, "SELECT $1::timestamptz <= now(), $2::timestamptz <= $1::timestamptz", starts_at, ends_at);
	if (!res)
		return -1;
	*past = db_bool(res, 0, 0);
	*reversed = db_bool(res, 0, 1);
	PQclear(res);
	return 0;
}

int db_event_offer_valid(struct db *db, long long org_id, long long offer_id)
{
	DB_ID(org, org_id);
	DB_ID(id, offer_id);
	return db_rows_count(db_q(db, "SELECT 1 FROM offers WHERE id = $2 AND org_id = $1 AND active", org, id));
}

long long db_event_create(struct db *db, long long org_id, long long user_id, const struct event_fields *f)
{
	DB_ID(org, org_id);
	DB_ID(uid, user_id);
	DB_ID(cap, f->capacity);
	DB_ID(offer, f->offer_id);
	return db_rows_one_ll(db_q(db, "INSERT INTO events(org_id, title, theme_keys, starts_at, ends_at, place, online_url,"
				   " offer_id, capacity, description, created_by) VALUES ($1, $2, string_to_array($3, ','),"
				   " $4::timestamptz, $5::timestamptz, $6, $7, nullif($8::bigint, 0), $9::int, $10, $11)"
				   " RETURNING id", org, f->title, f->theme_keys, f->starts_at, f->ends_at, f->place,
				   f->online_url, offer, cap, f->description, uid), -1);
}

int db_event_list(struct db *db, struct arena *a, long long org_id, struct event_row **out)
{
	DB_ID(org, org_id);
	return read_events(a, db_q(db, "SELECT" EVENT_COLS EVENT_FROM " WHERE e.org_id = $1"
				   " ORDER BY e.starts_at DESC, e.id DESC LIMIT 200", org), out);
}

int db_event_get(struct db *db, struct arena *a, long long org_id, long long event_id, struct event_row *out)
{
	DB_ID(org, org_id);
	DB_ID(id, event_id);
	PGresult *res = db_q(db, "SELECT" EVENT_COLS EVENT_FROM " WHERE e.id = $2 AND e.org_id = $1", org, id);
	if (!res)
		return -1;
	int found = PQntuples(res) == 1;
	if (found)
		read_event(a, res, 0, 0, out);
	PQclear(res);
	return found;
}

int db_event_candidates(struct db *db, struct arena *a, long long org_id, long long event_id, const char *band_key,
			struct event_candidate **out)
{
	DB_ID(org, org_id);
	DB_ID(id, event_id);
	PGresult *res = db_q(db,
		"WITH " LATEST_SQL ", ev AS (SELECT theme_keys FROM events WHERE id = $2 AND org_id = $1)"
		" SELECT c.id, l.id, c.name, c.email, string_agg(sc.key, ',' ORDER BY sc.key),"
		"  EXISTS (SELECT 1 FROM event_signups es WHERE es.event_id = $2 AND es.company_id = c.id)"
		" FROM latest l JOIN companies c ON c.id = l.company_id"
		" JOIN scores sc ON sc.scan_id = l.id AND sc.level = 'theme' AND sc.valid AND sc.band = $3"
		" JOIN ev ON sc.key = ANY (ev.theme_keys)"
		" WHERE l.follow_up_consent"
		" GROUP BY c.id, l.id, c.name, c.email ORDER BY lower(c.name), c.id", org, id, band_key);
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct event_candidate *rows = db_rows_alloc(a, res, sizeof(*rows));
	for (int i = 0; i < n; i++) {
		rows[i].company_id = db_ll(res, i, 0, 0);
		rows[i].scan_id = db_ll(res, i, 1, 0);
		rows[i].name = db_row_str(a, res, i, 2);
		rows[i].email = db_row_str(a, res, i, 3);
		rows[i].themes = db_row_str(a, res, i, 4);
		rows[i].invited = db_bool(res, i, 5);
	}
	PQclear(res);
	*out = rows;
	return n;
}

int db_event_invite(struct db *db, struct arena *a, long long org_id, long long event_id, long long company_id,
		    const char *band_key, const char *token, long long *signup_id, const char **email)
{
	DB_ID(org, org_id);
	DB_ID(id, event_id);
	DB_ID(cid, company_id);
	char hash[SHA256_HEX_LEN + 1];
	crypto_sha256_hex(token, strlen(token), hash);
	/* the same rule as db_event_candidates, checked again at the moment of inviting */
	PGresult *res = db_q(db,
		"WITH " LATEST_SQL ", ev AS (SELECT id, theme_keys FROM events WHERE id = $2 AND org_id = $1"
		"   AND cancelled_at IS NULL AND starts_at > now())"
		" INSERT INTO event_signups(event_id, company_id, scan_id, email, token_hash)"
		" SELECT ev.id, c.id, l.id, c.email, $5 FROM latest l JOIN companies c ON c.id = l.company_id CROSS JOIN ev"
		" WHERE c.id = $3::bigint AND l.follow_up_consent AND c.email <> ''"
		"   AND EXISTS (SELECT 1 FROM scores sc WHERE sc.scan_id = l.id AND sc.level = 'theme' AND sc.valid"
		"   AND sc.band = $4 AND sc.key = ANY (ev.theme_keys))"
		" ON CONFLICT (event_id, company_id) DO NOTHING RETURNING id, email", org, id, cid, band_key, hash);
	if (!res)
		return -1;
	int n = PQntuples(res);
	if (n == 1) {
		*signup_id = db_ll(res, 0, 0, 0);
		*email = db_row_str(a, res, 0, 1);
	}
	PQclear(res);
	return n == 1;
}

int db_event_signups(struct db *db, struct arena *a, long long org_id, long long event_id,
		     struct event_signup_row **out)
{
	DB_ID(org, org_id);
	DB_ID(id, event_id);
	PGresult *res = db_q(db,
		"SELECT es.id, es.company_id, c.name, es.status, coalesce(to_char(es.responded_at, 'YYYY-MM-DD HH24:MI'), ''),"
		" CASE WHEN es.attended IS NULL THEN -1 WHEN es.attended THEN 1 ELSE 0 END"
		" FROM event_signups es JOIN events e ON e.id = es.event_id JOIN companies c ON c.id = es.company_id"
		" WHERE es.event_id = $2 AND e.org_id = $1"
		" ORDER BY array_position(ARRAY['signed_up', 'waiting', 'invited', 'declined'], es.status),"
		"  es.waiting_since NULLS LAST, lower(c.name), es.id", org, id);
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct event_signup_row *rows = db_rows_alloc(a, res, sizeof(*rows));
	for (int i = 0; i < n; i++) {
		rows[i].id = db_ll(res, i, 0, 0);
		rows[i].company_id = db_ll(res, i, 1, 0);
		rows[i].company_name = db_row_str(a, res, i, 2);
		rows[i].status = db_row_str(a, res, i, 3);
		rows[i].responded_at = db_row_str(a, res, i, 4);
		rows[i].attended = (int)db_ll(res, i, 5, -1);
	}
	PQclear(res);
	*out = rows;
	return n;
}

#define SIGNUP_SQL \
	"SELECT es.id, es.company_id, es.status, c.name, es.email, coalesce(s.lang, 'nl')," \
	" CASE WHEN es.status = 'waiting' THEN (SELECT count(*) FROM event_signups w WHERE w.event_id = es.event_id" \
	"  AND w.status = 'waiting' AND (w.waiting_since, w.id) <= (es.waiting_since, es.id)) ELSE 0 END," EVENT_COLS \
	" FROM event_signups es JOIN companies c ON c.id = es.company_id LEFT JOIN scans s ON s.id = es.scan_id" \
	" JOIN events e ON e.id = es.event_id JOIN organisations org ON org.id = e.org_id" \
	" LEFT JOIN offers o ON o.id = e.offer_id"

static int read_signup(struct arena *a, PGresult *res, struct event_signup_view *out)
{
	if (!res)
		return -1;
	int found = PQntuples(res) == 1;
	if (found) {
		out->id = db_ll(res, 0, 0, 0);
		out->company_id = db_ll(res, 0, 1, 0);
		out->status = db_row_str(a, res, 0, 2);
		out->company_name = db_row_str(a, res, 0, 3);
		out->email = db_row_str(a, res, 0, 4);
		out->lang = db_row_str(a, res, 0, 5);
		out->waiting_position = (int)db_ll(res, 0, 6, 0);
		read_event(a, res, 0, 7, &out->event);
	}
	PQclear(res);
	return found;
}

int db_event_signup_find(struct db *db, struct arena *a, const char *token, struct event_signup_view *out)
{
	char hash[SHA256_HEX_LEN + 1];
	crypto_sha256_hex(token, strlen(token), hash);
	return read_signup(a, db_q(db, SIGNUP_SQL " WHERE es.token_hash = $1", hash), out);
}

int db_event_signup_get(struct db *db, struct arena *a, long long signup_id, struct event_signup_view *out)
{
	DB_ID(id, signup_id);
	return read_signup(a, db_q(db, SIGNUP_SQL " WHERE es.id = $1", id), out);
}

/* Inside db_event_respond's transaction. */
static enum event_response respond(struct db *db, const char *sid, int yes, long long *promoted)
{
	PGresult *res = db_q(db, "SELECT es.status, e.capacity, e.starts_at <= now() OR e.cancelled_at IS NOT NULL, e.id,"
			     " (SELECT count(*) FROM event_signups x WHERE x.event_id = e.id AND x.status = 'signed_up')"
			     " FROM event_signups es JOIN events e ON e.id = es.event_id WHERE es.id = $1 FOR UPDATE OF e, es", sid);
	if (!res || PQntuples(res) != 1) {
		if (res)
			PQclear(res);
		return EVENT_RESPOND_ERROR;
	}
	char status[16];
	snprintf(status, sizeof(status), "%s", db_str(res, 0, 0));
	long long capacity = db_ll(res, 0, 1, 0), taken = db_ll(res, 0, 4, 0);
	int closed = db_bool(res, 0, 2);
	DB_ID(eid, db_ll(res, 0, 3, 0));
	PQclear(res);
	if (closed)
		return EVENT_CLOSED;
	int was_signed_up = strcmp(status, "signed_up") == 0;
	if (yes) {
		if (was_signed_up || strcmp(status, "waiting") == 0)
			return EVENT_SAME;
		int place = taken < capacity;
		if (db_x(db, "UPDATE event_signups SET status = $2, responded_at = now(),"
			 " waiting_since = CASE WHEN $2 = 'waiting' THEN now() END WHERE id = $1",
			 sid, place ? "signed_up" : "waiting") != 0)
			return EVENT_RESPOND_ERROR;
		return place ? EVENT_SIGNED_UP : EVENT_WAITING;
	}
	if (strcmp(status, "declined") == 0)
		return EVENT_SAME;
	if (db_x(db, "UPDATE event_signups SET status = 'declined', responded_at = now(), waiting_since = NULL"
		 " WHERE id = $1", sid) != 0)
		return EVENT_RESPOND_ERROR;
	if (was_signed_up && taken - 1 < capacity) {
		long long up = db_rows_one_ll(db_q(db, "UPDATE event_signups SET status = 'signed_up', waiting_since = NULL"
						   " WHERE id = (SELECT id FROM event_signups WHERE event_id = $1 AND status = 'waiting'"
						   " ORDER BY waiting_since, id LIMIT 1) RETURNING id", eid), 0);
		if (up < 0)
			return EVENT_RESPOND_ERROR;
		*promoted = up;
	}
	return EVENT_DECLINED;
}

enum event_response db_event_respond(struct db *db, long long signup_id, int yes, long long *promoted)
{
	DB_ID(sid, signup_id);
	*promoted = 0;
	if (db_begin(db) != 0)
		return EVENT_RESPOND_ERROR;
	enum event_response r = respond(db, sid, yes, promoted);
	if (r == EVENT_RESPOND_ERROR || db_commit(db) != 0) {
		db_rollback(db);
		*promoted = 0;
		return EVENT_RESPOND_ERROR;
	}
	return r;
}

int db_event_attendance_set(struct db *db, long long org_id, long long event_id, long long signup_id, int attended)
{
	DB_ID(org, org_id);
	DB_ID(eid, event_id);
	DB_ID(sid, signup_id);
	return db_rows_count(db_q(db, "UPDATE event_signups es SET attended = $4::boolean, attendance_at = now()"
				  " FROM events e WHERE e.id = es.event_id AND e.org_id = $1 AND es.event_id = $2"
				  " AND es.id = $3 AND es.status IN ('signed_up', 'waiting') RETURNING es.id",
				  org, eid, sid, attended ? "true" : "false"));
}

/* The open actions of the meeting's companies on its themes ($1 org, $2 event). */
#define OPEN_ACTIONS_FROM \
	" FROM scan_actions a JOIN scans s ON s.id = a.scan_id JOIN event_signups es ON es.company_id = s.company_id" \
	" JOIN events e ON e.id = es.event_id" \
	" WHERE e.id = $2 AND e.org_id = $1 AND a.org_id = $1 AND es.status IN ('signed_up', 'waiting')" \
	" AND a.status IN ('open', 'in_progress') AND a.theme_key <> '' AND a.theme_key = ANY (e.theme_keys)"

int db_event_open_actions(struct db *db, struct arena *a, long long org_id, long long event_id,
			  struct event_action_row **out)
{
	DB_ID(org, org_id);
	DB_ID(eid, event_id);
	PGresult *res = db_q(db, "SELECT a.id, s.company_id, a.what, a.theme_key, a.status" OPEN_ACTIONS_FROM
			     " ORDER BY s.company_id, a.id", org, eid);
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct event_action_row *rows = db_rows_alloc(a, res, sizeof(*rows));
	for (int i = 0; i < n; i++) {
		rows[i].id = db_ll(res, i, 0, 0);
		rows[i].company_id = db_ll(res, i, 1, 0);
		rows[i].what = db_row_str(a, res, i, 2);
		rows[i].theme_key = db_row_str(a, res, i, 3);
		rows[i].status = db_row_str(a, res, i, 4);
	}
	PQclear(res);
	*out = rows;
	return n;
}

int db_event_close_action(struct db *db, long long org_id, long long event_id, long long action_id, long long user_id)
{
	DB_ID(org, org_id);
	DB_ID(eid, event_id);
	DB_ID(aid, action_id);
	DB_ID(uid, user_id);
	if (db_begin(db) != 0)
		return -1;
	int n = db_rows_count(db_q(db, "UPDATE scan_actions SET status = 'done', closed_by_event_id = $2::bigint,"
				   " updated_by = $4, updated_at = now() WHERE id = (SELECT a.id" OPEN_ACTIONS_FROM
				   " AND es.attended AND a.id = $3::bigint) RETURNING id", org, eid, aid, uid));
	if (n < 0 || (n == 1 && db_x(db, "INSERT INTO scan_action_history(action_id, user_id, change, what, who_kind,"
				     " who_name, due_date, status, notes) SELECT id, $2, 'updated', what, who_kind, who_name,"
				     " due_date, status, notes FROM scan_actions WHERE id = $1", aid, uid) != 0) ||
	    db_commit(db) != 0) {
		db_rollback(db);
		return -1;
	}
	return n;
}

int db_event_company_attended(struct db *db, struct arena *a, long long org_id, long long company_id,
			      struct event_row **out)
{
	DB_ID(org, org_id);
	DB_ID(cid, company_id);
	return read_events(a, db_q(db, "SELECT" EVENT_COLS EVENT_FROM " JOIN event_signups es ON es.event_id = e.id"
				   " WHERE e.org_id = $1 AND es.company_id = $2 AND es.attended"
				   " ORDER BY e.starts_at DESC, e.id DESC", org, cid), out);
}

int db_event_reminders_due(struct db *db, struct arena *a, struct event_reminder **out)
{
	PGresult *res = db_query(db, "SELECT es.id, e.id FROM event_signups es JOIN events e ON e.id = es.event_id"
			     " WHERE es.status = 'signed_up' AND es.reminded_at IS NULL AND e.cancelled_at IS NULL"
			     " AND es.email <> '' AND e.starts_at >= now() + interval '24 hours'"
			     " AND e.starts_at < now() + interval '48 hours' ORDER BY e.starts_at, es.id", 0, NULL);
	if (!res)
		return -1;
	int n = PQntuples(res);
	struct event_reminder *rows = db_rows_alloc(a, res, sizeof(*rows));
	for (int i = 0; i < n; i++) {
		rows[i].signup_id = db_ll(res, i, 0, 0);
		rows[i].event_id = db_ll(res, i, 1, 0);
	}
	PQclear(res);
	*out = rows;
	return n;
}

int db_event_reminder_mark(struct db *db, long long signup_id)
{
	DB_ID(sid, signup_id);
	return db_x(db, "WITH s AS (UPDATE event_signups SET reminded_at = now() WHERE id = $1 RETURNING event_id)"
		    " UPDATE events SET reminded_at = now() WHERE id IN (SELECT event_id FROM s)", sid);
}

int db_event_cancel(struct db *db, long long org_id, long long event_id)
{
	DB_ID(org, org_id);
	DB_ID(id, event_id);
	PGresult *res = db_q(db, "UPDATE events SET cancelled_at = now() WHERE org_id = $1 AND id = $2"
			     " AND cancelled_at IS NULL AND starts_at > now() RETURNING id", org, id);
	if (!res)
		return -1;
	int n = PQntuples(res);
	PQclear(res);
	return n == 1;
}

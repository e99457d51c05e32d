/* questionnaire_draft.c: SQL of questionnaire_drafts (see questionnaire_draft.h). */
#include <stdio.h>

#include "server/db/questionnaire_draft.h"
#include "server/db/row.h"
#include "common/banned.h"

long long db_questionnaire_draft_add(struct db *db, long long org_id, long long user_id, const char *file_name,
				     const char *json)
{
	DB_ID(org, org_id);
	DB_ID(user, user_id);
	/* an upload nobody published within a week is dropped (a published one stays, as the
	 * record of what was published from which file) */
	if (db_x(db, "DELETE FROM questionnaire_drafts WHERE org_id = $1 AND published_at IS NULL"
		 " AND created_at < now() - interval '7 days'", org) < 0)
		return -1;
	return db_rows_one_ll(db_q(db, "INSERT INTO questionnaire_drafts(org_id, created_by, file_name, definition)"
				   " VALUES ($1, nullif($2, '0')::bigint, $3, $4::jsonb) RETURNING id",
				   org, user, file_name, json), -1);
}

int db_questionnaire_draft_get(struct db *db, struct arena *a, long long org_id, long long id,
			       struct questionnaire_draft *out)
{
	DB_ID(org, org_id);
	DB_ID(d, id);
	PGresult *res = db_q(db, "SELECT id, file_name, definition::text, published_at IS NOT NULL"
			     " FROM questionnaire_drafts WHERE org_id = $1 AND id = $2", org, d);
	int found = db_rows_found(res);
	if (found != 1)
		return found;
	out->id = db_ll(res, 0, 0, 0);
	out->file_name = db_row_str(a, res, 0, 1);
	out->definition_json = db_row_str(a, res, 0, 2);
	out->published = db_bool(res, 0, 3);
	PQclear(res);
	return 1;
}

int db_questionnaire_draft_publish(struct db *db, long long org_id, long long id, long long user_id)
{
	DB_ID(org, org_id);
	DB_ID(d, id);
	DB_ID(user, user_id);
	return db_rows_count(db_q(db, "UPDATE questionnaire_drafts SET published_at = now(), published_by = $3"
				  " WHERE org_id = $1 AND id = $2 AND published_at IS NULL RETURNING id",
				  org, d, user));
}

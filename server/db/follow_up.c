/* follow_up.c: the owner's follow-up consent; see follow_up.h. */
#include <string.h>

#include "server/db/follow_up.h"
#include "server/db/row.h"
#include "common/banned.h"

int db_follow_up_consent_set(struct db *db, long long scan_id, int yes)
{
	DB_ID(id, scan_id);
	return db_x(db, "UPDATE scans SET follow_up_consent = $2::boolean, follow_up_consent_at = now() WHERE id = $1",
		    id, yes ? "t" : "f");
}

int db_follow_up_consent_get(struct db *db, struct arena *a, long long scan_id, enum follow_up_consent *out,
			     const char **at)
{
	DB_ID(id, scan_id);
	PGresult *res = db_q(db, "SELECT CASE follow_up_consent WHEN true THEN 1 WHEN false THEN 0 ELSE -1 END,"
				 " coalesce(to_char(follow_up_consent_at, 'DD-MM-YYYY HH24:MI'), '')"
				 " FROM scans WHERE id = $1", id);
	if (!res)
		return -1;
	*out = FOLLOW_UP_UNKNOWN;
	*at = "";
	if (PQntuples(res) == 1) {
		*out = (enum follow_up_consent)db_ll(res, 0, 0, -1);
		*at = db_row_str(a, res, 0, 1);
	}
	PQclear(res);
	return 0;
}

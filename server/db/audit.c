/* audit.c: writing an audit entry; see audit.h. */
#include <stdio.h>

#include "server/db/audit.h"
#include "common/banned.h"

static const char *id_or_null(char buf[DB_ID_LEN], long long id)
{
	if (id <= 0)
		return NULL;
	db_id_text(buf, id);
	return buf;
}

int db_audit_write(struct db *db, const struct audit_entry *e)
{
	char org[DB_ID_LEN], user[24], obj[24];
	return db_x(db,
		    "INSERT INTO audit_log(org_id, user_id, actor, action, object_type, object_id, detail, ip)"
		    " VALUES ($1::bigint, $2::bigint, $3, $4, $5, $6::bigint, $7::jsonb, $8)",
		    id_or_null(org, e->org_id), id_or_null(user, e->user_id),
		    e->actor ? e->actor : "", e->action, e->object_type ? e->object_type : "",
		    id_or_null(obj, e->object_id), e->detail_json ? e->detail_json : "{}",
		    e->ip ? e->ip : "");
}

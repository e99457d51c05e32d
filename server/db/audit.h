/* audit.h: the append-only audit log (table audit_log): writing one entry. The
 * reading side (the admin's audit page, the owner's access log) is in protection.h. */
#ifndef FPHC_DB_AUDIT_H
#define FPHC_DB_AUDIT_H

#include "server/db/db.h"

struct audit_entry {
	long long org_id;         /* 0: none */
	long long user_id;        /* 0: none */
	const char *actor;        /* e-mail address of the user, "owner", or "" */
	const char *action;       /* "login", "company_updated", … */
	const char *object_type;  /* "company", "scan", "user", … or "" */
	long long object_id;      /* 0: none */
	const char *detail_json;  /* a JSON object */
	const char *ip;
};

/* Inserts the entry in the current transaction (if any). 0 or -1. */
int db_audit_write(struct db *db, const struct audit_entry *e);

#endif

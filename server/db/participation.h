/* participation.h: requests to take part, sent from the public page, which the
 * association accepts (→ a company, a scan and an invitation link, in one
 * transaction) or declines. */
#ifndef FPHC_DB_PARTICIPATION_H
#define FPHC_DB_PARTICIPATION_H

#include "common/arena.h"
#include "server/db/db.h"
#include "common/crypto.h"

struct participation_input {
	const char *name;
	const char *company_name;
	const char *email;
	const char *phone;
	const char *fte;   /* decimal text or NULL */
};

/* Stores a pending request for the association. Returns its id or -1. */
long long db_participation_create(struct db *db, long long org_id, const struct participation_input *p);
/* A pending request to take part. */
struct participation_request {
	long long id;
	const char *name, *company_name, *email, *phone;
	const char *fte;          /* decimal text without trailing zeros, "" when not given */
	const char *created;      /* DD-MM-YYYY, local time */
};
/* Pending requests, oldest first, into *out (arena). Row count, or -1 on error. */
int db_participation_pending(struct db *db, struct arena *a, long long org_id, struct participation_request **out);
/* Accepts a pending request of the association: creates the company (with the
 * given sector), a scan on questionnaire qid and its invitation link, and marks
 * the request accepted — all or nothing. Returns 1 done (sets *company_id,
 * *scan_id, token), 0 when the request is not a pending one of the association,
 * -1 on error. */
int db_participation_accept(struct db *db, long long org_id, long long request_id, long long user_id,
			    const char *sector, long long qid, long long *company_id, long long *scan_id,
			    char token[TOKEN_TEXT_LEN + 1]);
/* Declines a pending request of the association: 1 done, 0 not found, -1 error. */
int db_participation_decline(struct db *db, long long org_id, long long request_id, long long user_id);

#endif

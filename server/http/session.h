/* session.h: back-office sessions (cookie + PostgreSQL), roles and CSRF.
 *
 * The cookie `fphc_sid` holds a random 256-bit id; the database holds only its
 * sha256. Sessions expire after 8 hours idle and 7 days in all. Every POST of
 * the back office carries the session's CSRF token in the form field `csrf`. */
#ifndef FPHC_SESSION_H
#define FPHC_SESSION_H

#include "server/http/req.h"

#define ROLE_ADMIN      1u
#define ROLE_ADVISOR    2u
#define ROLE_RESEARCHER 4u
#define ROLE_STAFF      (ROLE_ADMIN | ROLE_ADVISOR)   /* the association's people */

struct session {
	long long user_id;
	long long org_id;
	unsigned role;         /* one ROLE_* bit */
	const char *role_name; /* "admin", "advisor", "researcher" */
	const char *email;
	const char *name;
	const char *org_name;
	const char *org_slug;
	const char *org_kind;  /* "association" or "research" */
	const char *csrf;
	const char *id_hash;
	int two_factor_due;    /* must set up two-factor before anything else (access.c) */
};

/* Looks up the cookie; sets r->session (or leaves NULL) and r->lang (session,
 * else the fphc_lang cookie, else "nl"). Database trouble leaves no session. */
void session_load(struct req *r);
/* Logs user_id in: a fresh session id (never reuse one from before the login),
 * Set-Cookie queued on r. Returns 0 or -1 (database error). */
int session_create(struct req *r, long long user_id);
/* Deletes the current session and clears the cookie. */
void session_destroy(struct req *r);

/* Requires a logged-in user with one of `roles`. Returns 0, or -1 after queuing
 * a redirect to /login (not logged in) or a 404 (wrong role: we do not even say
 * that the page exists). */
int auth_require(struct req *r, unsigned roles);
/* For POSTs: the form field `csrf` must equal the session's token (constant
 * time). Returns 0, or -1 after queuing a 403. */
int csrf_require(struct req *r);

/* Writes an audit-log entry for the current user (or none). detail_json may be
 * NULL. On a changing route it is part of the request's transaction: when it
 * cannot be written, the change is rolled back and the answer is a 503. */
void audit(struct req *r, const char *action, const char *object_type, long long object_id,
	   const char *detail_json);
/* The same for a user who has no session on this request (yet): a login, a
 * password set through an e-mailed link. */
struct audit_user {
	long long org_id, user_id;
	const char *email;
};
void audit_as(struct req *r, const struct audit_user *u, const char *action, const char *object_type,
	      long long object_id);

#endif

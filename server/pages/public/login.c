/* login.c: log in and out of the back office, with throttling per account
 * (5 failures lock it for 15 minutes) and per client address (20 per 10 minutes). */
#include <stdio.h>
#include <string.h>
#include <ctype.h>

#include "server/http/page.h"
#include "server/http/routes.h"
#include "server/http/session.h"
#include "server/http/tmpl.h"
#include "server/db/account.h"
#include "server/db/db.h"
#include "server/db/ratelimit.h"
#include "common/crypto.h"
#include "common/text.h"
#include "common/banned.h"

/* A valid argon2id hash of a random password: verifying against it when the
 * account does not exist costs the same time, so timing reveals nothing. */
static const char *dummy_hash(void)
{
	static char hash[128];
	if (!hash[0]) {
		char pw[TOKEN_TEXT_LEN + 1];
		crypto_token_new(pw);
		if (crypto_password_hash(pw, hash) != 0)
			hash[0] = '\0';
	}
	return hash;
}

static const char *safe_next(const char *next)
{
	if (!text_local_path(next))
		return "/app";
	return next;
}

static void show(struct req *r, int status, const char *email, const char *next, cJSON *ctx)
{
	if (!ctx)
		ctx = page_ctx(r);
	cJSON_AddStringToObject(ctx, "email", email ? email : "");
	cJSON_AddStringToObject(ctx, "next", safe_next(next));
	page_render(r, status, "public/login", i18n_get(r->lang, "login.title"), ctx);
}

static void login_form(struct req *r)
{
	if (r->session) {
		reply_redirect(r, "/app");
		return;
	}
	cJSON *ctx = page_ctx(r);
	const char *msg = req_query(r, "msg");
	if (msg && strcmp(msg, "out") == 0)
		cJSON_AddStringToObject(ctx, "notice", i18n_get(r->lang, "login.logged_out"));
	show(r, 200, NULL, req_query(r, "next"), ctx);
}

static void fail(struct req *r, int status, const char *email, const char *next, const char *key)
{
	cJSON *ctx = page_ctx(r);
	page_field_error(ctx, "email", i18n_get(r->lang, key));
	show(r, status, email, next, ctx);
}

static void login_post(struct req *r)
{
	struct db *db = req_db(r);
	const char *next = req_form(r, "next");
	const char *pw = req_form(r, "password");
	char email[256] = "";
	const char *in = req_form(r, "email");
	for (size_t i = 0; in && in[i] && i < sizeof(email) - 1; i++)
		email[i] = (char)tolower((unsigned char)in[i]);
	if (!email[0] || !pw || !pw[0]) {
		cJSON *ctx = page_ctx(r);
		if (!email[0])
			page_field_error(ctx, "email", i18n_get(r->lang, "login.email_missing"));
		if (!pw || !pw[0])
			page_field_error(ctx, "password", i18n_get(r->lang, "login.password_missing"));
		show(r, 400, email, next, ctx);
		return;
	}
	char ipkey[96];
	snprintf(ipkey, sizeof(ipkey), "login-ip:%s", r->client_ip);
	int limited = ratelimit_hit(db, ipkey, 600, 20);
	if (limited < 0) {
		reply_db_error(r);
		return;
	}
	if (limited) {
		audit(r, "login_throttled", "address", 0, NULL);
		fail(r, 429, email, next, "login.throttled");
		return;
	}
	PGresult *res = db_q(db, "SELECT id, password_hash, disabled, locked_until > now() FROM users WHERE email = $1",
			     email);
	if (!res) {
		reply_db_error(r);
		return;
	}
	int found = PQntuples(res) == 1;
	long long uid = found ? db_ll(res, 0, 0, 0) : 0;
	const char *hash = found && db_get(res, 0, 1) ? db_get(res, 0, 1) : dummy_hash();
	int ok = crypto_password_verify(hash, pw) && found && db_get(res, 0, 1);
	int disabled = found && db_bool(res, 0, 2);
	int locked = found && db_bool(res, 0, 3);
	PQclear(res);
	char uids[24];
	snprintf(uids, sizeof(uids), "%lld", uid);
	if (locked) {
		audit(r, "login_locked", "user", uid, NULL);
		fail(r, 429, email, next, "login.throttled");
		return;
	}
	if (!ok || disabled) {
		if (found)
			db_x(db, "UPDATE users SET failed_logins = failed_logins + 1, locked_until = CASE WHEN"
				 " failed_logins + 1 >= 5 THEN now() + interval '15 minutes' ELSE locked_until END"
				 " WHERE id = $1", uids);
		audit(r, "login_failed", "user", uid, NULL);
		fail(r, 401, email, next, "login.failed");
		return;
	}
	db_x(db, "UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = $1", uids);
	if (session_create(r, uid) != 0) {
		reply_db_error(r);
		return;
	}
	struct audit_user u = {.user_id = uid};
	if (db_user_identity(db, &r->arena, uid, &u.org_id, &u.email) == 1)
		audit_as(r, &u, "login", "user", uid);
	reply_redirect(r, safe_next(next));
}

static void logout(struct req *r)
{
	if (r->session)
		audit(r, "logout", "user", r->session->user_id, NULL);
	session_destroy(r);
	reply_redirect(r, "/login?msg=out");
}

const struct route routes_login[] = {
	{"GET", "/login", login_form, 0, ACCESS_PUBLIC},
	{"POST", "/login", login_post, ROUTE_CHANGES, ACCESS_PUBLIC},
	{"POST", "/logout", logout, ROUTE_CHANGES, ACCESS_USER},
	{NULL, NULL, NULL, 0, 0},
};

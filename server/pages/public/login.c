/* login.c: log in and out of the back office, with failed logins throttled per
 * account name (increasing delays) and per client address (20 per 10 minutes).
 * An account with two-factor on gets a second step (/login/code) after its
 * password: no session exists until the code passes, and wrong codes count as
 * failed logins of the same account name and address. */
#include <stdio.h>
#include <string.h>
#include <ctype.h>

#include "server/http/page.h"
#include "server/http/routes.h"
#include "server/http/session.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/db/account.h"
#include "server/db/db.h"
#include "server/db/login_throttle.h"
#include "server/db/two_factor.h"
#include "server/app/two_factor.h"
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

/* The login form's CSRF token (there is no session yet): a fresh random value
 * in a cookie only /login sees and in the form; a post must bring both, equal. */
#define LOGIN_COOKIE "fphc_login"

static const char *login_token_new(struct req *r)
{
	char token[TOKEN_TEXT_LEN + 1];
	crypto_token_new(token);
	req_add_header(r, "Set-Cookie",
		       arena_printf(&r->arena, LOGIN_COOKIE "=%s; Path=/login; HttpOnly; SameSite=Strict; Max-Age=7200%s",
				    token, r->tls ? "; Secure" : ""));
	return arena_strdup(&r->arena, token);
}

static int login_token_ok(struct req *r)
{
	const char *cookie = req_cookie(r, LOGIN_COOKIE), *form = req_form(r, "csrf");
	return cookie && form && strlen(cookie) == TOKEN_TEXT_LEN && crypto_str_equal(cookie, form);
}

static void show(struct req *r, int status, const char *email, const char *next, cJSON *ctx)
{
	if (!ctx)
		ctx = page_ctx(r);
	cJSON_DeleteItemFromObjectCaseSensitive(ctx, "login_csrf");
	cJSON_AddStringToObject(ctx, "login_csrf", login_token_new(r));
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
	else if (msg && strcmp(msg, "code_expired") == 0)
		cJSON_AddStringToObject(ctx, "notice", i18n_get(r->lang, "login.code_expired"));
	else if (msg && strcmp(msg, "password_set") == 0)
		cJSON_AddStringToObject(ctx, "notice", i18n_get(r->lang, "login.password_set"));
	show(r, 200, NULL, req_query(r, "next"), ctx);
}

static void fail(struct req *r, int status, const char *email, const char *next, const char *key)
{
	cJSON *ctx = page_ctx(r);
	page_field_error(ctx, "email", i18n_get(r->lang, key));
	show(r, status, email, next, ctx);
}

/* Throttling counts failed logins only, per account name (whether the account
 * exists or not, so both answer alike) and per client address. A blocked
 * attempt is answered at once with 429 and Retry-After, before any password is
 * hashed; a correct password after the wait has passed always works. */
#define ADDRESS_WINDOW_S 600     /* an address may fail ADDRESS_FAILURES times in 10 minutes */
#define ADDRESS_FAILURES 20
#define ACCOUNT_FREE_FAILURES 4  /* the 5th failure in a row starts the delays */
#define ACCOUNT_FIRST_WAIT_S 30  /* then 30 s, 1, 2, 4, 8 minutes, at most 15 */
#define ACCOUNT_MAX_WAIT_S 900
#define ACCOUNT_FORGET_S 86400   /* a run of failures is forgotten after a day */

/* How long the account waits after its n-th failure in a row (0: not at all). */
static long account_wait(int failures)
{
	if (failures <= ACCOUNT_FREE_FAILURES)
		return 0;
	long wait = ACCOUNT_FIRST_WAIT_S;
	for (int i = ACCOUNT_FREE_FAILURES + 1; i < failures && wait < ACCOUNT_MAX_WAIT_S; i++)
		wait *= 2;
	return wait < ACCOUNT_MAX_WAIT_S ? wait : ACCOUNT_MAX_WAIT_S;
}

/* "Te veel mislukte pogingen. Probeer het over 2 minuten opnieuw.", with
 * Retry-After queued. */
static const char *throttled_text(struct req *r, long wait_s)
{
	const char *unit;
	long n;
	if (wait_s < 60) {
		n = wait_s;
		unit = i18n_get(r->lang, n == 1 ? "login.wait_second" : "login.wait_seconds");
	} else {
		n = (wait_s + 59) / 60;
		unit = i18n_get(r->lang, n == 1 ? "login.wait_minute" : "login.wait_minutes");
	}
	const char *m = i18n_get(r->lang, "login.throttled");
	const char *at = strstr(m, "{wait}");
	const char *text = at ? arena_printf(&r->arena, "%.*s%ld %s%s", (int)(at - m), m, n, unit, at + 6) : m;
	req_add_header(r, "Retry-After", arena_printf(&r->arena, "%ld", wait_s > 0 ? wait_s : 1));
	return text;
}

static void throttled(struct req *r, const char *email, const char *next, long wait_s)
{
	cJSON *ctx = page_ctx(r);
	page_field_error(ctx, "email", throttled_text(r, wait_s));
	show(r, 429, email, next, ctx);
}

/* Counts a failed attempt (a wrong password or a wrong code) on both keys and
 * blocks them when they are over the limits. 0 or -1 (database error). */
static int count_failure(struct db *db, const char *account_key, const char *address_key)
{
	long run_s = 0;
	int account_failures = db_login_failure(db, account_key, ACCOUNT_FORGET_S, NULL);
	int address_failures = db_login_failure(db, address_key, ADDRESS_WINDOW_S, &run_s);
	if (account_failures < 0 || address_failures < 0)
		return -1;
	long account_block = account_wait(account_failures);
	long address_block = address_failures >= ADDRESS_FAILURES ? ADDRESS_WINDOW_S - run_s : 0;
	if ((account_block > 0 && db_login_block(db, account_key, account_block) != 0) ||
	    (address_block > 0 && db_login_block(db, address_key, address_block) != 0))
		return -1;
	return 0;
}

/* ---- the second step: /login/code ---- */

#define PENDING_COOKIE "fphc_2fa"
#define PENDING_MAX_AGE_S 300   /* five minutes to type the code */

/* Completes a login whose every step passed: a fresh session, the account's
 * failures forgotten, the audit entry (and `also`, when not NULL: a second
 * event for the same user). 0 or -1 (reply queued). */
static int login_complete(struct req *r, long long user_id, const char *account_key, const char *also)
{
	struct db *db = req_db(r);
	if (db_login_clear(db, account_key) != 0 || db_login_succeeded(db, user_id) != 0 ||
	    session_create(r, user_id) != 0) {
		reply_db_error(r);
		return -1;
	}
	struct audit_user u = {.user_id = user_id};
	if (db_user_identity(db, &r->arena, user_id, &u.org_id, &u.email) == 1) {
		audit_as(r, &u, "login", "user", user_id);
		if (also)
			audit_as(r, &u, also, "user", user_id);
	}
	return 0;
}

/* The password was right and the account has two-factor on: remember the
 * login (the browser gets a token in a cookie only /login sees) and ask for
 * the code. The account's failures are not cleared yet: a right password does
 * not reset the count of wrong codes. */
static void pending_start(struct req *r, long long user_id, const char *account_key, const char *next)
{
	char token[44], hash[SHA256_HEX_LEN + 1];
	crypto_token_new32(token);
	crypto_sha256_hex(token, strlen(token), hash);
	const struct login_pending p = {.user_id = user_id, .account_key = account_key, .next = safe_next(next)};
	if (db_login_pending_insert(req_db(r), hash, &p) != 0) {
		reply_db_error(r);
		return;
	}
	req_add_header(r, "Set-Cookie",
		       arena_printf(&r->arena, PENDING_COOKIE "=%s; Path=/login; HttpOnly; SameSite=Strict; Max-Age=%d%s",
				    token, PENDING_MAX_AGE_S, r->tls ? "; Secure" : ""));
	reply_redirect(r, "/login/code");
}

/* The waiting login of this browser: 1 (with *p and its hash), 0 none (a
 * redirect to /login is queued), -1 (error reply queued). */
static int pending_load(struct req *r, struct login_pending *p, char hash[SHA256_HEX_LEN + 1])
{
	const char *token = req_cookie(r, PENDING_COOKIE);
	if (!token || strlen(token) != 43) {
		reply_redirect(r, "/login?msg=code_expired");
		return 0;
	}
	crypto_sha256_hex(token, strlen(token), hash);
	int found = db_login_pending_get(req_db(r), &r->arena, hash, PENDING_MAX_AGE_S, p);
	if (found < 0)
		reply_db_error(r);
	else if (found == 0)
		reply_redirect(r, "/login?msg=code_expired");
	return found;
}

static void code_show(struct req *r, int status, cJSON *ctx)
{
	if (!ctx)
		ctx = page_ctx(r);
	cJSON_AddStringToObject(ctx, "login_csrf", login_token_new(r));
	page_render(r, status, "public/login_code", i18n_get(r->lang, "login.code_title"), ctx);
}

static void code_form(struct req *r)
{
	struct login_pending p;
	char hash[SHA256_HEX_LEN + 1];
	if (pending_load(r, &p, hash) == 1)
		code_show(r, 200, NULL);
}

static void code_post(struct req *r)
{
	struct db *db = req_db(r);
	struct login_pending p;
	char hash[SHA256_HEX_LEN + 1];
	if (!login_token_ok(r)) {
		audit(r, "login_csrf", "address", 0, NULL);
		cJSON *ctx = page_ctx(r);
		page_field_error(ctx, "code", i18n_get(r->lang, "login.expired"));
		code_show(r, 403, ctx);
		return;
	}
	if (pending_load(r, &p, hash) != 1)
		return;
	const char *address_key = arena_printf(&r->arena, "address:%s", r->client_ip);
	long wait = db_login_wait(db, p.account_key, address_key);
	if (wait < 0) {
		reply_db_error(r);
		return;
	}
	if (wait > 0) {
		audit(r, "login_throttled", "address", 0, NULL);
		cJSON *ctx = page_ctx(r);
		page_field_error(ctx, "code", throttled_text(r, wait));
		code_show(r, 429, ctx);
		return;
	}
	const char *code = req_form(r, "code");
	enum two_factor_result v = code && code[0] ? two_factor_verify(db, p.user_id, code) : TWO_FACTOR_WRONG;
	if (v == TWO_FACTOR_ERROR) {
		reply_db_error(r);
		return;
	}
	if (v == TWO_FACTOR_WRONG) {
		if (count_failure(db, p.account_key, address_key) != 0) {
			reply_db_error(r);
			return;
		}
		struct audit_user u = {.user_id = p.user_id};
		if (db_user_identity(db, &r->arena, p.user_id, &u.org_id, &u.email) == 1)
			audit_as(r, &u, "login_code_failed", "user", p.user_id);
		cJSON *ctx = page_ctx(r);
		page_field_error(ctx, "code", i18n_get(r->lang, code && code[0] ? "login.code_wrong" : "login.code_missing"));
		code_show(r, 401, ctx);
		return;
	}
	if (db_login_pending_delete(db, hash) != 0) {
		reply_db_error(r);
		return;
	}
	if (login_complete(r, p.user_id, p.account_key, v == TWO_FACTOR_RECOVERY_OK ? "two_factor_recovery_used" : NULL))
		return;
	req_add_header(r, "Set-Cookie", arena_printf(&r->arena, PENDING_COOKIE "=; Path=/login; HttpOnly; SameSite=Strict;"
						     " Max-Age=0%s", r->tls ? "; Secure" : ""));
	reply_redirect(r, safe_next(p.next));
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
	if (!login_token_ok(r)) {
		/* a post from another site, or a form left open past its token: a fresh form */
		audit(r, "login_csrf", "address", 0, NULL);
		fail(r, 403, email, next, "login.expired");
		return;
	}
	if (!email[0] || !pw || !pw[0]) {
		cJSON *ctx = page_ctx(r);
		if (!email[0])
			page_field_error(ctx, "email", i18n_get(r->lang, "login.email_missing"));
		if (!pw || !pw[0])
			page_field_error(ctx, "password", i18n_get(r->lang, "login.password_missing"));
		show(r, 400, email, next, ctx);
		return;
	}
	const char *account_key = arena_printf(&r->arena, "account:%s", email);
	const char *address_key = arena_printf(&r->arena, "address:%s", r->client_ip);
	long wait = db_login_wait(db, account_key, address_key);
	if (wait < 0) {
		reply_db_error(r);
		return;
	}
	if (wait > 0) {
		audit(r, "login_throttled", "address", 0, NULL);
		throttled(r, email, next, wait);
		return;
	}
	struct login_account accounts[LOGIN_ACCOUNTS_MAX];
	int n = db_login_accounts(db, &r->arena, email, accounts);
	if (n < 0) {
		reply_db_error(r);
		return;
	}
	if (!page_hash_slot_take(r))
		return;
	/* the first account with this address whose password it is (an unknown
	 * address costs one hash too, so timing tells nothing) */
	const struct login_account *acc = NULL;
	if (n == 0)
		(void)crypto_password_verify(dummy_hash(), pw);
	for (int i = 0; i < n && !acc; i++)
		if (crypto_password_verify(accounts[i].password_hash ? accounts[i].password_hash : dummy_hash(), pw) &&
		    accounts[i].password_hash && !accounts[i].disabled)
			acc = &accounts[i];
	crypto_hash_slot_release();
	if (!acc) {
		if (count_failure(db, account_key, address_key) != 0) {
			reply_db_error(r);
			return;
		}
		audit(r, "login_failed", "user", n > 0 ? accounts[0].id : 0, NULL);
		fail(r, 401, email, next, "login.failed");
		return;
	}
	struct two_factor_row tf;
	int has = db_two_factor_get(db, acc->id, &tf);
	if (has < 0) {
		reply_db_error(r);
		return;
	}
	if (has == 1 && tf.enabled) {
		pending_start(r, acc->id, account_key, next);
		return;
	}
	if (login_complete(r, acc->id, account_key, NULL) != 0)
		return;
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
	{"GET", "/login/code", code_form, 0, ACCESS_PUBLIC},
	{"POST", "/login/code", code_post, ROUTE_CHANGES, ACCESS_PUBLIC},
	{"POST", "/logout", logout, ROUTE_CHANGES | ROUTE_TWO_FACTOR_SETUP, ACCESS_USER},
	{NULL, NULL, NULL, 0, 0},
};

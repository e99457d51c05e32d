/* account.c: "my account" (change password) and the one-time set-password
 * link (/password/TOKEN) that new users and users reset by an admin receive. */
#include <stdio.h>
#include <string.h>

#include "server/http/page.h"
#include "server/app/password_policy.h"
#include "server/http/routes.h"
#include "server/http/session.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/pages/office/office.h"
#include "server/db/account.h"
#include "server/db/ratelimit.h"
#include "server/db/two_factor.h"
#include "common/crypto.h"
#include "common/banned.h"

static void account_show(struct req *r, int status, cJSON *ctx)
{
	if (!ctx)
		ctx = page_ctx(r);
	office_notice(r, ctx);
	char key[32];
	snprintf(key, sizeof(key), "office.role.%s", r->session->role_name);
	cJSON_AddStringToObject(ctx, "role_name", i18n_get(r->lang, key));
	cJSON_AddNumberToObject(ctx, "min_chars", PASSWORD_MIN_CHARS);
	struct two_factor_row tf;
	int has = db_two_factor_get(req_db(r), r->session->user_id, &tf);
	if (has < 0) {
		reply_db_error(r);
		return;
	}
	cJSON_AddBoolToObject(ctx, "two_factor_on", has == 1 && tf.enabled);
	page_render(r, status, "office/account", i18n_get(r->lang, "office.account.title"), ctx);
}

static void account_page(struct req *r)
{
	account_show(r, 200, NULL);
}

/* Checks new + repeat against the policy; adds field errors to ctx. */
static void check_new_password(struct req *r, cJSON *ctx, const char *pw, const char *pw2, const char *email)
{
	enum password_verdict v = password_check(pw, email);
	if (v != PASSWORD_OK)
		page_field_error(ctx, "password", i18n_get(r->lang, password_message_key(v)));
	else if (strcmp(pw, pw2) != 0)
		page_field_error(ctx, "password2", i18n_get(r->lang, "office.password.mismatch"));
}

static void account_password(struct req *r)
{
	struct db *db = req_db(r);
	const char *cur = req_form(r, "current"), *pw = req_form(r, "password"), *pw2 = req_form(r, "password2");
	char key[64], stored[128];
	snprintf(key, sizeof(key), "pwchange:%lld", r->session->user_id);
	int limited = ratelimit_hit(db, key, 600, 10);
	if (limited < 0 || db_user_password_hash(db, r->session->user_id, stored) != 0) {
		reply_db_error(r);
		return;
	}
	cJSON *ctx = page_ctx(r);
	if (limited) {
		req_add_header(r, "Retry-After", "600");
		page_field_error(ctx, "current", i18n_get(r->lang, "office.account.throttled"));
		account_show(r, 429, ctx);
		return;
	}
	if (!page_hash_slot_take(r))
		return;
	if (!cur || !stored[0] || !crypto_password_verify(stored, cur))
		page_field_error(ctx, "current", i18n_get(r->lang, "office.account.current_wrong"));
	check_new_password(r, ctx, pw ? pw : "", pw2 ? pw2 : "", r->session->email);
	char hash[128];
	int hashed = !page_has_errors(ctx) && crypto_password_hash(pw, hash) == 0;
	crypto_hash_slot_release();
	if (page_has_errors(ctx)) {
		account_show(r, 400, ctx);
		return;
	}
	if (!hashed || db_user_change_password(db, r->session->user_id, hash, r->session->id_hash) != 0) {
		reply_db_error(r);
		return;
	}
	ratelimit_clear(db, key);
	audit(r, "password_changed", "user", r->session->user_id, NULL);
	reply_redirect(r, "/account?msg=password_changed");
}

/* ---- /password/TOKEN ---- */

static int token_throttled(struct req *r)
{
	char key[96];
	snprintf(key, sizeof(key), "token-ip:%s", r->client_ip);
	int limited = ratelimit_hit(req_db(r), key, 600, 60);
	if (limited < 0)
		reply_db_error(r);
	else if (limited)
		reply_error(r, 429);
	return limited != 0;
}

static void set_password_show(struct req *r, int status, const char *email, cJSON *ctx)
{
	if (!ctx)
		ctx = page_ctx(r);
	cJSON_AddStringToObject(ctx, "token", req_param(r, 0));
	cJSON_AddStringToObject(ctx, "account_email", email);
	cJSON_AddNumberToObject(ctx, "min_chars", PASSWORD_MIN_CHARS);
	page_render(r, status, "public/password_set", i18n_get(r->lang, "office.password_set.title"), ctx);
}

static void link_invalid(struct req *r)
{
	cJSON *ctx = page_ctx(r);
	cJSON_AddStringToObject(ctx, "error_title", i18n_get(r->lang, "office.password_set.invalid"));
	cJSON_AddStringToObject(ctx, "error_text", i18n_get(r->lang, "office.password_set.invalid_text"));
	page_render(r, 404, "error", i18n_get(r->lang, "office.password_set.invalid"), ctx);
}

/* The user a look-up or use of the link found (uid: the user, 0 an unknown, used or
 * expired link, -1 a database error); 0 after answering 404 or 503. */
static long long link_user(struct req *r, long long uid)
{
	if (uid < 0)
		reply_db_error(r);
	else if (uid == 0)
		link_invalid(r);
	return uid > 0 ? uid : 0;
}

/* The user of the link in the path, their e-mail address into email; 0 after
 * answering (429 for too many tries from this address, 404, 503). */
static long long link_peek(struct req *r, char *email, size_t emaillen)
{
	if (token_throttled(r))
		return 0;
	const char *token = req_param(r, 0);
	return link_user(r, strlen(token) == TOKEN_TEXT_LEN ? db_password_token_peek(req_db(r), token, email, emaillen)
							    : 0);
}

static void set_password_form(struct req *r)
{
	char email[256];
	if (link_peek(r, email, sizeof(email)))
		set_password_show(r, 200, email, NULL);
}

static void set_password_post(struct req *r)
{
	struct db *db = req_db(r);
	const char *token = req_param(r, 0);
	char email[256];
	if (!link_peek(r, email, sizeof(email)))
		return;
	const char *pw = req_form(r, "password"), *pw2 = req_form(r, "password2");
	cJSON *ctx = page_ctx(r);
	check_new_password(r, ctx, pw ? pw : "", pw2 ? pw2 : "", email);
	if (page_has_errors(ctx)) {
		set_password_show(r, 400, email, ctx);
		return;
	}
	char hash[128];
	if (!page_hash_slot_take(r))
		return;
	int hashed = crypto_password_hash(pw, hash) == 0;
	crypto_hash_slot_release();
	if (!hashed) {
		reply_error(r, 500);
		return;
	}
	long long uid = link_user(r, db_password_token_use(db, token, hash));
	if (!uid)
		return;
	/* with two-factor on, the link alone must not log in: the code is asked at /login */
	struct two_factor_row tf;
	int has = db_two_factor_get(db, uid, &tf);
	if (has < 0 || (!(has == 1 && tf.enabled) && session_create(r, uid) != 0)) {
		reply_db_error(r);
		return;
	}
	office_audit_as(r, uid, "password_set");
	reply_redirect(r, has == 1 && tf.enabled ? "/login?msg=password_set" : "/app");
}

const struct route routes_account[] = {
	{"GET", "/account", account_page, 0, ACCESS_USER},
	{"POST", "/account/password", account_password, ROUTE_CHANGES, ACCESS_USER},
	{"GET", "/password/:token", set_password_form, 0, ACCESS_PUBLIC},
	{"POST", "/password/:token", set_password_post, ROUTE_CHANGES, ACCESS_PUBLIC},
	{NULL, NULL, NULL, 0, 0},
};

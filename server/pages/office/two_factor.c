/* two_factor.c: "Mijn account → Tweestapsverificatie": turn two-factor sign-in
 * on (secret shown as text and as an otpauth:// link, confirmed with a current
 * code, recovery codes shown once), get new recovery codes, turn it off (both
 * with password and code). When the association requires two-factor, a user
 * without it is sent here after login and can do nothing else (access.c). */
#include <stdio.h>
#include <string.h>

#include "server/http/page.h"
#include "server/app/two_factor.h"
#include "server/app/qr_svg.h"
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

#define ISSUER "FPHC"

static void status_show(struct req *r, int status, cJSON *ctx)
{
	struct two_factor_row row;
	int found = db_two_factor_get(req_db(r), r->session->user_id, &row);
	if (found < 0) {
		reply_db_error(r);
		return;
	}
	if (!ctx)
		ctx = page_ctx(r);
	office_notice(r, ctx);
	cJSON_AddBoolToObject(ctx, "enabled", found == 1 && row.enabled);
	cJSON_AddNumberToObject(ctx, "codes_left", found == 1 ? row.codes_left : 0);
	cJSON_AddBoolToObject(ctx, "due", r->session->two_factor_due);
	page_render(r, status, "office/two_factor", i18n_get(r->lang, "office.two_factor.title"), ctx);
}

static void status_page(struct req *r)
{
	status_show(r, 200, NULL);
}

/* The set-up page: the secret to type or the link to open, and the form for
 * the first code. */
static void setup_show(struct req *r, int status, cJSON *ctx, const char *b32)
{
	cJSON_AddStringToObject(ctx, "secret", b32);
	const char *account = arena_printf(&r->arena, "%s (%s)", r->session->email, r->session->org_slug);
	const char *uri = two_factor_uri(&r->arena, ISSUER, account, b32);
	cJSON_AddStringToObject(ctx, "uri", uri);
	struct buf svg = BUF_INIT;
	if (qr_svg(uri, i18n_get(r->lang, "office.two_factor.qr_label"), &svg) == 0)
		cJSON_AddStringToObject(ctx, "qr_svg", svg.data);  /* our own markup: numbers and an escaped label */
	buf_release(&svg);
	page_render(r, status, "office/two_factor_setup", i18n_get(r->lang, "office.two_factor.setup_title"), ctx);
}

static void codes_show(struct req *r, char codes[TWO_FACTOR_CODES][TWO_FACTOR_CODE_TEXT], const char *notice_key)
{
	cJSON *ctx = page_ctx(r);
	cJSON *list = cJSON_AddArrayToObject(ctx, "codes");
	for (int i = 0; i < TWO_FACTOR_CODES; i++)
		cJSON_AddItemToArray(list, cJSON_CreateString(codes[i]));
	cJSON_AddStringToObject(ctx, "notice", i18n_get(r->lang, notice_key));
	page_render(r, 200, "office/two_factor_codes", i18n_get(r->lang, "office.two_factor.codes_title"), ctx);
}

static void setup_start(struct req *r)
{
	char b32[TWO_FACTOR_B32_MAX];
	int rc = two_factor_begin(req_db(r), r->session->user_id, b32);
	if (rc < 0) {
		reply_db_error(r);
		return;
	}
	if (rc == 0) {  /* already on */
		reply_redirect(r, "/account/two-factor");
		return;
	}
	setup_show(r, 200, page_ctx(r), b32);
	memset(b32, 0, sizeof(b32));
}

static void setup_confirm(struct req *r)
{
	struct db *db = req_db(r);
	char codes[TWO_FACTOR_CODES][TWO_FACTOR_CODE_TEXT];
	int rc = two_factor_confirm(db, r->session->user_id, req_form(r, "code"), codes);
	if (rc < 0) {
		reply_db_error(r);
		return;
	}
	if (rc == 0) {
		char b32[TWO_FACTOR_B32_MAX];
		int pending = two_factor_pending_secret(db, r->session->user_id, b32);
		if (pending < 0) {
			reply_db_error(r);
			return;
		}
		if (pending == 0) {  /* nothing started (or already on): start from the status page */
			reply_redirect(r, "/account/two-factor");
			return;
		}
		cJSON *ctx = page_ctx(r);
		page_field_error(ctx, "code", i18n_get(r->lang, "office.two_factor.code_wrong"));
		setup_show(r, 400, ctx, b32);
		memset(b32, 0, sizeof(b32));
		return;
	}
	audit(r, "two_factor_on", "user", r->session->user_id, NULL);
	codes_show(r, codes, "office.two_factor.now_on");
}

/* Password and a current code, for turning off and for new recovery codes;
 * at most 10 tries per 10 minutes. 1 when both are right; otherwise 0 with the
 * page (or a 429, or a 503) already queued. */
static int password_and_code(struct req *r, int recovery_allowed)
{
	struct db *db = req_db(r);
	char key[64], stored[128];
	snprintf(key, sizeof(key), "2fa-change:%lld", r->session->user_id);
	int limited = ratelimit_hit(db, key, 600, 10);
	if (limited < 0 || db_user_password_hash(db, r->session->user_id, stored) != 0) {
		reply_db_error(r);
		return 0;
	}
	cJSON *ctx = page_ctx(r);
	if (limited) {
		req_add_header(r, "Retry-After", "600");
		page_field_error(ctx, "current", i18n_get(r->lang, "office.account.throttled"));
		status_show(r, 429, ctx);
		return 0;
	}
	if (!page_hash_slot_take(r))
		return 0;
	const char *pw = req_form(r, "current");
	int pw_ok = pw && stored[0] && crypto_password_verify(stored, pw);
	crypto_hash_slot_release();
	if (!pw_ok)
		page_field_error(ctx, "current", i18n_get(r->lang, "office.account.current_wrong"));
	enum two_factor_result v = TWO_FACTOR_WRONG;
	if (pw_ok) {
		const char *code = req_form(r, "code");
		v = recovery_allowed ? two_factor_verify(db, r->session->user_id, code) :
				       two_factor_verify_totp(db, r->session->user_id, code);
		if (v == TWO_FACTOR_ERROR) {
			reply_db_error(r);
			return 0;
		}
		if (v == TWO_FACTOR_WRONG)
			page_field_error(ctx, "code", i18n_get(r->lang, "office.two_factor.code_wrong"));
	}
	if (page_has_errors(ctx)) {
		status_show(r, 400, ctx);
		return 0;
	}
	ratelimit_clear(db, key);
	if (v == TWO_FACTOR_RECOVERY_OK)
		audit(r, "two_factor_recovery_used", "user", r->session->user_id, NULL);
	return 1;
}

static void turn_off(struct req *r)
{
	if (!password_and_code(r, 1))
		return;
	if (db_two_factor_disable(req_db(r), r->session->user_id) != 0) {
		reply_db_error(r);
		return;
	}
	audit(r, "two_factor_off", "user", r->session->user_id, NULL);
	reply_redirect(r, "/account/two-factor?msg=two_factor_off");
}

static void new_codes(struct req *r)
{
	if (!password_and_code(r, 0))
		return;
	char codes[TWO_FACTOR_CODES][TWO_FACTOR_CODE_TEXT];
	int rc = two_factor_new_codes(req_db(r), r->session->user_id, codes);
	if (rc < 0) {
		reply_db_error(r);
		return;
	}
	if (rc == 0) {
		reply_redirect(r, "/account/two-factor");
		return;
	}
	audit(r, "two_factor_codes_renewed", "user", r->session->user_id, NULL);
	codes_show(r, codes, "office.two_factor.codes_renewed");
}

const struct route routes_two_factor[] = {
	{"GET", "/account/two-factor", status_page, ROUTE_TWO_FACTOR_SETUP, ACCESS_USER},
	{"POST", "/account/two-factor/start", setup_start, ROUTE_CHANGES | ROUTE_TWO_FACTOR_SETUP, ACCESS_USER},
	{"POST", "/account/two-factor/confirm", setup_confirm, ROUTE_CHANGES | ROUTE_TWO_FACTOR_SETUP, ACCESS_USER},
	{"POST", "/account/two-factor/off", turn_off, ROUTE_CHANGES, ACCESS_USER},
	{"POST", "/account/two-factor/codes", new_codes, ROUTE_CHANGES, ACCESS_USER},
	{NULL, NULL, NULL, 0, 0},
};

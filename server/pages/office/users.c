/* users.c: an admin manages the association's users — invite (a one-time
 * set-password link, shown once), disable/enable, reset (a new link). */
#include <stdio.h>
#include <string.h>

#include "server/http/page.h"
#include "server/http/routes.h"
#include "server/http/session.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/pages/office/office.h"
#include "server/db/account.h"
#include "server/db/two_factor.h"
#include "server/db/org.h"
#include "common/banned.h"

/* Renders the user list; ctx may carry form errors, values and a new link. */
static void users_show(struct req *r, int status, cJSON *ctx)
{
	struct user_list_row *users;
	int n = db_user_list(req_db(r), &r->arena, r->session->org_id, &users);
	if (n < 0) {
		reply_db_error(r);
		return;
	}
	office_notice(r, ctx);
	cJSON *list = cJSON_AddArrayToObject(ctx, "users");
	for (int i = 0; i < n; i++) {
		const struct user_list_row *row = &users[i];
		cJSON *u = cJSON_CreateObject();
		char key[32];
		cJSON_AddNumberToObject(u, "id", (double)row->user.id);
		cJSON_AddStringToObject(u, "email", row->user.email);
		cJSON_AddStringToObject(u, "name", row->user.name);
		snprintf(key, sizeof(key), "office.role.%s", row->user.role);
		cJSON_AddStringToObject(u, "role", i18n_get(r->lang, key));
		cJSON_AddBoolToObject(u, "disabled", row->user.disabled);
		cJSON_AddBoolToObject(u, "no_password", !row->has_password);
		cJSON_AddStringToObject(u, "last_login", row->last_login);
		cJSON_AddBoolToObject(u, "link_pending", row->link_pending);
		cJSON_AddBoolToObject(u, "two_factor", row->two_factor);
		cJSON_AddBoolToObject(u, "is_self", row->user.id == r->session->user_id);
		cJSON_AddItemToArray(list, u);
	}
	page_render(r, status, "office/users", i18n_get(r->lang, "office.users.title"), ctx);
}

static void users_page(struct req *r)
{
	cJSON *ctx = page_ctx(r);
	cJSON_AddStringToObject(ctx, "role_advisor", "selected");
	users_show(r, 200, ctx);
}

static void show_link(struct req *r, cJSON *ctx, const char *email, const char *token)
{
	cJSON *l = cJSON_AddObjectToObject(ctx, "new_link");
	cJSON_AddStringToObject(l, "email", email);
	cJSON_AddStringToObject(l, "url", office_link(r, "/password/", token));
}

static void users_invite(struct req *r)
{
	struct db *db = req_db(r);
	char *email = office_field(r, "email"), *name = office_field(r, "name"), *role = office_field(r, "role");
	for (char *p = email; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	cJSON *ctx = page_ctx(r);
	if (!office_email_valid(email))
		page_field_error(ctx, "email", i18n_get(r->lang, "office.users.email_invalid"));
	if (strlen(name) > 200)
		page_field_error(ctx, "name", i18n_get(r->lang, "office.users.name_long"));
	if (strcmp(role, "advisor") != 0 && strcmp(role, "admin") != 0)
		page_field_error(ctx, "role", i18n_get(r->lang, "office.users.role_invalid"));
	long long uid = 0;
	char token[TOKEN_TEXT_LEN + 1];
	if (!page_has_errors(ctx)) {
		uid = db_user_create(db, r->session->org_id, email, name, role, NULL);
		if (uid < 0 && db_failed_with(db, "23505"))
			page_field_error(ctx, "email", i18n_get(r->lang, "office.users.email_taken"));
		else if (uid < 0 || db_password_token_new(db, uid, token) != 0) {
			reply_db_error(r);
			return;
		}
	}
	if (page_has_errors(ctx)) {
		cJSON *f = cJSON_AddObjectToObject(ctx, "form");
		cJSON_AddStringToObject(f, "email", email);
		cJSON_AddStringToObject(f, "name", name);
		cJSON_AddStringToObject(ctx, strcmp(role, "admin") == 0 ? "role_admin" : "role_advisor", "selected");
		users_show(r, 400, ctx);
		return;
	}
	audit(r, "user_invited", "user", uid, NULL);
	cJSON_AddStringToObject(ctx, "role_advisor", "selected");
	show_link(r, ctx, email, token);
	users_show(r, 200, ctx);
}

/* The user of this association named in the path; 0 after answering 404. */
static long long target_user(struct req *r, char *email, size_t emaillen)
{
	long long id = office_id(r, 0);
	struct user_row u;
	int found = id ? db_user_get(req_db(r), &r->arena, r->session->org_id, id, &u) : 0;
	if (!office_found(r, found, "user", id))
		return 0;
	snprintf(email, emaillen, "%s", u.email);
	return id;
}

/* The user named in the path when it is not the admin themselves (who must not lock
 * themselves out); 0 after answering 404, or the list with its "not yourself" notice. */
static long long other_user(struct req *r)
{
	char email[256];
	long long id = target_user(r, email, sizeof(email));
	if (id && id == r->session->user_id) {
		reply_redirect(r, "/admin/users?msg=not_self");
		return 0;
	}
	return id;
}

static void set_disabled(struct req *r, int disabled)
{
	long long id = other_user(r);
	if (!id)
		return;
	if (db_user_set_disabled(req_db(r), r->session->org_id, id, disabled) < 0) {
		reply_db_error(r);
		return;
	}
	audit(r, disabled ? "user_disabled" : "user_enabled", "user", id, NULL);
	reply_redirect(r, disabled ? "/admin/users?msg=user_disabled" : "/admin/users?msg=user_enabled");
}

static void users_disable(struct req *r)
{
	set_disabled(r, 1);
}

static void users_enable(struct req *r)
{
	set_disabled(r, 0);
}

static void users_reset(struct req *r)
{
	char email[256], token[TOKEN_TEXT_LEN + 1];
	long long id = target_user(r, email, sizeof(email));
	if (!id)
		return;
	if (db_password_token_new(req_db(r), id, token) != 0) {
		reply_db_error(r);
		return;
	}
	audit(r, "user_reset", "user", id, NULL);
	cJSON *ctx = page_ctx(r);
	cJSON_AddStringToObject(ctx, "role_advisor", "selected");
	show_link(r, ctx, email, token);
	users_show(r, 200, ctx);
}

/* For a user who lost both their phone and their recovery codes: the admin
 * switches two-factor off; at the next login they set it up again (at once,
 * when the association requires it). */
static void users_two_factor_off(struct req *r)
{
	long long id = other_user(r);
	if (!id)
		return;
	if (db_two_factor_disable(req_db(r), id) != 0) {
		reply_db_error(r);
		return;
	}
	audit(r, "two_factor_reset", "user", id, NULL);
	reply_redirect(r, "/admin/users?msg=two_factor_reset");
}

const struct route routes_users[] = {
	{"GET", "/admin/users", users_page, 0, ACCESS_ADMIN},
	{"POST", "/admin/users", users_invite, ROUTE_CHANGES, ACCESS_ADMIN},
	{"POST", "/admin/users/:id/disable", users_disable, ROUTE_CHANGES, ACCESS_ADMIN},
	{"POST", "/admin/users/:id/enable", users_enable, ROUTE_CHANGES, ACCESS_ADMIN},
	{"POST", "/admin/users/:id/reset", users_reset, ROUTE_CHANGES, ACCESS_ADMIN},
	{"POST", "/admin/users/:id/two-factor-off", users_two_factor_off, ROUTE_CHANGES, ACCESS_ADMIN},
	{NULL, NULL, NULL, 0, 0},
};

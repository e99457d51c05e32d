/* session.c: back-office sessions, roles, CSRF and the audit helper; see session.h. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "server/http/session.h"
#include "server/db/audit.h"
#include "server/db/db.h"
#include "server/db/session.h"
#include "server/http/log.h"
#include "server/http/multipart.h"
#include "server/http/router.h"
#include "common/crypto.h"
#include "common/banned.h"

#define COOKIE "fphc_sid"

static unsigned role_bit(const char *name)
{
	if (strcmp(name, "admin") == 0)
		return ROLE_ADMIN;
	if (strcmp(name, "advisor") == 0)
		return ROLE_ADVISOR;
	if (strcmp(name, "researcher") == 0)
		return ROLE_RESEARCHER;
	return 0;
}

void session_load(struct req *r)
{
	const char *lang = req_cookie(r, "fphc_lang");
	if (lang && strcmp(lang, "en") == 0)
		r->lang = "en";
	const char *sid = req_cookie(r, COOKIE);
	if (!sid || strlen(sid) != 43)
		return;
	char hash[SHA256_HEX_LEN + 1];
	crypto_sha256_hex(sid, strlen(sid), hash);
	struct session_row row;
	if (db_session_touch(req_db(r), &r->arena, hash, &row) != 1)
		return;
	struct session *s = arena_alloc(&r->arena, sizeof(*s));
	s->user_id = row.user_id;
	s->org_id = row.org_id;
	s->role_name = row.role;
	s->role = role_bit(s->role_name);
	s->email = row.email;
	s->name = row.name;
	s->org_name = row.org_name;
	s->org_slug = row.org_slug;
	s->org_kind = row.org_kind;
	s->csrf = row.csrf;
	s->id_hash = arena_strdup(&r->arena, hash);
	s->two_factor_due = row.two_factor_due;
	r->lang = row.lang && row.lang[0] == 'e' ? "en" : "nl";
	r->session = s;
}

static void set_cookie(struct req *r, const char *value, int max_age)
{
	char *c = arena_printf(&r->arena, COOKIE "=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%d%s",
			       value, max_age, r->tls ? "; Secure" : "");
	req_add_header(r, "Set-Cookie", c);
}

int session_create(struct req *r, long long user_id)
{
	char sid[44], hash[SHA256_HEX_LEN + 1], csrf[TOKEN_TEXT_LEN + 1];
	crypto_token_new32(sid);
	crypto_sha256_hex(sid, strlen(sid), hash);
	crypto_token_new(csrf);
	if (r->session)
		session_destroy(r);
	if (db_session_insert(req_db(r), hash, user_id, csrf, r->lang) != 0)
		return -1;
	set_cookie(r, sid, 7 * 24 * 3600);
	return 0;
}

void session_destroy(struct req *r)
{
	if (r->session)
		db_session_delete(req_db(r), r->session->id_hash);
	r->session = NULL;
	set_cookie(r, "", 0);
}

int auth_require(struct req *r, unsigned roles)
{
	if (!r->session) {
		if (req_is_api(r)) {
			reply_json_error(r, 401, "login required", NULL);
			return -1;
		}
		const char *next = strcmp(r->method, "GET") == 0 ? r->path : "/";
		struct buf b;
		buf_init(&b, 4096);
		buf_puts(&b, "/login?next=");
		for (const char *p = next; *p; p++) {
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
			    *p == '/' || *p == '-' || *p == '_' || *p == '.')
				buf_putc(&b, *p);
			else
				buf_printf(&b, "%%%02X", (unsigned char)*p);
		}
		reply_redirect(r, b.data);
		buf_release(&b);
		return -1;
	}
	if (!(r->session->role & roles)) {
		audit(r, "denied", "route", 0, NULL);
		reply_error(r, 404);
		return -1;
	}
	return 0;
}

int csrf_require(struct req *r)
{
	const char *ct = req_header(r, "Content-Type");
	if (ct && strncasecmp(ct, "multipart/form-data", 19) == 0) {
		struct multipart_part parts[16];
		if (req_multipart(r, parts, 16) < 0) { /* fills the form fields */
			reply_error(r, 400);
			return -1;
		}
	}
	const char *sent = req_header(r, "X-CSRF-Token");
	if (!sent)
		sent = req_form(r, "csrf");
	if (!r->session || !sent || !crypto_str_equal(sent, r->session->csrf)) {
		reply_error(r, 403);
		return -1;
	}
	return 0;
}

/* The entry for user (0: none) of org (0: none) acting as `actor`. */
static void audit_write(struct req *r, long long org_id, long long user_id, const char *actor, const char *action,
			const char *object_type, long long object_id, const char *detail_json)
{
	const char *route = r->route ? r->route->pattern : "";
	const struct audit_entry e = {
		.org_id = org_id,
		.user_id = user_id,
		.actor = actor ? actor : "",
		.action = action,
		.object_type = object_type ? object_type : "",
		.object_id = object_id,
		.detail_json = detail_json ? detail_json : arena_printf(&r->arena, "{\"route\":\"%s\"}", route),
		.ip = r->client_ip,
	};
	if (db_audit_write(req_db(r), &e) != 0) {
		log_error("audit log write failed: %s", req_db(r)->err);
		r->audit_failed = 1; /* the request's transaction is undone (http.c) */
	}
}

void audit(struct req *r, const char *action, const char *object_type, long long object_id,
	   const char *detail_json)
{
	const struct session *s = r->session;
	audit_write(r, s ? s->org_id : 0, s ? s->user_id : 0, s ? s->email : "", action, object_type, object_id,
		    detail_json);
}

void audit_as(struct req *r, const struct audit_user *u, const char *action, const char *object_type,
	      long long object_id)
{
	audit_write(r, u->org_id, u->user_id, u->email, action, object_type, object_id, NULL);
}

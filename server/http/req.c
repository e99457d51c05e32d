/* req.c: request input helpers and reply functions; see req.h. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <microhttpd.h>

#include "server/http/req.h"
#include "server/http/log.h"
#include "server/http/metrics.h"
#include "server/http/pool.h"
#include "server/http/read_pool.h"
#include "server/http/router.h"
#include "server/db/db.h"
#include "common/form.h"
#include "common/text.h"
#include "common/banned.h"

const char *req_header(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *req_query(struct req *r, const char *name)
{
	/* The server installs an identity unescaper, so values arrive raw and are
	 * decoded (and validated) here. */
	const char *raw = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
	if (!raw)
		return NULL;
	size_t n = strlen(raw);
	char *out = arena_alloc(&r->arena, n + 1);
	return text_percent_decode(raw, n, out, 1) < 0 ? NULL : out;
}

const char *req_cookie(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

static void parse_form(struct req *r)
{
	r->form_parsed = 1;
	const char *ct = req_header(r, "Content-Type");
	if (!ct || strncmp(ct, "application/x-www-form-urlencoded", 33) != 0 || r->body.len == 0)
		return;
	struct form_field *fields;
	int n = form_parse(r->body.data, r->body.len, &r->arena, &fields);
	if (n < 0) {
		r->form_parsed = -1;
		return;
	}
	r->form = fields;
	r->nform = n;
}

int req_form_ok(struct req *r)
{
	if (!r->form_parsed)
		parse_form(r);
	return r->form_parsed == 1;
}

const char *req_form(struct req *r, const char *name)
{
	if (!req_form_ok(r))
		return NULL;
	for (int i = 0; i < r->nform; i++)
		if (strcmp(r->form[i].key, name) == 0)
			return r->form[i].value;
	return NULL;
}

int req_form_all(struct req *r, const char *name, const char ***out)
{
	*out = NULL;
	if (!req_form_ok(r))
		return 0;
	const char **list = arena_alloc(&r->arena, sizeof(char *) * (size_t)(r->nform + 1));
	int n = 0;
	for (int i = 0; i < r->nform; i++)
		if (strcmp(r->form[i].key, name) == 0)
			list[n++] = r->form[i].value;
	*out = list;
	return n;
}

void req_defer(struct req *r, void (*fn)(void *), void *p)
{
	struct req_deferred *d = arena_alloc(&r->arena, sizeof(*d));
	d->fn = fn;
	d->p = p;
	d->next = r->deferred;
	r->deferred = d;
}

void req_run_deferred(struct req *r)
{
	struct req_deferred *d = r->deferred;
	r->deferred = NULL;
	for (; d; d = d->next)
		d->fn(d->p);
}

static void free_json(void *p)
{
	cJSON_Delete(p);
}

cJSON *req_json(struct req *r)
{
	if (r->body.len == 0 || !text_utf8_valid(r->body.data, r->body.len))
		return NULL;
	cJSON *j = cJSON_ParseWithLength(r->body.data, r->body.len);
	if (j)
		req_defer(r, free_json, j);
	return j;
}

const char *req_param(struct req *r, int i)
{
	return i >= 0 && i < REQ_MAX_PARAMS && r->params[i] ? r->params[i] : "";
}

struct db *req_db(struct req *r)
{
	if (!r->db)
		r->db = pool_db();
	return r->db;
}

struct db *req_read_db(struct req *r)
{
	if (r->route && (r->route->flags & ROUTE_REPLICA)) {
		struct db *db = read_pool_db();
		if (db)
			return db;
	}
	return req_db(r);
}

int req_is_api(const struct req *r)
{
	return r->path && strncmp(r->path, "/api/", 5) == 0;
}

void req_add_header(struct req *r, const char *name, const char *value)
{
	struct req_header *h = arena_alloc(&r->arena, sizeof(*h));
	h->name = arena_strdup(&r->arena, name);
	h->value = arena_strdup(&r->arena, value);
	if (r->headers_tail)
		r->headers_tail->next = h;
	else
		r->headers = h;
	r->headers_tail = h;
}

void reply_body(struct req *r, int status, const char *content_type)
{
	r->status = status;
	r->content_type = content_type;
}

void reply_html(struct req *r, int status)
{
	reply_body(r, status, "text/html; charset=utf-8");
}

void reply_text(struct req *r, int status, const char *text)
{
	buf_reset(&r->out);
	buf_puts(&r->out, text);
	reply_body(r, status, "text/plain; charset=utf-8");
}

void reply_json(struct req *r, int status, cJSON *json)
{
	char *s = cJSON_PrintUnformatted(json);
	cJSON_Delete(json);
	buf_reset(&r->out);
	if (s)
		buf_puts(&r->out, s);
	cJSON_free(s);
	reply_body(r, status, "application/json");
}

void reply_json_error(struct req *r, int status, const char *msg, const char *path)
{
	cJSON *j = cJSON_CreateObject();
	cJSON *e = cJSON_AddObjectToObject(j, "error");
	cJSON_AddStringToObject(e, "message", msg);
	if (path)
		cJSON_AddStringToObject(e, "path", path);
	reply_json(r, status, j);
}

void reply_redirect(struct req *r, const char *location)
{
	/* Only local paths: an open redirect would hand out tokens to strangers. */
	if (!text_local_path(location))
		location = "/";
	req_add_header(r, "Location", location);
	buf_reset(&r->out);
	r->status = 303;
	r->content_type = "text/plain; charset=utf-8";
}

/* RFC 6266: `attachment; filename="ASCII"; filename*=UTF-8''…` — the name as a
 * person reads it ("Rapport Bakkerij Één 2026-12-01.pdf") for browsers that
 * read filename*, an ASCII stand-in for the rest. Quotes, backslashes, slashes
 * and control characters never reach either form; each UTF-8 sequence becomes
 * one '_' in the stand-in. */
const char *content_disposition(struct arena *a, const char *name)
{
	size_t n = strlen(name);
	char *ascii = arena_alloc(a, n + 1), *pct = arena_alloc(a, 3 * n + 1);
	size_t na = 0, np = 0;
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		if (c < 0x20 || c == 0x7f || c == '"' || c == '\\' || c == '/')
			c = '_';
		if (c >= 0x80) {
			if ((c & 0xC0) != 0x80)   /* the lead byte of a sequence */
				ascii[na++] = '_';
		} else {
			ascii[na++] = (char)c;
		}
		/* attr-char of RFC 5987: ALPHA DIGIT !#$&+-.^_`|~, everything else escaped */
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    strchr("!#$&+-.^_`|~", c)) {
			pct[np++] = (char)c;
		} else {
			pct[np++] = '%';
			pct[np++] = hex[c >> 4];
			pct[np++] = hex[c & 15];
		}
	}
	ascii[na] = pct[np] = 0;
	return arena_printf(a, "attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii, pct);
}

void reply_bytes(struct req *r, int status, const char *content_type, const void *data,
		 size_t len, const char *download_name)
{
	buf_reset(&r->out);
	buf_add(&r->out, data, len);
	if (download_name) {
		req_add_header(r, "Content-Disposition", content_disposition(&r->arena, download_name));
	}
	reply_body(r, status, content_type);
}

void reply_fd(struct req *r, int status, const char *content_type, int fd, unsigned long long size,
	      const char *download_name)
{
	buf_reset(&r->out);
	if (r->has_fd)
		close(r->out_fd);
	r->out_fd = fd;
	r->has_fd = 1;
	r->out_fd_size = size;
	if (download_name) {
		req_add_header(r, "Content-Disposition", content_disposition(&r->arena, download_name));
	}
	reply_body(r, status, content_type);
}

void reply_replace_with_error(struct req *r, int status)
{
	if (r->has_fd) {
		close(r->out_fd);
		r->has_fd = 0;
	}
	r->headers = r->headers_tail = NULL; /* a Location or Set-Cookie of the undone change */
	buf_reset(&r->out);
	if (status == 503)
		reply_db_error(r);
	else
		reply_error(r, status);
}

int reply_found(struct req *r, int found)
{
	if (found < 0)
		reply_db_error(r);
	else if (found == 0)
		reply_error(r, 404);
	return found > 0;
}

void reply_db_error(struct req *r)
{
	struct db *db = req_db(r);
	log_error("database error on %s: %s", r->route ? r->route->pattern : "-", db->err);
	metrics_db_error();
	reply_error(r, 503);
}

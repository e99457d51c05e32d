/* site.c: health, readiness, metrics, static files, language switch, start pages. */
#include <stdio.h>
#include <string.h>

#include "server/http/page.h"
#include "server/http/metrics.h"
#include "server/http/router.h"
#include "server/http/routes.h"
#include "server/http/session.h"
#include "server/http/tmpl.h"
#include "server/http/i18n.h"
#include "server/db/db.h"
#include "server/db/migrate.h"
#include "server/db/session.h"
#include "common/assets.h"
#include "server/app/config.h"
#include "common/crypto.h"
#include "common/banned.h"

static void healthz(struct req *r)
{
	reply_text(r, 200, "ok\n");
}

static void readyz(struct req *r)
{
	int cur = migrate_current(req_db(r));
	if (cur == 1)
		reply_text(r, 200, "ready\n");
	else
		reply_text(r, 503, cur == 0 ? "migrations pending\n" : "database unavailable\n");
}

/* Only for the monitoring system: it sends Authorization: Bearer FPHC_METRICS_TOKEN.
 * Without a configured token nobody gets the figures (404, as for a page that
 * does not exist). */
static void metrics(struct req *r)
{
	const char *token = config.metrics_token;
	const char *auth = req_header(r, "Authorization");
	if (!token || !token[0] || !auth || strncmp(auth, "Bearer ", 7) != 0 || !crypto_str_equal(auth + 7, token)) {
		reply_error(r, 404);
		return;
	}
	buf_reset(&r->out);
	metrics_render(&r->out);
	reply_body(r, 200, "text/plain; version=0.0.4; charset=utf-8");
}

static const char *content_type(const char *path)
{
	static const struct { const char *ext, *type; } types[] = {
		{".css", "text/css; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
		{".svg", "image/svg+xml"}, {".png", "image/png"}, {".ico", "image/x-icon"},
		{".txt", "text/plain; charset=utf-8"},
	};
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

static void static_file(struct req *r)
{
	const char *name = req_param(r, 0);
	if (strstr(name, "..") || strchr(name, '/')) {
		reply_error(r, 404);
		return;
	}
	char path[256];
	snprintf(path, sizeof(path), "server/static/%s", name);
	const struct asset *a = assets_find(path);
	if (!a) {
		reply_error(r, 404);
		return;
	}
	req_add_header(r, "Cache-Control", "public, max-age=3600");
	reply_bytes(r, 200, content_type(path), a->data, a->len, NULL);
}

/* /lang?to=en&next=/path — remembers the choice in a cookie (and the session). */
static void lang_switch(struct req *r)
{
	const char *to = req_query(r, "to");
	const char *next = req_query(r, "next");
	const char *lang = to && strcmp(to, "en") == 0 ? "en" : "nl";
	char *c = arena_printf(&r->arena, "fphc_lang=%s; Path=/; SameSite=Lax; Max-Age=31536000%s", lang,
			       r->tls ? "; Secure" : "");
	req_add_header(r, "Set-Cookie", c);
	if (r->session)
		db_session_set_lang(req_db(r), r->session->id_hash, lang);
	reply_redirect(r, next && next[0] == '/' ? next : "/");
}

static void home(struct req *r)
{
	if (r->session) {
		reply_redirect(r, "/app");
		return;
	}
	page_render(r, 200, "public/home", i18n_get(r->lang, "home.title"), page_ctx(r));
}

static void favicon(struct req *r)
{
	req_add_header(r, "Cache-Control", "public, max-age=86400");
	reply_bytes(r, 204, "image/x-icon", "", 0, NULL);
}

const struct route routes_site[] = {
	{"GET", "/healthz", healthz, ROUTE_NO_SESSION, ACCESS_PUBLIC},
	{"GET", "/readyz", readyz, ROUTE_NO_SESSION, ACCESS_PUBLIC},
	{"GET", "/metrics", metrics, ROUTE_NO_SESSION, ACCESS_PUBLIC},
	{"GET", "/static/*", static_file, ROUTE_NO_SESSION, ACCESS_PUBLIC},
	{"GET", "/favicon.ico", favicon, ROUTE_NO_SESSION, ACCESS_PUBLIC},
	{"GET", "/lang", lang_switch, 0, ACCESS_PUBLIC},
	{"GET", "/", home, 0, ACCESS_PUBLIC},
	{NULL, NULL, NULL, 0, 0},
};

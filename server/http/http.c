/* http.c: libmicrohttpd glue — per-request state, body limit, dispatch through the
 * router, security headers, logging and metrics, graceful shutdown. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <microhttpd.h>

#include "server/http/http.h"
#include "server/http/access.h"
#include "server/app/config.h"
#include "server/http/log.h"
#include "server/http/metrics.h"
#include "server/http/page.h"
#include "server/http/pool.h"
#include "server/http/read_pool.h"
#include "server/http/router.h"
#include "server/http/session.h"
#include "server/db/db.h"
#include "common/text.h"
#include "common/crypto.h"
#include "common/banned.h"

static atomic_int in_flight;

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Values stay raw; req_query() decodes and validates them. */
static size_t identity_unescape(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	return strlen(s);
}

static int trusted_proxy(const char *ip)
{
	const char *list = config.trusted_proxies;
	size_t n = strlen(ip);
	while (list && *list) {
		const char *comma = strchr(list, ',');
		size_t len = comma ? (size_t)(comma - list) : strlen(list);
		if (len == n && strncmp(list, ip, n) == 0)
			return 1;
		list = comma ? comma + 1 : NULL;
	}
	return 0;
}

static void client_address(struct req *r)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(r->client_ip, sizeof(r->client_ip), "unknown");
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
				  r->client_ip, sizeof(r->client_ip));
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
				  r->client_ip, sizeof(r->client_ip));
	}
	/* X-Forwarded-For only from a configured proxy: its last entry is the client
	 * as that proxy saw it; anything before it could be forged. */
	if (!trusted_proxy(r->client_ip))
		return;
	/* the proxy ended TLS: the browser's connection is HTTPS (Secure cookie, HSTS) */
	const char *proto = req_header(r, "X-Forwarded-Proto");
	if (proto && strcasecmp(proto, "https") == 0)
		r->tls = 1;
	const char *xff = req_header(r, "X-Forwarded-For");
	if (!xff)
		return;
	const char *last = strrchr(xff, ',');
	last = last ? last + 1 : xff;
	while (*last == ' ')
		last++;
	unsigned char tmp[16];
	if (inet_pton(AF_INET, last, tmp) == 1 || inet_pton(AF_INET6, last, tmp) == 1)
		snprintf(r->client_ip, sizeof(r->client_ip), "%s", last);
}

static struct req *req_new(struct MHD_Connection *c, const char *method)
{
	struct req *r = calloc(1, sizeof(*r));
	if (!r)
		abort();
	r->conn = c;
	r->method = method;
	r->lang = "nl";
	r->t_start = now_s();
	buf_init(&r->body, config.body_limit);
	buf_init(&r->out, 0);
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_PROTOCOL);
	r->tls = ci && ci->protocol != 0;
	return r;
}

static void req_free(struct req *r)
{
	if (!r)
		return;
	req_run_deferred(r);
	if (r->has_fd)
		close(r->out_fd); /* replaced by an error reply before it was sent */
	if (r->db)
		db_rollback(r->db);  /* a handler that bailed out mid-transaction */
	buf_release(&r->body);
	buf_release(&r->out);
	arena_release(&r->arena);
	free(r);
}

static void add_security_headers(struct MHD_Response *resp, const struct req *r)
{
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
				" form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	if (r->tls)
		MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
}

static enum MHD_Result send_reply(struct req *r)
{
	if (r->status == 0) {
		log_error("handler %s answered nothing", r->route ? r->route->pattern : "-");
		reply_error(r, 500);
	}
	struct MHD_Response *resp;
	if (r->has_fd && r->status < 400) {
		/* libmicrohttpd reads the file as the client takes it and closes fd */
		r->has_fd = 0;
		resp = MHD_create_response_from_fd64(r->out_fd_size, r->out_fd);
		if (!resp) {
			close(r->out_fd);
			return MHD_NO;
		}
	} else {
		size_t len;
		char *body = buf_detach(&r->out, &len);
		resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
		if (!resp) {
			free(body);
			return MHD_NO;
		}
	}
	add_security_headers(resp, r);
	if (r->content_type)
		MHD_add_response_header(resp, "Content-Type", r->content_type);
	int has_cache = 0;
	for (const struct req_header *h = r->headers; h; h = h->next) {
		MHD_add_response_header(resp, h->name, h->value);
		has_cache |= strcasecmp(h->name, "Cache-Control") == 0;
	}
	if (!has_cache)
		MHD_add_response_header(resp, "Cache-Control", "no-store");
	enum MHD_Result rc = MHD_queue_response(r->conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return rc;
}

static void dispatch(struct req *r, const char *url)
{
	size_t n = strlen(url);
	r->path = arena_alloc(&r->arena, n + 1);
	if (text_percent_decode(url, n, r->path, 0) < 0) {
		r->path = arena_strdup(&r->arena, "/");
		reply_error(r, 400);
		return;
	}
	if (r->body_too_big) {
		reply_error(r, 413);
		return;
	}
	char allow[128];
	const struct route *rt = NULL;
	switch (router_match(r, r->method, r->path, &rt, allow, sizeof(allow))) {
	case ROUTER_NOT_FOUND:
		reply_error(r, 404);
		return;
	case ROUTER_BAD_METHOD:
		req_add_header(r, "Allow", allow);
		reply_error(r, 405);
		return;
	case ROUTER_FOUND:
		break;
	}
	r->route = rt;
	if (r->body.len && !req_form_ok(r)) {
		reply_error(r, 400);
		return;
	}
	if (!(rt->flags & ROUTE_NO_SESSION))
		session_load(r);
	if (access_check(r, rt) != 0)
		return;
	if (!(rt->flags & ROUTE_CHANGES) || (rt->flags & ROUTE_READ_ONLY)) {
		rt->handler(r);
		return;
	}
	/* A changing route runs in one transaction with its audit entries: both
	 * are kept, or neither (an audit entry that cannot be written undoes the
	 * change). A 4xx answer keeps what the handler wrote (a failed login's
	 * count and its audit entry); a 5xx rolls everything back. */
	struct db *db = req_db(r);
	if (db_begin(db) != 0) {
		reply_db_error(r);
		return;
	}
	rt->handler(r);
	if (r->audit_failed || r->status >= 500 || r->status == 0) {
		db_rollback_all(db);
		if (r->audit_failed && r->status < 500)
			reply_replace_with_error(r, 503);
		return;
	}
	if (db_commit(db) != 0) {
		db_rollback_all(db);
		reply_replace_with_error(r, 503);
	}
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	(void)cls;
	(void)version;
	struct req *r = *con_cls;
	if (!r) {
		r = req_new(c, method);
		*con_cls = r;
		atomic_fetch_add(&in_flight, 1);
		client_address(r);
		const char *cl = req_header(r, "Content-Length");
		long len;
		if (cl && text_parse_long(cl, 0, 0x7fffffffL, &len) == 0 && (size_t)len > config.body_limit)
			r->body_too_big = 1;
		return MHD_YES;
	}
	if (*upload_size) {
		if (!r->body_too_big && buf_add(&r->body, upload, *upload_size) != 0)
			r->body_too_big = 1;
		*upload_size = 0;
		return MHD_YES;
	}
	dispatch(r, url);
	return send_reply(r);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	(void)toe;
	struct req *r = *con_cls;
	if (!r)
		return;
	double secs = now_s() - r->t_start;
	const char *route = r->route ? r->route->pattern : "-";
	log_request(r->method, route, r->status, secs * 1000);
	metrics_request(r->route ? router_index(r->route) : -1, r->status, secs);
	req_free(r);
	*con_cls = NULL;
	atomic_fetch_sub(&in_flight, 1);
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct buf b;
	buf_init(&b, 1024 * 1024);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	if (b.toobig) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

static struct MHD_Daemon *start_daemon(char **cert, char **key)
{
	struct sockaddr_in addr = {0};
	addr.sin_family = AF_INET;
	addr.sin_port = htons(config.port);
	if (inet_pton(AF_INET, config.listen_host, &addr.sin_addr) != 1) {
		fprintf(stderr, "fphc: cannot listen on '%s': not an IPv4 address\n", config.listen_host);
		return NULL;
	}
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG;
	if (config.tls_cert) {
		*cert = read_file(config.tls_cert);
		*key = read_file(config.tls_key);
		if (!*cert || !*key) {
			fprintf(stderr, "fphc: cannot read the TLS certificate or key\n");
			return NULL;
		}
		flags |= MHD_USE_TLS;
	}
	struct MHD_OptionItem tls_opts[] = {
		{MHD_OPTION_HTTPS_MEM_CERT, 0, *cert},
		{MHD_OPTION_HTTPS_MEM_KEY, 0, *key},
		{MHD_OPTION_END, 0, NULL},
	};
	return MHD_start_daemon(flags, config.port, NULL, NULL, on_request, NULL,
				MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
				MHD_OPTION_THREAD_POOL_SIZE, (unsigned)config.workers,
				MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)config.conn_timeout,
				MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)config.per_ip_limit,
				MHD_OPTION_CONNECTION_LIMIT, (unsigned)4096,
				MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024,
				MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)128 * 1024,
				MHD_OPTION_UNESCAPE_CALLBACK, identity_unescape, NULL,
				MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
				MHD_OPTION_ARRAY, config.tls_cert ? tls_opts : tls_opts + 2,
				MHD_OPTION_END);
}

int http_serve(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	router_init();
	pool_init(config.database_url, config.workers);
	read_pool_init(config.read_database_url, config.read_max_lag);
	/* a login flood keeps at least one worker free for everyone else */
	crypto_hash_slots_set(config.hash_slots ? config.hash_slots : (config.workers > 1 ? config.workers / 2 : 1));
	char *cert = NULL, *key = NULL;
	struct MHD_Daemon *d = start_daemon(&cert, &key);
	if (!d) {
		fprintf(stderr, "fphc: cannot listen on %s:%u (%s)\n", config.listen_host, config.port,
			errno ? strerror(errno) : "see above");
		free(cert);
		free(key);
		pool_shutdown();
		read_pool_shutdown();
		return 1;
	}
	const union MHD_DaemonInfo *bound = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	unsigned port = bound && bound->port ? bound->port : config.port;  /* --listen :0 picks one */
	printf("fphc: serving on %s://%s:%u/\n", config.tls_cert ? "https" : "http", config.listen_host, port);
	fflush(stdout);
	int sig = 0;
	sigwait(&set, &sig);
	log_info("signal %d: stopping; letting %d request(s) finish", sig, atomic_load(&in_flight));
	MHD_quiesce_daemon(d);
	for (int i = 0; i < 1000 && atomic_load(&in_flight) > 0; i++)
		usleep(10000);
	MHD_stop_daemon(d);
	pool_shutdown();
	read_pool_shutdown();
	free(cert);
	free(key);
	log_info("stopped");
	return 0;
}

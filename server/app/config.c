/* config.c: defaults and environment for the server configuration. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/app/config.h"
#include "server/db/db.h"
#include "scoring/peer.h"
#include "common/text.h"
#include "common/banned.h"

struct config config;

int config_set_listen(struct config *cfg, const char *s)
{
	const char *colon = strrchr(s, ':');
	const char *port = colon ? colon + 1 : s;
	long p;
	if (text_parse_long(port, 0, 65535, &p) != 0)
		return -1;
	if (colon) {
		size_t n = (size_t)(colon - s);
		if (n >= sizeof(cfg->listen_host))
			return -1;
		if (n)
			snprintf(cfg->listen_host, sizeof(cfg->listen_host), "%.*s", (int)n, s);
	}
	cfg->port = (unsigned short)p;
	return 0;
}

static int env_long(const char *name, long min, long max, long *out, char *err, size_t errlen)
{
	const char *v = getenv(name);
	if (!v || !*v)
		return 0;
	if (text_parse_long(v, min, max, out) != 0) {
		snprintf(err, errlen, "%s must be a whole number from %ld to %ld", name, min, max);
		return -1;
	}
	return 0;
}

static const char *env_str(const char *name, const char *dflt)
{
	const char *v = getenv(name);
	return v && *v ? v : dflt;
}

int config_from_env(struct config *cfg, char *err, size_t errlen)
{
	memset(cfg, 0, sizeof(*cfg));
	snprintf(cfg->listen_host, sizeof(cfg->listen_host), "127.0.0.1");
	cfg->port = 8080;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	long workers = cores > 0 ? cores : 2, level = 2, k = PEER_K_DEFAULT, body = 1024 * 1024 + 32 * 1024;
	long timeout = 30, per_ip = 64, slots = 0, max_lag = 5;
	const char *listen = getenv("FPHC_LISTEN");
	if (listen && *listen && config_set_listen(cfg, listen) != 0) {
		snprintf(err, errlen, "FPHC_LISTEN must look like 127.0.0.1:8080");
		return -1;
	}
	const char *lvl = getenv("FPHC_LOG_LEVEL");
	if (lvl && *lvl) {
		static const char *names[] = {"error", "warn", "info", "debug"};
		level = -1;
		for (int i = 0; i < 4; i++)
			if (strcmp(lvl, names[i]) == 0)
				level = i;
		if (level < 0) {
			snprintf(err, errlen, "FPHC_LOG_LEVEL must be error, warn, info or debug");
			return -1;
		}
	}
	if (env_long("FPHC_WORKERS", 1, 256, &workers, err, errlen) ||
	    env_long("FPHC_BENCHMARK_K", 2, 1000, &k, err, errlen) ||
	    env_long("FPHC_BODY_LIMIT", 1024, 64L * 1024 * 1024, &body, err, errlen) ||
	    env_long("FPHC_CONN_TIMEOUT", 1, 3600, &timeout, err, errlen) ||
	    env_long("FPHC_PER_IP_LIMIT", 1, 100000, &per_ip, err, errlen) ||
	    env_long("FPHC_HASH_SLOTS", 1, 256, &slots, err, errlen) ||
	    env_long("FPHC_READ_MAX_LAG", 0, 86400, &max_lag, err, errlen))
		return -1;
	cfg->workers = (int)workers;
	cfg->hash_slots = (int)slots;  /* 0: half the workers, decided when serving */
	cfg->log_level = (int)level;
	cfg->benchmark_k = (int)k;
	cfg->body_limit = (size_t)body;
	cfg->conn_timeout = (int)timeout;
	cfg->per_ip_limit = (int)per_ip;
	cfg->database_url = env_str("DATABASE_URL", NULL);
	cfg->read_database_url = env_str("FPHC_DATABASE_READ_URL", NULL);
	cfg->read_max_lag = (double)max_lag;
	cfg->base_url = env_str("FPHC_BASE_URL", NULL);
	cfg->tls_cert = env_str("FPHC_TLS_CERT", NULL);
	cfg->tls_key = env_str("FPHC_TLS_KEY", NULL);
	cfg->questionnaires_dir = env_str("FPHC_QUESTIONNAIRES", "questionnaires");
	cfg->trusted_proxies = env_str("FPHC_TRUSTED_PROXIES", "");
	cfg->smtp_url = env_str("FPHC_SMTP_URL", NULL);
	cfg->timezone = env_str("FPHC_TIMEZONE", "Europe/Amsterdam");
	if (db_set_time_zone(cfg->timezone) != 0) {
		snprintf(err, errlen, "FPHC_TIMEZONE must be a time zone name such as Europe/Amsterdam");
		return -1;
	}
	cfg->metrics_token = env_str("FPHC_METRICS_TOKEN", NULL);
	if (cfg->metrics_token && strlen(cfg->metrics_token) < 16) {
		snprintf(err, errlen, "FPHC_METRICS_TOKEN must be at least 16 characters");
		return -1;
	}
	return 0;
}

int config_check(const struct config *cfg, char *err, size_t errlen)
{
	if (!cfg->database_url) {
		snprintf(err, errlen, "DATABASE_URL is not set (make run sets it for the private database)");
		return -1;
	}
	if ((cfg->tls_cert == NULL) != (cfg->tls_key == NULL)) {
		snprintf(err, errlen, "--tls-cert and --tls-key go together");
		return -1;
	}
	return 0;
}

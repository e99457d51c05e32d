/* config.h: server configuration, from flags and environment (flags win). */
#ifndef FPHC_CONFIG_H
#define FPHC_CONFIG_H

#include <stddef.h>

struct config {
	char listen_host[64];      /* FPHC_LISTEN host part, default 127.0.0.1 */
	unsigned short port;       /* FPHC_LISTEN port part, default 8080 */
	const char *database_url;  /* DATABASE_URL (conninfo or URI) */
	const char *read_database_url; /* FPHC_DATABASE_READ_URL: a streaming replica for the
	                                * research reads (optional; docs/operations.md) */
	double read_max_lag;       /* FPHC_READ_MAX_LAG seconds: a replica further behind is not used (default 5) */
	const char *base_url;      /* FPHC_BASE_URL, for links in e-mails and on the console */
	int log_level;             /* FPHC_LOG_LEVEL: 0 error, 1 warn, 2 info, 3 debug */
	int workers;               /* FPHC_WORKERS, default: number of cores */
	int hash_slots;            /* FPHC_HASH_SLOTS: password hashes at once, default half the workers (at least 1) */
	size_t body_limit;         /* FPHC_BODY_LIMIT bytes, default 1 MiB */
	const char *tls_cert;      /* --tls-cert / FPHC_TLS_CERT (PEM file) */
	const char *tls_key;       /* --tls-key / FPHC_TLS_KEY */
	const char *questionnaires_dir; /* FPHC_QUESTIONNAIRES, default "questionnaires" */
	const char *trusted_proxies;    /* FPHC_TRUSTED_PROXIES: comma-separated addresses */
	int benchmark_k;           /* FPHC_BENCHMARK_K: the one minimum group size k for peers and research cells (default PEER_K_DEFAULT) */
	int conn_timeout;          /* seconds of inactivity before a connection is closed */
	int per_ip_limit;          /* concurrent connections per client address */
	const char *smtp_url;      /* FPHC_SMTP_URL, optional */
	const char *timezone;      /* FPHC_TIMEZONE, every time shown, default Europe/Amsterdam */
	const char *metrics_token; /* FPHC_METRICS_TOKEN: /metrics needs it as a bearer token; unset = /metrics is 404 */
};

/* The running server's configuration (set once by `fphc serve` before start). */
extern struct config config;

/* Fills cfg with defaults, then the environment. Returns 0, or -1 with one
 * clear line in err for an invalid value. */
int config_from_env(struct config *cfg, char *err, size_t errlen);
/* Parses "host:port" or ":port" or "port" into cfg; 0 or -1. */
int config_set_listen(struct config *cfg, const char *s);
/* Resolves the database: DATABASE_URL or an error. */
int config_check(const struct config *cfg, char *err, size_t errlen);

#endif

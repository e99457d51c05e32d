/* read_pool.c: per-worker replica handles with a lag check; see read_pool.h. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libpq-fe.h>

#include "server/http/read_pool.h"
#include "server/http/log.h"
#include "server/db/db.h"
#include "server/db/replica.h"
#include "common/banned.h"

#define READ_POOL_MAX 256
#define CHECK_EVERY 1.0     /* seconds between lag checks of one handle */
#define RETRY_AFTER 10.0    /* seconds before an unreachable replica is tried again */
#define CONNECT_TIMEOUT "3" /* seconds, unless the URL says otherwise */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct db *handles[READ_POOL_MAX];
static int nhandles;
static char *read_url;
static double max_lag;
/* 1 while reads go to the primary because of the replica: one warning per episode */
static atomic_int falling_back;

struct mine {
	struct db *db;
	double next_check;  /* monotonic seconds */
	int usable;
};
static _Thread_local struct mine mine;

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* url with a connect timeout, so an unreachable host costs seconds, not the TCP
 * timeout; NULL when url does not parse (reason in *why). */
static char *with_timeout(const char *url, char **why)
{
	char *perr = NULL;
	PQconninfoOption *opts = PQconninfoParse(url, &perr);
	if (!opts) {
		*why = perr;
		return NULL;
	}
	int has_timeout = 0;
	for (PQconninfoOption *o = opts; o->keyword; o++)
		if (strcmp(o->keyword, "connect_timeout") == 0 && o->val && o->val[0])
			has_timeout = 1;
	PQconninfoFree(opts);
	size_t n = strlen(url);
	char *out = malloc(n + 40);
	if (!out)
		abort();
	memcpy(out, url, n + 1);
	if (!has_timeout) {
		int uri = strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0;
		const char *sep = !uri ? " " : strchr(url, '?') ? "&" : "?";
		memcpy(out + n, sep, 1);
		memcpy(out + n + 1, "connect_timeout=" CONNECT_TIMEOUT, sizeof("connect_timeout=" CONNECT_TIMEOUT));
	}
	return out;
}

void read_pool_init(const char *url, double lag)
{
	free(read_url);
	read_url = NULL;
	max_lag = lag;
	atomic_store(&falling_back, 0);
	if (!url || !url[0])
		return;
	char *why = NULL;
	read_url = with_timeout(url, &why);
	if (!read_url) {
		/* the URL itself is never logged: it may hold a password */
		log_warn("FPHC_DATABASE_READ_URL cannot be read (%s); every page reads from the primary",
			 why ? why : "bad connection string");
		PQfreemem(why);
	}
}

static void fall_back(const char *reason, double lag)
{
	if (atomic_exchange(&falling_back, 1) == 0) {
		if (lag > 0)
			log_warn("the read replica is %.1f s behind (FPHC_READ_MAX_LAG %.1f s); reading from the primary until it catches up",
				 lag, max_lag);
		else
			log_warn("the read replica cannot be reached (%s); reading from the primary", reason);
	}
}

struct db *read_pool_db(void)
{
	if (!read_url)
		return NULL;
	if (!mine.db) {
		mine.db = db_new(read_url);
		pthread_mutex_lock(&lock);
		if (nhandles < READ_POOL_MAX)
			handles[nhandles++] = mine.db;
		pthread_mutex_unlock(&lock);
	}
	double t = now_s();
	/* a query that failed on the replica since the last check: check again now */
	if (t < mine.next_check && !(mine.usable && mine.db->unavailable))
		return mine.usable ? mine.db : NULL;
	double lag = 0;
	if (db_replica_lag(mine.db, &lag) != 0) {
		mine.usable = 0;
		mine.next_check = t + RETRY_AFTER;
		fall_back(mine.db->err, 0);
		return NULL;
	}
	mine.next_check = t + CHECK_EVERY;
	if (lag > max_lag) {
		mine.usable = 0;
		fall_back("", lag);
		return NULL;
	}
	mine.usable = 1;
	if (atomic_exchange(&falling_back, 0) == 1)
		log_info("the read replica is current again; research reads go to it");
	return mine.db;
}

void read_pool_shutdown(void)
{
	pthread_mutex_lock(&lock);
	for (int i = 0; i < nhandles; i++)
		db_free(handles[i]);
	nhandles = 0;
	pthread_mutex_unlock(&lock);
	mine.db = NULL;
	mine.usable = 0;
	mine.next_check = 0;
	free(read_url);
	read_url = NULL;
}

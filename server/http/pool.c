/* pool.c: per-worker database handles; see pool.h. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <libpq-fe.h>

#include "server/http/pool.h"
#include "server/db/db.h"
#include "common/banned.h"

#define POOL_MAX 256

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct db *handles[POOL_MAX];
static int nhandles;
static char *pool_conninfo;
static _Thread_local struct db *mine;

void pool_init(const char *conninfo, int max)
{
	(void)max;
	free(pool_conninfo);
	pool_conninfo = strdup(conninfo);
	if (!pool_conninfo)
		abort();
}

struct db *pool_db(void)
{
	if (mine)
		return mine;
	struct db *db = db_new(pool_conninfo);
	pthread_mutex_lock(&lock);
	if (nhandles < POOL_MAX)
		handles[nhandles++] = db;
	pthread_mutex_unlock(&lock);
	mine = db;
	return db;
}

void pool_state(struct pool_state *out)
{
	pthread_mutex_lock(&lock);
	out->open = nhandles;
	out->connected = 0;
	for (int i = 0; i < nhandles; i++)
		if (handles[i]->conn && PQstatus(handles[i]->conn) == CONNECTION_OK)
			out->connected++;
	pthread_mutex_unlock(&lock);
}

void pool_shutdown(void)
{
	pthread_mutex_lock(&lock);
	for (int i = 0; i < nhandles; i++)
		db_free(handles[i]);
	nhandles = 0;
	pthread_mutex_unlock(&lock);
	mine = NULL;
	free(pool_conninfo);
	pool_conninfo = NULL;
}

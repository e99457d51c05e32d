/* ratelimit.c: fixed-window counters in the rate_limits table. */
#include <stdio.h>

#include "server/db/ratelimit.h"
#include "common/banned.h"

int ratelimit_hit(struct db *db, const char *key, int window_s, int limit)
{
	char win[16];
	snprintf(win, sizeof(win), "%d", window_s);
	PGresult *res = db_q(db,
		"INSERT INTO rate_limits(key, window_start, count) VALUES ($1, now(), 1)"
		" ON CONFLICT (key) DO UPDATE SET"
		" count = CASE WHEN rate_limits.window_start < now() - make_interval(secs => $2::int)"
		"  THEN 1 ELSE rate_limits.count + 1 END,"
		" window_start = CASE WHEN rate_limits.window_start < now() - make_interval(secs => $2::int)"
		"  THEN now() ELSE rate_limits.window_start END"
		" RETURNING count", key, win);
	if (!res)
		return -1;
	long long n = db_ll(res, 0, 0, 0);
	PQclear(res);
	return n > limit ? 1 : 0;
}

void ratelimit_clear(struct db *db, const char *key)
{
	db_x(db, "DELETE FROM rate_limits WHERE key = $1", key);
}

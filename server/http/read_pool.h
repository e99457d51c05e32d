/* read_pool.h: connections to a streaming replica for the read pages that a few
 * seconds of lag cannot harm (routes marked ROUTE_REPLICA; docs/operations.md).
 *
 * FPHC_DATABASE_READ_URL names the replica (optional). Each worker thread has
 * its own handle. Before use, at most once a second, the replica's lag is
 * checked: beyond FPHC_READ_MAX_LAG seconds, or when it cannot be reached, the
 * caller reads from the primary instead, with one warning in the log when that
 * starts and one line when the replica is used again. A wrong URL is reported
 * once at start-up and then never tried. */
#ifndef FPHC_READ_POOL_H
#define FPHC_READ_POOL_H

struct db;

/* url NULL or "": no replica. max_lag in seconds. */
void read_pool_init(const char *url, double max_lag);
/* The calling thread's replica handle when the replica is usable now, else NULL
 * (read from the primary). */
struct db *read_pool_db(void);
/* Closes every connection; call after the HTTP daemon has stopped. */
void read_pool_shutdown(void);

#endif

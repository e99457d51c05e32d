/* pool.h: one database connection per worker thread, fixed in number.
 * The connections are made lazily and closed only at shutdown (pool_shutdown),
 * so threads never leak connections and requests never wait for a connect. */
#ifndef FPHC_POOL_H
#define FPHC_POOL_H

struct db;

struct pool_state {
	int open;       /* handles created */
	int connected;  /* of those, with a live connection */
};

void pool_init(const char *conninfo, int max);
/* The calling thread's handle (created on first use). Never NULL. */
struct db *pool_db(void);
void pool_state(struct pool_state *out);
/* Closes every connection; call after the HTTP daemon has stopped. */
void pool_shutdown(void);

#endif

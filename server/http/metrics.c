/* metrics.c: request counts by route and status, a latency histogram, database
 * errors and pool state, kept in atomics so workers never wait on each other. */
#include <stdatomic.h>
#include <stdio.h>

#include "server/http/metrics.h"
#include "server/http/pool.h"
#include "server/http/router.h"
#include "common/banned.h"

#define MAX_ROUTES 512
static const int codes[] = {200, 201, 204, 303, 304, 400, 401, 403, 404, 405, 409, 413, 422, 429, 500, 503};
#define NCODES (int)(sizeof(codes) / sizeof(codes[0]))
static const double bounds[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
#define NBOUNDS (int)(sizeof(bounds) / sizeof(bounds[0]))

/* [route + 1][code index or NCODES for "other"] */
static atomic_ulong counts[MAX_ROUTES + 1][NCODES + 1];
static atomic_ulong hist[NBOUNDS + 1];
static atomic_ulong hist_count, db_errors;
static _Atomic double hist_sum;

void metrics_request(int route_index, int status, double seconds)
{
	int ci = NCODES;
	for (int i = 0; i < NCODES; i++)
		if (codes[i] == status)
			ci = i;
	int ri = route_index + 1;
	if (ri < 0 || ri > MAX_ROUTES)
		ri = 0;
	atomic_fetch_add_explicit(&counts[ri][ci], 1, memory_order_relaxed);
	int b = 0;
	while (b < NBOUNDS && seconds > bounds[b])
		b++;
	atomic_fetch_add_explicit(&hist[b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&hist_count, 1, memory_order_relaxed);
	double old = atomic_load_explicit(&hist_sum, memory_order_relaxed);
	while (!atomic_compare_exchange_weak(&hist_sum, &old, old + seconds))
		;
}

void metrics_db_error(void)
{
	atomic_fetch_add_explicit(&db_errors, 1, memory_order_relaxed);
}

void metrics_render(struct buf *out)
{
	buf_puts(out, "# HELP fphc_requests_total HTTP requests by route pattern and status.\n"
		      "# TYPE fphc_requests_total counter\n");
	for (int ri = 0; ri <= router_count() && ri <= MAX_ROUTES; ri++) {
		const struct route *rt = router_at(ri - 1);
		for (int ci = 0; ci <= NCODES; ci++) {
			unsigned long v = atomic_load_explicit(&counts[ri][ci], memory_order_relaxed);
			if (!v)
				continue;
			buf_printf(out, "fphc_requests_total{method=\"%s\",route=\"%s\",status=\"%s%d\"} %lu\n",
				   rt ? rt->method : "", rt ? rt->pattern : "unmatched",
				   ci == NCODES ? "other" : "", ci == NCODES ? 0 : codes[ci], v);
		}
	}
	buf_puts(out, "# HELP fphc_request_duration_seconds Time to answer a request.\n"
		      "# TYPE fphc_request_duration_seconds histogram\n");
	unsigned long cum = 0;
	for (int b = 0; b < NBOUNDS; b++) {
		cum += atomic_load(&hist[b]);
		buf_printf(out, "fphc_request_duration_seconds_bucket{le=\"%g\"} %lu\n", bounds[b], cum);
	}
	cum += atomic_load(&hist[NBOUNDS]);
	buf_printf(out, "fphc_request_duration_seconds_bucket{le=\"+Inf\"} %lu\n", cum);
	buf_printf(out, "fphc_request_duration_seconds_sum %.6f\n", atomic_load(&hist_sum));
	buf_printf(out, "fphc_request_duration_seconds_count %lu\n", atomic_load(&hist_count));
	buf_printf(out, "# HELP fphc_db_errors_total Failed database calls seen by handlers.\n"
		   "# TYPE fphc_db_errors_total counter\nfphc_db_errors_total %lu\n", atomic_load(&db_errors));
	struct pool_state ps;
	pool_state(&ps);
	buf_printf(out, "# HELP fphc_db_pool_connections Database connections of the workers.\n"
		   "# TYPE fphc_db_pool_connections gauge\n"
		   "fphc_db_pool_connections{state=\"open\"} %d\n"
		   "fphc_db_pool_connections{state=\"connected\"} %d\n", ps.open, ps.connected);
}

/* metrics.h: counters for GET /metrics (Prometheus text format). Lock-free. */
#ifndef FPHC_METRICS_H
#define FPHC_METRICS_H

#include "common/buf.h"

/* route_index -1 for requests that matched no route. */
void metrics_request(int route_index, int status, double seconds);
void metrics_db_error(void);
void metrics_render(struct buf *out);

#endif

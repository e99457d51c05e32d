/* demo_seed.h: `fphc demo seed` (cli/demo_seed.c). */
#ifndef FPHC_DEMO_SEED_H
#define FPHC_DEMO_SEED_H

#include <stdint.h>
#include "server/db/db.h"

/* Creates n_companies demo companies (in `only`, or spread over the demo
 * associations demo, demo-zuid (shares with research, also open text) and
 * demo-noord (does not share)), each with per_company submitted, scored scans.
 * Deterministic for a seed, whatever the number of jobs: worker processes,
 * each with its own connection, sending COPY batches in parallel (1 = in this
 * process; seeds under 2,000 companies always are). Ends with ANALYZE.
 * 0 or -1 (message on stderr). */
int demo_seed(struct db *db, long long n_companies, int per_company, const char *only, uint64_t seed,
	      int quiet, int jobs);

#endif

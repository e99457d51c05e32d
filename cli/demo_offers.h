/* demo_offers.h: demo offers for `fphc demo init`. */
#ifndef FPHC_DEMO_OFFERS_H
#define FPHC_DEMO_OFFERS_H

#include "server/db/db.h"

/* Adds the demo offers to the association when missing (by title). 0 or -1 (db->err). */
int demo_offers_seed(struct db *db, long long org_id);

#endif

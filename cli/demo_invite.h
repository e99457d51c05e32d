/* demo_invite.h: the demo company's invitation link for `fphc demo init`. */
#ifndef FPHC_DEMO_INVITE_H
#define FPHC_DEMO_INVITE_H

#include "server/db/db.h"

/* Ensures the demo company in association org_id, re-issues the link of its
 * open scan (or creates a scan) and prints the link. 0 or -1 (printed). */
int demo_invite(struct db *db, long long org_id);

#endif

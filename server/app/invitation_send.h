/* invitation_send.h: e-mailing an invitation link (or a reminder) to a company,
 * from the association's template. Used by the back office and `fphc invitations
 * remind`. */
#ifndef FPHC_INVITATION_SEND_H
#define FPHC_INVITATION_SEND_H

#include <stddef.h>
#include "server/db/db.h"

/* Sends the invitation for scan_id (of association org_id; 0 = any) with `link`
 * (which carries `token`) to the company's e-mail address, or to `to` when given.
 * A reminder gets "Herinnering: " before the subject. On success a first
 * invitation is marked as e-mailed now (a reminder's link is not: it keeps the
 * first mail's time). Returns 1 sent, 0 not sent because SMTP is not
 * configured or there is no address, -1 on failure (reason in err). */
int invitation_send(struct db *db, long long org_id, long long scan_id, const char *to, const char *token,
		    const char *link, int reminder, char *err, size_t errlen);

#endif

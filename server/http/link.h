/* link.h: absolute links for e-mails and pages (the invitation link, the
 * owner's report link): FPHC_BASE_URL when set, else the request's own
 * scheme and Host header when that looks like a host name. */
#ifndef FPHC_HTTP_LINK_H
#define FPHC_HTTP_LINK_H

#include "server/http/req.h"

/* "https://host/s/TOKEN" from prefix "/s/" and token (in the request's arena). */
char *link_absolute(struct req *r, const char *prefix, const char *token);

#endif

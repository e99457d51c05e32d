/* access.h: the router's check of a route's declared access, before its handler.
 *
 * Back-office routes: a logged-in user whose role is in the route's access
 * (else a redirect to /login, or a 404 for the wrong role: we do not even say
 * that the page exists). Owner routes: the invitation token in the first
 * capture (checked by the owner guard of the respondent room). Changing routes:
 * the CSRF token of the caller's kind — the session's for back-office routes,
 * the scan's for owner routes (form field `csrf` or header X-CSRF-Token), and
 * for public forms the browser's own origin headers (Sec-Fetch-Site, Origin). */
#ifndef FPHC_ACCESS_H
#define FPHC_ACCESS_H

#include "server/http/router.h"

/* 0 when the handler may run; -1 after a reply (redirect, 403, 404, …). */
int access_check(struct req *r, const struct route *rt);

/* Checks an owner route: the token is a live scan and, when `changes`, the
 * request carries that scan's CSRF token. 0, or -1 after a reply. Defined by
 * the respondent room (server/pages/respondent/scan_ctx.c). */
int owner_guard(struct req *r, int changes);

/* The session role bits (ROLE_*) that a route's access admits. */
unsigned access_roles(unsigned access);

/* 1 when a request to a public changing route comes from another site
 * (Sec-Fetch-Site: cross-site, or an Origin that is not this host). */
int access_cross_site(struct req *r);

#endif

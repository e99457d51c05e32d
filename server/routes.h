/* routes.h: the route tables of the server's parts (each ended by {NULL}). */
#ifndef FPHC_ROUTES_H
#define FPHC_ROUTES_H

#include "server/router.h"

extern const struct route routes_core[];   /* server/pages/core.c */
extern const struct route routes_login[];  /* server/pages/login.c */
extern const struct route routes_respondent[]; /* server/pages/scan_routes.c */

#endif

/* routes.h: the route tables of the server's parts (each ended by {NULL}). */
#ifndef FPHC_ROUTES_H
#define FPHC_ROUTES_H

#include "server/router.h"

extern const struct route routes_core[];   /* server/pages/core.c */
extern const struct route routes_login[];  /* server/pages/login.c */
extern const struct route routes_bo2_scan[];     /* server/pages/bo2_scan.c */
extern const struct route routes_bo2_offers[];   /* server/pages/bo2_offers.c */
extern const struct route routes_bo2_actions[];  /* server/pages/bo2_actions.c */
extern const struct route routes_bo2_research[]; /* server/pages/bo2_research.c */

#endif

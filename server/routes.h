/* routes.h: the route tables of the server's parts (each ended by {NULL}). */
#ifndef FPHC_ROUTES_H
#define FPHC_ROUTES_H

#include "server/router.h"

extern const struct route routes_core[];   /* server/pages/core.c */
extern const struct route routes_login[];  /* server/pages/login.c */
extern const struct route routes_research[]; /* server/pages/research.c */
/* back office part 1: server/pages/bo_*.c */
extern const struct route routes_bo_dashboard[];
extern const struct route routes_bo_account[];
extern const struct route routes_bo_admin[];
extern const struct route routes_bo_protection[];
extern const struct route routes_bo_users[];
extern const struct route routes_bo_companies[];
extern const struct route routes_bo_invitations[];
extern const struct route routes_bo_takepart[];
extern const struct route routes_bo2_scan[];     /* server/pages/bo2_scan.c */
extern const struct route routes_bo2_offers[];   /* server/pages/bo2_offers.c */
extern const struct route routes_bo2_actions[];  /* server/pages/bo2_actions.c */
extern const struct route routes_bo2_research[]; /* server/pages/bo2_research.c */
extern const struct route routes_respondent[]; /* server/pages/scan_routes.c */
extern const struct route routes_reports[];      /* server/pages/report_pages.c */
extern const struct route routes_owner_report[]; /* server/pages/owner_report.c */

#endif

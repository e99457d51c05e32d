/* routes.h: the route tables, one per page file (each ended by {NULL}); the
 * list of tables is server/http/routes.c. */
#ifndef FPHC_ROUTES_H
#define FPHC_ROUTES_H

#include "server/http/router.h"

/* public: server/pages/public/ */
extern const struct route routes_site[];       /* site.c: health, static files, home, language */
extern const struct route routes_login[];      /* login.c */
extern const struct route routes_take_part[];  /* take_part.c */
extern const struct route routes_event_signup[]; /* event_signup.c: /e/TOKEN of a follow-up meeting */
/* the owner's scan: server/pages/respondent/ */
extern const struct route routes_respondent[];   /* routes.c */
extern const struct route routes_owner_report[]; /* report.c */
extern const struct route routes_report_link[]; /* report_html.c */
/* the office: server/pages/office/ */
extern const struct route routes_dashboard[];
extern const struct route routes_account[];
extern const struct route routes_two_factor[];  /* office/two_factor.c */
extern const struct route routes_settings[];
extern const struct route routes_data_protection[];
extern const struct route routes_users[];
extern const struct route routes_companies[];
extern const struct route routes_invitations[];
extern const struct route routes_scan[];
extern const struct route routes_offers[];
extern const struct route routes_offer_catalogue[]; /* office/offer_catalogue.c */
extern const struct route routes_actions[];
extern const struct route routes_reports[];
extern const struct route routes_questionnaires[]; /* office/questionnaires.c */
extern const struct route routes_preview[];        /* respondent/preview.c: the owner pages of a draft */
extern const struct route routes_events[];     /* office/events.c: follow-up meetings */
extern const struct route routes_evaluation[];  /* office/evaluation.c */
/* the research workspace: server/pages/research/ */
extern const struct route routes_research[];   /* workspace.c */
extern const struct route routes_assessment[]; /* assessment.c */
extern const struct route routes_research_versions[]; /* versions.c */
extern const struct route routes_research_evaluation[]; /* research/evaluation.c */

#endif

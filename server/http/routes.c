/* routes.c: the list of route tables; each part of the server owns its table. */
#include "server/http/router.h"
#include "server/http/routes.h"
#include "common/banned.h"

const struct route *const route_tables[] = {
	routes_site,
	routes_login,
	routes_research,
	routes_dashboard,
	routes_account,
	routes_two_factor,
	routes_settings,
	routes_data_protection,
	routes_users,
	routes_companies,
	routes_invitations,
	routes_take_part,
	routes_scan,
	routes_offer_catalogue, /* before routes_offers: /offers/catalogue.xlsx is not /offers/:id */
	routes_offers,
	routes_actions,
	routes_assessment,
	routes_research_versions,
	routes_respondent,
	routes_reports,
	routes_questionnaires,
	routes_preview,
	routes_owner_report,
	routes_report_link,
	routes_events,
	routes_event_signup,
	routes_evaluation,
	routes_research_evaluation,
	NULL,
};

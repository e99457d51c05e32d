/* routes.c: the list of route tables; each part of the server owns its table. */
#include "server/router.h"
#include "server/routes.h"
#include "common/banned.h"

const struct route *const route_tables[] = {
	routes_core,
	routes_login,
	routes_research,
	routes_bo_dashboard,
	routes_bo_account,
	routes_bo_admin,
	routes_bo_protection,
	routes_bo_users,
	routes_bo_companies,
	routes_bo_invitations,
	routes_bo_takepart,
	routes_bo2_scan,
	routes_bo2_offers,
	routes_bo2_actions,
	routes_bo2_research,
	routes_respondent,
	routes_reports,
	routes_owner_report,
	NULL,
};

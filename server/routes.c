/* routes.c: the list of route tables; each part of the server owns its table. */
#include "server/router.h"
#include "server/routes.h"
#include "common/banned.h"

const struct route *const route_tables[] = {
	routes_core,
	routes_login,
	routes_respondent,
	NULL,
};

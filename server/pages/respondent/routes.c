/* routes.c: routes of the owner's scan. They need no back-office session:
 * the invitation token is the owner's key, and the language is the scan's. */
#include "server/http/routes.h"
#include "server/pages/respondent/respondent.h"
#include "common/banned.h"

const struct route routes_respondent[] = {
	{"GET", "/s/:token", scan_start_get, ROUTE_NO_SESSION, ACCESS_OWNER},
	{"POST", "/s/:token/consent", scan_consent_post, ROUTE_NO_SESSION | ROUTE_CHANGES, ACCESS_OWNER},
	{"GET", "/s/:token/profile", scan_profile_get, ROUTE_NO_SESSION, ACCESS_OWNER},
	{"POST", "/s/:token/profile", scan_profile_post, ROUTE_NO_SESSION | ROUTE_CHANGES, ACCESS_OWNER},
	{"GET", "/s/:token/pillar/:n", scan_pillar_get, ROUTE_NO_SESSION, ACCESS_OWNER},
	{"POST", "/s/:token/pillar/:n", scan_pillar_post, ROUTE_NO_SESSION | ROUTE_CHANGES, ACCESS_OWNER},
	{"POST", "/s/:token/answer", scan_answer_post, ROUTE_NO_SESSION | ROUTE_CHANGES, ACCESS_OWNER},
	{"GET", "/s/:token/review", scan_review_get, ROUTE_NO_SESSION, ACCESS_OWNER},
	{"POST", "/s/:token/submit", scan_submit_post, ROUTE_NO_SESSION | ROUTE_CHANGES, ACCESS_OWNER},
	{"GET", "/s/:token/done", scan_done_get, ROUTE_NO_SESSION, ACCESS_OWNER},
	{"POST", "/s/:token/follow-up", scan_follow_up_post, ROUTE_NO_SESSION | ROUTE_CHANGES, ACCESS_OWNER},
	{"GET", "/s/:token/later", scan_later_get, ROUTE_NO_SESSION, ACCESS_OWNER},
	{"POST", "/s/:token/later/mail", scan_later_mail_post, ROUTE_NO_SESSION | ROUTE_CHANGES, ACCESS_OWNER},
	{"GET", "/s/:token/lang/:to", scan_lang_get, ROUTE_NO_SESSION, ACCESS_OWNER},
	{"GET", "/s/:token/data.json", scan_data_get, ROUTE_NO_SESSION, ACCESS_OWNER},
	{"GET", "/s/:token/erase", scan_erase_get, ROUTE_NO_SESSION, ACCESS_OWNER},
	{"POST", "/s/:token/erase", scan_erase_post, ROUTE_NO_SESSION | ROUTE_CHANGES, ACCESS_OWNER},
	{"GET", "/privacy/:slug", privacy_get, 0, ACCESS_PUBLIC},
	{NULL, NULL, NULL, 0, 0},
};

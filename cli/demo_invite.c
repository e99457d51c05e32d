/* demo_invite.c: the demo company and a fresh invitation link for its open scan,
 * printed by `fphc demo init` on every `make run` (earlier links are revoked). */
#include <stdio.h>

#include "cli/cli_config.h"
#include "cli/demo_invite.h"
#include "server/db/demo.h"
#include "server/db/invitation.h"
#include "server/db/org.h"
#include "server/db/questionnaire.h"
#include "common/banned.h"

#define DEMO_COMPANY "Demo Metaalbewerking BV"

int demo_invite(struct db *db, long long org_id)
{
	long long qid = db_questionnaire_latest(db, "fphc");
	if (qid <= 0) {
		fprintf(stderr, "fphc demo init: %s\n", qid == 0 ? "no questionnaire loaded; run fphc migrate" : db->err);
		return -1;
	}
	long long company_id, scan_id;
	if (db_demo_company_find(db, org_id, DEMO_COMPANY, &company_id, &scan_id) < 0)
		goto fail;
	if (company_id == 0) {
		company_id = db_company_create_min(db, org_id, DEMO_COMPANY, "C", "45", "eigenaar@demo.example");
		if (company_id < 0 || db_demo_company_fill(db, company_id) != 0)
			goto fail;
	}
	char token[TOKEN_TEXT_LEN + 1];
	if (scan_id > 0 ? db_invitation_reissue(db, scan_id, 0, 0, token)
			: db_scan_create_invited(db, org_id, company_id, qid, 0, NULL, 0, &scan_id, token)) {
		goto fail;
	}
	printf("fphc: demo scan of '%s' (fill it in as the owner): %s/s/%s\n", DEMO_COMPANY, cli_base_url(), token);
	return 0;
fail:
	fprintf(stderr, "fphc demo init: demo invitation: %s\n", db->err);
	return -1;
}

/* demo_invite.c: the demo company and a fresh invitation link for its open scan,
 * printed by `fphc demo init` on every `make run` (earlier links are revoked). */
#include <stdio.h>

#include "cli/cli_config.h"
#include "cli/demo_invite.h"
#include "server/db/invitation.h"
#include "server/db/org.h"
#include "server/db/questionnaire.h"
#include "common/banned.h"

#define DEMO_COMPANY "Demo Metaalbewerking BV"

int demo_invite(struct db *db, long long org_id)
{
	char org[24];
	snprintf(org, sizeof(org), "%lld", org_id);
	long long qid = db_questionnaire_latest(db, "fphc");
	if (qid <= 0) {
		fprintf(stderr, "fphc demo init: %s\n", qid == 0 ? "no questionnaire loaded; run fphc migrate" : db->err);
		return -1;
	}
	PGresult *res = db_q(db, "SELECT c.id, (SELECT s.id FROM scans s WHERE s.company_id = c.id"
				 " AND s.status IN ('invited', 'started') ORDER BY s.id DESC LIMIT 1)"
				 " FROM companies c WHERE c.org_id = $1 AND c.name = $2 AND c.erased_at IS NULL"
				 " ORDER BY c.id LIMIT 1", org, DEMO_COMPANY);
	if (!res)
		goto fail;
	long long company_id = PQntuples(res) ? db_ll(res, 0, 0, 0) : 0;
	long long scan_id = PQntuples(res) ? db_ll(res, 0, 1, 0) : 0;
	PQclear(res);
	if (company_id == 0) {
		company_id = db_company_create_min(db, org_id, DEMO_COMPANY, "C", "45", "eigenaar@demo.example");
		if (company_id < 0)
			goto fail;
		char cid[24];
		snprintf(cid, sizeof(cid), "%lld", company_id);
		if (db_x(db, "UPDATE companies SET is_demo = true, employees = 52, municipality = 'Maastricht',"
			     " contact_name = 'Eva Eigenaar' WHERE id = $1", cid) != 0)
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

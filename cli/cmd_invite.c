/* cmd_invite.c: `fphc invite` — a company and a scan from the command line, with
 * the invitation link printed (the office does the same in pages). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/cli_config.h"
#include "server/app/config.h"
#include "server/db/invitation.h"
#include "server/db/org.h"
#include "server/db/questionnaire.h"
#include "common/text.h"
#include "common/banned.h"

/* FPHC_BASE_URL, else where `fphc serve` listens with this configuration
 * (FPHC_LISTEN), so a printed link opens on the server that make run starts. */
const char *cli_base_url(void)
{
	static char url[96];
	if (config.base_url)
		return config.base_url;
	snprintf(url, sizeof(url), "http://%s:%u", config.listen_host, (unsigned)config.port);
	return url;
}

int cmd_invite(int argc, char **argv)
{
	const char *usage = "usage: fphc invite --org SLUG --company NAME --sector A-U --fte N [--email E] [--days N]\n"
			    "Creates the company and a scan, and prints the invitation link.\n";
	static const struct option opts[] = {
		{"org", required_argument, NULL, 'o'}, {"company", required_argument, NULL, 'c'},
		{"sector", required_argument, NULL, 's'}, {"fte", required_argument, NULL, 'f'},
		{"email", required_argument, NULL, 'e'}, {"days", required_argument, NULL, 'd'},
		{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
	};
	const char *org = NULL, *company = NULL, *sector = NULL, *fte = NULL, *email = NULL;
	long days = INVITATION_DAYS_DEFAULT;
	double fte_v;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'o': org = optarg; break;
		case 'c': company = optarg; break;
		case 's': sector = optarg; break;
		case 'f': fte = optarg; break;
		case 'e': email = optarg; break;
		case 'd':
			if (text_parse_long(optarg, 1, 365, &days) != 0) {
				fprintf(stderr, "fphc invite: --days must be 1 to 365\n");
				return 2;
			}
			break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return 2;
		}
	}
	if (!org || !company || !sector || !fte) {
		fputs(usage, stderr);
		return 2;
	}
	if (strlen(sector) != 1 || sector[0] < 'A' || sector[0] > 'U') {
		fprintf(stderr, "fphc invite: --sector must be an SBI section letter A to U\n");
		return 2;
	}
	if (text_parse_double(fte, 0, 100000, &fte_v) != 0) {
		fprintf(stderr, "fphc invite: --fte must be a number\n");
		return 2;
	}
	char *args[] = {argv[0], NULL};
	if (cli_config(1, args, "invite", usage) != 0)
		return cli_config_status();
	struct db *db = cli_db_open();
	if (!db)
		return 1;
	int rc = 1;
	long long org_id = db_org_by_slug(db, org), qid = org_id > 0 ? db_questionnaire_for_invitations(db, org_id) : 0, scan_id;
	char token[TOKEN_TEXT_LEN + 1], fte_s[32];
	snprintf(fte_s, sizeof(fte_s), "%.1f", fte_v);
	if (org_id <= 0 || qid <= 0) {
		fprintf(stderr, "fphc invite: %s\n", org_id == 0 ? "no organisation with that slug" :
			qid == 0 ? "no questionnaire loaded; run fphc migrate" : db->err);
		goto out;
	}
	long long company_id = db_company_create_min(db, org_id, company, sector, fte_s, email);
	if (company_id < 0 || db_scan_create_invited(db, org_id, company_id, qid, 0, email, (int)days,
						     &scan_id, token) != 0) {
		fprintf(stderr, "fphc invite: %s\n", db->err);
		goto out;
	}
	printf("%s/s/%s\n", cli_base_url(), token);
	rc = 0;
out:
	db_free(db);
	return rc;
}

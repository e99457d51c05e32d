/* cmd_org.c: `fphc org add` (an association) and `fphc org logo` (its logo). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli_config.h"
#include "cli/commands.h"
#include "common/buf.h"
#include "common/crypto.h"
#include "common/text.h"
#include "server/app/config.h"
#include "server/app/invitation_send.h"
#include "server/app/logo.h"
#include "server/app/mail.h"
#include "server/app/password_policy.h"
#include "server/db/account.h"
#include "server/db/invitation.h"
#include "server/db/invitation_mail.h"
#include "server/db/org.h"
#include "server/db/questionnaire.h"
#include "server/db/settings.h"
#include "common/banned.h"

/* `fphc org questionnaire --org SLUG yes|no` */
static int org_questionnaire(int argc, char **argv, const char *usage)
{
	if (argc != 4 || strcmp(argv[1], "--org") != 0 || (strcmp(argv[3], "yes") != 0 && strcmp(argv[3], "no") != 0)) {
		fputs(usage, stderr);
		return 2;
	}
	char *args[] = {argv[0], NULL};
	if (cli_config(1, args, "org questionnaire", usage) != 0)
		return cli_config_status();
	struct db *db = cli_db_open();
	if (!db)
		return 1;
	int rc = db_org_set_owns_questionnaire(db, argv[2], strcmp(argv[3], "yes") == 0);
	if (rc < 0)
		fprintf(stderr, "fphc org questionnaire: %s\n", db->err);
	else if (rc == 0)
		fprintf(stderr, "fphc org questionnaire: no association '%s'\n", argv[2]);
	db_free(db);
	return rc == 1 ? 0 : 1;
}

int cmd_org(int argc, char **argv)
{
	const char *usage = "usage: fphc org add --slug SLUG --name NAME [--region REGION] [--kind association|research]\n"
			    "       fphc org logo --org SLUG FILE.png   (a PNG of at most 512 KB; '-' removes the logo)\n"
			    "       fphc org questionnaire --org SLUG yes|no   (the association owns its questionnaire:\n"
			    "                                                  its admins may publish versions)\n";
	if (argc >= 2 && strcmp(argv[1], "logo") == 0)
		return cmd_org_logo(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "questionnaire") == 0)
		return org_questionnaire(argc - 1, argv + 1, usage);
	if (argc < 2 || strcmp(argv[1], "add") != 0) {
		fputs(usage, argc >= 2 && strcmp(argv[1], "--help") == 0 ? stdout : stderr);
		return argc >= 2 && strcmp(argv[1], "--help") == 0 ? 0 : 2;
	}
	static const struct option opts[] = {
		{"slug", required_argument, NULL, 's'}, {"name", required_argument, NULL, 'n'},
		{"region", required_argument, NULL, 'r'}, {"kind", required_argument, NULL, 'k'},
		{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
	};
	const char *slug = NULL, *name = NULL, *region = "", *kind = "association";
	int c;
	optind = 1;
	while ((c = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
		switch (c) {
		case 's': slug = optarg; break;
		case 'n': name = optarg; break;
		case 'r': region = optarg; break;
		case 'k': kind = optarg; break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return 2;
		}
	}
	if (!slug || !name || (strcmp(kind, "association") != 0 && strcmp(kind, "research") != 0)) {
		fputs(usage, stderr);
		return 2;
	}
	if (cli_config(1, argv, "org add", usage) != 0)
		return cli_config_status();
	struct db *db = cli_db_open();
	if (!db)
		return 1;
	long long id = db_org_create(db, kind, slug, name, region);
	if (id < 0)
		fprintf(stderr, "fphc org add: %s\n", db_failed_with(db, "23505") ? "that slug is taken" :
			db_failed_with(db, "23514") ? "the slug must be 2-40 lower-case letters, digits or '-'" : db->err);
	else
		printf("fphc: organisation '%s' created (id %lld)\n", slug, id);
	db_free(db);
	return id < 0 ? 1 : 0;
}

/* ---- fphc org logo --org SLUG FILE ---- */

int cmd_org_logo(int argc, char **argv)
{
	const char *usage = "usage: fphc org logo --org SLUG FILE.png\n"
			    "Stores the association's logo for reports (a PNG of at most 512 KB); FILE '-' removes it.\n";
	static const struct option opts[] = {
		{"org", required_argument, NULL, 'o'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
	};
	const char *org = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'o')
			org = optarg;
		else {
			fputs(usage, c == 'h' ? stdout : stderr);
			return c == 'h' ? 0 : 2;
		}
	}
	if (!org || optind != argc - 1) {
		fputs(usage, stderr);
		return 2;
	}
	const char *file = argv[optind];
	static unsigned char data[LOGO_MAX_BYTES + 1];
	size_t len = 0;
	struct buf png;   /* the normalised copy that is stored (see server/logo.h) */
	buf_init(&png, 0);
	int remove = strcmp(file, "-") == 0;
	if (!remove) {
		FILE *f = fopen(file, "rb");
		if (!f) {
			fprintf(stderr, "fphc org logo: cannot open %s\n", file);
			return 1;
		}
		len = fread(data, 1, sizeof(data), f);
		fclose(f);
		enum logo_verdict v = logo_normalize(data, len, &png);
		if (v != LOGO_OK) {
			fprintf(stderr, "fphc org logo: %s\n", v == LOGO_TOO_BIG ? "the file is larger than 512 KB"
				: v == LOGO_EMPTY ? "the file is empty"
				: v == LOGO_BROKEN ? "the PNG file is damaged"
				: v == LOGO_TOO_MANY_PIXELS ? "the image is larger than 2000 x 2000 pixels"
				: "the file is not a PNG image");
			buf_release(&png);
			return 1;
		}
	}
	char *args[] = {argv[0], NULL};
	if (cli_config(1, args, "org logo", usage) != 0) {
		buf_release(&png);
		return cli_config_status();
	}
	struct db *db = cli_db_open();
	if (!db) {
		buf_release(&png);
		return 1;
	}
	long long id = db_org_by_slug(db, org);
	int rc = id > 0 && db_org_logo_set(db, id, remove ? NULL : png.data, png.len) == 0 ? 0 : 1;
	buf_release(&png);
	if (rc)
		fprintf(stderr, "fphc org logo: %s\n", id == 0 ? "no organisation with that slug" : db->err);
	else
		printf("fphc: logo of '%s' %s\n", org, remove ? "removed" : "stored");
	db_free(db);
	return rc;
}

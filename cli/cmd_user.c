/* cmd_user.c: `fphc user add` (an account with a one-time set-password link, or a
 * password from standard input) and `fphc invitations remind` (the e-mailed
 * reminders, 7 and 14 days after the first invitation). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/cli_config.h"
#include "common/buf.h"
#include "server/app/config.h"
#include "server/app/invitation_send.h"
#include "server/app/logo.h"
#include "server/app/mail.h"
#include "server/app/password_policy.h"
#include "server/db/account.h"
#include "server/db/invitation_mail.h"
#include "server/db/org.h"
#include "server/db/settings.h"
#include "common/crypto.h"
#include "common/banned.h"

static const char *user_usage =
	"usage: fphc user add --org SLUG --email E --role admin|advisor|researcher [--name N] [--password-stdin]\n"
	"Creates an account and prints a one-time link to set its password (valid 7 days),\n"
	"or, with --password-stdin, sets the password read from the first line of standard input.\n"
	"Researchers belong to a research group, admins and advisors to an association.\n";

static int read_password(char *out, size_t n)
{
	if (!fgets(out, (int)n, stdin))
		return -1;
	out[strcspn(out, "\r\n")] = '\0';
	return 0;
}

/* Checks the role against the organisation's kind; returns its id or -1. */
static long long org_for_role(struct db *db, const char *slug, const char *role)
{
	long long org = db_org_by_slug(db, slug);
	if (org <= 0) {
		fprintf(stderr, "fphc user add: %s\n", org == 0 ? "no organisation with that slug" : db->err);
		return -1;
	}
	PGresult *res = db_org_settings(db, org);
	int research = res && strcmp(db_str(res, 0, 14), "research") == 0;
	PQclear(res);
	if (research != (strcmp(role, "researcher") == 0)) {
		fprintf(stderr, "fphc user add: %s\n", research ? "a research group only has researchers"
							      : "researchers belong to a research group, not an association");
		return -1;
	}
	return org;
}

static int user_add(int argc, char **argv)
{
	static const struct option opts[] = {
		{"org", required_argument, NULL, 'o'}, {"email", required_argument, NULL, 'e'},
		{"role", required_argument, NULL, 'r'}, {"name", required_argument, NULL, 'n'},
		{"password-stdin", no_argument, NULL, 'p'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
	};
	const char *org = NULL, *email = NULL, *role = NULL, *name = "";
	int from_stdin = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'o': org = optarg; break;
		case 'e': email = optarg; break;
		case 'r': role = optarg; break;
		case 'n': name = optarg; break;
		case 'p': from_stdin = 1; break;
		case 'h': fputs(user_usage, stdout); return 0;
		default: fputs(user_usage, stderr); return 2;
		}
	}
	if (!org || !email || !role || optind < argc ||
	    (strcmp(role, "admin") != 0 && strcmp(role, "advisor") != 0 && strcmp(role, "researcher") != 0)) {
		fputs(user_usage, stderr);
		return 2;
	}
	if (!strchr(email, '@') || strlen(email) > 254 || strpbrk(email, " <>\",;")) {
		fprintf(stderr, "fphc user add: --email is not an e-mail address\n");
		return 2;
	}
	char pw[PASSWORD_MAX_BYTES + 2] = "", hash[128];
	if (from_stdin) {
		enum password_verdict v = read_password(pw, sizeof(pw)) == 0 ? password_check(pw, email) : PASSWORD_TOO_SHORT;
		if (v != PASSWORD_OK) {
			fprintf(stderr, "fphc user add: the password is %s\n", v == PASSWORD_TOO_SHORT ? "shorter than 12 characters"
				: v == PASSWORD_TOO_LONG ? "longer than 200 bytes" : "too common; choose another");
			return 1;
		}
		if (crypto_password_hash(pw, hash) != 0)
			return 1;
	}
	char *args[] = {argv[0], NULL};
	if (cli_config(1, args, "user add", user_usage) != 0)
		return cli_config_status();
	struct db *db = cli_db_open();
	if (!db)
		return 1;
	int rc = 1;
	char token[TOKEN_TEXT_LEN + 1];
	long long org_id = org_for_role(db, org, role);
	long long uid = org_id > 0 ? db_user_create(db, org_id, email, name, role, from_stdin ? hash : NULL) : -1;
	if (org_id > 0 && uid < 0) {
		fprintf(stderr, "fphc user add: %s\n", db_failed_with(db, "23505") ? "that e-mail address already has an account" : db->err);
	} else if (uid > 0 && from_stdin) {
		printf("fphc: user %s (%s) created with the given password\n", email, role);
		rc = 0;
	} else if (uid > 0 && db_password_token_new(db, uid, token) == 0) {
		const char *base = cli_base_url();
		size_t n = strlen(base);
		printf("fphc: user %s (%s) created. One-time link to set the password (valid %d days):\n%.*s/password/%s\n",
		       email, role, PASSWORD_TOKEN_DAYS, (int)(n && base[n - 1] == '/' ? n - 1 : n), base, token);
		rc = 0;
	} else if (uid > 0) {
		fprintf(stderr, "fphc user add: %s\n", db->err);
	}
	db_free(db);
	return rc;
}

int cmd_user(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return user_add(argc - 1, argv + 1);
	int help = argc >= 2 && strcmp(argv[1], "--help") == 0;
	fputs(user_usage, help ? stdout : stderr);
	return help ? 0 : 2;
}

/* ---- fphc invitations remind ---- */

static int remind(struct db *db)
{
	PGresult *due = db_reminders_due(db);
	if (!due) {
		fprintf(stderr, "fphc invitations remind: %s\n", db->err);
		return 1;
	}
	int sent = 0, failed = 0;
	for (int i = 0; i < PQntuples(due); i++) {
		long long iid = db_ll(due, i, 0, 0), sid = db_ll(due, i, 1, 0);
		char token[TOKEN_TEXT_LEN + 1], link[512], err[256];
		const char *base = cli_base_url();
		if (db_begin(db) != 0 || db_reminder_link(db, iid, token) != 0) {
			db_rollback(db);
			fprintf(stderr, "fphc invitations remind: scan %lld: %s\n", sid, db->err);
			failed++;
			continue;
		}
		snprintf(link, sizeof(link), "%s/s/%s", base, token);
		int rc = invitation_send(db, 0, sid, NULL, token, link, 1, err, sizeof(err));
		if (rc == 1 && db_commit(db) == 0) {
			printf("fphc: reminder %lld sent for scan %lld\n", db_ll(due, i, 2, 0) + 1, sid);
			sent++;
		} else {
			db_rollback(db);
			fprintf(stderr, "fphc invitations remind: scan %lld: %s\n", sid, rc < 0 ? err : "no address");
			failed++;
		}
	}
	PQclear(due);
	printf("fphc: %d reminder(s) sent, %d failed\n", sent, failed);
	return failed ? 1 : 0;
}

int cmd_invitations(int argc, char **argv)
{
	const char *usage = "usage: fphc invitations remind\n"
			    "E-mails a reminder (with a fresh link beside the first) for scans not started\n"
			    "7 and 14 days after the invitation e-mail; at most two per scan. Needs FPHC_SMTP_URL.\n";
	if (argc < 2 || strcmp(argv[1], "remind") != 0) {
		int help = argc >= 2 && strcmp(argv[1], "--help") == 0;
		fputs(usage, help ? stdout : stderr);
		return help ? 0 : 2;
	}
	if (cli_config(argc - 1, argv + 1, "invitations remind", usage) != 0)
		return cli_config_status();
	if (!mail_configured()) {
		fprintf(stderr, "fphc invitations remind: FPHC_SMTP_URL is not set; no e-mail can be sent\n");
		return 2;
	}
	struct db *db = cli_db_open();
	if (!db)
		return 1;
	int rc = remind(db);
	db_free(db);
	return rc;
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

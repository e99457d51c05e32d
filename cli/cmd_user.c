/* cmd_user.c: `fphc user add` (an account with a one-time set-password link, or a
 * password from standard input). */
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
	struct arena a = ARENA_INIT;
	struct org_settings s;
	int research = db_org_settings_get(db, &a, org, &s) == 1 && strcmp(s.kind, "research") == 0;
	arena_release(&a);
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

/* cmd_demo.c: `fphc demo init` — the demo association, research group and logins
 * that `make run` shows; idempotent, passwords printed only when created. */
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "cli/cli_config.h"
#include "cli/demo_invite.h"
#include "server/config.h"
#include "server/db/org.h"
#include "common/crypto.h"
#include "common/banned.h"

struct demo_user {
	const char *email, *name, *role;
	int research;  /* belongs to the research group */
};

static const struct demo_user demo_users[] = {
	{"admin@demo.example", "Demo Beheerder", "admin", 0},
	{"adviseur@demo.example", "Anouk Adviseur", "advisor", 0},
	{"onderzoeker@demo.example", "Rob Onderzoeker", "researcher", 1},
};

static long long ensure_org(struct db *db, const char *kind, const char *slug, const char *name)
{
	long long id = db_org_by_slug(db, slug);
	if (id == 0)
		id = db_org_create(db, kind, slug, name, "Limburg");
	return id;
}

static int demo_init(struct db *db, int reset)
{
	long long research = ensure_org(db, "research", "onderzoek", "Lectoraat Employability (demo)");
	long long assoc = ensure_org(db, "association", "demo", "Demo Werkgeversvereniging");
	if (research < 0 || assoc < 0)
		goto fail;
	char rid[24], aid[24];
	snprintf(rid, sizeof(rid), "%lld", research);
	snprintf(aid, sizeof(aid), "%lld", assoc);
	if (db_x(db, "UPDATE organisations SET research_org_id = $1, share_research = true, is_demo = true,"
		     " privacy_contact = 'privacy@demo.example', contact_email = 'info@demo.example'"
		     " WHERE id = $2 AND research_org_id IS NULL", rid, aid) != 0)
		goto fail;
	printf("fphc: demo association 'demo' is ready. Logins:\n");
	for (size_t i = 0; i < sizeof(demo_users) / sizeof(demo_users[0]); i++) {
		const struct demo_user *u = &demo_users[i];
		long long uid = db_user_by_email(db, u->email);
		if (uid < 0)
			goto fail;
		if (uid > 0 && !reset) {
			printf("  %-26s (%s) password as printed when created; new one: bin/fphc demo init --reset-passwords\n",
			       u->email, u->role);
			continue;
		}
		char pw[TOKEN_TEXT_LEN + 1], hash[128];
		crypto_token_new(pw);
		if (crypto_password_hash(pw, hash) != 0)
			goto fail;
		if (uid == 0)
			uid = db_user_create(db, u->research ? research : assoc, u->email, u->name, u->role, hash);
		else if (db_user_set_password(db, uid, hash) != 0)
			uid = -1;
		if (uid < 0)
			goto fail;
		printf("  %-26s (%s) password: %s\n", u->email, u->role, pw);
	}
	return demo_invite(db, assoc);
fail:
	fprintf(stderr, "fphc demo init: %s\n", db->err);
	return -1;
}

int cmd_demo(int argc, char **argv)
{
	const char *usage = "usage: fphc demo init [--reset-passwords]\n"
			    "Creates the demo association, research group and logins (idempotent).\n";
	if (argc < 2 || strcmp(argv[1], "--help") == 0) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "init") == 0) {
		int reset = argc > 2 && strcmp(argv[2], "--reset-passwords") == 0;
		if (cli_config(reset ? 1 : argc - 1, argv + 1, "demo init", usage) != 0)
			return cli_config_status();
		struct db *db = cli_db_open();
		if (!db)
			return 1;
		int rc = demo_init(db, reset);
		db_free(db);
		return rc ? 1 : 0;
	}
	fputs(usage, stderr);
	return 2;
}

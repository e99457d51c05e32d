/* test_routes.c: every route declares who may call it, and the declarations
 * keep the rules: a state-changing route is CSRF-checked, a back-office route
 * admits no anonymous caller, an owner route carries the token, and
 * docs/routes.md is what `fphc routes` prints. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "server/http/route_doc.h"
#include "server/http/router.h"
#include "common/banned.h"

/* Paths of the back office and the research workspace. */
static const char *const office_prefixes[] = {
	"/app", "/companies", "/scans", "/admin", "/actions", "/offers", "/research",
	"/invitations", "/requests", "/account", "/api/v1/research", "/logout", NULL,
};

static int is_office(const char *pattern)
{
	for (int i = 0; office_prefixes[i]; i++) {
		size_t n = strlen(office_prefixes[i]);
		if (strncmp(pattern, office_prefixes[i], n) == 0 &&
		    (pattern[n] == '\0' || pattern[n] == '/' || pattern[n] == '.'))
			return 1;
	}
	return 0;
}

static void every_route_declares_its_callers(void **state)
{
	(void)state;
	int n = 0;
	for (int t = 0; route_tables[t]; t++)
		for (const struct route *rt = route_tables[t]; rt->method; rt++, n++) {
			unsigned a = rt->access;
			if (a == 0)
				fail_msg("%s %s declares no callers", rt->method, rt->pattern);
			if ((a & ACCESS_PUBLIC) && a != ACCESS_PUBLIC)
				fail_msg("%s %s mixes 'anyone' with roles", rt->method, rt->pattern);
			if ((a & ACCESS_OWNER) && (a != ACCESS_OWNER || strncmp(rt->pattern, "/s/:token", 9) != 0))
				fail_msg("%s %s: owner routes are /s/:token… and only the owner's", rt->method, rt->pattern);
		}
	assert_true(n > 80);
}

static void state_changing_routes_check_csrf(void **state)
{
	(void)state;
	for (int t = 0; route_tables[t]; t++)
		for (const struct route *rt = route_tables[t]; rt->method; rt++)
			if (strcmp(rt->method, "GET") != 0 && !(rt->flags & ROUTE_CHANGES))
				fail_msg("%s %s changes state without the CSRF check", rt->method, rt->pattern);
}

static void office_routes_admit_no_anonymous_caller(void **state)
{
	(void)state;
	for (int t = 0; route_tables[t]; t++)
		for (const struct route *rt = route_tables[t]; rt->method; rt++) {
			if (!is_office(rt->pattern))
				continue;
			if (rt->access & (ACCESS_PUBLIC | ACCESS_OWNER))
				fail_msg("%s %s is a back-office route open to anonymous callers", rt->method, rt->pattern);
			if (rt->flags & ROUTE_NO_SESSION)
				fail_msg("%s %s is a back-office route without a session", rt->method, rt->pattern);
		}
	/* the research workspace is the research group's only */
	for (int t = 0; route_tables[t]; t++)
		for (const struct route *rt = route_tables[t]; rt->method; rt++)
			if (strncmp(rt->pattern, "/research", 9) == 0 || strncmp(rt->pattern, "/api/v1/research", 16) == 0)
				assert_int_equal(rt->access, ACCESS_RESEARCHER);
}

static void docs_routes_md_is_current(void **state)
{
	(void)state;
	struct buf want;
	buf_init(&want, 0);
	route_doc_write(&want);
	FILE *f = fopen("docs/routes.md", "rb");
	if (!f)
		fail_msg("docs/routes.md is missing: bin/fphc routes > docs/routes.md");
	char *have = calloc(1, want.len + 2);
	size_t n = fread(have, 1, want.len + 1, f);
	fclose(f);
	if (n != want.len || memcmp(have, want.data, want.len) != 0)
		fail_msg("docs/routes.md is out of date: run bin/fphc routes > docs/routes.md");
	free(have);
	buf_release(&want);
}

/* The replica refuses writes and lags: only reads that are not an owner's, and
 * only back-office pages, may use it (docs/operations.md names them). */
static void replica_routes_only_read(void **state)
{
	(void)state;
	int n = 0;
	for (int t = 0; route_tables[t]; t++)
		for (const struct route *rt = route_tables[t]; rt->method; rt++) {
			if (!(rt->flags & ROUTE_REPLICA))
				continue;
			n++;
			if ((rt->flags & ROUTE_CHANGES) && !(rt->flags & ROUTE_READ_ONLY))
				fail_msg("%s %s changes state but may read from the replica", rt->method, rt->pattern);
			if (rt->access & (ACCESS_PUBLIC | ACCESS_OWNER))
				fail_msg("%s %s: owners and anonymous callers read from the primary", rt->method, rt->pattern);
		}
	assert_true(n >= 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_route_declares_its_callers),
		cmocka_unit_test(state_changing_routes_check_csrf),
		cmocka_unit_test(office_routes_admit_no_anonymous_caller),
		cmocka_unit_test(replica_routes_only_read),
		cmocka_unit_test(docs_routes_md_is_current),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

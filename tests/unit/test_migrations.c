/* test_migrations.c: every compiled-in migration keeps the data-safety rules
 * (migrations/README.md), and the checker refuses what breaks them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "server/db/migrate_check.h"
#include "server/db/migrate.h"
#include "common/assets.h"
#include "common/banned.h"

static int refused(const char *sql)
{
	char err[256];
	return migrate_sql_check(sql, err, sizeof(err)) != 0;
}

static void every_migration_runs_in_the_runners_one_transaction(void **state)
{
	(void)state;
	int n = 0;
	for (const struct asset *a = assets; a->path; a++) {
		if (strncmp(a->path, "migrations/", 11) != 0 || !strstr(a->path, ".sql"))
			continue;
		char err[256];
		int rc = migrate_sql_check((const char *)a->data, err, sizeof(err));
		if (rc != 0)
			fprintf(stderr, "%s: %s\n", a->path, err);
		assert_int_equal(rc, 0);
		n++;
	}
	assert_true(n >= 8);
	assert_true(migrate_latest() >= 61);
}

static void transaction_control_is_refused_outside_bodies(void **state)
{
	(void)state;
	assert_true(refused("CREATE TABLE t (a int);\nCOMMIT;\n"));
	assert_true(refused("begin; CREATE TABLE t (a int);"));
	assert_true(refused("CREATE TABLE t (a int); ROLLBACK"));
	assert_true(refused("SAVEPOINT x;"));
	assert_true(refused("CREATE INDEX CONCURRENTLY i ON t(a);"));
	assert_true(refused("VACUUM t;"));
	/* plpgsql bodies, strings, identifiers and comments may say anything */
	assert_false(refused("CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n RETURN NULL;\nEND $$;"));
	assert_false(refused("DO $body$ BEGIN PERFORM 1; COMMIT; END $body$;"));
	assert_false(refused("INSERT INTO t VALUES ('it''s; COMMIT; DROP TABLE x');"));
	assert_false(refused("-- COMMIT; DROP TABLE x;\nSELECT 1; /* ROLLBACK; */"));
	assert_false(refused("SELECT \"commit;\" FROM t;"));
}

static void dropping_data_needs_a_safety_note(void **state)
{
	(void)state;
	assert_true(refused("DROP TABLE old_things;"));
	assert_true(refused("ALTER TABLE t DROP COLUMN c;"));
	assert_true(refused("ALTER TABLE t ADD COLUMN d int, DROP c;"));
	assert_true(refused("ALTER TABLE t DROP IF EXISTS c;"));
	assert_true(refused("TRUNCATE t;"));
	assert_false(refused("ALTER TABLE t ALTER COLUMN c DROP DEFAULT, ALTER COLUMN c DROP NOT NULL;"));
	assert_false(refused("ALTER TABLE t DROP CONSTRAINT t_c_check;"));
	assert_false(refused("DROP INDEX t_c; DROP TRIGGER x ON t; DROP FUNCTION f();"));
	assert_false(refused("-- data-safety: t.c was copied into t2.c above, counts checked\n"
			     "INSERT INTO t2 SELECT c FROM t;\nALTER TABLE t DROP COLUMN c;"));
	assert_true(refused("SELECT 1; -- data-safety: not at a line start\nDROP TABLE t;"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_migration_runs_in_the_runners_one_transaction),
		cmocka_unit_test(transaction_control_is_refused_outside_bodies),
		cmocka_unit_test(dropping_data_needs_a_safety_note),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

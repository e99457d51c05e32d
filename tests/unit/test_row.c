/* test_row.c: the db layer's row copies (server/db/row.c) outlive their result,
 * and the back-office pages read rows only through the db layer's structs: no
 * value read by column number and no SQL text in server/pages/office. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "server/db/row.h"
#include "common/banned.h"

/* A result with one text column and the given values (NULL = SQL NULL), made
 * without a connection. */
static PGresult *result_of(const char *const *values, int n)
{
	PGresult *res = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK);
	assert_non_null(res);
	PGresAttDesc col = {.name = (char *)"value", .format = 0, .typid = 25, .typlen = -1, .atttypmod = -1};
	assert_int_equal(PQsetResultAttrs(res, 1, &col), 1);
	for (int i = 0; i < n; i++)
		assert_int_equal(PQsetvalue(res, i, 0, (char *)values[i], values[i] ? (int)strlen(values[i]) : -1), 1);
	return res;
}

static void row_str_copies_into_the_arena(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	const char *const values[] = {"Bakkerij", NULL, ""};
	PGresult *res = result_of(values, 3);
	const char *name = db_row_str(&a, res, 0, 0);
	const char *null = db_row_str(&a, res, 1, 0);
	const char *empty = db_row_str(&a, res, 2, 0);
	const char *past_end = db_row_str(&a, res, 3, 0);
	PQclear(res);  /* the copies must not point into the result */
	assert_string_equal(name, "Bakkerij");
	assert_string_equal(null, "");
	assert_string_equal(empty, "");
	assert_string_equal(past_end, "");
	arena_release(&a);
}

struct pair {
	long long id;
	const char *name;
};

static void rows_alloc_is_zeroed_and_never_null(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	PGresult *none = result_of(NULL, 0);
	struct pair *p = db_rows_alloc(&a, none, sizeof(*p));
	assert_non_null(p);
	assert_int_equal(p[0].id, 0);
	assert_null(p[0].name);
	PQclear(none);
	const char *const values[] = {"a", "b", "c"};
	PGresult *three = result_of(values, 3);
	p = db_rows_alloc(&a, three, sizeof(*p));
	for (int i = 0; i < 3; i++) {
		assert_int_equal(p[i].id, 0);
		assert_null(p[i].name);
		p[i].name = db_row_str(&a, three, i, 0);
	}
	assert_string_equal(p[2].name, "c");
	PQclear(three);
	arena_release(&a);
}

/* Rooms outside server/db: they read rows only through the structs of server/db/. */
static const char *const struct_rooms[] = {"server/pages/office", "server/pages/public", "server/pages/respondent",
					    "server/pages/research", "server/app", "server/http", "cli", NULL};
/* Reading a value by column number, or SQL text. */
static const char *const forbidden[] = {
	"PGresult", "PQntuples", "PQgetvalue", "PQgetisnull", "db_get(", "db_str(", "db_ll(", "db_bool(", "db_double(", "db_row_str(",
	"\"SELECT ", "\"INSERT ", "\"UPDATE ", "\"DELETE ", NULL,
};

/* A lookup by key: exactly one row is found (the caller then owns res), none or
 * several are not found (res cleared), a failed query is -1. Run under ASan, a
 * result left uncleared or cleared twice shows as a leak or a double free. */
static void rows_found_only_for_exactly_one_row(void **state)
{
	(void)state;
	const char *const values[] = {"42", "43"};
	assert_int_equal(db_rows_found(NULL), -1);
	assert_int_equal(db_rows_found(result_of(values, 0)), 0);
	assert_int_equal(db_rows_found(result_of(values, 2)), 0);
	PGresult *one = result_of(values, 1);
	assert_int_equal(db_rows_found(one), 1);
	assert_string_equal(PQgetvalue(one, 0, 0), "42");
	PQclear(one);
	long long id = 7;
	assert_int_equal(db_rows_found_ll(NULL, &id), -1);
	assert_int_equal(db_rows_found_ll(result_of(values, 2), &id), 0);
	assert_int_equal(id, 7);
	assert_int_equal(db_rows_found_ll(result_of(values, 1), &id), 1);
	assert_int_equal(id, 42);
}

static void no_room_outside_db_reads_columns_or_holds_sql(void **state)
{
	(void)state;
	int files = 0, found = 0;
	for (int d = 0; struct_rooms[d]; d++) {
		DIR *dir = opendir(struct_rooms[d]);
		assert_non_null(dir);  /* run from the repository root */
		struct dirent *e;
		while ((e = readdir(dir))) {
			size_t n = strlen(e->d_name);
			if (n < 3 || strcmp(e->d_name + n - 2, ".c") != 0)
				continue;
			char path[512], line[4096];
			snprintf(path, sizeof(path), "%s/%s", struct_rooms[d], e->d_name);
			FILE *f = fopen(path, "r");
			assert_non_null(f);
			files++;
			for (int ln = 1; fgets(line, sizeof(line), f); ln++)
				for (int k = 0; forbidden[k]; k++)
					if (strstr(line, forbidden[k])) {
						print_error("%s:%d: %s (read the row through a struct of server/db/)\n",
							    path, ln, forbidden[k]);
						found++;
					}
			fclose(f);
		}
		closedir(dir);
	}
	assert_true(files > 10);
	assert_int_equal(found, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(row_str_copies_into_the_arena),
		cmocka_unit_test(rows_alloc_is_zeroed_and_never_null),
		cmocka_unit_test(rows_found_only_for_exactly_one_row),
		cmocka_unit_test(no_room_outside_db_reads_columns_or_holds_sql),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_suppression.c: primary and secondary cell suppression on hand-made tables. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "scoring/suppression.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void nothing_small_nothing_hidden(void **state)
{
	(void)state;
	long n[] = {12, 30, 5, 8};
	enum cell_state s[4];
	assert_int_equal(suppress_cells(n, N(n), 5, s), 0);
	for (size_t i = 0; i < N(n); i++)
		assert_int_equal(s[i], CELL_SHOWN);
}

static void one_small_cell_takes_the_next_smallest_with_it(void **state)
{
	(void)state;
	/* sector table: A 3 (< k), C 40, F 7, G 25; total 75 published */
	long n[] = {3, 40, 7, 25};
	enum cell_state s[4];
	assert_int_equal(suppress_cells(n, N(n), 5, s), 2);
	assert_int_equal(s[0], CELL_PRIMARY);
	assert_int_equal(s[2], CELL_SECONDARY); /* 7 is the smallest shown cell */
	assert_int_equal(s[1], CELL_SHOWN);
	assert_int_equal(s[3], CELL_SHOWN);
}

static void two_tiny_cells_together_below_k_take_a_third(void **state)
{
	(void)state;
	/* 1 + 2 = 3 < k: the difference with the total would still pin down 3 scans */
	long n[] = {1, 2, 50, 9, 20};
	enum cell_state s[5];
	assert_int_equal(suppress_cells(n, N(n), 5, s), 3);
	assert_int_equal(s[0], CELL_PRIMARY);
	assert_int_equal(s[1], CELL_PRIMARY);
	assert_int_equal(s[3], CELL_SECONDARY);
	assert_int_equal(s[2], CELL_SHOWN);
	assert_int_equal(s[4], CELL_SHOWN);
}

static void two_small_cells_holding_k_need_nothing_more(void **state)
{
	(void)state;
	long n[] = {3, 4, 50, 9};
	enum cell_state s[4];
	assert_int_equal(suppress_cells(n, N(n), 5, s), 2);
	assert_int_equal(s[2], CELL_SHOWN);
	assert_int_equal(s[3], CELL_SHOWN);
}

static void empty_cells_are_never_the_secondary(void **state)
{
	(void)state;
	long n[] = {0, 2, 0, 30, 11};
	enum cell_state s[5];
	assert_int_equal(suppress_cells(n, N(n), 5, s), 2);
	assert_int_equal(s[0], CELL_EMPTY);
	assert_int_equal(s[2], CELL_EMPTY);
	assert_int_equal(s[1], CELL_PRIMARY);
	assert_int_equal(s[4], CELL_SECONDARY);
}

static void ties_take_the_first(void **state)
{
	(void)state;
	long n[] = {20, 2, 20, 20};
	enum cell_state s[4];
	suppress_cells(n, N(n), 5, s);
	assert_int_equal(s[0], CELL_SECONDARY);
	assert_int_equal(s[2], CELL_SHOWN);
}

static void a_lone_small_cell_is_all_hidden(void **state)
{
	(void)state;
	long n[] = {3};
	enum cell_state s[1];
	assert_int_equal(suppress_cells(n, N(n), 5, s), 1);
	assert_int_equal(s[0], CELL_PRIMARY);
	long m[] = {3, 1};
	enum cell_state t[2];
	assert_int_equal(suppress_cells(m, N(m), 5, t), 2);
}

static void k_one_hides_nothing(void **state)
{
	(void)state;
	long n[] = {1, 1, 1};
	enum cell_state s[3];
	assert_int_equal(suppress_cells(n, N(n), 1, s), 0);
	assert_int_equal(suppress_cells(n, N(n), 0, s), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nothing_small_nothing_hidden),
		cmocka_unit_test(one_small_cell_takes_the_next_smallest_with_it),
		cmocka_unit_test(two_tiny_cells_together_below_k_take_a_third),
		cmocka_unit_test(two_small_cells_holding_k_need_nothing_more),
		cmocka_unit_test(empty_cells_are_never_the_secondary),
		cmocka_unit_test(ties_take_the_first),
		cmocka_unit_test(a_lone_small_cell_is_all_hidden),
		cmocka_unit_test(k_one_hides_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_sector.c: the SBI sector list (server/app/sector.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "server/app/logo.h"
#include "server/app/mail.h"
#include "server/http/multipart.h"
#include "server/app/password_policy.h"
#include "server/app/sector.h"
#include "common/banned.h"

static void sbi_has_21_sections_in_two_languages(void **state)
{
	(void)state;
	assert_int_equal(SBI_COUNT, 21);
	for (int i = 0; i < SBI_COUNT; i++) {
		assert_int_equal(sbi_sections[i].letter, 'A' + i);
		assert_true(strlen(sbi_sections[i].nl) > 0 && strlen(sbi_sections[i].en) > 0);
	}
	assert_string_equal(sbi_name("F", "nl"), "Bouwnijverheid");
	assert_string_equal(sbi_name("F", "en"), "Construction");
	assert_null(sbi_find("V"));
	assert_null(sbi_find("FF"));
	assert_null(sbi_find(""));
	assert_string_equal(sbi_name("x", "nl"), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sbi_has_21_sections_in_two_languages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

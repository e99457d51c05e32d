/* test_password_policy.c: the password policy (server/app/password_policy.c). */
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

static void password_needs_twelve_characters(void **state)
{
	(void)state;
	assert_int_equal(password_check("kort", NULL), PASSWORD_TOO_SHORT);
	assert_int_equal(password_check("elf tekens.", NULL), PASSWORD_TOO_SHORT);
	assert_int_equal(password_check("twaalf teken", NULL), PASSWORD_OK);
	/* characters, not bytes: 11 letters with accents are still too short */
	assert_int_equal(password_check("éééééééééée", NULL), PASSWORD_TOO_SHORT);
	char huge[300];
	memset(huge, 'q', sizeof(huge) - 1);
	huge[0] = 'z';
	huge[sizeof(huge) - 1] = '\0';
	assert_int_equal(password_check(huge, NULL), PASSWORD_TOO_LONG);
}

static void password_refuses_common_ones(void **state)
{
	(void)state;
	static const char *const common[] = {"123456789012", "Password1234", "qwertyuiop123", "Wachtwoord2024!",
					     "welkomwelkom", "aaaaaaaaaaaa", "abcdefghijklm", "!!!!2024!!!!",
					     "iloveyou1234", "Limburg123456"};
	for (size_t i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		if (password_check(common[i], NULL) != PASSWORD_COMMON)
			fail_msg("'%s' should be refused as common", common[i]);
	assert_int_equal(password_check("jan.jansen2024", "jan.jansen@bedrijf.nl"), PASSWORD_COMMON);
	assert_int_equal(password_check("paars fietsje onder de brug", "jan@bedrijf.nl"), PASSWORD_OK);
	assert_string_equal(password_message_key(PASSWORD_COMMON), "office.password.common");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(password_needs_twelve_characters),
		cmocka_unit_test(password_refuses_common_ones),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

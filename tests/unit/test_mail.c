/* test_mail.c: e-mail (server/app/mail.c): the invitation template and header injection. */
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

static void template_fills_placeholders(void **state)
{
	(void)state;
	char *s = mail_fill_template("Beste {bedrijf}, {link} – {adviseur} {onbekend}", "Bakkerij", "https://x/s/T", "Anouk");
	assert_string_equal(s, "Beste Bakkerij, https://x/s/T – Anouk {onbekend}");
	free(s);
	s = mail_fill_template("{link}{link}", NULL, "L", NULL);
	assert_string_equal(s, "LL");
	free(s);
}

static void mail_refuses_header_injection(void **state)
{
	(void)state;
	char err[128];
	struct mail m = {.to = "a@b.nl\r\nBcc: x@y.nl", .subject = "s", .body = "b"};
	assert_int_equal(mail_send(&m, err, sizeof(err)), -1);  /* not configured, or refused: never sent */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(template_fills_placeholders),
		cmocka_unit_test(mail_refuses_header_injection),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

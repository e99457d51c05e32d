/* unit_test.h: helpers shared by the unit tests. A unit test is one .c file linked with its
 * layer's archives (see the Makefile), so the helpers live here as static inline functions:
 * each test takes only what it uses. Include it after <cmocka.h>. */
#ifndef FPHC_UNIT_TEST_H
#define FPHC_UNIT_TEST_H

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "common/buf.h"
#include "common/number.h"
#include "scoring/questionnaire.h"

/* Fails with both values at full precision unless |a − b| <= eps
 * (cmocka 1.1 compares floats only as float). */
#define assert_near(a, b, eps)                                                               \
	do {                                                                                 \
		double a_ = (a), b_ = (b);                                                   \
		if (!(fabs(a_ - b_) <= (eps)))                                               \
			fail_msg("%s = %.17g, expected %.17g (within %g)", #a, a_, b_,       \
				 (double)(eps));                                             \
	} while (0)

/* The text buf_double writes for v (static storage: valid until the next call). */
static inline const char *double_text(double v)
{
	static char out[64];
	struct buf b = BUF_INIT;
	buf_double(&b, v);
	snprintf(out, sizeof(out), "%s", b.data);
	buf_release(&b);
	return out;
}

/* 1 when the bytes of b contain s (PDF bytes may hold NULs). */
static inline int bytes_contain(const struct buf *b, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i + n <= b->len; i++)
		if (memcmp(b->data + i, s, n) == 0)
			return 1;
	return 0;
}

/* Group setup and teardown for tests of the real questionnaire:
 * cmocka_run_group_tests(tests, fphc1_setup, fphc1_teardown) loads
 * questionnaires/fphc-1.json (printing any problems) and each test finds it in *state. */
static inline int fphc1_setup(void **state)
{
	struct problems problems = PROBLEMS_INIT;
	struct questionnaire *q = questionnaire_load_file("questionnaires/fphc-1.json", &problems);
	problems_print(&problems, stderr);
	problems_release(&problems);
	*state = q;
	return q ? 0 : -1;
}

static inline int fphc1_teardown(void **state)
{
	questionnaire_free(*state);
	return 0;
}

#endif

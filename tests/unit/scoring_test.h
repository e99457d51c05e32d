/* scoring_test.h: helpers shared by the scoring unit tests (cmocka 1.1 compares floats only as float). */
#ifndef FPHC_SCORING_TEST_H
#define FPHC_SCORING_TEST_H

#include <math.h>

/* Fails with both values at full precision unless |a − b| <= eps. */
#define assert_near(a, b, eps)                                                               \
	do {                                                                                 \
		double a_ = (a), b_ = (b);                                                   \
		if (!(fabs(a_ - b_) <= (eps)))                                               \
			fail_msg("%s = %.17g, expected %.17g (within %g)", #a, a_, b_,       \
				 (double)(eps));                                             \
	} while (0)

#endif

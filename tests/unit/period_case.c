/*
 * period_case: the assertion the period tests share (period_case.h).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "unit/period_case.h"

void
assert_near(double got, double want, double eps, const char *what)
{
	if (fabs(got - want) > eps)
		fail_msg("%s: %.17g, want %.17g", what, got, want);
}

/*
 * test_axis: the pure value-axis decision (graphs/axis.c) on the charts
 * issue 18 names (energy intensity, maternal mortality, a province rank,
 * GDP growth against its floor) with exact ranges and ticks, and on
 * hostile input (nothing finite, infinities, spans of 1e300 and 1e-12,
 * negative values in a non-negative series) with the properties every
 * axis must keep.
 */
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "axis.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define CLOSE 1e-12

/* Asserts a's range, step, decimals and its ticks, lo to hi. */
static void
check_axis(const struct axis *a, double lo, double hi, double step,
    int decimals, const double *ticks, size_t nticks)
{
	size_t i;

	assert_float_equal(a->lo, lo, CLOSE);
	assert_float_equal(a->hi, hi, CLOSE);
	assert_float_equal(a->step, step, CLOSE);
	assert_int_equal(a->decimals, decimals);
	assert_int_equal(a->nticks, nticks);
	for (i = 0; i < nticks; i++)
		assert_float_equal(a->ticks[i], ticks[i], CLOSE);
}

/* Decides the axis of values and marks with the flags of in. */
static struct axis
decide(
    struct axis_input in, const double *v, size_t n, const double *m, size_t nm)
{
	struct axis a;

	in.values = v;
	in.n = n;
	in.marks = m;
	in.nmarks = nm;
	assert_int_equal(axis_decide(&in, &a), 0);
	return a;
}

/* 0.196-0.214 is drawn on about 0.19-0.22, not -0.8...1.2, not from 0. */
static void
test_axis_energy_intensity(void **state)
{
	const double v[] = {0.196, 0.199, 0.204, 0.209, 0.214};
	const double t[] = {0.195, 0.2, 0.205, 0.21, 0.215};
	struct axis_input in = {.nonnegative = true, .max_ticks = 6};
	struct axis a = decide(in, v, N(v), NULL, 0);

	(void)state;
	check_axis(&a, 0.195, 0.215, 0.005, 3, t, N(t));
	assert_float_equal(axis_position(&a, 0.205), 0.5, CLOSE);
	assert_float_equal(axis_position(&a, 0.195), 0, CLOSE);
}

/* Maternal mortality and its mark: the axis never starts below zero. */
static void
test_axis_nonnegative(void **state)
{
	const double v[] = {12.0, 9.8, 7.5, 5.1}, mark[] = {14};
	const double t[] = {2.5, 5, 7.5, 10, 12.5, 15};
	const double low[] = {0.2, 10};
	const double t0[] = {0, 2.5, 5, 7.5, 10, 12.5};
	struct axis_input in = {.nonnegative = true, .max_ticks = 6};
	struct axis a = decide(in, v, N(v), mark, N(mark));

	(void)state;
	check_axis(&a, 2.5, 15, 2.5, 1, t, N(t));
	/* The padding below 0.2 would cross zero: it stops at zero. */
	a = decide(in, low, N(low), NULL, 0);
	check_axis(&a, 0, 12.5, 2.5, 1, t0, N(t0));
}

/* A rank 12-15: integer ticks, unpadded, 12 (the better rank) on top. */
static void
test_axis_rank(void **state)
{
	const double v[] = {14, 13, 15, 12}, best[] = {1, 3, 5, 2};
	const double t[] = {12, 13, 14, 15}, tb[] = {1, 2, 3, 4, 5};
	struct axis_input in = {.nonnegative = true,
	    .integer = true,
	    .inverted = true,
	    .max_ticks = 6};
	struct axis a = decide(in, v, N(v), NULL, 0);

	(void)state;
	check_axis(&a, 12, 15, 1, 0, t, N(t));
	assert_true(a.inverted);
	assert_float_equal(axis_position(&a, 12), 1, CLOSE);
	assert_float_equal(axis_position(&a, 15), 0, CLOSE);
	a = decide(in, best, N(best), NULL, 0);
	check_axis(&a, 1, 5, 1, 0, tb, N(tb));
	assert_float_equal(axis_position(&a, 1), 1, CLOSE);
	assert_float_equal(axis_position(&a, 4), 0.25, CLOSE);
}

/* Growth 1.1 and 2.5 against the 8 % floor: 0 and 8 on the axis. */
static void
test_axis_growth_floor(void **state)
{
	const double v[] = {1.1, 2.5}, floor8[] = {8};
	const double t[] = {0, 2, 4, 6, 8, 10};
	const double high[] = {5.5, 6.5}, mark7[] = {7};
	const double th[] = {0, 2, 4, 6, 8};
	const double tn[] = {5, 5.5, 6, 6.5, 7, 7.5};
	const double neg[] = {-3, -1};
	const double tneg[] = {-4, -3, -2, -1, 0};
	struct axis_input in = {.zero_reference = true, .max_ticks = 6};
	struct axis a = decide(in, v, N(v), floor8, N(floor8));

	(void)state;
	check_axis(&a, 0, 10, 2, 0, t, N(t));
	/* Zero is included where it is the reference ... */
	a = decide(in, high, N(high), mark7, N(mark7));
	check_axis(&a, 0, 8, 2, 0, th, N(th));
	/* ... from above or below, without padding past it ... */
	a = decide(in, neg, N(neg), NULL, 0);
	check_axis(&a, -4, 0, 1, 0, tneg, N(tneg));
	/* ... and only there. */
	in.zero_reference = false;
	a = decide(in, high, N(high), mark7, N(mark7));
	check_axis(&a, 5, 7.5, 0.5, 1, tn, N(tn));
}

/* A single value gets a span around it; zero in a count stays the edge. */
static void
test_axis_single_value(void **state)
{
	const double seven[] = {7}, zero[] = {0}, rank[] = {14};
	const double tz[] = {0, 0.2, 0.4, 0.6};
	const double tr[] = {13, 14, 15};
	struct axis_input in = {.nonnegative = true, .max_ticks = 6};
	struct axis a = decide(in, seven, N(seven), NULL, 0);

	(void)state;
	assert_true(a.lo < 7 && 7 < a.hi);
	assert_true(a.lo > 5 && a.hi < 9);
	a = decide(in, zero, N(zero), NULL, 0);
	check_axis(&a, 0, 0.6, 0.2, 1, tz, N(tz));
	in.integer = true;
	a = decide(in, rank, N(rank), NULL, 0);
	check_axis(&a, 13, 15, 1, 0, tr, N(tr));
}

/* Nothing finite to show is -1 with the axis zeroed, never a guess. */
static void
test_axis_nothing_finite(void **state)
{
	const double nan[] = {NAN, NAN}, inf[] = {INFINITY, -INFINITY};
	struct axis_input in = {.max_ticks = 6};
	struct axis a;

	(void)state;
	assert_int_equal(axis_decide(NULL, &a), -1);
	assert_int_equal(axis_decide(&in, &a), -1);
	in.values = nan;
	in.n = N(nan);
	assert_int_equal(axis_decide(&in, &a), -1);
	in.marks = inf;
	in.nmarks = N(inf);
	a.nticks = 3;
	assert_int_equal(axis_decide(&in, &a), -1);
	assert_int_equal(a.nticks, 0);
	in.n = 0; /* a count of zero is not read */
	in.values = NULL;
	assert_int_equal(axis_decide(&in, &a), -1);
}

/* The properties every decided axis keeps, whatever came in. */
static void
check_sane(const struct axis_input *in, const struct axis *a)
{
	double slack = a->step * 1e-6, least = INFINITY;
	size_t i;

	assert_true(isfinite(a->lo) && isfinite(a->hi) && a->lo < a->hi);
	assert_true(isfinite(a->step) && a->step > 0);
	assert_in_range(a->nticks, 2, AXIS_MAX_TICKS);
	assert_in_range(a->decimals, 0, 17);
	assert_true(a->ticks[0] == a->lo && a->ticks[a->nticks - 1] == a->hi);
	for (i = 1; i < a->nticks; i++)
		assert_true(a->ticks[i - 1] < a->ticks[i]);
	for (i = 0; i < in->n; i++) {
		if (!isfinite(in->values[i]))
			continue;
		least = fmin(least, in->values[i]);
		if (fabs(in->values[i]) > 1e306) /* drawn at the limit */
			continue;
		assert_true(in->values[i] >= a->lo - slack);
		assert_true(in->values[i] <= a->hi + slack);
		assert_true(isfinite(axis_position(a, in->values[i])));
	}
	/* No label below zero unless the data itself goes there. */
	if (in->nonnegative && least >= 0)
		assert_true(a->lo >= 0);
	if (in->integer)
		for (i = 0; i < a->nticks; i++)
			assert_true(a->ticks[i] == floor(a->ticks[i]));
}

/* Infinities, 1e300 and DBL_MAX, 1e-12 and denormals, odd tick counts. */
static void
test_axis_hostile(void **state)
{
	static const double mixed[] = {INFINITY, 3, -INFINITY, 4, NAN};
	static const double huge[] = {-1e300, 1e300}, one_huge[] = {1e300};
	static const double max[] = {DBL_MAX, -DBL_MAX};
	static const double tiny[] = {1.0, 1.0 + 1e-12}, near0[] = {0, 1e-12};
	static const double small[] = {1e-300, 2e-300}, denorm[] = {5e-324};
	static const double neg[] = {-3, 5}, big_int[] = {0, 1e300};
	static const struct {
		const double *v;
		size_t n;
	} cases[] = {{mixed, N(mixed)}, {huge, N(huge)},
	    {one_huge, N(one_huge)}, {max, N(max)}, {tiny, N(tiny)},
	    {near0, N(near0)}, {small, N(small)}, {denorm, N(denorm)},
	    {neg, N(neg)}, {big_int, N(big_int)}};
	static const int max_ticks[] = {-5, 0, 1, 2, 3, 6, 16, 17, 100};
	struct axis_input in = {0};
	struct axis a;
	size_t c, t, f;

	(void)state;
	for (c = 0; c < N(cases); c++)
		for (t = 0; t < N(max_ticks); t++)
			for (f = 0; f < 16; f++) {
				in.values = cases[c].v;
				in.n = cases[c].n;
				in.nonnegative = f & 1;
				in.zero_reference = f & 2;
				in.integer = f & 4;
				in.inverted = f & 8;
				in.max_ticks = max_ticks[t];
				assert_int_equal(axis_decide(&in, &a), 0);
				check_sane(&in, &a);
				assert_true(
				    a.nticks <= (size_t)(max_ticks[t] >= 3 &&
							    max_ticks[t] <= 16
							? max_ticks[t]
							: 6));
			}
}

/* The data wins: negative values in a non-negative series are shown. */
static void
test_axis_negative_data_wins(void **state)
{
	const double v[] = {-3, 5}, ranks[] = {12.2, 12.9};
	struct axis_input in = {.nonnegative = true, .max_ticks = 6};
	struct axis a = decide(in, v, N(v), NULL, 0);

	(void)state;
	assert_true(a.lo <= -3 && a.hi >= 5);
	/* Fractional values on an integer axis: integral ticks around them. */
	in.integer = true;
	a = decide(in, ranks, N(ranks), NULL, 0);
	assert_float_equal(a.lo, 12, CLOSE);
	assert_float_equal(a.hi, 13, CLOSE);
	assert_float_equal(a.step, 1, CLOSE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_axis_energy_intensity),
	    cmocka_unit_test(test_axis_nonnegative),
	    cmocka_unit_test(test_axis_rank),
	    cmocka_unit_test(test_axis_growth_floor),
	    cmocka_unit_test(test_axis_single_value),
	    cmocka_unit_test(test_axis_nothing_finite),
	    cmocka_unit_test(test_axis_hostile),
	    cmocka_unit_test(test_axis_negative_data_wins),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

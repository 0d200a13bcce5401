/*
 * axis: decides a chart's value axis (range, tick step, ticks, label
 * decimals, direction) from the values, the marks that must stay visible
 * and what kind of quantity is drawn.  Pure arithmetic (libc and libm
 * only), so the coming plan chart (issue 18 item 3, "honest axes") and its
 * tests share one decision that no drawing code can bend.
 *
 * The range spans the finite values and marks with 5 % of their span as
 * padding on each side, then widens to the outer ticks of a "nice" step
 * (1, 2, 2.5 or 5 times a power of ten).  A quantity that cannot be
 * negative gets no axis below zero from padding; but when such a series
 * holds negative values anyway the data wins: they are shown, not cut.
 */
#ifndef PLANWATCH_AXIS_H
#define PLANWATCH_AXIS_H

#include <stdbool.h>
#include <stddef.h>

#define AXIS_MAX_TICKS 16

/* What the axis must show; the caller owns the arrays. */
struct axis_input {
	const double *values; /* the series; NaN and +-Inf are ignored */
	size_t n;
	const double *marks; /* baseline, targets, floors: always visible */
	size_t nmarks;
	bool nonnegative; /* the quantity cannot be negative */
	bool zero_reference; /* zero is the meaningful reference: include it */
	bool integer; /* counts and ranks: integral ticks, no padding */
	bool inverted; /* ranks: the lowest value at the top */
	int max_ticks; /* at most this many ticks: 3..16, else 6 */
};

/* The decision: lo and hi are the outer ticks and lo < hi. */
struct axis {
	double lo, hi;
	double step;
	double ticks[AXIS_MAX_TICKS]; /* lo, lo + step, ..., hi */
	size_t nticks;
	int decimals; /* for "%.*f" labels: what the step needs, at most 17 */
	bool inverted;
};

/*
 * Decides the axis for in into out: 0, or -1 (out zeroed) when in has no
 * finite value or mark.  Magnitudes beyond 1e306 are drawn at 1e306 and a
 * span narrower than 1e-9 of the values' magnitude (or 1e-100) is widened
 * around its middle, so that the arithmetic never overflows and the ticks
 * stay distinct.  Integer axes are not padded: their values sit on ticks.
 */
int axis_decide(const struct axis_input *in, struct axis *out);

/* Where v sits: 0 at the bottom, 1 at the top (flipped when inverted). */
double axis_position(const struct axis *a, double v);

#endif

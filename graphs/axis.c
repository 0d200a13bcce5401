/*
 * axis: the value axis of a chart as arithmetic alone (see axis.h).  Kept
 * apart from any drawing library so that the plan chart and its tests
 * agree on one range and one set of ticks.
 */
#include <float.h>
#include <math.h>
#include <string.h>

#include "axis.h"

#define AXIS_LIMIT 1e306 /* larger magnitudes are drawn at the limit */
#define AXIS_PAD 0.05 /* padding on each side, share of the span */
#define AXIS_MIN_REL 1e-9 /* narrowest span, share of the magnitude */
#define AXIS_MIN_SPAN 1e-100 /* narrowest span in absolute terms */
#define AXIS_EPS 1e-9 /* slack, in steps, for float rounding */

/* Widens [*min, *max] by the finite entries of v[0..n). */
static size_t
gather(const double *v, size_t n, double *min, double *max)
{
	size_t i, seen = 0;
	double x;

	for (i = 0; v != NULL && i < n; i++) {
		if (!isfinite(v[i]))
			continue;
		x = fmax(-AXIS_LIMIT, fmin(AXIS_LIMIT, v[i]));
		*min = fmin(*min, x);
		*max = fmax(*max, x);
		seen++;
	}
	return seen;
}

/* Gives a span too narrow to tick (a single value) room around its mid. */
static void
widen(double *min, double *max, bool integer)
{
	double mag = fmax(fabs(*min), fabs(*max));
	double mid = *min / 2 + *max / 2;
	double least = fmax(mag * AXIS_MIN_REL, AXIS_MIN_SPAN);
	double half;

	if (*max - *min >= least)
		return;
	if (integer)
		half = fmax(1, ceil(least));
	else if (mid != 0)
		half = fmax(fabs(mid) * AXIS_PAD, least);
	else
		half = 0.5;
	*min = mid - half;
	*max = mid + half;
}

/* The number of ticks step puts on [lo, hi] once widened to the ticks. */
static double
tick_count(double lo, double hi, double step)
{
	return ceil(hi / step - AXIS_EPS) - floor(lo / step + AXIS_EPS) + 1;
}

/*
 * The smallest nice step (1, 2, 2.5, 5 x 10^k) giving at most max_ticks
 * ticks on [lo, hi], and the decimals its labels need.  A step at least
 * as wide as the span gives at most 3 ticks, so with max_ticks >= 3 the
 * search ends within a few decades; the bound on rounds is a guard, and
 * past it the span itself is the step (at most 3 ticks).
 */
static void
choose_step(double lo, double hi, const struct axis_input *in, int max_ticks,
    double *step, int *decimals)
{
	static const double mult[] = {1, 2, 2.5, 5};
	double raw = (hi - lo) / (max_ticks - 1);
	int k = (int)floor(log10(raw));
	int round;
	size_t i;

	for (round = 0; round < 64; round++, k++) {
		for (i = 0; i < sizeof(mult) / sizeof(mult[0]); i++) {
			*step = mult[i] * pow(10, k);
			if (in->integer && (*step < 1 || *step != floor(*step)))
				continue;
			if (*step < raw * (1 - AXIS_EPS))
				continue;
			if (tick_count(lo, hi, *step) > max_ticks)
				continue;
			*decimals = -k + (mult[i] == 2.5); /* 0.25: 2 */
			*decimals = *decimals < 0 ? 0 : *decimals;
			*decimals = *decimals > 17 ? 17 : *decimals;
			return;
		}
	}
	*step = in->integer ? ceil(hi - lo) : hi - lo;
	*decimals = 0;
}

/* Puts the ticks of step on [lo, hi] into out, widening it to them. */
static void
place_ticks(double lo, double hi, double step, struct axis *out)
{
	double kl = floor(lo / step + AXIS_EPS);
	double kh = ceil(hi / step - AXIS_EPS);
	double k;

	if (kh <= kl) /* a span under the rounding slack: one whole step */
		kh = kl + 1;
	out->step = step;
	out->lo = kl * step;
	out->hi = kh * step;
	out->nticks = 0;
	for (k = kl; k <= kh && out->nticks < AXIS_MAX_TICKS; k++)
		out->ticks[out->nticks++] = k == 0 ? 0 : k * step;
}

int
axis_decide(const struct axis_input *in, struct axis *out)
{
	double min = INFINITY, max = -INFINITY, lo, hi, pad, step;
	bool floor0, ceil0;
	int max_ticks;

	memset(out, 0, sizeof(*out));
	if (in == NULL ||
	    gather(in->values, in->n, &min, &max) +
		    gather(in->marks, in->nmarks, &min, &max) ==
		0)
		return -1;
	if (in->zero_reference) {
		min = fmin(min, 0);
		max = fmax(max, 0);
	}
	/* Padding never pushes the axis across zero when zero is its natural
	 * edge: a quantity that cannot be negative, or a reference at zero. */
	floor0 = (in->nonnegative || in->zero_reference) && min >= 0;
	ceil0 = in->zero_reference && max <= 0;
	widen(&min, &max, in->integer);
	pad = in->integer ? 0 : (max - min) * AXIS_PAD;
	lo = floor0 ? fmax(0, min - pad) : min - pad;
	hi = ceil0 ? fmin(0, max + pad) : max + pad;

	max_ticks = in->max_ticks;
	if (max_ticks < 3 || max_ticks > AXIS_MAX_TICKS)
		max_ticks = 6;
	choose_step(lo, hi, in, max_ticks, &step, &out->decimals);
	place_ticks(lo, hi, step, out);
	out->inverted = in->inverted;
	return 0;
}

double
axis_position(const struct axis *a, double v)
{
	double t;

	if (!(a->hi > a->lo))
		return 0.5;
	t = (v - a->lo) / (a->hi - a->lo);
	return a->inverted ? 1 - t : t;
}

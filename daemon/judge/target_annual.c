/*
 * target_annual: each year of a target judged against its own annual
 * target (年度目标), beside the judgement of the whole target.  Pure.
 *
 * A year is judged on the value of that year in the series the target is
 * judged on (target_judged_series): the level for a reach target, a floor
 * or a ceiling; the year's growth in % for a growth target, yoy or cagr,
 * since a plan's annual targets for growth are the year's growth rate.
 * "Up" is met at or above the annual value, "down" at or below: a reach
 * target goes its direction, a floor and a yoy target up, a ceiling down,
 * a cagr target the way of its rate (a planned decline, down).
 */
#include <math.h>
#include <string.h>

#include "target.h"

/* Which way a year's value must go for t's annual target to be met. */
static enum target_direction
annual_direction(const struct target_conf *t)
{
	switch (t->kind) {
	case TARGET_FLOOR:
		return DIRECTION_UP;
	case TARGET_CEILING:
		return DIRECTION_DOWN;
	case TARGET_GROWTH:
		return t->basis == BASIS_CAGR && t->rate < 0 ? DIRECTION_DOWN
							     : DIRECTION_UP;
	default:
		return t->direction;
	}
}

/* The value of year in series (an annual series), or NAN. */
static double
annual_value(const struct obs_list *series, int year)
{
	struct period p = {.freq = FREQ_ANNUAL, .year = year, .sub = 0};
	long i = obs_list_find(series, &p);

	return i < 0 ? NAN : series->v[i].value;
}

void
target_annual_judge(const struct annual_target *a, enum target_direction dir,
    double actual, struct annual_result *r)
{
	double eps;

	r->year = a->year;
	r->target = a->value;
	r->actual = actual;
	r->have = !isnan(actual);
	r->gap = r->have ? actual - a->value : NAN;
	/* A growth computed from levels is 8.4999999999 where the plan
	 * says 8.5: equal within a billionth counts as reached. */
	eps = 1e-9 * fmax(1, fabs(a->value));
	r->met = r->have &&
	    (dir == DIRECTION_UP ? actual >= a->value - eps
				 : actual <= a->value + eps);
}

size_t
target_annual(const struct target_conf *t, const struct obs_list *obs,
    const struct obs_list *rates, struct annual_result *out, size_t max)
{
	struct obs_list growth = {0};
	const struct obs_list *series = obs;
	enum target_direction dir = annual_direction(t);
	size_t n = 0;

	if (t->nannual == 0)
		return 0;
	if (t->kind == TARGET_GROWTH) {
		/* Out of memory: the years stand without their values. */
		if (target_growth_series(obs, rates, &growth) != 0)
			memset(&growth, 0, sizeof(growth));
		series = &growth;
	}
	for (size_t i = 0; i < t->nannual && n < max; i++, n++)
		target_annual_judge(&t->annual[i], dir,
		    annual_value(series, t->annual[i].year), &out[n]);
	obs_list_clear(&growth);
	return n;
}

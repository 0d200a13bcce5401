/*
 * target_path: what every kind of target is judged with: the planned path
 * from the baseline to the target (linear or compound), the value planned
 * at a time, the gap a judgement reports, an observation by period and
 * the period next to another.  target.c dispatches to the kinds
 * (target_reach.c, target_rule.c); they and it take these from here.
 */
#include <math.h>
#include <string.h>
#include <time.h>
#include "target.h"
#include "target_impl.h"

double
target_cagr(double a, double b, double years)
{
	/* Same sign: the ratio b/a is positive, so its root is real. */
	if (!(years > 0) || !(a * b > 0))
		return NAN;
	return pow(b / a, 1.0 / years) - 1.0;
}

double
target_planned_at(const struct target_conf *t, double years)
{
	return target_path_at(t, t->baseline_value, t->target_value, years);
}

double
target_path_at(const struct target_conf *t, double vb, double vT, double years)
{
	double b = period_years(&t->baseline_period);
	double T = period_years(&t->target_period);
	double f = (years - b) / (T - b);

	if (target_is_compound(t) && vb * vT > 0)
		return vb * pow(vT / vb, f);
	return vb + (vT - vb) * f;
}

double
target_planned_value(const struct target_conf *t, const struct judgement *j,
    const struct period *p)
{
	double y = period_years(p);

	switch (t->kind) {
	case TARGET_FLOOR:
	case TARGET_CEILING:
		/* A bound holds from..to only: 2015 was no period of it. */
		if ((t->has_from && period_cmp(p, &t->from) < 0) ||
		    (t->has_to && period_cmp(p, &t->to) > 0))
			return NAN;
		return t->bound;
	case TARGET_REACH:
	case TARGET_GROWTH:
		if ((t->kind == TARGET_GROWTH && t->basis != BASIS_CAGR) ||
		    j == NULL || !isfinite(j->baseline_value) ||
		    !isfinite(j->target_value) ||
		    y < period_years(&t->baseline_period) ||
		    y > period_years(&t->target_period))
			return NAN;
		return target_path_at(t, j->baseline_value, j->target_value, y);
	default:
		return NAN;
	}
}

bool
target_is_compound(const struct target_conf *t)
{
	return t->path == PATH_COMPOUND ||
	    (t->kind == TARGET_GROWTH && t->basis == BASIS_CAGR);
}

void
judgement_reset(struct judgement *j)
{
	memset(j, 0, sizeof(*j));
	j->status = STATUS_NO_DATA;
	j->latest_value = j->baseline_value = j->target_value = NAN;
	j->planned = j->gap = j->gap_pct = NAN;
	j->observed_growth = j->projected = j->ratio = NAN;
	j->required_growth = j->years_elapsed = j->years_left = NAN;
	j->reach_year = NAN;
	j->achieved = j->tolerance = NAN;
}

void
judgement_gap(struct judgement *j)
{
	j->gap = j->latest_value - j->planned;
	if (j->planned != 0 && !isnan(j->planned))
		j->gap_pct = j->gap / fabs(j->planned) * 100.0;
}

const struct obs *
obs_at(const struct obs_list *obs, const struct period *p)
{
	long k = obs_list_find(obs, p);

	return k >= 0 ? &obs->v[k] : NULL;
}

/* The period of frequency freq that contains the instant x. */
struct period
period_containing(time_t x, enum freq freq)
{
	struct period p = {.freq = freq, .year = 1000, .sub = freq ? 1 : 0};

	/* Outside years 1000-9999 nothing is stored anyway. */
	(void)period_at(x, freq, &p);
	return p;
}

/* The period after (step 1) or before (step -1) p. */
struct period
period_step(const struct period *p, int step)
{
	struct period q = *p;
	time_t t = step > 0 ? period_end(p) : period_step_start(p) - 1;

	if (p->freq == FREQ_ANNUAL) {
		q.year += step;
		return q;
	}
	return period_containing(t, p->freq);
}

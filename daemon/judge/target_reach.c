/*
 * target_reach: targets judged by the progress ratio, PRODUCT.md's UN
 * Statistics Division method:
 *
 *   observed growth  g = (v_t / v_b)^(1/(t-b)) - 1
 *   projection       p = v_t (1 + g)^(T-t)
 *   progress ratio   r = (p - v_b) / (v_T - v_b)
 *
 * with t the latest period, b the baseline, T the deadline, all on the
 * period_years() scale (the end of year Y is Y).  Dividing by (v_T - v_b)
 * signs the ratio by the target's direction: for a target below its
 * baseline, progress downward is positive.  A compound rate needs the
 * baseline, the latest value and the target on the same side of 0 (two
 * negatives are fine); otherwise the projection extends the average
 * absolute change per year instead (linear_fallback).
 *
 * Alternatives per target: method opensdg, r = g / g_required (g_required
 * from baseline to target); projection trend, a least-squares line through
 * the last k observations (of the logarithm when all are positive), the
 * later ones weighted more (weights 1, 2, ..., k).
 *
 * An average-growth (cagr) target is a reach target whose value follows
 * from the rate: v_T = v_b (1 + r)^(T-b).  Judged on a published-rate
 * indicator, the rates are chained into an index (100 at the baseline),
 * a year at a time.
 */
#include <math.h>
#include <string.h>

#include "target_impl.h"

#define TREND_DEFAULT 5

static bool
moving_up(const struct target_conf *t, double vb, double vT)
{
	if (vT != vb)
		return vT > vb;
	return t->direction == DIRECTION_UP;
}

bool
target_reach_met(const struct target_conf *t, double vb, double vT, double v)
{
	double slack = t->about * fabs(vT);

	return moving_up(t, vb, vT) ? v >= vT - slack : v <= vT + slack;
}

/*
 * Weighted least squares through the last k observations; on success sets
 * *growth (per year, of the log fit, or NAN for a linear fit) and returns
 * the fitted value at years T.  NAN when fewer than two points.
 */
static double
trend_fit(const struct obs_list *obs, int k, double T, double *growth)
{
	size_t n = obs->n < (size_t)k ? obs->n : (size_t)k, first;
	double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, slope, mx, my;
	bool logs = true;

	*growth = NAN;
	if (n < 2)
		return NAN;
	first = obs->n - n;
	for (size_t i = first; i < obs->n; i++)
		logs = logs && obs->v[i].value > 0;
	for (size_t i = first; i < obs->n; i++) {
		double w = (double)(i - first + 1);
		double x = period_years(&obs->v[i].period);
		double y = logs ? log(obs->v[i].value) : obs->v[i].value;

		sw += w;
		sx += w * x;
		sy += w * y;
		sxx += w * x * x;
		sxy += w * x * y;
	}
	mx = sx / sw;
	my = sy / sw;
	if (sxx - sw * mx * mx == 0)
		return NAN;
	slope = (sxy - sw * mx * my) / (sxx - sw * mx * mx);
	if (!logs)
		return my + slope * (T - mx);
	*growth = exp(slope) - 1;
	return exp(my + slope * (T - mx));
}

/* Projects the latest value to the deadline: growth or trend. */
static void
project(const struct target_conf *t, const struct obs_list *obs, double vb,
    double vT, struct judgement *j)
{
	double vt = j->latest_value, el = j->years_elapsed;
	double T = period_years(&t->target_period);

	if (t->projection == PROJECTION_TREND) {
		int k = t->trend_periods > 0 ? t->trend_periods : TREND_DEFAULT;

		j->projected = trend_fit(obs, k, T, &j->observed_growth);
		if (!isnan(j->projected)) {
			j->trend_used = obs->n < (size_t)k ? (int)obs->n : k;
			if (j->years_left <= 0)
				j->projected = vt;
			return;
		}
	}
	if (vb * vT > 0)
		j->observed_growth = target_cagr(vb, vt, el);
	if (j->years_left <= 0) {
		j->projected = vt;
	} else if (!isnan(j->observed_growth)) {
		j->projected =
		    vt * pow(1.0 + j->observed_growth, j->years_left);
	} else {
		j->linear_fallback = true;
		j->projected = vt + (vt - vb) / el * j->years_left;
	}
}

static void
progress_ratio(
    const struct target_conf *t, double vb, double vT, struct judgement *j)
{
	double b = period_years(&t->baseline_period);
	double T = period_years(&t->target_period);
	double g_req = vb * vT > 0 ? target_cagr(vb, vT, T - b) : NAN;

	if (t->method == METHOD_OPENSDG && !isnan(j->observed_growth) &&
	    !isnan(g_req) && g_req != 0) {
		j->ratio = j->observed_growth / g_req;
		return;
	}
	if (t->method == METHOD_OPENSDG) {
		/* Linear paces when growth rates are not defined. */
		j->ratio = ((j->latest_value - vb) / j->years_elapsed) /
		    ((vT - vb) / (T - b));
		return;
	}
	if (vT == vb) {
		/* Hold the level (a cagr of 0 %): no distance to divide by;
		 * at or beyond the baseline is full progress, short of it
		 * moves away. */
		bool up = t->direction == DIRECTION_UP;

		j->ratio =
		    (up ? j->projected >= vb : j->projected <= vb) ? 1 : -1;
		return;
	}
	j->ratio = (j->projected - vb) / (vT - vb);
}

/* When the target is reached if the observed pace holds; NAN if never. */
static double
reach_year(
    double vt, double vT, double vb, const struct judgement *j, double now)
{
	double n = NAN, g = j->observed_growth;

	if (!isnan(g) && g > -1 && g != 0 && vT / vt > 0)
		n = log(vT / vt) / log1p(g);
	else if (isnan(g) && j->years_elapsed > 0 && vt != vb)
		n = (vT - vt) / ((vt - vb) / j->years_elapsed);
	return n > 0 ? now + n : NAN;
}

enum status
target_ratio_status(const struct target_conf *t, double ratio)
{
	if (t->ahead_ratio > t->on_track_ratio && ratio >= t->ahead_ratio)
		return STATUS_AHEAD;
	if (ratio >= t->on_track_ratio)
		return STATUS_ON_TRACK;
	if (ratio >= t->at_risk_ratio)
		return STATUS_AT_RISK;
	if (ratio >= 0)
		return STATUS_OFF_TRACK;
	return STATUS_REGRESSING;
}

/* Judges progress from (baseline, vb) to (deadline, vT) on obs. */
static void
judge_progress(const struct target_conf *t, const struct obs_list *obs,
    double vb, double vT, struct judgement *j)
{
	double b = period_years(&t->baseline_period);
	double T = period_years(&t->target_period), tl;
	const struct obs *last = NULL;

	j->baseline_value = vb;
	j->target_value = vT;
	for (size_t i = 0; i < obs->n; i++) {
		if (period_cmp(&obs->v[i].period, &t->baseline_period) > 0) {
			j->nobs++;
			last = &obs->v[i];
		}
	}
	if (last == NULL)
		return; /* only the baseline: no evidence of progress yet */
	j->have_latest = true;
	j->latest_period = last->period;
	j->latest_value = last->value;
	tl = period_years(&last->period);
	j->years_elapsed = tl - b;
	j->years_left = T - tl;
	j->planned = target_path_at(t, vb, vT, tl);
	judgement_gap(j);
	project(t, obs, vb, vT, j);
	progress_ratio(t, vb, vT, j);
	if (j->years_left > 0 && vT * j->latest_value > 0)
		j->required_growth =
		    target_cagr(j->latest_value, vT, j->years_left);
	if (target_reach_met(t, vb, vT, j->latest_value)) {
		j->status = STATUS_MET;
		return;
	}
	j->reach_year = reach_year(j->latest_value, vT, vb, j, tl);
	j->status = target_ratio_status(t, j->ratio);
}

/* The baseline value: configured, or the observation of its period. */
static bool
baseline_value(const struct target_conf *t, const struct obs_list *obs,
    double *vb, struct judgement *j)
{
	const struct obs *o;

	if (!t->baseline_observed) {
		*vb = t->baseline_value;
		return true;
	}
	if ((o = obs_at(obs, &t->baseline_period)) == NULL) {
		j->baseline_missing = true;
		return false;
	}
	*vb = o->value;
	return true;
}

void
target_judge_reach(const struct target_conf *t, const struct obs_list *obs,
    struct judgement *j)
{
	double vb;

	if (baseline_value(t, obs, &vb, j))
		judge_progress(t, obs, vb, t->target_value, j);
}

/*
 * Chains published growth rates (in %) into an index that is 100 at the
 * baseline; stops at the first missing period, so a gap never invents
 * growth.
 */
static int
rates_index(const struct target_conf *t, const struct obs_list *rates,
    struct obs_list *index)
{
	struct period p = t->baseline_period;
	double level = 100;
	const struct obs *r;

	if (obs_list_add(index, &p, level) != 0)
		return -1;
	/* Published sub-annual rates compare with the same period a year
	 * earlier: chain a year at a time from the baseline's period. */
	for (;;) {
		p.year++;
		if ((r = obs_at(rates, &p)) == NULL)
			return 0;
		level *= 1 + r->value / 100;
		if (obs_list_add(index, &p, level) != 0)
			return -1;
	}
}

void
target_judge_cagr(const struct target_conf *t, const struct obs_list *obs,
    const struct obs_list *rates, struct judgement *j)
{
	double b = period_years(&t->baseline_period);
	double T = period_years(&t->target_period), vb;
	struct obs_list index = {0};

	if (rates != NULL) {
		j->from_rates = true;
		if (rates_index(t, rates, &index) == 0)
			judge_progress(
			    t, &index, 100, 100 * pow(1 + t->rate, T - b), j);
		obs_list_clear(&index);
		return;
	}
	if (baseline_value(t, obs, &vb, j))
		judge_progress(t, obs, vb, vb * pow(1 + t->rate, T - b), j);
}

/*
 * target: reach targets judged by the progress ratio.
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
 * negatives are fine); a baseline of 0, or a sign change, makes it
 * meaningless, and then the projection extends the average absolute change
 * per year instead and the judgement says so (linear_fallback).
 */
#include <math.h>
#include <string.h>

#include "target.h"

static const char *const status_names[STATUS_COUNT] = {
    [STATUS_BREACH] = "breach",
    [STATUS_REGRESSING] = "regressing",
    [STATUS_OFF_TRACK] = "off_track",
    [STATUS_AT_RISK] = "at_risk",
    [STATUS_ON_TRACK] = "on_track",
    [STATUS_MET] = "met",
    [STATUS_STALE] = "stale",
    [STATUS_NO_DATA] = "no_data",
    [STATUS_FEED_ERROR] = "feed_error",
};

const char *
status_name(enum status status)
{
	return status < STATUS_COUNT ? status_names[status] : "unknown";
}

bool
status_is_problem(enum status status)
{
	switch (status) {
	case STATUS_BREACH:
	case STATUS_REGRESSING:
	case STATUS_OFF_TRACK:
	case STATUS_AT_RISK:
	case STATUS_STALE:
	case STATUS_FEED_ERROR:
		return true;
	default:
		return false;
	}
}

enum severity
status_severity(enum status status)
{
	if (status == STATUS_AT_RISK)
		return SEVERITY_WARNING;
	return status_is_problem(status) ? SEVERITY_CRITICAL : SEVERITY_INFO;
}

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
	double b = period_years(&t->baseline_period);
	double T = period_years(&t->target_period);
	double f = (years - b) / (T - b);
	double vb = t->baseline_value, vT = t->target_value;

	if (t->path == PATH_COMPOUND && vb * vT > 0)
		return vb * pow(vT / vb, f);
	return vb + (vT - vb) * f;
}

static bool
target_is_met(const struct target_conf *t, double v)
{
	double slack = t->about * fabs(t->target_value);

	if (t->direction == DIRECTION_UP)
		return v >= t->target_value - slack;
	return v <= t->target_value + slack;
}

static void
judgement_reset(struct judgement *j)
{
	memset(j, 0, sizeof(*j));
	j->status = STATUS_NO_DATA;
	j->planned = j->gap = j->gap_pct = NAN;
	j->observed_growth = j->projected = j->ratio = NAN;
	j->required_growth = j->years_elapsed = j->years_left = NAN;
}

/* Projects the latest value to the deadline at the observed pace. */
static void
judge_projection(const struct target_conf *t, struct judgement *j)
{
	double vb = t->baseline_value, vt = j->latest_value;
	double el = j->years_elapsed, left = j->years_left;

	/* Compound growth needs baseline, latest and target on one side of 0.
	 */
	if (vb * t->target_value > 0)
		j->observed_growth = target_cagr(vb, vt, el);
	if (left <= 0) {
		j->projected = vt;
	} else if (!isnan(j->observed_growth)) {
		j->projected = vt * pow(1.0 + j->observed_growth, left);
	} else {
		j->linear_fallback = true;
		j->projected = vt + (vt - vb) / el * left;
	}
	j->ratio = (j->projected - vb) / (t->target_value - vb);
	if (left > 0)
		j->required_growth = target_cagr(vt, t->target_value, left);
}

static enum status
status_from_ratio(const struct target_conf *t, double ratio)
{
	if (ratio >= t->on_track_ratio)
		return STATUS_ON_TRACK;
	if (ratio >= t->at_risk_ratio)
		return STATUS_AT_RISK;
	if (ratio >= 0)
		return STATUS_OFF_TRACK;
	return STATUS_REGRESSING;
}

void
target_judge(const struct target_conf *t, const struct obs_list *obs,
    struct judgement *j)
{
	double b = period_years(&t->baseline_period);
	double T = period_years(&t->target_period);
	const struct obs *last = NULL;

	judgement_reset(j);
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
	j->years_elapsed = period_years(&last->period) - b;
	j->years_left = T - period_years(&last->period);
	j->planned = target_planned_at(t, period_years(&last->period));
	j->gap = j->latest_value - j->planned;
	if (j->planned != 0)
		j->gap_pct = j->gap / fabs(j->planned) * 100.0;
	judge_projection(t, j);
	if (target_is_met(t, j->latest_value))
		j->status = STATUS_MET;
	else
		j->status = status_from_ratio(t, j->ratio);
}

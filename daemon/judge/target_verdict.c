/*
 * target_verdict: a target whose period is over.  A plan's final
 * evaluation (终期评估) does not say where a target is heading, it says
 * whether it was reached: met (完成), nearly met (基本完成: short by no more
 * than a tolerance) or not met (未完成).  A target's period is over once
 * the value of its last period (its deadline, or "to") is in, or that
 * value is overdue (the period's end plus the indicator's stale_after has
 * passed): then it is judged again on the periods up to the last one, and
 * given its verdict:
 *
 *   reach     met when the value of the last period (or the latest
 *             before it) is at or beyond the target, within `about`;
 *             nearly met when the shortfall from the target (for an about
 *             target, from the edge of its band) is at most nearly_met of
 *             the planned change |v_T - v_b| (default 5 %)
 *   growth    cagr: the average growth since the baseline against the
 *             rate; nearly met when short by at most nearly_met
 *             percentage points (default 0.5)
 *   rules     (yoy growth, floor, ceiling, decline, rise) met when the
 *             rule held in every period from "from" to "to" (holds:
 *             every, the default) or in the final one (holds: final);
 *             nearly met when every period that broke it (or the final
 *             one) missed by at most nearly_met, in percentage points of
 *             growth for yoy (0.5), in the indicator's unit otherwise (0:
 *             a bound is kept or broken)
 *
 * Between the end of the last period and its verdict (its value not yet
 * published) target_close takes the future out of the judgement: nothing
 * is projected and no growth is asked for, since nothing can be done any
 * more.  Pure arithmetic, as target.c.
 */
#include <math.h>
#include <string.h>

#include "target_impl.h"

/* A value exactly on the tolerance is nearly met ("the better status"). */
#define EPS 1e-9

/* The first observations of obs, those of periods ending by t_end. */
static struct obs_list
obs_until(const struct obs_list *obs, time_t t_end)
{
	struct obs_list v = {0};

	if (obs == NULL)
		return v;
	v = *obs;
	v.n = 0;
	while (v.n < obs->n && period_end(&obs->v[v.n].period) <= t_end)
		v.n++;
	return v;
}

static bool
is_progress(const struct target_conf *t)
{
	return t->kind == TARGET_REACH ||
	    (t->kind == TARGET_GROWTH && t->basis == BASIS_CAGR);
}

bool
target_over(const struct target_conf *t, const struct obs_list *series,
    double stale_after, time_t now)
{
	const struct period *last = target_last_period(t);

	if (last == NULL || now < period_end(last))
		return false;
	if (series != NULL && series->n > 0 &&
	    period_cmp(&series->v[series->n - 1].period, last) >= 0)
		return true;
	return (double)(now - period_end(last)) >= stale_after;
}

/* Met, nearly met or not met by a shortfall (0 or less: met). */
static enum status
by_shortfall(double shortfall, double tolerance)
{
	if (shortfall <= 0)
		return STATUS_MET;
	if (tolerance > 0 && shortfall <= tolerance + EPS)
		return STATUS_NEARLY_MET;
	return STATUS_NOT_MET;
}

/*
 * reach: the shortfall is measured from the target, or from the edge of
 * an about target's band, as a share of the planned change.
 */
static void
verdict_reach(const struct target_conf *t, struct judgement *j)
{
	double vb = j->baseline_value, vT = j->target_value;
	double vt = j->latest_value, slack = t->about * fabs(vT);
	double span = fabs(vT - vb) > 0 ? fabs(vT - vb) : fabs(vT);
	bool up = vT != vb ? vT > vb : t->direction == DIRECTION_UP;
	double edge = up ? vT - slack : vT + slack;

	if (vT != vb)
		j->achieved = j->ratio = (vt - vb) / (vT - vb);
	if (target_reach_met(t, vb, vT, vt)) {
		j->status = STATUS_MET;
		return;
	}
	j->shortfall = (up ? edge - vt : vt - edge) / (span > 0 ? span : 1);
	j->status = by_shortfall(j->shortfall, j->tolerance);
}

/*
 * growth cagr: the average growth achieved since the baseline against the
 * rate (its about included), in percentage points; a level judged where
 * growth is not defined (a baseline of 0, a change of sign).
 */
static void
verdict_cagr(const struct target_conf *t, struct judgement *j)
{
	double r = t->rate, slack = t->about * fabs(r);
	bool up = t->direction == DIRECTION_UP;
	double g =
	    target_cagr(j->baseline_value, j->latest_value, j->years_elapsed);
	double need = up ? r - slack : r + slack, short_pp;

	if (isnan(g)) {
		verdict_reach(t, j);
		return;
	}
	j->achieved = g;
	if (j->target_value != j->baseline_value)
		j->ratio = (j->latest_value - j->baseline_value) /
		    (j->target_value - j->baseline_value);
	short_pp = (up ? need - g : g - need) * 100;
	/* A growth computed from levels that are exactly on the target
	 * falls short by rounding only. */
	if (short_pp <= EPS)
		short_pp = 0;
	j->shortfall = short_pp;
	j->status = by_shortfall(short_pp, j->tolerance);
}

/*
 * Rules: every period, or the final one, kept the rule; nearly met when
 * what broke it missed by no more than the tolerance.
 */
static void
verdict_rule(const struct target_conf *t, struct judgement *j)
{
	bool final_ok =
	    j->status != STATUS_BREACH && j->status != STATUS_REGRESSING;
	bool every = t->holds == HOLDS_EVERY;

	if (every ? j->violations == 0 : final_ok) {
		j->status = STATUS_MET;
		return;
	}
	j->shortfall = every ? j->worst_miss : j->latest_miss;
	j->status =
	    by_shortfall(j->shortfall > 0 ? j->shortfall : EPS, j->tolerance);
}

void
target_verdict(const struct target_conf *t, const struct obs_list *obs,
    const struct obs_list *rates, struct judgement *j)
{
	const struct period *last = target_last_period(t);
	struct obs_list o, r;
	struct judgement v;

	if (last == NULL)
		return;
	o = obs_until(obs, period_end(last));
	r = obs_until(rates, period_end(last));
	target_judge_rates(t, &o, rates != NULL ? &r : NULL, &v);
	/* The overdue flag stays beside the verdict. */
	v.stale = j->stale;
	v.overdue = j->overdue;
	v.overdue_since = j->overdue_since;
	v.has_next = j->has_next;
	v.next = j->next;
	v.next_due = j->next_due;
	v.ended = true;
	if (v.have_latest) {
		v.final = true;
		v.shortfall = 0;
		v.tolerance = isnan(t->nearly_met) ? 0 : t->nearly_met;
		v.projected = v.required_growth = v.reach_year = NAN;
		if (t->kind == TARGET_REACH)
			verdict_reach(t, &v);
		else if (is_progress(t))
			verdict_cagr(t, &v);
		else
			verdict_rule(t, &v);
	}
	*j = v;
}

void
target_close(const struct target_conf *t, time_t now, struct judgement *j)
{
	const struct period *last = target_last_period(t);
	double vb = j->baseline_value, vT = j->target_value;

	if (last == NULL || now < period_end(last) || j->final)
		return;
	j->ended = true;
	j->projected = j->required_growth = j->reach_year = NAN;
	if (!j->have_latest)
		return;
	if (is_progress(t) && j->status != STATUS_MET &&
	    t->method == METHOD_UNSD && vT != vb) {
		/* The share achieved so far: the projection was the future. */
		j->ratio = (j->latest_value - vb) / (vT - vb);
		j->status = target_ratio_status(t, j->ratio);
	} else if (!is_progress(t) && j->status == STATUS_AT_RISK &&
	    j->violations == 0) {
		/* at_risk only because the next period would cross. */
		j->status = STATUS_ON_TRACK;
	}
}

/* The first year t judges: after its baseline, its "from", or the data. */
static int
first_year(const struct target_conf *t, const struct obs_list *series)
{
	if (is_progress(t))
		return t->baseline_period.year + 1;
	if (t->has_from)
		return t->from.year;
	return series->n > 0 ? series->v[0].period.year : 0;
}

size_t
target_history(const struct target_conf *t, const struct obs_list *obs,
    const struct obs_list *rates, struct target_year *out, size_t max)
{
	const struct obs_list *series = rates != NULL ? rates : obs;
	const struct period *last = target_last_period(t);
	int y0, y1;
	size_t n = 0;

	if (series->n == 0)
		return 0;
	y0 = first_year(t, series);
	y1 = series->v[series->n - 1].period.year;
	if (last != NULL && last->year < y1)
		y1 = last->year;
	for (int y = y0; y <= y1 && n < max; y++) {
		struct period end = {.freq = FREQ_ANNUAL, .year = y};
		time_t t_end = period_end(&end);
		struct obs_list o = obs_until(obs, t_end);
		struct obs_list r = obs_until(rates, t_end);
		struct judgement j;

		target_judge_rates(t, &o, rates != NULL ? &r : NULL, &j);
		if (last != NULL && y >= last->year)
			target_verdict(t, &o, rates != NULL ? &r : NULL, &j);
		if (j.status == STATUS_NO_DATA)
			continue;
		out[n++] = (struct target_year){y, j.status, j.final};
	}
	return n;
}

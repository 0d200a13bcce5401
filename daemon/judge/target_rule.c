/*
 * target_rule: targets that every period must keep, judged period by
 * period from `from` (and to `to`):
 *   growth yoy  growth over the previous period (quarterly and monthly
 *               data: the same period a year earlier) >= rate, or the
 *               published rate itself when the target names a rate
 *               indicator ("GDP 保持8%以上" is real growth, published)
 *   floor       value >= bound          ceiling   value <= bound
 *   decline     value < previous value  rise      value > previous value
 * Status: the latest period breaks the rule -> breach (decline and rise:
 * regressing, the value moves away from the target); an earlier period
 * broke it -> at_risk; a floor or ceiling that the last change, repeated
 * once more, would cross -> at_risk; otherwise on_track, and met once the
 * target's last period ("to") has kept it.  Each period that breaks the
 * rule records by how much (worst_miss, latest_miss), for the final
 * verdict's tolerance.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "target_impl.h"

/* One judged period: its value and the value it is compared with. */
struct step {
	struct period period;
	double value;
	double reference; /* the bound, the previous value, or the rate */
	bool ok;
	double miss; /* when not ok: how far past what it had to keep */
};

static bool
in_window(const struct target_conf *t, const struct period *p)
{
	if (t->has_from && period_cmp(p, &t->from) < 0)
		return false;
	if (t->has_to && period_cmp(p, &t->to) > 0)
		return false;
	return true;
}

/* The period a year before p (a day: the day before). */
static struct period
year_before(const struct period *p)
{
	struct period q = *p;

	if (p->freq == FREQ_DAILY)
		return period_step(p, -1);
	q.year--;
	return q;
}

/* Growth of period i in %, or NAN when its comparison period is missing. */
static double
growth_at(const struct obs_list *obs, size_t i)
{
	struct period prev = year_before(&obs->v[i].period);
	const struct obs *o = obs_at(obs, &prev);

	if (o == NULL || o->value == 0)
		return NAN;
	return (obs->v[i].value / o->value - 1) * 100;
}

/* Judges the steps; fills the judgement's common fields. */
static void
judge_steps(const struct target_conf *t, const struct step *s, size_t n,
    enum status broken, struct judgement *j)
{
	const struct step *last = &s[n - 1];

	j->have_latest = true;
	j->judged_periods = (int)n;
	j->nobs = (int)n;
	j->latest_period = last->period;
	j->latest_value = last->value;
	j->planned = last->reference;
	judgement_gap(j);
	for (size_t i = 0; i < n; i++) {
		if (s[i].ok)
			continue;
		if (j->violations++ == 0)
			j->first_violation = s[i].period;
		if (s[i].miss > j->worst_miss)
			j->worst_miss = s[i].miss;
	}
	j->latest_miss = last->ok ? 0 : last->miss;
	if (!last->ok)
		j->status = broken;
	else if (j->violations > 0)
		j->status = STATUS_AT_RISK;
	else if (t->has_to && period_equal(&last->period, &t->to))
		j->status = STATUS_MET;
	else
		j->status = STATUS_ON_TRACK;
}

/* The growth in % a yoy target asks for, its tolerance (about) included. */
static double
growth_floor(const struct target_conf *t)
{
	return t->rate * 100 - t->about * fabs(t->rate * 100);
}

static bool
growth_ok(const struct target_conf *t, double g)
{
	return g >= growth_floor(t);
}

int
target_growth_series(const struct obs_list *obs, const struct obs_list *rates,
    struct obs_list *out)
{
	const struct obs_list *series = rates != NULL ? rates : obs;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < series->n; i++) {
		double g =
		    rates != NULL ? series->v[i].value : growth_at(series, i);

		if (!isnan(g) &&
		    obs_list_add(out, &series->v[i].period, g) != 0) {
			obs_list_clear(out);
			return -1;
		}
	}
	return 0;
}

void
target_judge_yoy(const struct target_conf *t, const struct obs_list *obs,
    const struct obs_list *rates, struct judgement *j)
{
	struct obs_list growth;
	struct step *s;
	size_t n = 0;

	if (target_growth_series(obs, rates, &growth) != 0)
		return;
	if ((s = calloc(growth.n + 1, sizeof(*s))) == NULL) {
		obs_list_clear(&growth);
		return;
	}
	j->from_rates = rates != NULL;
	for (size_t i = 0; i < growth.n; i++) {
		double g = growth.v[i].value;

		if (!in_window(t, &growth.v[i].period))
			continue;
		s[n] = (struct step){growth.v[i].period, g, t->rate * 100,
		    growth_ok(t, g), fabs(growth_floor(t) - g)};
		n++;
	}
	if (n > 0)
		judge_steps(t, s, n, STATUS_BREACH, j);
	free(s);
	obs_list_clear(&growth);
}

/* Whether the last change, repeated once, crosses the bound. */
static bool
would_cross(const struct target_conf *t, const struct step *s, size_t n)
{
	double next;

	if (n < 2)
		return false;
	next = s[n - 1].value + (s[n - 1].value - s[n - 2].value);
	return t->kind == TARGET_FLOOR ? next < t->bound : next > t->bound;
}

static bool
rule_ok(const struct target_conf *t, double v, double ref)
{
	switch (t->kind) {
	case TARGET_FLOOR:
		return v >= ref;
	case TARGET_CEILING:
		return v <= ref;
	case TARGET_DECLINE:
		return v < ref;
	default:
		return v > ref;
	}
}

void
target_judge_rule(const struct target_conf *t, const struct obs_list *obs,
    struct judgement *j)
{
	bool bound = t->kind == TARGET_FLOOR || t->kind == TARGET_CEILING;
	struct step *s = calloc(obs->n + 1, sizeof(*s));
	size_t n = 0;

	if (s == NULL)
		return;
	for (size_t i = 0; i < obs->n; i++) {
		double ref;

		if (!in_window(t, &obs->v[i].period) || (!bound && i == 0))
			continue;
		/* decline, rise: against the previous observation, even
		 * across a gap in the series. */
		ref = bound ? t->bound : obs->v[i - 1].value;
		s[n] = (struct step){obs->v[i].period, obs->v[i].value, ref,
		    rule_ok(t, obs->v[i].value, ref),
		    fabs(obs->v[i].value - ref)};
		n++;
	}
	if (n > 0) {
		judge_steps(
		    t, s, n, bound ? STATUS_BREACH : STATUS_REGRESSING, j);
		if (bound && j->status == STATUS_ON_TRACK &&
		    would_cross(t, s, n))
			j->status = STATUS_AT_RISK;
	}
	free(s);
}

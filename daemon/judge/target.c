/*
 * target: the entry points of the judgement, the status tables, and
 * staleness (a flag beside the status, never a status of its own).  The kinds
 * live in target_reach.c (reach and average growth: the progress ratio) and
 * target_rule.c (rules every period must keep: year-on-year growth, floor,
 * ceiling, decline, rise).
 */
#include <math.h>
#include <string.h>
#include <time.h>

#include "target.h"
#include "target_impl.h"

static const char *const status_names[STATUS_COUNT] = {
    [STATUS_NOT_MET] = "not_met",
    [STATUS_BREACH] = "breach",
    [STATUS_REGRESSING] = "regressing",
    [STATUS_OFF_TRACK] = "off_track",
    [STATUS_AT_RISK] = "at_risk",
    [STATUS_NEARLY_MET] = "nearly_met",
    [STATUS_ON_TRACK] = "on_track",
    [STATUS_AHEAD] = "ahead",
    [STATUS_MET] = "met",
    [STATUS_NO_DATA] = "no_data",
    [STATUS_FEED_ERROR] = "feed_error",
};

const char *
status_name(enum status status)
{
	return status < STATUS_COUNT ? status_names[status] : "unknown";
}

bool
status_is_miss(enum status status)
{
	switch (status) {
	case STATUS_NOT_MET:
	case STATUS_BREACH:
	case STATUS_REGRESSING:
	case STATUS_OFF_TRACK:
	case STATUS_AT_RISK:
		return true;
	default:
		return false;
	}
}

enum severity
binding_severity(enum status s)
{
	return status_is_miss(s) ? SEVERITY_CRITICAL : status_severity(s);
}

bool
status_is_problem(enum status status)
{
	switch (status) {
	case STATUS_NOT_MET:
	case STATUS_BREACH:
	case STATUS_REGRESSING:
	case STATUS_OFF_TRACK:
	case STATUS_AT_RISK:
	case STATUS_NEARLY_MET:
	case STATUS_FEED_ERROR:
		return true;
	default:
		return false;
	}
}

enum severity
status_severity(enum status status)
{
	if (status == STATUS_AT_RISK || status == STATUS_NEARLY_MET)
		return SEVERITY_WARNING;
	return status_is_problem(status) ? SEVERITY_CRITICAL : SEVERITY_INFO;
}

enum judged_series
target_judged_series(const struct target_conf *t, const struct judgement *j)
{
	if (t->kind != TARGET_GROWTH)
		return JUDGED_LEVEL;
	if (t->basis == BASIS_YOY)
		return JUDGED_GROWTH;
	if (j != NULL ? j->from_rates : t->rate_indicator != NULL)
		return JUDGED_INDEX;
	return JUDGED_LEVEL;
}

const char *
judged_series_name(enum judged_series s)
{
	static const char *const names[] = {
	    [JUDGED_LEVEL] = "level",
	    [JUDGED_GROWTH] = "growth",
	    [JUDGED_INDEX] = "index",
	};

	return (size_t)s < sizeof(names) / sizeof(names[0]) ? names[s]
							    : "level";
}

const char *
target_unit(const struct indicator_conf *ic, const struct target_conf *t,
    const struct judgement *j)
{
	switch (target_judged_series(t, j)) {
	case JUDGED_GROWTH:
		return "%";
	case JUDGED_INDEX:
		return "";
	default:
		return ic->unit;
	}
}

void
target_judge_rates(const struct target_conf *t, const struct obs_list *obs,
    const struct obs_list *rates, struct judgement *j)
{
	judgement_reset(j);
	switch (t->kind) {
	case TARGET_REACH:
		target_judge_reach(t, obs, j);
		break;
	case TARGET_GROWTH:
		if (t->basis == BASIS_CAGR)
			target_judge_cagr(t, obs, rates, j);
		else
			target_judge_yoy(t, obs, rates, j);
		break;
	default:
		target_judge_rule(t, obs, j);
		break;
	}
}

void
target_judge(const struct target_conf *t, const struct obs_list *obs,
    struct judgement *j)
{
	target_judge_rates(t, obs, NULL, j);
}

const struct period *
target_last_period(const struct target_conf *t)
{
	if (t->kind == TARGET_REACH ||
	    (t->kind == TARGET_GROWTH && t->basis == BASIS_CAGR))
		return &t->target_period;
	if (t->has_to)
		return &t->to; /* yoy growth, floor, ceiling, decline, rise */
	return NULL;
}

void
target_check_stale(const struct target_conf *t, const struct obs_list *obs,
    enum freq freq, double stale_after, time_t now, struct judgement *j)
{
	time_t x = now - (time_t)stale_after;
	const struct period *last = target_last_period(t);
	struct period due = period_containing(x, freq), next;
	const struct obs *latest;

	if (obs->n == 0)
		return; /* no_data says more than stale */
	if (period_end(&due) > x)
		due = period_step(&due, -1);
	if (last != NULL && period_cmp(&due, last) > 0)
		due = *last;
	latest = &obs->v[obs->n - 1];
	next = period_step(&latest->period, 1);
	if (last == NULL || period_cmp(&next, last) <= 0) {
		j->has_next = true;
		j->next = next;
		j->next_due = period_end(&next) + (time_t)stale_after;
	}
	if (period_cmp(&latest->period, &due) >= 0)
		return;
	j->stale = true;
	j->overdue = next;
	j->overdue_since = period_end(&next) + (time_t)stale_after;
}

bool
target_judged_on_growth(const struct target_conf *t)
{
	return t != NULL && t->kind == TARGET_GROWTH && t->basis == BASIS_YOY;
}

bool
target_same_series(const struct indicator_conf *ic, size_t t)
{
	const struct target_conf *a = &ic->targets[0], *b = &ic->targets[t];

	if (target_judged_on_growth(a) != target_judged_on_growth(b))
		return false;
	if (!target_judged_on_growth(a) ||
	    a->rate_indicator == b->rate_indicator)
		return true;
	return a->rate_indicator != NULL && b->rate_indicator != NULL &&
	    strcmp(a->rate_indicator, b->rate_indicator) == 0;
}

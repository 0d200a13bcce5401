/*
 * target: the judgement of one target against an indicator's observations,
 * as PRODUCT.md defines it (the UN Statistics Division's progress-chart
 * method).  Pure arithmetic over explicit arguments: no I/O, no globals, so
 * every edge case is a unit test.
 */
#ifndef PLANWATCH_TARGET_H
#define PLANWATCH_TARGET_H

#include <stdbool.h>
#include <time.h>

#include "config.h"
#include "obs.h"

/*
 * Statuses, worst first; no_data and feed_error stand apart.  A status is
 * always the judgement of the newest data known: data overdue is a flag
 * beside it (judgement.stale), never a status.
 */
enum status {
	STATUS_BREACH,
	STATUS_REGRESSING,
	STATUS_OFF_TRACK,
	STATUS_AT_RISK,
	STATUS_ON_TRACK,
	STATUS_MET,
	STATUS_NO_DATA,
	STATUS_FEED_ERROR,
	STATUS_COUNT,
};

/* What one evaluation found.  Numbers not computable are NAN. */
struct judgement {
	enum status status; /* what the target's rule says of the data */
	bool have_latest;
	struct period latest_period;
	double latest_value; /* the latest value judged (for yoy growth
				targets: the latest growth, in %) */
	int nobs; /* observations after the baseline period */
	double baseline_value; /* used (configured or observed) */
	double target_value; /* used (cagr: baseline * (1 + r)^years) */
	double years_elapsed; /* latest - baseline, in years */
	double years_left; /* deadline - latest, in years; <= 0 when past */
	double planned; /* planned path or bound at the latest period */
	double gap; /* latest - planned */
	double gap_pct; /* gap / planned * 100 */
	double observed_growth; /* per year since the baseline (compound) */
	double projected; /* value at the deadline at the observed pace */
	double ratio; /* progress ratio, signed by direction */
	double required_growth; /* per year from latest to reach the target */
	double reach_year; /* when the target is reached at this pace */
	bool linear_fallback; /* compound growth meaningless: linear used */
	bool baseline_missing; /* baseline_observed, but no such observation */
	bool from_rates; /* growth judged on the rate indicator */
	int judged_periods; /* rules: periods judged */
	int violations; /* rules: periods that broke the rule */
	struct period first_violation;
	bool stale; /* the next expected period is overdue */
	struct period overdue; /* that period */
	time_t overdue_since; /* when it was due */
};

/* Returns the status's name, e.g. "off_track". */
const char *status_name(enum status status);
/* True for statuses that are a problem (worse than on_track, or
 * feed_error). */
bool status_is_problem(enum status status);
/* The default severity of a status: warning for at_risk, critical for
 * off_track, breach, regressing and feed_error, info otherwise. */
enum severity status_severity(enum status status);
/* The planned path's value at time `years` (scale of period_years). */
double target_planned_at(const struct target_conf *t, double years);
/*
 * What t plans for period p, for tables: the path of a reach (or average
 * growth) target between its baseline and deadline, from the judgement's
 * baseline and target values; a floor's or ceiling's bound; NAN
 * otherwise.
 */
double target_planned_value(const struct target_conf *t,
    const struct judgement *j, const struct period *p);
/* Compound annual growth from a to b over n years; NAN if undefined. */
double target_cagr(double a, double b, double years);
/*
 * Judges target t on obs (sorted by period, of the target's frequency).
 * rates is the series of t's rate_indicator (published growth in %), or
 * NULL.  No staleness.
 */
void target_judge_rates(const struct target_conf *t, const struct obs_list *obs,
    const struct obs_list *rates, struct judgement *j);
/* target_judge_rates without a rate series. */
void target_judge(const struct target_conf *t, const struct obs_list *obs,
    struct judgement *j);
/*
 * Flags j stale when, at time now, the value of a period that ended more
 * than stale_after seconds ago (and not after the target's last period)
 * is still missing: overdue and overdue_since say which and since when.
 * The status stays the judgement of the data known.
 */
void target_check_stale(const struct target_conf *t, const struct obs_list *obs,
    enum freq freq, double stale_after, time_t now, struct judgement *j);
/* The last period that matters to t (deadline, "to"), or NULL if open. */
const struct period *target_last_period(const struct target_conf *t);
/* Returns "reach", "growth", "floor", ... */
const char *target_kind_name(enum target_kind kind);

#endif

/*
 * target: the judgement of one target against an indicator's observations,
 * as PRODUCT.md defines it (the UN Statistics Division's progress-chart
 * method).  Pure arithmetic over explicit arguments: no I/O, no globals, so
 * every edge case is a unit test.
 */
#ifndef PLANWATCH_TARGET_H
#define PLANWATCH_TARGET_H

#include <stdbool.h>

#include "config.h"
#include "obs.h"

/* Statuses, worst first; stale, no_data and feed_error stand apart. */
enum status {
	STATUS_BREACH,
	STATUS_REGRESSING,
	STATUS_OFF_TRACK,
	STATUS_AT_RISK,
	STATUS_ON_TRACK,
	STATUS_MET,
	STATUS_STALE,
	STATUS_NO_DATA,
	STATUS_FEED_ERROR,
	STATUS_COUNT,
};

/* What one evaluation found.  Numbers not computable are NAN. */
struct judgement {
	enum status status;
	bool have_latest;
	struct period latest_period;
	double latest_value;
	int nobs; /* observations after the baseline period */
	double years_elapsed; /* latest - baseline, in years */
	double years_left; /* deadline - latest, in years; <= 0 when past */
	double planned; /* planned path at the latest period */
	double gap; /* latest - planned */
	double gap_pct; /* gap / planned * 100 */
	double observed_growth; /* per year since the baseline (compound) */
	double projected; /* value at the deadline at the observed pace */
	double ratio; /* progress ratio, signed by direction */
	double required_growth; /* per year from latest to reach the target */
	bool linear_fallback; /* compound growth meaningless: linear used */
};

/* Returns the status's name, e.g. "off_track". */
const char *status_name(enum status status);
/* True for statuses that are a problem (worse than on_track, or stale,
 * feed_error). */
bool status_is_problem(enum status status);
/* The default severity of a status: warning for at_risk, critical for
 * off_track, breach, regressing, stale and feed_error, info otherwise. */
enum severity status_severity(enum status status);
/* The planned path's value at time `years` (scale of period_years). */
double target_planned_at(const struct target_conf *t, double years);
/* Compound annual growth from a to b over n years; NAN if undefined. */
double target_cagr(double a, double b, double years);
/*
 * Judges target t on obs (sorted by period, of the target's frequency).
 * Observations at or before the baseline period are not evidence of
 * progress; the baseline value is the configured one.
 */
void target_judge(const struct target_conf *t, const struct obs_list *obs,
    struct judgement *j);

#endif

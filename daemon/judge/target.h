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
 * beside it (judgement.stale), never a status.  Once a target's period is
 * over its status is a final verdict (judgement.final): not_met,
 * nearly_met or met.
 */
enum status {
	STATUS_NOT_MET, /* final: short of the target (未完成) */
	STATUS_BREACH,
	STATUS_REGRESSING,
	STATUS_OFF_TRACK,
	STATUS_AT_RISK,
	STATUS_NEARLY_MET, /* final: short within the tolerance (基本完成) */
	STATUS_ON_TRACK,
	STATUS_AHEAD, /* ahead of the planned path (thresholds.ahead) */
	STATUS_MET, /* reached; final: met (完成) */
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
	int trend_used; /* projection trend: the observations fitted (the
			   window); 0 when the pace is the growth since the
			   baseline */
	bool linear_fallback; /* compound growth meaningless: linear used */
	bool baseline_missing; /* baseline_observed, but no such observation */
	bool from_rates; /* growth judged on the rate indicator */
	int judged_periods; /* rules: periods judged */
	int violations; /* rules: periods that broke the rule */
	struct period first_violation;
	bool stale; /* the next expected period is overdue */
	struct period overdue; /* that period */
	time_t overdue_since; /* when it was due */
	/* The next period whose value still counts for the target, and when
	 * it is expected (its end plus the publication lag): none once the
	 * value of the target's last period is in. */
	bool has_next;
	struct period next;
	time_t next_due;
	double worst_miss; /* rules: the most a period missed by, or 0 */
	double latest_miss; /* rules: what the latest period missed by, or 0 */
	/* The target's period is over (its last period has ended): nothing
	 * is projected and no growth is asked for any more. */
	bool ended;
	/* A final verdict (met, nearly_met, not_met): the data of the last
	 * period is in, or it is overdue past its publication lag. */
	bool final;
	double achieved; /* final: reach the share of the planned change
			    achieved; growth cagr the average growth (a
			    fraction); NAN otherwise */
	double shortfall; /* final: how far short of met, in the unit of
			     the tolerance (share, points, the unit); 0 */
	double tolerance; /* final: the nearly_met tolerance applied */
	/* plans: the target belongs to a plan other than the one shown at
	 * the time judged (an ended plan's, concluded; or one not begun):
	 * shown apart on its indicator's page, counted in no roll-up. */
	bool other_plan;
};

/* One year of a target's history: its status judged on the periods up
 * to the end of that year (the final verdict in its last year). */
struct target_year {
	int year;
	enum status status;
	bool final;
};

/* One year judged against its annual target (target_annual). */
struct annual_result {
	int year;
	double target; /* the year's annual target */
	bool have; /* the year's value is in */
	double actual; /* the year's value on the judged series, or NAN */
	bool met; /* have, and actual is at or past target its way */
	double gap; /* actual - target, or NAN */
};

/* Returns the status's name, e.g. "off_track". */
const char *status_name(enum status status);
/* True for statuses that are a problem (worse than on_track: nearly_met
 * too, or feed_error). */
bool status_is_problem(enum status status);
/* True for the statuses a binding target may not have (critical by
 * default): not_met, breach, regressing, off_track, at_risk. */
bool status_is_miss(enum status status);
/* The default severity of a status: warning for at_risk and nearly_met,
 * critical for not_met, breach, regressing, off_track and feed_error, info
 * otherwise. */
enum severity status_severity(enum status status);
/* The default severity of status s for a binding indicator's pair:
 * critical when status_is_miss(s), else status_severity(s). */
enum severity binding_severity(enum status s);
/* The planned path's value at time `years` (scale of period_years). */
double target_planned_at(const struct target_conf *t, double years);
/*
 * What t plans for period p, for tables: the path of a reach (or average
 * growth) target between its baseline and deadline, from the judgement's
 * baseline and target values; a floor's or ceiling's bound over its
 * periods (from..to); NAN otherwise.
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
 * The status stays the judgement of the data known.  Sets has_next, next
 * and next_due too (overdue or not).
 */
void target_check_stale(const struct target_conf *t, const struct obs_list *obs,
    enum freq freq, double stale_after, time_t now, struct judgement *j);
/* The last period that matters to t (deadline, "to"), or NULL if open. */
const struct period *target_last_period(const struct target_conf *t);
/*
 * Whether t's period is over at time now: its last period has ended, and
 * either its value is in series (the series t is judged on) or that
 * period is overdue (its end plus stale_after has passed).  Open targets
 * (no last period) never are.
 */
bool target_over(const struct target_conf *t, const struct obs_list *series,
    double stale_after, time_t now);
/*
 * Gives j, a judgement of t made by target_judge_rates (staleness checked
 * or not), the final verdict: t is judged again on the periods up to its
 * last one, then met, nearly_met (short by no more than t->nearly_met) or
 * not_met, with no projection and no growth required.  The overdue flag
 * is kept.  A target without data stays no_data.
 */
void target_verdict(const struct target_conf *t, const struct obs_list *obs,
    const struct obs_list *rates, struct judgement *j);
/*
 * For a target whose last period has ended at time now but whose verdict
 * is not due yet (its value is not published): nothing is projected and
 * no growth is asked for; a progress ratio is the share of the planned
 * change achieved so far, and a bound is no more "crossed next period".
 */
void target_close(const struct target_conf *t, time_t now, struct judgement *j);
/*
 * t's status at the end of each year, from the first year judged to the
 * last year of t (or of the data, when earlier or t is open), judged on the
 * periods up to the end of that year; the verdict in t's last year.  At
 * most max years into out; returns how many.
 */
size_t target_history(const struct target_conf *t, const struct obs_list *obs,
    const struct obs_list *rates, struct target_year *out, size_t max);
/*
 * Each of t's annual targets judged on the year's value of the series t
 * is judged on (obs, or the growth from obs or rates): at most max years
 * into out, by year; returns how many (0 when t has none).
 */
size_t target_annual(const struct target_conf *t, const struct obs_list *obs,
    const struct obs_list *rates, struct annual_result *out, size_t max);
/* One year: a's value against actual (NAN: not in), met dir's way. */
void target_annual_judge(const struct annual_target *a,
    enum target_direction dir, double actual, struct annual_result *r);
/*
 * Whether target t is judged on the growth series, not on the indicator's
 * values: a year-on-year growth target is (its chart draws that series,
 * with the rate as the floor).
 */
bool target_judged_on_growth(const struct target_conf *t);
/*
 * Whether target t of ic is judged on the same series as its first
 * target, so that t may stand beside the chart drawn for the first: false
 * for a growth target beside the levels and the other way round, and for
 * two published rates that differ.
 */
bool target_same_series(const struct indicator_conf *ic, size_t t);

/*
 * The series a target is judged on, which is the series every place that
 * shows the target shows: a year-on-year growth target on the growth (in
 * %, computed from the levels or published by its rate indicator), an
 * average growth target on a rate indicator on the rates chained into an
 * index (100 at the baseline), every other target on the indicator's own
 * values.
 */
enum judged_series {
	JUDGED_LEVEL,
	JUDGED_GROWTH,
	JUDGED_INDEX,
};

/* The series t is judged on; j (may be NULL) says whether rates were. */
enum judged_series target_judged_series(
    const struct target_conf *t, const struct judgement *j);
/* "level", "growth", "index". */
const char *judged_series_name(enum judged_series s);
/*
 * The unit of the values t is judged on: "%" for growth, "" for an index,
 * the indicator's unit otherwise.
 */
const char *target_unit(const struct indicator_conf *ic,
    const struct target_conf *t, const struct judgement *j);
/*
 * The growth series (in %) a year-on-year target is judged on, into out
 * (emptied first): rates itself when given, else each period's growth
 * over the same period a year earlier (a day: the day before) computed
 * from the levels obs, periods without that comparison left out.  -1 on
 * ENOMEM.  Caller clears out.
 */
int target_growth_series(const struct obs_list *obs,
    const struct obs_list *rates, struct obs_list *out);

#endif

/*
 * test_target: the reach judgement's arithmetic (daemon/judge/target.c) against
 * expectations computed by hand, not with the code under test.  Each case
 * shows its arithmetic in a comment; "b", "t" and "T" are the baseline,
 * latest and deadline on the period_years() scale (the end of year Y is Y),
 * v_b, v_t, v_T their values, g the observed growth, p the projection and
 * r the progress ratio (p - v_b) / (v_T - v_b).
 *
 * The worked example is the shipped configuration's GDP target
 * (etc/conf.d/economy.yaml): 902.27 亿元 in 2020 to 1325.73 in 2025 along a
 * compound path, with the published 2021-2023 values.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "obs.h"
#include "period.h"
#include "target.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_OBS 8

/* cmocka 1.1.5 has no assert_double_equal. */
static void
assert_near(double got, double want, double eps, const char *what)
{
	if (!(fabs(got - want) <= eps))
		fail_msg("%s: %.17g, want %.17g (+-%g)", what, got, want, eps);
}

static void
assert_nan(double got, const char *what)
{
	if (!isnan(got))
		fail_msg("%s: %.17g, want NAN", what, got);
}

static void
assert_status(enum status got, enum status want, const char *what)
{
	if (got != want)
		fail_msg("%s: status %s, want %s", what, status_name(got),
		    status_name(want));
}

static struct period
per(const char *text)
{
	struct period p;
	char err[128];

	if (period_parse(text, &p, err, sizeof(err)) != 0)
		fail_msg("period_parse(\"%s\"): %s", text, err);
	return p;
}

/*
 * A reach target as the configuration loader builds it: the direction is
 * implied by the values, thresholds default to 0.95 and 0.6, no tolerance.
 */
static struct target_conf
reach(
    const char *bp, double bv, const char *tp, double tv, enum target_path path)
{
	struct target_conf t;

	memset(&t, 0, sizeof(t));
	t.id = "reach";
	t.kind = TARGET_REACH;
	t.path = path;
	t.direction = tv > bv ? DIRECTION_UP : DIRECTION_DOWN;
	t.baseline_period = per(bp);
	t.baseline_value = bv;
	t.target_period = per(tp);
	t.target_value = tv;
	t.about = 0;
	t.on_track_ratio = 0.95;
	t.at_risk_ratio = 0.6;
	return t;
}

struct pv {
	const char *period; /* NULL ends a list */
	double value;
};

/* Judges t on the observations pv (in order, NULL-terminated). */
static void
judge(const struct target_conf *t, const struct pv *pv, struct judgement *j)
{
	struct obs_list l = {0};

	for (; pv->period != NULL; pv++) {
		struct period p = per(pv->period);

		assert_int_equal(obs_list_add(&l, &p, pv->value), 0);
	}
	obs_list_sort(&l);
	target_judge(t, &l, j);
	obs_list_clear(&l);
}

static struct target_conf
gdp_target(void)
{
	return reach("2020", 902.27, "2025", 1325.73, PATH_COMPOUND);
}

/* The plan's own GDP: 485.85 in 2015 to 902.27 in 2020. */
static void
test_cagr_plan_gdp(void **state)
{
	(void)state;
	/* (902.27 / 485.85)^(1/5) - 1 = 1.857096^0.2 - 1 = 0.131793 */
	assert_near(target_cagr(485.85, 902.27, 5), 0.1317926, 1e-6,
	    "2015-2020 GDP growth");
	/* Rounded as the plan states it: 13.2 %/yr. */
	assert_near(
	    target_cagr(485.85, 902.27, 5) * 100, 13.2, 0.05, "13.2 %/yr");
}

struct cagr_case {
	double a, b, years;
	double want; /* NAN: undefined */
};

static const struct cagr_case cagr_cases[] = {
    /* 100 -> 121 over 2 years: sqrt(1.21) - 1 = 0.1 */
    {100, 121, 2, 0.1},
    /* 100 -> 81 over 2 years: sqrt(0.81) - 1 = -0.1 */
    {100, 81, 2, -0.1},
    /* 50 -> 50: no growth */
    {50, 50, 3, 0},
    /* 100 -> 150 over half a year: 1.5^2 - 1 = 1.25 */
    {100, 150, 0.5, 1.25},
    /* undefined: no time, a zero, a sign change */
    {100, 121, 0, NAN},
    {100, 121, -1, NAN},
    {0, 121, 2, NAN},
    {100, 0, 2, NAN},
    {-5, 20, 2, NAN},
    {5, -20, 2, NAN},
};

static void
test_cagr_cases(void **state)
{
	char what[64];

	(void)state;
	for (size_t i = 0; i < NELEM(cagr_cases); i++) {
		const struct cagr_case *c = &cagr_cases[i];
		double got = target_cagr(c->a, c->b, c->years);

		snprintf(what, sizeof(what), "cagr(%g, %g, %g)", c->a, c->b,
		    c->years);
		if (isnan(c->want))
			assert_nan(got, what);
		else
			assert_near(got, c->want, 1e-12, what);
	}
}

struct planned_case {
	enum target_path path;
	double years;
	double want;
};

/*
 * GDP 902.27 (2020) -> 1325.73 (2025), f = (years - 2020) / 5:
 *   linear   902.27 + 423.46 f: 2022.5 -> 1114.0, 2023 -> 1156.346
 *   compound 902.27 (1325.73 / 902.27)^f: 2022.5 -> sqrt(902.27 * 1325.73)
 *            = sqrt(1196166.4071) = 1093.69393, 2023 -> 902.27 * 1.469327^0.6
 *            = 1136.60002
 */
static const struct planned_case planned_cases[] = {
    {PATH_LINEAR, 2020, 902.27},
    {PATH_LINEAR, 2022.5, 1114.0},
    {PATH_LINEAR, 2023, 1156.346},
    {PATH_LINEAR, 2025, 1325.73},
    {PATH_COMPOUND, 2020, 902.27},
    {PATH_COMPOUND, 2022.5, 1093.693928},
    {PATH_COMPOUND, 2023, 1136.600015},
    {PATH_COMPOUND, 2025, 1325.73},
};

static void
test_planned_path(void **state)
{
	char what[64];

	(void)state;
	for (size_t i = 0; i < NELEM(planned_cases); i++) {
		const struct planned_case *c = &planned_cases[i];
		struct target_conf t =
		    reach("2020", 902.27, "2025", 1325.73, c->path);

		snprintf(what, sizeof(what), "%s at %g",
		    c->path == PATH_LINEAR ? "linear" : "compound", c->years);
		assert_near(
		    target_planned_at(&t, c->years), c->want, 1e-5, what);
	}
}

/*
 * The shipped example, judged on 2020-2023:
 *   g = (1048.97 / 902.27)^(1/3) - 1 = 1.162590^(1/3) - 1 = 0.0514990
 *   p = 1048.97 * 1.0514990^2 = 1159.7938
 *   r = (1159.7938 - 902.27) / (1325.73 - 902.27) = 257.5238 / 423.46
 *     = 0.608142 -> at_risk (0.6 <= r < 0.95)
 *   required = (1325.73 / 1048.97)^(1/2) - 1 = 1.263840^0.5 - 1 = 0.124206
 *   planned at 2023 = 1136.6000, gap = 1048.97 - 1136.6000 = -87.6300,
 *   gap % = -87.63 / 1136.60 * 100 = -7.7098
 */
static const struct pv gdp_obs[] = {
    {"2020", 902.27},
    {"2021", 1030.11},
    {"2022", 1045.07},
    {"2023", 1048.97},
    {NULL, 0},
};

static void
check_gdp_2023(const struct judgement *j, int nobs)
{
	assert_status(j->status, STATUS_AT_RISK, "gdp 2023");
	assert_true(j->have_latest);
	assert_int_equal(j->latest_period.year, 2023);
	assert_int_equal(j->latest_period.freq, FREQ_ANNUAL);
	assert_near(j->latest_value, 1048.97, 0, "latest");
	assert_int_equal(j->nobs, nobs);
	assert_near(j->years_elapsed, 3, 1e-12, "years elapsed");
	assert_near(j->years_left, 2, 1e-12, "years left");
	assert_near(j->observed_growth, 0.0514990, 1e-6, "observed growth");
	assert_near(j->observed_growth * 100, 5.15, 0.005, "5.15 %/yr");
	assert_near(j->projected, 1159.7938, 1e-3, "projected");
	assert_near(j->projected, 1159.79, 0.005, "projected 1159.79");
	assert_near(j->ratio, 0.608142, 1e-6, "ratio");
	assert_near(j->ratio, 0.608, 0.0005, "ratio 0.608");
	assert_near(j->required_growth, 0.124206, 1e-6, "required growth");
	assert_near(j->required_growth * 100, 12.42, 0.005, "12.42 %/yr");
	assert_near(j->planned, 1136.6000, 1e-3, "planned at 2023");
	assert_near(j->gap, -87.6300, 1e-3, "gap");
	assert_near(j->gap_pct, -7.7098, 1e-3, "gap %");
	assert_near(j->gap_pct, -7.71, 0.005, "gap % -7.71");
	assert_false(j->linear_fallback);
}

static void
test_judge_gdp_example(void **state)
{
	struct target_conf t = gdp_target();
	struct judgement j;

	(void)state;
	judge(&t, gdp_obs, &j);
	/* 2021, 2022, 2023 are after the baseline; 2020 is not. */
	check_gdp_2023(&j, 3);
}

/* Observations before the baseline say nothing about progress. */
static void
test_judge_ignores_before_baseline(void **state)
{
	static const struct pv obs[] = {
	    {"2015", 485.85},
	    {"2018", 5000}, /* absurd on purpose: must not matter */
	    {"2019", -1},
	    {"2020", 902.27},
	    {"2021", 1030.11},
	    {"2022", 1045.07},
	    {"2023", 1048.97},
	    {NULL, 0},
	};
	struct target_conf t = gdp_target();
	struct judgement j;

	(void)state;
	judge(&t, obs, &j);
	check_gdp_2023(&j, 3);
}

/*
 * The baseline value is the configured one, not the observation at the
 * baseline period: an observed 2020 of 1 changes nothing.
 */
static void
test_judge_baseline_value_is_configured(void **state)
{
	static const struct pv obs[] = {
	    {"2020", 1},
	    {"2021", 1030.11},
	    {"2022", 1045.07},
	    {"2023", 1048.97},
	    {NULL, 0},
	};
	struct target_conf t = gdp_target();
	struct judgement j;

	(void)state;
	judge(&t, obs, &j);
	check_gdp_2023(&j, 3);
}

/* Gaps in the series: only 2021 and 2023.  The latest value decides. */
static void
test_judge_gaps(void **state)
{
	static const struct pv obs[] = {
	    {"2021", 1030.11},
	    {"2023", 1048.97},
	    {NULL, 0},
	};
	struct target_conf t = gdp_target();
	struct judgement j;

	(void)state;
	judge(&t, obs, &j);
	check_gdp_2023(&j, 2);
}

/* Only the baseline observed: no evidence yet, and nothing computed. */
static void
test_judge_only_baseline(void **state)
{
	static const struct pv obs[] = {
	    {"2019", 850},
	    {"2020", 902.27},
	    {NULL, 0},
	};
	struct target_conf t = gdp_target();
	struct judgement j;

	(void)state;
	judge(&t, obs, &j);
	assert_status(j.status, STATUS_NO_DATA, "only baseline");
	assert_false(j.have_latest);
	assert_int_equal(j.nobs, 0);
	assert_nan(j.planned, "planned");
	assert_nan(j.gap, "gap");
	assert_nan(j.gap_pct, "gap %");
	assert_nan(j.observed_growth, "observed growth");
	assert_nan(j.projected, "projected");
	assert_nan(j.ratio, "ratio");
	assert_nan(j.required_growth, "required growth");
	assert_false(j.linear_fallback);
}

static void
test_judge_empty(void **state)
{
	static const struct pv obs[] = {{NULL, 0}};
	struct target_conf t = gdp_target();
	struct judgement j;

	(void)state;
	judge(&t, obs, &j);
	assert_status(j.status, STATUS_NO_DATA, "no observations");
	assert_false(j.have_latest);
	assert_nan(j.ratio, "ratio");
}

/*
 * Status thresholds.  The latest period is the deadline (2025), so
 * years_left = 0 and the projection is the latest value itself:
 * r = (v - 100) / (200 - 100), exact in binary for the boundary values
 * (95 / 100 and 60 / 100 round to the same doubles as 0.95 and 0.6).
 * On a boundary the better status wins.
 */
struct threshold_case {
	double latest;
	double on_track, at_risk;
	enum status want;
};

static const struct threshold_case threshold_cases[] = {
    {200, 0.95, 0.6, STATUS_MET}, /* r = 1, and v >= v_T */
    {199.99, 0.95, 0.6, STATUS_ON_TRACK}, /* r = 0.9999 */
    {195, 0.95, 0.6, STATUS_ON_TRACK}, /* r = 0.95: on the line */
    {194.99, 0.95, 0.6, STATUS_AT_RISK}, /* r = 0.9499 */
    {160, 0.95, 0.6, STATUS_AT_RISK}, /* r = 0.6: on the line */
    {159.99, 0.95, 0.6, STATUS_OFF_TRACK}, /* r = 0.5999 */
    {100, 0.95, 0.6, STATUS_OFF_TRACK}, /* r = 0: on the line */
    {99.99, 0.95, 0.6, STATUS_REGRESSING}, /* r = -0.0001 */
    {50, 0.95, 0.6, STATUS_REGRESSING}, /* r = -0.5 */
    /* configured thresholds 0.8 / 0.5 */
    {180, 0.8, 0.5, STATUS_ON_TRACK}, /* r = 0.8 */
    {179, 0.8, 0.5, STATUS_AT_RISK}, /* r = 0.79 */
    {150, 0.8, 0.5, STATUS_AT_RISK}, /* r = 0.5 */
    {149, 0.8, 0.5, STATUS_OFF_TRACK}, /* r = 0.49 */
};

static void
test_judge_thresholds(void **state)
{
	char what[64];

	(void)state;
	for (size_t i = 0; i < NELEM(threshold_cases); i++) {
		const struct threshold_case *c = &threshold_cases[i];
		struct target_conf t =
		    reach("2020", 100, "2025", 200, PATH_LINEAR);
		struct pv obs[] = {{"2025", c->latest}, {NULL, 0}};
		struct judgement j;

		t.on_track_ratio = c->on_track;
		t.at_risk_ratio = c->at_risk;
		judge(&t, obs, &j);
		snprintf(what, sizeof(what), "latest %g, thresholds %g/%g",
		    c->latest, c->on_track, c->at_risk);
		assert_near(j.years_left, 0, 0, what);
		assert_near(j.projected, c->latest, 0, what);
		assert_near(j.ratio, (c->latest - 100) / 100, 1e-12, what);
		assert_status(j.status, c->want, what);
		/* Past the deadline nothing more is required. */
		assert_nan(j.required_growth, what);
	}
}

/*
 * Regressing: GDP falls to 880 in 2022.
 *   g = (880 / 902.27)^(1/2) - 1 = -0.0124182
 *   p = 880 * 0.9875818^3 = 847.6214
 *   r = (847.6214 - 902.27) / 423.46 = -0.1290526
 */
static void
test_judge_regressing(void **state)
{
	static const struct pv obs[] = {{"2022", 880}, {NULL, 0}};
	struct target_conf t = gdp_target();
	struct judgement j;

	(void)state;
	judge(&t, obs, &j);
	assert_near(j.observed_growth, -0.0124182, 1e-6, "observed growth");
	assert_near(j.projected, 847.6214, 1e-3, "projected");
	assert_near(j.ratio, -0.1290526, 1e-6, "ratio");
	assert_status(j.status, STATUS_REGRESSING, "gdp 880");
}

/*
 * Met: the latest value at or beyond the target, whatever the ratio.
 * 2024 at exactly 1325.73 is met (>=); 2023 at 1330 is met; 2024 at
 * 1325.72 is not: g = (1325.72 / 902.27)^(1/4) - 1 = 0.1009785,
 * p = 1325.72 * 1.1009785 = 1459.589, r = 557.319 / 423.46 = 1.316108,
 * so on_track.
 */
static void
test_judge_met(void **state)
{
	static const struct pv at[] = {{"2024", 1325.73}, {NULL, 0}};
	static const struct pv above[] = {{"2023", 1330}, {NULL, 0}};
	static const struct pv below[] = {{"2024", 1325.72}, {NULL, 0}};
	struct target_conf t = gdp_target();
	struct judgement j;

	(void)state;
	judge(&t, at, &j);
	assert_status(j.status, STATUS_MET, "exactly at the target");
	judge(&t, above, &j);
	assert_status(j.status, STATUS_MET, "above the target");
	assert_true(j.have_latest);
	assert_near(j.latest_value, 1330, 0, "latest");
	judge(&t, below, &j);
	assert_near(j.ratio, 1.316108, 1e-6, "1325.72: ratio");
	assert_status(j.status, STATUS_ON_TRACK, "just below the target");
}

/*
 * about: 10 % of 1325.73 = 132.573, so an upward target counts as met from
 * 1325.73 - 132.573 = 1193.157.  1200 in 2024 is met with about 0.1.
 * Without it: g = (1200 / 902.27)^(1/4) - 1 = 0.0738934,
 * p = 1200 * 1.0738934 = 1288.672, r = 386.402 / 423.46 = 0.912488, so
 * at_risk.  1190 is short of 1193.157 even with the tolerance:
 * g = (1190 / 902.27)^(1/4) - 1 = 0.0716491, p = 1275.262,
 * r = 372.992 / 423.46 = 0.880821, at_risk.
 */
static void
test_judge_about(void **state)
{
	static const struct pv near[] = {{"2024", 1200}, {NULL, 0}};
	static const struct pv short_of[] = {{"2024", 1190}, {NULL, 0}};
	struct target_conf t = gdp_target();
	struct judgement j;

	(void)state;
	judge(&t, near, &j);
	assert_near(j.ratio, 0.912488, 1e-6, "1200: ratio");
	assert_status(j.status, STATUS_AT_RISK, "1200 without tolerance");
	t.about = 0.1;
	judge(&t, near, &j);
	assert_status(j.status, STATUS_MET, "1200 with about 10 %");
	judge(&t, short_of, &j);
	assert_near(j.ratio, 0.880821, 1e-6, "1190: ratio");
	assert_status(j.status, STATUS_AT_RISK, "1190 with about 10 %");
}

/*
 * Direction down: mortality 10 (2020) -> 6 (2025), compound.
 *   2022 = 9: g = (0.9)^(1/2) - 1 = -0.0513167,
 *             p = 9 * 0.9486833^3 = 7.684335,
 *             r = (7.684335 - 10) / (6 - 10) = 0.578916 -> off_track,
 *             planned = 10 * 0.6^(2/5) = 8.151931,
 *             required = (6 / 9)^(1/3) - 1 = -0.1264195
 *   2022 = 8: g = 0.8^(1/2) - 1, p = 8 * 0.8^(3/2) = 5.724334,
 *             r = (5.724334 - 10) / -4 = 1.068916 -> on_track
 *   2022 = 11: p = 11 * 1.1^(3/2) = 12.690587,
 *             r = 2.690587 / -4 = -0.672647 -> regressing
 *   2024 = 6: met.  2024 = 6.5: p = 6.5 * 0.65^(1/4) = 5.836355,
 *             r = 4.163645 / 4 = 1.040911 -> on_track; with about 0.1
 *             (slack 0.1 * 6 = 0.6, met up to 6.6): met
 */
static void
test_judge_direction_down(void **state)
{
	static const struct pv nine[] = {{"2022", 9}, {NULL, 0}};
	static const struct pv eight[] = {{"2022", 8}, {NULL, 0}};
	static const struct pv eleven[] = {{"2022", 11}, {NULL, 0}};
	static const struct pv six[] = {{"2024", 6}, {NULL, 0}};
	static const struct pv six5[] = {{"2024", 6.5}, {NULL, 0}};
	struct target_conf t = reach("2020", 10, "2025", 6, PATH_COMPOUND);
	struct judgement j;

	(void)state;
	assert_int_equal(t.direction, DIRECTION_DOWN);
	judge(&t, nine, &j);
	assert_near(j.observed_growth, -0.0513167, 1e-6, "9: growth");
	assert_near(j.projected, 7.684335, 1e-6, "9: projected");
	assert_near(j.ratio, 0.578916, 1e-6, "9: ratio");
	assert_near(j.planned, 8.151931, 1e-6, "9: planned");
	assert_near(j.gap, 9 - 8.151931, 1e-6, "9: gap");
	assert_near(j.required_growth, -0.1264195, 1e-6, "9: required");
	assert_status(j.status, STATUS_OFF_TRACK, "mortality 9");

	judge(&t, eight, &j);
	assert_near(j.ratio, 1.068916, 1e-6, "8: ratio");
	assert_status(j.status, STATUS_ON_TRACK, "mortality 8");

	judge(&t, eleven, &j);
	assert_near(j.ratio, -0.672647, 1e-6, "11: ratio");
	assert_status(j.status, STATUS_REGRESSING, "mortality 11");

	judge(&t, six, &j);
	assert_status(j.status, STATUS_MET, "mortality 6");
	judge(&t, six5, &j);
	assert_near(j.ratio, 1.040911, 1e-6, "6.5: ratio");
	assert_status(j.status, STATUS_ON_TRACK, "mortality 6.5, no about");
	t.about = 0.1;
	judge(&t, six5, &j);
	assert_status(j.status, STATUS_MET, "mortality 6.5, about 10 %");
}

/*
 * Baseline 0: compound growth from 0 is impossible, so the projection is
 * linear and says so.  0 (2020) -> 50 (2025), compound configured; the
 * planned path is linear too (a compound path cannot leave 0).
 *   2022 = 16: slope 16 / 2 = 8 per year, p = 16 + 8 * 3 = 40,
 *              r = 40 / 50 = 0.8 -> at_risk,
 *              planned = 50 * 2/5 = 20, gap = -4, gap % = -20,
 *              required = (50 / 16)^(1/3) - 1 = 0.4620089
 */
static void
test_judge_baseline_zero(void **state)
{
	static const struct pv obs[] = {{"2022", 16}, {NULL, 0}};
	struct target_conf t = reach("2020", 0, "2025", 50, PATH_COMPOUND);
	struct judgement j;

	(void)state;
	judge(&t, obs, &j);
	assert_true(j.linear_fallback);
	assert_nan(j.observed_growth, "observed growth");
	assert_near(j.projected, 40, 1e-9, "projected");
	assert_near(j.ratio, 0.8, 1e-12, "ratio");
	assert_status(j.status, STATUS_AT_RISK, "baseline 0");
	assert_near(j.planned, 20, 1e-9, "planned");
	assert_near(j.gap, -4, 1e-9, "gap");
	assert_near(j.gap_pct, -20, 1e-9, "gap %");
	assert_near(j.required_growth, 0.4620089, 1e-6, "required");
}

/*
 * Baseline and latest of opposite signs: -5 (2020) -> 20 (2025).
 *   2022 = 3: slope (3 + 5) / 2 = 4, p = 3 + 4 * 3 = 15,
 *             r = (15 + 5) / 25 = 0.8 -> at_risk,
 *             planned (linear, the compound path cannot cross 0)
 *             = -5 + 25 * 2/5 = 5, gap = -2, gap % = -2 / |5| = -40,
 *             required = (20 / 3)^(1/3) - 1 = 0.8820721
 */
static void
test_judge_opposite_signs(void **state)
{
	static const struct pv obs[] = {{"2022", 3}, {NULL, 0}};
	struct target_conf t = reach("2020", -5, "2025", 20, PATH_COMPOUND);
	struct judgement j;

	(void)state;
	judge(&t, obs, &j);
	assert_true(j.linear_fallback);
	assert_nan(j.observed_growth, "observed growth");
	assert_near(j.projected, 15, 1e-9, "projected");
	assert_near(j.ratio, 0.8, 1e-12, "ratio");
	assert_status(j.status, STATUS_AT_RISK, "-5 -> 3");
	assert_near(j.planned, 5, 1e-9, "planned");
	assert_near(j.gap_pct, -40, 1e-9, "gap %");
	assert_near(j.required_growth, 0.8820721, 1e-6, "required");
}

/*
 * Negative values on a linear path: -50 (2020) -> -20 (2025), upward.
 *   planned 2022 = -50 + 30 * 2/5 = -38; 2022 = -44: gap = -44 + 38 = -6,
 *   gap % = -6 / |-38| * 100 = -15.789474 (behind plan is negative even
 *   when the planned value is).
 *   2025 = -26 (deadline, p = latest): r = (-26 + 50) / 30 = 0.8 -> at_risk
 *   2024 = -20: met; 2024 = -21: not met.
 */
static void
test_judge_negative_linear(void **state)
{
	static const struct pv behind[] = {{"2022", -44}, {NULL, 0}};
	static const struct pv deadline[] = {{"2025", -26}, {NULL, 0}};
	static const struct pv met[] = {{"2024", -20}, {NULL, 0}};
	struct target_conf t = reach("2020", -50, "2025", -20, PATH_LINEAR);
	struct judgement j;

	(void)state;
	assert_int_equal(t.direction, DIRECTION_UP);
	judge(&t, behind, &j);
	assert_near(j.planned, -38, 1e-9, "planned");
	assert_near(j.gap, -6, 1e-9, "gap");
	assert_near(j.gap_pct, -15.789474, 1e-6, "gap %");
	judge(&t, deadline, &j);
	assert_near(j.ratio, 0.8, 1e-12, "ratio at the deadline");
	assert_status(j.status, STATUS_AT_RISK, "-26 at the deadline");
	judge(&t, met, &j);
	assert_status(j.status, STATUS_MET, "-20");
}

/*
 * BUG (target.c:64, target_cagr): baseline and latest both negative are
 * not "a baseline of 0 or of the opposite sign" (PRODUCT.md) nor "latest
 * and baseline of opposite signs" (target.c's own header), so the observed
 * growth is compound and there is no linear fallback:
 *   -50 (2020) -> -44 (2022): g = (-44 / -50)^(1/2) - 1 = 0.88^0.5 - 1
 *   = -0.0619168, p = -44 * 0.88^(3/2) = -36.32258,
 *   r = (-36.32258 + 50) / 30 = 0.455914 -> off_track.
 * target_cagr returns NAN unless both values are > 0, so this judgement
 * falls back to linear and the explanation claims "baseline zero or of the
 * other sign".
 */
static void
test_judge_negative_same_sign_compound(void **state)
{
	static const struct pv obs[] = {{"2022", -44}, {NULL, 0}};
	struct target_conf t = reach("2020", -50, "2025", -20, PATH_COMPOUND);
	struct judgement j;

	(void)state;
	judge(&t, obs, &j);
	assert_status(j.status, STATUS_OFF_TRACK, "-50 -> -44");
	if (j.linear_fallback)
		fail_msg(
		    "linear fallback for a baseline and latest of the same "
		    "sign (-50, -44): projected %g, growth %g",
		    j.projected, j.observed_growth);
	assert_near(j.observed_growth, -0.0619168, 1e-6, "observed growth");
	assert_near(j.projected, -36.32258, 1e-5, "projected");
	assert_near(j.ratio, 0.455914, 1e-6, "ratio");
}

/*
 * The deadline has passed: 2026 = 1300 for a 2025 target.  The projection
 * is the latest value, nothing more is required, years_left is -1.
 *   r = (1300 - 902.27) / 423.46 = 0.939239 -> at_risk
 *   planned 2026 = 902.27 * 1.469327^(6/5) = 1431.7883 (past the target)
 */
static void
test_judge_deadline_passed(void **state)
{
	static const struct pv obs[] = {
	    {"2023", 1048.97},
	    {"2026", 1300},
	    {NULL, 0},
	};
	struct target_conf t = gdp_target();
	struct judgement j;

	(void)state;
	judge(&t, obs, &j);
	assert_int_equal(j.latest_period.year, 2026);
	assert_near(j.years_left, -1, 1e-12, "years left");
	assert_near(j.projected, 1300, 0, "projected = latest");
	assert_near(j.ratio, 0.9392387, 1e-6, "ratio");
	assert_status(j.status, STATUS_AT_RISK, "2026 = 1300");
	assert_nan(j.required_growth, "required growth");
	assert_false(j.linear_fallback);
	assert_near(j.planned, 1431.7883, 1e-3, "planned 2026");
}

/*
 * Quarterly data, periods in the NBS and ISO forms.  Baseline 2020-Q4
 * (b = 2020.0) 100, target 2022-Q4 (T = 2022.0) 121, compound.  Latest
 * 2021-Q2 ("2021B", t = 2020.5) = 104:
 *   el = 0.5, left = 1.5
 *   g = 1.04^(1/0.5) - 1 = 1.0816 - 1 = 0.0816
 *   p = 104 * 1.0816^1.5 = 116.985856
 *   r = (116.985856 - 100) / 21 = 0.8088503 -> at_risk
 *   planned = 100 * 1.21^(0.5 / 2) = 100 * 1.1^0.5 = 104.880885
 *   required = (121 / 104)^(1 / 1.5) - 1 = 0.1062026
 */
static void
test_judge_quarterly(void **state)
{
	static const struct pv obs[] = {
	    {"2020-Q3", 98},
	    {"2020D", 100},
	    {"2021Q1", 102},
	    {"2021B", 104},
	    {NULL, 0},
	};
	struct target_conf t =
	    reach("2020-Q4", 100, "2022-Q4", 121, PATH_COMPOUND);
	struct judgement j;

	(void)state;
	judge(&t, obs, &j);
	assert_int_equal(j.nobs, 2);
	assert_int_equal(j.latest_period.freq, FREQ_QUARTERLY);
	assert_int_equal(j.latest_period.year, 2021);
	assert_int_equal(j.latest_period.sub, 2);
	assert_near(j.years_elapsed, 0.5, 1e-12, "years elapsed");
	assert_near(j.years_left, 1.5, 1e-12, "years left");
	assert_near(j.observed_growth, 0.0816, 1e-9, "observed growth");
	assert_near(j.projected, 116.985856, 1e-6, "projected");
	assert_near(j.ratio, 0.8088503, 1e-6, "ratio");
	assert_status(j.status, STATUS_AT_RISK, "2021-Q2");
	assert_near(j.planned, 104.880885, 1e-6, "planned");
	assert_near(j.required_growth, 0.1062026, 1e-6, "required");
}

struct status_case {
	enum status status;
	const char *name;
	enum severity severity;
	bool problem;
};

static const struct status_case status_cases[] = {
    {STATUS_NOT_MET, "not_met", SEVERITY_CRITICAL, true},
    {STATUS_BREACH, "breach", SEVERITY_CRITICAL, true},
    {STATUS_REGRESSING, "regressing", SEVERITY_CRITICAL, true},
    {STATUS_OFF_TRACK, "off_track", SEVERITY_CRITICAL, true},
    {STATUS_AT_RISK, "at_risk", SEVERITY_WARNING, true},
    {STATUS_NEARLY_MET, "nearly_met", SEVERITY_WARNING, true},
    {STATUS_ON_TRACK, "on_track", SEVERITY_INFO, false},
    {STATUS_AHEAD, "ahead", SEVERITY_INFO, false},
    {STATUS_MET, "met", SEVERITY_INFO, false},
    {STATUS_NO_DATA, "no_data", SEVERITY_INFO, false},
    {STATUS_FEED_ERROR, "feed_error", SEVERITY_CRITICAL, true},
};

static void
test_status_tables(void **state)
{
	(void)state;
	assert_int_equal(NELEM(status_cases), STATUS_COUNT);
	for (size_t i = 0; i < NELEM(status_cases); i++) {
		const struct status_case *c = &status_cases[i];

		assert_string_equal(status_name(c->status), c->name);
		if (status_severity(c->status) != c->severity)
			fail_msg("%s: severity %d, want %d", c->name,
			    (int)status_severity(c->status), (int)c->severity);
		if (status_is_problem(c->status) != c->problem)
			fail_msg("%s: is_problem %d, want %d", c->name,
			    (int)status_is_problem(c->status), (int)c->problem);
	}
	assert_string_equal(status_name(STATUS_COUNT), "unknown");
}

/* Which targets may stand beside the chart of their indicator. */
static void
test_target_same_series(void **state)
{
	struct target_conf t[3];
	struct indicator_conf ic;

	(void)state;
	memset(t, 0, sizeof(t));
	memset(&ic, 0, sizeof(ic));
	ic.targets = t;
	ic.ntargets = 3;
	t[0].kind = TARGET_REACH;
	t[1].kind = TARGET_FLOOR;
	t[2].kind = TARGET_GROWTH;
	t[2].basis = BASIS_YOY;
	assert_false(target_judged_on_growth(&t[0]));
	assert_true(target_judged_on_growth(&t[2]));
	assert_true(target_same_series(&ic, 0));
	assert_true(target_same_series(&ic, 1)); /* both on the levels */
	assert_false(target_same_series(&ic, 2)); /* growth beside levels */
	/* A chart of growth: not beside a level target. */
	t[0] = t[2];
	assert_false(target_same_series(&ic, 1));
	assert_true(target_same_series(&ic, 2));
	/* Published rates and the growth of the levels differ. */
	t[0].rate_indicator = "gdp_growth";
	assert_false(target_same_series(&ic, 2));
	t[2].rate_indicator = "gdp_growth";
	assert_true(target_same_series(&ic, 2));
	/* An average growth target is drawn on the levels. */
	t[2].basis = BASIS_CAGR;
	assert_false(target_judged_on_growth(&t[2]));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_target_same_series),
	    cmocka_unit_test(test_cagr_plan_gdp),
	    cmocka_unit_test(test_cagr_cases),
	    cmocka_unit_test(test_planned_path),
	    cmocka_unit_test(test_judge_gdp_example),
	    cmocka_unit_test(test_judge_ignores_before_baseline),
	    cmocka_unit_test(test_judge_baseline_value_is_configured),
	    cmocka_unit_test(test_judge_gaps),
	    cmocka_unit_test(test_judge_only_baseline),
	    cmocka_unit_test(test_judge_empty),
	    cmocka_unit_test(test_judge_thresholds),
	    cmocka_unit_test(test_judge_regressing),
	    cmocka_unit_test(test_judge_met),
	    cmocka_unit_test(test_judge_about),
	    cmocka_unit_test(test_judge_direction_down),
	    cmocka_unit_test(test_judge_baseline_zero),
	    cmocka_unit_test(test_judge_opposite_signs),
	    cmocka_unit_test(test_judge_negative_linear),
	    cmocka_unit_test(test_judge_negative_same_sign_compound),
	    cmocka_unit_test(test_judge_deadline_passed),
	    cmocka_unit_test(test_judge_quarterly),
	    cmocka_unit_test(test_status_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_target: the reach judgement's arithmetic (daemon/judge/target.c) against
 * expectations computed by hand, not with the code under test: the CAGR
 * and the planned path, the worked GDP example, which observations count,
 * the thresholds, regressing and met; the statuses' table, and which
 * targets stand beside their indicator's chart.  Edge cases (tolerance,
 * direction down, zero and negative values, deadlines, quarters) are in
 * test_target_edges.c.  Each case
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
#include "unit/judge_case.h"

#define MAX_OBS 8

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
	    cmocka_unit_test(test_status_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

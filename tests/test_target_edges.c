/*
 * test_target_edges: the reach judgement (daemon/judge/target.c) at its
 * edges, against expectations computed by hand as in test_target.c: a
 * tolerance ("about"), a target downwards, a baseline of zero, values of
 * opposite signs and negative ones, a deadline passed, quarterly periods.
 * Notation: "b", "t" and "T" the baseline, latest and deadline on the
 * period_years() scale, v_b, v_t, v_T their values, g the observed growth,
 * p the projection and r the progress ratio (p - v_b) / (v_T - v_b).
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_judge_about),
	    cmocka_unit_test(test_judge_direction_down),
	    cmocka_unit_test(test_judge_baseline_zero),
	    cmocka_unit_test(test_judge_opposite_signs),
	    cmocka_unit_test(test_judge_negative_linear),
	    cmocka_unit_test(test_judge_negative_same_sign_compound),
	    cmocka_unit_test(test_judge_deadline_passed),
	    cmocka_unit_test(test_judge_quarterly),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_target_explain: what the sentence of a judgement says beyond the
 * tables (daemon/judge/explain*.c): the year the target is reached, Open
 * SDG's terms, the trend window, the labels of the statuses, and no
 * "nan" or "inf" when every number is NAN.
 * Expectations are computed by hand, never with the code under test; the
 * notation and the targets of the rows are in unit/judge_case.h.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "config.h"
#include "explain.h"
#include "obs.h"
#include "period.h"
#include "target.h"
#include "unit/judge_case.h"

/* ------------------------------------------------------------------ */
/* what the sentence says: year reached, Open SDG's terms, trend window */

/* Judges obs on spec and explains it in locale into buf. */
static void
explain_spec(const struct tspec *spec, const struct pv *obs, const char *locale,
    struct judgement *j, char *buf, size_t len)
{
	struct target_conf t = judge_case_target(spec);
	struct indicator_conf ic = indicator(&t, 1);
	struct obs_list l;

	load(&l, obs);
	target_judge(&t, &l, j);
	explain_judgement(&ic, &t, j, locale, buf, len);
	unload(&l);
}

/*
 * The year reached at the observed pace, while a reach or average growth
 * target is not met:
 *   100 (2020) -> 200 (2025), 2022 = 130: g = 0.1401754, reach year
 *     2025.283854 (table above), in 2026;
 *   average growth 20 % from 100 (2020), 2022 = 121: g = 0.1, v_T =
 *     248.832, 2022 + ln(248.832/121) / ln(1.1) = 2029.5646, in 2030;
 *   2022 = 200: met, no year; 2022 = 81: falling, never, no year;
 *   2022 = 100.1: g = 0.0005, 1387 years: "never" too.
 */
static void
test_explain_reach_year(void **state)
{
	struct tspec reach = {LIN_UP}, cagr = {CAGR20};
	struct judgement j;
	char buf[1024];

	(void)state;
	explain_spec(&reach, OBS({"2022", 130}), "zh-CN", &j, buf, sizeof(buf));
	assert_near(explain_reach_year(&j), 2026, 0, "year");
	assert_has(buf, "进度比 0.93，按目前速度将于 2026 年达到；", "zh");
	explain_spec(&reach, OBS({"2022", 130}), "en", &j, buf, sizeof(buf));
	assert_has(
	    buf, "(progress ratio 0.93), reached in 2026 at this pace;", "en");
	explain_spec(&cagr, OBS({"2022", 121}), "zh-CN", &j, buf, sizeof(buf));
	assert_near(j.reach_year, 2029.5646, 1e-4, "cagr reach year");
	assert_has(buf, "按目前速度将于 2030 年达到", "cagr zh");
	explain_spec(&reach, OBS({"2022", 200}), "zh-CN", &j, buf, sizeof(buf));
	assert_status(j.status, STATUS_MET, "met");
	assert_true(isnan(explain_reach_year(&j)));
	assert_lacks(buf, "按目前速度", "met");
	explain_spec(&reach, OBS({"2022", 81}), "zh-CN", &j, buf, sizeof(buf));
	assert_true(isnan(j.reach_year));
	assert_lacks(buf, "按目前速度", "falling");
	explain_spec(&reach, OBS({"2022", 100.1}), "en", &j, buf, sizeof(buf));
	assert_true(j.reach_year > 3000);
	assert_true(isnan(explain_reach_year(&j)));
	assert_lacks(buf, "at this pace", "centuries");
}

/*
 * method: opensdg speaks Open SDG's terms: the ratio of observed to
 * required growth and its progress status, never UNSD's "progress
 * ratio".  100 -> 200 compound (g_req 0.1486984), 2022 = 121: 0.67,
 * progress made but acceleration needed; baseline 0 -> 50, 2022 = 16:
 * growth undefined, the ratio of linear paces 0.8.
 */
static void
test_explain_opensdg_terms(void **state)
{
	struct tspec osdg = {OSDG_UP};
	struct tspec zero = {.kind = TARGET_REACH,
	    .path = PATH_COMPOUND,
	    .bp = "2020",
	    .bv = 0,
	    .tp = "2025",
	    .tv = 50,
	    .method = METHOD_OPENSDG};
	struct tspec unsd = {.kind = TARGET_REACH,
	    .path = PATH_COMPOUND,
	    .bp = "2020",
	    .bv = 100,
	    .tp = "2025",
	    .tv = 200};
	struct judgement j;
	char buf[1024];

	(void)state;
	explain_spec(&osdg, OBS({"2022", 121}), "zh-CN", &j, buf, sizeof(buf));
	assert_has(buf,
	    "，实际与所需年均增速之比 0.67（Open SDG 进展状态：取得进展但需"
	    "加快），按目前速度将于",
	    "opensdg zh");
	assert_lacks(buf, "进度比", "opensdg zh");
	explain_spec(&osdg, OBS({"2022", 121}), "en", &j, buf, sizeof(buf));
	assert_has(buf,
	    "2025 is projected at 161.05 (observed to required growth 0.67, "
	    "Open SDG progress status: progress made but acceleration "
	    "needed)",
	    "opensdg en");
	assert_lacks(buf, "progress ratio", "opensdg en");
	explain_spec(&zero, OBS({"2022", 16}), "zh-CN", &j, buf, sizeof(buf));
	assert_has(buf,
	    "实际与所需年均变化之比 0.80（Open SDG "
	    "进展状态：取得进展但需加快）",
	    "linear paces zh");
	explain_spec(&zero, OBS({"2022", 16}), "en", &j, buf, sizeof(buf));
	assert_has(buf, "observed to required change per year 0.80", "en");
	/* The default method keeps its own term. */
	explain_spec(&unsd, OBS({"2022", 121}), "zh-CN", &j, buf, sizeof(buf));
	assert_has(buf, "进度比 0.61", "unsd");
	assert_lacks(buf, "Open SDG", "unsd");
}

/*
 * projection: trend names the window it fitted.  Reach 100 -> 200, k = 3,
 * 2021..2023 = 110, 121, 133.1 (exact +10 %): "按近 3 期加权趋势（年均
 * 10%）"; with k = 5 and only those three observations the window is 3.
 * Average growth 20 % from 100 (2020), trend k = 2 over 2021 = 110,
 * 2022 = 132: the average since the baseline is (1.32)^(1/2) - 1 =
 * 14.89 %, the trend's growth 132/110 - 1 = 20 %: the sentence says
 * both, each for what it is.
 */
static void
test_explain_trend_window(void **state)
{
	struct tspec k3 = {LIN_UP, .proj = PROJECTION_TREND, .k = 3};
	struct tspec k5 = {LIN_UP, .proj = PROJECTION_TREND, .k = 5};
	struct tspec cagr = {CAGR20, .proj = PROJECTION_TREND, .k = 2};
	const struct pv *obs =
	    OBS({"2021", 110}, {"2022", 121}, {"2023", 133.1});
	struct judgement j;
	char buf[1024];

	(void)state;
	explain_spec(&k3, obs, "zh-CN", &j, buf, sizeof(buf));
	assert_int_equal(j.trend_used, 3);
	assert_has(buf,
	    "（-16.81%）；按近 3 期加权趋势（年均 10%），2025 年预计",
	    "trend zh");
	assert_lacks(buf, "以来年均", "trend zh");
	explain_spec(&k3, obs, "en", &j, buf, sizeof(buf));
	assert_has(buf,
	    "; on the weighted trend of the last 3 periods (10 %/yr), 2025 is "
	    "projected at 161.05",
	    "trend en");
	explain_spec(&k5, obs, "zh-CN", &j, buf, sizeof(buf));
	assert_int_equal(j.trend_used, 3);
	assert_has(buf, "按近 3 期加权趋势", "window of the data");
	/* Without trend: the growth since the baseline. */
	explain_spec(
	    &(struct tspec){LIN_UP}, obs, "zh-CN", &j, buf, sizeof(buf));
	assert_int_equal(j.trend_used, 0);
	assert_has(buf, "按 2020 年以来年均", "growth");
	explain_spec(&cagr, OBS({"2021", 110}, {"2022", 132}), "zh-CN", &j, buf,
	    sizeof(buf));
	assert_int_equal(j.trend_used, 2);
	assert_has(buf,
	    "2020 年至 2022 年年均增长 14.89%，目标为年均 20% 以上；按近 2 期"
	    "加权趋势（年均 20%），",
	    "cagr trend zh");
	explain_spec(&cagr, OBS({"2021", 110}, {"2022", 132}), "en", &j, buf,
	    sizeof(buf));
	assert_has(buf,
	    "14.89 %/yr on average from 2020 to 2022, against at least 20 "
	    "%/yr; on the weighted trend of the last 2 periods (20 %/yr)",
	    "cagr trend en");
}

/* ------------------------------------------------------------------ */
/* explanations beyond the tables                                       */

/* The labels of the statuses, both locales. */
static void
test_explain_status_labels(void **state)
{
	(void)state;
	assert_string_equal(explain_status(STATUS_BREACH, "zh-CN"), "突破约束");
	assert_string_equal(
	    explain_status(STATUS_REGRESSING, "en"), "regressing");
	assert_string_equal(
	    explain_status(STATUS_OFF_TRACK, "zh-CN"), "偏离目标");
	assert_string_equal(explain_status(STATUS_AT_RISK, "en"), "at risk");
	assert_string_equal(
	    explain_status(STATUS_ON_TRACK, "zh-CN"), "进度正常");
	assert_string_equal(explain_status(STATUS_MET, "en"), "met");
	assert_string_equal(explain_status(STATUS_NO_DATA, "en"), "no data");
}

static void
test_explain_all_nan(void **state)
{
	static const struct tspec specs[] = {
	    {YOY8}, {FLOOR5}, {CEIL55}, {DECLINE}, {RISE}};

	(void)state;
	explain_all_nan(specs, NELEM(specs));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_explain_reach_year, release),
	    cmocka_unit_test_teardown(test_explain_opensdg_terms, release),
	    cmocka_unit_test_teardown(test_explain_trend_window, release),
	    cmocka_unit_test_teardown(test_explain_status_labels, release),
	    cmocka_unit_test_teardown(test_explain_all_nan, release),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

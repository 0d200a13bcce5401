/*
 * test_target_series: evaluate_indicator with a rate series (the growth
 * targets judged on the rates, the others on the levels), without one,
 * the series each target is judged and shown on (report, dashboard), and
 * times said in the configured zone.
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
#include "evaluate.h"
#include "explain.h"
#include "html.h"
#include "obs.h"
#include "period.h"
#include "plan_report.h"
#include "report.h"
#include "target.h"
#include "tz.h"
#include "unit/judge_case.h"

/* ------------------------------------------------------------------ */
/* evaluate_indicator                                                   */

struct series_arg {
	const struct obs_list *rates;
	size_t index; /* of the rate indicator */
	int calls;
};

static const struct obs_list *
series_cb(void *arg, size_t index)
{
	struct series_arg *a = arg;

	a->calls++;
	if (index != a->index)
		fail_msg("series asked for indicator %zu, want %zu", index,
		    a->index);
	return a->rates;
}

static const struct obs_list *
series_none(void *arg, size_t index)
{
	struct series_arg *a = arg;

	(void)index;
	a->calls++;
	return NULL;
}

/*
 * GDP (levels 2020..2024 = 100, 110, 121, 133.1, 146.41: +10 % a year)
 * with three targets: [0] growth yoy 8 % from 2021 to 2025 on the rate
 * indicator 3 (published 9.5, 1.1, 2.5 for 2021..2023), [1] reach 100 ->
 * 200 by 2025 on the levels, [2] growth cagr 20 % on the same rates.
 *   [0] the example: breach, 2 of 3, first 2022, from the rates.
 *   [1] 2024 = 146.41: g = 0.1, p = 146.41 * 1.1 = 161.051, r = 0.61051
 *       -> at_risk.
 *   [2] index 100 * 1.095 = 109.5, * 1.011 = 110.70450, * 1.025 =
 *       113.47211; g = 1.1347211^(1/3) - 1 = 0.0430290,
 *       p = 113.47211 * 1.0430290^2 = 123.44739,
 *       r = 23.44739 / 148.832 = 0.157543 -> off_track.
 */
static void
gdp_indicator(struct target_conf *t, struct indicator_conf *ic)
{
	struct tspec yoy = {YOY8, .from = "2021", .to = "2025"};
	struct tspec reach = {LIN_UP};
	struct tspec cagr = {CAGR20};

	t[0] = judge_case_target(&yoy);
	t[0].rate_indicator = "gdp_growth";
	t[0].rate_indicator_index = 3;
	t[1] = judge_case_target(&reach);
	t[2] = judge_case_target(&cagr);
	t[2].rate_indicator = "gdp_growth";
	t[2].rate_indicator_index = 3;
	*ic = indicator(t, 3);
}

static const struct pv gdp_levels[] = {{"2020", 100}, {"2021", 110},
    {"2022", 121}, {"2023", 133.1}, {"2024", 146.41}, {NULL, 0}};
static const struct pv gdp_rates[] = {
    {"2021", 9.5}, {"2022", 1.1}, {"2023", 2.5}, {NULL, 0}};

static void
test_evaluate_rate_series(void **state)
{
	struct config conf;
	struct target_conf t[3];
	struct indicator_conf ic;
	struct obs_list levels, rates;
	struct series_arg arg;
	struct judgement j[3];

	(void)state;
	memset(&conf, 0, sizeof(conf));
	gdp_indicator(t, &ic);
	load(&levels, gdp_levels);
	load(&rates, gdp_rates);
	arg = (struct series_arg){&rates, 3, 0};

	/* 2025-06-01: the 2024 values are not due before 2025-10-01. */
	evaluate_indicator(
	    &conf, &ic, &levels, series_cb, &arg, at("2025-06-01", 0), j);
	assert_int_equal(arg.calls, 2); /* the reach target asks nothing */
	assert_status(j[0].status, STATUS_BREACH, "yoy on rates");
	assert_true(j[0].from_rates);
	assert_int_equal(j[0].violations, 2);
	assert_int_equal(j[0].judged_periods, 3);
	assert_period(&j[0].first_violation, "2022", "yoy first");
	assert_near(j[0].latest_value, 2.5, 1e-12, "yoy latest");
	assert_status(j[1].status, STATUS_AT_RISK, "reach on levels");
	assert_false(j[1].from_rates);
	assert_near(j[1].ratio, 0.61051, 1e-6, "reach ratio");
	assert_status(j[2].status, STATUS_OFF_TRACK, "cagr on rates");
	assert_true(j[2].from_rates);
	assert_near(j[2].latest_value, 113.4721, 1e-4, "cagr index");
	assert_near(j[2].ratio, 0.157543, 1e-6, "cagr ratio");
	for (int i = 0; i < 3; i++)
		assert_false(j[i].stale);

	/*
	 * 2025-10-01: the rates end 2023, so 2024 is overdue on the series
	 * the growth targets are judged on; the levels reach 2024 and the
	 * reach target is not stale.
	 */
	arg.calls = 0;
	evaluate_indicator(
	    &conf, &ic, &levels, series_cb, &arg, at("2025-10-01", 0), j);
	assert_true(j[0].stale);
	assert_status(j[0].status, STATUS_BREACH, "yoy judged");
	assert_period(&j[0].overdue, "2024", "yoy overdue");
	assert_status(j[1].status, STATUS_AT_RISK, "reach fresh");
	assert_false(j[1].stale);
	assert_true(j[2].stale);
	assert_status(j[2].status, STATUS_OFF_TRACK, "cagr judged");
	unload(&levels);
	unload(&rates);
}

/*
 * Without the rate series (the callback knows none, or there is no
 * callback) growth is judged on the levels: +10 % every year 2021..2024
 * -> yoy on_track (4 periods); cagr: g = 1.1^(4/4) - 1 = 0.1,
 * p = 146.41 * 1.1 = 161.051, r = 61.051 / 148.832 = 0.410201 ->
 * off_track.
 */
static void
test_evaluate_without_rates(void **state)
{
	struct config conf;
	struct target_conf t[3];
	struct indicator_conf ic;
	struct obs_list levels;
	struct series_arg arg = {NULL, 3, 0};
	struct judgement j[3];

	(void)state;
	memset(&conf, 0, sizeof(conf));
	gdp_indicator(t, &ic);
	load(&levels, gdp_levels);
	for (int pass = 0; pass < 2; pass++) {
		evaluate_indicator(&conf, &ic, &levels,
		    pass == 0 ? series_none : NULL, &arg, at("2025-06-01", 0),
		    j);
		assert_status(j[0].status, STATUS_ON_TRACK, "yoy on levels");
		assert_false(j[0].from_rates);
		assert_int_equal(j[0].judged_periods, 4);
		assert_near(j[0].latest_value, 10, 1e-9, "yoy latest");
		assert_status(j[1].status, STATUS_AT_RISK, "reach");
		assert_status(j[2].status, STATUS_OFF_TRACK, "cagr on levels");
		assert_false(j[2].from_rates);
		assert_near(j[2].ratio, 0.410201, 1e-6, "cagr ratio");
	}
	assert_int_equal(arg.calls, 2); /* only the pass with a callback */
	unload(&levels);
}

/* ------------------------------------------------------------------ */
/* the series a target is judged and shown on                          */

/*
 * A growth target on a level indicator (GDP in 亿元: 100 (2020), 110,
 * 121, 133.1, 146.41 (2024), +10 % a year) is judged on the growth: 10 %
 * in every period 2021..2024, latest 10 (2024), in "%".  Its value as
 * people read it is "10 %", never the level 146.41 亿元; a reach target on
 * the same indicator keeps the level; an average growth target shows the
 * average since its baseline.  With the rate indicator's published rates
 * (9.5, 1.1, 2.5) the growth is those: "2.5 %" (2023).
 */
static void
test_growth_target_on_levels(void **state)
{
	struct config conf;
	struct target_conf t[3];
	struct indicator_conf ic;
	struct obs_list levels, rates, growth;
	struct judgement j[3];
	char value[64], period[64];

	(void)state;
	memset(&conf, 0, sizeof(conf));
	gdp_indicator(t, &ic);
	load(&levels, gdp_levels);
	load(&rates, gdp_rates);

	/* The growth series, from the levels and from the rates. */
	assert_int_equal(target_growth_series(&levels, NULL, &growth), 0);
	assert_int_equal(growth.n, 4); /* 2020 has no year before */
	for (size_t k = 0; k < growth.n; k++)
		assert_near(growth.v[k].value, 10, 1e-9, "growth of levels");
	assert_period(&growth.v[0].period, "2021", "first growth");
	assert_period(&growth.v[3].period, "2024", "last growth");
	obs_list_clear(&growth);
	assert_int_equal(target_growth_series(&levels, &rates, &growth), 0);
	assert_int_equal(growth.n, 3);
	assert_near(growth.v[2].value, 2.5, 0, "published");
	obs_list_clear(&growth);

	/* Judged on the levels' growth (no rate series). */
	evaluate_indicator(
	    &conf, &ic, &levels, NULL, NULL, at("2025-06-01", 0), j);
	assert_int_equal(target_judged_series(&t[0], &j[0]), JUDGED_GROWTH);
	assert_string_equal(judged_series_name(JUDGED_GROWTH), "growth");
	assert_string_equal(target_unit(&ic, &t[0], &j[0]), "%");
	assert_near(j[0].latest_value, 10, 1e-9, "judged on growth");
	assert_true(explain_latest(&ic, &t[0], &j[0], "zh-CN", value,
	    sizeof(value), period, sizeof(period)));
	assert_string_equal(value, "10 %");
	assert_string_equal(period, "2024");
	/* The reach target keeps the levels. */
	assert_int_equal(target_judged_series(&t[1], &j[1]), JUDGED_LEVEL);
	assert_string_equal(target_unit(&ic, &t[1], &j[1]), "亿元");
	assert_true(explain_latest(&ic, &t[1], &j[1], "zh-CN", value,
	    sizeof(value), period, sizeof(period)));
	assert_string_equal(value, "146.41 亿元");
	/* The average growth target: (146.41 / 100)^(1/4) - 1 = 10 %. */
	assert_int_equal(target_judged_series(&t[2], &j[2]), JUDGED_LEVEL);
	assert_true(explain_latest(&ic, &t[2], &j[2], "zh-CN", value,
	    sizeof(value), period, sizeof(period)));
	assert_string_equal(value, "年均 10 %");
	assert_string_equal(period, "2020–2024");
	assert_true(explain_latest(&ic, &t[2], &j[2], "en", value,
	    sizeof(value), period, sizeof(period)));
	assert_string_equal(value, "10 %/yr");

	/* On the published rates. */
	evaluate_indicator(&conf, &ic, &levels, series_cb,
	    &(struct series_arg){&rates, 3, 0}, at("2025-06-01", 0), j);
	assert_true(j[0].from_rates);
	assert_string_equal(target_unit(&ic, &t[0], &j[0]), "%");
	assert_true(explain_latest(&ic, &t[0], &j[0], "en", value,
	    sizeof(value), period, sizeof(period)));
	assert_string_equal(value, "2.5 %");
	assert_string_equal(period, "2023");
	/* The cagr target on the rates: the chained index. */
	assert_int_equal(target_judged_series(&t[2], &j[2]), JUDGED_INDEX);
	assert_string_equal(target_unit(&ic, &t[2], &j[2]), "");
	unload(&levels);
	unload(&rates);
}

/*
 * What eval (text and JSON) and the dashboard show for that growth target:
 * the growth and its unit (10 %, 2024), not the level (146.41 亿元).
 */
static void
test_growth_target_shown_on_growth(void **state)
{
	struct config conf;
	struct target_conf t[1];
	struct indicator_conf ic;
	struct obs_list levels;
	struct judgement j[1];
	const struct judgement *jp[1] = {j};
	struct report_input in;
	struct html_site site;
	struct html_filter none = {0};
	struct tspec yoy = {YOY8, .from = "2021", .to = "2025"};
	json_t *doc, *target;
	char *text = NULL;
	size_t len;
	FILE *f;

	(void)state;
	memset(&conf, 0, sizeof(conf));
	memset(&site, 0, sizeof(site));
	t[0] = judge_case_target(&yoy);
	ic = indicator(t, 1);
	ic.group = "经济发展";
	ic.owner = "区统计局";
	conf.indicators = &ic;
	conf.nindicators = 1;
	conf.locale = "zh-CN";
	load(&levels, gdp_levels);
	evaluate_indicator(
	    &conf, &ic, &levels, NULL, NULL, at("2025-06-01", 0), j);
	in = (struct report_input){
	    .conf = &conf, .obs = &levels, .j = jp, .at = at("2025-06-01", 0)};

	doc = report_json(&in);
	assert_non_null(doc);
	target = json_array_get(
	    json_object_get(
		json_array_get(json_object_get(doc, "indicators"), 0),
		"targets"),
	    0);
	assert_string_equal(
	    json_string_value(json_object_get(target, "series")), "growth");
	assert_string_equal(
	    json_string_value(json_object_get(target, "unit")), "%");
	assert_near(json_real_value(json_object_get(
			json_object_get(target, "latest"), "value")),
	    10, 1e-9, "JSON latest");
	json_decref(doc);

	assert_non_null(f = open_memstream(&text, &len));
	assert_int_equal(report_text(&in, f), 0);
	assert_int_equal(fclose(f), 0);
	assert_has(text, "ind/growth  10 %（2024）", "eval text");
	assert_lacks(text, "146.41", "eval text");
	free(text);

	assert_non_null(f = open_memstream(&text, &len));
	assert_int_equal(html_dashboard(&in, &site, &none, f), 0);
	assert_int_equal(fclose(f), 0);
	assert_has(
	    text, "<td>10 %<div class=\"x\">2024</div></td>", "dashboard row");
	assert_lacks(text, "146.41", "dashboard row");
	/* The chart of a growth target is of the growth: its sparkline
	 * stands beside it. */
	assert_has(text, "/graph/ind.svg?view=spark", "sparkline");
	free(text);

	assert_non_null(f = open_memstream(&text, &len));
	assert_int_equal(html_indicator(&in, &site, 0, f), 0);
	assert_int_equal(fclose(f), 0);
	/* The table of periods: the level, its growth, the floor. */
	assert_has(text,
	    "<tr><td>2024</td><td>146.41 亿元</td><td class=\"mark\"></td>"
	    "<td>10 %</td>"
	    "<td>8 %</td></tr>",
	    "indicator page");
	free(text);
	unload(&levels);
}

/*
 * Times people read are in the configured zone: 2026-11-25 20:00 UTC
 * (1795636800) is 2026-11-26 04:00 in Asia/Shanghai.  The eval header,
 * the dashboard's last fetch and the scheduled report's date say so;
 * without a zone they are UTC.  The JSON keeps its UTC "as_of".
 */
static void
test_times_in_zone(void **state)
{
	struct config conf;
	struct target_conf t[1];
	struct indicator_conf ic;
	struct obs_list levels;
	struct judgement j[1];
	const struct judgement *jp[1] = {j};
	struct report_input in;
	struct html_feed feed;
	struct html_site site;
	struct html_filter none = {0};
	struct route_conf route;
	struct plan_report_in pin;
	struct plan_report rep;
	struct tspec floor = {FLOOR5};
	char *text = NULL, err[256];
	size_t len;
	json_t *doc;
	FILE *f;

	(void)state;
	memset(&conf, 0, sizeof(conf));
	memset(&site, 0, sizeof(site));
	memset(&feed, 0, sizeof(feed));
	memset(&route, 0, sizeof(route));
	t[0] = judge_case_target(&floor);
	ic = indicator(t, 1);
	conf.indicators = &ic;
	conf.nindicators = 1;
	conf.locale = "zh-CN";
	conf.tz = tz_load("Asia/Shanghai", err, sizeof(err));
	assert_non_null(conf.tz);
	load(&levels, OBS({"2024", 6}));
	evaluate_indicator(&conf, &ic, &levels, NULL, NULL, 1795636800, j);
	in = (struct report_input){
	    .conf = &conf, .obs = &levels, .j = jp, .at = 1795636800};

	assert_non_null(f = open_memstream(&text, &len));
	assert_int_equal(report_text(&in, f), 0);
	assert_int_equal(fclose(f), 0);
	assert_has(text, "（截至 2026-11-26 04:00 UTC+8，1 项目标）", "eval");
	free(text);
	doc = report_json(&in);
	assert_string_equal(json_string_value(json_object_get(doc, "as_of")),
	    "2026-11-25T20:00:00Z");
	json_decref(doc);

	feed.last_fetch = 1795636800;
	site.feeds = &feed;
	assert_non_null(f = open_memstream(&text, &len));
	assert_int_equal(html_dashboard(&in, &site, &none, f), 0);
	assert_int_equal(fclose(f), 0);
	assert_has(text, "2026-11-26 04:00 UTC+8", "dashboard");
	free(text);

	route.report.every = REPORT_DAILY;
	pin = (struct plan_report_in){
	    .conf = &conf, .route = &route, .j = jp, .slot = 1795636800};
	assert_int_equal(plan_report_compose(&pin, &rep), 0);
	assert_has(rep.subject, "日报（2026-11-26）", "report subject");
	plan_report_free(&rep);

	/* No zone configured: UTC. */
	tz_free(conf.tz);
	conf.tz = NULL;
	assert_non_null(f = open_memstream(&text, &len));
	assert_int_equal(report_text(&in, f), 0);
	assert_int_equal(fclose(f), 0);
	assert_has(text, "（截至 2026-11-25 20:00 UTC，1 项目标）", "eval UTC");
	free(text);
	assert_int_equal(plan_report_compose(&pin, &rep), 0);
	assert_has(rep.subject, "日报（2026-11-25）", "report subject UTC");
	plan_report_free(&rep);
	unload(&levels);
}

/*
 * What a table shows as planned: a ceiling's bound over its periods
 * (2021-2025) only, nothing for 2015 or 2026 that it never judged.
 */
static void
test_planned_value_within_periods(void **state)
{
	struct tspec c = {
	    .kind = TARGET_CEILING, .bound = 14, .from = "2021", .to = "2025"};
	struct target_conf t = judge_case_target(&c);
	struct period p;

	(void)state;
	assert_int_equal(period_parse("2015", &p, NULL, 0), 0);
	assert_true(isnan(target_planned_value(&t, NULL, &p)));
	assert_int_equal(period_parse("2021", &p, NULL, 0), 0);
	assert_float_equal(target_planned_value(&t, NULL, &p), 14, 0);
	assert_int_equal(period_parse("2025", &p, NULL, 0), 0);
	assert_float_equal(target_planned_value(&t, NULL, &p), 14, 0);
	assert_int_equal(period_parse("2026", &p, NULL, 0), 0);
	assert_true(isnan(target_planned_value(&t, NULL, &p)));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_evaluate_rate_series, release),
	    cmocka_unit_test_teardown(test_evaluate_without_rates, release),
	    cmocka_unit_test_teardown(test_growth_target_on_levels, release),
	    cmocka_unit_test_teardown(
		test_growth_target_shown_on_growth, release),
	    cmocka_unit_test_teardown(test_times_in_zone, release),
	    cmocka_unit_test(test_planned_value_within_periods),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

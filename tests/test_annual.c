/*
 * test_annual: annual targets (年度目标) judged year by year, and binding
 * indicators (约束性): their severity and its override, counted apart in
 * roll-ups, listed first; then what eval (text and JSON) and the
 * indicator page show of both.  Expectations are worked by hand.
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

#include "alert_state.h"
#include "config.h"
#include "digest.h"
#include "evaluate.h"
#include "html.h"
#include "html_annual.h"
#include "obs.h"
#include "report.h"
#include "target.h"
#include "unit/judge_case.h"

/* 100 (2020) -> 150 (2025), up: annual 2021 110, 2022 120, 2023 130. */
static const struct annual_target up_years[] = {
    {2021, 110}, {2022, 120}, {2023, 130}};

/*
 * A reach target "up": 2021 112 >= 110 met (+2); 2022 118 < 120 not met
 * (-2); 2023 exactly 130 met (gap 0); 2024 has no annual target; a year
 * without a value is neither.
 */
static void
test_annual_reach_up(void **state)
{
	struct tspec s = {.kind = TARGET_REACH,
	    .bp = "2020",
	    .bv = 100,
	    .tp = "2025",
	    .tv = 150};
	struct target_conf t = judge_case_target(&s);
	struct annual_target years[] = {
	    {2021, 110}, {2022, 120}, {2023, 130}, {2025, 150}};
	struct annual_result r[8];
	struct obs_list o;

	(void)state;
	t.annual = years;
	t.nannual = NELEM(years);
	load(&o,
	    OBS({"2020", 100}, {"2021", 112}, {"2022", 118}, {"2023", 130},
		{"2024", 140}));
	assert_int_equal(target_annual(&t, &o, NULL, r, 8), 4);
	assert_int_equal(r[0].year, 2021);
	assert_true(r[0].have && r[0].met);
	assert_near(r[0].gap, 2, 1e-9, "2021 gap");
	assert_int_equal(r[1].year, 2022);
	assert_true(r[1].have);
	assert_false(r[1].met);
	assert_near(r[1].gap, -2, 1e-9, "2022 gap");
	assert_near(r[1].actual, 118, 1e-9, "2022 actual");
	assert_true(r[2].have && r[2].met);
	assert_near(r[2].gap, 0, 1e-9, "2023 at the target");
	assert_false(r[3].have);
	assert_false(r[3].met);
	assert_nan(r[3].actual, "2025 actual");
	assert_nan(r[3].gap, "2025 gap");
	/* At most max years. */
	assert_int_equal(target_annual(&t, &o, NULL, r, 2), 2);
	unload(&o);
}

/*
 * A reach target "down" (mortality 20 -> 14): 2021 18.5 <= 19 met
 * (-0.5); 2022 18 > 17.5 not met (+0.5).  A ceiling's annual value
 * replaces its bound for the year: ceiling 14, annual 2022 12, value 13
 * is under the bound but over the year's 12: not met.
 */
static void
test_annual_down_and_bounds(void **state)
{
	struct tspec down = {.kind = TARGET_REACH,
	    .dir = DIRECTION_DOWN,
	    .bp = "2020",
	    .bv = 20,
	    .tp = "2025",
	    .tv = 14};
	struct tspec ceil = {
	    .kind = TARGET_CEILING, .bound = 14, .from = "2021", .to = "2025"};
	struct tspec floor = {
	    .kind = TARGET_FLOOR, .bound = 80, .from = "2021", .to = "2025"};
	struct target_conf t = judge_case_target(&down);
	struct target_conf c = judge_case_target(&ceil);
	struct target_conf f = judge_case_target(&floor);
	struct annual_target dy[] = {{2021, 19}, {2022, 17.5}};
	struct annual_target cy[] = {{2022, 12}};
	struct annual_target fy[] = {{2022, 85}};
	struct annual_result r[4];
	struct obs_list o;

	(void)state;
	t.annual = dy;
	t.nannual = NELEM(dy);
	load(&o, OBS({"2020", 20}, {"2021", 18.5}, {"2022", 18}));
	assert_int_equal(target_annual(&t, &o, NULL, r, 4), 2);
	assert_true(r[0].met);
	assert_near(r[0].gap, -0.5, 1e-9, "down 2021 gap");
	assert_false(r[1].met);
	assert_near(r[1].gap, 0.5, 1e-9, "down 2022 gap");
	unload(&o);

	c.annual = cy;
	c.nannual = 1;
	load(&o, OBS({"2021", 15}, {"2022", 13}));
	assert_int_equal(target_annual(&c, &o, NULL, r, 4), 1);
	assert_true(r[0].have);
	assert_false(r[0].met);
	assert_near(r[0].gap, 1, 1e-9, "ceiling 2022 gap");
	unload(&o);

	/* A floor 80 with 2022's 85: 84 keeps the floor, misses the year. */
	f.annual = fy;
	f.nannual = 1;
	load(&o, OBS({"2022", 84}));
	assert_int_equal(target_annual(&f, &o, NULL, r, 4), 1);
	assert_false(r[0].met);
	assert_near(r[0].gap, -1, 1e-9, "floor 2022 gap");
	unload(&o);
}

/*
 * Growth targets compare the year's growth in %: levels 100, 108.5, 116
 * grow 8.5 % in 2021 and 6.912 % in 2022 (116 / 108.5 - 1).  A yoy
 * target with annual 8.5 and 7: 2021 met (gap 0), 2022 not met.  A cagr
 * target of -3 %/yr (energy intensity) goes down: growth -3.5 % against
 * an annual -3 is met, -2 % is not.
 */
static void
test_annual_growth(void **state)
{
	struct tspec yoy = {.kind = TARGET_GROWTH,
	    .basis = BASIS_YOY,
	    .rate = 0.06,
	    .from = "2021",
	    .to = "2025"};
	struct tspec cagr = {.kind = TARGET_GROWTH,
	    .basis = BASIS_CAGR,
	    .rate = -0.03,
	    .bp = "2020",
	    .bv = 1,
	    .tp = "2025"};
	struct target_conf t = judge_case_target(&yoy);
	struct target_conf c = mk(&cagr);
	struct annual_target ty[] = {{2021, 8.5}, {2022, 7}};
	struct annual_target cy[] = {{2021, -3}, {2022, -3}};
	struct annual_result r[4];
	struct obs_list o;

	(void)state;
	t.annual = ty;
	t.nannual = NELEM(ty);
	load(&o, OBS({"2020", 100}, {"2021", 108.5}, {"2022", 116}));
	assert_int_equal(target_annual(&t, &o, NULL, r, 4), 2);
	assert_true(r[0].met);
	assert_near(r[0].actual, 8.5, 1e-9, "yoy 2021 growth");
	assert_false(r[1].met);
	assert_near(r[1].actual, 6.912442396, 1e-6, "yoy 2022 growth");
	unload(&o);

	c.annual = cy;
	c.nannual = NELEM(cy);
	load(&o, OBS({"2020", 1}, {"2021", 0.965}, {"2022", 0.9457}));
	assert_int_equal(target_annual(&c, &o, NULL, r, 4), 2);
	assert_true(r[0].met);
	assert_near(r[0].gap, -0.5, 1e-6, "cagr 2021 gap");
	assert_false(r[1].met);
	assert_near(r[1].actual, -2, 1e-6, "cagr 2022 growth");
	unload(&o);
}

/*
 * A binding indicator's problems are critical by default (at_risk too,
 * a warning otherwise); alerts.severity set for a status overrides both
 * (policy_of in daemon/core/alert.c writes it into severity and binding
 * alike, as this test does).
 */
static void
test_binding_severity(void **state)
{
	struct alert_policy p, b;

	(void)state;
	assert_int_equal(binding_severity(STATUS_AT_RISK), SEVERITY_CRITICAL);
	assert_int_equal(status_severity(STATUS_AT_RISK), SEVERITY_WARNING);
	assert_int_equal(binding_severity(STATUS_NOT_MET), SEVERITY_CRITICAL);
	assert_int_equal(
	    binding_severity(STATUS_REGRESSING), SEVERITY_CRITICAL);
	/* Not a miss: as for any indicator. */
	assert_int_equal(binding_severity(STATUS_NEARLY_MET), SEVERITY_WARNING);
	assert_int_equal(binding_severity(STATUS_ON_TRACK), SEVERITY_INFO);
	alert_policy_default(&p);
	alert_policy_binding(&p, &b);
	assert_int_equal(b.severity[STATUS_AT_RISK], SEVERITY_CRITICAL);
	assert_int_equal(p.severity[STATUS_AT_RISK], SEVERITY_WARNING);
	/* alerts.severity: {at_risk: warning} */
	p.severity[STATUS_AT_RISK] = p.binding[STATUS_AT_RISK] =
	    SEVERITY_WARNING;
	alert_policy_binding(&p, &b);
	assert_int_equal(b.severity[STATUS_AT_RISK], SEVERITY_WARNING);
	assert_int_equal(b.severity[STATUS_OFF_TRACK], SEVERITY_CRITICAL);
	assert_int_equal(b.for_count, p.for_count);
}

/*
 * The plan of the shown tests: indicator 0 anticipatory (GDP, reach
 * 100 -> 150, annual 2021 110, 2022 120, 2023 130 without a value yet),
 * indicator 1 binding (energy, ceiling 14), both off track or breached so that
 * binding comes first among equals.
 */
struct plan {
	struct config conf;
	struct target_conf t[2];
	struct indicator_conf ic[2];
	struct obs_list obs[2];
	struct judgement j[2][1];
	const struct judgement *jp[2];
	struct report_input in;
};

static void
plan_make(struct plan *p, char *locale)
{
	struct tspec gdp = {.kind = TARGET_REACH,
	    .bp = "2020",
	    .bv = 100,
	    .tp = "2025",
	    .tv = 150};
	struct tspec energy = {.kind = TARGET_REACH,
	    .bp = "2020",
	    .bv = 100,
	    .tp = "2025",
	    .tv = 150};
	time_t now = at("2023-06-01", 0);

	memset(p, 0, sizeof(*p));
	p->t[0] = judge_case_target(&gdp);
	p->t[0].annual = (struct annual_target *)up_years;
	p->t[0].nannual = 3;
	p->t[1] = judge_case_target(&energy);
	p->ic[0] = indicator(&p->t[0], 1);
	p->ic[0].id = "gdp";
	p->ic[0].name = "地区生产总值";
	p->ic[0].nature = NATURE_ANTICIPATORY;
	p->ic[1] = indicator(&p->t[1], 1);
	p->ic[1].id = "energy";
	p->ic[1].name = "能耗";
	p->ic[1].nature = NATURE_BINDING;
	p->conf.indicators = p->ic;
	p->conf.nindicators = 2;
	p->conf.locale = locale;
	/* Both far behind their paths (104 against 120 planned in 2022):
	 * the same status. */
	load(&p->obs[0], OBS({"2020", 100}, {"2021", 112}, {"2022", 104}));
	load(&p->obs[1], OBS({"2020", 100}, {"2021", 102}, {"2022", 104}));
	for (int i = 0; i < 2; i++) {
		evaluate_indicator(
		    &p->conf, &p->ic[i], &p->obs[i], NULL, NULL, now, p->j[i]);
		p->jp[i] = p->j[i];
	}
	assert_int_equal(p->j[0][0].status, p->j[1][0].status);
	assert_true(status_is_miss(p->j[1][0].status));
	p->in = (struct report_input){
	    .conf = &p->conf, .obs = p->obs, .j = p->jp, .at = now};
}

/* Binding pairs counted apart in every row: the plan, chapter, owner. */
static void
test_binding_rollup(void **state)
{
	struct plan p;
	struct rollup r = {0};
	struct judgement good = {.status = STATUS_ON_TRACK};

	(void)state;
	plan_make(&p, (char *)"zh-CN");
	assert_int_equal(rollup_add(&r, &p.ic[0], p.j[0]), 0);
	assert_int_equal(rollup_add(&r, &p.ic[1], p.j[1]), 0);
	/* The binding indicator again, on track: 2 binding, 1 missed. */
	assert_int_equal(rollup_add(&r, &p.ic[1], &good), 0);
	assert_int_equal(r.plan.total, 3);
	assert_int_equal(r.plan.binding, 2);
	assert_int_equal(r.plan.binding_missed, 1);
	assert_int_equal(r.ngroups, 1);
	assert_int_equal(r.groups[0].binding, 2);
	assert_int_equal(r.groups[0].binding_missed, 1);
	assert_int_equal(r.owners[0].binding_missed, 1);
	rollup_clear(&r);
	unload(&p.obs[0]);
	unload(&p.obs[1]);
}

/* What eval writes: the binding target first among equals, the counts,
 * the annual line; the JSON's annual array, nature and binding counts. */
static void
test_eval_shows(void **state)
{
	struct plan p;
	char *text = NULL;
	size_t len;
	FILE *f;
	json_t *doc, *ind, *a, *y;

	(void)state;
	plan_make(&p, (char *)"zh-CN");
	assert_non_null(f = open_memstream(&text, &len));
	assert_int_equal(report_text(&p.in, f), 0);
	assert_int_equal(fclose(f), 0);
	assert_has(text, "约束性目标 1 项，未达要求 1 项", "eval counts");
	assert_has(text, "能耗（约束性）  energy/reach", "eval binding");
	assert_has(text, "地区生产总值（预期性）  gdp/reach", "eval other");
	assert_true(strstr(text, "能耗（约束性）") <
	    strstr(text, "地区生产总值（预期性）"));
	assert_has(text,
	    "    年度目标：2021 110，实际 112 ✓（+2）；2022 120，实际 104 ✗"
	    "（-16）；2023 130，尚无数据\n",
	    "eval annual");
	free(text);

	doc = report_json(&p.in);
	assert_non_null(doc);
	assert_int_equal(
	    json_integer_value(json_object_get(
		json_object_get(json_object_get(doc, "plan"), "binding"),
		"missed")),
	    1);
	ind = json_array_get(json_object_get(doc, "indicators"), 0);
	assert_string_equal(
	    json_string_value(json_object_get(ind, "nature")), "anticipatory");
	a = json_object_get(
	    json_array_get(json_object_get(ind, "targets"), 0), "annual");
	assert_int_equal(json_array_size(a), 3);
	/* 2023: no value yet, no verdict. */
	y = json_array_get(a, 2);
	assert_true(json_is_null(json_object_get(y, "actual")));
	assert_true(json_is_null(json_object_get(y, "met")));
	assert_true(json_is_null(json_object_get(y, "gap")));
	y = json_array_get(a, 1);
	assert_int_equal(json_integer_value(json_object_get(y, "year")), 2022);
	assert_near(json_real_value(json_object_get(y, "target")), 120, 1e-9,
	    "JSON target");
	assert_near(json_real_value(json_object_get(y, "actual")), 104, 1e-9,
	    "JSON actual");
	assert_true(json_is_false(json_object_get(y, "met")));
	assert_near(
	    json_real_value(json_object_get(y, "gap")), -16, 1e-9, "JSON gap");
	json_decref(doc);
	unload(&p.obs[0]);
	unload(&p.obs[1]);
}

/* The indicator page: 约束性 / 预期性, and the value table's two annual
 * columns (the year's target; ✓ met or ✗ not met with the gap). */
static void
test_page_shows(void **state)
{
	struct plan p;
	struct html_site site = {0};
	struct html_filter none = {0};
	char *text = NULL;
	size_t len;
	FILE *f;

	(void)state;
	plan_make(&p, (char *)"zh-CN");
	assert_non_null(f = open_memstream(&text, &len));
	assert_int_equal(html_indicator(&p.in, &site, 0, f), 0);
	assert_int_equal(fclose(f), 0);
	assert_has(text, "<p class=\"nature\">预期性指标</p>", "nature");
	assert_has(text, "<th>年度目标</th><th>年度结论</th></tr>", "head");
	assert_has(text,
	    "<td>120 亿元</td><td class=\"annual\">✗ 未达到（-16 亿元）</td>"
	    "</tr>",
	    "2022 row");
	assert_has(text,
	    "<td>110 亿元</td><td class=\"annual\">✓ 达到（+2 亿元）</td>"
	    "</tr>",
	    "2021 row");
	/* 2023 has an annual target and no value yet: a row of its own,
	 * above 2022's. */
	assert_has(text,
	    "<tr><td>2023</td><td></td><td></td><td></td><td>130 亿元</td>"
	    "<td class=\"annual\"></td></tr>\n<tr><td>2022</td>",
	    "2023 row");
	/* 2020 has no annual target: empty cells. */
	assert_has(text, "<td></td><td></td></tr>", "2020 row");
	free(text);

	assert_non_null(f = open_memstream(&text, &len));
	assert_int_equal(html_indicator(&p.in, &site, 1, f), 0);
	assert_int_equal(fclose(f), 0);
	assert_has(text, "<p class=\"nature\">约束性指标</p>", "binding");
	assert_lacks(text, "年度目标", "no annual targets");
	free(text);

	/* The dashboard: the binding row first among equals, the count. */
	assert_non_null(f = open_memstream(&text, &len));
	assert_int_equal(html_dashboard(&p.in, &site, &none, f), 0);
	assert_int_equal(fclose(f), 0);
	assert_has(text, "约束性目标 1 项，未达要求 1 项", "dashboard count");
	assert_non_null(strstr(text, "/indicator/energy"));
	assert_true(
	    strstr(text, "/indicator/energy") < strstr(text, "/indicator/gdp"));
	free(text);

	/* In English. */
	p.conf.locale = (char *)"en";
	assert_non_null(f = open_memstream(&text, &len));
	assert_int_equal(html_indicator(&p.in, &site, 1, f), 0);
	assert_int_equal(fclose(f), 0);
	assert_has(text, "Binding indicator", "English");
	assert_lacks(text, "(约束性)", "English");
	free(text);
	unload(&p.obs[0]);
	unload(&p.obs[1]);
}

/* A growth target's year: its gap in points (个百分点), not per cent. */
static void
test_page_growth_gap_in_points(void **state)
{
	struct tspec yoy = {.kind = TARGET_GROWTH,
	    .basis = BASIS_YOY,
	    .rate = 0.06,
	    .from = "2021",
	    .to = "2025"};
	struct target_conf t = judge_case_target(&yoy);
	struct annual_column a = {.t = &t, .unit = "%", .n = 1};
	struct period y2022 = {.freq = FREQ_ANNUAL, .year = 2022, .sub = 0};
	char *text = NULL;
	size_t len;
	FILE *f;

	(void)state;
	a.r[0] = (struct annual_result){.year = 2022,
	    .target = 7,
	    .have = true,
	    .actual = 6.5,
	    .met = false,
	    .gap = -0.5};
	assert_non_null(f = open_memstream(&text, &len));
	annual_column_cells(&a, &y2022, true, f);
	assert_int_equal(fclose(f), 0);
	assert_string_equal(text,
	    "<td>7 %</td><td class=\"annual\">✗ 未达到（-0.5 个百分点）</td>");
	free(text);
}

/* A digest's items: binding first among items of one severity and
 * status, after severity (a critical item before a binding warning). */
static void
test_digest_binding_first(void **state)
{
	struct target_conf t = {.id = "reach"};
	struct indicator_conf plain = {.id = "gdp", .name = "GDP"};
	struct indicator_conf bound = {
	    .id = "energy", .name = "Energy", .nature = NATURE_BINDING};
	struct alert_event ev[3];
	size_t order[3];

	(void)state;
	memset(ev, 0, sizeof(ev));
	for (int i = 0; i < 3; i++) {
		ev[i].target = &t;
		ev[i].old_status = STATUS_ON_TRACK;
		ev[i].new_status = STATUS_OFF_TRACK;
		ev[i].severity = SEVERITY_CRITICAL;
	}
	ev[0].ind = &plain;
	ev[1].ind = &bound;
	ev[2].ind = &bound;
	ev[2].new_status = STATUS_AT_RISK;
	ev[2].severity = SEVERITY_WARNING;
	assert_int_equal(digest_part_items(ev, 3, DIGEST_NEW, order), 3);
	assert_int_equal(order[0], 1);
	assert_int_equal(order[1], 0);
	assert_int_equal(order[2], 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_annual_reach_up, release),
	    cmocka_unit_test_teardown(test_annual_down_and_bounds, release),
	    cmocka_unit_test_teardown(test_annual_growth, release),
	    cmocka_unit_test_teardown(test_binding_severity, release),
	    cmocka_unit_test_teardown(test_binding_rollup, release),
	    cmocka_unit_test_teardown(test_eval_shows, release),
	    cmocka_unit_test_teardown(test_page_shows, release),
	    cmocka_unit_test(test_digest_binding_first),
	    cmocka_unit_test(test_page_growth_gap_in_points),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_graph_args: the rrdtool graph argument vector for one indicator's
 * chart of levels with a reach target (its plan, range, history before
 * 1980, sparkline, projection, footer, labels) and the escaping of text
 * for rrdtool, compared as strings (STYLE.md: graph tests compare the
 * vector, not PNG bytes).  The planned path is checked by evaluating its
 * CDEF with a small RPN evaluator (rpn_eval, unit/graph_case.c: the few
 * operators the CDEF uses, with rrdtool's semantics) and comparing with
 * target_planned_at, so the chart and the judgement cannot draw different
 * plans.  Instants are literal Unix seconds (UTC):
 *   2015-01-01 1420070400   2020-01-01 1577836800   2021-01-01 1609459200
 *   2024-01-01 1704067200   2026-01-01 1767225600   2028-01-01 1830297600
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "unit/graph_case.h"

/* The planned path's CDEF evaluated at now. */
static double
plan_at(const struct graph_argv *a, long long now)
{
	const char *cdef = arg_with(a, "CDEF:plan=");

	return rpn_eval(cdef + strlen("CDEF:plan="), (double)now);
}

/*
 * The plan runs from the baseline's end (2021-01-01, 2020.0 on the years
 * scale) to the deadline's end (2026-01-01, 2025.0).  At both ends and at
 * the midpoint the chart equals target_planned_at; outside it is unknown.
 * In between, by seconds: at 2024-01-01 f = (1704067200 - 1609459200) /
 * 157766400 = 1095 / 1826 days.
 */
static void
check_plan(const struct fixture *f)
{
	const struct target_conf *t = &f->t;
	long long mid = T2021 + (T2026 - T2021) / 2;
	double f24 = (double)(T2024 - T2021) / (double)(T2026 - T2021);
	double want24 = t->path == PATH_COMPOUND
	    ? 902.27 * pow(1325.73 / 902.27, f24)
	    : 902.27 + (1325.73 - 902.27) * f24;

	assert_near(f24, 1095.0 / 1826.0, 1e-15, "fraction at 2024-01-01");
	assert_true(isnan(plan_at(&f->a, T2021 - 1)));
	assert_near(plan_at(&f->a, T2021), target_planned_at(t, 2020), 1e-9,
	    "plan at the baseline");
	assert_near(plan_at(&f->a, T2021), 902.27, 1e-9, "902.27");
	assert_near(plan_at(&f->a, mid), target_planned_at(t, 2022.5), 1e-9,
	    "plan at the midpoint");
	assert_near(plan_at(&f->a, T2024), want24, 1e-9, "plan at 2024-01-01");
	assert_near(plan_at(&f->a, T2026), target_planned_at(t, 2025), 1e-9,
	    "plan at the deadline");
	assert_near(plan_at(&f->a, T2026), 1325.73, 1e-9, "1325.73");
	assert_true(isnan(plan_at(&f->a, T2026 + 1)));
}

/*
 * Range: baseline year start 2020-01-01 (1577836800) to deadline end
 * 2026-01-01 (1767225600); margin (1767225600 - 1577836800) / 20 =
 * 9469440; --start 1568367360, --end 1776695040.
 */
static void
test_args_compound_zh(void **state)
{
	struct fixture *f = *state;
	int def, cdef, hrule;
	double hv;
	char *end;

	fixture_init(f, PATH_COMPOUND, "zh-CN");
	build(f);
	assert_string_equal(f->a.v[0], "graph");
	assert_string_equal(f->a.v[1], "/var/graphs/gdp-plan.png");
	find_exact(&f->a, "--width=800");
	find_exact(&f->a, "--height=300");
	find_exact(&f->a, "--start=1568367360");
	find_exact(&f->a, "--end=1776695040");
	find_exact(&f->a, "--title=地区生产总值 — 存在风险");
	find_exact(&f->a, "--vertical-label=亿元");
	def = find_exact(
	    &f->a, "DEF:actual=/var/lib/planwatch/a\\:b.rrd:value:AVERAGE");
	find_exact(&f->a, "LINE2:actual#1F4E9C: 实际值");

	cdef = find_prefix(&f->a, "CDEF:plan=");
	assert_true(cdef > def);
	assert_non_null(
	    strstr(f->a.v[cdef], "TIME,1609459200,1767225600,LIMIT"));
	assert_non_null(strstr(f->a.v[cdef], ",EXP,"));
	check_plan(f);
	find_exact(&f->a, "LINE1:plan#555555: 计划路径:dashes=6,3");

	hrule = find_prefix(&f->a, "HRULE:");
	assert_true(hrule > def);
	hv = strtod(f->a.v[hrule] + strlen("HRULE:"), &end);
	assert_near(hv, 1325.73, 0, "HRULE value");
	assert_string_equal(end, "#C0392B: 目标 1325.73 (2025):dashes=2,2");
	find_exact(&f->a, "VRULE:1767225600#C0392B80");

	find_exact(&f->a, "CDEF:statusbox=actual,POP,UNKN");
	find_exact(&f->a, "AREA:statusbox#FF8C00: 状态 存在风险");
	find_exact(&f->a, "COMMENT:最新 2023\\: 1048.97 亿元");
	graph_argv_free(&f->a);
	assert_null(f->a.v);
	assert_int_equal(f->a.n, 0);
}

static void
test_args_linear(void **state)
{
	struct fixture *f = *state;
	const char *cdef;

	fixture_init(f, PATH_LINEAR, "zh-CN");
	build(f);
	cdef = arg_with(&f->a, "CDEF:plan=");
	assert_non_null(strstr(cdef, "TIME,1609459200,1767225600,LIMIT"));
	assert_null(strstr(cdef, "EXP"));
	check_plan(f);
	/* linear midpoint: (902.27 + 1325.73) / 2 = 1114 */
	assert_near(plan_at(&f->a, T2021 + (T2026 - T2021) / 2), 1114, 1e-9,
	    "linear midpoint");
	graph_argv_free(&f->a);
}

/* A compound path from a baseline of 0 cannot be drawn: linear. */
static void
test_args_compound_from_zero(void **state)
{
	struct fixture *f = *state;

	fixture_init(f, PATH_COMPOUND, "zh-CN");
	f->t.baseline_value = 0;
	f->j.baseline_value = 0; /* the chart draws the judged values */
	build(f);
	assert_null(strstr(arg_with(&f->a, "CDEF:plan="), "EXP"));
	/* 0 -> 1325.73, halfway: 662.865 */
	assert_near(plan_at(&f->a, T2021 + (T2026 - T2021) / 2), 662.865, 1e-9,
	    "linear from 0");
	assert_near(plan_at(&f->a, T2021 + (T2026 - T2021) / 2),
	    target_planned_at(&f->t, 2022.5), 1e-9, "same as the judgement");
	graph_argv_free(&f->a);
}

static void
test_args_en(void **state)
{
	struct fixture *f = *state;

	fixture_init(f, PATH_COMPOUND, "en");
	build(f);
	find_exact(&f->a, "--title=地区生产总值 — at risk");
	find_exact(&f->a, "LINE2:actual#1F4E9C: actual");
	find_exact(&f->a, "LINE1:plan#555555: planned path:dashes=6,3");
	assert_non_null(
	    strstr(arg_with(&f->a, "HRULE:"), ": target 1325.73 (2025):"));
	find_exact(&f->a, "AREA:statusbox#FF8C00: status at risk");
	find_exact(&f->a, "COMMENT:latest 2023\\: 1048.97 亿元");
	graph_argv_free(&f->a);
}

/*
 * No target and no judgement: only the data.  Range from the data,
 * 2015-01-01 (1420070400) to 2024-01-01 (1704067200), margin 283996800 /
 * 20 = 14199840: --start 1405870560, --end 1718267040.
 */
static void
test_args_no_target(void **state)
{
	struct fixture *f = *state;

	fixture_init(f, PATH_COMPOUND, "zh-CN");
	f->s.target = NULL;
	f->s.j = NULL;
	f->s.data_start = (time_t)T2015;
	f->s.data_end = (time_t)T2024;
	build(f);
	find_exact(&f->a, "--start=1405870560");
	find_exact(&f->a, "--end=1718267040");
	find_exact(&f->a, "--title=地区生产总值");
	find_exact(
	    &f->a, "DEF:actual=/var/lib/planwatch/a\\:b.rrd:value:AVERAGE");
	assert_int_equal(find_prefix(&f->a, "CDEF:plan="), -1);
	assert_int_equal(find_prefix(&f->a, "LINE1:plan"), -1);
	assert_int_equal(find_prefix(&f->a, "HRULE:"), -1);
	assert_int_equal(find_prefix(&f->a, "VRULE:"), -1);
	assert_int_equal(find_prefix(&f->a, "CDEF:statusbox"), -1);
	assert_int_equal(find_prefix(&f->a, "COMMENT:"), -1);
	graph_argv_free(&f->a);
}

/*
 * Data before the baseline (from 2015) and after the deadline (to the end
 * of 2027) widen the range: 1420070400 to 1830297600, margin 410227200 /
 * 20 = 20511360: --start 1399559040, --end 1850808960.  With data inside
 * the plan only, the plan decides (as in test_args_compound_zh).
 */
static void
test_args_range_from_data(void **state)
{
	struct fixture *f = *state;

	fixture_init(f, PATH_COMPOUND, "zh-CN");
	f->s.data_start = (time_t)T2015;
	f->s.data_end = (time_t)T2028;
	/* The plan view: from the baseline (2020), not the 2015 data, to
	 * the data's end in 2028, after the deadline; margins of 1/20. */
	build(f);
	find_exact(&f->a, "--start=1565213760");
	find_exact(&f->a, "--end=1842920640");
	graph_argv_free(&f->a);
	/* The history view: every stored period, 2015 to 2028. */
	f->s.view = GRAPH_HISTORY;
	build(f);
	find_exact(&f->a, "--start=1399559040");
	find_exact(&f->a, "--end=1850808960");
	assert_true(find_prefix(&f->a, "--title=") >= 0);
	assert_non_null(
	    strstr(f->a.v[find_prefix(&f->a, "--title=")], "历史数据"));
	graph_argv_free(&f->a);
	f->s.view = GRAPH_PLAN;

	f->s.data_start = (time_t)T2021;
	f->s.data_end = (time_t)T2024;
	build(f);
	find_exact(&f->a, "--start=1568367360");
	find_exact(&f->a, "--end=1776695040");
	graph_argv_free(&f->a);
}

/*
 * A history from before 1980 (World Bank series start in 1960): librrd
 * draws nothing before 1980-01-01 (315532800) and refuses a chart that
 * starts earlier, so the range starts there: 1960 or 1975 to 2026, margin
 * (1767225600 - 315532800) / 20 = 72584640 on the right only.  Its 48
 * years are labelled every 5 years at 800 pixels, not every year, and a
 * comment says where the older values are.  A history wholly before 1980
 * still gets a range: a year from 1980.  A history from 2015 has no such
 * comment.
 */
static void
test_args_history_before_1980_starts_in_1980(void **state)
{
	struct fixture *f = *state;
	static const time_t starts[] = {-315619200, 157766400};

	for (size_t i = 0; i < NELEM(starts); i++) {
		fixture_init(f, PATH_COMPOUND, "zh-CN");
		f->s.view = GRAPH_HISTORY;
		f->s.data_start = starts[i];
		f->s.data_end = (time_t)T2026;
		build(f);
		find_exact(&f->a, "--start=315532800");
		find_exact(&f->a, "--end=1839810240");
		find_exact(&f->a, "--x-grid=YEAR:1:YEAR:5:YEAR:5:31536000:%Y");
		/* The chart says where the older values are. */
		find_exact(&f->a,
		    "COMMENT:1980 年以前的数据只在日志中 (planwatch "
		    "export-data)");
		graph_argv_free(&f->a);
	}
	fixture_init(f, PATH_COMPOUND, "zh-CN");
	f->s.view = GRAPH_HISTORY;
	f->s.data_start = -315619200; /* 1960 */
	f->s.data_end = 189302400; /* the end of 1975 */
	build(f);
	find_exact(&f->a, "--start=315532800");
	find_exact(&f->a, "--end=348645600");
	graph_argv_free(&f->a);
	f->s.data_start = (time_t)T2015;
	f->s.data_end = (time_t)T2026;
	build(f);
	assert_int_equal(find_prefix(&f->a, "COMMENT:1980"), -1);
	graph_argv_free(&f->a);
}

/* A sparkline: no axes, legend or title; the series in its status colour. */
static void
test_args_sparkline(void **state)
{
	struct fixture *f = *state;

	fixture_init(f, PATH_COMPOUND, "zh-CN");
	f->s.view = GRAPH_SPARK;
	f->s.width = 160;
	f->s.height = 40;
	build(f);
	find_exact(&f->a, "--only-graph");
	find_exact(&f->a, "--width=160");
	find_exact(&f->a, "--height=40");
	assert_int_equal(find_prefix(&f->a, "--title="), -1);
	assert_int_equal(find_prefix(&f->a, "--vertical-label="), -1);
	assert_int_equal(find_prefix(&f->a, "COMMENT:"), -1);
	assert_true(find_prefix(&f->a, "LINE1:actual#") >= 0);
	assert_true(find_prefix(&f->a, "CDEF:plan=") >= 0);
	graph_argv_free(&f->a);
}

/* The projection runs from the latest period (2023) to the deadline. */
static void
test_args_projection(void **state)
{
	struct fixture *f = *state;
	int i;

	fixture_init(f, PATH_COMPOUND, "zh-CN");
	build(f);
	i = find_prefix(&f->a, "CDEF:projection=");
	assert_true(i >= 0);
	/* 2023 ends 2024-01-01 (1704067200), 2025 ends 1767225600. */
	assert_non_null(strstr(f->a.v[i], "TIME,1704067200,1767225600,LIMIT"));
	find_exact(&f->a, "LINE1:projection#FF8C00: 预测:dashes=3,3");
	graph_argv_free(&f->a);
	/* No projection once the deadline has passed. */
	fixture_init(f, PATH_COMPOUND, "zh-CN");
	f->j.years_left = 0;
	build(f);
	assert_int_equal(find_prefix(&f->a, "CDEF:projection="), -1);
	graph_argv_free(&f->a);
}

/*
 * A growth target judged on published rates holds the latest rate (2.5)
 * in its judgement; the chart's footer shows the series' level.
 */
static void
test_args_footer_shows_the_series(void **state)
{
	struct fixture *f = *state;

	fixture_init(f, PATH_COMPOUND, "zh-CN");
	f->j.latest_value = 2.5;
	build(f);
	find_exact(&f->a, "COMMENT:最新 2023\\: 1048.97 亿元");
	graph_argv_free(&f->a);
}

/* No observation yet: the status shows, no "latest" comment. */
static void
test_args_no_data(void **state)
{
	struct fixture *f = *state;

	fixture_init(f, PATH_COMPOUND, "zh-CN");
	memset(&f->j, 0, sizeof(f->j));
	f->j.status = STATUS_NO_DATA;
	f->j.have_latest = false;
	f->s.latest = NULL;
	build(f);
	find_exact(&f->a, "--title=地区生产总值 — 暂无数据");
	find_exact(&f->a, "AREA:statusbox#7F7F7F: 状态 暂无数据");
	assert_int_equal(find_prefix(&f->a, "COMMENT:"), -1);
	assert_true(find_prefix(&f->a, "CDEF:plan=") >= 0);
	graph_argv_free(&f->a);
}

/*
 * BUG (graph_args.c:137): --vertical-label is an option, which librrd
 * copies verbatim (rrd_graph.c: im->ylegend = strdup(optarg)), so the unit
 * must not be escaped there: a unit "1:1000" is drawn as "1\:1000".  Only
 * graph elements (DEF, COMMENT, legends) take "\:".
 */
static void
test_args_vertical_label_verbatim(void **state)
{
	struct fixture *f = *state;

	fixture_init(f, PATH_COMPOUND, "zh-CN");
	f->ind.unit = "1:1000";
	build(f);
	find_exact(&f->a, "--vertical-label=1:1000");
	graph_argv_free(&f->a);
}

struct escape_case {
	const char *in;
	size_t len;
	const char *want;
};

static const struct escape_case escape_cases[] = {
    {"", 16, ""},
    {"plain.rrd", 16, "plain.rrd"},
    {"a:b.rrd", 16, "a\\:b.rrd"},
    {"::", 16, "\\:\\:"},
    {"C:\\data", 16, "C\\:\\\\data"},
    {"亿元:万人", 32, "亿元\\:万人"},
    /* truncation never leaves half of an escape pair */
    {"a:b", 4, "a\\:"},
    {"a:b", 3, "a"},
    {"::::", 6, "\\:\\:"},
    {":", 2, ""},
    {"abc", 1, ""},
};

static void
test_graph_escape(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(escape_cases); i++) {
		const struct escape_case *c = &escape_cases[i];
		char buf[64];

		memset(buf, 'x', sizeof(buf));
		graph_escape(c->in, buf, c->len);
		if (strcmp(buf, c->want) != 0)
			fail_msg("graph_escape(\"%s\", %zu) = \"%s\", want "
				 "\"%s\"",
			    c->in, c->len, buf, c->want);
		assert_true(strlen(buf) < c->len);
		assert_int_equal(buf[c->len], 'x');
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
		test_args_compound_zh, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_args_linear, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_args_compound_from_zero, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_args_en, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_args_no_target, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_args_range_from_data, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_args_history_before_1980_starts_in_1980, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_args_no_data, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_args_sparkline, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_args_footer_shows_the_series, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_args_projection, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_args_vertical_label_verbatim, setup, teardown),
	    cmocka_unit_test(test_graph_escape),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

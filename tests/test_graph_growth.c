/*
 * test_graph_growth: the rrdtool graph argument vector of a growth
 * target's chart (graphs/graph_args.c): the growth of the levels or the
 * published rates drawn against the rate required, and the history shown
 * on the levels.  Compared as strings (STYLE.md), the growth line checked
 * with the RPN evaluator of unit/graph_case.c.
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

/*
 * A growth target on a level indicator: the shipped GDP target (growth >=
 * 8 % a year, 2021 to 2025) judged on the growth of the levels 902.27
 * (2020), 1030.11, 1045.07, 1048.97 (2023): 14.16871 %, 1.45227 %,
 * 0.37318 %; 2022 and 2023 below 8 -> breach.
 */
static void
growth_fixture(struct fixture *f, const char *locale)
{
	static const struct {
		const char *p;
		double v;
	} obs[] = {
	    {"2015", 485.85},
	    {"2020", 902.27},
	    {"2021", 1030.11},
	    {"2022", 1045.07},
	    {"2023", 1048.97},
	};

	/* fixture_init empties the fixture: free what it holds first. */
	obs_list_clear(&f->levels);
	obs_list_clear(&f->growth);
	fixture_init(f, PATH_LINEAR, locale);
	memset(&f->t, 0, sizeof(f->t));
	f->t.id = "growth_8pct";
	f->t.kind = TARGET_GROWTH;
	f->t.basis = BASIS_YOY;
	f->t.rate = 0.08;
	f->t.has_from = f->t.has_to = true;
	f->t.from = per("2021");
	f->t.to = per("2025");
	for (size_t i = 0; i < NELEM(obs); i++) {
		struct period p = per(obs[i].p);

		assert_int_equal(obs_list_add(&f->levels, &p, obs[i].v), 0);
	}
	target_judge(&f->t, &f->levels, &f->j);
	assert_int_equal(f->j.status, STATUS_BREACH);
	assert_int_equal(target_growth_series(&f->levels, NULL, &f->growth), 0);
	f->s.growth = &f->growth;
	f->s.data_start = period_start(&f->levels.v[0].period);
	f->s.data_end = period_end(&f->latest.period);
}

/* The growth CDEF evaluated at now. */
static double
growth_at(const struct graph_argv *a, long long now)
{
	const char *cdef = arg_with(a, "CDEF:actual=");

	return rpn_eval(cdef + strlen("CDEF:actual="), (double)now);
}

/*
 * The plan view draws the growth it is judged on, computed from the
 * levels period by period, with the rate as the floor.  Range: from the
 * first period judged (2021-01-01, 1609459200) to the last ("to": 2025
 * ends 2026-01-01, 1767225600), margin 157766400 / 20 = 7888320:
 * --start 1601570880, --end 1775113920.
 */
static void
test_args_growth_from_levels(void **state)
{
	struct fixture *f = *state;
	const long long half_year = 182 * 86400LL;

	growth_fixture(f, "zh-CN");
	build(f);
	find_exact(&f->a, "--start=1601570880");
	find_exact(&f->a, "--end=1775113920");
	find_exact(&f->a, "--title=地区生产总值增速 — 突破约束");
	find_exact(&f->a, "--vertical-label=%");
	find_exact(
	    &f->a, "DEF:level=/var/lib/planwatch/a\\:b.rrd:value:AVERAGE");
	assert_int_equal(find_prefix(&f->a, "DEF:actual="), -1);
	/* Each period's growth over the whole period, unknown elsewhere. */
	assert_near(growth_at(&f->a, T2021 + half_year),
	    (1030.11 / 902.27 - 1) * 100, 1e-9, "2021");
	assert_near(growth_at(&f->a, T2021 + half_year), 14.16871, 1e-5,
	    "2021 by hand");
	assert_near(growth_at(&f->a, T2021 + 365 * 86400LL + half_year),
	    (1045.07 / 1030.11 - 1) * 100, 1e-9, "2022");
	assert_near(growth_at(&f->a, T2024 - 86400), 0.37318, 1e-5, "2023");
	assert_near(growth_at(&f->a, T2024), 0.37318, 1e-5, "2023 ends");
	assert_true(isnan(growth_at(&f->a, T2024 + 1)));
	assert_true(isnan(growth_at(&f->a, T2021)));
	assert_near(growth_at(&f->a, T2021 + 1), 14.16871, 1e-5, "2021 starts");
	find_exact(&f->a, "LINE2:actual#1F4E9C: 增速");
	/* The floor: the rate, a line the axis always reaches. */
	find_exact(&f->a, "CDEF:floor=actual,UN,8,8,IF");
	find_exact(&f->a, "LINE1:floor#C0392B: 目标下限 8 %:dashes=2,2");
	/* No level path, target or level footer. */
	assert_int_equal(find_prefix(&f->a, "CDEF:plan="), -1);
	assert_int_equal(find_prefix(&f->a, "HRULE:"), -1);
	find_exact(&f->a, "COMMENT:最新 2023\\: 0.373 %");
	assert_int_equal(
	    find_prefix(&f->a, "COMMENT:最新 2023\\: 1048.97"), -1);
	graph_argv_free(&f->a);

	/* In English. */
	growth_fixture(f, "en");
	build(f);
	find_exact(&f->a, "--title=地区生产总值: growth — breach");
	find_exact(&f->a, "LINE2:actual#1F4E9C: growth");
	find_exact(&f->a, "LINE1:floor#C0392B: growth floor 8 %:dashes=2,2");
	find_exact(&f->a, "COMMENT:latest 2023\\: 0.373 %");
	graph_argv_free(&f->a);
}

/*
 * Judged on its rate indicator's published rates (9.5, 1.1, 2.5), the
 * growth is that indicator's archive.
 */
static void
test_args_growth_from_rates(void **state)
{
	struct fixture *f = *state;
	struct obs_list rates = {0};
	static const char *const p[] = {"2021", "2022", "2023"};
	static const double v[] = {9.5, 1.1, 2.5};

	growth_fixture(f, "zh-CN");
	for (size_t i = 0; i < NELEM(p); i++) {
		struct period q = per(p[i]);

		assert_int_equal(obs_list_add(&rates, &q, v[i]), 0);
	}
	f->t.rate_indicator = "gdp_growth";
	target_judge_rates(&f->t, &f->levels, &rates, &f->j);
	obs_list_clear(&rates);
	assert_true(f->j.from_rates);
	f->s.growth = NULL;
	f->s.rate_rrd_path = "/var/lib/planwatch/gdp_growth.rrd";
	build(f);
	find_exact(&f->a,
	    "DEF:actual=/var/lib/planwatch/gdp_growth.rrd:value:AVERAGE");
	assert_int_equal(find_prefix(&f->a, "DEF:level="), -1);
	find_exact(&f->a, "--vertical-label=%");
	find_exact(&f->a, "CDEF:floor=actual,UN,8,8,IF");
	find_exact(&f->a, "LINE1:floor#C0392B: 目标下限 8 %:dashes=2,2");
	find_exact(&f->a, "COMMENT:最新 2023\\: 2.5 %");
	graph_argv_free(&f->a);

	/* The sparkline: the growth and its floor, nothing else. */
	f->s.view = GRAPH_SPARK;
	build(f);
	find_exact(&f->a,
	    "DEF:actual=/var/lib/planwatch/gdp_growth.rrd:value:AVERAGE");
	assert_true(find_prefix(&f->a, "LINE1:actual#D62728") >= 0);
	find_exact(&f->a, "CDEF:floor=actual,UN,8,8,IF");
	graph_argv_free(&f->a);
}

/* The history view keeps the indicator's own values (the levels). */
static void
test_args_growth_history_is_levels(void **state)
{
	struct fixture *f = *state;

	growth_fixture(f, "zh-CN");
	f->s.view = GRAPH_HISTORY;
	f->s.rate_rrd_path = "/var/lib/planwatch/gdp_growth.rrd";
	build(f);
	find_exact(
	    &f->a, "DEF:actual=/var/lib/planwatch/a\\:b.rrd:value:AVERAGE");
	find_exact(&f->a, "--vertical-label=亿元");
	find_exact(&f->a, "--title=地区生产总值 — 历史数据");
	assert_int_equal(find_prefix(&f->a, "CDEF:floor="), -1);
	find_exact(&f->a, "COMMENT:最新 2023\\: 1048.97 亿元");
	graph_argv_free(&f->a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
		test_args_growth_from_levels, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_args_growth_from_rates, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_args_growth_history_is_levels, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_evaldoc: the model of the plan office's documents (evaldoc.h),
 * without files: the plan's years, each document's as-of date, the kinds
 * read from the command line, and the model of a small plan (chapters,
 * rows, counts by the plan's words, the rows behind schedule worst
 * first, the years shown, cells as numbers and as text).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "asof.h"
#include "evaldoc.h"
#include "evaldoc_due.h"

static struct period
per(const char *s)
{
	struct period p;

	assert_int_equal(period_parse(s, &p, NULL, 0), 0);
	return p;
}

static time_t
day(const char *s)
{
	time_t t;

	assert_int_equal(asof_parse_day(s, &t), 0);
	return t;
}

/* Three indicators in two chapters: a reach 2020 -> 2025, a cagr
 * 2020 -> 2025, a floor kept since 2015 (before the plan). */
struct plan {
	struct target_conf t[3];
	struct indicator_conf ind[3];
	struct config c;
	struct obs_list obs[3];
	struct judgement j[3][1];
	const struct judgement *jp[3];
};

static void
plan_make(struct plan *p)
{
	memset(p, 0, sizeof(*p));
	p->t[0] = (struct target_conf){.kind = TARGET_REACH,
	    .baseline_period = per("2020"),
	    .baseline_value = 100,
	    .target_period = per("2025"),
	    .target_value = 150,
	    .vocabulary = VOCABULARY_PLAN};
	p->t[1] = (struct target_conf){.kind = TARGET_GROWTH,
	    .basis = BASIS_CAGR,
	    .rate = 0.1,
	    .baseline_period = per("2020"),
	    .target_period = per("2025"),
	    .vocabulary = VOCABULARY_PLAN};
	p->t[2] = (struct target_conf){.kind = TARGET_FLOOR,
	    .bound = 5,
	    .has_from = true,
	    .from = per("2015"),
	    .has_to = true,
	    .to = per("2025"),
	    .vocabulary = VOCABULARY_PLAN};
	for (int i = 0; i < 3; i++) {
		p->ind[i] = (struct indicator_conf){.id = "x",
		    .name = i == 0 ? "产值"
			: i == 1   ? "研发"
				   : "绿地",
		    .unit = "亿元",
		    .group = i < 2 ? "经济" : "生态",
		    .owner = "统计局",
		    .stale_after = 90 * 86400.0,
		    .targets = &p->t[i],
		    .ntargets = 1};
		p->j[i][0] = (struct judgement){.status = STATUS_NO_DATA,
		    .baseline_value = NAN,
		    .target_value = NAN,
		    .observed_growth = NAN};
		p->jp[i] = p->j[i];
	}
	p->c = (struct config){.locale = "zh-CN",
	    .indicators = p->ind,
	    .nindicators = 3,
	    .judgement = {.vocabulary = VOCABULARY_PLAN}};
}

static void
test_plan_years(void **state)
{
	struct plan p;
	int first = 0, last = 0;

	(void)state;
	plan_make(&p);
	/* The floor from 2015 does not pull the plan back before its paths. */
	assert_int_equal(evaldoc_plan_years(&p.c, &first, &last), 0);
	assert_int_equal(first, 2021);
	assert_int_equal(last, 2025);
	p.c.nindicators = 0;
	assert_int_equal(evaldoc_plan_years(&p.c, &first, &last), -1);
}

static void
test_asof(void **state)
{
	struct plan p;
	time_t later = day("2030-01-01"); /* its last second */

	(void)state;
	plan_make(&p);
	/* 2022 plus 90 days' lag; never later than today. */
	assert_int_equal(
	    evaldoc_asof(&p.c, EVALDOC_ANNUAL, 2022, later), day("2023-03-31"));
	assert_int_equal(
	    evaldoc_asof(&p.c, EVALDOC_ANNUAL, 2022, day("2023-01-15") - 3600),
	    day("2023-01-15"));
	assert_int_equal(
	    evaldoc_asof(&p.c, EVALDOC_MIDTERM, 0, later), day("2023-07-02"));
	assert_int_equal(evaldoc_asof(&p.c, EVALDOC_FINAL, 0, later - 3600),
	    day("2030-01-01"));
}

/* Which document a route owes: before, at and after each one's date. */
static void
test_due(void **state)
{
	struct plan p;
	struct plan_conf plans[2] = {
	    {.id = "p14", .from = 2021, .to = 2025},
	    {.id = "p15", .from = 2026, .to = 2030},
	};
	struct evaldoc_due d;

	(void)state;
	plan_make(&p);
	/* 2021's figures are due 90 days after its end. */
	assert_false(
	    evaldoc_due(&p.c, EVALDOC_ANNUAL, day("2022-03-31") - 1, &d));
	assert_true(evaldoc_due(&p.c, EVALDOC_ANNUAL, day("2022-03-31"), &d));
	assert_int_equal(d.year, 2021);
	assert_string_equal(d.key, "annual-2021");
	assert_null(d.plan);
	/* The latest year only, never one past the plan. */
	assert_true(evaldoc_due(&p.c, EVALDOC_ANNUAL, day("2024-06-01"), &d));
	assert_string_equal(d.key, "annual-2023");
	assert_true(evaldoc_due(&p.c, EVALDOC_ANNUAL, day("2031-01-01"), &d));
	assert_string_equal(d.key, "annual-2025");
	/* The plan's middle day. */
	assert_false(
	    evaldoc_due(&p.c, EVALDOC_MIDTERM, day("2023-07-02") - 1, &d));
	assert_true(evaldoc_due(&p.c, EVALDOC_MIDTERM, day("2023-07-02"), &d));
	assert_string_equal(d.key, "midterm");
	assert_int_equal(d.year, 0);
	/* Once the plan's last year is over. */
	assert_false(evaldoc_due(&p.c, EVALDOC_FINAL, day("2025-12-31"), &d));
	assert_true(
	    evaldoc_due(&p.c, EVALDOC_FINAL, day("2025-12-31") + 1, &d));
	assert_string_equal(d.key, "final");
	/* No years, no document. */
	p.c.nindicators = 0;
	assert_false(evaldoc_due(&p.c, EVALDOC_FINAL, day("2031-01-01"), &d));

	/* Two plans: in 2026 the 14th's last analysis and final evaluation
	 * are due, its midterm the latest one; the 15th's comes in 2028. */
	plan_make(&p);
	p.c.plans = plans;
	p.c.nplans = 2;
	assert_true(evaldoc_due(&p.c, EVALDOC_ANNUAL, day("2026-06-01"), &d));
	assert_string_equal(d.key, "annual-2025");
	assert_ptr_equal(d.plan, &plans[0]);
	assert_true(evaldoc_due(&p.c, EVALDOC_FINAL, day("2026-06-01"), &d));
	assert_string_equal(d.key, "final-p14");
	assert_true(evaldoc_due(&p.c, EVALDOC_MIDTERM, day("2026-06-01"), &d));
	assert_string_equal(d.key, "midterm-p14");
	assert_true(evaldoc_due(&p.c, EVALDOC_MIDTERM, day("2028-07-02"), &d));
	assert_string_equal(d.key, "midterm-p15");
	assert_true(evaldoc_due(&p.c, EVALDOC_ANNUAL, day("2028-06-01"), &d));
	assert_string_equal(d.key, "annual-2027");
	assert_ptr_equal(d.plan, &plans[1]);
	assert_false(evaldoc_due(&p.c, EVALDOC_ANNUAL, day("2022-03-30"), &d));
}

static void
test_kinds(void **state)
{
	enum evaldoc_kind k;

	(void)state;
	assert_int_equal(evaldoc_kind_parse("midterm", &k), 0);
	assert_int_equal(k, EVALDOC_MIDTERM);
	assert_string_equal(evaldoc_kind_name(EVALDOC_FINAL), "final");
	assert_int_equal(evaldoc_kind_parse("Final", &k), -1);
	assert_int_equal(evaldoc_kind_parse("", &k), -1);
	assert_int_equal(evaldoc_kind_parse("annual-2022", &k), -1);
}

static void
test_model(void **state)
{
	struct plan p;
	struct report_input in;
	struct evaldoc d;
	char buf[512];
	double v;
	size_t col2022 = 0;

	(void)state;
	plan_make(&p);
	for (int y = 2020; y <= 2023; y++) {
		char s[8];

		snprintf(s, sizeof(s), "%d", y);
		struct period pp = per(s);
		assert_int_equal(
		    obs_list_add(&p.obs[0], &pp, 100 + y - 2020), 0);
	}
	p.j[0][0].status = STATUS_AHEAD;
	p.j[0][0].baseline_value = 100;
	p.j[1][0].status = STATUS_OFF_TRACK;
	p.j[2][0].status = STATUS_ON_TRACK;
	in = (struct report_input){
	    .conf = &p.c, .obs = p.obs, .j = p.jp, .at = day("2023-03-31")};
	assert_int_equal(evaldoc_build(&in, EVALDOC_ANNUAL, 2022, &d), 0);
	evaldoc_title(&d, buf, sizeof(buf));
	assert_string_equal(buf, "2022 年度监测分析报告");
	evaldoc_stem(&d, buf, sizeof(buf));
	assert_string_equal(buf, "annual-2022");
	assert_int_equal(d.nchapters, 2);
	assert_string_equal(d.chapters[1], "生态");
	assert_int_equal(d.nrows, 3);
	/* Counts in the plan's words, best first. */
	assert_int_equal(d.ncounts, 3);
	assert_string_equal(d.counts[0].label, "快于预期");
	assert_string_equal(d.counts[1].label, "基本符合预期");
	assert_string_equal(d.counts[2].label, "严重滞后于预期");
	assert_int_equal(d.counts[2].n, 1);
	/* Behind schedule: the off-track cagr alone. */
	assert_int_equal(d.nbehind, 1);
	assert_int_equal(d.rows[d.behind[0]].ind, 1);
	/* Years 2021 and 2022 for the 2022 analysis, not 2023. */
	for (size_t c = 0; c < d.ncols; c++) {
		assert_false(d.cols[c].what == EVALDOC_COL_ACTUAL &&
		    d.cols[c].year > 2022);
		if (d.cols[c].what == EVALDOC_COL_ACTUAL &&
		    d.cols[c].year == 2022)
			col2022 = c;
	}
	assert_int_not_equal(col2022, 0);
	assert_true(evaldoc_number(&d, 0, col2022, &v));
	assert_float_equal(v, 102, 1e-9);
	assert_false(evaldoc_number(&d, 1, col2022, &v));
	assert_false(evaldoc_number(&d, 0, 0, &v));
	evaldoc_text(&d, 0, 0, buf, sizeof(buf));
	assert_string_equal(buf, "产值");
	evaldoc_head(&d, col2022, buf, sizeof(buf));
	assert_string_equal(buf, "2022 年实际");
	evaldoc_free(&d);
	for (int i = 0; i < 3; i++)
		obs_list_clear(&p.obs[i]);
}

/*
 * 约束性 / 预期性: no column while no indicator says (the shipped
 * example); once one does, a column after the unit, and a binding target
 * first in its chapter.
 */
static void
test_nature(void **state)
{
	struct plan p;
	struct report_input in;
	struct evaldoc d;
	char buf[64];
	size_t col = 0;

	(void)state;
	plan_make(&p);
	in = (struct report_input){
	    .conf = &p.c, .obs = p.obs, .j = p.jp, .at = day("2023-03-31")};
	assert_int_equal(evaldoc_build(&in, EVALDOC_MIDTERM, 0, &d), 0);
	for (size_t c = 0; c < d.ncols; c++)
		assert_int_not_equal(d.cols[c].what, EVALDOC_COL_NATURE);
	assert_int_equal(d.rows[0].ind, 0);
	evaldoc_free(&d);

	p.ind[1].nature = NATURE_BINDING;
	p.ind[0].nature = NATURE_ANTICIPATORY;
	assert_int_equal(evaldoc_build(&in, EVALDOC_MIDTERM, 0, &d), 0);
	assert_int_equal(d.cols[1].what, EVALDOC_COL_UNIT);
	assert_int_equal(d.cols[2].what, EVALDOC_COL_NATURE);
	col = 2;
	evaldoc_head(&d, col, buf, sizeof(buf));
	assert_string_equal(buf, "属性");
	/* 研发 (binding) before 产值 in 经济; 绿地 stays in 生态. */
	assert_int_equal(d.rows[0].ind, 1);
	assert_int_equal(d.rows[1].ind, 0);
	assert_int_equal(d.rows[2].ind, 2);
	evaldoc_text(&d, 0, col, buf, sizeof(buf));
	assert_string_equal(buf, "约束性");
	evaldoc_text(&d, 1, col, buf, sizeof(buf));
	assert_string_equal(buf, "预期性");
	evaldoc_text(&d, 2, col, buf, sizeof(buf));
	assert_string_equal(buf, "");
	evaldoc_free(&d);
}

/*
 * 年度目标: no columns while no target has annual targets; once one
 * does, each year's target beside its actual, the number and "✓" or
 * "✗" once the year's value is in, empty for the targets without.
 */
static void
test_annual(void **state)
{
	struct plan p;
	struct report_input in;
	struct evaldoc d;
	struct annual_target years[] = {{2021, 101}, {2022, 110}, {2023, 90}};
	struct annual_target growth[] = {{2023, 10}};
	char buf[64];
	double v;
	size_t a2021 = 0;

	(void)state;
	plan_make(&p);
	for (int y = 2020; y <= 2023; y++) {
		char s[8];

		snprintf(s, sizeof(s), "%d", y);
		struct period pp = per(s);
		assert_int_equal(
		    obs_list_add(&p.obs[0], &pp, 100 + y - 2020), 0);
	}
	in = (struct report_input){
	    .conf = &p.c, .obs = p.obs, .j = p.jp, .at = day("2023-03-31")};
	assert_int_equal(evaldoc_build(&in, EVALDOC_ANNUAL, 2022, &d), 0);
	for (size_t c = 0; c < d.ncols; c++)
		assert_int_not_equal(d.cols[c].what, EVALDOC_COL_ANNUAL);
	evaldoc_free(&d);

	p.t[0].annual = years;
	p.t[0].nannual = 3;
	assert_int_equal(evaldoc_build(&in, EVALDOC_ANNUAL, 2022, &d), 0);
	for (size_t c = 0; c < d.ncols && a2021 == 0; c++)
		if (d.cols[c].what == EVALDOC_COL_ANNUAL)
			a2021 = c;
	/* 2021 actual, 2021 target, 2022 actual, 2022 target; no 2023. */
	assert_int_equal(d.cols[a2021 - 1].what, EVALDOC_COL_ACTUAL);
	assert_int_equal(d.cols[a2021 - 1].year, 2021);
	assert_int_equal(d.cols[a2021].year, 2021);
	assert_int_equal(d.cols[a2021 + 1].what, EVALDOC_COL_ACTUAL);
	assert_int_equal(d.cols[a2021 + 2].what, EVALDOC_COL_ANNUAL);
	assert_int_equal(d.cols[a2021 + 2].year, 2022);
	assert_int_equal(d.cols[a2021 + 3].what, EVALDOC_COL_GROWTH);
	evaldoc_head(&d, a2021, buf, sizeof(buf));
	assert_string_equal(buf, "2021 年目标");
	/* 101 reached in 2021; 102 short of 110 in 2022. */
	assert_true(evaldoc_number(&d, 0, a2021, &v));
	assert_float_equal(v, 101, 1e-9);
	assert_int_equal(evaldoc_mark(&d, 0, a2021), EVALDOC_MARK_MET);
	evaldoc_text(&d, 0, a2021, buf, sizeof(buf));
	assert_string_equal(buf, "101 ✓");
	assert_int_equal(evaldoc_mark(&d, 0, a2021 + 2), EVALDOC_MARK_NOT_MET);
	evaldoc_text(&d, 0, a2021 + 2, buf, sizeof(buf));
	assert_string_equal(buf, "110 ✗");
	/* An actual's cell has no mark; a target without annual: empty. */
	assert_int_equal(evaldoc_mark(&d, 0, a2021 - 1), EVALDOC_MARK_NONE);
	assert_false(evaldoc_number(&d, 1, a2021, &v));
	assert_int_equal(evaldoc_mark(&d, 1, a2021), EVALDOC_MARK_NONE);
	evaldoc_text(&d, 1, a2021, buf, sizeof(buf));
	assert_string_equal(buf, "");
	evaldoc_free(&d);

	/* In English; a target whose year has no value: no mark. */
	p.c.locale = "en";
	p.t[1].annual = growth;
	p.t[1].nannual = 1;
	assert_int_equal(evaldoc_build(&in, EVALDOC_FINAL, 0, &d), 0);
	for (size_t c = 0; c < d.ncols; c++) {
		if (d.cols[c].what != EVALDOC_COL_ANNUAL ||
		    d.cols[c].year != 2023)
			continue;
		evaldoc_head(&d, c, buf, sizeof(buf));
		assert_string_equal(buf, "2023 target");
		assert_int_equal(evaldoc_mark(&d, 0, c), EVALDOC_MARK_MET);
		assert_int_equal(d.rows[1].ind, 1);
		assert_int_equal(evaldoc_mark(&d, 1, c), EVALDOC_MARK_NONE);
		evaldoc_text(&d, 1, c, buf, sizeof(buf));
		assert_string_equal(buf, "10");
		a2021 = 0;
	}
	assert_int_equal(a2021, 0); /* the 2023 column was there */
	evaldoc_free(&d);
	for (int i = 0; i < 3; i++)
		obs_list_clear(&p.obs[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plan_years),
	    cmocka_unit_test(test_asof),
	    cmocka_unit_test(test_due),
	    cmocka_unit_test(test_kinds),
	    cmocka_unit_test(test_model),
	    cmocka_unit_test(test_nature),
	    cmocka_unit_test(test_annual),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

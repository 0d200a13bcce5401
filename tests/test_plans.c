/*
 * test_plans: two plans in one configuration (tests/fixtures/plans/
 * plans.yaml, the 14th 2021-2025 and the 15th 2026-2030): the plans kept
 * by their years whatever their order; each target in its plan by plan:
 * or by its deadline year; the plan shown on a day (before, during each,
 * between, after); the roll-up counting only the plan in force; the
 * dashboard naming it and linking the final evaluation of the plan
 * before (export and server); the wall of the plan in force, its years
 * and its targets only; an indicator page showing the ended plan's
 * targets apart under its name.  Bad configurations: test_config_errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "asof.h"
#include "config.h"
#include "config_plans.h"
#include "evaluate.h"
#include "html.h"
#include "report.h"
#include "unit/config_case.h"
#include "wall.h"

static struct config *
plans_conf(void)
{
	return load_ok("../plans/plans.yaml");
}

static time_t
day(const char *s)
{
	time_t t;

	assert_int_equal(asof_parse_day(s, &t), 0);
	return t;
}

static const struct target_conf *
target_of(const struct config *c, const char *ind, const char *id)
{
	const struct indicator_conf *ic = config_indicator(c, ind);

	assert_non_null(ic);
	for (size_t t = 0; t < ic->ntargets; t++)
		if (strcmp(ic->targets[t].id, id) == 0)
			return &ic->targets[t];
	fail_msg("no target %s/%s", ind, id);
	return NULL;
}

static void
test_plans_by_their_years(void **state)
{
	struct config *c = plans_conf();

	(void)state;
	assert_int_equal(c->nplans, 2);
	/* Written 15th first: kept by their years. */
	assert_string_equal(c->plans[0].id, "p14");
	assert_int_equal(c->plans[0].from, 2021);
	assert_int_equal(c->plans[0].to, 2025);
	assert_string_equal(c->plans[1].id, "p15");
	assert_string_equal(c->plans[1].name, "测试区第十五个五年规划");
	assert_string_equal(config_plan_name(&c->plans[1], "en"),
	    "Test district 15th five-year plan");
	assert_int_equal(config_plan_find(c, "p15"), 1);
	assert_int_equal(config_plan_find(c, "p16"), CONFIG_PLAN_NONE);
	assert_int_equal(config_plan_before(c, 1), 0);
	assert_int_equal(config_plan_before(c, 0), CONFIG_PLAN_NONE);
	config_free(c);
}

static void
test_targets_in_their_plans(void **state)
{
	struct config *c = plans_conf();

	(void)state;
	/* By the deadline year. */
	assert_int_equal(target_of(c, "output", "reach14")->plan, 0);
	assert_int_equal(target_of(c, "research", "cagr")->plan, 0);
	assert_int_equal(target_of(c, "energy", "ceiling14")->plan, 0);
	assert_int_equal(target_of(c, "energy", "ceiling15")->plan, 1);
	/* By plan:, an indicator carrying on across both. */
	assert_int_equal(target_of(c, "output", "reach15")->plan, 1);
	assert_string_equal(target_of(c, "output", "reach15")->plan_id, "p15");
	config_free(c);
}

/* The plan shown on a day, and whether it is in force. */
static void
expect_plan(const struct config *c, const char *when, size_t want,
    bool in_force, size_t ended)
{
	bool f;

	assert_int_equal(config_plan_at(c, day(when), &f), want);
	assert_int_equal(f, in_force);
	assert_int_equal(config_plan_ended(c, day(when)), ended);
}

static void
test_plan_in_force_by_date(void **state)
{
	struct config *c = plans_conf();

	(void)state;
	/* Before any plan: the first, not yet in force. */
	expect_plan(c, "2020-06-30", 0, false, CONFIG_PLAN_NONE);
	expect_plan(c, "2021-01-01", 0, true, CONFIG_PLAN_NONE);
	expect_plan(c, "2025-12-31", 0, true, CONFIG_PLAN_NONE);
	expect_plan(c, "2026-01-01", 1, true, 0);
	expect_plan(c, "2030-12-31", 1, true, 0);
	/* After the last: it stays shown, ended. */
	expect_plan(c, "2031-06-30", 1, false, 1);
	config_free(c);
}

/* Judged with no data at when: the roll-up of the whole plan. */
static struct rollup
judged_at(const struct config *c, const char *when, struct judgement **j)
{
	struct obs_list none = {0};
	struct rollup r = {0};

	for (size_t i = 0; i < c->nindicators; i++) {
		const struct indicator_conf *ic = &c->indicators[i];

		j[i] = calloc(ic->ntargets + 1, sizeof(*j[i]));
		assert_non_null(j[i]);
		evaluate_indicator(c, ic, &none, NULL, NULL, day(when), j[i]);
		assert_int_equal(rollup_add(&r, ic, j[i]), 0);
	}
	return r;
}

static void
free_judged(const struct config *c, struct judgement **j, struct rollup *r)
{
	for (size_t i = 0; i < c->nindicators; i++)
		free(j[i]);
	rollup_clear(r);
}

static void
test_rollup_counts_the_plan_in_force(void **state)
{
	struct config *c = plans_conf();
	struct judgement *j[3];
	struct rollup r;
	size_t out = 0;

	(void)state;
	assert_true(config_indicator_index(c, "output", &out));
	r = judged_at(c, "2024-06-30", j);
	assert_int_equal(r.plan.total, 3); /* reach14, cagr, ceiling14 */
	assert_false(j[out][0].other_plan);
	assert_true(j[out][1].other_plan);
	free_judged(c, j, &r);

	r = judged_at(c, "2027-06-30", j);
	assert_int_equal(r.plan.total, 2); /* reach15, ceiling15 */
	assert_true(j[out][0].other_plan);
	assert_false(j[out][1].other_plan);
	/* research has only a 14th-plan target: no chapter row of it. */
	for (size_t g = 0; g < r.nowners; g++)
		assert_string_not_equal(r.owners[g].name, "区科技局");
	free_judged(c, j, &r);
	config_free(c);
}

#define WALL (SIZE_MAX - 1)

/* The page of indicator i (SIZE_MAX: the dashboard, WALL: the wall) as
 * of when. */
static char *
page_at(const struct config *c, const char *when, size_t i, bool files)
{
	struct judgement *j[3];
	struct obs_list obs[3] = {{0}};
	struct rollup r = judged_at(c, when, j);
	struct report_input in = {.conf = c,
	    .obs = obs,
	    .j = (const struct judgement *const *)j,
	    .at = day(when)};
	struct html_site site = {.files = files};
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	assert_non_null(out);
	if (i == WALL)
		assert_int_equal(wall_page(&in, &site, out), 0);
	else if (i == SIZE_MAX)
		assert_int_equal(html_dashboard(&in, &site, NULL, out), 0);
	else
		assert_int_equal(html_indicator(&in, &site, i, out), 0);
	assert_int_equal(fclose(out), 0);
	free_judged(c, j, &r);
	return text;
}

static void
test_dashboard_names_the_plan_and_links_the_final(void **state)
{
	struct config *c = plans_conf();
	char *p;

	(void)state;
	p = page_at(c, "2027-06-30", SIZE_MAX, true);
	assert_non_null(
	    strstr(p, "现行规划：测试区第十五个五年规划（2026–2030 年）"));
	assert_non_null(strstr(p,
	    "<a href=\"report/final-p14.html\">"
	    "测试区第十四个五年规划 总结评估报告</a>"));
	/* Only the 15th plan's targets are listed. */
	assert_non_null(strstr(p, "≥ 220 (2030)"));
	assert_null(strstr(p, "≥ 150 (2025)"));
	free(p);
	/* The daemon links its own page of it. */
	p = page_at(c, "2027-06-30", SIZE_MAX, false);
	assert_non_null(strstr(p, "<a href=\"/report/final-p14\">"));
	free(p);
	/* During the 14th: no plan over, nothing to link. */
	p = page_at(c, "2024-06-30", SIZE_MAX, true);
	assert_non_null(
	    strstr(p, "现行规划：测试区第十四个五年规划（2021–2025 年）"));
	assert_null(strstr(p, "final-p"));
	assert_non_null(strstr(p, "≥ 150 (2025)"));
	assert_null(strstr(p, "≥ 220 (2030)"));
	free(p);
	/* After the last: it stays shown, and its own final is linked. */
	p = page_at(c, "2031-06-30", SIZE_MAX, true);
	assert_non_null(strstr(p,
	    "已结束的规划（下一规划尚未开始）："
	    "测试区第十五个五年规划"));
	assert_non_null(strstr(p, "report/final-p15.html"));
	free(p);
	config_free(c);
}

/* How many times needle is in hay. */
static int
count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

static void
test_wall_shows_the_plan_in_force(void **state)
{
	struct config *c = plans_conf();
	char *p;

	(void)state;
	p = page_at(c, "2027-06-30", WALL, true);
	assert_non_null(strstr(p,
	    "<h1>测试区第十五个五年规划</h1>"
	    "<span class=\"period\">2026–2030</span>"));
	assert_int_equal(count(p, "<li"), 2);
	free(p);
	p = page_at(c, "2024-06-30", WALL, true);
	assert_non_null(strstr(p,
	    "<h1>测试区第十四个五年规划</h1>"
	    "<span class=\"period\">2021–2025</span>"));
	assert_int_equal(count(p, "<li"), 3);
	free(p);
	config_free(c);
}

static void
test_indicator_page_shows_the_ended_plan_apart(void **state)
{
	struct config *c = plans_conf();
	size_t out = 0;
	char *p, *head, *ended;

	(void)state;
	assert_true(config_indicator_index(c, "output", &out));
	p = page_at(c, "2027-06-30", out, true);
	head = strstr(p,
	    "<h2 class=\"plan\">测试区第十四个五年规划（2021–"
	    "2025 年，已结束）</h2>");
	assert_non_null(head);
	/* The 15th plan's target above, the 14th's under its heading. */
	ended = strstr(p, "150 (2025)");
	assert_non_null(ended);
	assert_true(ended > head);
	assert_non_null(strstr(p, "220 (2030)"));
	assert_true(strstr(p, "220 (2030)") < head);
	free(p);
	config_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plans_by_their_years),
	    cmocka_unit_test(test_targets_in_their_plans),
	    cmocka_unit_test(test_plan_in_force_by_date),
	    cmocka_unit_test(test_rollup_counts_the_plan_in_force),
	    cmocka_unit_test(test_dashboard_names_the_plan_and_links_the_final),
	    cmocka_unit_test(test_wall_shows_the_plan_in_force),
	    cmocka_unit_test(test_indicator_page_shows_the_ended_plan_apart),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

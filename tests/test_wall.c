/*
 * test_wall: the wall screen (daemon/views/wall.c) built from a plan of
 * known judgements: the chapter x status matrix's counts (final verdicts
 * in their own columns, the plan vocabulary's words), the bureau tiles,
 * every target once and the worst first, the refresh, the plan's name
 * (escaped; the title when there is none), its period and the as-of time
 * in the configured zone; and text on every status fill at WCAG AA.
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
#include "report.h"
#include "target.h"
#include "tz.h"
#include "status_style.h"
#include "wall.h"
#define JUDGE_CASE_VERDICTS
#include "unit/judge_case.h"

/*
 * Five indicators in two chapters and three bureaus (and one with no
 * target, which makes no row), judged by hand:
 *   经济 gdp (统计局): reach off_track, yoy at_risk
 *   经济 ind (工信局): floor met, a final verdict (完成)
 *   民生 health (卫健局): ceiling met (not final), reach not_met (final)
 *   民生 edu (统计局): reach on_track
 *   其他 ctx: no target
 */
struct plan {
	struct target_conf t[6];
	struct indicator_conf ic[5];
	struct config conf;
	struct obs_list obs[5];
	struct judgement j[6];
	const struct judgement *jp[5];
	struct report_input in;
};

static void
target(struct plan *p, int k, const struct tspec *s, const char *id,
    enum status st, bool final)
{
	p->t[k] = mk(s);
	p->t[k].id = (char *)id;
	p->t[k].vocabulary = VOCABULARY_PLAN;
	p->j[k].status = st;
	p->j[k].final = final;
}

static void
plan_build(struct plan *p, const char *name)
{
	static const char *const ids[] = {"gdp", "ind", "health", "edu", "ctx"};
	static const char *const names[] = {
	    "地区生产总值", "产业", "健康", "教育", "背景"};
	static const char *const groups[] = {
	    "经济", "经济", "民生", "民生", "其他"};
	static const char *const owners[] = {
	    "统计局", "工信局", "卫健局", "统计局", "统计局"};
	static const size_t first[] = {0, 2, 3, 5, 6},
			    count[] = {2, 1, 2, 1, 0};
	struct tspec reach = {REACH}, yoy = {YOY8}, floor = {FLOOR85},
		     ceiling = {CEIL14};
	char err[256];

	memset(p, 0, sizeof(*p));
	target(p, 0, &reach, "reach", STATUS_OFF_TRACK, false);
	target(p, 1, &yoy, "yoy", STATUS_AT_RISK, false);
	target(p, 2, &floor, "floor", STATUS_MET, true);
	target(p, 3, &ceiling, "ceiling", STATUS_MET, false);
	target(p, 4, &reach, "end", STATUS_NOT_MET, true);
	target(p, 5, &reach, "reach", STATUS_ON_TRACK, false);
	for (int i = 0; i < 5; i++) {
		p->ic[i] = indicator_in(&p->t[0], "%");
		p->ic[i].targets = count[i] > 0 ? &p->t[first[i]] : NULL;
		p->ic[i].ntargets = count[i];
		p->ic[i].id = (char *)ids[i];
		p->ic[i].name = (char *)names[i];
		p->ic[i].group = (char *)groups[i];
		p->ic[i].owner = (char *)owners[i];
		p->jp[i] = count[i] > 0 ? &p->j[first[i]] : NULL;
	}
	p->conf.indicators = p->ic;
	p->conf.nindicators = 5;
	p->conf.locale = "zh-CN";
	p->conf.plan_name = (char *)name;
	p->conf.wall_refresh = 120;
	p->conf.judgement.vocabulary = VOCABULARY_PLAN;
	p->conf.tz = tz_load("Asia/Shanghai", err, sizeof(err));
	assert_non_null(p->conf.tz);
	/* 01:00 UTC is 09:00 in Shanghai. */
	p->in = (struct report_input){.conf = &p->conf,
	    .obs = p->obs,
	    .j = p->jp,
	    .at = at("2025-11-01", 3600)};
}

/* The page (caller frees). */
static __attribute__((noinline)) char *
page(const struct plan *p, bool files)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	assert_int_equal(
	    wall_page(&p->in, &(struct html_site){.files = files}, f), 0);
	assert_int_equal(fclose(f), 0);
	return text;
}

static int
occurrences(const char *s, const char *needle)
{
	int n = 0;

	for (; (s = strstr(s, needle)) != NULL; s += strlen(needle))
		n++;
	return n;
}

static void
test_matrix(void **state)
{
	struct plan p;
	char *html;

	(void)state;
	plan_build(&p, "测试规划");
	html = page(&p, false);
	/* The columns of the statuses present, worst first, in the plan's
	 * words; 完成 apart from 提前实现. */
	assert_has(html,
	    "<th class=\"g\">篇章</th>"
	    "<th><span class=\"st s-not_met\">✗ 未完成</span></th>"
	    "<th><span class=\"st s-off_track\">▼ 严重滞后于预期</span></th>"
	    "<th><span class=\"st s-at_risk\">! 滞后于预期</span></th>"
	    "<th><span class=\"st s-on_track\">✓ 基本符合预期</span></th>"
	    "<th><span class=\"st s-met_final\">★ 完成</span></th>"
	    "<th><span class=\"st s-met\">★ 提前实现</span></th>"
	    "<th>合计</th></tr>",
	    "columns");
	assert_has(html,
	    "<tr><th class=\"g\">经济</th><td></td>"
	    "<td class=\"s-off_track\">1</td><td class=\"s-at_risk\">1</td>"
	    "<td></td><td class=\"s-met_final\">1</td><td></td><td>3</td></tr>",
	    "row 经济");
	assert_has(html,
	    "<tr><th class=\"g\">民生</th><td class=\"s-not_met\">1</td>"
	    "<td></td><td></td><td class=\"s-on_track\">1</td><td></td>"
	    "<td class=\"s-met\">1</td><td>3</td></tr>",
	    "row 民生");
	assert_has(html,
	    "<tfoot><tr><th class=\"g\">全部</th>"
	    "<td class=\"s-not_met\">1</td><td class=\"s-off_track\">1</td>"
	    "<td class=\"s-at_risk\">1</td><td class=\"s-on_track\">1</td>"
	    "<td class=\"s-met_final\">1</td><td class=\"s-met\">1</td>"
	    "<td>6</td></tr></tfoot>",
	    "the plan's row");
	/* Chapters in the configuration's order; none without targets. */
	assert_true(strstr(html, ">经济</th>") < strstr(html, ">民生</th>"));
	assert_lacks(html, ">其他</th>", "a chapter with no target");
	free(html);
	tz_free(p.conf.tz);
}

static void
test_tiles_and_targets(void **state)
{
	static const char *const order[] = {"health/end", "gdp/reach",
	    "gdp/yoy", "edu/reach", "ind/floor", "health/ceiling"};
	struct plan p;
	char *html, needle[64];
	const char *prev = NULL;

	(void)state;
	plan_build(&p, "测试规划");
	html = page(&p, false);
	assert_has(html,
	    "data-owner=\"统计局\"><b class=\"name\">统计局</b>"
	    "<span>问题 <b>2</b></span> · <span>正常 1</span> · "
	    "<span>终期 0</span>",
	    "统计局's tile");
	assert_has(html,
	    "data-owner=\"卫健局\"><b class=\"name\">卫健局</b>"
	    "<span>问题 <b>0</b></span> · <span>正常 1</span> · "
	    "<span>终期 1（未完成 1）</span>",
	    "卫健局's tile");
	assert_int_equal(occurrences(html, "class=\"tile "), 3);
	/* Every target once, the worst first, with symbol and words. */
	assert_int_equal(occurrences(html, "<li data-target=\""), 6);
	for (size_t k = 0; k < NELEM(order); k++) {
		const char *at_k;

		snprintf(needle, sizeof(needle), "<li data-target=\"%s\">",
		    order[k]);
		at_k = strstr(html, needle);
		assert_non_null(at_k);
		assert_true(prev == NULL || at_k > prev);
		prev = at_k;
	}
	assert_has(html,
	    "<li data-target=\"gdp/reach\"><span class=\"st s-off_track\">"
	    "▼ 严重滞后于预期</span> 地区生产总值<div class=\"x\">≥ 200 "
	    "(2025) · 统计局</div></li>",
	    "a target's row");
	free(html);
	tz_free(p.conf.tz);
}

static void
test_head(void **state)
{
	struct plan p;
	char *html;

	(void)state;
	plan_build(&p, "测试规划");
	html = page(&p, false);
	assert_has(
	    html, "<meta http-equiv=\"refresh\" content=\"120\">", "refresh");
	assert_has(html, "<title>测试规划</title>", "title");
	assert_has(html, "<h1>测试规划</h1>", "plan name");
	assert_has(html, "<span class=\"period\">2021–2025</span>", "period");
	assert_has(html, "<span class=\"asof\">截至 2025-11-01 09:00 UTC+8",
	    "as of, local time");
	assert_has(html, "href=\"/\"", "the dashboard's link");
	assert_lacks(html, "<script", "no script");
	free(html);
	/* In the static export the links are files. */
	html = page(&p, true);
	assert_has(html, "href=\"index.html\"", "the export's link");
	assert_lacks(html, "href=\"/", "a server path in the export");
	free(html);
	tz_free(p.conf.tz);

	/* A hostile name is escaped; no name: the dashboard's title. */
	plan_build(&p, "<script>alert(1)</script>");
	html = page(&p, false);
	assert_lacks(html, "<script>", "an unescaped name");
	assert_has(html, "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>",
	    "the escaped name");
	free(html);
	tz_free(p.conf.tz);
	plan_build(&p, NULL);
	html = page(&p, false);
	assert_has(html, "<h1>规划监测</h1>", "the title without a name");
	free(html);
	tz_free(p.conf.tz);
}

/* In English, in the UNSD vocabulary: its words, the same numbers. */
static void
test_english(void **state)
{
	struct plan p;
	char *html;

	(void)state;
	plan_build(&p, NULL);
	p.conf.locale = "en";
	p.conf.judgement.vocabulary = VOCABULARY_UNSD;
	html = page(&p, false);
	assert_has(html, "<html lang=\"en\">", "language");
	assert_has(html, "<h1>planwatch</h1>", "the title without a name");
	assert_has(html, "<span class=\"asof\">as of 2025-11-01 09:00 UTC+8",
	    "as of, local time");
	assert_has(html,
	    "<th><span class=\"st s-off_track\">▼ off track</span></th>",
	    "a column in the UNSD words");
	assert_has(html,
	    "<th><span class=\"st s-met_final\">★ met</span></th>"
	    "<th><span class=\"st s-met\">★ met</span></th>",
	    "met, final and not");
	assert_has(html,
	    "<span>problems <b>0</b></span> · <span>fine 1</span> · "
	    "<span>final 1 (not met 1)</span>",
	    "a tile in English");
	assert_has(html, ">All</th>", "the plan's row");
	free(html);
	tz_free(p.conf.tz);
}

/* Every fill's rule in the style sheet: its text at 4.5:1 or more. */
static void
test_contrast(void **state)
{
	struct plan p;
	char *html, bg[8], fg[8];
	const char *s, *end;
	int rules = 0;

	(void)state;
	assert_true(fabs(status_contrast("#FFFFFF", "#000000") - 21) < 1e-9);
	assert_true(fabs(status_contrast("#0072B2", "#0072B2") - 1) < 1e-9);
	assert_true(status_contrast("red", "#FFFFFF") == 0);
	assert_true(status_contrast("#FFFFFF0", "#FFFFFF") == 0);
	assert_true(status_contrast(NULL, "#FFFFFF") == 0);
	/* White on the series blue; on vermilion (3.8:1) it would fail. */
	assert_string_equal(status_text_on("#0072B2"), "#FFFFFF");
	assert_string_equal(status_text_on("#D55E00"), "#000000");
	plan_build(&p, "测试规划");
	html = page(&p, false);
	end = strstr(html, "</style>");
	assert_non_null(end);
	for (s = html; (s = strstr(s, ".s-")) != NULL && s < end; s++) {
		const char *b = strstr(s, "{background:");

		assert_non_null(b);
		assert_int_equal(
		    sscanf(b, "{background:%7[#0-9A-F];color:%7[#0-9A-F]}", bg,
			fg),
		    2);
		assert_true(status_contrast(bg, fg) >= STATUS_CONTRAST_AA);
		rules++;
	}
	assert_int_equal(rules, STATUS_COUNT + 1);
	free(html);
	tz_free(p.conf.tz);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_matrix),
	    cmocka_unit_test(test_tiles_and_targets),
	    cmocka_unit_test(test_head),
	    cmocka_unit_test(test_english),
	    cmocka_unit_test(test_contrast),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

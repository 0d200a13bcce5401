/*
 * test_mail_digest: the text leadership receives.  Digests
 * (digest_compose) by subject, order of items and their sentences, in
 * text and HTML; the sentences themselves (explain_number,
 * explain_judgement, the status labels) in zh-CN and en against the
 * shipped GDP example: 902.27 亿元 (2020) -> 1325.73 (2025), compound,
 * judged on 2021-2023 (see test_target.c for its arithmetic).
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

#include "digest.h"
#include "unit/judge_case.h"
#include "explain.h"
#include "obs.h"
#include "period.h"
#include "target.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* judge_case's reach target under the id a digest shows. */
static struct target_conf
reach_as(const char *id, const char *bp, double bv, const char *tp, double tv,
    enum target_path path)
{
	struct target_conf t = reach(bp, bv, tp, tv, path);

	t.id = (char *)id;
	return t;
}

static struct indicator_conf
named_indicator(const char *id, const char *name, const char *unit,
    const char *owner, struct target_conf *t)
{
	struct indicator_conf ind;

	memset(&ind, 0, sizeof(ind));
	ind.id = (char *)id;
	ind.name = (char *)name;
	ind.unit = (char *)unit;
	ind.owner = (char *)owner;
	ind.freq = FREQ_ANNUAL;
	ind.targets = t;
	ind.ntargets = 1;
	return ind;
}

/* Judges t on "YYYY=value" pairs, e.g. "2021=1030.11 2023=1048.97". */
static void
judge_series(
    const struct target_conf *t, const char *series, struct judgement *j)
{
	struct obs_list l = {0};
	char pt[16];
	double v;
	int n;

	while (sscanf(series, " %15[^=]=%lf%n", pt, &v, &n) == 2) {
		struct period p = per(pt);

		assert_int_equal(obs_list_add(&l, &p, v), 0);
		series += n;
	}
	obs_list_sort(&l);
	target_judge(t, &l, j);
	obs_list_clear(&l);
}

#define GDP_SERIES "2020=902.27 2021=1030.11 2022=1045.07 2023=1048.97"

struct explain_case {
	const char *name;
	double bv;
	const char *tp;
	double tv;
	enum target_path path;
	const char *series;
	const char *locale;
	const char *want; /* the whole sentence, or NULL */
	const char *has[4]; /* substrings */
	const char *hasnt[4]; /* substrings that must not appear */
};

/*
 * GDP, compound 902.27 (2020) -> 1325.73 (2025):
 *   2023 = 1048.97: planned 1136.6, gap % -7.71, g 5.15 %/yr, p 1159.79,
 *     r 0.61, needs (1325.73 / 1048.97)^(1/2) - 1 = 12.42 %/yr.
 *   2024 = 1330 (met): planned 902.27 * 1.469327^0.8 = 1227.53,
 *     gap % (1330 - 1227.53) / 1227.53 = +8.35.
 *   2026 = 1300 (deadline passed): nothing required any more, no "needs".
 * Baseline 0 -> 50 (2020 -> 2025), 2022 = 16: linear fallback, p 40, r 0.8.
 * -10 -> 10 linear (2020 -> 2024), 2022 = -1: planned 0 so no gap %, linear
 *   fallback p = -1 + 4.5 * 2 = 8, r = 18 / 20 = 0.9, required undefined.
 */
static const struct explain_case explain_cases[] = {
    {"gdp zh", 902.27, "2025", 1325.73, PATH_COMPOUND, GDP_SERIES, "zh-CN",
	"2023 年 1048.97 亿元，计划路径 1136.6 亿元（-7.71%）；按 2020 年以来"
	"年均 5.15% 的增速，2025 年预计 1159.79 亿元，进度比 0.61，按目前速度"
	"将于 2028 年达到；还需年均增长 12.42% 才能在 2025 年达到 1325.73。",
	{NULL}, {NULL}},
    {"gdp en", 902.27, "2025", 1325.73, PATH_COMPOUND, GDP_SERIES, "en",
	"2023: 1048.97 亿元 vs 1136.6 planned (-7.71 %); at 5.15 %/yr since "
	"2020, 2025 is projected at 1159.79 (progress ratio 0.61), reached in "
	"2028 at this pace; needs 12.42 %/yr from 2023 to reach 1325.73 by "
	"2025.",
	{"needs 12.42 %/yr from 2023 to reach 1325.73 by 2025"}, {NULL}},
    {"met zh", 902.27, "2025", 1325.73, PATH_COMPOUND, "2024=1330", "zh-CN",
	"2024 年 1330 亿元，计划路径 1227.53 亿元（+8.35%）；已达到 2025 年 "
	"1325.73 亿元 的目标。",
	{NULL}, {NULL}},
    {"met en", 902.27, "2025", 1325.73, PATH_COMPOUND, "2024=1330", "en",
	"2024: 1330 亿元 vs 1227.53 planned (+8.35 %); the target of "
	"1325.73 by 2025 is met.",
	{NULL}, {NULL}},
    {"no data zh", 902.27, "2025", 1325.73, PATH_COMPOUND,
	"2019=850 2020=902.27", "zh-CN", "基期之后尚无观测值，无法判断进度。",
	{NULL}, {NULL}},
    {"no data en", 902.27, "2025", 1325.73, PATH_COMPOUND, "", "en",
	"no observation after the baseline yet: progress cannot be judged.",
	{NULL}, {NULL}},
    {"deadline passed en", 902.27, "2025", 1325.73, PATH_COMPOUND, "2026=1300",
	"en", NULL, {"2026: 1300 亿元", "projected at 1300"},
	{"needs", "nan", "inf"}},
    {"deadline passed zh", 902.27, "2025", 1325.73, PATH_COMPOUND, "2026=1300",
	"zh-CN", NULL, {"2026 年 1300 亿元", "预计 1300 亿元"},
	{"还需", "nan", "inf"}},
    {"baseline zero en", 0, "2025", 50, PATH_COMPOUND, "2022=16", "en", NULL,
	{"2022: 16 亿元 vs 20 planned (-20 %)", "linear trend used",
	    "projected at 40 (progress ratio 0.80)",
	    "needs 46.2 %/yr from 2022 to reach 50 by 2025"},
	{"nan", "inf"}},
    {"baseline zero zh", 0, "2025", 50, PATH_COMPOUND, "2022=16", "zh-CN", NULL,
	{"基期值为零或符号相反，按线性趋势", "2025 年预计 40 亿元",
	    "进度比 0.80"},
	{"nan", "inf"}},
    {"planned zero en", -10, "2024", 10, PATH_LINEAR, "2022=-1", "en",
	"2022: -1 亿元 vs 0 planned; baseline zero or of the other sign, "
	"linear trend used, 2024 is projected at 8 (progress ratio 0.90), "
	"reached in 2025 at this pace.",
	{NULL}, {NULL}},
    {"planned zero zh", -10, "2024", 10, PATH_LINEAR, "2022=-1", "zh-CN", NULL,
	{"2022 年 -1 亿元，计划路径 0 亿元；", "进度比 0.90"},
	{"nan", "inf", "%"}},
};

static void
test_explain_judgement(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(explain_cases); i++) {
		const struct explain_case *c = &explain_cases[i];
		struct target_conf t = reach_as(
		    "growth_8pct", "2020", c->bv, c->tp, c->tv, c->path);
		struct indicator_conf ind =
		    named_indicator("gdp", "地区生产总值", "亿元", NULL, &t);
		struct judgement j;
		char buf[1024];

		judge_series(&t, c->series, &j);
		explain_judgement(&ind, &t, &j, c->locale, buf, sizeof(buf));
		if (c->want != NULL && strcmp(buf, c->want) != 0)
			fail_msg(
			    "%s:\n got  %s\n want %s", c->name, buf, c->want);
		for (size_t k = 0; k < NELEM(c->has) && c->has[k]; k++)
			if (strstr(buf, c->has[k]) == NULL)
				fail_msg("%s: no \"%s\" in %s", c->name,
				    c->has[k], buf);
		for (size_t k = 0; k < NELEM(c->hasnt) && c->hasnt[k]; k++)
			if (strstr(buf, c->hasnt[k]) != NULL)
				fail_msg("%s: \"%s\" in %s", c->name,
				    c->hasnt[k], buf);
		if (strstr(buf, "nan") != NULL || strstr(buf, "NAN") != NULL)
			fail_msg("%s: nan in %s", c->name, buf);
	}
}

/* A small buffer truncates, always NUL-terminated, never overruns. */
static void
test_explain_truncates(void **state)
{
	struct target_conf t = reach_as(
	    "growth_8pct", "2020", 902.27, "2025", 1325.73, PATH_COMPOUND);
	struct indicator_conf ind =
	    named_indicator("gdp", "地区生产总值", "亿元", NULL, &t);
	struct judgement j;
	char buf[24];

	(void)state;
	judge_series(&t, GDP_SERIES, &j);
	memset(buf, 'x', sizeof(buf));
	explain_judgement(&ind, &t, &j, "en", buf, 16);
	assert_int_equal(strlen(buf), 15);
	assert_int_equal(buf[16], 'x');
	assert_memory_equal(buf, "2023: 1048.97 ", 14);
}

struct number_case {
	double v;
	const char *want;
};

static const struct number_case number_cases[] = {
    {1136.6000150391776, "1136.6"},
    {1325.73, "1325.73"},
    {1159.7937603383589, "1159.79"},
    {12, "12"},
    {100, "100"},
    {1000000, "1000000"},
    {0.5, "0.5"},
    {0.1 + 0.2, "0.3"},
    {-7.709837575196324, "-7.71"},
    {-12.5, "-12.5"},
    {-20, "-20"},
    {0, "0"},
    {-0.0, "0"},
    {-0.001, "0"},
    {0.004, "0"},
    {0.996, "1"},
    {NAN, "-"},
};

static void
test_explain_number(void **state)
{
	char buf[32];

	(void)state;
	for (size_t i = 0; i < NELEM(number_cases); i++) {
		explain_number(number_cases[i].v, buf, sizeof(buf));
		if (strcmp(buf, number_cases[i].want) != 0)
			fail_msg("explain_number(%.17g) = \"%s\", want \"%s\"",
			    number_cases[i].v, buf, number_cases[i].want);
	}
}

static void
test_explain_status(void **state)
{
	static const struct {
		enum status s;
		const char *zh, *en;
	} labels[] = {
	    {STATUS_NOT_MET, "未完成", "not met"},
	    {STATUS_BREACH, "突破约束", "breach"},
	    {STATUS_REGRESSING, "反向变化", "regressing"},
	    {STATUS_OFF_TRACK, "偏离目标", "off track"},
	    {STATUS_AT_RISK, "存在风险", "at risk"},
	    {STATUS_NEARLY_MET, "基本完成", "nearly met"},
	    {STATUS_ON_TRACK, "进度正常", "on track"},
	    {STATUS_AHEAD, "进度超前", "ahead"},
	    {STATUS_MET, "已达目标", "met"},
	    {STATUS_NO_DATA, "暂无数据", "no data"},
	    {STATUS_FEED_ERROR, "数据源故障", "feed error"},
	};

	(void)state;
	assert_int_equal(NELEM(labels), STATUS_COUNT);
	for (size_t i = 0; i < NELEM(labels); i++) {
		assert_string_equal(
		    explain_status(labels[i].s, "zh-CN"), labels[i].zh);
		assert_string_equal(
		    explain_status(labels[i].s, NULL), labels[i].zh);
		assert_string_equal(
		    explain_status(labels[i].s, "en"), labels[i].en);
	}
}

/*
 * Three events of one evaluation, given in this order:
 *   gdp (at_risk, new), rd_spend (on_track -> off_track), pop (at_risk ->
 *   on_track, resolved).
 * rd_spend 30 (2020) -> 74.65 (2025) compound, 2023 = 35:
 *   g = (35 / 30)^(1/3) - 1 = 5.27 %, p = 35 * 1.0527266^2 = 38.79,
 *   r = 8.788 / 44.65 = 0.197 -> off_track.
 * pop 80 (2020) -> 90 (2025) linear, 2023 = 88:
 *   g = (88 / 80)^(1/3) - 1 = 3.23 %, p = 88 * 1.0322801^2 = 93.77,
 *   r = 13.77 / 10 = 1.38 -> on_track.
 * The digest lists problems before recoveries, worst first: rd_spend
 * (off_track) before gdp (at_risk), then pop.
 */
struct digest_fixture {
	struct target_conf t[3];
	struct indicator_conf ind[3];
	struct alert_event ev[3];
};

static void
digest_fixture(struct digest_fixture *f)
{
	memset(f, 0, sizeof(*f));
	f->t[0] = reach_as(
	    "growth_8pct", "2020", 902.27, "2025", 1325.73, PATH_COMPOUND);
	f->t[1] = reach_as("reach", "2020", 30, "2025", 74.65, PATH_COMPOUND);
	f->t[2] = reach_as("reach", "2020", 80, "2025", 90, PATH_LINEAR);
	f->ind[0] = named_indicator(
	    "gdp", "地区生产总值", "亿元", "区统计局", &f->t[0]);
	f->ind[1] = named_indicator("rd_spend", "全社会研究与试验发展经费",
	    "亿元", "区科技局", &f->t[1]);
	f->ind[2] = named_indicator("pop", "常住人口", "万人", NULL, &f->t[2]);
	f->ind[0].group = "经济发展";
	f->ind[1].group = "创新驱动";
	for (int i = 0; i < 3; i++) {
		f->ev[i].ind = &f->ind[i];
		f->ev[i].target = &f->t[i];
		f->ev[i].charted = true; /* each has one target */
	}
	judge_series(&f->t[0], GDP_SERIES, &f->ev[0].j);
	judge_series(&f->t[1], "2021=31 2022=33 2023=35", &f->ev[1].j);
	judge_series(&f->t[2], "2023=88", &f->ev[2].j);
	assert_int_equal(f->ev[0].j.status, STATUS_AT_RISK);
	assert_int_equal(f->ev[1].j.status, STATUS_OFF_TRACK);
	assert_int_equal(f->ev[2].j.status, STATUS_ON_TRACK);
	for (int i = 0; i < 3; i++) {
		f->ev[i].new_status = f->ev[i].j.status;
		f->ev[i].severity = status_severity(f->ev[i].j.status);
	}
	f->ev[0].old_status = STATUS_COUNT;
	f->ev[1].old_status = STATUS_ON_TRACK;
	f->ev[2].old_status = STATUS_AT_RISK;
	f->ev[2].resolved = true;
}

/* Offset of needle in hay; fails when absent. */
static size_t
offset_of(const char *hay, const char *needle)
{
	const char *p = strstr(hay, needle);

	if (p == NULL)
		fail_msg("no \"%s\" in:\n%s", needle, hay);
	return (size_t)(p - hay);
}

static void
assert_in_order(const char *body, const char *const *parts, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (offset_of(body, parts[i - 1]) >= offset_of(body, parts[i]))
			fail_msg("\"%s\" is not before \"%s\" in:\n%s",
			    parts[i - 1], parts[i], body);
}

/* word is in body, and only below the staff footer's "-- " line. */
static void
below_footer(const char *body, const char *word)
{
	const char *footer = strstr(body, "\n-- \n"), *p = strstr(body, word);

	if (footer == NULL || p == NULL || p < footer)
		fail_msg("\"%s\" not only below the staff footer in:\n%s", word,
		    body);
}

static void
test_digest_zh(void **state)
{
	static const char *const order[] = {
	    "本次评估：2 项目标需关注（严重 1 项、警告 1 项）；1 "
	    "项已恢复。\n\n",
	    "需要决策的事项：\n\n",
	    /* By chapter, the chapter of the worst item first. */
	    "【创新驱动】\n\n",
	    "* 全社会研究与试验发展经费：进度正常 → 偏离目标（恶化）\n"
	    "  最新：35 亿元（2023）；目标：2025 年达到 74.65 亿元\n"
	    "  责任单位：区科技局\n",
	    "【经济发展】\n\n",
	    "* 地区生产总值：存在风险\n"
	    "  最新：1048.97 亿元（2023）；目标：2025 年达到 1325.73 亿元\n"
	    "  责任单位：区统计局\n",
	    "情况好转：\n\n",
	    "* 常住人口：存在风险 → 进度正常\n"
	    "  最新：88 万人（2023）；目标：2025 年达到 90 万人\n",
	    /* Ids and the method's sentences, for staff only, under the
	     * signature line. */
	    "-- \n供工作人员参考（指标/目标编号与判断依据）：\n",
	    "  地区生产总值: gdp/growth_8pct\n"
	    "    2023 年 1048.97 亿元，计划路径 1136.6 亿元（-7.71%）；按 "
	    "2020 年以来年均 5.15% 的增速，2025 年预计 1159.79 亿元，进度比 "
	    "0.61，按目前速度将于 2028 年达到；还需年均增长 12.42% 才能在 "
	    "2025 年达到 1325.73。\n",
	    "planwatch 自动发送，请勿直接回复。\n",
	};
	struct digest_fixture f;
	char *subject = NULL, *body = NULL;

	(void)state;
	digest_fixture(&f);
	assert_int_equal(
	    digest_compose(f.ev, NELEM(f.ev),
		&(struct digest_frame){.locale = "zh-CN"}, &subject, &body),
	    0);
	/* The subject counts what the first line counts. */
	assert_string_equal(subject,
	    "[planwatch] 2 项目标需关注（严重 1 项、警告 1 项）；1 项已恢复");
	/* No id and no method word above the staff footer. */
	below_footer(body, "rd_spend/reach");
	below_footer(body, "进度比");
	below_footer(body, "计划路径");
	assert_in_order(body, order, NELEM(order));
	if (strstr(body, "nan") != NULL)
		fail_msg("nan in:\n%s", body);
	free(subject);
	free(body);
}

static void
test_digest_en(void **state)
{
	static const char *const order[] = {
	    "This evaluation: 2 target(s) need attention (1 critical, 1 "
	    "warning); 1 recovered.\n\n",
	    "Needs a decision:\n\n",
	    "[创新驱动]\n\n",
	    "* 全社会研究与试验发展经费: on track → off track (worse)\n"
	    "  latest: 35 亿元 (2023); target: 74.65 亿元 by 2025\n"
	    "  responsible bureau: 区科技局\n",
	    "[经济发展]\n\n",
	    "* 地区生产总值: at risk\n",
	    "Improved:\n\n",
	    "* 常住人口: at risk → on track\n"
	    "  latest: 88 万人 (2023)",
	    "-- \nFor staff (indicator/target ids and how each was judged):\n",
	    "needs 12.42 %/yr from 2023 to reach 1325.73 by 2025.\n",
	    "Sent by planwatch; do not reply.\n",
	};
	struct digest_fixture f;
	char *subject = NULL, *body = NULL;

	(void)state;
	digest_fixture(&f);
	assert_int_equal(
	    digest_compose(f.ev, NELEM(f.ev),
		&(struct digest_frame){.locale = "en"}, &subject, &body),
	    0);
	assert_string_equal(subject,
	    "[planwatch] 2 target(s) need attention (1 critical, 1 warning); "
	    "1 recovered");
	assert_in_order(body, order, NELEM(order));
	free(subject);
	free(body);
}

/* With the plan's name: the first sentence names the plan and counts
 * what the subject counts. */
static void
test_digest_names_the_plan(void **state)
{
	struct digest_fixture f;
	char *subject = NULL, *body = NULL;

	(void)state;
	digest_fixture(&f);
	assert_int_equal(digest_compose(f.ev, NELEM(f.ev),
			     &(struct digest_frame){.locale = "zh-CN",
				 .plan = "仓山区“十四五”规划"},
			     &subject, &body),
	    0);
	assert_string_equal(subject,
	    "[planwatch] 2 项目标需关注（严重 1 项、警告 1 项）；1 项已恢复");
	assert_int_equal(
	    strncmp(body,
		"《仓山区“十四五”规划》：2 项目标需关注（严重 1 "
		"项、警告 1 项）；1 项已恢复。\n",
		strlen("《仓山区“十四五”规划》：2 项目标需关注（严重 1 "
		       "项、警告 1 项）；1 项已恢复。\n")),
	    0);
	free(subject);
	free(body);
}

/* Only problems, only recoveries; a feed error gives its reason. */
static void
test_digest_variants(void **state)
{
	struct digest_fixture f;
	char *subject = NULL, *body = NULL;

	(void)state;
	digest_fixture(&f);
	assert_int_equal(
	    digest_compose(f.ev, 2, &(struct digest_frame){.locale = "zh-CN"},
		&subject, &body),
	    0);
	assert_string_equal(
	    subject, "[planwatch] 2 项目标需关注（严重 1 项、警告 1 项）");
	assert_null(strstr(body, "已恢复"));
	free(subject);
	free(body);

	assert_int_equal(
	    digest_compose(&f.ev[2], 1,
		&(struct digest_frame){.locale = "zh-CN"}, &subject, &body),
	    0);
	assert_string_equal(subject, "[planwatch] 1 项已恢复");
	assert_null(strstr(body, "需要决策"));
	free(subject);
	free(body);

	f.ev[1].new_status = STATUS_FEED_ERROR;
	f.ev[1].feed_err = "HTTP 503 from file feed";
	assert_int_equal(
	    digest_compose(f.ev, 2, &(struct digest_frame){.locale = "en"},
		&subject, &body),
	    0);
	/* A fault, counted and listed apart from the decisions. */
	assert_string_equal(subject,
	    "[planwatch] 1 target(s) need attention (warning); 1 feed or "
	    "journal fault(s)");
	assert_true(offset_of(body,
			"Feeds and journals failing:\n\n"
			"* 全社会研究与试验发展经费: on track → "
			"feed error\n"
			"  this indicator's data cannot be updated\n"
			"  details: HTTP 503 from file feed\n") >
	    offset_of(body, "Needs a decision:"));
	free(subject);
	free(body);
}

/*
 * A failing feed, for operators: what failed in words (the collector, the
 * URL's host without its credentials, failures in a row, the HTTP status)
 * first, the library's message only as a detail below; no judgement
 * sentence about data that did not come.
 */
static void
test_digest_feed_fault(void **state)
{
	struct digest_fixture f;
	struct collector_conf coll = {.id = "gdp_feed",
	    .url = "https://u:secret@stats.example:8443/api/gdp.json?k=1"};
	char *subject = NULL, *body = NULL, *html = NULL, words[512];

	(void)state;
	digest_fixture(&f);
	f.ev[1].new_status = STATUS_FEED_ERROR;
	f.ev[1].feed_err = "Failed writing body (/srv/feeds/gdp.json)";
	f.ev[1].coll = &coll;
	f.ev[1].failures = 3;
	f.ev[1].http_status = 503;
	assert_int_equal(
	    digest_compose(&f.ev[1], 1,
		&(struct digest_frame){.locale = "zh-CN"}, &subject, &body),
	    0);
	offset_of(body,
	    "  数据源 gdp_feed（stats.example:8443）连续 3 次获取失败（HTTP "
	    "503）\n  技术细节：Failed writing body (/srv/feeds/gdp.json)\n");
	assert_null(strstr(body, "secret"));
	assert_null(strstr(body, "原因"));
	free(subject);
	free(body);
	assert_int_equal(
	    digest_compose_html(&f.ev[1], 1,
		&(struct digest_frame){.locale = "en"}, NULL, NULL, &html),
	    0);
	assert_true(offset_of(html,
			"feed gdp_feed (stats.example:8443) failed "
			"3 times in a row (HTTP 503)") <
	    offset_of(html, "Details: Failed writing body"));
	free(html);

	/* One failure, no HTTP answer; an answer that could not be read. */
	f.ev[1].failures = 1;
	f.ev[1].http_status = 0;
	digest_fault(&f.ev[1], false, words, sizeof(words));
	assert_string_equal(words, "feed gdp_feed (stats.example:8443) failed");
	f.ev[1].failures = 0;
	f.ev[1].http_status = 200;
	digest_fault(&f.ev[1], true, words, sizeof(words));
	assert_string_equal(words,
	    "数据源 gdp_feed（stats.example:8443）有应答，但数据无法读取");
	coll.url = "file:///srv/feeds/gdp.json";
	digest_fault(&f.ev[1], true, words, sizeof(words));
	assert_string_equal(words, "数据源 gdp_feed 有应答，但数据无法读取");
	f.ev[1].journal_damaged = true;
	digest_fault(&f.ev[1], false, words, sizeof(words));
	assert_string_equal(words,
	    "this indicator's journal is damaged; no new value is stored "
	    "until it is repaired");
}

/* Who receives what: a feed failing and its recovery are operations. */
static void
test_digest_receives(void **state)
{
	struct alert_event e = {
	    .old_status = STATUS_ON_TRACK, .new_status = STATUS_FEED_ERROR};

	(void)state;
	assert_int_equal(digest_receives(&e), RECEIVES_OPERATIONS);
	e.old_status = STATUS_COUNT;
	assert_int_equal(digest_receives(&e), RECEIVES_OPERATIONS);
	e = (struct alert_event){
	    .old_status = STATUS_ON_TRACK, .new_status = STATUS_OFF_TRACK};
	assert_int_equal(digest_receives(&e), RECEIVES_DECISIONS);
	e.resolved = true;
	e.old_status = STATUS_OFF_TRACK;
	e.new_status = STATUS_MET;
	assert_int_equal(digest_receives(&e), RECEIVES_DECISIONS);
	/* The feed is back and the target on track: operators only. */
	e.old_status = STATUS_FEED_ERROR;
	assert_int_equal(digest_receives(&e), RECEIVES_OPERATIONS);
	/* ... back, and the target off track: both. */
	e.resolved = false;
	e.new_status = STATUS_OFF_TRACK;
	assert_int_equal(
	    digest_receives(&e), RECEIVES_OPERATIONS | RECEIVES_DECISIONS);
}

/* Charts the test says exist: all but pop's. */
static bool
some_charts(const struct indicator_conf *ind, void *arg)
{
	(void)arg;
	return strcmp(ind->id, "pop") != 0;
}

/*
 * The HTML part: the same items in the same order, each chart that
 * exists named by cid: and listed for the message, the figures of a reach
 * target, a dashboard link; text from the configuration escaped.
 */
static void
test_digest_html(void **state)
{
	static const char *const order[] = {
	    "本次评估：2 项目标需关注（严重 1 项、警告 1 项）；1 项已恢复。",
	    "需要决策的事项：",
	    ">创新驱动</h3>",
	    "全社会研究与试验发展经费",
	    "src=\"cid:chart.rd_spend@planwatch\"",
	    ">经济发展</h3>",
	    "&lt;b&gt;地区生产总值&lt;/b&gt; &amp; &quot;GDP&quot;",
	    "最新：1048.97 亿元（2023）；目标：2025 年达到 1325.73 亿元",
	    "src=\"cid:chart.gdp@planwatch\"",
	    "https://planwatch.example.org/indicator/gdp",
	    "情况好转：",
	    "常住人口",
	};
	struct digest_fixture f;
	struct digest_charts charts = {.available = some_charts};
	char *html = NULL, *gdp;

	(void)state;
	digest_fixture(&f);
	f.ind[0].name = "<b>地区生产总值</b> & \"GDP\"";
	assert_int_equal(digest_compose_html(f.ev, NELEM(f.ev),
			     &(struct digest_frame){.locale = "zh-CN"},
			     "https://planwatch.example.org", &charts, &html),
	    0);
	assert_in_order(html, order, NELEM(order));
	/* gdp's figures: a reach target before its deadline. */
	gdp = strstr(html, "&lt;b&gt;地区生产总值");
	offset_of(gdp, ">计划路径</td>");
	offset_of(gdp, ">差距</td><td style=\"padding:2px 0\">-");
	offset_of(
	    gdp, ">还需年均增长</td><td style=\"padding:2px 0\">12.42 % / 年");
	/* 5.15 %/yr from 1048.97 reaches 1325.73 in 2027.66: 2028. */
	offset_of(
	    gdp, ">按目前速度达到</td><td style=\"padding:2px 0\">2028 年");
	assert_null(strstr(html, "<b>地区生产总值</b>"));
	assert_null(strstr(html, "cid:chart.pop@planwatch"));
	assert_null(strstr(html, "nan"));
	assert_int_equal(charts.n, 2);
	assert_string_equal(charts.ids[0], "rd_spend");
	assert_string_equal(charts.ids[1], "gdp");
	free(html);

	/* No charts asked for: no <img> at all; no dashboard: no link. */
	assert_int_equal(
	    digest_compose_html(f.ev, NELEM(f.ev),
		&(struct digest_frame){.locale = "en"}, NULL, NULL, &html),
	    0);
	assert_null(strstr(html, "<img"));
	assert_null(strstr(html, "<a href"));
	offset_of(html,
	    "This evaluation: 2 target(s) need attention (1 critical, 1 "
	    "warning)");
	free(html);
}

/*
 * The frame: the plan, the date as of (in the configured zone), the
 * dashboard; a final verdict said as one with no next figure; a target
 * still running with its next figure, overdue.
 */
static void
test_digest_date_final_next(void **state)
{
	struct digest_fixture f;
	char *subject = NULL, *body = NULL, *html = NULL;

	(void)state;
	digest_fixture(&f);
	/* gdp's 2024 figure is late; rd_spend's verdict is final. */
	f.ev[0].j.stale = f.ev[0].j.has_next = true;
	f.ev[0].j.overdue = f.ev[0].j.next = (struct period){0};
	assert_int_equal(period_parse("2024", &f.ev[0].j.next, NULL, 0), 0);
	f.ev[0].j.next_due = 1759276800; /* 2025-10-01T00:00:00Z */
	f.ev[1].j.final = true;
	f.ev[1].j.has_next = false;
	assert_int_equal(digest_compose(f.ev, NELEM(f.ev),
			     &(struct digest_frame){.locale = "zh-CN",
				 .plan = "仓山区“十四五”规划",
				 .asof = 1796684400, /* 2026-12-07T23:00:00Z */
				 .dashboard_url = "https://pw.example"},
			     &subject, &body),
	    0);
	offset_of(
	    body, "《仓山区“十四五”规划》：截至 2026-12-07，2 项目标需关注");
	offset_of(body,
	    "  责任单位：区统计局；下一期：2024 年数据应于 "
	    "2025-10-01 前发布，已逾期\n");
	offset_of(body,
	    "* 全社会研究与试验发展经费：进度正常 → "
	    "偏离目标（终期结论）\n");
	offset_of(body, "  责任单位：区科技局\n\n");
	assert_true(offset_of(body, "规划监测仪表盘：https://pw.example/\n") <
	    offset_of(body, "\n-- \n"));
	/* The subject carries no date: the same message every day. */
	assert_string_equal(subject,
	    "[planwatch] 2 项目标需关注（严重 1 项、警告 1 项）；1 项已恢复");
	free(subject);
	free(body);
	assert_int_equal(
	    digest_compose_html(f.ev, NELEM(f.ev),
		&(struct digest_frame){.locale = "en", .asof = 1796684400},
		NULL, NULL, &html),
	    0);
	offset_of(html, "This evaluation: as of 2026-12-07, 2 target(s)");
	offset_of(html,
	    "responsible bureau: 区统计局; next: 2024 figure was due "
	    "by "
	    "2025-10-01 and is overdue");
	offset_of(html, "off track</span> (final verdict)");
	free(html);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_explain_judgement),
	    cmocka_unit_test(test_explain_truncates),
	    cmocka_unit_test(test_explain_number),
	    cmocka_unit_test(test_explain_status),
	    cmocka_unit_test(test_digest_zh),
	    cmocka_unit_test(test_digest_en),
	    cmocka_unit_test(test_digest_names_the_plan),
	    cmocka_unit_test(test_digest_variants),
	    cmocka_unit_test(test_digest_feed_fault),
	    cmocka_unit_test(test_digest_receives),
	    cmocka_unit_test(test_digest_html),
	    cmocka_unit_test(test_digest_date_final_next),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

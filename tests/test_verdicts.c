/*
 * test_verdicts: a target whose period is over (daemon/judge/target_verdict.c,
 * explain_verdict.c), through evaluate_indicator as the daemon and eval
 * judge: every kind past its deadline in each final verdict (met, nearly
 * met, not met), the plan's vocabulary, the moment a target's period is
 * over, what is said while its last value is awaited, the history per
 * year.  Data overdue beside the status, where it is shown, and the plan's
 * badge are in test_verdicts_shown.c.
 *
 * Expectations are computed by hand in the comments above each row, as in
 * test_target_progress.c.  Every sentence of a target whose period is over
 * is checked for what must not be there any more: a projection ("预计",
 * "projected"), growth still required ("还需", "needs"), nan and inf
 * (check_sentence, judge_case.c).
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
#include "digest.h"
#include "evaluate.h"
#include "explain.h"
#include "html.h"
#include "obs.h"
#include "period.h"
#include "report.h"
#include "target.h"
/* The verdict tests' targets (REACH, YOY8, ...): see judge_case.h. */
#define JUDGE_CASE_VERDICTS
#include "unit/judge_case.h"

/* 2021..2025, one value each. */
#define Y5(a, b, c, d, e)                                                      \
	OBS({"2021", a}, {"2022", b}, {"2023", c}, {"2024", d}, {"2025", e})

/* ------------------------------------------------------------------ */
/* final verdicts, every kind                                           */

struct vcase {
	const char *name;
	struct tspec t;
	const char *unit;
	const struct pv *obs;
	const struct pv *rates; /* NULL: none */
	const char *day; /* now */
	enum status want;
	double shortfall; /* NAN: not checked */
	const char *zh, *en; /* a phrase of the sentence, or NULL */
};

/* The day after the plan, before 2025's value would be overdue. */
#define JUNE26 "2026-06-01"

/*
 * Row layout: name, target, unit, observations, rates, now, verdict,
 * shortfall (in the tolerance's unit), zh phrase, en phrase.
 */
static const struct vcase vcases[] = {
    /* reach 100 (2020) -> 200 (2025), tolerance 5 % of the change (5). */
    {"reach met", {REACH}, "亿元", OBS({"2020", 100}, {"2025", 200}), NULL,
	JUNE26, STATUS_MET, 0, "达到 2025 年 200 亿元 的目标",
	"the target of 200 by 2025 is met"},
    /* 195: short 5 = 0.05 of the change, on the tolerance: nearly. */
    {"reach nearly", {REACH}, "亿元", OBS({"2020", 100}, {"2025", 195}), NULL,
	JUNE26, STATUS_NEARLY_MET, 0.05, "完成计划增量的 95%",
	"95 % of the planned change achieved"},
    /* 194: short 6 = 0.06. */
    {"reach not", {REACH}, "亿元", OBS({"2020", 100}, {"2025", 194}), NULL,
	JUNE26, STATUS_NOT_MET, 0.06, "差 6 亿元",
	"(nearly met within 5 % of it)"},
    /* Down 20 -> 14: 14.2 is 0.2 short of 6, 0.0333; 14.5 is 0.0833. */
    {"reach down nearly", {MORTALITY}, "1/10万",
	OBS({"2020", 20}, {"2025", 14.2}), NULL, JUNE26, STATUS_NEARLY_MET,
	0.2 / 6, "完成计划增量的 96.67%", NULL},
    {"reach down not", {MORTALITY}, "1/10万", OBS({"2020", 20}, {"2025", 14.5}),
	NULL, JUNE26, STATUS_NOT_MET, 0.5 / 6, NULL, NULL},
    {"reach down met", {MORTALITY}, "1/10万", OBS({"2020", 20}, {"2025", 13.9}),
	NULL, JUNE26, STATUS_MET, 0, NULL, NULL},
    /*
     * About 20 (±10 %: 18-22) from 10: 19 is met (in the band); 25 met
     * (beyond it); 17.6 is 0.4 short of 18, 0.04 of the change (10):
     * nearly; 17 is 0.1: not.
     */
    {"about met", {ABOUT}, "家", OBS({"2020", 10}, {"2025", 19}), NULL, JUNE26,
	STATUS_MET, 0, "在 2025 年 20 家左右（±10%，18–22 家）的目标范围内",
	"within the target of about 20 by 2025"},
    {"about met beyond", {ABOUT}, "家", OBS({"2020", 10}, {"2025", 25}), NULL,
	JUNE26, STATUS_MET, 0, "超出", "beyond"},
    {"about nearly", {ABOUT}, "家", OBS({"2020", 10}, {"2025", 17.6}), NULL,
	JUNE26, STATUS_NEARLY_MET, 0.04, "未达到", "short of the target"},
    {"about not", {ABOUT}, "家", OBS({"2020", 10}, {"2025", 17}), NULL, JUNE26,
	STATUS_NOT_MET, 0.1, "差 1 家", NULL},
    /*
     * cagr 10 %/yr from 100: 161.051 is 10 % exactly: met; 100 * 1.096^5
     * = 158.2 is 9.6 %: 0.4 points short, within 0.5: nearly; 100 *
     * 1.09^5 = 153.86 is 1 point short: not.
     */
    {"cagr met", {CAGR10}, "亿元", OBS({"2020", 100}, {"2025", 161.051}), NULL,
	JUNE26, STATUS_MET, 0, "年均增长 10%", NULL},
    {"cagr nearly", {CAGR10}, "亿元",
	OBS({"2020", 100}, {"2025", 158.144018700698}), NULL, JUNE26,
	STATUS_NEARLY_MET, 0.4, "差 0.4 个百分点",
	"0.4 points short (nearly met within 0.5 points)"},
    {"cagr not", {CAGR10}, "亿元", OBS({"2020", 100}, {"2025", 153.86239549}),
	NULL, JUNE26, STATUS_NOT_MET, 1, "差 1 个百分点", NULL},
    /*
     * yoy 8 % on published rates, 2021-2025: all kept: met; 2023 at 7.6
     * (0.4 below, within 0.5): nearly; 2023 at 7.4: not; holds final:
     * only 2025 counts.
     */
    {"yoy met", {YOY8}, "亿元", NO_OBS, Y5(9, 8.5, 8, 8.2, 8.1), JUNE26,
	STATUS_MET, 0, "的 5 期均增长不低于 8%", "all 5 periods growth"},
    {"yoy nearly", {YOY8}, "亿元", NO_OBS, Y5(9, 8.5, 7.6, 8.2, 8.1), JUNE26,
	STATUS_NEARLY_MET, 0.4, "5 期中 4 期增长不低于 8%", "4 of 5 periods"},
    {"yoy not", {YOY8}, "亿元", NO_OBS, Y5(9, 1.1, 2.5, 8.2, 8.1), JUNE26,
	STATUS_NOT_MET, 6.9, "首次为 2022 年，最多差 6.9 个百分点", NULL},
    {"yoy final met", {YOY8, .holds = HOLDS_FINAL}, "亿元", NO_OBS,
	Y5(9, 1.1, 2.5, 8.2, 8.1), JUNE26, STATUS_MET, 0,
	"按期末一期判断：2025 年增长 8.1%", "judged on the final period"},
    {"yoy final not", {YOY8, .holds = HOLDS_FINAL}, "亿元", NO_OBS,
	Y5(9, 9, 9, 9, 6), JUNE26, STATUS_NOT_MET, 2, "增长低于 8%",
	"growth below 8 %"},
    /* floor 85, tolerance 0.5 (in %: points). */
    {"floor met", {FLOOR85}, "%", Y5(86, 87, 85, 90, 91), NULL, JUNE26,
	STATUS_MET, 0, "的 5 期均不低于 85 的下限", NULL},
    {"floor nearly", {FLOOR85}, "%", Y5(86, 87, 84.6, 90, 91), NULL, JUNE26,
	STATUS_NEARLY_MET, 0.4,
	"最多差 0.4 个百分点；基本完成的容差为 0.5 个百分点", NULL},
    {"floor not", {FLOOR85}, "%", Y5(86, 87, 84, 90, 91), NULL, JUNE26,
	STATUS_NOT_MET, 1, "1 期未达标（首次为 2023 年",
	"1 did not (first 2023"},
    {"floor final met", {FLOOR85, .holds = HOLDS_FINAL}, "%",
	Y5(80, 80, 84, 90, 86), NULL, JUNE26, STATUS_MET, 0,
	"（5 期中 2 期达标）", "(2 of 5 periods kept it)"},
    {"floor final nearly", {FLOOR85, .holds = HOLDS_FINAL}, "%",
	Y5(90, 90, 90, 90, 84.8), NULL, JUNE26, STATUS_NEARLY_MET, 0.2,
	"低于 85 的下限", NULL},
    /* ceiling 14 (maternal mortality), tolerance 0.5 1/10万. */
    {"ceiling met", {CEIL14}, "1/10万", Y5(12, 13, 14, 11, 10), NULL, JUNE26,
	STATUS_MET, 0, "的 5 期均不高于 14 的上限", NULL},
    {"ceiling nearly", {CEIL14}, "1/10万", Y5(12, 13, 14.3, 11, 10), NULL,
	JUNE26, STATUS_NEARLY_MET, 0.3, "最多差 0.3 1/10万", NULL},
    {"ceiling not", {CEIL14}, "1/10万", Y5(12, 13, 11, 11, 21.7), NULL, JUNE26,
	STATUS_NOT_MET, 7.7, "；2025 年 21.7 1/10万", NULL},
    /* decline, tolerance 0.002 tce/万元; the 2020 value is compared. */
    {"decline met", {DECLINE}, "tce/万元",
	OBS({"2020", 0.21}, {"2021", 0.205}, {"2022", 0.2}, {"2023", 0.198},
	    {"2024", 0.196}, {"2025", 0.19}),
	NULL, JUNE26, STATUS_MET, 0, "的 5 期均较上期下降", NULL},
    {"decline nearly", {DECLINE}, "tce/万元",
	OBS({"2020", 0.21}, {"2021", 0.205}, {"2022", 0.2}, {"2023", 0.201},
	    {"2024", 0.196}, {"2025", 0.19}),
	NULL, JUNE26, STATUS_NEARLY_MET, 0.001, "1 期未达标（首次为 2023 年",
	NULL},
    {"decline not", {DECLINE}, "tce/万元",
	OBS({"2020", 0.21}, {"2021", 0.205}, {"2022", 0.2}, {"2023", 0.198},
	    {"2024", 0.196}, {"2025", 0.199}),
	NULL, JUNE26, STATUS_NOT_MET, 0.003, "（上期 0.196）", NULL},
    /* rise, tolerance 0.5: flat once (missed by 0) is nearly met. */
    {"rise met", {RISE}, "张",
	OBS({"2020", 30}, {"2021", 31}, {"2022", 32}, {"2023", 33},
	    {"2024", 34}, {"2025", 35}),
	NULL, JUNE26, STATUS_MET, 0, "较上期上升", "above the period before"},
    {"rise nearly", {RISE}, "张",
	OBS({"2020", 30}, {"2021", 31}, {"2022", 31}, {"2023", 33},
	    {"2024", 34}, {"2025", 35}),
	NULL, JUNE26, STATUS_NEARLY_MET, NAN, NULL, NULL},
    {"rise not", {.kind = TARGET_RISE, .from = "2021", .to = "2025"}, "张",
	OBS({"2020", 30}, {"2021", 31}, {"2022", 31}, {"2023", 33},
	    {"2024", 34}, {"2025", 35}),
	NULL, JUNE26, STATUS_NOT_MET, NAN, NULL, NULL},
    /*
     * Past the deadline with the last value overdue (2025 due
     * 2026-10-01): the verdict is given on the latest value known (2024
     * = 190: short 10 = 0.1), with the overdue flag beside it.
     */
    {"reach overdue", {REACH}, "亿元", OBS({"2020", 100}, {"2024", 190}), NULL,
	"2026-11-26", STATUS_NOT_MET, 0.1,
	"2025 年数据已逾期（应于 2026-10-01 前发布）；2024 年 190 亿元",
	"2025 data overdue since 2026-10-01"},
    /* GDP: 2022 and 2023 below 8 %, 2024 overdue: not met, flagged. */
    {"yoy overdue", {YOY8}, "亿元", NO_OBS,
	OBS({"2021", 9.5}, {"2022", 1.1}, {"2023", 2.5}), "2026-11-26",
	STATUS_NOT_MET, 6.9, "2024 年数据已逾期（应于 2025-10-01 前发布）；",
	"2024 data overdue since 2025-10-01"},
};

static void
test_verdict_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(vcases); i++) {
		const struct vcase *c = &vcases[i];
		struct target_conf t = mk(&c->t);
		struct obs_list obs, rates;
		struct judgement j;
		const char *w = c->name;

		load(&obs, c->obs);
		if (c->rates != NULL)
			load(&rates, c->rates);
		judge_at(&t, c->unit, &obs, c->rates ? &rates : NULL,
		    at(c->day, 0), &j);
		assert_status(j.status, c->want, w);
		if (!j.final || !j.ended)
			fail_msg("%s: not a final verdict", w);
		if (!isnan(c->shortfall))
			assert_near(j.shortfall, c->shortfall, 1e-6, w);
		if (!isnan(j.projected) || !isnan(j.required_growth) ||
		    !isnan(j.reach_year))
			fail_msg("%s: a projection after the end", w);
		check_sentence(&t, c->unit, &j, "zh-CN", c->zh, w);
		check_sentence(&t, c->unit, &j, "en", c->en, w);
	}
}

/* The labels of the verdicts, in both vocabularies. */
static void
test_verdict_labels(void **state)
{
	(void)state;
	for (int v = VOCABULARY_UNSD; v <= VOCABULARY_PLAN; v++) {
		enum vocabulary voc = (enum vocabulary)v;

		assert_string_equal(
		    explain_label(STATUS_MET, true, voc, "zh-CN"), "完成");
		assert_string_equal(
		    explain_label(STATUS_NEARLY_MET, true, voc, "zh-CN"),
		    "基本完成");
		assert_string_equal(
		    explain_label(STATUS_NOT_MET, true, voc, "zh-CN"),
		    "未完成");
		assert_string_equal(
		    explain_label(STATUS_MET, true, voc, "en"), "met");
		assert_string_equal(
		    explain_label(STATUS_NEARLY_MET, true, voc, "en"),
		    "nearly met");
		assert_string_equal(
		    explain_label(STATUS_NOT_MET, true, voc, "en"), "not met");
	}
	assert_string_equal(
	    explain_label(STATUS_MET, false, VOCABULARY_UNSD, "zh-CN"),
	    "已达目标");
}

/*
 * The plan vocabulary, status by status, against the UNSD words: the
 * mid-term classes of Chinese plan evaluations from the same ratios.
 */
static void
test_plan_vocabulary(void **state)
{
	static const struct {
		enum status s;
		bool final;
		const char *unsd_zh, *plan_zh, *plan_en;
	} rows[] = {
	    {STATUS_MET, false, "已达目标", "提前实现", "achieved early"},
	    {STATUS_AHEAD, false, "进度超前", "快于预期", "ahead of schedule"},
	    {STATUS_ON_TRACK, false, "进度正常", "基本符合预期",
		"broadly on schedule"},
	    {STATUS_AT_RISK, false, "存在风险", "滞后于预期",
		"behind schedule"},
	    {STATUS_OFF_TRACK, false, "偏离目标", "严重滞后于预期",
		"well behind schedule"},
	    {STATUS_REGRESSING, false, "反向变化", "反向变化", "moving away"},
	    {STATUS_BREACH, false, "突破约束", "突破约束", "constraint broken"},
	    {STATUS_MET, true, "完成", "完成", "met"},
	    {STATUS_NEARLY_MET, true, "基本完成", "基本完成", "nearly met"},
	    {STATUS_NOT_MET, true, "未完成", "未完成", "not met"},
	    {STATUS_NO_DATA, false, "暂无数据", "暂无数据", "no data"},
	    {STATUS_FEED_ERROR, false, "数据源故障", "数据源故障",
		"feed error"},
	};

	(void)state;
	for (size_t i = 0; i < NELEM(rows); i++) {
		assert_string_equal(explain_label(rows[i].s, rows[i].final,
					VOCABULARY_UNSD, "zh-CN"),
		    rows[i].unsd_zh);
		assert_string_equal(explain_label(rows[i].s, rows[i].final,
					VOCABULARY_PLAN, "zh-CN"),
		    rows[i].plan_zh);
		assert_string_equal(explain_label(rows[i].s, rows[i].final,
					VOCABULARY_PLAN, "en"),
		    rows[i].plan_en);
	}
}

/*
 * "快于预期" from the ratio: reach 100 -> 200 by 2025, at 2022 with the
 * thresholds of the plan vocabulary (ahead 1.05): 140 is g = 18.32 %/yr,
 * p = 140 * 1.1832^3 = 231.9, r = 1.319 -> ahead; 125: g = 11.80 %, p =
 * 174.7, r = 0.747 -> at_risk (滞后于预期); 136: g = 16.62 %, p = 215.7,
 * r = 1.157 -> ahead; 132: g = 14.89 %, p = 200.2, r = 1.002 -> on_track
 * (基本符合预期); the same with no ahead threshold (unsd): on_track.
 */
static void
test_plan_vocabulary_ahead(void **state)
{
	static const struct {
		double v;
		enum status plan, unsd;
	} rows[] = {
	    {140, STATUS_AHEAD, STATUS_ON_TRACK},
	    {136, STATUS_AHEAD, STATUS_ON_TRACK},
	    {132, STATUS_ON_TRACK, STATUS_ON_TRACK},
	    {125, STATUS_AT_RISK, STATUS_AT_RISK},
	    {210, STATUS_MET, STATUS_MET},
	};
	struct tspec rs = {REACH};

	(void)state;
	for (size_t i = 0; i < NELEM(rows); i++) {
		struct target_conf t = mk(&rs);
		struct obs_list obs;
		struct pv pv[] = {
		    {"2020", 100}, {"2022", rows[i].v}, {NULL, 0}};
		struct judgement j;

		load(&obs, pv);
		t.ahead_ratio = 1.05;
		judge_at(&t, "亿元", &obs, NULL, at("2023-06-01", 0), &j);
		assert_status(j.status, rows[i].plan, "plan");
		t.ahead_ratio = INFINITY;
		judge_at(&t, "亿元", &obs, NULL, at("2023-06-01", 0), &j);
		assert_status(j.status, rows[i].unsd, "unsd");
	}
}

/* ------------------------------------------------------------------ */
/* when a target's period is over                                       */

static void
test_over(void **state)
{
	struct tspec rs = {REACH}, fs = {FLOOR85},
		     open = {.kind = TARGET_FLOOR, .bound = 85, .from = "2021"};
	struct target_conf reach = mk(&rs), floor = mk(&fs), o = mk(&open);
	struct obs_list full, short_;
	double lag = 273 * DAY;

	(void)state;
	load(&full, OBS({"2020", 100}, {"2025", 200}));
	load(&short_, OBS({"2020", 100}, {"2024", 190}));
	/* The value of 2025 is there, but 2025 has not ended. */
	assert_false(target_over(&reach, &full, lag, at("2025-12-31", 86399)));
	assert_true(target_over(&reach, &full, lag, at("2026-01-01", 0)));
	/* Without it: over once it is overdue, 2026-01-01 + 273 d. */
	assert_false(
	    target_over(&reach, &short_, lag, at("2026-09-30", 86399)));
	assert_true(target_over(&reach, &short_, lag, at("2026-10-01", 0)));
	/* "to" ends a rule; a rule without it never is over. */
	assert_true(target_over(&floor, &full, lag, at("2026-01-01", 0)));
	assert_false(target_over(&o, &full, lag, at("2040-01-01", 0)));
	/* No data at all: no verdict, no_data stays. */
	{
		struct obs_list none;
		struct judgement j;

		load(&none, NO_OBS);
		judge_at(&reach, "亿元", &none, NULL, at("2030-01-01", 0), &j);
		assert_status(
		    j.status, STATUS_NO_DATA, "no data after the end");
		assert_false(j.final);
	}
}

/*
 * 2026-06-01: the plan's period is over, 2025's value not yet due.  The
 * judgement of 2024's value projects nothing and asks for no growth: the
 * share achieved so far is the ratio (190: 0.9 -> at_risk, where the
 * projection said 190 * 1.1372 = 216 -> on track).
 */
static void
test_close_before_verdict(void **state)
{
	struct tspec rs = {REACH},
		     fs = {.kind = TARGET_FLOOR,
			 .bound = 85,
			 .from = "2021",
			 .to = "2025"};
	struct target_conf reach = mk(&rs), floor = mk(&fs);
	struct obs_list obs, fl;
	struct judgement j;

	(void)state;
	load(&obs, OBS({"2020", 100}, {"2024", 190}));
	judge_at(&reach, "亿元", &obs, NULL, at("2025-06-01", 0), &j);
	assert_status(j.status, STATUS_ON_TRACK, "before the end");
	assert_false(j.ended);
	judge_at(&reach, "亿元", &obs, NULL, at(JUNE26, 0), &j);
	assert_true(j.ended);
	assert_false(j.final);
	assert_status(j.status, STATUS_AT_RISK, "after the end, 2025 awaited");
	assert_near(j.ratio, 0.9, 1e-12, "share achieved");
	assert_true(isnan(j.projected) && isnan(j.required_growth));
	check_sentence(&reach, "亿元", &j, "zh-CN",
	    "已完成计划增量的 90%。2025 年数据尚待发布", "close zh");
	check_sentence(&reach, "亿元", &j, "en",
	    "90 % of the planned change achieved. The 2025 value is awaited",
	    "close en");
	/* A floor at risk only because the last change repeated would
	 * cross it: after the end there is no next period. */
	load(&fl, OBS({"2021", 95}, {"2022", 90}, {"2023", 87}, {"2024", 86}));
	judge_at(&floor, "%", &fl, NULL, at("2025-06-01", 0), &j);
	assert_status(j.status, STATUS_ON_TRACK, "86 - 87 + 86 = 85 ok");
	load(&fl, OBS({"2021", 95}, {"2022", 90}, {"2023", 88}, {"2024", 86}));
	judge_at(&floor, "%", &fl, NULL, at("2025-06-01", 0), &j);
	assert_status(j.status, STATUS_AT_RISK, "86 - 2 = 84 next");
	judge_at(&floor, "%", &fl, NULL, at(JUNE26, 0), &j);
	assert_status(j.status, STATUS_ON_TRACK, "no next period");
	check_sentence(
	    &floor, "%", &j, "zh-CN", "2025 年数据尚待发布", "floor close");
}

/*
 * The status at the end of each year, judged on the periods to then: the
 * shipped green coverage, 45.26 (2020) -> 46.3 (2025), 5 % tolerance;
 * 2025 = 46.28 is 0.02 short of 1.04: 0.019, nearly met.
 */
static void
test_history(void **state)
{
	struct tspec gs = {.kind = TARGET_REACH,
	    .bp = "2020",
	    .bv = 45.26,
	    .tp = "2025",
	    .tv = 46.3,
	    .nearly = 0.05};
	struct tspec ys = {YOY8};
	struct target_conf green = mk(&gs), gdp = mk(&ys);
	struct obs_list obs, rates, none;
	struct target_year y[16];
	size_t n;

	(void)state;
	load(&obs,
	    OBS({"2020", 45.26}, {"2021", 45.5}, {"2022", 45.7}, {"2023", 45.9},
		{"2024", 46.1}, {"2025", 46.28}));
	n = target_history(&green, &obs, NULL, y, NELEM(y));
	assert_int_equal(n, 5);
	assert_int_equal(y[0].year, 2021);
	assert_false(y[3].final);
	assert_int_equal(y[4].year, 2025);
	assert_true(y[4].final);
	assert_status(y[4].status, STATUS_NEARLY_MET, "2025 verdict");
	/* GDP's rates end 2023: 2021 kept, 2022 and 2023 broke it. */
	load(&none, NO_OBS);
	load(&rates, OBS({"2021", 9.5}, {"2022", 1.1}, {"2023", 2.5}));
	n = target_history(&gdp, &none, &rates, y, NELEM(y));
	assert_int_equal(n, 3);
	assert_status(y[0].status, STATUS_ON_TRACK, "2021");
	assert_status(y[1].status, STATUS_BREACH, "2022");
	assert_status(y[2].status, STATUS_BREACH, "2023");
	/* Room for two years only. */
	assert_int_equal(target_history(&green, &obs, NULL, y, 2), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(test_verdict_table, release),
	    cmocka_unit_test(test_verdict_labels),
	    cmocka_unit_test(test_plan_vocabulary),
	    cmocka_unit_test_teardown(test_plan_vocabulary_ahead, release),
	    cmocka_unit_test_teardown(test_over, release),
	    cmocka_unit_test_teardown(test_close_before_verdict, release),
	    cmocka_unit_test_teardown(test_history, release),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

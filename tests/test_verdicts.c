/*
 * test_verdicts: a target whose period is over (daemon/judge/target_verdict.c,
 * explain_verdict.c), through evaluate_indicator as the daemon and eval
 * judge: every kind past its deadline in each final verdict (met, nearly
 * met, not met), the moment a target's period is over, what is said while
 * its last value is awaited, the history per year; data overdue as a flag
 * beside the status (a stale breach sorted first among the problems, in
 * eval's text and JSON, on the dashboard and in a digest).
 *
 * Expectations are computed by hand in the comments above each row, as in
 * test_target_kinds.c.  Every sentence of a target whose period is over
 * is checked for what must not be there any more: a projection ("预计",
 * "projected"), growth still required ("还需", "needs"), nan and inf.
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
#include "unit/judge_case.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define DAY 86400.0

/* ------------------------------------------------------------------ */
/* helpers                                                              */

/* The start of day ("2026-11-26") plus seconds. */
static time_t
at(const char *day, long seconds)
{
	struct period p = per(day);

	return period_start(&p) + seconds;
}

/* 2021..2025, one value each. */
#define Y5(a, b, c, d, e)                                                      \
	OBS({"2021", a}, {"2022", b}, {"2023", c}, {"2024", d}, {"2025", e})

static int
release(void **state)
{
	(void)state;
	judge_case_release();
	return 0;
}

/* The target of s (judge_case.c); a CAGR's path is compound and its
 * direction the rate's sign, as the configuration makes them. */
static struct target_conf
mk(const struct tspec *s)
{
	struct target_conf t = judge_case_target(s);

	if (s->kind == TARGET_GROWTH && s->basis == BASIS_CAGR) {
		t.path = PATH_COMPOUND;
		t.direction = s->rate >= 0 ? DIRECTION_UP : DIRECTION_DOWN;
	}
	return t;
}

static struct indicator_conf
indicator(struct target_conf *t, const char *unit)
{
	struct indicator_conf ic;

	memset(&ic, 0, sizeof(ic));
	ic.id = "ind";
	ic.name = "指标";
	ic.unit = (char *)unit;
	ic.freq = FREQ_ANNUAL;
	ic.stale_after = 273 * DAY;
	ic.targets = t;
	ic.ntargets = 1;
	return ic;
}

static const struct obs_list *
rates_cb(void *arg, size_t index)
{
	(void)index;
	return arg;
}

/* Judges t as evaluate_indicator does, at now; rates may be NULL. */
static void
judge(struct target_conf *t, const char *unit, const struct obs_list *obs,
    const struct obs_list *rates, time_t now, struct judgement *j)
{
	struct indicator_conf ic = indicator(t, unit);
	struct config conf;

	memset(&conf, 0, sizeof(conf));
	if (rates != NULL) {
		t->rate_indicator = "rates";
		t->rate_indicator_index = 1;
	}
	evaluate_indicator(&conf, &ic, obs, rates_cb, (void *)rates, now, j);
}

/* Case-insensitive search. */
static bool
has_word(const char *s, const char *w)
{
	size_t n = strlen(w);

	for (; *s != '\0'; s++) {
		size_t i = 0;

		while (i < n && s[i] != '\0' &&
		    ((s[i] | 0x20) == (w[i] | 0x20) || s[i] == w[i]))
			i++;
		if (i == n)
			return true;
	}
	return false;
}

/*
 * The sentence of j in locale: phrase in it (if any); no nan or inf; and
 * once the target's period is over, no projection and no growth asked.
 */
static void
check_sentence(const struct target_conf *t, const char *unit,
    const struct judgement *j, const char *locale, const char *phrase,
    const char *what)
{
	struct target_conf copy = *t;
	struct indicator_conf ic = indicator(&copy, unit);
	static const char *const never[] = {
	    "nan", "inf", "预计", "还需", "projected", "needs", "进度比"};
	char buf[1024];

	explain_judgement(&ic, t, j, locale, buf, sizeof(buf));
	if (buf[0] == '\0')
		fail_msg("%s [%s]: empty explanation", what, locale);
	for (size_t i = 0; i < NELEM(never); i++)
		if ((i < 2 || j->ended) && has_word(buf, never[i]))
			fail_msg("%s [%s]: \"%s\" in \"%s\"", what, locale,
			    never[i], buf);
	if (phrase != NULL && strstr(buf, phrase) == NULL)
		fail_msg(
		    "%s [%s]: \"%s\" lacks \"%s\"", what, locale, buf, phrase);
}

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

/* Targets of the rows. */
#define REACH                                                                  \
	.kind = TARGET_REACH, .bp = "2020", .bv = 100, .tp = "2025",           \
	.tv = 200, .nearly = 0.05
#define MORTALITY                                                              \
	.kind = TARGET_REACH, .bp = "2020", .bv = 20, .tp = "2025", .tv = 14,  \
	.nearly = 0.05
#define ABOUT                                                                  \
	.kind = TARGET_REACH, .bp = "2020", .bv = 10, .tp = "2025", .tv = 20,  \
	.about = 0.1, .nearly = 0.05
#define CAGR10                                                                 \
	.kind = TARGET_GROWTH, .basis = BASIS_CAGR, .rate = 0.10,              \
	.bp = "2020", .bv = 100, .tp = "2025", .nearly = 0.5
#define YOY8                                                                   \
	.kind = TARGET_GROWTH, .basis = BASIS_YOY, .rate = 0.08,               \
	.from = "2021", .to = "2025", .nearly = 0.5
#define FLOOR85                                                                \
	.kind = TARGET_FLOOR, .bound = 85, .from = "2021", .to = "2025",       \
	.nearly = 0.5
#define CEIL14                                                                 \
	.kind = TARGET_CEILING, .bound = 14, .from = "2021", .to = "2025",     \
	.nearly = 0.5
#define DECLINE                                                                \
	.kind = TARGET_DECLINE, .from = "2021", .to = "2025", .nearly = 0.002
#define RISE .kind = TARGET_RISE, .from = "2021", .to = "2025", .nearly = 0.5

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
		judge(&t, c->unit, &obs, c->rates ? &rates : NULL,
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
		judge(&t, "亿元", &obs, NULL, at("2023-06-01", 0), &j);
		assert_status(j.status, rows[i].plan, "plan");
		t.ahead_ratio = INFINITY;
		judge(&t, "亿元", &obs, NULL, at("2023-06-01", 0), &j);
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
		judge(&reach, "亿元", &none, NULL, at("2030-01-01", 0), &j);
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
	judge(&reach, "亿元", &obs, NULL, at("2025-06-01", 0), &j);
	assert_status(j.status, STATUS_ON_TRACK, "before the end");
	assert_false(j.ended);
	judge(&reach, "亿元", &obs, NULL, at(JUNE26, 0), &j);
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
	judge(&floor, "%", &fl, NULL, at("2025-06-01", 0), &j);
	assert_status(j.status, STATUS_ON_TRACK, "86 - 87 + 86 = 85 ok");
	load(&fl, OBS({"2021", 95}, {"2022", 90}, {"2023", 88}, {"2024", 86}));
	judge(&floor, "%", &fl, NULL, at("2025-06-01", 0), &j);
	assert_status(j.status, STATUS_AT_RISK, "86 - 2 = 84 next");
	judge(&floor, "%", &fl, NULL, at(JUNE26, 0), &j);
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

/* ------------------------------------------------------------------ */
/* a stale breach, everywhere it is shown                               */

/*
 * Three indicators judged at 2025-11-01 (before the plan's end):
 *   0 "好" floor 85 kept: on_track;
 *   1 "险" reach 100 -> 200, 2024 = 150: g = 1.5^(1/4) - 1 = 10.67 %,
 *     p = 150 * 1.1067 = 166.0, ratio 0.66 -> at_risk;
 *   2 "增" yoy 8 % on rates 2021-2023 (9.5, 1.1, 2.5): breach, and 2024
 *     overdue since 2025-10-01.
 * The breach comes first among the problems, with its flag.
 */
struct plan {
	struct target_conf t[3];
	struct indicator_conf ic[3];
	struct config conf;
	struct obs_list obs[4];
	struct judgement j[3];
	const struct judgement *jp[3];
	struct report_input in;
};

static const struct obs_list *
plan_series(void *arg, size_t index)
{
	struct plan *p = arg;

	return &p->obs[index];
}

static void
plan_build(struct plan *p, const char *locale)
{
	struct tspec f = {.kind = TARGET_FLOOR, .bound = 85, .from = "2021"};
	struct tspec r = {REACH};
	struct tspec y = {YOY8};
	static const char *const names[] = {"好", "险", "增"};
	static const char *const ids[] = {"good", "risk", "gdp"};

	memset(p, 0, sizeof(*p));
	p->t[0] = mk(&f);
	p->t[1] = mk(&r);
	p->t[2] = mk(&y);
	p->t[2].rate_indicator = "rates";
	p->t[2].rate_indicator_index = 3;
	for (int i = 0; i < 3; i++) {
		p->ic[i] = indicator(&p->t[i], "%");
		p->ic[i].id = (char *)ids[i];
		p->ic[i].name = (char *)names[i];
		p->ic[i].group = "经济";
		p->ic[i].owner = "统计局";
	}
	p->conf.indicators = p->ic;
	p->conf.nindicators = 3;
	p->conf.locale = (char *)locale;
	load(&p->obs[0], OBS({"2023", 90}, {"2024", 91}));
	load(&p->obs[1], OBS({"2020", 100}, {"2023", 140}, {"2024", 150}));
	load(&p->obs[2], OBS({"2023", 1048.97}));
	load(&p->obs[3], OBS({"2021", 9.5}, {"2022", 1.1}, {"2023", 2.5}));
	for (int i = 0; i < 3; i++) {
		evaluate_indicator(&p->conf, &p->ic[i], &p->obs[i], plan_series,
		    p, at("2025-11-01", 0), &p->j[i]);
		p->jp[i] = &p->j[i];
	}
	p->in = (struct report_input){.conf = &p->conf,
	    .obs = p->obs,
	    .j = p->jp,
	    .at = at("2025-11-01", 0)};
}

/*
 * What fn writes, as a string (caller frees).  Not inlined: GCC 12 at -O2
 * then takes pointers into the text for pointers to the local that
 * open_memstream fills (-Wdangling-pointer, a false alarm).
 */
static __attribute__((noinline)) char *
capture(int (*fn)(const struct report_input *, FILE *),
    const struct report_input *in)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	assert_int_equal(fn(in, f), 0);
	assert_int_equal(fclose(f), 0);
	return text;
}

static void
test_stale_breach_first(void **state)
{
	struct plan p;
	char *text, *first;
	json_t *doc, *gdp;

	(void)state;
	plan_build(&p, "zh-CN");
	assert_status(p.j[0].status, STATUS_ON_TRACK, "good");
	assert_status(p.j[1].status, STATUS_AT_RISK, "risk at 2024");
	assert_status(p.j[2].status, STATUS_BREACH, "gdp");
	assert_true(p.j[2].stale);
	assert_false(p.j[2].final);
	/* The text: the breach first, its sentence opening with the flag;
	 * the overdue counted apart. */
	text = capture(report_text, &p.in);
	first = strstr(text, "\n[");
	assert_non_null(first);
	if (strncmp(first, "\n[突破约束] 增  gdp/growth  2.5 %（2023）\n",
		strlen("\n[突破约束] 增  gdp/growth  2.5 %（2023）\n")) != 0)
		fail_msg("first pair: %.80s", first);
	assert_non_null(
	    strstr(first, "2024 年数据已逾期（应于 2025-10-01 前发布）"));
	assert_non_null(strstr(text, "突破约束 1；其中 1 项数据逾期"));
	free(text);
	/* The JSON: the judged status, the flag beside it. */
	doc = report_json(&p.in);
	gdp = json_array_get(
	    json_object_get(
		json_array_get(json_object_get(doc, "indicators"), 2),
		"targets"),
	    0);
	assert_string_equal(
	    json_string_value(json_object_get(gdp, "status")), "breach");
	assert_string_equal(json_string_value(json_object_get(
				json_object_get(gdp, "overdue"), "period")),
	    "2024");
	assert_int_equal(json_integer_value(json_object_get(
			     json_object_get(doc, "plan"), "overdue")),
	    1);
	assert_null(json_object_get(
	    json_object_get(json_object_get(doc, "plan"), "counts"), "stale"));
	json_decref(doc);
}

static int
dashboard(const struct report_input *in, FILE *out)
{
	struct html_site site = {0};
	struct html_filter f = {NULL, NULL, false};

	return html_dashboard(in, &site, &f, out);
}

static void
test_stale_breach_dashboard_and_digest(void **state)
{
	struct plan p;
	struct alert_event ev[3];
	size_t order[3];
	char *html, *row, *subject, *body;

	(void)state;
	plan_build(&p, "zh-CN");
	html = capture(dashboard, &p.in);
	row = strstr(html, "<tr><td><span class=\"b ");
	assert_non_null(row);
	if (strncmp(row,
		"<tr><td><span class=\"b breach\">突破约束</span> "
		"<span class=\"od\"",
		strlen("<tr><td><span class=\"b breach\">突破约束</span> "
		       "<span class=\"od\"")) != 0)
		fail_msg("first row: %.120s", row);
	assert_non_null(
	    strstr(html, "其中<a href=\"/?overdue=1\">数据逾期 1</a>"));
	free(html);
	/* A digest of three events: the breach first among the news. */
	for (int i = 0; i < 3; i++)
		ev[i] = (struct alert_event){.ind = &p.ic[i],
		    .target = &p.t[i],
		    .old_status = STATUS_COUNT,
		    .new_status = p.j[i].status,
		    .severity = status_severity(p.j[i].status),
		    .j = p.j[i]};
	ev[0].new_status = STATUS_AT_RISK; /* a warning, for the order */
	ev[0].severity = SEVERITY_WARNING;
	ev[0].j.status = STATUS_AT_RISK;
	ev[1].overdue_notice = true; /* an overdue notice of its own */
	ev[1].j.stale = true;
	ev[1].j.overdue = per("2025");
	ev[1].j.overdue_since = at("2026-10-01", 0);
	ev[1].severity = SEVERITY_WARNING;
	assert_int_equal(digest_part_items(ev, 3, DIGEST_NEW, order), 2);
	assert_int_equal(order[0], 2);
	assert_int_equal(order[1], 0);
	assert_int_equal(digest_part_items(ev, 3, DIGEST_OVERDUE, order), 1);
	assert_int_equal(order[0], 1);
	assert_int_equal(digest_compose(ev, 3, "zh-CN", &subject, &body), 0);
	assert_string_equal(
	    subject, "[planwatch] 2 项指标偏离目标, 1 项数据异常");
	assert_non_null(strstr(
	    body, "本次评估：严重 1 项、警告 1 项需关注；1 项数据逾期。"));
	assert_non_null(strstr(body,
	    "* 增 (gdp/growth)\n  状态：突破约束（首次评估）\n"
	    "  2024 年数据已逾期"));
	assert_non_null(strstr(body,
	    "数据逾期（状态未变）：\n\n* 险 (risk/reach)\n"
	    "  状态：存在风险（未变）"));
	free(subject);
	free(body);
}

/* ------------------------------------------------------------------ */
/* the plan's badge: one rule, said where it is shown                   */

struct badge_case {
	int met, met_final, nearly, not_met, ahead, on_track, at_risk, breach;
	int no_data;
	enum status want;
	bool final;
};

/*
 * Judged pairs are all but no_data.  Mid-plan: good = met + ahead +
 * on_track + nearly_met; >= 0.8 on_track, >= 0.5 at_risk, else
 * off_track, and off_track whenever a breach is there.  Every judged pair
 * final: all met -> met; met + nearly_met >= 0.8 -> nearly_met; else
 * not_met.
 */
static const struct badge_case badge_cases[] = {
    /* The plan: a breach among many on track is not "at risk". */
    {2, 0, 0, 0, 0, 14, 3, 1, 0, STATUS_OFF_TRACK, false},
    {2, 0, 0, 0, 0, 14, 4, 0, 0, STATUS_ON_TRACK, false}, /* 16/20 */
    {2, 0, 0, 0, 2, 8, 8, 0, 0, STATUS_AT_RISK, false}, /* 12/20 */
    {0, 0, 0, 0, 0, 1, 2, 0, 0, STATUS_OFF_TRACK, false}, /* 1/3 */
    {0, 0, 0, 0, 0, 2, 0, 1, 0, STATUS_OFF_TRACK, false}, /* 2/3 */
    /* Mixed: some targets ended (their verdicts count in the share). */
    {0, 3, 1, 0, 0, 4, 0, 0, 2, STATUS_ON_TRACK, false},
    {0, 2, 0, 2, 0, 4, 0, 0, 0, STATUS_AT_RISK, false}, /* 6/8 */
    /* Every pair final. */
    {0, 5, 0, 0, 0, 0, 0, 0, 1, STATUS_MET, true},
    {0, 7, 1, 2, 0, 0, 0, 0, 0, STATUS_NEARLY_MET, true}, /* 8/10 */
    {0, 20, 2, 15, 0, 0, 0, 0, 0, STATUS_NOT_MET, true}, /* 22/37 */
    {0, 0, 0, 0, 0, 0, 0, 0, 3, STATUS_NO_DATA, false},
};

static void
test_badge_rule(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(badge_cases); i++) {
		const struct badge_case *c = &badge_cases[i];
		struct rollup_row row;
		char what[32];

		memset(&row, 0, sizeof(row));
		row.counts[STATUS_MET] = c->met + c->met_final;
		row.met_final = c->met_final;
		row.counts[STATUS_NEARLY_MET] = c->nearly;
		row.counts[STATUS_NOT_MET] = c->not_met;
		row.counts[STATUS_AHEAD] = c->ahead;
		row.counts[STATUS_ON_TRACK] = c->on_track;
		row.counts[STATUS_AT_RISK] = c->at_risk;
		row.counts[STATUS_BREACH] = c->breach;
		row.counts[STATUS_NO_DATA] = c->no_data;
		row.finals = c->met_final + c->nearly + c->not_met;
		for (int s = 0; s < STATUS_COUNT; s++)
			row.total += row.counts[s];
		snprintf(what, sizeof(what), "badge case %zu", i);
		assert_status(rollup_status(&row), c->want, what);
		if (rollup_final(&row) != c->final)
			fail_msg("%s: final %d", what, rollup_final(&row));
	}
}

/* The rule is said beside the badge, in the words the badge uses. */
static void
test_badge_rule_said(void **state)
{
	struct plan p;
	char *text, *html, rule[512];
	json_t *doc;

	(void)state;
	explain_rollup_rule(
	    false, VOCABULARY_PLAN, "zh-CN", rule, sizeof(rule));
	assert_string_equal(rule,
	    "总体判断：提前实现、快于预期、基本符合预期或基本完成的目标占已判断"
	    "目标 80% 及以上为基本符合预期，50% 及以上为滞后于预期，否则为严重"
	    "滞后于预期；有目标突破约束时为严重滞后于预期。");
	explain_rollup_rule(true, VOCABULARY_UNSD, "en", rule, sizeof(rule));
	assert_string_equal(rule,
	    "Overall (every target has its final verdict): met when all are "
	    "met; nearly met when 80 % or more are met or nearly met; not "
	    "met otherwise.");
	/* The plan of test_stale_breach_first: 1 on track, 1 at risk, 1
	 * breach: 1/3, off track (the breach would make it so anyway). */
	plan_build(&p, "zh-CN");
	text = capture(report_text, &p.in);
	explain_rollup_rule(
	    false, VOCABULARY_UNSD, "zh-CN", rule, sizeof(rule));
	assert_non_null(strstr(text, "规划总体：偏离目标（截至 2025-11-01 "));
	assert_non_null(strstr(text, "，3 项目标）\n"));
	assert_non_null(strstr(text, rule));
	free(text);
	html = capture(dashboard, &p.in);
	assert_non_null(
	    strstr(html, "<span class=\"b off_track\">偏离目标</span></h1>"));
	assert_non_null(strstr(html, "<p class=\"x rule\">总体判断："));
	free(html);
	doc = report_json(&p.in);
	assert_string_equal(json_string_value(json_object_get(
				json_object_get(doc, "plan"), "rule")),
	    rule);
	json_decref(doc);
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
	    cmocka_unit_test_teardown(test_stale_breach_first, release),
	    cmocka_unit_test_teardown(
		test_stale_breach_dashboard_and_digest, release),
	    cmocka_unit_test(test_badge_rule),
	    cmocka_unit_test_teardown(test_badge_rule_said, release),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * explain: one sentence per judgement, for every target kind, such as
 *   2023 年 1048.97 亿元，计划路径 1136.6 亿元（-7.71%）；按 2020 年以来年均
 *   5.15% 的增速，2025 年预计 1159.79 亿元，进度比 0.61，按目前速度将于
 *   2028 年达到；还需年均增长 12.42% 才能在 2025 年达到 1325.73。
 *   2023: 1048.97 亿元 vs 1136.6 planned (-7.71 %); at 5.15 %/yr since
 *   2020, 2025 is projected at 1159.79 (progress ratio 0.61), reached in
 *   2028 at this pace; needs 12.42 %/yr from 2023 to reach 1325.73 by
 *   2025.
 *   2023 年增长 2.5%，低于 8% 的目标下限（3 期中 2 期未达标，首次为 2022 年）。
 * Built in pieces so that a number that is not computable (NAN) leaves its
 * clause out instead of printing "nan".  A judgement whose data is overdue
 * starts with the overdue period, then says what the data so far show.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "catf.h"
#include "explain.h"
#include "explain_impl.h"

struct status_label {
	const char *zh;
	const char *en;
};

/* The UNSD / Open SDG style (the default vocabulary). */
static const struct status_label status_labels[STATUS_COUNT] = {
    [STATUS_NOT_MET] = {"未完成", "not met"},
    [STATUS_BREACH] = {"突破约束", "breach"},
    [STATUS_REGRESSING] = {"反向变化", "regressing"},
    [STATUS_OFF_TRACK] = {"偏离目标", "off track"},
    [STATUS_AT_RISK] = {"存在风险", "at risk"},
    [STATUS_NEARLY_MET] = {"基本完成", "nearly met"},
    [STATUS_ON_TRACK] = {"进度正常", "on track"},
    [STATUS_AHEAD] = {"进度超前", "ahead"},
    [STATUS_MET] = {"已达目标", "met"},
    [STATUS_NO_DATA] = {"暂无数据", "no data"},
    [STATUS_FEED_ERROR] = {"数据源故障", "feed error"},
};

/*
 * The plan office's words (Chinese plan evaluations: the national 14th
 * Five-Year Plan's mid-term evaluation classed its indicators 提前实现,
 * 快于预期, 基本符合预期, 滞后于预期; final evaluations 完成, 基本完成,
 * 未完成), from the same ratios and thresholds: see docs/targets.md.
 */
static const struct status_label plan_labels[STATUS_COUNT] = {
    [STATUS_NOT_MET] = {"未完成", "not met"},
    [STATUS_BREACH] = {"突破约束", "constraint broken"},
    [STATUS_REGRESSING] = {"反向变化", "moving away"},
    [STATUS_OFF_TRACK] = {"严重滞后于预期", "well behind schedule"},
    [STATUS_AT_RISK] = {"滞后于预期", "behind schedule"},
    [STATUS_NEARLY_MET] = {"基本完成", "nearly met"},
    [STATUS_ON_TRACK] = {"基本符合预期", "broadly on schedule"},
    [STATUS_AHEAD] = {"快于预期", "ahead of schedule"},
    [STATUS_MET] = {"提前实现", "achieved early"},
    [STATUS_NO_DATA] = {"暂无数据", "no data"},
    [STATUS_FEED_ERROR] = {"数据源故障", "feed error"},
};

/* A final verdict of met, whatever the vocabulary. */
static const struct status_label met_final = {"完成", "met"};

bool
locale_is_zh(const char *locale)
{
	return locale == NULL || strncmp(locale, "zh", 2) == 0;
}

const char *
explain_label(
    enum status status, bool final, enum vocabulary v, const char *locale)
{
	const struct status_label *l;

	if (status >= STATUS_COUNT)
		return "?";
	if (final && status == STATUS_MET)
		l = &met_final;
	else if (v == VOCABULARY_PLAN)
		l = &plan_labels[status];
	else
		l = &status_labels[status];
	return locale_is_zh(locale) ? l->zh : l->en;
}

const char *
explain_status(enum status status, const char *locale)
{
	return explain_label(status, false, VOCABULARY_UNSD, locale);
}

const char *
explain_status_of(
    const struct target_conf *t, const struct judgement *j, const char *locale)
{
	return explain_label(j->status, j->final, t->vocabulary, locale);
}

/* The reason a judgement has no numbers, or NULL. */
static const char *
explain_missing(const struct target_conf *t, const struct judgement *j, bool zh,
    char *buf, size_t len)
{
	char bp[PERIOD_TEXT_MAX + 8];

	if (j->baseline_missing) {
		explain_period(&t->baseline_period, zh, bp, sizeof(bp));
		snprintf(buf, len,
		    zh ? "基期 %s 无观测值，无法判断进度。"
		       : "no observation for the baseline %s: progress cannot "
			 "be judged.",
		    bp);
		return buf;
	}
	if (!j->have_latest &&
	    (t->kind == TARGET_REACH ||
		(t->kind == TARGET_GROWTH && t->basis == BASIS_CAGR)))
		return zh ? "基期之后尚无观测值，无法判断进度。"
			  : "no observation after the baseline yet: progress "
			    "cannot be judged.";
	if (!j->have_latest)
		return zh ? "尚无可判断的观测值。"
			  : "no observation to judge yet.";
	return NULL;
}

static void
explain_stale(
    const struct judgement *j, bool zh, char *buf, size_t len, size_t *off)
{
	char p[PERIOD_TEXT_MAX + 8], due[32];

	if (!j->stale)
		return;
	explain_period(&j->overdue, zh, p, sizeof(p));
	explain_day(j->overdue_since, due, sizeof(due));
	catf(buf, len, off,
	    zh ? "%s数据已逾期（应于 %s 前发布）；"
	       : "%s data overdue since %s; ",
	    p, due);
}

bool
explain_latest(const struct indicator_conf *ind, const struct target_conf *t,
    const struct judgement *j, const char *locale, char *value, size_t vlen,
    char *period, size_t plen)
{
	/* The indicator's own unit in the reader's language. */
	const char *unit = target_judged_series(t, j) == JUDGED_LEVEL
	    ? indicator_unit(ind, locale)
	    : target_unit(ind, t, j);
	char v[32], a[PERIOD_TEXT_MAX], b[PERIOD_TEXT_MAX];
	bool zh = locale_is_zh(locale);
	double g;

	value[0] = period[0] = '\0';
	if (!j->have_latest)
		return false;
	period_format(&j->latest_period, b, sizeof(b));
	if (t->kind == TARGET_GROWTH && t->basis == BASIS_CAGR) {
		/* The average since the baseline, whatever the projection
		 * (a trend's growth is not the observed average). */
		g = target_cagr(
		    j->baseline_value, j->latest_value, j->years_elapsed);
		if (isnan(g))
			return false;
		explain_number(g * 100, v, sizeof(v));
		period_format(&t->baseline_period, a, sizeof(a));
		snprintf(value, vlen, zh ? "年均 %s %%" : "%s %%/yr", v);
		snprintf(period, plen, "%s–%s", a, b);
		return true;
	}
	explain_value(j->latest_value, v, sizeof(v));
	snprintf(value, vlen, "%s%s%s", v, *unit ? " " : "", unit);
	snprintf(period, plen, "%s", b);
	return true;
}

void
explain_rollup_rule(
    bool final, enum vocabulary v, const char *locale, char *buf, size_t len)
{
#define L(s) explain_label(s, false, v, locale)
	bool zh = locale_is_zh(locale), plan = v == VOCABULARY_PLAN;
	const char *met = L(STATUS_MET), *nearly = L(STATUS_NEARLY_MET);
	const char *done = explain_label(STATUS_MET, true, v, locale);
	char ahead[64];

	if (final && zh) {
		snprintf(buf, len,
		    "总体判断（各项目标均已有终期结论）：全部%s为%s；%s和%s的"
		    "目标占 80%% 及以上为%s，否则为%s。",
		    done, done, done, nearly, nearly, L(STATUS_NOT_MET));
	} else if (final) {
		snprintf(buf, len,
		    "Overall (every target has its final verdict): %s when "
		    "all are met; %s when 80 %% or more are met or nearly met; "
		    "%s otherwise.",
		    done, nearly, L(STATUS_NOT_MET));
	} else if (zh) {
		snprintf(ahead, sizeof(ahead), "%s、", L(STATUS_AHEAD));
		snprintf(buf, len,
		    "总体判断：%s、%s%s或%s的目标占已判断目标 80%% 及以上为%s，"
		    "50%% 及以上为%s，否则为%s；有目标%s时为%s。",
		    met, plan ? ahead : "", L(STATUS_ON_TRACK), nearly,
		    L(STATUS_ON_TRACK), L(STATUS_AT_RISK), L(STATUS_OFF_TRACK),
		    L(STATUS_BREACH), L(STATUS_OFF_TRACK));
	} else {
		snprintf(ahead, sizeof(ahead), "%s, ", L(STATUS_AHEAD));
		snprintf(buf, len,
		    "Overall: %s when 80 %% or more of the judged targets are "
		    "%s, %s%s or %s; %s from 50 %%; %s below, and whenever a "
		    "target is in breach.",
		    L(STATUS_ON_TRACK), met, plan ? ahead : "",
		    L(STATUS_ON_TRACK), nearly, L(STATUS_AT_RISK),
		    L(STATUS_OFF_TRACK));
	}
#undef L
}

const char *
explain_overdue_label(const char *locale)
{
	return locale_is_zh(locale) ? "数据逾期" : "data overdue";
}

void
explain_overdue(
    const struct judgement *j, const char *locale, char *buf, size_t len)
{
	bool zh = locale_is_zh(locale);
	char p[PERIOD_TEXT_MAX + 8], due[32];

	if (len == 0)
		return;
	buf[0] = '\0';
	if (!j->stale)
		return;
	explain_period(&j->overdue, zh, p, sizeof(p));
	explain_day(j->overdue_since, due, sizeof(due));
	snprintf(buf, len,
	    zh ? "%s数据逾期（应于 %s 前发布）" : "%s data overdue since %s", p,
	    due);
}

void
explain_judgement(const struct indicator_conf *ind, const struct target_conf *t,
    const struct judgement *j, const char *locale, char *buf, size_t len)
{
	struct explain_numbers n;
	bool zh = locale_is_zh(locale);
	const char *missing;
	char why[256];
	size_t off = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	explain_stale(j, zh, buf, len, &off);
	if ((missing = explain_missing(t, j, zh, why, sizeof(why))) != NULL) {
		catf(buf, len, &off, "%s", missing);
		return;
	}
	explain_numbers(t, j, zh, &n);
	if (j->ended) {
		explain_verdict(ind, t, j, &n, zh, buf, len, &off);
		return;
	}
	switch (t->kind) {
	case TARGET_REACH:
		explain_reach(ind, t, j, &n, zh, buf, len, &off);
		break;
	case TARGET_GROWTH:
		if (t->basis == BASIS_CAGR)
			explain_cagr(ind, t, j, &n, zh, buf, len, &off);
		else
			explain_yoy(t, j, &n, zh, buf, len, &off);
		break;
	default:
		explain_rule(ind, t, j, &n, zh, buf, len, &off);
		break;
	}
}

const char *
explain_figures(enum figures f, const char *locale)
{
	bool zh = locale_is_zh(locale);

	switch (f) {
	case FIGURES_PUBLISHED:
		return zh ? "公布数据" : "published figures";
	case FIGURES_ILLUSTRATIVE:
		return zh ? "示例数据（非公布值）"
			  : "illustrative figures (not published)";
	case FIGURES_MIXED:
		return zh ? "公布数据与示例数据混合"
			  : "published and illustrative figures";
	default:
		return NULL;
	}
}

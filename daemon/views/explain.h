/*
 * explain: the one-sentence explanation of a judgement, in the configured
 * locale (zh-CN or en), as leadership reads it in e-mail and on the
 * dashboard.  Pure text building.
 */
#ifndef PLANWATCH_EXPLAIN_H
#define PLANWATCH_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "config.h"
#include "config_text.h"
#include "target.h"

/* Formats v with at most two decimals and no trailing zeros. */
void explain_number(double v, char *buf, size_t len);
/*
 * Formats a measured value: two decimals from 1 up, more below so that
 * small values (0.198 tce/万元) keep three significant digits.
 */
void explain_value(double v, char *buf, size_t len);
/* explain_value with its unit after a space ("1000 亿元"), or alone. */
void explain_value_unit(double v, const char *unit, char *buf, size_t len);
/* The UTC day of t ("2025-10-01"), as every due date is written. */
void explain_day(time_t t, char *buf, size_t len);
/* The status's label in locale ("偏离目标" / "off track"), as the UNSD
 * vocabulary names a status that is not a final verdict. */
const char *explain_status(enum status status, const char *locale);
/*
 * The latest value of the series target t is judged on, as the dashboard
 * and eval show it beside the target: "2.5 %" for a growth target (not
 * the level of the indicator), "年均 12.43 %" for an average growth
 * target (since the baseline), the value and unit otherwise; its period
 * ("2023", "2020–2025") into period.  False, with both empty, when the
 * judgement has no latest value.
 */
bool explain_latest(const struct indicator_conf *ind,
    const struct target_conf *t, const struct judgement *j, const char *locale,
    char *value, size_t vlen, char *period, size_t plen);
/*
 * The year target is reached if the observed pace holds, while it is not
 * met (2027 for 2026.4 on the period_years scale, whose year 2027 ends at
 * 2027.0); NAN when it is met, when the pace never reaches it, or only
 * more than 100 years after the latest period.
 */
double explain_reach_year(const struct judgement *j);
/*
 * The label of status in locale and vocabulary; final: a final verdict
 * (met reads "完成" / "met", not "已达目标" or "提前实现").
 */
const char *explain_label(
    enum status status, bool final, enum vocabulary v, const char *locale);
/* The label of j's status, a judgement of t, in t's vocabulary. */
const char *explain_status_of(
    const struct target_conf *t, const struct judgement *j, const char *locale);
/*
 * Writes the rule of the overall status (rollup_status in evaluate.c) in
 * locale and vocabulary: final, the rule of a plan whose targets all
 * have their verdict; else the share rule.
 */
void explain_rollup_rule(
    bool final, enum vocabulary v, const char *locale, char *buf, size_t len);
/* Whether an indicator's figures are published, in locale ("公布数据",
 * "illustrative figures (not published)"), or NULL when unstated. */
const char *explain_figures(enum figures f, const char *locale);
/* The flag of data overdue in locale ("数据逾期" / "data overdue"). */
const char *explain_overdue_label(const char *locale);
/*
 * Writes what is overdue in j ("2024 年数据逾期（应于 2025-10-01 前发布）"),
 * or "" when nothing is.
 */
void explain_overdue(
    const struct judgement *j, const char *locale, char *buf, size_t len);
/*
 * Writes target t in words into buf ("2025 年达到1000 亿元", "growth at
 * least 8 % every year"); j (may be NULL) gives the judged target level.
 */
void explain_target(const struct indicator_conf *ind,
    const struct target_conf *t, const struct judgement *j, const char *locale,
    char *buf, size_t len);
/*
 * Writes when the next figure that counts for j's target is due ("2026
 * 年数据预计 2027-10-01 前发布"; overdue: "…已逾期"); false (and "") when
 * none will count any more (the target's last value is in) or none is
 * known.
 */
bool explain_next(
    const struct judgement *j, const char *locale, char *buf, size_t len);
/* Writes the explanation of j for target t of indicator ind into buf. */
void explain_judgement(const struct indicator_conf *ind,
    const struct target_conf *t, const struct judgement *j, const char *locale,
    char *buf, size_t len);

#endif

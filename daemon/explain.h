/*
 * explain: the one-sentence explanation of a judgement, in the configured
 * locale (zh-CN or en), as leadership reads it in e-mail and on the
 * dashboard.  Pure text building.
 */
#ifndef PLANWATCH_EXPLAIN_H
#define PLANWATCH_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "target.h"

/* Formats v with at most two decimals and no trailing zeros. */
void explain_number(double v, char *buf, size_t len);
/*
 * Formats a measured value: two decimals from 1 up, more below so that
 * small values (0.198 tce/万元) keep three significant digits.
 */
void explain_value(double v, char *buf, size_t len);
/* The status's label in locale ("偏离目标" / "off track"), as the UNSD
 * vocabulary names a status that is not a final verdict. */
const char *explain_status(enum status status, const char *locale);
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
/* The flag of data overdue in locale ("数据逾期" / "data overdue"). */
const char *explain_overdue_label(const char *locale);
/*
 * Writes what is overdue in j ("2024 年数据逾期（应于 2025-10-01 前发布）"),
 * or "" when nothing is.
 */
void explain_overdue(
    const struct judgement *j, const char *locale, char *buf, size_t len);
/* Writes the explanation of j for target t of indicator ind into buf. */
void explain_judgement(const struct indicator_conf *ind,
    const struct target_conf *t, const struct judgement *j, const char *locale,
    char *buf, size_t len);

#endif

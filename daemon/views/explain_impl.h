/*
 * explain_impl: what explain.c and explain_kinds.c share.
 */
#ifndef PLANWATCH_EXPLAIN_IMPL_H
#define PLANWATCH_EXPLAIN_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "explain.h"

/* The numbers of a judgement as text, formatted once. */
struct explain_numbers {
	char latest[32], planned[32], gap_pct[32], growth[32], projected[32];
	char ratio[32], required[32], target[32], rate[32], bound[32];
	char lp[PERIOD_TEXT_MAX + 8], bp[PERIOD_TEXT_MAX + 8];
	char tp[PERIOD_TEXT_MAX + 8], fv[PERIOD_TEXT_MAX + 8];
};

bool locale_is_zh(const char *locale);
/* ind's unit in the language of zh (config_text.h). */
static inline const char *
explain_unit(const struct indicator_conf *ind, bool zh)
{
	return indicator_unit(ind, zh ? "zh-CN" : "en");
}
/* "2023 年" in Chinese for a year, the canonical text otherwise. */
void explain_period(const struct period *p, bool zh, char *buf, size_t len);
void explain_numbers(const struct target_conf *t, const struct judgement *j,
    bool zh, struct explain_numbers *n);

void explain_reach(const struct indicator_conf *ind,
    const struct target_conf *t, const struct judgement *j,
    const struct explain_numbers *n, bool zh, char *buf, size_t len,
    size_t *off);
void explain_cagr(const struct indicator_conf *ind, const struct target_conf *t,
    const struct judgement *j, const struct explain_numbers *n, bool zh,
    char *buf, size_t len, size_t *off);
void explain_yoy(const struct target_conf *t, const struct judgement *j,
    const struct explain_numbers *n, bool zh, char *buf, size_t len,
    size_t *off);
void explain_rule(const struct indicator_conf *ind, const struct target_conf *t,
    const struct judgement *j, const struct explain_numbers *n, bool zh,
    char *buf, size_t len, size_t *off);
/* A target whose period is over: its final verdict, or what is known
 * while its last value is awaited (explain_verdict.c). */
void explain_verdict(const struct indicator_conf *ind,
    const struct target_conf *t, const struct judgement *j,
    const struct explain_numbers *n, bool zh, char *buf, size_t len,
    size_t *off);

#endif

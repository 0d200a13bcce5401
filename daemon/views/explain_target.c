/*
 * explain_target: a target in words ("2025 年达到1000 亿元", "每年增长不低于
 * 8%", "保持在第 13 位以内"), and when an indicator's next figure is due.
 * The chart's title and the leadership digest say the target the same
 * way, so the words live here once.
 */
#include <math.h>
#include <stdio.h>
#include <time.h>

#include "explain.h"
#include "config_text.h"
#include "explain_impl.h"

void
explain_target(const struct indicator_conf *ind, const struct target_conf *t,
    const struct judgement *j, const char *locale, char *buf, size_t len)
{
	bool zh = locale_is_zh(locale), down;
	const char *unit = indicator_unit(ind, locale);
	char v[80], p[PERIOD_TEXT_MAX];

	if (len == 0)
		return;
	*buf = '\0';
	if (t == NULL)
		return;
	down = t->direction == DIRECTION_DOWN;
	switch (t->kind) {
	case TARGET_REACH:
		/* The judged target: a CAGR-derived level when computed. */
		explain_value_unit(j != NULL && isfinite(j->target_value)
			? j->target_value
			: t->target_value,
		    unit, v, sizeof(v));
		period_format(&t->target_period, p, sizeof(p));
		if (zh)
			snprintf(buf, len, "%s 年%s %s%s", p,
			    down ? "降至" : "达到", v,
			    t->about > 0 ? "左右" : "");
		else
			snprintf(buf, len, "%s%s by %s",
			    t->about > 0 ? "about " : "", v, p);
		break;
	case TARGET_GROWTH:
		explain_value(t->rate * 100, v, sizeof(v));
		if (zh)
			snprintf(buf, len, "%s%s %s%%",
			    t->basis == BASIS_CAGR ? "年均增长" : "每年增长",
			    down ? "不高于" : "不低于", v);
		else
			snprintf(buf, len, "growth %s %s %% %s",
			    down ? "at most" : "at least", v,
			    t->basis == BASIS_CAGR ? "a year on average"
						   : "every year");
		break;
	case TARGET_FLOOR:
	case TARGET_CEILING:
		/* A rank reads "第 13 位" / "rank 13": the unit is in words. */
		if (ind->quantity == QUANTITY_RANK &&
		    t->kind == TARGET_CEILING) {
			explain_value(t->bound, v, sizeof(v));
			snprintf(buf, len,
			    zh ? "保持在第 %s 位以内" : "rank %s or better", v);
			break;
		}
		explain_value_unit(t->bound, unit, v, sizeof(v));
		if (zh)
			snprintf(buf, len, "%s%s",
			    t->kind == TARGET_FLOOR ? "不低于 " : "不高于 ", v);
		else
			snprintf(buf, len, "%s %s",
			    t->kind == TARGET_FLOOR ? "at least" : "at most",
			    v);
		break;
	case TARGET_DECLINE:
		snprintf(
		    buf, len, "%s", zh ? "逐年下降" : "falls every period");
		break;
	case TARGET_RISE:
		snprintf(
		    buf, len, "%s", zh ? "逐年上升" : "rises every period");
		break;
	}
}

bool
explain_next(
    const struct judgement *j, const char *locale, char *buf, size_t len)
{
	bool zh = locale_is_zh(locale);
	char p[PERIOD_TEXT_MAX + 8], due[32];

	if (len == 0)
		return false;
	*buf = '\0';
	if (!j->has_next)
		return false;
	explain_period(&j->next, zh, p, sizeof(p));
	/* A day, as explain_overdue writes it: the period's end plus the
	 * publication lag, a UTC date like every due date. */
	explain_day(j->next_due, due, sizeof(due));
	if (j->stale)
		snprintf(buf, len,
		    zh ? "%s数据应于 %s 前发布，已逾期"
		       : "%s figure was due by %s and is overdue",
		    p, due);
	else
		snprintf(buf, len,
		    zh ? "%s数据预计 %s 前发布" : "%s figure due by %s", p,
		    due);
	return true;
}

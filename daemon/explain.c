/*
 * explain: sentences such as
 *   2023 年 1048.97 亿元，计划路径 1136.6 亿元（-7.71%）；按 2020 年以来年均
 *   5.15% 的增速，2025 年预计 1159.79 亿元，进度比 0.61；还需年均增长
 *   12.42% 才能在 2025 年达到 1325.73。
 *   2023: 1048.97 亿元 vs 1136.6 planned (-7.71 %); at 5.15 %/yr since
 *   2020, 2025 is projected at 1159.79 (progress ratio 0.61); needs
 *   12.42 %/yr from 2023 to reach 1325.73 by 2025.
 * Built in pieces so that a number that is not computable (NAN) leaves its
 * clause out instead of printing "nan".
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "explain.h"

struct status_label {
	const char *zh;
	const char *en;
};

static const struct status_label status_labels[STATUS_COUNT] = {
    [STATUS_BREACH] = {"突破约束", "breach"},
    [STATUS_REGRESSING] = {"反向变化", "regressing"},
    [STATUS_OFF_TRACK] = {"偏离目标", "off track"},
    [STATUS_AT_RISK] = {"存在风险", "at risk"},
    [STATUS_ON_TRACK] = {"进度正常", "on track"},
    [STATUS_MET] = {"已达目标", "met"},
    [STATUS_STALE] = {"数据逾期", "stale"},
    [STATUS_NO_DATA] = {"暂无数据", "no data"},
    [STATUS_FEED_ERROR] = {"数据源故障", "feed error"},
};

static bool
locale_is_zh(const char *locale)
{
	return locale == NULL || strncmp(locale, "zh", 2) == 0;
}

const char *
explain_status(enum status status, const char *locale)
{
	if (status >= STATUS_COUNT)
		return "?";
	return locale_is_zh(locale) ? status_labels[status].zh
				    : status_labels[status].en;
}

void
explain_number(double v, char *buf, size_t len)
{
	char *dot;
	size_t n;

	if (isnan(v)) {
		snprintf(buf, len, "-");
		return;
	}
	snprintf(buf, len, "%.2f", v);
	dot = strchr(buf, '.');
	if (dot == NULL)
		return;
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
	if (strcmp(buf, "-0") == 0)
		snprintf(buf, len, "0");
}

/* Appends to buf at *off, never past len. */
static void __attribute__((format(printf, 4, 5)))
cat(char *buf, size_t len, size_t *off, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*off >= len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *off, len - *off, fmt, ap);
	va_end(ap);
	if (n > 0)
		*off += (size_t)n < len - *off ? (size_t)n : len - *off - 1;
}

struct numbers {
	char latest[32], planned[32], gap_pct[32], growth[32], projected[32];
	char ratio[32], required[32], target[32];
	char lp[PERIOD_TEXT_MAX], bp[PERIOD_TEXT_MAX], tp[PERIOD_TEXT_MAX];
};

static void
numbers_fill(
    const struct target_conf *t, const struct judgement *j, struct numbers *n)
{
	explain_number(j->latest_value, n->latest, sizeof(n->latest));
	explain_number(j->planned, n->planned, sizeof(n->planned));
	explain_number(j->gap_pct, n->gap_pct, sizeof(n->gap_pct));
	explain_number(j->observed_growth * 100, n->growth, sizeof(n->growth));
	explain_number(j->projected, n->projected, sizeof(n->projected));
	snprintf(n->ratio, sizeof(n->ratio), "%.2f", j->ratio);
	explain_number(
	    j->required_growth * 100, n->required, sizeof(n->required));
	explain_number(t->target_value, n->target, sizeof(n->target));
	period_format(&j->latest_period, n->lp, sizeof(n->lp));
	period_format(&t->baseline_period, n->bp, sizeof(n->bp));
	period_format(&t->target_period, n->tp, sizeof(n->tp));
}

static void
explain_zh(const struct indicator_conf *ind, const struct judgement *j,
    const struct numbers *n, char *buf, size_t len)
{
	size_t off = 0;

	cat(buf, len, &off, "%s 年 %s %s，计划路径 %s %s", n->lp, n->latest,
	    ind->unit, n->planned, ind->unit);
	if (!isnan(j->gap_pct))
		cat(buf, len, &off, "（%s%s%%）", j->gap_pct > 0 ? "+" : "",
		    n->gap_pct);
	if (j->status == STATUS_MET) {
		cat(buf, len, &off, "；已达到 %s 年 %s %s 的目标。", n->tp,
		    n->target, ind->unit);
		return;
	}
	if (!isnan(j->observed_growth))
		cat(buf, len, &off, "；按 %s 年以来年均 %s%% 的增速", n->bp,
		    n->growth);
	else if (j->linear_fallback)
		cat(buf, len, &off, "；基期值为零或符号相反，按线性趋势");
	cat(buf, len, &off, "，%s 年预计 %s %s，进度比 %s", n->tp, n->projected,
	    ind->unit, n->ratio);
	if (!isnan(j->required_growth))
		cat(buf, len, &off, "；还需年均增长 %s%% 才能在 %s 年达到 %s",
		    n->required, n->tp, n->target);
	cat(buf, len, &off, "。");
}

static void
explain_en(const struct indicator_conf *ind, const struct judgement *j,
    const struct numbers *n, char *buf, size_t len)
{
	size_t off = 0;

	cat(buf, len, &off, "%s: %s %s vs %s planned", n->lp, n->latest,
	    ind->unit, n->planned);
	if (!isnan(j->gap_pct))
		cat(buf, len, &off, " (%s%s %%)", j->gap_pct > 0 ? "+" : "",
		    n->gap_pct);
	if (j->status == STATUS_MET) {
		cat(buf, len, &off, "; the target of %s by %s is met.",
		    n->target, n->tp);
		return;
	}
	if (!isnan(j->observed_growth))
		cat(buf, len, &off, "; at %s %%/yr since %s", n->growth, n->bp);
	else if (j->linear_fallback)
		cat(buf, len, &off,
		    "; baseline zero or of the other sign, linear trend used");
	cat(buf, len, &off, ", %s is projected at %s (progress ratio %s)",
	    n->tp, n->projected, n->ratio);
	if (!isnan(j->required_growth))
		cat(buf, len, &off,
		    "; needs %s %%/yr from %s to reach %s by %s", n->required,
		    n->lp, n->target, n->tp);
	cat(buf, len, &off, ".");
}

void
explain_judgement(const struct indicator_conf *ind, const struct target_conf *t,
    const struct judgement *j, const char *locale, char *buf, size_t len)
{
	struct numbers n;
	bool zh = locale_is_zh(locale);

	if (len == 0)
		return;
	buf[0] = '\0';
	if (!j->have_latest) {
		snprintf(buf, len,
		    zh ? "基期之后尚无观测值，无法判断进度。"
		       : "no observation after the baseline "
			 "yet: progress cannot be judged.");
		return;
	}
	numbers_fill(t, j, &n);
	if (zh)
		explain_zh(ind, j, &n, buf, len);
	else
		explain_en(ind, j, &n, buf, len);
}

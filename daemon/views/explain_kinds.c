/*
 * explain_kinds: the sentence of each target kind, in Chinese and English.
 * Clauses whose number is not computable (NAN) are left out.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "catf.h"
#include "explain_impl.h"

#define CAT(...) catf(buf, len, off, __VA_ARGS__)

/* "（+3.2%）" / " (+3.2 %)" after a value compared with a plan. */
static void
gap_clause(const struct judgement *j, const struct explain_numbers *n, bool zh,
    char *buf, size_t len, size_t *off)
{
	if (isnan(j->gap_pct))
		return;
	if (zh)
		CAT("（%s%s%%）", j->gap_pct > 0 ? "+" : "", n->gap_pct);
	else
		CAT(" (%s%s %%)", j->gap_pct > 0 ? "+" : "", n->gap_pct);
}

/*
 * Open SDG's "progress status" words for its ratio, on the target's
 * thresholds (its defaults are ours: 0.95, 0.6, 0).
 */
static const char *
opensdg_status(const struct target_conf *t, double ratio, bool zh)
{
	if (ratio >= t->on_track_ratio)
		return zh ? "符合进度" : "on track";
	if (ratio >= t->at_risk_ratio)
		return zh ? "取得进展但需加快"
			  : "progress made but acceleration needed";
	if (ratio >= 0)
		return zh ? "进展有限" : "limited progress";
	return zh ? "倒退" : "deterioration";
}

/*
 * Whether the Open SDG ratio is one of growth rates (observed over
 * required compound growth), as target_reach.c computes it, or of linear
 * paces (growth rates undefined).
 */
static bool
opensdg_of_growth(const struct target_conf *t, const struct judgement *j)
{
	double b = period_years(&t->baseline_period);
	double T = period_years(&t->target_period);
	double vb = j->baseline_value, vT = j->target_value;
	double g_req = vb * vT > 0 ? target_cagr(vb, vT, T - b) : NAN;

	return !isnan(j->observed_growth) && !isnan(g_req) && g_req != 0;
}

/*
 * The ratio in the method's own terms: UNSD's progress ratio, or Open
 * SDG's ratio of observed to required growth with its progress status.
 */
static void
ratio_clause(const struct target_conf *t, const struct judgement *j,
    const struct explain_numbers *n, bool zh, char *buf, size_t len,
    size_t *off)
{
	bool growth;

	if (isnan(j->ratio))
		return;
	if (t->method != METHOD_OPENSDG) {
		CAT(zh ? "，进度比 %s" : " (progress ratio %s)", n->ratio);
		return;
	}
	growth = opensdg_of_growth(t, j);
	if (zh)
		CAT("，实际与所需年均%s之比 %s（Open SDG 进展状态：%s）",
		    growth ? "增速" : "变化", n->ratio,
		    opensdg_status(t, j->ratio, true));
	else
		CAT(" (observed to required %s %s, Open SDG progress status: "
		    "%s)",
		    growth ? "growth" : "change per year", n->ratio,
		    opensdg_status(t, j->ratio, false));
}

/* "按目前速度将于 2027 年达到", when explain_reach_year has a year. */
static void
reach_year_clause(
    const struct judgement *j, bool zh, char *buf, size_t len, size_t *off)
{
	double year = explain_reach_year(j);

	if (!isnan(year))
		CAT(zh ? "，按目前速度将于 %.0f 年达到"
		       : ", reached in %.0f at this pace",
		    year);
}

/* Projection, ratio, year reached and required growth. */
static void
outlook(const struct indicator_conf *ind, const struct target_conf *t,
    const struct judgement *j, const struct explain_numbers *n, bool zh,
    char *buf, size_t len, size_t *off)
{
	if (zh) {
		CAT("，%s预计 %s %s", n->tp, n->projected,
		    explain_unit(ind, zh));
		ratio_clause(t, j, n, zh, buf, len, off);
		reach_year_clause(j, zh, buf, len, off);
		if (!isnan(j->required_growth))
			CAT("；还需年均增长 %s%% 才能在 %s达到 %s", n->required,
			    n->tp, n->target);
		CAT("。");
		return;
	}
	CAT(", %s is projected at %s", n->tp, n->projected);
	ratio_clause(t, j, n, zh, buf, len, off);
	reach_year_clause(j, zh, buf, len, off);
	if (!isnan(j->required_growth))
		CAT("; needs %s %%/yr from %s to reach %s by %s", n->required,
		    n->lp, n->target, n->tp);
	CAT(".");
}

/*
 * The pace projected: a weighted trend names its window (and its growth
 * when the fit was of logarithms), else the growth since the baseline.
 */
static void
pace_clause(const struct judgement *j, const struct explain_numbers *n, bool zh,
    char *buf, size_t len, size_t *off)
{
	if (j->trend_used > 0) {
		CAT(zh ? "；按近 %d 期加权趋势"
		       : "; on the weighted trend of the last %d periods",
		    j->trend_used);
		if (!isnan(j->observed_growth))
			CAT(zh ? "（年均 %s%%）" : " (%s %%/yr)", n->growth);
	} else if (!isnan(j->observed_growth) && zh) {
		CAT("；按 %s以来年均 %s%% 的增速", n->bp, n->growth);
	} else if (!isnan(j->observed_growth)) {
		CAT("; at %s %%/yr since %s", n->growth, n->bp);
	} else if (j->linear_fallback) {
		CAT(zh ? "；基期值为零或符号相反，按线性趋势"
		       : "; baseline zero or of the other sign, linear trend "
			 "used");
	}
}

void
explain_reach(const struct indicator_conf *ind, const struct target_conf *t,
    const struct judgement *j, const struct explain_numbers *n, bool zh,
    char *buf, size_t len, size_t *off)
{
	if (zh)
		CAT("%s %s %s，计划路径 %s %s", n->lp, n->latest,
		    explain_unit(ind, zh), n->planned, explain_unit(ind, zh));
	else
		CAT("%s: %s %s vs %s planned", n->lp, n->latest,
		    explain_unit(ind, zh), n->planned);
	gap_clause(j, n, zh, buf, len, off);
	if (j->status == STATUS_MET) {
		if (zh)
			CAT("；已达到 %s %s %s 的目标。", n->tp, n->target,
			    explain_unit(ind, zh));
		else
			CAT("; the target of %s by %s is met.", n->target,
			    n->tp);
		return;
	}
	pace_clause(j, n, zh, buf, len, off);
	outlook(ind, t, j, n, zh, buf, len, off);
}

void
explain_cagr(const struct indicator_conf *ind, const struct target_conf *t,
    const struct judgement *j, const struct explain_numbers *n, bool zh,
    char *buf, size_t len, size_t *off)
{
	const char *src = j->from_rates ? (zh ? "按公布增速计算，"
					      : "from the "
						"published rates, ")
					: "";
	/* A negative rate is a fall to keep up: "下降 3% 以上". */
	bool fall = j->target_value < j->baseline_value;
	char avg[32];

	/* The average since the baseline, whatever pace is projected. */
	explain_number(
	    target_cagr(j->baseline_value, j->latest_value, j->years_elapsed) *
		100,
	    avg, sizeof(avg));
	if (zh)
		CAT("%s%s至 %s年均增长 %s%%，目标为年均%s %s%% 以上", src,
		    n->bp, n->lp, avg, fall ? "下降" : "", n->rate);
	else
		CAT("%s%s %%/yr on average from %s to %s, against %s%s %%/yr",
		    src, avg, n->bp, n->lp,
		    fall ? "a fall of at least " : "at least ", n->rate);
	if (j->status == STATUS_MET) {
		CAT(zh ? "；已达到目标。" : "; the target is met.");
		return;
	}
	if (j->trend_used > 0)
		pace_clause(j, n, zh, buf, len, off);
	if (j->from_rates) {
		ratio_clause(t, j, n, zh, buf, len, off);
		reach_year_clause(j, zh, buf, len, off);
		CAT(zh ? "。" : ".");
		return;
	}
	outlook(ind, t, j, n, zh, buf, len, off);
}

void
explain_yoy(const struct target_conf *t, const struct judgement *j,
    const struct explain_numbers *n, bool zh, char *buf, size_t len,
    size_t *off)
{
	bool below = j->status == STATUS_BREACH;
	char nominal[32], about[32];

	if (zh)
		CAT("%s增长 %s%%，%s %s%% 的目标下限", n->lp, n->latest,
		    below ? "低于" : "不低于", n->rate);
	else
		CAT("%s: growth %s %%, %s the %s %% floor", n->lp, n->latest,
		    below ? "below" : "at or above", n->rate);
	if (t->about > 0) {
		/* n->rate is the bound applied; say where it comes from. */
		explain_number(t->rate * 100, nominal, sizeof(nominal));
		explain_number(t->about * 100, about, sizeof(about));
		CAT(zh ? "（%s%% 左右，容差 %s%%）"
		       : " (%s %% with a %s %% tolerance)",
		    nominal, about);
	}
	if (j->violations > 0 && zh)
		CAT("（%d 期中 %d 期未达标，首次为 %s）", j->judged_periods,
		    j->violations, n->fv);
	else if (j->violations > 0)
		CAT(" (%d of %d periods missed it, first %s)", j->violations,
		    j->judged_periods, n->fv);
	CAT(zh ? "。" : ".");
}

static void
explain_bound(const struct indicator_conf *ind, const struct target_conf *t,
    const struct judgement *j, const struct explain_numbers *n, bool zh,
    char *buf, size_t len, size_t *off)
{
	bool floor = t->kind == TARGET_FLOOR,
	     broken = j->status == STATUS_BREACH;
	static const char *const zh_word[2][2] = {
	    {"不高于", "高于"}, {"不低于", "低于"}};
	static const char *const en_word[2][2] = {
	    {"within", "above"}, {"at or above", "below"}};

	if (zh)
		CAT("%s %s %s，%s %s 的%s", n->lp, n->latest,
		    explain_unit(ind, zh), zh_word[floor][broken], n->bound,
		    floor ? "下限" : "上限");
	else
		CAT("%s: %s %s, %s the %s of %s", n->lp, n->latest,
		    explain_unit(ind, zh), en_word[floor][broken],
		    floor ? "floor" : "ceiling", n->bound);
	if (j->violations > 0 && zh)
		CAT("（%d 期中 %d 期越限，首次为 %s）", j->judged_periods,
		    j->violations, n->fv);
	else if (j->violations > 0)
		CAT(" (%d of %d periods broke it, first %s)", j->violations,
		    j->judged_periods, n->fv);
	else if (j->status == STATUS_AT_RISK)
		CAT(zh ? "；按最近的变化，下一期将越限"
		       : "; at the latest change it crosses next period");
	CAT(zh ? "。" : ".");
}

static void
explain_trend(const struct indicator_conf *ind, const struct target_conf *t,
    const struct judgement *j, const struct explain_numbers *n, bool zh,
    char *buf, size_t len, size_t *off)
{
	bool down = t->kind == TARGET_DECLINE;
	bool kept = j->status != STATUS_REGRESSING;
	/* planned holds the previous value for decline and rise. */
	const char *moved = (j->latest_value < j->planned) ? "下降" : "上升";

	if (zh)
		CAT("%s %s %s，较上期（%s）%s", n->lp, n->latest,
		    explain_unit(ind, zh), n->planned,
		    j->latest_value == j->planned ? "持平" : moved);
	else
		CAT("%s: %s %s, %s %s", n->lp, n->latest, explain_unit(ind, zh),
		    j->latest_value < j->planned       ? "down from"
			: j->latest_value > j->planned ? "up from"
						       : "level with",
		    n->planned);
	if (!kept)
		CAT(zh ? "，未能逐期%s" : ": not %s every period",
		    zh ? (down ? "下降" : "上升")
		       : (down ? "falling" : "rising"));
	if (j->violations > 0 && zh)
		CAT("（%d 期中 %d 期未达要求，首次为 %s）", j->judged_periods,
		    j->violations, n->fv);
	else if (j->violations > 0)
		CAT(" (%d of %d periods missed, first %s)", j->violations,
		    j->judged_periods, n->fv);
	CAT(zh ? "。" : ".");
}

void
explain_rule(const struct indicator_conf *ind, const struct target_conf *t,
    const struct judgement *j, const struct explain_numbers *n, bool zh,
    char *buf, size_t len, size_t *off)
{
	if (t->kind == TARGET_FLOOR || t->kind == TARGET_CEILING)
		explain_bound(ind, t, j, n, zh, buf, len, off);
	else
		explain_trend(ind, t, j, n, zh, buf, len, off);
}

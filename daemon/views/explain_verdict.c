/*
 * explain_verdict: the sentence of a target whose period is over, in the
 * past tense: what was reached against what was planned, never a
 * projection or a growth still required.  For example:
 *   2025 年 46.28 %，目标为 2025 年 46.3 %，差 0.02 个百分点，完成计划增量的
 *   98%（基本完成的容差为计划增量的 5%）。
 *   2025 年 19 家，在 2025 年 20 家左右（±10%，18–22 家）的目标范围内。
 *   2021 年至 2023 年 3 期中 1 期增长不低于 8%，2 期低于目标下限（首次为
 *   2022 年，最多低 6.9 个百分点）；2023 年增长 2.5%。
 * While the value of the last period is awaited (the period has ended,
 * the value is not published yet) it says what is known so far, and that
 * the last value is awaited.  The verdict itself is the status label.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "catf.h"
#include "explain_impl.h"

#define CAT(...) catf(buf, len, off, __VA_ARGS__)

/* What a verdict sentence needs beyond struct explain_numbers. */
struct verdict_text {
	const struct indicator_conf *ind;
	const struct target_conf *t;
	const struct judgement *j;
	const struct explain_numbers *n;
	bool zh;
	bool points; /* the indicator is a percentage: differences in points */
	char range[2 * PERIOD_TEXT_MAX + 24]; /* "2021 年至 2025 年" */
};

/*
 * The unit of a difference: "个百分点" / "points" between percentages and
 * between growth rates, the indicator's unit otherwise.
 */
static const char *
diff_unit(const struct verdict_text *v)
{
	if (v->points || v->t->kind == TARGET_GROWTH)
		return v->zh ? "个百分点" : "points";
	return explain_unit(v->ind, v->zh);
}

static void
num(double x, char *b, size_t len)
{
	explain_value(x, b, len);
}

/* "（基本完成的容差为 …）": what nearly met allowed, when it was short. */
static void
tolerance_clause(const struct verdict_text *v, const char *what, char *buf,
    size_t len, size_t *off)
{
	if (v->j->status == STATUS_MET || !(v->j->tolerance > 0))
		return;
	if (v->zh)
		CAT("（基本完成的容差为%s）", what);
	else
		CAT(" (nearly met within %s)", what);
}

static void
reach_about(const struct verdict_text *v, double slack, char *buf, size_t len,
    size_t *off)
{
	const struct judgement *j = v->j;
	char a[32], lo[32], hi[32];
	bool up = j->target_value >= j->baseline_value;
	double vt = j->latest_value, vT = j->target_value;
	/* Short of the band, in it, or beyond it (more than enough). */
	int where = j->status != STATUS_MET            ? -1
	    : (up ? vt > vT + slack : vt < vT - slack) ? 1
						       : 0;
	static const char *const zh_where[] = {"未达到", "在", "超出"};
	static const char *const en_where[] = {"short of", "within", "beyond"};

	explain_number(v->t->about * 100, a, sizeof(a));
	num(vT - slack, lo, sizeof(lo));
	num(vT + slack, hi, sizeof(hi));
	if (v->zh)
		CAT("%s %s %s，%s %s %s %s左右（±%s%%，%s–%s %s）的目标范围%s",
		    v->n->lp, v->n->latest, explain_unit(v->ind, v->zh),
		    zh_where[where + 1], v->n->tp, v->n->target,
		    explain_unit(v->ind, v->zh), a, lo, hi,
		    explain_unit(v->ind, v->zh), where == 0 ? "内" : "");
	else
		CAT("%s: %s %s, %s the target of about %s by %s (±%s %%: "
		    "%s–%s)",
		    v->n->lp, v->n->latest, explain_unit(v->ind, v->zh),
		    en_where[where + 1], v->n->target, v->n->tp, a, lo, hi);
}

/* A reach target's verdict: the value against the target (or band). */
static void
verdict_reach(const struct verdict_text *v, char *buf, size_t len, size_t *off)
{
	const struct judgement *j = v->j;
	double slack = v->t->about * fabs(j->target_value);
	char d[32], share[32], tol[48];

	if (v->t->about > 0)
		reach_about(v, slack, buf, len, off);
	else if (j->status == STATUS_MET && v->zh)
		CAT("%s %s %s，达到 %s %s %s 的目标", v->n->lp, v->n->latest,
		    explain_unit(v->ind, v->zh), v->n->tp, v->n->target,
		    explain_unit(v->ind, v->zh));
	else if (j->status == STATUS_MET)
		CAT("%s: %s %s, the target of %s by %s is met", v->n->lp,
		    v->n->latest, explain_unit(v->ind, v->zh), v->n->target,
		    v->n->tp);
	else if (v->zh)
		CAT("%s %s %s，目标为 %s %s %s", v->n->lp, v->n->latest,
		    explain_unit(v->ind, v->zh), v->n->tp, v->n->target,
		    explain_unit(v->ind, v->zh));
	else
		CAT("%s: %s %s against %s by %s", v->n->lp, v->n->latest,
		    explain_unit(v->ind, v->zh), v->n->target, v->n->tp);
	if (j->status != STATUS_MET) {
		/* Short of the target, or of the edge of an about band. */
		num(fabs(j->target_value - j->latest_value) - slack, d,
		    sizeof(d));
		explain_number(j->achieved * 100, share, sizeof(share));
		if (v->zh)
			CAT("，差 %s %s", d, diff_unit(v));
		else
			CAT(": %s%s short", d, v->points ? " points" : "");
		if (!isnan(j->achieved))
			CAT(v->zh ? "，完成计划增量的 %s%%"
				  : ", %s %% of the planned change achieved",
			    share);
		explain_number(j->tolerance * 100, share, sizeof(share));
		snprintf(tol, sizeof(tol),
		    v->zh ? "计划增量的 %s%%" : "%s %% of it", share);
		tolerance_clause(v, tol, buf, len, off);
	}
	CAT(v->zh ? "。" : ".");
}

/* An average-growth target's verdict: growth achieved against the rate. */
static void
verdict_cagr(const struct verdict_text *v, char *buf, size_t len, size_t *off)
{
	const struct judgement *j = v->j;
	bool fall = v->t->rate < 0;
	char g[32], d[32], tol[48];
	const char *src = j->from_rates
	    ? (v->zh ? "按公布增速计算，" : "from the published rates, ")
	    : "";

	explain_number(j->achieved * 100, g, sizeof(g));
	if (isnan(j->achieved)) {
		/* Growth undefined: judged on the level. */
		verdict_reach(v, buf, len, off);
		return;
	}
	if (v->zh)
		CAT("%s%s至 %s年均增长 %s%%，目标为年均%s %s%% 以上", src,
		    v->n->bp, v->n->lp, g, fall ? "下降" : "", v->n->rate);
	else
		CAT("%s%s %%/yr on average from %s to %s, against %s%s %%/yr",
		    src, g, v->n->bp, v->n->lp,
		    fall ? "a fall of at least " : "at least ", v->n->rate);
	if (j->status != STATUS_MET) {
		explain_number(j->shortfall, d, sizeof(d));
		CAT(v->zh ? "，差 %s 个百分点" : ": %s points short", d);
		explain_number(j->tolerance, d, sizeof(d));
		snprintf(tol, sizeof(tol), v->zh ? " %s %s" : "%s %s", d,
		    diff_unit(v));
		tolerance_clause(v, tol, buf, len, off);
	}
	CAT(v->zh ? "。" : ".");
}

/*
 * What a period of a rule kept, or broke: "增长不低于 8%" / "增长低于 8%",
 * "不高于 14 的上限" / "高于 14 的上限", "较上期下降" / "未较上期下降".
 */
static void
rule_words(
    const struct verdict_text *v, bool kept, char *buf, size_t len, size_t *off)
{
	const struct target_conf *t = v->t;
	const char *zh_not = kept ? "" : "未";

	switch (t->kind) {
	case TARGET_GROWTH:
		CAT(v->zh ? "增长%s %s%%" : "growth %s %s %%",
		    v->zh ? (kept ? "不低于" : "低于")
			  : (kept ? "at or above" : "below"),
		    v->n->rate);
		break;
	case TARGET_FLOOR:
		CAT(v->zh ? "%s %s 的下限" : "%s the floor of %s",
		    v->zh ? (kept ? "不低于" : "低于")
			  : (kept ? "at or above" : "below"),
		    v->n->bound);
		break;
	case TARGET_CEILING:
		CAT(v->zh ? "%s %s 的上限" : "%s the ceiling of %s",
		    v->zh ? (kept ? "不高于" : "高于")
			  : (kept ? "within" : "above"),
		    v->n->bound);
		break;
	case TARGET_DECLINE:
		CAT(v->zh ? "%s较上期下降" : "%sbelow the period before",
		    v->zh ? zh_not : (kept ? "" : "not "));
		break;
	default:
		CAT(v->zh ? "%s较上期上升" : "%sabove the period before",
		    v->zh ? zh_not : (kept ? "" : "not "));
		break;
	}
}

/* The latest period of a rule: "2023 年增长 2.5%", "2025 年 21.7 1/10万". */
static void
rule_latest(const struct verdict_text *v, char *buf, size_t len, size_t *off)
{
	if (v->t->kind == TARGET_GROWTH)
		CAT(v->zh ? "%s增长 %s%%" : "%s: %s %%", v->n->lp,
		    v->n->latest);
	else
		CAT(v->zh ? "%s %s %s" : "%s: %s %s", v->n->lp, v->n->latest,
		    explain_unit(v->ind, v->zh));
	if (v->t->kind == TARGET_DECLINE || v->t->kind == TARGET_RISE)
		CAT(v->zh ? "（上期 %s）" : " (before: %s)", v->n->planned);
}

/* Every period, or the final one, of a rule: how many complied. */
static void
verdict_rule(const struct verdict_text *v, char *buf, size_t len, size_t *off)
{
	const struct judgement *j = v->j;
	int n = j->judged_periods, c = n - j->violations;
	char d[32], tol[48];

	if (v->t->holds == HOLDS_FINAL) {
		CAT(v->zh ? "按期末一期判断："
			  : "judged on the final period: ");
		rule_latest(v, buf, len, off);
		CAT(v->zh ? "，" : ", ");
		rule_words(v, j->status == STATUS_MET, buf, len, off);
		CAT(v->zh ? "（%d 期中 %d 期达标）"
			  : " (%d of %d periods kept it)",
		    v->zh ? n : c, v->zh ? c : n);
	} else if (j->violations == 0) {
		CAT(v->zh ? "%s的 %d 期均" : "%s: all %d periods ", v->range,
		    n);
		rule_words(v, true, buf, len, off);
	} else {
		CAT(v->zh ? "%s的 %d 期中 %d 期" : "%s: %d of %d periods ",
		    v->range, v->zh ? n : c, v->zh ? c : n);
		rule_words(v, true, buf, len, off);
		num(j->worst_miss, d, sizeof(d));
		CAT(v->zh ? "，%d 期未达标（首次为 %s"
			  : "; %d did not (first %s",
		    j->violations, v->n->fv);
		if (j->worst_miss > 0)
			CAT(v->zh ? "，最多差 %s %s" : ", by %s %s at most", d,
			    diff_unit(v));
		num(j->tolerance, d, sizeof(d));
		if (j->status != STATUS_MET && j->tolerance > 0)
			CAT(v->zh ? "；基本完成的容差为 %s %s"
				  : "; nearly met within %s %s",
			    d, diff_unit(v));
		CAT(v->zh ? "）" : ")");
	}
	if (v->t->holds == HOLDS_FINAL && j->status != STATUS_MET) {
		num(j->tolerance, d, sizeof(d));
		snprintf(tol, sizeof(tol), v->zh ? " %s %s" : "%s %s", d,
		    diff_unit(v));
		tolerance_clause(v, tol, buf, len, off);
	}
	if (v->t->holds != HOLDS_FINAL && j->violations > 0) {
		CAT(v->zh ? "；" : "; ");
		rule_latest(v, buf, len, off);
	}
	CAT(v->zh ? "。" : ".");
}

/* The last period of a rule, or a deadline, whose value is awaited. */
static void
awaited(const struct verdict_text *v, char *buf, size_t len, size_t *off)
{
	char p[PERIOD_TEXT_MAX + 8];

	explain_period(target_last_period(v->t), v->zh, p, sizeof(p));
	CAT(v->zh ? "%s数据尚待发布，之后给出终期结论。"
		  : " The %s value is awaited for the final verdict.",
	    p);
}

/* The period over, its last value awaited: what is known so far. */
static void
pending(const struct verdict_text *v, char *buf, size_t len, size_t *off)
{
	const struct judgement *j = v->j;
	const struct target_conf *t = v->t;
	double span = j->target_value - j->baseline_value, g;
	char share[32], gs[32];

	if (t->kind != TARGET_REACH &&
	    !(t->kind == TARGET_GROWTH && t->basis == BASIS_CAGR)) {
		if (t->kind == TARGET_GROWTH)
			explain_yoy(t, j, v->n, v->zh, buf, len, off);
		else
			explain_rule(v->ind, t, j, v->n, v->zh, buf, len, off);
		awaited(v, buf, len, off);
		return;
	}
	g = target_cagr(j->baseline_value, j->latest_value, j->years_elapsed);
	explain_number(g * 100, gs, sizeof(gs));
	if (t->kind == TARGET_GROWTH && !isnan(g)) {
		if (v->zh)
			CAT("%s至 %s年均增长 %s%%，目标为年均 %s%% 以上。",
			    v->n->bp, v->n->lp, gs, v->n->rate);
		else
			CAT("%s %%/yr on average from %s to %s, against at "
			    "least %s %%/yr.",
			    gs, v->n->bp, v->n->lp, v->n->rate);
		awaited(v, buf, len, off);
		return;
	}
	/* A level (also a growth target whose growth is not defined). */
	if (v->zh)
		CAT("%s %s %s，计划路径 %s %s", v->n->lp, v->n->latest,
		    explain_unit(v->ind, v->zh), v->n->planned,
		    explain_unit(v->ind, v->zh));
	else
		CAT("%s: %s %s vs %s planned", v->n->lp, v->n->latest,
		    explain_unit(v->ind, v->zh), v->n->planned);
	if (span != 0) {
		explain_number(
		    (j->latest_value - j->baseline_value) / span * 100, share,
		    sizeof(share));
		CAT(v->zh ? "，已完成计划增量的 %s%%"
			  : ", %s %% of the planned change achieved",
		    share);
	}
	CAT(v->zh ? "。" : ".");
	awaited(v, buf, len, off);
}

void
explain_verdict(const struct indicator_conf *ind, const struct target_conf *t,
    const struct judgement *j, const struct explain_numbers *n, bool zh,
    char *buf, size_t len, size_t *off)
{
	struct verdict_text v = {
	    ind, t, j, n, zh, strcmp(ind->unit, "%") == 0, ""};
	char from[PERIOD_TEXT_MAX + 8];

	if (t->has_from) {
		explain_period(&t->from, zh, from, sizeof(from));
		snprintf(v.range, sizeof(v.range), zh ? "%s至 %s" : "%s to %s",
		    from, n->lp);
	} else {
		snprintf(
		    v.range, sizeof(v.range), zh ? "截至 %s" : "to %s", n->lp);
	}
	if (!j->final)
		pending(&v, buf, len, off);
	else if (t->kind == TARGET_REACH)
		verdict_reach(&v, buf, len, off);
	else if (t->kind == TARGET_GROWTH && t->basis == BASIS_CAGR)
		verdict_cagr(&v, buf, len, off);
	else
		verdict_rule(&v, buf, len, off);
}

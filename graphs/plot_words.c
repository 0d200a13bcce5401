/*
 * plot_words: the plan chart's words in the configured locale: the title
 * (the indicator and its target in words), the status or final verdict
 * in the plan office's vocabulary, the values at the latest point, the
 * baseline and the target, what each mark means, and the footer that says
 * where the figures come from, whether they are published, how recent
 * they are and which plan they serve.  Numbers are written as explain.c
 * writes them everywhere else.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "explain.h"
#include "plot.h"
#include "plot_impl.h"

static bool
is_zh(const char *locale)
{
	return locale == NULL || strncmp(locale, "zh", 2) == 0;
}

static void join(char *buf, size_t len, const char *part);

static enum plot_tone
tone(enum status s)
{
	switch (s) {
	case STATUS_ON_TRACK:
	case STATUS_AHEAD:
	case STATUS_MET:
		return PLOT_TONE_GOOD;
	case STATUS_AT_RISK:
	case STATUS_NEARLY_MET:
		return PLOT_TONE_WARN;
	case STATUS_NO_DATA:
	case STATUS_FEED_ERROR:
		return PLOT_TONE_NONE;
	default:
		return PLOT_TONE_BAD;
	}
}

static void
status_words(const struct plot_input *in, struct plot *p)
{
	const struct judgement *j = in->j;
	bool zh = is_zh(in->locale);
	const char *label;

	p->tone = PLOT_TONE_NONE;
	if (in->target == NULL || j == NULL)
		return;
	p->tone = tone(j->status);
	label = explain_label(
	    j->status, j->final, in->target->vocabulary, in->locale);
	if (j->final)
		snprintf(p->status, sizeof(p->status), "%s%s",
		    zh ? "最终评价：" : "final verdict: ", label);
	else
		snprintf(p->status, sizeof(p->status), "%s%s",
		    zh ? "状态：" : "status: ", label);
	/* Overdue data is said beside the status, never instead of it. */
	if (j->stale)
		join(p->status, sizeof(p->status),
		    explain_overdue_label(in->locale));
}

/* Appends " · part" (or part first) to buf. */
static void
join(char *buf, size_t len, const char *part)
{
	size_t n = strlen(buf);

	if (part == NULL || *part == '\0' || n + 1 >= len)
		return;
	snprintf(buf + n, len - n, "%s%s", n > 0 ? " · " : "", part);
}

/* Appends " part." to buf. */
static void
sentence(char *buf, size_t len, const char *part)
{
	size_t n = strlen(buf);

	if (part != NULL && *part != '\0' && n + 1 < len)
		snprintf(buf + n, len - n, " %s.", part);
}

static void
footer(const struct plot_input *in, struct plot *p)
{
	bool zh = is_zh(in->locale);
	char part[320], per[PERIOD_TEXT_MAX];

	p->footer[0] = '\0';
	if (in->source != NULL) {
		snprintf(part, sizeof(part), "%s%s",
		    zh ? "来源：" : "Source: ", in->source);
		join(p->footer, sizeof(p->footer), part);
	}
	join(p->footer, sizeof(p->footer),
	    explain_figures(in->figures, in->locale));
	if (p->npts > 0) {
		period_format(&p->pts[p->npts - 1].period, per, sizeof(per));
		snprintf(
		    part, sizeof(part), zh ? "数据截至 %s" : "data to %s", per);
		join(p->footer, sizeof(p->footer), part);
	}
	join(p->footer, sizeof(p->footer), in->plan_name);
}

/* The words of the marks that p draws (NULL: not drawn, no key). */
static void
key(const struct plot_input *in, struct plot *p)
{
	const struct target_conf *t = in->target;
	bool zh = is_zh(in->locale), violation = false, other = false;
	size_t hollow = 0;

	for (size_t i = 0; i < p->npts; i++) {
		violation |= p->pts[i].violating;
		hollow += p->pts[i].hollow;
		other |=
		    p->pts[i].hollow && p->pts[i].mark != OBS_MARK_ILLUSTRATIVE;
	}
	/* Only when a hollow marker is drawn; named for what it stands for. */
	if (hollow > 0)
		p->key_hollow = other
		    ? (zh ? "非公布值（示例、估计或初步）"
			  : "not published (illustrative, estimate or "
			    "provisional)")
		    : (zh ? "示例值（非公布）"
			  : "illustrative (not published)");
	/* Every marker hollow: the hollow entry alone names the series. */
	p->key_actual = p->npts > hollow ? (zh ? "实际值" : "actual") : NULL;
	p->key_plan = p->npath > 0 ? (zh ? "计划路径" : "planned path") : NULL;
	p->key_target = p->has_target ? (zh ? "目标" : "target") : NULL;
	p->key_band = p->has_band ? (zh ? "目标区间" : "target band") : NULL;
	p->key_projection = p->has_projection
	    ? (zh ? "按当前速度预测" : "projection at the current pace")
	    : NULL;
	if (p->has_rule)
		p->key_rule = t->kind == TARGET_CEILING
		    ? (zh ? "上限" : "ceiling")
		    : t->kind == TARGET_GROWTH
		    ? (zh ? "增速下限" : "growth floor")
		    : (zh ? "下限" : "floor");
	if (violation)
		p->key_violation = t != NULL &&
			(t->kind == TARGET_DECLINE || t->kind == TARGET_RISE)
		    ? (zh ? "未按要求变化" : "step against the rule")
		    : (zh ? "未达要求" : "breaks the target");
}

static void
point_labels(const struct plot_input *in, struct plot *p)
{
	const struct judgement *j = in->j;
	bool zh = is_zh(in->locale);
	const char *unit = target_judged_on_growth(in->target)
	    ? "%"
	    : indicator_unit(in->ind, in->locale);
	char v[80];

	if (p->latest.shown) {
		explain_value_unit(
		    p->pts[p->npts - 1].value, unit, v, sizeof(v));
		snprintf(p->latest.text, sizeof(p->latest.text), "%s", v);
	}
	if (p->baseline.shown && j != NULL) {
		explain_value(j->baseline_value, v, sizeof(v));
		snprintf(p->baseline.text, sizeof(p->baseline.text), "%s %s",
		    zh ? "基期" : "baseline", v);
	}
	if (p->target.shown) {
		double tv = p->has_target               ? j->target_value
		    : in->target->kind == TARGET_GROWTH ? in->target->rate * 100
							: in->target->bound;

		explain_value(tv, v, sizeof(v));
		snprintf(p->target.text, sizeof(p->target.text), "%s %s%s",
		    zh ? "目标" : "target", v,
		    target_judged_on_growth(in->target) ? " %" : "");
	}
	/* The latest value and the baseline may be one point. */
	if (p->baseline.shown && p->latest.shown &&
	    fabs(p->baseline.x - p->latest.x) < 1 &&
	    fabs(p->baseline.y - p->latest.y) < 1)
		p->baseline.shown = false;
}

void
plot_words(const struct plot_input *in, struct plot *p)
{
	char target[160];
	const char *unit = target_judged_on_growth(in->target)
	    ? "%"
	    : indicator_unit(in->ind, in->locale);

	explain_target(
	    in->ind, in->target, in->j, in->locale, target, sizeof(target));
	if (*target != '\0')
		snprintf(p->title, sizeof(p->title), "%s%s%s",
		    indicator_name(in->ind, in->locale),
		    is_zh(in->locale) ? "：" : ": ", target);
	else
		snprintf(p->title, sizeof(p->title), "%s",
		    indicator_name(in->ind, in->locale));
	snprintf(p->unit, sizeof(p->unit), "%s", unit != NULL ? unit : "");
	status_words(in, p);
	footer(in, p);
	key(in, p);
	point_labels(in, p);
	/* "Title. Status. Latest 2.5 %. [Hollow markers: ….] Footer" for
	 * screen readers. */
	snprintf(p->description, sizeof(p->description), "%s.", p->title);
	sentence(p->description, sizeof(p->description), p->status);
	if (p->latest.shown) {
		char latest[128];

		snprintf(latest, sizeof(latest), "%s%s",
		    is_zh(in->locale) ? "最新值 " : "latest ", p->latest.text);
		sentence(p->description, sizeof(p->description), latest);
	}
	/* What the hollow markers are, as the key says it to the eye. */
	if (p->key_hollow != NULL) {
		char hollow[160];

		snprintf(hollow, sizeof(hollow), "%s%s",
		    is_zh(in->locale) ? "空心点为" : "hollow markers: ",
		    p->key_hollow);
		sentence(p->description, sizeof(p->description), hollow);
	}
	sentence(p->description, sizeof(p->description), p->footer);
}

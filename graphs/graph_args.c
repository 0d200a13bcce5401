/*
 * graph_args: one chart per indicator.  The time range runs from the
 * target's baseline (or the first data) to its deadline (or the last
 * data), with a margin on each side.  The actual series is a thick line;
 * each period's value holds over the whole period, so the line steps.
 * Where a reach target exists, the planned path from the baseline to the
 * target is computed by librrd itself as a CDEF over TIME (linear or
 * compound), limited to [baseline end, deadline], and the target is a
 * horizontal rule with a vertical rule at the deadline.  The status shows
 * in the title and as a coloured legend entry.
 *
 * A chart shows the series its target is judged on: for a year-on-year
 * growth target, the plan view and the sparkline draw the growth (in %)
 * from the target's first period to its last, with the rate as the floor,
 * and the history view the indicator's own values.
 */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "explain.h"
#include "graph_args.h"

static const char *const status_colors[STATUS_COUNT] = {
    [STATUS_NOT_MET] = "D62728",
    [STATUS_BREACH] = "D62728",
    [STATUS_REGRESSING] = "D62728",
    [STATUS_OFF_TRACK] = "D62728",
    [STATUS_AT_RISK] = "FF8C00",
    [STATUS_NEARLY_MET] = "FF8C00",
    [STATUS_ON_TRACK] = "2CA02C",
    [STATUS_AHEAD] = "2CA02C",
    [STATUS_MET] = "17BECF",
    [STATUS_NO_DATA] = "7F7F7F",
    [STATUS_FEED_ERROR] = "7F7F7F",
};

struct labels {
	const char *actual, *plan, *target, *latest, *status, *floor, *ceiling;
	const char *projection;
	const char *growth; /* the growth series' legend */
	const char *growth_title; /* after the name: the growth chart's title */
	const char *growth_floor; /* the growth target's rate */
	const char *history; /* the history view's title, after the name */
	const char *early; /* data before GRAPH_EARLIEST: where it is */
};

/* The leading space keeps CJK glyphs clear of the legend's colour box. */
static const struct labels labels_zh = {" 实际值", " 计划路径", " 目标", "最新",
    " 状态", " 下限", " 上限", " 预测", " 增速", "增速", " 目标下限",
    "历史数据", "1980 年以前的数据只在日志中 (planwatch export-data)"};
static const struct labels labels_en = {" actual", " planned path", " target",
    "latest", " status", " floor", " ceiling", " projection", " growth",
    ": growth", " growth floor", "history",
    "values before 1980 are in the journal only (planwatch export-data)"};

/* The words of the judgement's status: a final verdict reads as one. */
static const char *
status_words(const struct graph_spec *s)
{
	return explain_label(s->j->status, s->j->final,
	    s->target != NULL ? s->target->vocabulary : VOCABULARY_UNSD,
	    s->locale);
}

void
graph_escape(const char *text, char *buf, size_t len)
{
	size_t o = 0;

	if (len == 0)
		return;
	for (; *text && o + 2 < len; text++) {
		if (*text == ':' || *text == '\\')
			buf[o++] = '\\';
		buf[o++] = *text;
	}
	buf[o] = '\0';
}

static int __attribute__((format(printf, 2, 3)))
arg(struct graph_argv *a, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	/* Room for this one and the NULL; rrd_graph_v counts in an int. */
	if (grow_array(
		&a->v, &a->cap, (size_t)a->n + 2, sizeof(*a->v), INT_MAX) != 0)
		return -1;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || (s = malloc((size_t)n + 1)) == NULL)
		return -1;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	a->v[a->n++] = s;
	a->v[a->n] = NULL;
	return 0;
}

void
graph_argv_free(struct graph_argv *a)
{
	for (int i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
	a->v = NULL;
	a->n = 0;
	a->cap = 0;
}

static const char *const view_names[GRAPH_VIEWS] = {
    [GRAPH_PLAN] = "plan",
    [GRAPH_HISTORY] = "history",
    [GRAPH_SPARK] = "spark",
    [GRAPH_NARROW] = "narrow",
};

const char *
graph_view_name(enum graph_view v)
{
	return (size_t)v < GRAPH_VIEWS ? view_names[v] : "plan";
}

int
graph_view_parse(const char *s, enum graph_view *v)
{
	for (int i = 0; i < GRAPH_VIEWS; i++)
		if (strcmp(s, view_names[i]) == 0) {
			*v = (enum graph_view)i;
			return 0;
		}
	return -1;
}

/*
 * The growth computed from the levels is drawn period by period from the
 * judged values; past this many periods in a chart only the latest are
 * (a daily target over decades: the RPN would take seconds to draw).
 */
#define GROWTH_PIECES_MAX 5000

/* Whether this view of s draws the growth its target is judged on. */
static bool
graph_view_growth(const struct graph_spec *s)
{
	return s->view != GRAPH_HISTORY && target_judged_on_growth(s->target);
}

/*
 * The history view spans the data.  The plan view (and the sparkline)
 * spans the plan: from the baseline (or the first period judged) to the
 * deadline, or to the last data when that is later; data from before the
 * plan is the history view's.  Nothing is drawn before GRAPH_EARLIEST:
 * the range starts there at the earliest, and ends a year after its start
 * at the earliest, so that a chart always draws.
 */
static void
time_range(const struct graph_spec *s, time_t *start, time_t *end)
{
	time_t lo = s->data_start, hi = s->data_end, margin;
	const struct target_conf *t = s->target;

	if (graph_view_growth(s)) {
		/* From the first period judged to the last ("to"), or to the
		 * last data when that is later; the growth before the plan
		 * is the history's (of the levels). */
		if (t->has_from && period_start(&t->from) > lo)
			lo = period_start(&t->from);
		if (t->has_to && (hi == 0 || period_end(&t->to) > hi))
			hi = period_end(&t->to);
	} else if (s->view != GRAPH_HISTORY && t != NULL &&
	    (t->kind == TARGET_REACH ||
		(t->kind == TARGET_GROWTH && t->basis == BASIS_CAGR))) {
		time_t b = period_start(&t->baseline_period);
		time_t d = period_end(&t->target_period);

		lo = b;
		if (hi == 0 || d > hi)
			hi = d;
	} else if (s->view != GRAPH_HISTORY && t != NULL && t->has_from &&
	    period_start(&t->from) > lo) {
		lo = period_start(&t->from);
	}
	if (lo < GRAPH_EARLIEST)
		lo = GRAPH_EARLIEST;
	if (hi <= lo)
		hi = lo + 365L * 86400;
	margin = (hi - lo) / 20;
	*start = lo - margin < GRAPH_EARLIEST ? GRAPH_EARLIEST : lo - margin;
	*end = hi + margin;
}

/*
 * Years between two labels of the time axis: 1, 2, 5, 10, 20 or 50, the
 * least that leaves a label (a year, about 30 pixels) 60 pixels of the
 * chart's width, so that a 60-year history does not print its years over
 * one another.
 */
static int
year_label_step(time_t start, time_t end, int width)
{
	static const int steps[] = {1, 2, 5, 10, 20, 50};
	double years = (double)(end - start) / (365.25 * 86400);
	double fit = width > 60 ? width / 60.0 : 1;

	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (years / steps[i] <= fit)
			return steps[i];
	return 100;
}

static int
args_header(
    const struct graph_spec *s, const struct labels *l, struct graph_argv *a)
{
	char title[512], name[300];
	time_t start, end;
	int rc = 0;

	time_range(s, &start, &end);
	rc |= arg(a, "graph");
	rc |= arg(a, "%s", s->png_path);
	rc |= arg(a, "--imgformat=PNG");
	rc |= arg(a, "--width=%d", s->width);
	rc |= arg(a, "--height=%d", s->height);
	rc |= arg(a, "--start=%lld", (long long)start);
	rc |= arg(a, "--end=%lld", (long long)end);
	/* librrd flushes the archive through the daemon before reading. */
	if (s->daemon != NULL)
		rc |= arg(a, "--daemon=%s", s->daemon);
	if (s->view == GRAPH_SPARK) {
		rc |= arg(a, "--only-graph");
		rc |= arg(a, "--alt-autoscale");
		rc |= arg(a, "--border=0");
		return rc;
	}
	snprintf(name, sizeof(name), "%s%s", indicator_name(s->ind, s->locale),
	    graph_view_growth(s) ? l->growth_title : "");
	if (s->view == GRAPH_HISTORY)
		snprintf(title, sizeof(title), "%s — %s",
		    indicator_name(s->ind, s->locale), l->history);
	else if (s->j != NULL)
		snprintf(
		    title, sizeof(title), "%s — %s", name, status_words(s));
	else
		snprintf(title, sizeof(title), "%s", name);
	rc |= arg(a, "--title=%s", title);
	/* librrd takes this option verbatim: no ':' escaping here. */
	rc |= arg(a, "--vertical-label=%s",
	    graph_view_growth(s) ? "%" : indicator_unit(s->ind, s->locale));
	rc |= arg(a, "--font=DEFAULT:9:%s", GRAPH_FONT);
	rc |= arg(a, "--font=TITLE:12:%s", GRAPH_FONT);
	rc |= arg(a, "--disable-rrdtool-tag");
	rc |= arg(a, "--alt-autoscale");
	/* Plain numbers: "1100", "45.8", never SI prefixes like "1.1 k". */
	rc |= arg(a, "--units-exponent=0");
	rc |= arg(a, "--left-axis-format=%%.6lg");
	if (end - start > 3 * 366 * 86400L) {
		int step = year_label_step(start, end, s->width);

		/* Quarters as the fine grid while years are labelled one by
		 * one; years when the labels are further apart. */
		rc |= arg(a, "--x-grid=%s:YEAR:%d:YEAR:%d:31536000:%%Y",
		    step > 1 ? "YEAR:1" : "MONTH:3", step, step);
	}
	(void)l;
	return rc;
}

/*
 * The planned path as RPN over TIME, defined only inside the plan, from
 * (baseline end, vb) to (deadline end, vT).
 */
static int
args_plan(const struct target_conf *t, double vb, double vT,
    const struct labels *l, struct graph_argv *a)
{
	long long tb = (long long)period_end(&t->baseline_period);
	long long tT = (long long)period_end(&t->target_period);
	bool compound = t->path == PATH_COMPOUND ||
	    (t->kind == TARGET_GROWTH && t->basis == BASIS_CAGR);
	char expr[256];
	int rc = 0;

	if (compound && vb * vT > 0)
		snprintf(expr, sizeof(expr),
		    "TIME,%lld,-,%lld,/,%.17g,*,EXP,"
		    "%.17g,*",
		    tb, tT - tb, log(vT / vb), vb);
	else
		snprintf(expr, sizeof(expr),
		    "TIME,%lld,-,%lld,/,%.17g,*,"
		    "%.17g,+",
		    tb, tT - tb, vT - vb, vb);
	rc |= arg(a, "CDEF:plan=actual,POP,TIME,%lld,%lld,LIMIT,UN,UNKN,%s,IF",
	    tb, tT, expr);
	rc |= arg(a, "LINE1:plan#555555:%s:dashes=6,3", l->plan);
	return rc;
}

/*
 * The projection from the latest period to the deadline at the observed
 * pace (compound when the judgement has a growth rate, linear otherwise),
 * dashed, only when the deadline is still ahead.
 */
static int
args_projection(
    const struct graph_spec *s, const struct labels *l, struct graph_argv *a)
{
	const struct judgement *j = s->j;
	long long tl, tT;
	char expr[256];

	if (j == NULL || !j->have_latest || !(j->years_left > 0) ||
	    !isfinite(j->projected) || j->from_rates)
		return 0;
	tl = (long long)period_end(&j->latest_period);
	tT = (long long)period_end(&s->target->target_period);
	if (isfinite(j->observed_growth) && j->observed_growth > -1)
		snprintf(expr, sizeof(expr),
		    "TIME,%lld,-,31557600,/,%.17g,*,EXP,%.17g,*", tl,
		    log1p(j->observed_growth), j->latest_value);
	else
		snprintf(expr, sizeof(expr),
		    "TIME,%lld,-,%lld,/,%.17g,*,%.17g,+", tl, tT - tl,
		    j->projected - j->latest_value, j->latest_value);
	return arg(a,
		   "CDEF:projection=actual,POP,TIME,%lld,%lld,LIMIT,UN,"
		   "UNKN,%s,IF",
		   tl, tT, expr) |
	    arg(a, "LINE1:projection#FF8C00:%s:dashes=3,3", l->projection);
}

/* A reach or average-growth target: path, target value, deadline. */
static int
args_progress(
    const struct graph_spec *s, const struct labels *l, struct graph_argv *a)
{
	const struct target_conf *t = s->target;
	double vb = t->baseline_value, vT = t->target_value;
	char value[32], period[PERIOD_TEXT_MAX];
	int rc = 0;

	/* Observed baselines and cagr values are known to the judgement. */
	if (s->j != NULL && isfinite(s->j->baseline_value) &&
	    isfinite(s->j->target_value)) {
		vb = s->j->baseline_value;
		vT = s->j->target_value;
	} else if (t->baseline_observed || t->kind != TARGET_REACH) {
		return 0; /* no numbers to draw a path with */
	}
	explain_value(vT, value, sizeof(value));
	period_format(&t->target_period, period, sizeof(period));
	rc |= args_plan(t, vb, vT, l, a);
	rc |= args_projection(s, l, a);
	rc |= arg(a, "HRULE:%.17g#C0392B:%s %s (%s):dashes=2,2", vT, l->target,
	    value, period);
	rc |= arg(
	    a, "VRULE:%lld#C0392B80", (long long)period_end(&t->target_period));
	return rc;
}

/*
 * A year-on-year growth target's rate (less its "about" tolerance, the
 * bound the judgement applies) as the floor of the growth it is drawn on:
 * a line of a CDEF, not an HRULE, for the reason a floor is (below).
 */
static int
args_growth_floor(
    const struct graph_spec *s, const struct labels *l, struct graph_argv *a)
{
	const struct target_conf *t = s->target;
	double bound = (t->rate - t->about * fabs(t->rate)) * 100;
	char value[32];

	explain_number(bound, value, sizeof(value));
	return arg(a, "CDEF:floor=actual,UN,%.17g,%.17g,IF", bound, bound) |
	    arg(a, "LINE1:floor#C0392B:%s %s %%:dashes=2,2", l->growth_floor,
		value);
}

static int
args_target(
    const struct graph_spec *s, const struct labels *l, struct graph_argv *a)
{
	const struct target_conf *t = s->target;
	char value[32];

	if (graph_view_growth(s))
		return args_growth_floor(s, l, a);
	switch (t->kind) {
	case TARGET_REACH:
		return args_progress(s, l, a);
	case TARGET_GROWTH:
		return t->basis == BASIS_CAGR && !t->rate_indicator
		    ? args_progress(s, l, a)
		    : 0;
	case TARGET_FLOOR:
	case TARGET_CEILING:
		/* A line of a CDEF, not an HRULE: the axis then always
		 * reaches the bound, even when every value is far from it. */
		explain_value(t->bound, value, sizeof(value));
		/* "actual,POP,85" is refused by librrd: a constant whatever
		 * the data is written as an IF with both branches equal. */
		return arg(a, "CDEF:bound=actual,UN,%.17g,%.17g,IF", t->bound,
			   t->bound) |
		    arg(a, "LINE1:bound#C0392B:%s %s:dashes=2,2",
			t->kind == TARGET_FLOOR ? l->floor : l->ceiling, value);
	default:
		return 0;
	}
}

static int
args_footer(
    const struct graph_spec *s, const struct labels *l, struct graph_argv *a)
{
	char text[256], esc[512], value[32], period[PERIOD_TEXT_MAX];
	const struct judgement *j = s->j;
	int rc = 0;

	if (j == NULL)
		return 0;
	rc |= arg(a, "CDEF:statusbox=actual,POP,UNKN");
	rc |= arg(a, "AREA:statusbox#%s:%s %s", status_colors[j->status],
	    l->status, status_words(s));
	/* The latest value of the series drawn: the growth its target is
	 * judged on (the judgement's latest), or the indicator's own. */
	if (graph_view_growth(s) && j->have_latest) {
		explain_value(j->latest_value, value, sizeof(value));
		period_format(&j->latest_period, period, sizeof(period));
		snprintf(text, sizeof(text), "%s %s: %s %%", l->latest, period,
		    value);
		graph_escape(text, esc, sizeof(esc));
		rc |= arg(a, "COMMENT:\\n");
		rc |= arg(a, "COMMENT:%s", esc);
	} else if (s->latest != NULL && !graph_view_growth(s)) {
		explain_value(s->latest->value, value, sizeof(value));
		period_format(&s->latest->period, period, sizeof(period));
		snprintf(text, sizeof(text), "%s %s: %s %s", l->latest, period,
		    value, indicator_unit(s->ind, s->locale));
		graph_escape(text, esc, sizeof(esc));
		rc |= arg(a, "COMMENT:\\n");
		rc |= arg(a, "COMMENT:%s", esc);
	}
	/* Data overdue: a note beside the status, never instead of it. */
	if (j->stale) {
		explain_overdue(j, s->locale, text, sizeof(text));
		graph_escape(text, esc, sizeof(esc));
		rc |= arg(a, "COMMENT:\\n");
		rc |= arg(a, "COMMENT:%s", esc);
	}
	return rc;
}

/*
 * A series with periods before GRAPH_EARLIEST is drawn from there: the
 * chart says where the older values are, so that its start is not taken
 * for the series' own.
 */
static int
args_early(
    const struct graph_spec *s, const struct labels *l, struct graph_argv *a)
{
	char esc[256];

	if (s->latest == NULL || s->data_start >= GRAPH_EARLIEST)
		return 0;
	graph_escape(l->early, esc, sizeof(esc));
	return arg(a, "COMMENT:\\n") | arg(a, "COMMENT:%s", esc);
}

/*
 * The growth of a level series as a step function of TIME, each period's
 * growth over its whole span (start, end], unknown elsewhere: the values
 * the judgement computed from the journal, the periods the chart spans.
 * librrd could compute it from the archive (SHIFT by a year), but a year
 * is 365 or 366 days, so one shift takes a day of every period edge from
 * the wrong period, and at the chart's resolution (a few days a step,
 * averaged ignoring unknowns) a shifted step beside a gap in the series
 * takes the value across it: false 0 % growth at each edge of a gap.
 * The RPN: the value so far, then per period "TIME in it? its growth :
 * the value so far".
 */
static int
args_growth(const struct graph_spec *s, struct graph_argv *a)
{
	const struct obs_list *g = s->growth;
	size_t first = 0, last = g != NULL ? g->n : 0;
	time_t start, end;
	char *expr = NULL;
	size_t len;
	FILE *f;
	int rc;

	time_range(s, &start, &end);
	while (first < last && period_end(&g->v[first].period) <= start)
		first++;
	while (last > first && period_start(&g->v[last - 1].period) >= end)
		last--;
	if (last - first > GROWTH_PIECES_MAX)
		first = last - GROWTH_PIECES_MAX;
	if ((f = open_memstream(&expr, &len)) == NULL)
		return -1;
	fputs("CDEF:actual=level,POP,UNKN", f);
	for (size_t i = first; i < last; i++)
		fprintf(f, ",TIME,%lld,%lld,LIMIT,UN,EXC,%.17g,IF",
		    (long long)period_start(&g->v[i].period) + 1,
		    (long long)period_end(&g->v[i].period), g->v[i].value);
	if (fclose(f) != 0) {
		free(expr);
		return -1;
	}
	rc = arg(a, "%s", expr);
	free(expr);
	return rc;
}

/*
 * The series drawn, as "actual": the indicator's archive, or in a growth
 * view the growth (in %) its target is judged on: the rate indicator's
 * archive when the judgement took its rates, else the growth computed
 * from the levels (args_growth).
 */
static int
args_series(const struct graph_spec *s, struct graph_argv *a)
{
	char path[4096];

	if (graph_view_growth(s) && s->rate_rrd_path != NULL) {
		graph_escape(s->rate_rrd_path, path, sizeof(path));
		return arg(a, "DEF:actual=%s:value:AVERAGE", path);
	}
	graph_escape(s->rrd_path, path, sizeof(path));
	if (!graph_view_growth(s))
		return arg(a, "DEF:actual=%s:value:AVERAGE", path);
	/* The levels' DEF gives the growth its time steps. */
	return arg(a, "DEF:level=%s:value:AVERAGE", path) | args_growth(s, a);
}

int
graph_args_build(const struct graph_spec *s, struct graph_argv *out)
{
	const struct labels *l = (s->locale && strncmp(s->locale, "en", 2) == 0)
	    ? &labels_en
	    : &labels_zh;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	rc |= args_header(s, l, out);
	rc |= args_series(s, out);
	if (s->view == GRAPH_SPARK) {
		/* The line itself says the status: nothing else fits. */
		rc |= arg(out, "LINE1:actual#%s",
		    status_colors[s->j != NULL ? s->j->status
					       : STATUS_NO_DATA]);
		if (s->target != NULL)
			rc |= args_target(s, l, out);
	} else {
		rc |= arg(out, "LINE2:actual#1F4E9C:%s",
		    graph_view_growth(s) ? l->growth : l->actual);
		if (s->target != NULL)
			rc |= args_target(s, l, out);
		rc |= args_footer(s, l, out);
		rc |= args_early(s, l, out);
	}
	if (rc != 0) {
		graph_argv_free(out);
		return -1;
	}
	return 0;
}

/*
 * plot_marks: the target on the plan chart, by kind.  A floor, ceiling or
 * growth floor is a line over the periods it judges; a reach (or average
 * growth) target is its planned path from the baseline to the target,
 * marked at the deadline, with the tolerance band of an "about" target
 * and, only while the target runs, the projection from the latest value
 * to the deadline.  Decline and rise rules have no line: their breaking
 * steps are marked on the series (plot_model.c).
 */
#include <math.h>

#include "plot.h"
#include "plot_impl.h"

/* Half a period of p's frequency, in pixels. */
static double
half_period(const struct plot *p, enum freq f)
{
	return plot_step_years(f) / 2 / (p->x1 - p->x0) * (p->right - p->left);
}

static double
clamp(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* The line of a floor, ceiling or growth floor at value v. */
static void
rule(const struct target_conf *t, enum freq f, double v, struct plot *p)
{
	double h = half_period(p, f);

	p->has_rule = true;
	p->rule.x0 = t->has_from ? plot_period_x(p, &t->from) - h : p->left;
	p->rule.x1 = t->has_to ? plot_period_x(p, &t->to) + h : p->right;
	p->rule.x0 = clamp(p->rule.x0, p->left, p->right);
	p->rule.x1 = clamp(p->rule.x1, p->left, p->right);
	p->rule.y0 = p->rule.y1 = plot_value_y(p, v);
	p->target = (struct plot_label){
	    .shown = true, .x = p->rule.x1, .y = p->rule.y1, .above = true};
}

/*
 * The planned path through every period from the baseline to the
 * deadline (a compound path bends), at most PLOT_PATH_MAX pieces.
 */
static void
planned_path(
    const struct target_conf *t, const struct judgement *j, struct plot *p)
{
	struct period cur = t->baseline_period, next;
	size_t count = 1, stride, k = 0;
	double px = NAN, py = NAN;

	for (; period_cmp(&cur, &t->target_period) < 0 && count < 100000;
	     count++)
		if (period_at(period_end(&cur), cur.freq, &cur) != 0)
			return;
	stride = (count + PLOT_PATH_MAX - 1) / PLOT_PATH_MAX;
	cur = t->baseline_period;
	for (size_t i = 0; i < count && p->npath < PLOT_PATH_MAX; i++) {
		bool last = i + 1 == count;
		double v = target_planned_value(t, j, &cur);

		if ((i % stride == 0 || last) && isfinite(v)) {
			double x = plot_period_x(p, &cur),
			       y = plot_value_y(p, v);

			if (k++ > 0)
				p->path[p->npath++] =
				    (struct plot_segment){px, py, x, y};
			px = x;
			py = y;
		}
		if (last || period_at(period_end(&cur), cur.freq, &next) != 0)
			break;
		cur = next;
	}
}

/* A reach or average-growth target: path, target, band, projection. */
static void
reach(const struct plot_input *in, struct plot *p)
{
	const struct target_conf *t = in->target;
	const struct judgement *j = in->j;

	if (j == NULL || !isfinite(j->baseline_value) ||
	    !isfinite(j->target_value))
		return;
	planned_path(t, j, p);
	p->has_target = true;
	p->target_x = plot_period_x(p, &t->target_period);
	p->target_y = plot_value_y(p, j->target_value);
	p->target = (struct plot_label){
	    .shown = true, .x = p->target_x, .y = p->target_y, .above = true};
	p->baseline = (struct plot_label){.shown = true,
	    .x = plot_period_x(p, &t->baseline_period),
	    .y = plot_value_y(p, j->baseline_value),
	    .above = false};
	if (t->about > 0) {
		double h = half_period(p, t->target_period.freq);

		p->has_band = true;
		p->band_x0 = p->baseline.x;
		p->band_x1 = clamp(p->target_x + h, p->left, p->right);
		p->band_y0 = plot_value_y(p, j->target_value * (1 + t->about));
		p->band_y1 = plot_value_y(p, j->target_value * (1 - t->about));
	}
	/* A projection is a forecast: none once the plan's time is over or
	 * its verdict is in, none from a point at or past the deadline. */
	if (!j->have_latest || j->ended || j->final ||
	    !isfinite(j->projected) ||
	    period_cmp(&j->latest_period, &t->target_period) >= 0)
		return;
	p->has_projection = true;
	p->projection = (struct plot_segment){
	    plot_period_x(p, &j->latest_period),
	    plot_value_y(p, j->latest_value),
	    p->target_x,
	    plot_value_y(p, j->projected),
	};
}

bool
plot_annual_drawn(const struct target_conf *t)
{
	if (t == NULL || t->nannual == 0)
		return false;
	return t->kind == TARGET_REACH || t->kind == TARGET_FLOOR ||
	    t->kind == TARGET_CEILING || target_judged_on_growth(t);
}

/*
 * The annual targets: a tick as wide as 60 % of the year (at least 8 and
 * at most 24 px), centred on the year's middle where its marker stands.
 */
static void
annual_ticks(const struct target_conf *t, struct plot *p)
{
	double h = clamp(half_period(p, FREQ_ANNUAL) * 0.6, 4, 12);

	for (size_t i = 0; i < t->nannual && p->nannual < ANNUAL_MAX; i++) {
		struct period y = {
		    .freq = FREQ_ANNUAL, .year = t->annual[i].year, .sub = 0};
		double x = plot_period_x(p, &y);
		double v = plot_value_y(p, t->annual[i].value);

		if (x < p->left || x > p->right)
			continue;
		p->annual[p->nannual++] =
		    (struct plot_segment){x - h, v, x + h, v};
	}
}

void
plot_target_marks(const struct plot_input *in, struct plot *p)
{
	const struct target_conf *t = in->target;

	if (p->npts > 0) {
		const struct plot_point *last = &p->pts[p->npts - 1];

		p->latest = (struct plot_label){
		    .shown = true, .x = last->x, .y = last->y, .above = true};
	}
	if (t == NULL)
		return;
	switch (t->kind) {
	case TARGET_FLOOR:
	case TARGET_CEILING:
		rule(t, in->ind->freq, t->bound, p);
		break;
	case TARGET_GROWTH:
		if (target_judged_on_growth(t))
			rule(t, in->ind->freq, t->rate * 100, p);
		else
			reach(in, p);
		break;
	case TARGET_REACH:
		reach(in, p);
		break;
	default:
		break;
	}
	if (in->view == PLOT_PLAN && plot_annual_drawn(t))
		annual_ticks(t, p);
	/* A label near the top of the frame goes below its point. */
	if (p->latest.shown && p->latest.y - p->top < 22)
		p->latest.above = false;
	if (p->target.shown && p->target.y - p->top < 22)
		p->target.above = false;
	if (p->baseline.shown && p->bottom - p->baseline.y < 22)
		p->baseline.above = true;
	/* The latest value and the target close together: the upper one's
	 * words above it, the lower one's below, so neither covers the
	 * other's mark. */
	if (p->target.shown && p->latest.shown &&
	    fabs(p->target.x - p->latest.x) < 120 &&
	    fabs(p->target.y - p->latest.y) < 40) {
		bool target_higher = p->target.y <= p->latest.y;

		p->target.above = target_higher;
		p->latest.above = !target_higher;
	}
}

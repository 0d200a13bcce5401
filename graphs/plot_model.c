/*
 * plot_model: places the plan chart's marks.  The horizontal scale is
 * period_years' (year Y spans Y-1..Y), each observation at the middle of
 * its period (a year-to-date value at the middle of its last step); the
 * value axis comes from axis_decide over the series and every target mark,
 * so a target never falls off the chart.  The words are plot_words.c's.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot.h"
#include "plot_impl.h"

/* The frame inside a plan chart of height h (logical pixels). */
#define PLAN_TOP 74.0
#define PLAN_BOTTOM_ROOM 82.0
#define PLAN_RIGHT_ROOM 28.0
#define SPARK_PAD 4.0

double
plot_step_years(enum freq f)
{
	switch (f) {
	case FREQ_ANNUAL:
		return 1;
	case FREQ_SEMIANNUAL:
		return 0.5;
	case FREQ_FOUR_MONTHLY:
		return 1.0 / 3;
	case FREQ_QUARTERLY:
	case FREQ_YTD_QUARTERLY:
		return 0.25;
	case FREQ_MONTHLY:
	case FREQ_YTD_MONTHLY:
		return 1.0 / 12;
	case FREQ_WEEKLY:
		return 7 / 365.25;
	default:
		return 1 / 365.25;
	}
}

/* A period's middle on the period_years scale. */
static double
period_mid(const struct period *p)
{
	return period_years(p) - plot_step_years(p->freq) / 2;
}

double
plot_period_x(const struct plot *p, const struct period *period)
{
	double span = p->x1 - p->x0;

	return p->left +
	    (period_mid(period) - p->x0) / span * (p->right - p->left);
}

/* Only values the axis cannot span (past +-1e306) fall outside it: they
 * are drawn at its edge, never off the chart. */
double
plot_value_y(const struct plot *p, double v)
{
	double at = axis_position(&p->axis, v);

	at = isnan(at) ? 0 : at < 0 ? 0 : at > 1 ? 1 : at;
	return p->bottom - at * (p->bottom - p->top);
}

/* The series drawn: the growth a growth target is judged on, else obs. */
static int
judged_series(const struct plot_input *in, struct obs_list *own,
    const struct obs_list **out)
{
	*out = in->obs;
	if (!target_judged_on_growth(in->target))
		return 0;
	if (target_growth_series(in->obs,
		in->j != NULL && in->j->from_rates ? in->rates : NULL,
		own) != 0)
		return -1;
	*out = own;
	return 0;
}

/* Whether period q lies in the window a rule judges ("from".."to"). */
static bool
in_window(const struct target_conf *t, const struct period *q)
{
	return (!t->has_from || period_cmp(q, &t->from) >= 0) &&
	    (!t->has_to || period_cmp(q, &t->to) <= 0);
}

/* Marks the points that break t's rule. */
static void
mark_violations(
    const struct target_conf *t, struct plot *p, const struct obs_list *s)
{
	for (size_t i = 0; i < p->npts; i++) {
		struct plot_point *pt = &p->pts[i];
		double v = pt->value, prev = i > 0 ? s->v[i - 1].value : NAN;

		if (!in_window(t, &pt->period))
			continue;
		switch (t->kind) {
		case TARGET_FLOOR:
			pt->violating = v < t->bound;
			break;
		case TARGET_CEILING:
			pt->violating = v > t->bound;
			break;
		case TARGET_GROWTH:
			pt->violating = target_judged_on_growth(t) &&
			    (t->direction == DIRECTION_DOWN
				    ? v > t->rate * 100
				    : v < t->rate * 100);
			break;
		case TARGET_DECLINE:
		case TARGET_RISE:
			/* Against the previous observation, as the judge
			 * compares, even across a gap. */
			if (i == 0)
				break;
			pt->violating_step = t->kind == TARGET_DECLINE
			    ? !(v < prev)
			    : !(v > prev);
			pt->violating = pt->violating_step;
			break;
		default:
			break;
		}
	}
}

/* The horizontal domain: the data, the baseline and the deadline. */
static void
domain(const struct plot_input *in, const struct obs_list *s, struct plot *p)
{
	const struct target_conf *t = in->target;
	const struct period *last = t != NULL ? target_last_period(t) : NULL;
	double lo = INFINITY, hi = -INFINITY, half;
	enum freq f = in->ind->freq;

	if (s->n > 0) {
		lo = period_mid(&s->v[0].period);
		hi = period_mid(&s->v[s->n - 1].period);
		f = s->v[0].period.freq;
	}
	if (t != NULL &&
	    (t->kind == TARGET_REACH ||
		(t->kind == TARGET_GROWTH && t->basis == BASIS_CAGR))) {
		lo = fmin(lo, period_mid(&t->baseline_period));
		hi = fmax(hi, period_mid(&t->target_period));
	}
	if (t != NULL && t->has_from)
		lo = fmin(lo, period_mid(&t->from));
	/* Every annual target drawn stands on the chart. */
	for (size_t i = 0; plot_annual_drawn(t) && i < t->nannual; i++) {
		struct period y = {
		    .freq = FREQ_ANNUAL, .year = t->annual[i].year, .sub = 0};

		lo = fmin(lo, period_mid(&y));
		hi = fmax(hi, period_mid(&y));
	}
	if (last != NULL)
		hi = fmax(hi, period_mid(last));
	if (!isfinite(lo)) {
		lo = 0;
		hi = 1;
	}
	half = plot_step_years(f) / 2;
	p->x0 = lo - half;
	p->x1 = hi + half;
	if (p->x1 - p->x0 < 1e-9)
		p->x1 = p->x0 + 1;
}

/* The marks the value axis must show besides the data. */
static size_t
axis_marks(const struct plot_input *in, double *m)
{
	const struct target_conf *t = in->target;
	const struct judgement *j = in->j;
	size_t n = 0;

	if (t == NULL)
		return 0;
	switch (t->kind) {
	case TARGET_FLOOR:
	case TARGET_CEILING:
		m[n++] = t->bound;
		break;
	case TARGET_GROWTH:
		if (target_judged_on_growth(t)) {
			m[n++] = t->rate * 100;
			break;
		}
		/* An average growth target has a path, like a reach. */
		/* fall through */
	case TARGET_REACH:
		if (j != NULL) {
			m[n++] = j->baseline_value;
			m[n++] = j->target_value;
			if (t->about > 0 && isfinite(j->target_value)) {
				m[n++] = j->target_value * (1 - t->about);
				m[n++] = j->target_value * (1 + t->about);
			}
		}
		break;
	default:
		break;
	}
	for (size_t i = 0; plot_annual_drawn(t) && i < t->nannual; i++)
		m[n++] = t->annual[i].value;
	return n;
}

static void
decide_axis(const struct plot_input *in, const struct obs_list *s,
    struct plot *p, double *values)
{
	double marks[8 + ANNUAL_MAX];
	bool growth = target_judged_on_growth(in->target);
	enum quantity q = growth ? QUANTITY_SIGNED : in->quantity;
	struct axis_input ai = {
	    .values = values,
	    .n = s->n,
	    .marks = marks,
	    .nmarks = axis_marks(in, marks),
	    .nonnegative = q != QUANTITY_SIGNED,
	    .zero_reference = q == QUANTITY_SIGNED,
	    .integer = q == QUANTITY_COUNT || q == QUANTITY_RANK,
	    .inverted = q == QUANTITY_RANK,
	    .max_ticks = in->view == PLOT_SPARK ? 3 : 6,
	};

	for (size_t i = 0; i < s->n; i++)
		values[i] = s->v[i].value;
	if (axis_decide(&ai, &p->axis) != 0) {
		struct axis_input none = {.values = (double[]){0, 1}, .n = 2};

		axis_decide(&none, &p->axis);
	}
}

/* The frame: room for the words around a plan chart, none on a spark. */
static void
frame(const struct plot_input *in, struct plot *p)
{
	size_t widest = 0;

	if (in->view == PLOT_SPARK) {
		p->left = p->top = SPARK_PAD;
		p->right = in->width - SPARK_PAD;
		p->bottom = in->height - SPARK_PAD;
		return;
	}
	for (size_t i = 0; i < p->nyticks; i++)
		widest = strlen(p->yticks[i].label) > widest
		    ? strlen(p->yticks[i].label)
		    : widest;
	/* Digits of the label font are about 7 px wide. */
	p->left = 16 + 7.5 * (double)widest;
	p->right = in->width - PLAN_RIGHT_ROOM;
	p->top = PLAN_TOP;
	/* A narrow chart's key may need a second row. */
	p->key_rows = in->width < PLOT_NARROW ? 2 : 1;
	p->bottom = in->height - PLAN_BOTTOM_ROOM - 20 * (p->key_rows - 1);
	if (p->bottom - p->top < 40)
		p->bottom = p->top + 40;
}

static void
value_ticks(struct plot *p)
{
	p->nyticks = p->axis.nticks;
	for (size_t i = 0; i < p->axis.nticks; i++)
		snprintf(p->yticks[i].label, sizeof(p->yticks[i].label), "%.*f",
		    p->axis.decimals, p->axis.ticks[i]);
}

/* Years along the bottom: every year while they fit, else every k. */
static void
period_ticks(struct plot *p)
{
	int first = (int)ceil(p->x0 + 0.5), last = (int)floor(p->x1 + 0.5);
	int every = 1, count = last - first + 1;

	while (count / every > (p->right - p->left) / 56 && every < 1000)
		every = every == 1 ? 2 : every == 2 ? 5 : every * 2;
	p->nxticks = 0;
	for (int y = first; y <= last && p->nxticks < PLOT_XTICKS_MAX; y++) {
		struct plot_tick *t = &p->xticks[p->nxticks];

		if (y % every != 0 && every > 1)
			continue;
		/* Year y spans y-1..y on the period_years scale. */
		t->at = p->left +
		    (y - 0.5 - p->x0) / (p->x1 - p->x0) * (p->right - p->left);
		if (t->at < p->left || t->at > p->right)
			continue;
		snprintf(t->label, sizeof(t->label), "%d", y);
		p->nxticks++;
	}
}

/* Year marks at the years' starts when the series is finer than a year. */
static void
period_tick_marks(const struct obs_list *s, struct plot *p)
{
	if (s->n > 0 && plot_step_years(s->v[0].period.freq) < 1)
		p->xtick_mark_offset =
		    -0.5 / (p->x1 - p->x0) * (p->right - p->left);
}

/*
 * The mark of each point: the indicator's value of the point's period
 * (a growth point's is the later value's), found by walking both sorted
 * lists once; an unstated mark takes the indicator's figures.
 */
static void
mark_points(const struct plot_input *in, struct plot *p)
{
	const struct obs_list *o = in->obs;
	size_t k = 0;

	for (size_t i = 0; i < p->npts; i++) {
		struct plot_point *pt = &p->pts[i];

		while (o != NULL && k < o->n &&
		    period_cmp(&o->v[k].period, &pt->period) < 0)
			k++;
		pt->mark = o != NULL && k < o->n &&
			period_equal(&o->v[k].period, &pt->period)
		    ? o->v[k].mark
		    : OBS_MARK_UNSTATED;
		if (pt->mark == OBS_MARK_UNSTATED)
			pt->mark = in->figures == FIGURES_PUBLISHED
			    ? OBS_MARK_PUBLISHED
			    : in->figures == FIGURES_ILLUSTRATIVE
			    ? OBS_MARK_ILLUSTRATIVE
			    : OBS_MARK_UNSTATED;
		pt->hollow = pt->mark == OBS_MARK_ILLUSTRATIVE ||
		    pt->mark == OBS_MARK_ESTIMATED ||
		    pt->mark == OBS_MARK_PROVISIONAL;
	}
}

static void
place_points(const struct obs_list *s, struct plot *p)
{
	for (size_t i = 0; i < s->n; i++) {
		struct plot_point *pt = &p->pts[i];
		double step = plot_step_years(s->v[i].period.freq);

		pt->period = s->v[i].period;
		pt->value = s->v[i].value;
		pt->x = plot_period_x(p, &pt->period);
		pt->y = plot_value_y(p, pt->value);
		pt->gap_before = i > 0 &&
		    period_mid(&s->v[i].period) -
			    period_mid(&s->v[i - 1].period) >
			1.5 * step;
	}
}

int
plot_build(const struct plot_input *in, struct plot *out)
{
	struct obs_list growth = {0};
	const struct obs_list *s;
	double *values;

	memset(out, 0, sizeof(*out));
	out->view = in->view;
	out->width = in->width;
	out->height = in->height;
	if (judged_series(in, &growth, &s) != 0)
		return -1;
	values = calloc(s->n + 1, sizeof(*values));
	out->pts = calloc(s->n + 1, sizeof(*out->pts));
	if (values == NULL || out->pts == NULL) {
		free(values);
		plot_free(out);
		obs_list_clear(&growth);
		return -1;
	}
	out->npts = s->n;
	domain(in, s, out);
	decide_axis(in, s, out, values);
	free(values);
	value_ticks(out);
	frame(in, out);
	for (size_t i = 0; i < out->nyticks; i++)
		out->yticks[i].at = plot_value_y(out, out->axis.ticks[i]);
	period_ticks(out);
	period_tick_marks(s, out);
	place_points(s, out);
	mark_points(in, out);
	if (in->target != NULL)
		mark_violations(in->target, out, s);
	plot_target_marks(in, out);
	plot_place_notes(in, out);
	plot_words(in, out);
	obs_list_clear(&growth);
	return 0;
}

void
plot_free(struct plot *p)
{
	free(p->pts);
	p->pts = NULL;
	p->npts = 0;
}

/*
 * plot: the plan chart as a model — every mark's place in pixels and
 * every word — decided before anything is drawn.  Pure (the judgement,
 * the target, the series in; numbers and strings out), so tests check
 * where a marker sits, which way the rank axis runs and whether a
 * projection passes the plan's end without rasterising anything, and
 * graphs/plot_draw.c only paints what the model says.
 *
 * The chart shows the series its first target is judged on: the
 * indicator's values, or for a year-on-year growth target the growth (in
 * %), with one marker per observation at the middle of its period and
 * straight segments between neighbours; a missing period breaks the line.
 * The target is drawn by its kind (docs/charts.md).
 */
#ifndef PLANWATCH_PLOT_H
#define PLANWATCH_PLOT_H

#include <stdbool.h>
#include <stddef.h>

#include "axis.h"
#include "config.h"
#include "note.h"
#include "obs.h"
#include "target.h"

/* The plan chart, or the sparkline: no words, no axes, no grid. */
enum plot_view {
	PLOT_PLAN,
	PLOT_SPARK,
};

/*
 * A note on the record as the chart marks it (note.h): its number and
 * span in; where it stands out (x0 = x1 for one period: a numbered mark
 * on the period axis; else a light band between the periods' middles).
 * The numbers are explained on the page and in the documents.
 */
struct plot_note {
	unsigned nid;
	struct period from, to;
	double x0, x1; /* plot_build: on the frame, logical pixels */
};
#define PLOT_NOTES_MAX 16
/* The side of a note's numbered box, logical pixels. */
#define PLOT_NOTE_BOX 14

/* What a chart is drawn from; the caller owns everything. */
struct plot_input {
	enum plot_view view;
	const struct indicator_conf *ind;
	const struct target_conf *target; /* the judged target, or NULL */
	const struct judgement *j; /* its judgement, or NULL */
	const struct obs_list *obs; /* the indicator's values, sorted */
	const struct obs_list *rates; /* the rate indicator's, or NULL */
	enum quantity quantity; /* how the value axis treats the values */
	enum figures figures; /* published or illustrative */
	const char *source; /* who publishes the figures, or NULL */
	const char *plan_name; /* or NULL */
	const char *locale; /* "zh-CN" or "en" */
	double width, height; /* logical pixels (1x) */
	/* The live notes to mark (plot_notes_take), or none. */
	const struct plot_note *notes;
	size_t nnotes;
};

/* One observation as drawn. */
struct plot_point {
	struct period period;
	double value;
	double x, y; /* the marker's centre, logical pixels */
	bool gap_before; /* a period is missing before it: no segment */
	bool violating; /* breaks the target's rule (a mark around it) */
	bool violating_step; /* decline/rise: the step into it breaks it */
	/* Not a published figure (illustrative, estimated, provisional:
	 * its mark, else the indicator's figures): a hollow marker. */
	bool hollow;
	enum obs_mark mark; /* as shown, the figures' when the feed's is
			       unstated */
};

/* A tick on either axis: where, and its label. */
struct plot_tick {
	double at; /* y for the value axis, x for the period axis */
	char label[32];
};

#define PLOT_XTICKS_MAX 24
/* Below this width (logical pixels) a plan chart is narrow: its key may
 * take two rows. */
#define PLOT_NARROW 560
#define PLOT_PATH_MAX 128

/* A straight piece of a target mark, in logical pixels. */
struct plot_segment {
	double x0, y0, x1, y1;
};

/* A label placed at a point (latest value, baseline, target). */
struct plot_label {
	bool shown;
	double x, y; /* the point it names */
	bool above; /* written above the point (else below) */
	char text[96];
};

/* The status as the chart words it: the kind picks symbol and colour. */
enum plot_tone {
	PLOT_TONE_GOOD, /* on track, ahead, met: a check mark */
	PLOT_TONE_WARN, /* at risk, nearly met: a triangle */
	PLOT_TONE_BAD, /* off track, breach, not met: a cross */
	PLOT_TONE_NONE, /* no data, feed error: a hollow circle */
};

struct plot {
	enum plot_view view;
	double width, height;
	/* The frame the data is drawn in. */
	double left, top, right, bottom;
	double x0, x1; /* its horizontal domain, on the period_years scale */
	struct axis axis;
	struct plot_tick yticks[AXIS_MAX_TICKS];
	size_t nyticks;
	struct plot_tick xticks[PLOT_XTICKS_MAX];
	size_t nxticks;
	/* Where a year's tick mark stands from its label: 0 under an annual
	 * marker, half a year to the left (the year's start) for quarters,
	 * months and days, whose markers fill the year between two marks. */
	double xtick_mark_offset;
	char unit[64]; /* written above the value axis */

	struct plot_point *pts; /* owned; plot_free */
	size_t npts;

	/* The target, by kind: any of these may be absent. */
	bool has_rule; /* a floor, ceiling or growth floor */
	struct plot_segment rule;
	bool has_band; /* reach "about": the tolerance around the target */
	double band_x0, band_x1, band_y0, band_y1;
	struct plot_segment path[PLOT_PATH_MAX]; /* the planned path */
	size_t npath;
	bool has_target; /* the target's value at its deadline */
	double target_x, target_y;
	bool has_projection; /* latest to deadline, while the target runs */
	struct plot_segment projection;
	/* Each year's annual target (年度目标): a short horizontal tick at
	 * the year's middle, on the series drawn (plot_annual_drawn). */
	struct plot_segment annual[ANNUAL_MAX];
	size_t nannual;
	/* The notes within the period axis (a plan chart's only). */
	struct plot_note notes[PLOT_NOTES_MAX];
	size_t nnotes;

	/* The words. */
	char title[256]; /* indicator and target in words */
	char status[128]; /* the status or final verdict */
	enum plot_tone tone;
	char footer[512]; /* source, figures, as-of, plan */
	char description[768]; /* for screen readers: the SVG's desc */
	struct plot_label latest, baseline, target;
	/* The key: what each drawn mark means, in the locale, in up to
	 * key_rows rows (two on a narrow chart). */
	int key_rows;
	const char *key_actual, *key_plan, *key_target, *key_rule,
	    *key_projection, *key_violation, *key_band, *key_hollow,
	    *key_annual;
};

/*
 * Builds the model of in into out: 0, or -1 (out empty) on ENOMEM.  A
 * chart without any finite value still gets its frame and words (the
 * axis then spans 0..1).
 */
int plot_build(const struct plot_input *in, struct plot *out);
/* Frees what plot_build allocated; the struct stays. */
void plot_free(struct plot *p);
/*
 * Whether t's annual targets are drawn on its chart: they are values of
 * the series it shows (a reach target's, a bound's levels, a yoy target's
 * growth), not an average growth target's (its annual values are growth
 * rates, its chart the levels).
 */
bool plot_annual_drawn(const struct target_conf *t);
/*
 * The first max live notes of l (NULL: none) into out, for plot_input and
 * chart_input; returns how many.
 */
size_t plot_notes_take(
    const struct note_list *l, struct plot_note *out, size_t max);
/* x of a period's middle on p's frame (the period_years scale mapped). */
double plot_period_x(const struct plot *p, const struct period *period);
/* y of a value on p's frame. */
double plot_value_y(const struct plot *p, double v);

#endif

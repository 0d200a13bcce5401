/*
 * graph_args: the rrdtool graph argument vector for one indicator's chart.
 * Pure: it only builds strings, so tests compare the vector itself (as
 * rrdtool's own tests do) instead of PNG bytes.  graphs/render.c hands it
 * to librrd.
 */
#ifndef PLANWATCH_GRAPH_ARGS_H
#define PLANWATCH_GRAPH_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "config.h"
#include "obs.h"
#include "target.h"

/*
 * The earliest instant a chart shows: 1980-01-01 00:00 UTC.  librrd's
 * rrd_graph refuses a start before 1980 ("the first entry to fetch should
 * be after 1980") and reads a smaller number as a date ("did you really
 * mean month ..."); the archives begin there too (store.h, STORE_EPOCH).
 */
#define GRAPH_EARLIEST 315532800

/* The font every chart uses: Chinese names need a CJK face. */
#define GRAPH_FONT "Noto Sans CJK SC"

/*
 * What a chart shows: the plan (baseline to deadline, with the projection),
 * the history (all stored data), a sparkline (no axes, no legend, no
 * text: the plan's range, the series in its status colour), or the plan
 * drawn narrow for phones (graphs/chart.c: an SVG only).  librrd draws
 * only the history; a narrow view is built like the plan here.
 */
enum graph_view {
	GRAPH_PLAN,
	GRAPH_HISTORY,
	GRAPH_SPARK,
	GRAPH_NARROW,
};
#define GRAPH_VIEWS 4

/* "plan", "history", "spark", "narrow"; graph_view_parse: -1 for another
 * word. */
const char *graph_view_name(enum graph_view v);
int graph_view_parse(const char *s, enum graph_view *v);

struct graph_spec {
	enum graph_view view;
	const struct indicator_conf *ind;
	const struct target_conf *target; /* drawn when not NULL */
	const struct judgement *j; /* status and latest; may be NULL */
	const char *rrd_path;
	/* A growth target judged on its rate indicator's rates: that
	 * indicator's archive, drawn instead of the growth of rrd_path's
	 * levels; NULL otherwise. */
	const char *rate_rrd_path;
	/* Otherwise the growth (in %) the target is judged on, computed
	 * from the levels (target_growth_series), or NULL. */
	const struct obs_list *growth;
	const char *png_path;
	const char *daemon; /* rrdcached's address, or NULL */
	const char *locale;
	int width, height;
	time_t data_start; /* start of the first stored period */
	time_t data_end; /* end of the last stored period */
	const struct obs *latest; /* the series' last observation, or NULL */
	bool defer_sync; /* the PNG not fsynced (chart_input's) */
};

struct graph_argv {
	char **v;
	int n;
	size_t cap;
};

/* Builds the vector ("graph", png_path, options...); -1 on ENOMEM. */
int graph_args_build(const struct graph_spec *s, struct graph_argv *out);
/* Frees the vector's strings; the struct stays. */
void graph_argv_free(struct graph_argv *a);
/* Copies text with rrdtool's ':' escaped ("\:") into buf. */
void graph_escape(const char *text, char *buf, size_t len);

#endif

/*
 * chart: an indicator's chart files in graph_dir, one per view and
 * format: the plan chart <id>.png (a PNG at twice its logical size, for
 * e-mail and high-density screens) and <id>.svg (the dashboard's), the
 * sparkline <id>.spark.png and <id>.spark.svg, both drawn from the
 * journal's series with cairo and pango (graphs/plot*.c); the long
 * history <id>.history.png, drawn from the archive by librrd
 * (graphs/render.c).  The loop never draws.  A configuration that gives
 * any text in its other language (config_translated) has every view drawn
 * in that language too, <id>.en.svg, <id>.spark.en.png, ... beside the
 * configuration's own.
 */
#ifndef PLANWATCH_CHART_H
#define PLANWATCH_CHART_H

#include <stddef.h>

#include "config.h"
#include "graph_args.h"
#include "obs.h"
#include "plot.h"
#include "target.h"

#define CHART_SPARK_WIDTH 160
#define CHART_SPARK_HEIGHT 40
/* The plan chart drawn narrow: for phones (its SVG) and for e-mail (its
 * PNG), where a wide chart would shrink its words below legibility. */
#define CHART_NARROW_WIDTH 400
#define CHART_NARROW_HEIGHT 320
/* The plan chart and the sparkline are drawn at twice their size. */
#define CHART_PNG_SCALE 2

/* What a chart is drawn from: a snapshot, owned by the caller. */
struct chart_input {
	const struct config *conf;
	const struct indicator_conf *ind;
	const struct judgement *j; /* one per target; may be NULL */
	const char *rrd_path;
	struct obs first, latest; /* the series' ends */
	/* The whole series, which a growth target's growth is computed
	 * from; may be NULL (no growth drawn then). */
	const struct obs_list *obs;
	/* The rate indicator's series of a growth target judged on it, or
	 * NULL. */
	const struct obs_list *rates;
	bool have_data;
	/* The language drawn; NULL: the configuration's (chart_draw_all
	 * sets it for the other language's files). */
	const char *locale;
	/* The live notes marked on the plan chart: copies, so a job
	 * drawing on another thread owns them (plot_notes_take). */
	struct plot_note notes[PLOT_NOTES_MAX];
	size_t nnotes;
	/* The files written without fsync: the caller makes them durable
	 * at once with fsutil_syncfs (export, thousands of files). */
	bool defer_sync;
};

/* The configuration's other language, whose charts are drawn too, or
 * NULL when it translates nothing. */
const char *chart_other_lang(const struct config *c);
/* The file of view v of id in language lang (SVG when svg, else PNG):
 * "en": <id>.en.svg, <id>.spark.en.png; lang NULL, the configuration's
 * own, or one it has no charts in: chart_path's and chart_svg_path's. */
void chart_file_in(const struct config *c, const char *id, enum graph_view v,
    bool svg, const char *lang, char *buf, size_t len);

/* Whether view v has an SVG file (all but the history); every view has a
 * PNG. */
bool chart_has_svg(enum graph_view v);
/* The PNG file of view v of indicator id. */
void chart_path(const char *graph_dir, const char *id, enum graph_view v,
    char *buf, size_t len);
/* The SVG file of view v (plan, spark or narrow) of indicator id. */
void chart_svg_path(const char *graph_dir, const char *id, enum graph_view v,
    char *buf, size_t len);
/* The plot input of view v (plan or spark) of in, for drawing elsewhere
 * (a report, a gallery). */
void chart_plot_input(
    const struct chart_input *in, enum graph_view v, struct plot_input *out);
/*
 * Draws every view (any thread: librrd graphing holds rrdlock).  0, or -1
 * with err; views drawn before a failure stay.
 */
int chart_draw_all(const struct chart_input *in, char *err, size_t errlen);

#endif

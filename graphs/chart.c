/*
 * chart: the plan and history views at the configured size, the
 * sparkline at 160x40.  The first target is the one drawn (its path,
 * projection and bounds); the status on the chart is its status.  A
 * year-on-year growth target is drawn, in the plan view and the
 * sparkline, on the growth it is judged on with its rate as the floor;
 * the history view keeps the indicator's own values.
 *
 * The plan chart and the sparkline are the plot (cairo and pango, from
 * the journal's series), each as a PNG at twice its size and an SVG; the
 * history is librrd's grapher over the archive, which is what it is best
 * at: long series at the archive's resolution.
 */
#include <stdio.h>

#include <string.h>

#include "chart.h"
#include "config_plans.h"
#include "config_text.h"
#include "evaluate.h"
#include "fsutil.h"
#include "plot_file.h"
#include "render.h"
#include "store.h"
#include "stored.h"

/* A chart starts where the archives do. */
_Static_assert(GRAPH_EARLIEST == STORE_EPOCH, "charts and archives disagree");

/*
 * <graph_dir>/<id>.<ext> for the plan, <id>.<view>.<ext> for the rest;
 * with lang, <id>[.<view>].<lang>.<ext>.
 */
static void
chart_file(const char *graph_dir, const char *id, enum graph_view v,
    const char *lang, const char *ext, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s%s%s%s%s.%s", graph_dir, id,
	    v == GRAPH_PLAN ? "" : ".",
	    v == GRAPH_PLAN ? "" : graph_view_name(v), lang != NULL ? "." : "",
	    lang != NULL ? lang : "", ext);
}

void
chart_path(const char *graph_dir, const char *id, enum graph_view v, char *buf,
    size_t len)
{
	chart_file(graph_dir, id, v, NULL, "png", buf, len);
}

const char *
chart_other_lang(const struct config *c)
{
	return config_translated(c)
	    ? locale_name(
		  locale_of(c->locale) == LOCALE_EN ? LOCALE_ZH_CN : LOCALE_EN)
	    : NULL;
}

/* The suffix of lang's files: NULL for the configuration's own. */
static const char *
lang_suffix(const struct config *c, const char *lang)
{
	const char *other = chart_other_lang(c);

	return lang != NULL && other != NULL && strcmp(lang, other) == 0 ? other
									 : NULL;
}

void
chart_file_in(const struct config *c, const char *id, enum graph_view v,
    bool svg, const char *lang, char *buf, size_t len)
{
	chart_file(c->graph_dir, id, v, lang_suffix(c, lang),
	    svg ? "svg" : "png", buf, len);
}

bool
chart_has_svg(enum graph_view v)
{
	return v != GRAPH_HISTORY;
}

void
chart_svg_path(const char *graph_dir, const char *id, enum graph_view v,
    char *buf, size_t len)
{
	chart_file(graph_dir, id, v, NULL, "svg", buf, len);
}

/* The name in a chart's footer: the drawn target's plan, else the plan. */
static const char *
chart_plan_name(
    const struct config *c, const struct target_conf *t, const char *locale)
{
	if (t != NULL && t->plan < c->nplans)
		return config_plan_name(&c->plans[t->plan], locale);
	return plan_title(c, locale);
}

void
chart_plot_input(
    const struct chart_input *in, enum graph_view v, struct plot_input *out)
{
	const struct indicator_conf *ic = in->ind;
	bool spark = v == GRAPH_SPARK, narrow = v == GRAPH_NARROW;
	const char *locale = in->locale != NULL ? in->locale : in->conf->locale;
	size_t k = evaluate_charted(ic, in->j);
	const struct target_conf *t = ic->ntargets > 0 ? &ic->targets[k] : NULL;

	*out = (struct plot_input){
	    .view = spark ? PLOT_SPARK : PLOT_PLAN,
	    .ind = ic,
	    .target = t,
	    .j = t != NULL && in->j != NULL ? &in->j[k] : NULL,
	    .obs = in->obs,
	    .rates = in->rates,
	    .quantity = ic->quantity,
	    .figures = ic->figures,
	    .source = ic->source,
	    .plan_name = chart_plan_name(in->conf, t, locale),
	    .locale = locale,
	    .width = spark ? CHART_SPARK_WIDTH
		: narrow   ? CHART_NARROW_WIDTH
			   : (double)in->conf->graph_width,
	    .height = spark ? CHART_SPARK_HEIGHT
		: narrow    ? CHART_NARROW_HEIGHT
			    : (double)in->conf->graph_height,
	    .notes = in->notes,
	    .nnotes = in->nnotes,
	};
}

/* View v of in as the plot: a 2x PNG and an SVG. */
static int
chart_plot(
    const struct chart_input *in, enum graph_view v, char *err, size_t errlen)
{
	static const struct obs_list none;
	struct chart_input own = *in;
	struct plot_input pi;
	struct plot p;
	struct buf file;
	char path[4096];
	int rc;

	if (own.obs == NULL)
		own.obs = &none;
	chart_plot_input(&own, v, &pi);
	if (plot_build(&pi, &p) != 0) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	/* The SVG first, the PNG last: whoever waits for a chart's PNG
	 * finds its SVG already there. */
	buf_init(&file, PLOT_FILE_MAX);
	chart_file_in(
	    in->conf, in->ind->id, v, true, in->locale, path, sizeof(path));
	rc = plot_svg(&p, &file, err, errlen);
	if (rc == 0)
		rc = fsutil_write_replace(path, buf_str(&file), buf_len(&file),
		    !in->defer_sync, err, errlen);
	chart_file_in(
	    in->conf, in->ind->id, v, false, in->locale, path, sizeof(path));
	if (rc == 0)
		rc = plot_png(&p, CHART_PNG_SCALE, &file, err, errlen);
	if (rc == 0)
		rc = fsutil_write_replace(path, buf_str(&file), buf_len(&file),
		    !in->defer_sync, err, errlen);
	buf_free(&file);
	plot_free(&p);
	return rc;
}

/* Every view of in, in in->locale. */
static int
chart_draw_views(const struct chart_input *in, char *err, size_t errlen)
{
	const struct indicator_conf *ic = in->ind;
	size_t k = evaluate_charted(ic, in->j);
	char png[4096], rrd[4096];
	struct graph_spec spec = {
	    .ind = ic,
	    .target = ic->ntargets > 0 ? &ic->targets[k] : NULL,
	    .j = ic->ntargets > 0 && in->j != NULL ? &in->j[k] : NULL,
	    .rrd_path = store_daemon_name(in->rrd_path, rrd, sizeof(rrd)),
	    .png_path = png,
	    .daemon = store_daemon_for(in->rrd_path),
	    .locale = in->locale != NULL ? in->locale : in->conf->locale,
	    .defer_sync = in->defer_sync,
	};

	if (in->have_data) {
		spec.latest = &in->latest;
		spec.data_start = period_start(&in->first.period);
		spec.data_end = period_end(&in->latest.period);
	}
	/* librrd reads the archive by name: not through a link. */
	if (fsutil_mkdirs(in->conf->graph_dir, err, errlen) != 0 ||
	    fsutil_refuse_symlink(in->rrd_path, err, errlen) != 0)
		return -1;
	/* The sparkline last: the dashboard shows a chart once its
	 * sparkline exists (and tests wait for it). */
	if (chart_plot(in, GRAPH_PLAN, err, errlen) != 0 ||
	    chart_plot(in, GRAPH_NARROW, err, errlen) != 0)
		return -1;
	spec.view = GRAPH_HISTORY;
	spec.width = (int)in->conf->graph_width;
	spec.height = (int)in->conf->graph_height;
	chart_file_in(
	    in->conf, ic->id, spec.view, false, in->locale, png, sizeof(png));
	if (render_graph(&spec, err, errlen) != 0)
		return -1;
	return chart_plot(in, GRAPH_SPARK, err, errlen);
}

int
chart_draw_all(const struct chart_input *in, char *err, size_t errlen)
{
	struct chart_input other = *in;

	/* The other language first: the configuration's sparkline is the
	 * last file drawn, as before (the dashboard waits for it). */
	other.locale = chart_other_lang(in->conf);
	if (other.locale != NULL && chart_draw_views(&other, err, errlen) != 0)
		return -1;
	other.locale = NULL;
	return chart_draw_views(&other, err, errlen);
}

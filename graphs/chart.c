/*
 * chart: the plan and history views at the configured size, the
 * sparkline at 160x40.  The first target is the one drawn (its path,
 * projection and bounds); the status in the title is its status.  A
 * year-on-year growth target is drawn, in the plan view and the
 * sparkline, on the growth it is judged on with its rate as the floor;
 * the history view keeps the indicator's own values.
 */
#include <stdio.h>

#include "chart.h"
#include "store.h"
#include "fsutil.h"
#include "render.h"

/* A chart starts where the archives do. */
_Static_assert(GRAPH_EARLIEST == STORE_EPOCH, "charts and archives disagree");

void
chart_path(const char *graph_dir, const char *id, enum graph_view v, char *buf,
    size_t len)
{
	if (v == GRAPH_PLAN)
		snprintf(buf, len, "%s/%s.png", graph_dir, id);
	else
		snprintf(buf, len, "%s/%s.%s.png", graph_dir, id,
		    graph_view_name(v));
}

/*
 * A growth target judged on its rate indicator's rates is drawn from that
 * indicator's archive (the judgement says whether it took them), else on
 * the growth of the levels, computed as the judgement computes it; its
 * series may end later than the levels.
 */
static int
chart_growth(const struct chart_input *in, struct graph_spec *spec,
    struct obs_list *growth, char (*rrd)[4096], char (*name)[4096], char *err,
    size_t errlen)
{
	const struct target_conf *t = spec->target;

	if (!target_judged_on_growth(t) || spec->j == NULL)
		return 0;
	if (spec->j->have_latest &&
	    period_end(&spec->j->latest_period) > spec->data_end)
		spec->data_end = period_end(&spec->j->latest_period);
	/* Rates judged but none known yet (the rate indicator's first
	 * values are still being stored): its archive may not exist, and
	 * there is no growth to draw; the refresh its data brings redraws
	 * the chart. */
	if (t->rate_indicator != NULL && spec->j->from_rates &&
	    !spec->j->have_latest) {
		spec->growth = growth; /* empty */
		return 0;
	}
	if (t->rate_indicator == NULL || !spec->j->from_rates) {
		if (in->obs == NULL)
			return 0;
		if (target_growth_series(in->obs, NULL, growth) != 0) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		spec->growth = growth;
		return 0;
	}
	store_path(in->conf->data_dir, t->rate_indicator, *rrd, sizeof(*rrd));
	if (fsutil_refuse_symlink(*rrd, err, errlen) != 0)
		return -1;
	spec->rate_rrd_path = store_daemon_name(*rrd, *name, sizeof(*name));
	return 0;
}

int
chart_draw_all(const struct chart_input *in, char *err, size_t errlen)
{
	const struct indicator_conf *ic = in->ind;
	char png[4096], rrd[4096], rates[4096], rates_name[4096];
	struct obs_list growth = {0};
	int rc = 0;
	struct graph_spec spec = {
	    .ind = ic,
	    .target = ic->ntargets > 0 ? &ic->targets[0] : NULL,
	    .j = ic->ntargets > 0 && in->j != NULL ? &in->j[0] : NULL,
	    .rrd_path = store_daemon_name(in->rrd_path, rrd, sizeof(rrd)),
	    .png_path = png,
	    .daemon = store_daemon(),
	    .locale = in->conf->locale,
	};

	if (in->have_data) {
		spec.latest = &in->latest;
		spec.data_start = period_start(&in->first.period);
		spec.data_end = period_end(&in->latest.period);
	}
	/* librrd reads the archive by name: not through a link. */
	if (fsutil_mkdirs(in->conf->graph_dir, err, errlen) != 0 ||
	    fsutil_refuse_symlink(in->rrd_path, err, errlen) != 0 ||
	    chart_growth(
		in, &spec, &growth, &rates, &rates_name, err, errlen) != 0)
		return -1;
	for (int v = 0; v < GRAPH_VIEWS && rc == 0; v++) {
		spec.view = (enum graph_view)v;
		spec.width = v == GRAPH_SPARK ? CHART_SPARK_WIDTH
					      : (int)in->conf->graph_width;
		spec.height = v == GRAPH_SPARK ? CHART_SPARK_HEIGHT
					       : (int)in->conf->graph_height;
		chart_path(
		    in->conf->graph_dir, ic->id, spec.view, png, sizeof(png));
		rc = render_graph(&spec, err, errlen);
	}
	obs_list_clear(&growth);
	return rc;
}

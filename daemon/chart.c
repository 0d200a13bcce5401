/*
 * chart: the plan and history views at the configured size, the
 * sparkline at 160x40.  The first target is the one drawn (its path,
 * projection and bounds); the status in the title is its status.
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

int
chart_draw_all(const struct chart_input *in, char *err, size_t errlen)
{
	const struct indicator_conf *ic = in->ind;
	char png[4096], rrd[4096];
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
	    fsutil_refuse_symlink(in->rrd_path, err, errlen) != 0)
		return -1;
	for (int v = 0; v < GRAPH_VIEWS; v++) {
		spec.view = (enum graph_view)v;
		spec.width = v == GRAPH_SPARK ? CHART_SPARK_WIDTH
					      : (int)in->conf->graph_width;
		spec.height = v == GRAPH_SPARK ? CHART_SPARK_HEIGHT
					       : (int)in->conf->graph_height;
		chart_path(
		    in->conf->graph_dir, ic->id, spec.view, png, sizeof(png));
		if (render_graph(&spec, err, errlen) != 0)
			return -1;
	}
	return 0;
}

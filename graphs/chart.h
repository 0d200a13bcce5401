/*
 * chart: an indicator's PNG files, one per view: <id>.png (the plan),
 * <id>.history.png and <id>.spark.png, in graph_dir.  Drawn from the
 * indicator's RRD by librrd (graphs/render.c); the loop never draws.
 */
#ifndef PLANWATCH_CHART_H
#define PLANWATCH_CHART_H

#include <stddef.h>

#include "config.h"
#include "graph_args.h"
#include "obs.h"
#include "target.h"

#define CHART_SPARK_WIDTH 160
#define CHART_SPARK_HEIGHT 40

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
	bool have_data;
};

/* The file of view v of indicator id. */
void chart_path(const char *graph_dir, const char *id, enum graph_view v,
    char *buf, size_t len);
/*
 * Draws every view (any thread: librrd graphing holds rrdlock).  0, or -1
 * with err; views drawn before a failure stay.
 */
int chart_draw_all(const struct chart_input *in, char *err, size_t errlen);

#endif

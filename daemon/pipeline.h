/*
 * pipeline: the one module that knows the order of the work for a feed:
 *   fetch -> parse -> journal (fsync) -> RRD -> judge -> graph
 * Fetching and parsing happen on the loop (the body is capped by
 * max_bytes); everything that touches the disk runs on the worker.  The
 * cycle ends in runner_collector_done().
 */
#ifndef PLANWATCH_PIPELINE_H
#define PLANWATCH_PIPELINE_H

#include "runner.h"

/* Starts one cycle of collector cs. */
void pipeline_start(struct runner *r, struct collector_state *cs);
/* Judges every target of ic on obs into j (ic->ntargets entries). */
void pipeline_judge(const struct indicator_conf *ic, const struct obs_list *obs,
    struct judgement *j);
/*
 * Draws ic's chart from its RRD (worker thread only: librrd graphing is
 * not thread-safe).  0, or -1 with err.
 */
int pipeline_render(const struct config *conf, const struct indicator_conf *ic,
    const struct obs_list *obs, const struct judgement *j, const char *rrd_path,
    const char *png_path, char *err, size_t errlen);

#endif

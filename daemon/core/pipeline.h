/*
 * pipeline: the one module that knows the order of the work for a feed:
 *   fetch -> parse -> update (journal -> RRD -> judge -> graph, on the
 *   worker) -> dependents (derived indicators, rate targets) refreshed
 * Fetching and parsing happen on the loop (the body is capped by
 * max_bytes).  The cycle ends in core_collector_done(), the hook to the
 * runner; an indicator's update ends in pipeline_updated().
 */
#ifndef PLANWATCH_PIPELINE_H
#define PLANWATCH_PIPELINE_H

#include "core.h"

/* Starts one cycle of collector cs. */
void pipeline_start(struct core *core, struct collector_state *cs);
/*
 * What follows an indicator's update (the runner calls it when update.c
 * reports one through core_hooks.updated): with render, its charts are
 * queued; with changed, its dependents are refreshed.  Nothing while the
 * runner stops.
 */
void pipeline_updated(
    struct core *core, struct indicator_state *is, bool render, bool changed);
/* Whether indicator y depends on indicator x (derived input, rates). */
bool pipeline_depends(const struct config *c, size_t y, size_t x);

#endif

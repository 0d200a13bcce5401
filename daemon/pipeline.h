/*
 * pipeline: the one module that knows the order of the work for a feed:
 *   fetch -> parse -> update (journal -> RRD -> judge -> graph, on the
 *   worker) -> dependents (derived indicators, rate targets) refreshed
 * Fetching and parsing happen on the loop (the body is capped by
 * max_bytes).  The cycle ends in runner_collector_done().
 */
#ifndef PLANWATCH_PIPELINE_H
#define PLANWATCH_PIPELINE_H

#include "runner.h"

/* Starts one cycle of collector cs. */
void pipeline_start(struct runner *r, struct collector_state *cs);
/* Called by update when indicator index changed: refreshes dependents. */
void pipeline_changed(struct runner *r, size_t index);
/* Whether indicator y depends on indicator x (derived input, rates). */
bool pipeline_depends(const struct config *c, size_t y, size_t x);

#endif

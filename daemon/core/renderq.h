/*
 * renderq: charts are drawn on a thread of their own (a second worker),
 * so that redrawing a thousand charts never holds up a journal write or a
 * fetch.  Per indicator, one drawing runs at a time; requests that come
 * meanwhile are folded into one more, drawn from the data of then.
 */
#ifndef PLANWATCH_RENDERQ_H
#define PLANWATCH_RENDERQ_H

#include <stdbool.h>

#include "core.h"

/*
 * Draws every view of is from its current data and judgement; with
 * only_stale, only when its stamp in graph_dir was made from other inputs
 * or a file is missing (chart_stamp.h: at start and after a reload).  -1
 * when nothing could be queued (out of memory, stopping).
 */
int renderq_request(
    struct core *core, struct indicator_state *is, bool only_stale);
/* renderq_request for every indicator with data. */
void renderq_request_all(struct core *core, bool only_stale);

#endif

/*
 * update: the worker job that brings one indicator up to date: journal
 * (append, fsync) -> RRD -> judgement -> chart.  Three kinds of update:
 * new observations from a feed, a derived indicator recomputed from its
 * inputs' archives, and a re-judgement when a rate indicator changed.
 * The job carries copies of everything it reads, so the loop's state is
 * only touched on the loop, when the job is done.
 */
#ifndef PLANWATCH_UPDATE_H
#define PLANWATCH_UPDATE_H

#include "runner.h"

/*
 * Queues the update of is with the observations fetched by cs (sorted).
 * Returns -1 (nothing queued) when out of memory.
 */
int update_fetched(struct runner *r, struct collector_state *cs,
    struct indicator_state *is, const struct obs_list *fetched);
/*
 * Queues a refresh of is: a derived indicator is recomputed, any other is
 * judged again with its rate indicators' current series.
 */
int update_refresh(struct runner *r, struct indicator_state *is);
/*
 * Draws ic's chart from its RRD (worker thread only: librrd graphing is
 * not thread-safe).  0, or -1 with err.
 */
int update_render(const struct config *conf, const struct indicator_conf *ic,
    const struct obs_list *obs, const struct judgement *j, const char *rrd_path,
    const char *png_path, char *err, size_t errlen);

#endif

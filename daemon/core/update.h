/*
 * update: the worker job that brings one indicator up to date: journal
 * (append, synced per batch) -> RRD -> judgement.  Its end goes up
 * through the core's updated hook (core.h), and the runner has the
 * pipeline queue the charts and refresh the dependents: update calls
 * neither.  Four kinds of update:
 * new observations from a feed, values a person entered, a derived indicator
 * recomputed from its inputs' archives, and a re-judgement when a rate
 * indicator changed. The job carries copies of everything it reads, so the
 * loop's state is only touched on the loop, when the job is done.
 */
#ifndef PLANWATCH_UPDATE_H
#define PLANWATCH_UPDATE_H

#include "core.h"

/*
 * Queues the update of is with the observations fetched by cs (sorted).
 * Returns -1 (nothing queued) when out of memory.
 */
int update_fetched(struct core *core, struct collector_state *cs,
    struct indicator_state *is, const struct obs_list *fetched);
struct entered_value;
/*
 * Queues the values v[0..n) a person entered for is (entered.h: checked,
 * one per period), journaled with who, source and note by the worker, the
 * one writer of the journals.  -1 (nothing queued) when out of memory.
 */
int update_entered(struct core *core, struct indicator_state *is,
    const struct entered_value *v, size_t n);
/*
 * Queues a refresh of is: a derived indicator is recomputed, any other is
 * judged again with its rate indicators' current series.
 */
int update_refresh(struct core *core, struct indicator_state *is);
/*
 * Brings is's archive up to its journal on the worker: the periods it
 * lacks are written, or it is built anew when a revision is missing from
 * it (or, at_start, when its file is older than the journal); a damaged
 * archive is moved aside and rebuilt.  -1 when nothing could be queued.
 */
int update_catchup(
    struct core *core, struct indicator_state *is, bool at_start);
#endif

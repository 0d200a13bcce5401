/*
 * stored: every indicator's series read from its journal and judged at a
 * given time, for the commands that work without the loop (eval, graph,
 * export).
 */
#ifndef PLANWATCH_STORED_H
#define PLANWATCH_STORED_H

#include <time.h>

#include "config.h"
#include "obs.h"
#include "target.h"

struct stored {
	const struct config *conf;
	struct obs_list *obs; /* one per indicator */
	struct obs_revisions *revs; /* one per indicator */
	struct judgement **j; /* one array per indicator, one per target */
};

/*
 * Loads every journal, then judges every indicator at time at.  0, or -1
 * after logging each journal that could not be read (the others are
 * loaded, and of a damaged one its good records, as the daemon shows
 * them); st is to be freed with stored_free either way.
 */
int stored_load(const struct config *c, time_t at, struct stored *st);
void stored_free(struct stored *st);

#endif

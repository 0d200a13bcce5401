/*
 * stored: every indicator's series read from its journal and judged at a
 * given time, or as of a date (asof.h), for the commands that work
 * without the loop (eval, graph, export) and for the API's questions
 * about the past.
 */
#ifndef PLANWATCH_STORED_H
#define PLANWATCH_STORED_H

#include <stdbool.h>
#include <time.h>

#include "asof.h"
#include "config.h"
#include "note.h"
#include "obs.h"
#include "target.h"

struct stored {
	const struct config *conf;
	struct obs_list *obs; /* one per indicator */
	struct obs_revisions *revs; /* one per indicator */
	/* One per indicator: the revisions that arrived after known_at, of
	 * periods shown, not applied (empty unless as->known). */
	struct obs_revisions *later;
	struct judgement **j; /* one array per indicator, one per target */
	/* One per indicator: its notes (notes.h), all of them, removed ones
	 * too; a file that does not load is logged and left empty. */
	struct note_list *notes;
};

/*
 * Loads every journal, then judges every indicator at time at.  0, or -1
 * after logging each journal that could not be read (the others are
 * loaded, and of a damaged one its good records, as the daemon shows
 * them); st is to be freed with stored_free either way.
 */
int stored_load(const struct config *c, time_t at, struct stored *st);
/*
 * stored_load as of as: with as->known, each journal as it stood at
 * as->known_at (journal_load_known); the series cut and judged as
 * evaluate_plan does; as's findings filled in.  quiet: a journal that
 * does not load is not logged (the daemon said so at its start), only
 * returned as -1.
 */
int stored_load_asof(
    const struct config *c, struct asof *as, bool quiet, struct stored *st);
/*
 * The series given by series(arg, i) (borrowed; the daemon's own),
 * copied, cut and judged as of as (as->known is not read: arrivals are
 * in the journals only).  -1 on ENOMEM; st is to be freed either way.
 */
int stored_copy_asof(const struct config *c,
    const struct obs_list *(*series)(void *arg, size_t i), void *arg,
    struct asof *as, struct stored *st);
void stored_free(struct stored *st);

#endif

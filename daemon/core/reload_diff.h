/*
 * reload_diff: what a reload keeps.  A collector is "the same" across a
 * reload when its own settings and those of the indicators it feeds (id,
 * frequency, selector) are unchanged; such a collector keeps its schedule,
 * its conditional-GET validators and its counters.  A changed collector
 * starts afresh, without validators (a 304 must not hide data the new
 * selector would read); a new one starts at once; a removed one is gone
 * (a reload waits until no transfer is under way).
 */
#ifndef PLANWATCH_RELOAD_DIFF_H
#define PLANWATCH_RELOAD_DIFF_H

#include <stddef.h>

#include "config.h"

/*
 * The fingerprint of collector index ci of c: every setting that matters
 * to what it fetches and how its answer is read.  Caller frees; NULL on
 * ENOMEM.
 */
char *reload_fingerprint(const struct config *c, size_t ci);

#endif

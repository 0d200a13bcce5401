/*
 * runner_legacy: temporary (issue 17).  web.c and metrics.c were written
 * against struct runner and the parts' old runner arguments; until they
 * read through their accessor table, this maps their calls onto the core.
 * Included by runner.h only for them (PLANWATCH_RUNNER_LEGACY), after the
 * parts' headers they include.  Delete it, and the views it needs in
 * runner_impl.h and state.h, with that change.
 */
#ifndef PLANWATCH_RUNNER_LEGACY_H
#define PLANWATCH_RUNNER_LEGACY_H

#include "runner_impl.h"

#define collstate_status(r) collstate_status(&(r)->core)
#define collstate_dump(r) collstate_dump(&(r)->core)
#define renderq_request_all(r, only_missing)                                   \
	renderq_request_all(&(r)->core, only_missing)
#define runner_silences_refresh(r) core_silences_refresh(&(r)->core)
#define runner_journals_damaged(r) core_journals_damaged(&(r)->core)

#endif

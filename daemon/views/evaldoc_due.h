/*
 * evaldoc_due: which of the plan office's documents a route's schedule
 * owes now (route report documents:), and the key the reports book
 * remembers it by, so that each is mailed once.  Pure: the caller gives
 * the time.
 */
#ifndef PLANWATCH_EVALDOC_DUE_H
#define PLANWATCH_EVALDOC_DUE_H

#include <stdbool.h>
#include <time.h>

#include "config.h"
#include "evaldoc.h"

/* A document due: which, of which plan, and its key in the book. */
struct evaldoc_due {
	enum evaldoc_kind kind;
	int year; /* annual: the year analysed; else 0 */
	const struct plan_conf *plan; /* plans:' plan, or NULL */
	char key[96]; /* "annual-2025", "final"; with plans: "final-p14" */
};

/*
 * The latest document of kind k whose date (evaldoc_plan_date) is at or
 * before now, into *d: annual, the latest year of any plan whose figures
 * are due; midterm, of the latest plan whose middle has passed; final, of
 * the latest plan that is over.  Only the latest: the documents of the
 * years before are not owed (a route added in 2026 is not mailed 2021's
 * analysis).  False when none is due yet.
 */
bool evaldoc_due(const struct config *c, enum evaldoc_kind k, time_t now,
    struct evaldoc_due *d);

#endif

/*
 * asof: the date a judgement is made as of, and what it may use then
 * (planwatch eval --at and --known-at; the API's ?at= and ?known_at=).
 *
 * A date names a whole UTC day: "as of 2023-06-30" is the last second of
 * that day, 2023-06-30T23:59:59Z.  A period counts when it had ended by
 * then (its last second at or before it: the year 2022 does, the first
 * half of 2023 does, the year 2023 does not); with known_at, a journal
 * record counts when it had arrived ("fetched") by the last second of
 * known_at's day.  Pure: no I/O, no globals.
 */
#ifndef PLANWATCH_ASOF_H
#define PLANWATCH_ASOF_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "obs.h"
#include "period.h"

struct asof {
	/* What is asked. */
	time_t at; /* the judgement's "now" */
	bool past; /* at is a date given: only periods ended by at count */
	bool known; /* only the values that had arrived by known_at count */
	time_t known_at;
	/* What the evaluation found (stored.c, evaluate.c fill these). */
	size_t left_out; /* stored periods not ended by at, left out */
	size_t not_applied; /* revisions that arrived after known_at, of
			       periods shown: not applied */
	bool arrived; /* known: some value had arrived by known_at */
	bool ever; /* known: some value has arrived at all, then or later */
	time_t first_arrival; /* known and ever: the earliest arrival */
};

/*
 * The asof of the dates given (each the last second of its day, or NULL):
 * known_at alone implies at of the same day.  Neither: now, every stored
 * period counted (planwatch eval without options, the live API).
 */
struct asof asof_make(time_t now, const time_t *at, const time_t *known_at);
/*
 * Parses "YYYY-MM-DD" strictly (ten characters, a day that exists: no
 * 2023-02-30, no blanks or signs) into the last second of that UTC day;
 * -1 for anything else.
 */
int asof_parse_day(const char *s, time_t *t);
/* Writes the UTC day of t as "YYYY-MM-DD" (buf of 11 bytes or more). */
void asof_day_text(time_t t, char *buf, size_t len);
/* True when period p had ended by at: its last second is at or before. */
bool asof_ended(const struct period *p, time_t at);
/* Removes from l the periods that had not ended by at; returns how many. */
size_t asof_keep_ended(struct obs_list *l, time_t at);
/* Removes from r the revisions of periods not ended by at; how many stay. */
size_t asof_keep_ended_revisions(struct obs_revisions *r, time_t at);

#endif

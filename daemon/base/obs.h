/*
 * obs: an observation (period, value) and a growable, capped list of them.
 * Parsers return observation lists; storage and judgement read them.
 */
#ifndef PLANWATCH_OBS_H
#define PLANWATCH_OBS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "period.h"

struct obs {
	struct period period;
	double value;
};

struct obs_list {
	struct obs *v;
	size_t n;
	size_t cap;
};

/* Hard cap on observations in one list: a feed with more is an error. */
#define OBS_LIST_MAX 100000

/* Appends one observation; -1 when out of memory or past OBS_LIST_MAX. */
int obs_list_add(struct obs_list *l, const struct period *p, double value);
/* Sorts by period and keeps the last of duplicate periods. */
void obs_list_sort(struct obs_list *l);
/* Empties the list and frees its storage; the struct itself stays. */
void obs_list_clear(struct obs_list *l);
/*
 * Removes the observations of periods that start after now (a feed
 * announcing 2031 in 2026; a year-to-date period whose last month or
 * quarter starts after now); returns how many, the first in *first.
 */
size_t obs_list_drop_future(
    struct obs_list *l, time_t now, struct period *first);
/* Index of the observation for period p, or -1. */
long obs_list_find(const struct obs_list *l, const struct period *p);

/*
 * The fewest significant digits (up to 17) that read back as the same
 * double: 1048.97 is written "1048.97", not "1048.9700000000000".
 */
int obs_shortest_precision(double v);
/*
 * Parses the whole of text as a finite decimal number: digits, signs, '.'
 * and an exponent only (strtod() alone would take hexadecimal, "inf" and
 * "nan"); a value too large or too small for a double (1e400, 1e-400:
 * overflow or underflow, ERANGE) is refused rather than kept as infinity
 * or 0.  -1 when it is not such a number.
 */
int obs_parse_decimal(const char *text, double *out);

/*
 * Whether b is a itself, within a relative tolerance rel (0: exactly):
 * float noise in a feed (1048.9700000000001) is no revision.
 */
bool obs_same_value(double a, double b, double rel);

/* A revision: a period that had a value got another one. */
struct obs_revision {
	struct period period;
	double old_value, new_value;
	time_t fetched;
	char collector[64]; /* who brought the new value */
};

struct obs_revisions {
	struct obs_revision *v; /* oldest first */
	size_t n;
	size_t cap; /* room in v (grow_array) */
};

/* Appends a revision; -1 when out of memory. */
int obs_revisions_add(struct obs_revisions *r, const struct period *p,
    double old_value, double new_value, time_t fetched, const char *collector);
void obs_revisions_clear(struct obs_revisions *r);

#endif

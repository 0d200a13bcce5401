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

/*
 * What a feed says of a value (obs_mark.c): nothing (unstated), a
 * published figure, a made-up one standing in for it (illustrative), an
 * estimate, a provisional figure, a value a person entered (planwatch
 * set, the admin API's batch upload).  Stored in the journal by name, so the
 * order may change; "revised" is no mark: the journal tells it.
 */
enum obs_mark {
	OBS_MARK_UNSTATED = 0,
	OBS_MARK_PUBLISHED,
	OBS_MARK_ILLUSTRATIVE,
	OBS_MARK_ESTIMATED,
	OBS_MARK_PROVISIONAL,
	OBS_MARK_ENTERED,
	OBS_MARK_COUNT
};

/* Longest word a feed's mark is compared as; a longer one is unstated. */
#define OBS_MARK_WORD_MAX 32

struct obs {
	struct period period;
	double value;
	enum obs_mark mark; /* OBS_MARK_UNSTATED when the feed says none */
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
/* obs_list_add with a mark. */
int obs_list_add_mark(struct obs_list *l, const struct period *p, double value,
    enum obs_mark mark);
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

/* The mark's name as the journal and the API write it: "published". */
const char *obs_mark_name(enum obs_mark m);
/*
 * The mark a feed's word or code names: published, illustrative,
 * estimated, provisional, entered (ASCII, any case), or an SDMX OBS_STATUS code
 * (CL_OBS_STATUS: A normal, E estimated, P provisional; Eurostat's e, p).
 * Anything else (NULL, unknown, longer than OBS_MARK_WORD_MAX, bytes that
 * are no ASCII word) is OBS_MARK_UNSTATED: a mark is never an error.
 */
enum obs_mark obs_mark_parse(const char *text, size_t len);
/* obs_mark_parse of a C string (NULL: unstated). */
enum obs_mark obs_mark_of(const char *text);

/*
 * A revision: a period that had a value got another one, or (old_value
 * equal to new_value) the feed changed a stated mark alone
 * (obs_revision_mark_only).
 */
struct obs_revision {
	struct period period;
	double old_value, new_value;
	enum obs_mark old_mark, new_mark; /* equal when the mark stayed */
	time_t fetched;
	char collector[64]; /* who brought the new value */
};

/*
 * Who entered the current value of a period (planwatch set, the admin
 * API's batch): kept beside the revision log, which the pages, the API
 * and the CSV already read as the period's history.
 */
struct obs_entered {
	struct period period;
	time_t at; /* when it arrived */
	char *by, *source, *note; /* owned; note NULL when none */
};

struct obs_revisions {
	struct obs_revision *v; /* oldest first */
	size_t n;
	size_t cap; /* room in v (grow_array) */
	/* The periods whose current value a person entered (obs_entered.c). */
	struct obs_entered *entered;
	size_t nentered, enteredcap;
};

/* Appends a revision; -1 when out of memory. */
int obs_revisions_add(struct obs_revisions *r, const struct period *p,
    double old_value, double new_value, time_t fetched, const char *collector);
/* Sets the marks of the revision obs_revisions_add appended last. */
void obs_revisions_mark(
    struct obs_revisions *r, enum obs_mark old_mark, enum obs_mark new_mark);
/* Whether a revision changed the mark alone, not the value. */
bool obs_revision_mark_only(const struct obs_revision *v);
/* Empties the entered list alone. */
void obs_entered_clear(struct obs_revisions *r);
/* Frees the revisions and the entered list. */
void obs_revisions_clear(struct obs_revisions *r);
/*
 * Period p's current value was entered by by (at, from source, with note,
 * which may be NULL); replaces what p had.  -1 when out of memory.
 */
int obs_entered_set(struct obs_revisions *r, const struct period *p, time_t at,
    const char *by, const char *source, const char *note);
/* Period p's current value came from elsewhere: no longer entered. */
void obs_entered_unset(struct obs_revisions *r, const struct period *p);
/* Who entered period p's current value, or NULL (r may be NULL). */
const struct obs_entered *obs_entered_find(
    const struct obs_revisions *r, const struct period *p);

#endif

/*
 * staging: the one step every feed format takes between reading
 * observations and handing them out.  A format stages what it read, each
 * with the place it came from; staging_judge() sorts them by period
 * (stable, so ties stay in reading order) and judges each period: the
 * first observation read is kept, a later one with the same value is a
 * repetition and goes, one with another value is a conflict the format
 * rejects, naming both places.  staging_move() then appends what is left
 * to the output, all or nothing.  Formats differ only in how a place is
 * named in a message, which stays theirs (the conflict callback).
 */
#ifndef PLANWATCH_STAGING_H
#define PLANWATCH_STAGING_H

#include <stdbool.h>
#include <stddef.h>

#include "obs.h"

/* One observation and where it was read. */
struct staged {
	struct obs obs;
	size_t at; /* the format's place: a row, a data node, a cell */
	const char *key[2]; /* or the keys naming it (sdmx-json) */
};

/* Observations read, not yet judged.  Zero-initialised is empty. */
struct staging {
	struct staged *v;
	size_t n, cap;
	bool full; /* an add failed: past OBS_LIST_MAX, or out of memory */
};

/* How a format judges the observations of one period. */
struct staging_judge {
	/* Orders two observations of one period (NULL: reading order). */
	int (*cmp)(void *arg, const struct staged *a, const struct staged *b);
	/* False rejects the period's n observations as a whole (NULL:
	 * never); the format reports why. */
	bool (*group)(void *arg, const struct staged *v, size_t n);
	/* Reports other, whose value differs from first's for its period. */
	void (*conflict)(
	    void *arg, const struct staged *first, const struct staged *other);
	void *arg;
	/* For staging_finish(): the format's count of rejections, what
	 * it read ("rows") and how many, and its message for too many. */
	const size_t *rejected;
	const char *what;
	size_t total;
	const char *toomany;
};

/* OBS_LIST_MAX as a string, for a toomany message. */
#define STAGING_STR_(x) #x
#define STAGING_STR(x) STAGING_STR_(x)

/*
 * Stages one observation (copied); -1 with full set past OBS_LIST_MAX
 * or when out of memory.
 */
int staging_add(struct staging *st, const struct staged *o);
/*
 * Sorts by period (then j->cmp, then reading order) and leaves one
 * observation per period, calling j's callbacks as above (the format
 * counts what they reject).
 */
void staging_judge(struct staging *st, const struct staging_judge *j);
/* Appends the staged observations to out and sorts it; -1 with out
 * unchanged when it cannot hold them. */
int staging_move(const struct staging *st, struct obs_list *out);
/*
 * The whole step for a format: judges st unless it is full, then, when
 * *j->rejected is 0, moves it to out.  -1 with err "R of N <what>
 * rejected", or j->toomany when st is full (an add, the sort or out
 * could not hold it).
 */
int staging_finish(struct staging *st, const struct staging_judge *j,
    struct obs_list *out, char *err, size_t errlen);
/* Frees what st holds; it is empty and usable again. */
void staging_free(struct staging *st);

#endif

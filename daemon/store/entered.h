/*
 * entered: values a person enters (planwatch set, POST
 * /api/v1/admin/values), checked before anything is journaled: the
 * indicator known and not derived, the period of its frequency and not
 * in the future, the value a finite number, "by" and "source" given, and
 * every text UTF-8 without control characters, within the journal's caps.
 * A batch is a CSV (columns indicator, period, value, source, by, note)
 * checked whole: one bad row refuses it, named by its line.  Pure code
 * over the configuration; the journal entries they make are written by
 * the one writer (the daemon's worker, or a command holding the data
 * directory lock).
 */
#ifndef PLANWATCH_ENTERED_H
#define PLANWATCH_ENTERED_H

#include <stddef.h>
#include <time.h>

#include "config.h"
#include "journal.h"

/* The largest batch: rows, and bytes of its CSV. */
#define ENTERED_ROWS_MAX 10000
#define ENTERED_BODY_MAX (1u << 20)
/* The collector an entered value's journal record names. */
#define ENTERED_COLLECTOR "entered"

struct entered_value {
	size_t indicator; /* index in the configuration's indicators */
	struct period period;
	double value;
	char *by, *source, *note; /* owned; note NULL when not given */
};

struct entered_batch {
	struct entered_value *v;
	size_t n, cap;
};

/*
 * Checks one value and appends it to b; -1 with why (no prefix) when it
 * is refused, and then b is unchanged.  note may be NULL or "".
 */
int entered_add(struct entered_batch *b, const struct config *c, const char *id,
    const char *period, const char *value, const char *source, const char *by,
    const char *note, time_t now, char *why, size_t whylen);
/*
 * Reads a batch from a CSV (header: indicator, period, value, source, by
 * and optionally note, in any order): every row checked, and on the first
 * refused "line N: why" in err, -1 and b empty.  A period given twice for
 * one indicator is refused too.
 */
int entered_parse_csv(struct entered_batch *b, const struct config *c,
    const char *buf, size_t len, time_t now, char *err, size_t errlen);
/* Frees the values; b is empty and reusable. */
void entered_batch_clear(struct entered_batch *b);

/*
 * The journal record of v entered at now over the indicator's stored
 * values: mark entered, who, source and note (borrowed from v), a
 * revision ("replaced") when the stored value differs, "was" when the
 * stored mark was another stated one.  An entered value is always
 * journaled, the same value too: that someone vouched for it is history.
 */
void entered_entry(const struct entered_value *v, const struct obs_list *stored,
    double tolerance, time_t now, struct journal_entry *e);

#endif

/*
 * backoff: when each thing that failed may be tried again.  The delay
 * doubles per failure in a row from an initial value up to a maximum,
 * with +-20 % jitter so that things failing together do not retry
 * together (collectd's per-feed back-off).  A table keeps the schedule
 * of each named item (an outbox entry), so that whatever asks for a
 * delivery (a timer, an evaluation, a start) the item goes no sooner
 * than its own time.  Pure: times and the jitter's random draw are
 * passed in.
 */
#ifndef PLANWATCH_BACKOFF_H
#define PLANWATCH_BACKOFF_H

#include <stdbool.h>
#include <stddef.h>

struct backoff_policy {
	double initial; /* seconds before the second attempt */
	double max; /* the longest wait */
};

/*
 * The wait after the failures-th failure in a row (1 for the first),
 * with u in [0, 1] drawn at random for the jitter.
 */
double backoff_delay(
    const struct backoff_policy *p, unsigned failures, double u);

struct backoff;

/* An empty table; NULL when out of memory. */
struct backoff *backoff_new(void);
/* Frees the table; NULL is a no-op. */
void backoff_free(struct backoff *b);
/*
 * Records one more failure of name at now and returns the time of its
 * next attempt (now + backoff_delay); -1 when out of memory.
 */
double backoff_failed(struct backoff *b, const char *name, double now,
    const struct backoff_policy *p, double u);
/*
 * Records that name waits until at (a schedule read back from disk after
 * a restart), unless the table knows name already; 0, or -1.
 */
int backoff_wait_until(struct backoff *b, const char *name, double at);
/* True unless name waits for a time after now. */
bool backoff_due(const struct backoff *b, const char *name, double now);
/* True when the table holds a schedule for name. */
bool backoff_known(const struct backoff *b, const char *name);
/* Forgets name (delivered, or gone). */
void backoff_forget(struct backoff *b, const char *name);
/* The earliest next attempt after now, or 0 when nothing waits. */
double backoff_earliest(const struct backoff *b, double now);

#endif

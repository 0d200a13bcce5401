/*
 * loopstat: how late the event loop runs.  A timer asks to fire every
 * LOOPSTAT_TICK_MS; how much later than asked it fires is how long the
 * loop was busy with something else.  The worst lateness and a count of
 * ticks later than 20 ms are kept for /metrics: the loop must never
 * stall, and this is where a stall shows.
 */
#ifndef PLANWATCH_LOOPSTAT_H
#define PLANWATCH_LOOPSTAT_H

#include <stdint.h>

struct event_base;
struct loopstat;

#define LOOPSTAT_TICK_MS 50
#define LOOPSTAT_STALL_MS 20

struct loopstat_counts {
	double max_late; /* seconds, worst since start */
	uint64_t ticks;
	uint64_t stalls; /* ticks later than LOOPSTAT_STALL_MS */
};

/* Starts the timer on base; NULL when out of memory. */
struct loopstat *loopstat_new(struct event_base *base);
void loopstat_read(const struct loopstat *ls, struct loopstat_counts *out);
/* NULL is a no-op. */
void loopstat_free(struct loopstat *ls);

#endif

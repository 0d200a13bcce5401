/*
 * loopstat: the expected time of the next tick is kept on the monotonic
 * clock and advanced by one tick each time (not re-based on the late
 * arrival), so a stall is measured once, at the tick it delayed.
 */
#include <stdlib.h>
#include <time.h>

#include <event2/event.h>

#include "clock.h"
#include "loopstat.h"

struct loopstat {
	struct event *timer;
	double due; /* monotonic seconds of the next tick */
	struct loopstat_counts c;
};

static void
tick_cb(evutil_socket_t fd, short what, void *arg)
{
	struct loopstat *ls = arg;
	double now = clock_now_mono(), late = now - ls->due;

	(void)fd;
	(void)what;
	ls->c.ticks++;
	if (late > ls->c.max_late)
		ls->c.max_late = late;
	if (late * 1000 > LOOPSTAT_STALL_MS)
		ls->c.stalls++;
	ls->due += LOOPSTAT_TICK_MS / 1000.0;
	/* After a long stall the missed ticks are not replayed. */
	if (ls->due < now)
		ls->due = now + LOOPSTAT_TICK_MS / 1000.0;
}

struct loopstat *
loopstat_new(struct event_base *base)
{
	struct loopstat *ls = calloc(1, sizeof(*ls));
	struct timeval tv = {0, LOOPSTAT_TICK_MS * 1000};

	if (ls == NULL)
		return NULL;
	ls->timer = event_new(base, -1, EV_PERSIST, tick_cb, ls);
	if (ls->timer == NULL || event_add(ls->timer, &tv) != 0) {
		loopstat_free(ls);
		return NULL;
	}
	ls->due = clock_now_mono() + LOOPSTAT_TICK_MS / 1000.0;
	return ls;
}

void
loopstat_read(const struct loopstat *ls, struct loopstat_counts *out)
{
	*out = ls->c;
}

void
loopstat_free(struct loopstat *ls)
{
	if (ls == NULL)
		return;
	if (ls->timer != NULL)
		event_free(ls->timer);
	free(ls);
}

/*
 * runner_schedule: when each collector runs, and the archives' catch-up.
 *
 * Scheduling follows the collector's own clock: the next run is due one
 * interval after the previous one was due (no drift), plus a random jitter
 * so that many collectors on one host do not fire together.  A collector
 * that is still busy when it is due is skipped and logged, and a schedule
 * that fell more than one interval behind is reset and logged: falling
 * behind is never silent.  A failed transfer is retried with back-off.
 */
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include <event2/event.h>

#include "backoff.h"
#include "collstate.h"
#include "log.h"
#include "pipeline.h"
#include "runner_impl.h"
#include "update.h"

/*
 * An evaluation waits for quiet at most this long before fetches wait:
 * twice group_wait (a minute with the default), at least 10 s.
 */
static double
eval_wait_max(const struct config *c)
{
	return c->group_wait * 2 > 10 ? c->group_wait * 2 : 10;
}

/*
 * A reload and an evaluation both wait until no collector is busy.  With
 * many collectors on short intervals that moment may never come, so while
 * a reload is wanted, or an evaluation has waited longer than
 * eval_wait_max, a collector that comes due waits (held) instead of
 * starting: the wait is then bounded by the transfers under way.
 */
static bool
runner_holding(const struct runner *r)
{
	return !r->core.once &&
	    (r->core.reload_wanted ||
		(r->eval_pending_since != 0 &&
		    difftime(time(NULL), r->eval_pending_since) >
			eval_wait_max(r->core.conf)));
}

void
runner_release_held(struct runner *r)
{
	struct core *core = &r->core;

	if (core->draining || core->stopping || runner_holding(r))
		return;
	for (size_t i = 0; i < core->conf->ncollectors; i++)
		if (core->colls[i].held) {
			core->colls[i].held = false;
			runner_timer_in(&core->colls[i], 0);
		}
}

/*
 * Collectors started from one callback at most: 100,000 collectors due
 * at the same second (no jitter) took the loop 0.2 s to start in one go,
 * with no request answered meanwhile.  The rest wait for the next turn of
 * the loop, after its I/O.
 */
#define RUNNER_START_BATCH 256

static void
due_cb(evutil_socket_t fd, short what, void *arg)
{
	struct runner *r = arg;
	static const struct timeval now = {0, 0};

	(void)fd;
	(void)what;
	for (int n = 0; n < RUNNER_START_BATCH && r->due_head != NULL; n++) {
		struct collector_state *cs = r->due_head;

		r->due_head = cs->due_next;
		if (r->due_head == NULL)
			r->due_tail = NULL;
		cs->due_next = NULL;
		cs->due = false;
		if (r->core.draining)
			continue;
		if (runner_holding(r))
			cs->held = true;
		else
			pipeline_start(&r->core, cs);
	}
	if (r->due_head != NULL)
		evtimer_add(r->due_event, &now);
	else
		runner_check_idle(r);
}

void
runner_due_clear(struct runner *r)
{
	while (r->due_head != NULL) {
		struct collector_state *cs = r->due_head;

		r->due_head = cs->due_next;
		cs->due_next = NULL;
		cs->due = false;
	}
	r->due_tail = NULL;
	if (r->due_event != NULL)
		evtimer_del(r->due_event);
}

static void
timer_cb(evutil_socket_t fd, short what, void *arg)
{
	struct collector_state *cs = arg;
	struct runner *r = runner_of(cs->core);
	static const struct timeval now = {0, 0};

	(void)fd;
	(void)what;
	if (r->core.draining || cs->due)
		return;
	if (r->due_event == NULL) { /* not set up: at once */
		if (runner_holding(r))
			cs->held = true;
		else
			pipeline_start(&r->core, cs);
		return;
	}
	cs->due = true;
	if (r->due_tail != NULL)
		r->due_tail->due_next = cs;
	else
		r->due_head = cs;
	r->due_tail = cs;
	if (!evtimer_pending(r->due_event, NULL))
		evtimer_add(r->due_event, &now);
}

int
runner_timer_new(struct runner *r, struct collector_state *cs)
{
	cs->timer = evtimer_new(r->core.base, timer_cb, cs);
	return cs->timer != NULL ? 0 : -1;
}

static double
jitter(double max)
{
	return max > 0 ? max * ((double)random() / RAND_MAX) : 0;
}

void
runner_timer_in(struct collector_state *cs, double delay)
{
	struct timeval tv;

	if (delay < 0)
		delay = 0;
	tv.tv_sec = (time_t)delay;
	tv.tv_usec = (suseconds_t)((delay - floor(delay)) * 1e6);
	evtimer_add(cs->timer, &tv);
}

/*
 * The next regular run: one interval after the previous one was due.
 * After retries the schedule is realigned silently (the delay was the
 * back-off's); otherwise a run that started more than an interval late is
 * logged, because falling behind must not be silent.
 */
void
runner_schedule(struct runner *r, struct collector_state *cs, bool first)
{
	struct collector_runtime *rt = &cs->rt;
	time_t now = time(NULL), interval = (time_t)cs->conf->interval;

	(void)r;
	if (first) {
		rt->next_due = now;
	} else if (rt->retrying) {
		while (rt->next_due <= now)
			rt->next_due += interval;
	} else {
		rt->next_due += interval;
		if (rt->next_due + interval < now) {
			log_warn("collector %s: fell behind its %.0f s "
				 "interval by %lld s; rescheduled",
			    cs->conf->id, cs->conf->interval,
			    (long long)(now - rt->next_due));
			rt->next_due = now;
		}
	}
	rt->retrying = false;
	/* The first run comes soon after start (spread over at most 5 s),
	 * not a whole jitter later. */
	runner_timer_in(cs,
	    (double)(rt->next_due - now) +
		jitter(first && cs->conf->jitter > 5 ? 5 : cs->conf->jitter));
}

/*
 * A failed transfer is retried with exponential back-off (collectd's:
 * doubling, capped, reset on success) with +-20 % jitter so that feeds
 * failing together do not retry together; a longer Retry-After from the
 * server wins, up to a day.
 */
static void
schedule_retry(struct collector_state *cs)
{
	const struct collector_conf *c = cs->conf;
	double delay = backoff_delay(
	    &(struct backoff_policy){c->retry_initial, c->retry_max},
	    cs->rt.failures, (double)random() / RAND_MAX);

	if (cs->rt.retry_after > delay)
		delay = cs->rt.retry_after < 86400 ? cs->rt.retry_after : 86400;
	log_info("collector %s: retry in %.0f s (failure %u in a row)", c->id,
	    delay, cs->rt.failures);
	cs->rt.retrying = true;
	runner_timer_in(cs, delay);
}

void
runner_collector_done(struct runner *r, struct collector_state *cs)
{
	struct core *core = &r->core;
	struct collector_runtime *rt = &cs->rt;

	core_collector_busy(core, cs, false);
	if (core->stopping)
		return;
	if (rt->failed && core->once)
		core->exit_code = 1;
	if (!rt->failed && rt->last_outcome == FETCH_OK) {
		state_text_set(&rt->etag, cs->new_etag, STATE_ETAG_MAX);
		state_text_set(&rt->last_modified, cs->new_last_modified,
		    STATE_LAST_MODIFIED_MAX);
	}
	if (!cs->fetch_failed && rt->failures > 0) {
		log_info("collector %s: recovered after %u failure(s)",
		    cs->conf->id, rt->failures);
		rt->failures = 0;
	}
	if (!core->once && cs->fetch_failed)
		schedule_retry(cs);
	else if (!core->once)
		runner_schedule(r, cs, false);
	collstate_note(core, cs);
	core->version++;
	runner_maybe_evaluate(r);
}

/*
 * Archives behind their journals (a write failed: disk full, permissions,
 * rrdcached away) are tried again every RUNNER_CATCHUP_SECONDS while the
 * daemon runs; the journal holds everything meanwhile.
 */
#define RUNNER_CATCHUP_SECONDS 60

static void
catchup_cb(evutil_socket_t fd, short what, void *arg)
{
	struct runner *r = arg;
	struct core *core = &r->core;
	struct timeval tv = {RUNNER_CATCHUP_SECONDS, 0};

	(void)fd;
	(void)what;
	if (core->stopping)
		return;
	if (core->catching_up == 0)
		for (size_t i = 0; i < core->conf->nindicators; i++)
			if (core->inds[i].rrd_behind &&
			    update_catchup(core, &core->inds[i], false) != 0)
				break;
	evtimer_add(r->catchup_timer, &tv);
}

/*
 * Catch-up jobs of the start in flight at most: each holds a copy of its
 * series, and 100,000 queued at once were a quarter of a gigabyte.
 */
#define RUNNER_CATCHUP_WINDOW 1024

void
runner_catchup_more(struct runner *r)
{
	struct core *core = &r->core;
	size_t n = core->conf->nindicators;

	while (
	    core->catching_up < RUNNER_CATCHUP_WINDOW && r->catchup_next < n) {
		struct indicator_state *is = &core->inds[r->catchup_next++];

		/* A damaged journal's archive is left as it is until the
		 * repair; one its own job checked already is done. */
		if (is->obs.n == 0 || is->journal_err != NULL ||
		    is->start_checked)
			continue;
		if (update_catchup(core, is, true) != 0) {
			log_error("cannot queue the archive check of %s",
			    is->conf->id);
			r->catchup_next = n;
		}
	}
}

/*
 * At start every archive is checked against its journal on the worker
 * (one last-update question each; more only where one is behind, e.g.
 * after a full disk or a crash), RUNNER_CATCHUP_WINDOW at a time; an
 * indicator whose fetch comes first has its job check it (update.c).
 */
void
runner_catchup_all(struct runner *r)
{
	struct core *core = &r->core;
	struct timeval tv = {RUNNER_CATCHUP_SECONDS, 0};

	r->catchup_next = 0;
	runner_catchup_more(r);
	if (!core->once && r->catchup_timer != NULL)
		evtimer_add(r->catchup_timer, &tv);
}

int
runner_schedule_setup(struct runner *r)
{
	r->catchup_timer = evtimer_new(r->core.base, catchup_cb, r);
	r->due_event = evtimer_new(r->core.base, due_cb, r);
	return r->catchup_timer != NULL && r->due_event != NULL ? 0 : -1;
}

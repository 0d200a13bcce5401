/*
 * runner_signals: SIGHUP asks for a reload; SIGTERM and SIGINT drain: no
 * new fetch, delivery or retry starts, the work under way may end within
 * stop_timeout, then the loop ends and runner_free writes what remains.
 * A second signal stops at once.
 */
#include <math.h>
#include <signal.h>

#include <event2/event.h>

#include "curlev.h"
#include "lifecycle.h"
#include "log.h"
#include "runner_impl.h"
#include "worker.h"

static void
drain_cb(evutil_socket_t fd, short what, void *arg)
{
	struct runner *r = arg;

	(void)fd;
	(void)what;
	log_info("stopping: %zu transfer(s) and %zu job(s) still under way "
		 "after %.0f s: abandoned",
	    curlev_active(r->core.cev), worker_pending(r->core.worker),
	    r->core.conf->stop_timeout);
	event_base_loopexit(r->core.base, NULL);
}

/* SIGTERM/SIGINT: timers stop, the work under way gets stop_timeout. */
static void
drain(struct runner *r, int sig)
{
	struct core *core = &r->core;
	double limit = core->conf->stop_timeout;
	struct timeval tv = {
	    (time_t)limit, (suseconds_t)((limit - floor(limit)) * 1e6)};

	core->draining = true;
	lifecycle_stopping();
	for (size_t i = 0; i < core->conf->ncollectors; i++)
		if (core->colls[i].timer != NULL)
			evtimer_del(core->colls[i].timer);
	if (r->catchup_timer != NULL)
		evtimer_del(r->catchup_timer);
	if (r->report_timer != NULL)
		evtimer_del(r->report_timer);
	log_info("signal %d: stopping; work under way has %.0f s to end "
		 "(a second signal stops at once)",
	    sig, limit);
	if (r->drain_timer != NULL)
		evtimer_add(r->drain_timer, &tv);
	runner_check_idle(r);
}

static void
signal_cb(evutil_socket_t sig, short what, void *arg)
{
	struct runner *r = arg;

	(void)what;
	if (sig == SIGHUP) {
		log_info("SIGHUP: reload requested; collectors that come due "
			 "wait until the work under way has ended");
		r->core.reload_wanted = true;
		runner_check_idle(r);
		return;
	}
	if (r->core.draining || r->core.once) {
		/* A second signal: at once.  Files are written whole and
		 * renamed, journals appended: nothing is left half-written;
		 * what was not journaled was not acknowledged. */
		log_info("signal %d: stopping now", (int)sig);
		event_base_loopexit(r->core.base, NULL);
		return;
	}
	drain(r, (int)sig);
}

int
runner_signals_setup(struct runner *r)
{
	struct event_base *base = r->core.base;

	r->sig_int = evsignal_new(base, SIGINT, signal_cb, r);
	r->sig_term = evsignal_new(base, SIGTERM, signal_cb, r);
	r->sig_hup = evsignal_new(base, SIGHUP, signal_cb, r);
	r->drain_timer = evtimer_new(base, drain_cb, r);
	if (!r->sig_int || !r->sig_term || !r->sig_hup || !r->drain_timer)
		return -1;
	if (event_add(r->sig_int, NULL) || event_add(r->sig_term, NULL) ||
	    event_add(r->sig_hup, NULL))
		return -1;
	return 0;
}

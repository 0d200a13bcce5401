/*
 * runner_eval: when alerts are evaluated.  Alerts are evaluated when no
 * collector is busy: in "once" mode that is after every collector has
 * finished, so one run makes one message per route; the daemon waits
 * group_wait of quiet first.  A scheduled report has its own timer.
 */
#include <math.h>
#include <time.h>

#include <event2/event.h>

#include "alert.h"
#include "pipeline.h"
#include "runner_impl.h"
#include "schedule.h"
#include "update.h"

/*
 * Alerts are evaluated when no collector is busy and no refresh is under
 * way, so that derived indicators are judged on this cycle's inputs, and
 * once the charts being drawn are done, so that the message carries the
 * charts of this cycle; until then the evaluation is only wanted.
 */
void
runner_evaluate_when_ready(struct runner *r)
{
	struct core *core = &r->core;

	if (core->busy > 0 || core->refreshing > 0)
		return;
	if (core->rendering > 0) {
		r->evaluate_wanted = true;
		return;
	}
	r->evaluate_wanted = false;
	r->eval_pending_since = 0;
	runner_release_held(r);
	alert_evaluate(core);
}

static void
group_cb(evutil_socket_t fd, short what, void *arg)
{
	struct runner *r = arg;

	(void)fd;
	(void)what;
	if (!r->core.stopping)
		runner_evaluate_when_ready(r);
	runner_check_idle(r);
}

/*
 * "once" evaluates as soon as the cycle is over.  The daemon waits
 * group_wait of quiet first (each finished collector restarts the wait),
 * so that collectors finishing close together make one message per route,
 * not one each.
 */
void
runner_maybe_evaluate(struct runner *r)
{
	const struct config *c = r->core.conf;
	struct timeval tv;

	if (r->core.stopping)
		return;
	if (r->eval_pending_since == 0)
		r->eval_pending_since = time(NULL);
	if (!r->core.once && c->group_wait > 0 && r->group_timer != NULL) {
		tv.tv_sec = (time_t)c->group_wait;
		tv.tv_usec =
		    (suseconds_t)((c->group_wait - floor(c->group_wait)) * 1e6);
		evtimer_add(r->group_timer, &tv);
		return;
	}
	runner_evaluate_when_ready(r);
	runner_check_idle(r);
}

/*
 * An indicator's fetch or refresh job ended: cs is the collector whose
 * fetch it was (its cycle ends with its last job), or NULL for a refresh
 * (run once more if an input changed meanwhile).
 */
static void
runner_update_done(
    struct runner *r, struct indicator_state *is, struct collector_state *cs)
{
	struct core *core = &r->core;

	core->version++;
	if (cs != NULL) {
		if (--cs->jobs == 0)
			runner_collector_done(r, cs);
		return;
	}
	is->refreshing = false;
	core->refreshing--;
	if (is->refresh_again && !core->stopping) {
		is->refresh_again = false;
		if (update_refresh(core, is) == 0) {
			is->refreshing = true;
			core->refreshing++;
		}
	}
	runner_maybe_evaluate(r);
}

void
runner_updated(struct runner *r, const struct core_update *u)
{
	pipeline_updated(&r->core, u->is, u->render, u->changed);
	if (u->catchup) {
		runner_catchup_more(r);
		runner_check_idle(r);
	} else
		runner_update_done(r, u->is, u->cs);
}

/*
 * A scheduled report is due even when no collector ends near its slot:
 * an evaluation then (a second late, so that the slot has come) finds
 * it.  Set again after every evaluation.
 */
void
runner_schedule_reports(struct runner *r)
{
	const struct config *c = r->core.conf;
	time_t now = time(NULL), next = 0;
	struct timeval tv;

	if (r->core.once || r->report_timer == NULL)
		return;
	for (size_t i = 0; i < c->nroutes; i++) {
		time_t t = schedule_next(&c->routes[i].report, now);

		if (t > 0 && (next == 0 || t < next))
			next = t;
	}
	if (next == 0)
		return;
	tv.tv_sec = next - now + 1;
	tv.tv_usec = 0;
	evtimer_add(r->report_timer, &tv);
}

int
runner_eval_setup(struct runner *r)
{
	r->group_timer = evtimer_new(r->core.base, group_cb, r);
	r->report_timer = evtimer_new(r->core.base, group_cb, r);
	return r->group_timer != NULL && r->report_timer != NULL ? 0 : -1;
}

/*
 * runner: start-up, the loop and the end.  The runner builds the shared
 * runtime (struct core) and answers its parts' hooks; its other concerns
 * have files of their own: the state records (runner_state.c), when
 * collectors run (runner_schedule.c), when alerts are evaluated
 * (runner_eval.c), reload (runner_reload.c), signals and drain
 * (runner_signals.c).
 *
 * "once" ends when nothing is left: no collector, worker job, evaluation
 * or delivery under way.  A draining daemon stops at the same moment, or
 * when stop_timeout ends; a wanted reload waits for it too.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>
#include <event2/thread.h>

#include "curlev.h"
#include "fsutil.h"
#include "lifecycle.h"
#include "log.h"
#include "loopstat.h"
#include "outbox.h"
#include "pipeline.h"
#include "renderq.h"
#include "runner_impl.h"
#include "runner_view.h"
#include "web.h"
#include "worker.h"

static bool
runner_idle(const struct runner *r)
{
	const struct core *core = &r->core;

	return core->busy == 0 && r->due_head == NULL && !core->evaluating &&
	    !r->evaluate_wanted && core->refreshing == 0 &&
	    core->catching_up == 0 && core->rendering == 0 &&
	    worker_pending(core->worker) == 0 && outbox_busy(core->outbox) == 0;
}

void
runner_check_idle(struct runner *r)
{
	if (r->core.stopping)
		return;
	if (r->evaluate_wanted && r->core.rendering == 0)
		runner_evaluate_when_ready(r);
	if (!runner_idle(r))
		return;
	if (r->core.draining) {
		log_info("stopping: all work ended");
		event_base_loopexit(r->core.base, NULL);
	} else if (r->core.once && r->started)
		event_base_loopexit(r->core.base, NULL);
	else if (r->core.reload_wanted)
		runner_reload(r);
}

/* The hooks the parts call (core.h); arg is the runner. */
static void
idle_hook(void *arg)
{
	runner_check_idle(arg);
}

static void
collector_done_hook(void *arg, struct collector_state *cs)
{
	runner_collector_done(arg, cs);
}

static void
updated_hook(void *arg, const struct core_update *u)
{
	runner_updated(arg, u);
}

static void
evaluated_hook(void *arg)
{
	runner_schedule_reports(arg);
}

static const struct core_hooks runner_hooks = {
    .idle = idle_hook,
    .collector_done = collector_done_hook,
    .updated = updated_hook,
    .evaluated = evaluated_hook,
};

/*
 * Every secret's file must be private, and owned by root or the user
 * planwatch runs as (the admin token's is checked when the HTTP server
 * starts): refused at start, with the fix, rather than used while others
 * can read or replace it.
 */
static int
secrets_private(const struct config *c)
{
	uid_t user = lifecycle_run_uid(c->user);
	char err[800];
	int rc = 0;

	if (c->smtp.password_file != NULL &&
	    fsutil_check_private("smtp.password_file", c->smtp.password_file,
		user, err, sizeof(err)) != 0) {
		log_error("%s", err);
		rc = -1;
	}
	if (c->smtp.secret_file != NULL &&
	    fsutil_check_private("smtp.secret_file", c->smtp.secret_file, user,
		err, sizeof(err)) != 0) {
		log_error("%s", err);
		rc = -1;
	}
	for (size_t i = 0; i < c->ncollectors; i++) {
		if (c->collectors[i].auth_file != NULL &&
		    fsutil_check_private("auth_file",
			c->collectors[i].auth_file, user, err,
			sizeof(err)) != 0) {
			log_error("collector %s: %s", c->collectors[i].id, err);
			rc = -1;
		}
	}
	return rc;
}

struct runner *
runner_new(struct config *conf, bool once)
{
	if (secrets_private(conf) != 0) {
		config_free(conf);
		return NULL;
	}
	struct runner *r = calloc(1, sizeof(*r));
	struct core *core;

	if (r == NULL) {
		config_free(conf);
		return NULL;
	}
	core = &r->core;
	core->conf = conf;
	core->once = once;
	core->started_at = time(NULL);
	core->hooks = &runner_hooks;
	core->hooks_arg = r;
	srandom((unsigned)time(NULL) ^ (unsigned)getpid());
	/* Before the base exists: the worker thread wakes the loop. */
	if (evthread_use_pthreads() != 0 ||
	    (core->base = event_base_new()) == NULL ||
	    (core->cev = curlev_new(core->base, conf->max_transfers,
		 conf->max_per_host)) == NULL ||
	    (core->worker = worker_new(core->base)) == NULL ||
	    (core->renderer = worker_new(core->base)) == NULL ||
	    (core->outbox = core_outbox_new(core)) == NULL ||
	    runner_signals_setup(r) != 0 || runner_eval_setup(r) != 0 ||
	    runner_schedule_setup(r) != 0 || runner_state_setup(r) != 0) {
		runner_free(r);
		return NULL;
	}
	return r;
}

/* The first cycle: once starts every collector, run schedules them. */
static void
runner_start(struct runner *r)
{
	struct core *core = &r->core;
	const struct config *c = core->conf;
	char text[128];

	config_warn_routes(c);
	if (core->once) {
		r->started = true;
		for (size_t i = 0; i < c->ncollectors; i++)
			pipeline_start(core, &core->colls[i]);
		runner_check_idle(r); /* no collectors at all */
		return;
	}
	for (size_t i = 0; i < c->ncollectors; i++)
		runner_schedule(r, &core->colls[i], true);
	log_info("running with %zu collectors and %zu indicators",
	    c->ncollectors, c->nindicators);
	runner_schedule_reports(r);
	snprintf(text, sizeof(text),
	    "running with %zu collectors and %zu indicators", c->ncollectors,
	    c->nindicators);
	lifecycle_ready(core->base, text);
}

int
runner_run(struct runner *r)
{
	struct core *core = &r->core;
	const struct config *c = core->conf;
	char err[512];

	/* Before anything is opened: the HTTP server's share of descriptors
	 * is counted from the limit. */
	lifecycle_raise_nofile();
	/* One process per data_dir: two would build the same archives. */
	if ((r->lock_fd = fsutil_lock_dir(
		 c->data_dir, c->instance, err, sizeof(err))) < 0) {
		log_error("%s", err);
		return 1;
	}
	/* The port next: a daemon that cannot serve starts nothing. */
	if (!core->once && c->listen != NULL &&
	    (r->web = web_new(runner_view(r), core->base, c->listen, err,
		 sizeof(err))) == NULL) {
		log_error("http: %s", err);
		return 1;
	}
	/* The port is bound: root is not needed any more, and no job has
	 * written a file yet. */
	if (lifecycle_drop_privileges(c->user, c->group,
		(const char *const[]){
		    c->data_dir, c->graph_dir, c->state_dir, NULL},
		err, sizeof(err)) != 0) {
		log_error("%s", err);
		return 1;
	}
	outbox_flush(core->outbox);
	runner_catchup_all(r);
	renderq_request_all(core, true); /* charts whose stamps differ */
	runner_start(r);
	/* Lateness is measured from here: set-up is not a stall. */
	if ((core->loopstat = loopstat_new(core->base)) == NULL)
		return 1;
	if (event_base_dispatch(core->base) < 0)
		return 1;
	if (core->once &&
	    (outbox_failures(core->outbox) > 0 ||
		core_journals_damaged(core) > 0))
		core->exit_code = 1;
	return core->exit_code;
}

static void
event_free_if(struct event *ev)
{
	if (ev != NULL)
		event_free(ev);
}

void
runner_free(struct runner *r)
{
	struct core *core;

	if (r == NULL)
		return;
	core = &r->core;
	core->stopping = true;
	web_free(r->web);
	r->web = NULL;
	/* Transfers first (their callbacks may queue nothing new once the
	 * worker stops), then the worker finishes what it holds. */
	curlev_free(core->cev);
	core->cev = NULL;
	if (core->worker != NULL)
		worker_free(core->worker);
	atomic_store(&core->render_cancel, true);
	if (core->renderer != NULL)
		worker_free(core->renderer);
	outbox_free(core->outbox);
	event_free_if(r->sig_int);
	event_free_if(r->sig_term);
	event_free_if(r->sig_hup);
	event_free_if(r->group_timer);
	event_free_if(r->report_timer);
	event_free_if(r->catchup_timer);
	event_free_if(r->due_event);
	event_free_if(r->drain_timer);
	loopstat_free(core->loopstat);
	if (core->conf != NULL)
		runner_state_teardown(r);
	if (core->base)
		event_base_free(core->base);
	config_free(core->conf);
	if (r->lock_fd > 0)
		close(r->lock_fd); /* the lock goes with it */
	free(r);
}

/*
 * runner_impl: the runner's own state, shared by the runner's files alone
 * (runner.c, runner_state.c, runner_schedule.c, runner_eval.c,
 * runner_reload.c, runner_signals.c).  The parts never see it: they get
 * the struct core inside it (core.h) and call up through its hooks.
 */
#ifndef PLANWATCH_RUNNER_IMPL_H
#define PLANWATCH_RUNNER_IMPL_H

#include <stdbool.h>
#include <time.h>

#include "core.h"
#include "runner.h"

struct event;
struct web;

struct runner {
	struct core core; /* what the parts share */
	bool started; /* once: the collectors were started */
	bool evaluate_wanted; /* due, waiting for the charts being drawn */
	time_t eval_pending_since; /* a collector finished, not yet judged */
	struct event *sig_int, *sig_term, *sig_hup;
	struct event *group_timer; /* run: evaluation after group_wait */
	struct event *report_timer; /* run: evaluation at the next report */
	struct event *catchup_timer; /* run: archives behind, tried again */
	/* Collectors whose time came, started RUNNER_START_BATCH at a time
	 * (runner_schedule.c), and the event that starts the next batch. */
	struct collector_state *due_head, *due_tail;
	struct event *due_event;
	size_t catchup_next; /* the start's catch-up: next indicator */
	struct event *drain_timer; /* SIGTERM: the bound on in-flight work */
	struct web *web; /* run: the HTTP server, or NULL */
	int lock_fd; /* holds data_dir's lock while running, or 0 */
};

/* The runner of core: it gives itself as the hooks' argument. */
static inline struct runner *
runner_of(struct core *core)
{
	return core->hooks_arg;
}

/* runner_schedule.c: forgets the collectors due (their state is freed). */
void runner_due_clear(struct runner *r);

/* runner.c: stops, ends "once" or reloads when no work is left. */
void runner_check_idle(struct runner *r);

/* runner_state.c: builds the state records of r->core.conf. */
int runner_state_setup(struct runner *r);
/* Frees them (the configuration stays). */
void runner_state_teardown(struct runner *r);

/* runner_schedule.c: creates cs's timer. */
int runner_timer_new(struct runner *r, struct collector_state *cs);
/* Creates the catch-up timer. */
int runner_schedule_setup(struct runner *r);
/* Sets cs's timer delay seconds from now. */
void runner_timer_in(struct collector_state *cs, double delay);
/* Sets cs's next regular run; first: soon, the schedule starts now. */
void runner_schedule(struct runner *r, struct collector_state *cs, bool first);
/* The held collectors start, unless something still holds them. */
void runner_release_held(struct runner *r);
/* The hook core_collector_done: the next run is set, then judged. */
void runner_collector_done(struct runner *r, struct collector_state *cs);
/* Every archive checked against its journal; the catch-up timer set. */
void runner_catchup_all(struct runner *r);
/* Queues more of the start's catch-up as earlier ones end. */
void runner_catchup_more(struct runner *r);

/* runner_eval.c: creates the group and report timers. */
int runner_eval_setup(struct runner *r);
/* Evaluates now if nothing is busy, or marks the evaluation wanted. */
void runner_evaluate_when_ready(struct runner *r);
/* A collector or a refresh ended: evaluation after group_wait. */
void runner_maybe_evaluate(struct runner *r);
/* The hook core_updated: what follows an indicator's update. */
void runner_updated(struct runner *r, const struct core_update *u);
/* The hook core_evaluated: the report timer set for the next slot. */
void runner_schedule_reports(struct runner *r);

/* runner_reload.c: reloads the configuration (runner idle). */
void runner_reload(struct runner *r);

/* runner_signals.c: signals and the drain timer set up. */
int runner_signals_setup(struct runner *r);

#endif

/*
 * runner: the process's runtime and its event loop.  It owns the
 * configuration, the libevent base, curlev, the workers, the state
 * records and the alert book (the struct core its parts share, core.h),
 * and answers the parts' hooks: a collector done, an indicator updated,
 * an evaluation committed, work ended.  struct runner is its own
 * (runner_impl.h); this is all a caller sees.
 */
#ifndef PLANWATCH_RUNNER_H
#define PLANWATCH_RUNNER_H

#include <stdbool.h>

struct config;
struct runner;

/* Builds the runtime for conf (which the runner then owns). */
struct runner *runner_new(struct config *conf, bool once);
/* Runs the loop until a signal (run) or the end of one cycle (once). */
int runner_run(struct runner *r);
/* Frees everything, the configuration included; NULL is a no-op. */
void runner_free(struct runner *r);

#endif

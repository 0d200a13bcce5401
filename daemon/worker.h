/*
 * worker: one thread for the slow work the event loop must not do: journal
 * fsyncs, librrd updates and graph rendering.  One thread, not a pool,
 * because librrd 1.7's rrd_graph keeps global state: every librrd call of
 * the process happens here, in submission order.  Each job's done callback
 * runs back on the event loop.
 */
#ifndef PLANWATCH_WORKER_H
#define PLANWATCH_WORKER_H

#include <stddef.h>

struct event_base;
struct worker;

/* Runs on the worker thread. */
typedef void (*worker_job_fn)(void *arg);
/* Runs on the event loop after the job, with the same arg. */
typedef void (*worker_done_fn)(void *arg);

/*
 * Starts the thread.  The base must have been created after
 * evthread_use_pthreads(), since the thread wakes the loop.
 */
struct worker *worker_new(struct event_base *base);
/* Queues a job; -1 when out of memory or stopping. */
int worker_submit(
    struct worker *w, worker_job_fn job, worker_done_fn done, void *arg);
/* Jobs submitted whose done callback has not run yet. */
size_t worker_pending(const struct worker *w);
/*
 * Finishes the queued jobs, stops the thread, runs the remaining done
 * callbacks, frees.  NULL is a no-op.
 */
void worker_free(struct worker *w);

#endif

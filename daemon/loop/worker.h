/*
 * worker: one thread for the slow work the event loop must not do: journal
 * syncs, librrd updates and graph rendering.  One thread, not a pool,
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
/*
 * The first step of a staged job, on the worker thread: writes that must
 * be durable before the job's run step (journal appends, not yet synced).
 */
typedef void (*worker_stage_fn)(void *arg);
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
/*
 * Group commit.  The thread takes the queued jobs in batches; the stage
 * steps of a batch all run before any run step, so that a run step's
 * worker_sync() makes every stage write of the batch durable at once:
 * one syncfs(2) instead of one fsync(2) per file (13 times cheaper per
 * journal here; bench/fetch).
 */
int worker_submit_staged(struct worker *w, worker_stage_fn stage,
    worker_job_fn run, worker_done_fn done, void *arg);
/*
 * From a run step: makes the batch's writes under dir durable (syncfs of
 * dir's filesystem, once per batch and directory).  The directory stays
 * open between batches, so a write-back error since it was first opened
 * is reported, not lost.  -1 with err.
 */
int worker_sync(struct worker *w, const char *dir, char *err, size_t errlen);
/* Jobs submitted whose done callback has not run yet. */
size_t worker_pending(const struct worker *w);
/*
 * Finishes the queued jobs, stops the thread, runs the remaining done
 * callbacks, frees.  NULL is a no-op.
 */
void worker_free(struct worker *w);

#endif

/*
 * worker: a mutex-protected FIFO of jobs for the thread and a FIFO of
 * finished jobs for the loop.  The thread wakes the loop with
 * event_active() on a plain event, which libevent makes safe across
 * threads once evthread_use_pthreads() has been called; the loop's
 * callback drains every finished job it finds, so one wake-up may deliver
 * many.  Jobs arriving one by one are gathered for WORKER_GATHER_MS into
 * one batch (one sync), and finished ones handed over in groups: at
 * 100,000 feeds a cycle is thousands of jobs a second.
 */
#define _GNU_SOURCE /* syncfs */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "log.h"
#include "worker.h"

/* Jobs taken at once: a bound on how long a finished job waits for its
 * batch's sync, and on the work lost to one failed sync. */
#define WORKER_BATCH 512
/* A batch starts at most this often unless a whole one is waiting: jobs
 * arriving one by one (answers spread over a cycle) share a sync instead
 * of paying one each. */
#define WORKER_GATHER_MS 10
/* Finished jobs handed to the loop together: one wake-up per group. */
#define WORKER_PUBLISH 32
/* Done callbacks run per turn of the loop at most, the rest after its
 * I/O: at 100,000 feeds thousands could finish while the loop was busy,
 * and running them all at once held it for a fifth of a second. */
#define WORKER_DRAIN_MAX 64

struct job {
	worker_stage_fn stage;
	worker_job_fn fn;
	worker_done_fn done;
	void *arg;
	struct job *next;
};

struct queue {
	struct job *head, *tail;
};

struct worker {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct queue todo, finished;
	size_t ntodo; /* jobs in todo */
	bool stopping;
	size_t pending; /* loop thread only */
	struct event *wake;
	struct event *again; /* the drain, continued after the loop's I/O */
	struct queue taken; /* loop only: finished, done callbacks not run */
	/* Worker thread only: the synced directory of this batch. */
	bool batch_synced;
	int sync_rc;
	char sync_err[256];
	char *sync_dir;
	int sync_fd;
};

static void
queue_push(struct queue *q, struct job *j)
{
	j->next = NULL;
	if (q->tail != NULL)
		q->tail->next = j;
	else
		q->head = j;
	q->tail = j;
}

/* Takes up to WORKER_BATCH jobs off the queue, in order; lock held. */
static struct job *
batch_take(struct worker *w)
{
	struct job *head = w->todo.head, *last = head;

	for (int n = 1; last != NULL && last->next != NULL && n < WORKER_BATCH;
	     n++)
		last = last->next;
	if (last == NULL)
		return NULL;
	for (struct job *j = head; j != last->next; j = j->next)
		w->ntodo--;
	w->todo.head = last->next;
	if (w->todo.head == NULL)
		w->todo.tail = NULL;
	last->next = NULL;
	return head;
}

/* Hands the finished jobs of done to the loop; done is left empty. */
static void
publish(struct worker *w, struct queue *done)
{
	if (done->head == NULL)
		return;
	pthread_mutex_lock(&w->lock);
	/* The loop drains until it finds the queue empty: one wake-up
	 * for the first jobs in an empty queue is enough. */
	if (w->finished.head == NULL)
		event_active(w->wake, EV_READ, 0);
	if (w->finished.tail != NULL)
		w->finished.tail->next = done->head;
	else
		w->finished.head = done->head;
	w->finished.tail = done->tail;
	pthread_mutex_unlock(&w->lock);
	*done = (struct queue){NULL, NULL};
}

static void
batch_run(struct worker *w, struct job *batch)
{
	struct queue done = {NULL, NULL};
	int n = 0;

	w->batch_synced = false;
	for (struct job *j = batch; j != NULL; j = j->next)
		if (j->stage != NULL)
			j->stage(j->arg);
	while (batch != NULL) {
		struct job *j = batch;

		batch = j->next;
		j->fn(j->arg);
		queue_push(&done, j);
		if (++n % WORKER_PUBLISH == 0)
			publish(w, &done);
	}
	publish(w, &done);
}

/*
 * Lock held: waits until WORKER_GATHER_MS after the last batch began,
 * or a whole batch is queued, or the worker stops.
 */
static void
gather(struct worker *w, const struct timespec *last)
{
	struct timespec until = *last;

	until.tv_nsec += WORKER_GATHER_MS * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	while (w->ntodo < WORKER_BATCH && !w->stopping &&
	    pthread_cond_timedwait(&w->cond, &w->lock, &until) == 0)
		;
}

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	struct timespec last = {0, 0};
	struct job *batch;

	pthread_mutex_lock(&w->lock);
	for (;;) {
		while (w->todo.head == NULL && !w->stopping)
			pthread_cond_wait(&w->cond, &w->lock);
		gather(w, &last);
		if ((batch = batch_take(w)) == NULL)
			break;
		clock_gettime(CLOCK_REALTIME, &last);
		pthread_mutex_unlock(&w->lock);
		batch_run(w, batch);
		pthread_mutex_lock(&w->lock);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

int
worker_sync(struct worker *w, const char *dir, char *err, size_t errlen)
{
	bool same = w->sync_dir != NULL && strcmp(w->sync_dir, dir) == 0;

	/* Once per batch, success or failure: after a failed sync no later
	 * one may vouch for this batch's writes. */
	if (w->batch_synced && same)
		goto out;
	if (!same) {
		free(w->sync_dir);
		w->sync_dir = strdup(dir);
		if (w->sync_fd >= 0)
			close(w->sync_fd);
		w->sync_fd = -1;
	}
	if (w->sync_fd < 0)
		w->sync_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	w->sync_rc = 0;
	if (w->sync_dir == NULL || w->sync_fd < 0 || syncfs(w->sync_fd) != 0) {
		snprintf(w->sync_err, sizeof(w->sync_err), "sync %s: %s", dir,
		    strerror(w->sync_dir == NULL ? ENOMEM : errno));
		w->sync_rc = -1;
		if (w->sync_fd >= 0)
			close(w->sync_fd);
		w->sync_fd = -1;
	}
	w->batch_synced = w->sync_dir != NULL;
out:
	if (w->sync_rc != 0)
		snprintf(err, errlen, "%s", w->sync_err);
	return w->sync_rc;
}

/*
 * Runs the done callbacks of at most max finished jobs, on the loop;
 * true when more are finished.
 */
static bool
drain_finished(struct worker *w, size_t max)
{
	bool more;

	for (size_t n = 0; n < max; n++) {
		struct job *j;

		if (w->taken.head == NULL) {
			/* All that is finished, taken under one lock. */
			pthread_mutex_lock(&w->lock);
			w->taken = w->finished;
			w->finished = (struct queue){NULL, NULL};
			pthread_mutex_unlock(&w->lock);
			if (w->taken.head == NULL)
				return false;
		}
		j = w->taken.head;
		w->taken.head = j->next;
		if (w->taken.head == NULL)
			w->taken.tail = NULL;
		w->pending--;
		if (j->done != NULL)
			j->done(j->arg);
		free(j);
	}
	pthread_mutex_lock(&w->lock);
	more = w->taken.head != NULL || w->finished.head != NULL;
	pthread_mutex_unlock(&w->lock);
	return more;
}

static void
wake_cb(evutil_socket_t fd, short what, void *arg)
{
	struct worker *w = arg;
	static const struct timeval now = {0, 0};

	(void)fd;
	(void)what;
	if (drain_finished(w, WORKER_DRAIN_MAX))
		evtimer_add(w->again, &now);
}

struct worker *
worker_new(struct event_base *base)
{
	struct worker *w = calloc(1, sizeof(*w));

	if (w == NULL)
		return NULL;
	w->sync_fd = -1;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->cond, NULL);
	w->wake = event_new(base, -1, 0, wake_cb, w);
	w->again = evtimer_new(base, wake_cb, w);
	if (w->wake == NULL || w->again == NULL ||
	    pthread_create(&w->thread, NULL, worker_main, w) != 0) {
		if (w->wake != NULL)
			event_free(w->wake);
		if (w->again != NULL)
			event_free(w->again);
		pthread_mutex_destroy(&w->lock);
		pthread_cond_destroy(&w->cond);
		free(w);
		return NULL;
	}
	return w;
}

int
worker_submit_staged(struct worker *w, worker_stage_fn stage, worker_job_fn run,
    worker_done_fn done, void *arg)
{
	struct job *j = calloc(1, sizeof(*j));

	if (j == NULL)
		return -1;
	j->stage = stage;
	j->fn = run;
	j->done = done;
	j->arg = arg;
	pthread_mutex_lock(&w->lock);
	if (w->stopping) {
		pthread_mutex_unlock(&w->lock);
		free(j);
		return -1;
	}
	queue_push(&w->todo, j);
	w->ntodo++;
	w->pending++;
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->lock);
	return 0;
}

int
worker_submit(
    struct worker *w, worker_job_fn fn, worker_done_fn done, void *arg)
{
	return worker_submit_staged(w, NULL, fn, done, arg);
}

size_t
worker_pending(const struct worker *w)
{
	return w->pending;
}

void
worker_free(struct worker *w)
{
	if (w == NULL)
		return;
	pthread_mutex_lock(&w->lock);
	w->stopping = true;
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	while (drain_finished(w, SIZE_MAX))
		;
	event_free(w->wake);
	event_free(w->again);
	if (w->sync_fd >= 0)
		close(w->sync_fd);
	free(w->sync_dir);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->cond);
	free(w);
}

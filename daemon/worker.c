/*
 * worker: a mutex-protected FIFO of jobs for the thread and a FIFO of
 * finished jobs for the loop.  The thread wakes the loop with
 * event_active() on a plain event, which libevent makes safe across
 * threads once evthread_use_pthreads() has been called; the loop's
 * callback drains every finished job it finds, so one wake-up may deliver
 * many.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include <event2/event.h>

#include "log.h"
#include "worker.h"

struct job {
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
	bool stopping;
	size_t pending; /* loop thread only */
	struct event *wake;
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

static struct job *
queue_pop(struct queue *q)
{
	struct job *j = q->head;

	if (j != NULL) {
		q->head = j->next;
		if (q->head == NULL)
			q->tail = NULL;
	}
	return j;
}

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	struct job *j;

	pthread_mutex_lock(&w->lock);
	for (;;) {
		while ((j = queue_pop(&w->todo)) == NULL && !w->stopping)
			pthread_cond_wait(&w->cond, &w->lock);
		if (j == NULL)
			break;
		pthread_mutex_unlock(&w->lock);
		j->fn(j->arg);
		pthread_mutex_lock(&w->lock);
		queue_push(&w->finished, j);
		event_active(w->wake, EV_READ, 0);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

/* Runs the done callbacks of finished jobs, on the loop. */
static void
drain_finished(struct worker *w)
{
	struct job *j;

	for (;;) {
		pthread_mutex_lock(&w->lock);
		j = queue_pop(&w->finished);
		pthread_mutex_unlock(&w->lock);
		if (j == NULL)
			return;
		w->pending--;
		if (j->done != NULL)
			j->done(j->arg);
		free(j);
	}
}

static void
wake_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	drain_finished(arg);
}

struct worker *
worker_new(struct event_base *base)
{
	struct worker *w = calloc(1, sizeof(*w));

	if (w == NULL)
		return NULL;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->cond, NULL);
	w->wake = event_new(base, -1, 0, wake_cb, w);
	if (w->wake == NULL ||
	    pthread_create(&w->thread, NULL, worker_main, w) != 0) {
		if (w->wake != NULL)
			event_free(w->wake);
		pthread_mutex_destroy(&w->lock);
		pthread_cond_destroy(&w->cond);
		free(w);
		return NULL;
	}
	return w;
}

int
worker_submit(
    struct worker *w, worker_job_fn fn, worker_done_fn done, void *arg)
{
	struct job *j = calloc(1, sizeof(*j));

	if (j == NULL)
		return -1;
	j->fn = fn;
	j->done = done;
	j->arg = arg;
	pthread_mutex_lock(&w->lock);
	if (w->stopping) {
		pthread_mutex_unlock(&w->lock);
		free(j);
		return -1;
	}
	queue_push(&w->todo, j);
	w->pending++;
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->lock);
	return 0;
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
	drain_finished(w);
	event_free(w->wake);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->cond);
	free(w);
}

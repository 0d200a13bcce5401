/*
 * test_worker: the worker's group commit.  Jobs queued together form one
 * batch: every stage step runs before any run step, so one worker_sync
 * covers the batch; a failed sync fails every job of its batch that asks
 * (no later sync may vouch for those writes), and the next batch syncs
 * again.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <event2/event.h>
#include <event2/thread.h>

#include "worker.h"

struct trace {
	struct event_base *base;
	struct worker *w;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool released; /* the gate job may finish */
	char log[256];
	const char *sync_dir; /* run steps sync this, or NULL */
	bool create_at_2; /* run step 2 creates sync_dir before its sync */
	int sync_rc[8];
	char sync_err[8][256];
	int done, expected;
};

struct step {
	struct trace *t;
	int n;
};

/* Appends "<what><n> " to the trace. */
static void
note(struct trace *t, char what, int n)
{
	size_t off = strlen(t->log);

	snprintf(t->log + off, sizeof(t->log) - off, "%c%d ", what, n);
}

/* Holds the worker until the test has queued the batch behind it. */
static void
gate_run(void *arg)
{
	struct trace *t = ((struct step *)arg)->t;

	pthread_mutex_lock(&t->lock);
	while (!t->released)
		pthread_cond_wait(&t->cond, &t->lock);
	pthread_mutex_unlock(&t->lock);
}

static void
stage(void *arg)
{
	struct step *s = arg;

	note(s->t, 's', s->n);
}

static void
run(void *arg)
{
	struct step *s = arg;

	note(s->t, 'r', s->n);
	if (s->t->create_at_2 && s->n == 2)
		assert_int_equal(mkdir(s->t->sync_dir, 0700), 0);
	if (s->t->sync_dir != NULL)
		s->t->sync_rc[s->n] = worker_sync(s->t->w, s->t->sync_dir,
		    s->t->sync_err[s->n], sizeof(s->t->sync_err[s->n]));
}

static void
done(void *arg)
{
	struct step *s = arg;

	if (++s->t->done == s->t->expected)
		event_base_loopbreak(s->t->base);
}

/*
 * Queues a gate (steps[0]) and n staged jobs behind it (steps[1..n]),
 * releases the gate, runs the loop until every job is done.
 */
static void
run_batch(struct trace *t, struct step *steps, int n)
{
	struct step *gate = &steps[0];

	*gate = (struct step){t, 0};
	t->log[0] = '\0';
	t->done = 0;
	t->expected = n + 1;
	t->released = false;
	assert_int_equal(worker_submit(t->w, gate_run, done, gate), 0);
	for (int i = 1; i <= n; i++) {
		steps[i] = (struct step){t, i};
		assert_int_equal(
		    worker_submit_staged(t->w, stage, run, done, &steps[i]), 0);
	}
	pthread_mutex_lock(&t->lock);
	t->released = true;
	pthread_cond_signal(&t->cond);
	pthread_mutex_unlock(&t->lock);
	/* The worker's wake-up is not a pending event: without the flag
	 * the loop would find nothing to wait for and return at once. */
	event_base_loop(t->base, EVLOOP_NO_EXIT_ON_EMPTY);
	assert_int_equal(t->done, n + 1);
	assert_int_equal(worker_pending(t->w), 0);
}

static int
setup(void **state)
{
	static struct trace t;

	memset(&t, 0, sizeof(t));
	evthread_use_pthreads();
	pthread_mutex_init(&t.lock, NULL);
	pthread_cond_init(&t.cond, NULL);
	if ((t.base = event_base_new()) == NULL ||
	    (t.w = worker_new(t.base)) == NULL)
		return -1;
	*state = &t;
	return 0;
}

static int
teardown(void **state)
{
	struct trace *t = *state;

	worker_free(t->w);
	event_base_free(t->base);
	pthread_mutex_destroy(&t->lock);
	pthread_cond_destroy(&t->cond);
	return 0;
}

static void
test_stages_run_before_runs(void **state)
{
	struct trace *t = *state;
	struct step steps[4];

	t->sync_dir = "/tmp";
	run_batch(t, steps, 3);
	assert_string_equal(t->log, "s1 s2 s3 r1 r2 r3 ");
	for (int i = 1; i <= 3; i++)
		assert_int_equal(t->sync_rc[i], 0);
}

/*
 * Job 1's sync fails (the directory is missing); job 2 creates the
 * directory, yet its sync fails too: the batch's writes were not made
 * durable, and no later sync may say they were.  The next batch syncs.
 */
static void
test_failed_sync_fails_the_whole_batch(void **state)
{
	struct trace *t = *state;
	struct step steps[4];
	char dir[64];

	snprintf(dir, sizeof(dir), "/tmp/pw-worker-%ld", (long)getpid());
	rmdir(dir);
	t->sync_dir = dir;
	t->create_at_2 = true;
	run_batch(t, steps, 3);
	t->create_at_2 = false;
	for (int i = 1; i <= 3; i++) {
		assert_int_equal(t->sync_rc[i], -1);
		assert_non_null(strstr(t->sync_err[i], "No such file"));
		assert_non_null(strstr(t->sync_err[i], dir));
	}
	run_batch(t, steps, 2);
	assert_int_equal(t->sync_rc[1], 0);
	assert_int_equal(t->sync_rc[2], 0);
	assert_int_equal(rmdir(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
		test_stages_run_before_runs, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_failed_sync_fails_the_whole_batch, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

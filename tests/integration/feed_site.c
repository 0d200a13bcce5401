/*
 * feed_site: a test's temporary site and feed server (feed_site.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>
#include <event2/thread.h>

#include "integration/feed_server.h"
#include "integration/feed_site.h"
#include "integration/harness.h"

void
feed_site_open(struct feed_site *s, const char *name)
{
	evthread_use_pthreads();
	assert_non_null(s->fs = feed_server_start());
	assert_int_equal(harness_temp_dir(s->dir, sizeof(s->dir), name), 0);
	snprintf(s->conf, sizeof(s->conf), "%s/planwatch.yaml", s->dir);
	snprintf(s->log, sizeof(s->log), "%s/run.log", s->dir);
	snprintf(s->data, sizeof(s->data), "%s/data", s->dir);
	snprintf(s->graphs, sizeof(s->graphs), "%s/graphs", s->dir);
}

void
feed_site_close(struct feed_site *s)
{
	feed_server_stop(s->fs);
	harness_remove_dir(s->dir);
}

struct feed_site *
feed_site_new(const char *name)
{
	struct feed_site *s = calloc(1, sizeof(*s));

	assert_non_null(s);
	feed_site_open(s, name);
	return s;
}

int
feed_site_teardown(void **state)
{
	struct feed_site *s = *state;

	feed_site_close(s);
	free(s);
	return 0;
}

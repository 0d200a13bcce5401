/*
 * test_hostile: planwatch against feeds that misbehave on purpose (a
 * hostile_server on 127.0.0.1 in this process): bytes that are not HTTP,
 * a chunked body cut before its last chunk, a body shorter than its
 * Content-Length, 10 MiB with and without Content-Length, a redirect
 * loop, a server that never answers and one that trickles.  Each test
 * writes a one-collector configuration with short limits and runs the
 * real binary with "once": it must exit 1 within its timeout, log the
 * collector, the indicator and the reason, report no sanitizer error and
 * store nothing (no journal, no RRD).  A well-behaved /ok feed is the
 * control: same limits, its value is stored.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "integration/harness.h"
#include "integration/hostile_server.h"

/* The collector's timeout, and the slack allowed for an ASan start-up. */
#define TIMEOUT_S 4.0
#define SLACK_S 3.0

struct env {
	char dir[256];
	char log[300];
	char conf[300];
	char data[300];
	struct hostile_server *hs;
};

/*
 * A hostile feed: the collector id, the path served, the collector's
 * low_speed_time (the one limit a test changes), extra collector keys,
 * the requests the run makes, and the reason the run must log.
 */
struct hostile_case {
	const char *id;
	const char *path;
	const char *low_speed_time;
	const char *extra;
	int hits;
	const char *reason;
};

/* A configuration with the one collector of c, with the short limits. */
static void
configure(struct env *e, const struct hostile_case *c)
{
	char text[4096];

	snprintf(text, sizeof(text),
	    "data_dir: data-%s\ngraph_dir: graphs-%s\nstate_dir: state-%s\n"
	    "log_level: debug\n"
	    "collectors:\n"
	    "  - id: %s\n    url: \"http://127.0.0.1:%d%s\"\n"
	    "    format: json\n    timeout: %gs\n    connect_timeout: 2s\n"
	    "    low_speed_time: %s\n    low_speed_limit: 100\n"
	    "    max_bytes: 1M\n%s"
	    "indicators:\n"
	    "  - id: %s_ind\n    name: n\n    unit: u\n    frequency: annual\n"
	    "    collector: %s\n    stale_after: 3650d\n"
	    "    selector: {observations: /data, period: /year, value: "
	    "/value}\n",
	    c->id, c->id, c->id, c->id, hostile_server_port(e->hs), c->path,
	    TIMEOUT_S, c->low_speed_time, c->extra, c->id, c->id);
	snprintf(e->conf, sizeof(e->conf), "%s/%s.yaml", e->dir, c->id);
	snprintf(e->log, sizeof(e->log), "%s/%s.log", e->dir, c->id);
	snprintf(e->data, sizeof(e->data), "%s/data-%s", e->dir, c->id);
	harness_write(e->conf, text);
}

static double
seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Runs "planwatch once"; checks its status, its time and its log. */
static void
run_once(struct env *e, const char *id, int want)
{
	struct timespec t0;
	double took;
	int status;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	status = harness_run(e->log, e->conf, "once");
	took = seconds_since(&t0);
	print_message("  %s: planwatch once took %.2f s\n", id, took);
	harness_log_clean(e->log); /* first: a crash prints its report */
	assert_int_equal(status, want);
	assert_true(took < TIMEOUT_S + SLACK_S);
}

/*
 * The feed of c must fail the run, after c->hits requests, with its
 * reason in the log line of the collector and its indicator, and leave
 * nothing in the data_dir.
 */
static void
expect_failure(struct env *e, const struct hostile_case *c)
{
	char line[512], name[128];
	int before = hostile_server_hits(e->hs, c->path);

	configure(e, c);
	run_once(e, c->id, 1);
	assert_int_equal(hostile_server_hits(e->hs, c->path) - before, c->hits);
	snprintf(line, sizeof(line), "collector %s, indicator %s_ind: %s",
	    c->id, c->id, c->reason);
	harness_log_has(e->log, line);
	harness_log_lacks(e->log, "new or revised");
	snprintf(name, sizeof(name), "%s_ind.journal", c->id);
	assert_false(harness_exists(e->data, name));
	snprintf(name, sizeof(name), "%s_ind.rrd", c->id);
	assert_false(harness_exists(e->data, name));
}

static int
group_setup(void **state)
{
	static struct env e;

	if (harness_temp_dir(e.dir, sizeof(e.dir), "hostile") != 0 ||
	    getenv("PW_BINARY") == NULL ||
	    (e.hs = hostile_server_start()) == NULL)
		return -1;
	if (chdir(e.dir) != 0)
		return -1;
	*state = &e;
	return 0;
}

static int
group_teardown(void **state)
{
	struct env *e = *state;
	char cmd[512];

	hostile_server_stop(e->hs);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", e->dir);
	return getenv("PW_KEEP") == NULL && system(cmd) != 0 ? -1 : 0;
}

/* The control: the same limits let a well-behaved feed through. */
static void
test_ok_stored(void **state)
{
	static const struct hostile_case c = {"ok", "/ok", "2s", "", 1, NULL};
	struct env *e = *state;

	configure(e, &c);
	run_once(e, c.id, 0);
	harness_log_has(e->log, "indicator ok_ind: 1 new or revised");
	assert_true(harness_exists(e->data, "ok_ind.journal"));
	assert_true(harness_exists(e->data, "ok_ind.rrd"));
	assert_int_equal(hostile_server_hits(e->hs, "/ok"), 1);
}

/* Not HTTP at all: libcurl refuses an HTTP/0.9 answer. */
static void
test_garbage(void **state)
{
	static const struct hostile_case c = {"garbage", "/garbage", "2s", "",
	    1, "Received HTTP/0.9 when not allowed"};

	expect_failure(*state, &c);
}

/* The one chunk holds a whole feed: only the missing end fails it. */
static void
test_chunked_truncated(void **state)
{
	static const struct hostile_case c = {"chunked", "/chunked-truncated",
	    "2s", "", 1,
	    "transfer closed with outstanding read data remaining"};

	expect_failure(*state, &c);
}

/* The 100 bytes are a whole feed too. */
static void
test_short_length(void **state)
{
	static const struct hostile_case c = {"short", "/short-length", "2s",
	    "", 1, "transfer closed with 900 bytes remaining to read"};

	expect_failure(*state, &c);
}

/* Refused from its Content-Length (CURLOPT_MAXFILESIZE). */
static void
test_huge(void **state)
{
	static const struct hostile_case c = {"huge", "/huge", "2s", "", 1,
	    "body larger than max_bytes (1048576)"};

	expect_failure(*state, &c);
}

/* No Content-Length: the write callback cuts it. */
static void
test_huge_chunked(void **state)
{
	static const struct hostile_case c = {"hugechunked", "/huge-chunked",
	    "2s", "", 1, "body larger than max_bytes (1048576)"};

	expect_failure(*state, &c);
}

/* Three redirects followed (four requests), then the run fails. */
static void
test_redirect_loop(void **state)
{
	static const struct hostile_case c = {"loop", "/loop", "2s",
	    "    redirects: 3\n", 4, "Maximum (3) redirects followed"};

	expect_failure(*state, &c);
}

/*
 * A server that never answers: the low-speed limit (nothing at all for
 * low_speed_time) cuts the transfer before the whole timeout.
 */
static void
test_silent(void **state)
{
	static const struct hostile_case c = {"silent", "/silent", "2s", "", 1,
	    "Operation too slow. Less than 100 bytes/sec transferred the "
	    "last 2 seconds"};

	expect_failure(*state, &c);
}

/*
 * With the low-speed cut-off out of the way, the timeout ends it; libcurl
 * prints the milliseconds it measured (4000 to 4003 seen), so only their
 * first digit is checked.
 */
static void
test_silent_timeout(void **state)
{
	static const struct hostile_case c = {"silenttimeout", "/silent", "30s",
	    "", 1, "Operation timed out after 4"};
	struct env *e = *state;

	expect_failure(e, &c);
	harness_log_has(e->log, " milliseconds with 0 bytes received");
}

/* One byte every 2 s is under 100 bytes/s for low_speed_time. */
static void
test_trickle(void **state)
{
	static const struct hostile_case c = {"trickle", "/trickle", "2s", "",
	    1,
	    "Operation too slow. Less than 100 bytes/sec transferred the "
	    "last 2 seconds"};

	expect_failure(*state, &c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ok_stored),
	    cmocka_unit_test(test_garbage),
	    cmocka_unit_test(test_chunked_truncated),
	    cmocka_unit_test(test_short_length),
	    cmocka_unit_test(test_huge),
	    cmocka_unit_test(test_huge_chunked),
	    cmocka_unit_test(test_redirect_loop),
	    cmocka_unit_test(test_silent),
	    cmocka_unit_test(test_silent_timeout),
	    cmocka_unit_test(test_trickle),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}

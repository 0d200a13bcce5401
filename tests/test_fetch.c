/*
 * test_fetch: how planwatch fetches, against an evhttp feed server on
 * 127.0.0.1 in this process: conditional GET (ETag, 304), Authorization
 * from an environment variable or a file (and never in the log),
 * redirects off unless configured, back-off with Retry-After and
 * feed_error only after fail_after failures (the daemon, run for a few
 * seconds), periods in the future ignored, the cap on transfers at once
 * (and a queued transfer's timeout not running while it waits), paged
 * answers (page=N put into the query, past a fragment, in place of a
 * page= already there).  Each test
 * writes its own one-collector configuration and runs the real planwatch
 * binary.
 */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <event2/thread.h>

#include "integration/feed_server.h"
#include "integration/harness.h"

struct env {
	char dir[256];
	char log[300];
	char conf[300];
	struct feed_server *fs;
};

static const char feed[] =
    "{\"data\": [{\"year\": \"2020\", \"value\": 902.27},"
    " {\"year\": \"2021\", \"value\": 1030.11}]}";

/* A configuration with one collector reading path, plus extra keys. */
static void
configure(struct env *e, const char *id, const char *path, const char *extra)
{
	char text[4096];

	snprintf(text, sizeof(text),
	    "data_dir: data-%s\ngraph_dir: graphs-%s\nstate_dir: state-%s\n"
	    "log_level: debug\nlisten: \"127.0.0.1:0\"\n"
	    "collectors:\n"
	    "  - id: %s\n    url: \"http://127.0.0.1:%d%s\"\n"
	    "    format: json\n    timeout: 5s\n%s"
	    "indicators:\n"
	    "  - id: %s_ind\n    name: n\n    unit: u\n    frequency: annual\n"
	    "    collector: %s\n    stale_after: 3650d\n"
	    "    selector: {observations: /data, period: /year, value: "
	    "/value}\n",
	    id, id, id, id, feed_server_port(e->fs), path, extra, id, id);
	snprintf(e->conf, sizeof(e->conf), "%s/%s.yaml", e->dir, id);
	snprintf(e->log, sizeof(e->log), "%s/%s.log", e->dir, id);
	harness_write(e->conf, text);
}

static char *
state_file(const struct env *e, const char *id, const char *name)
{
	char path[600];

	snprintf(path, sizeof(path), "%s/%s-%s/%s", e->dir, "state", id, name);
	return harness_read_state(path);
}

static int
group_setup(void **state)
{
	static struct env e;

	evthread_use_pthreads();
	if (harness_temp_dir(e.dir, sizeof(e.dir), "fetch") != 0 ||
	    getenv("PW_BINARY") == NULL || (e.fs = feed_server_start()) == NULL)
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

	feed_server_stop(e->fs);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", e->dir);
	return getenv("PW_KEEP") == NULL && system(cmd) != 0 ? -1 : 0;
}

static void
test_conditional_get(void **state)
{
	struct env *e = *state;
	char inm[128], *st;

	feed_server_set(e->fs, "/etag.json", 200, feed, strlen(feed));
	feed_server_extra(e->fs, "/etag.json", "\"v1\"", NULL, -1, NULL);
	configure(e, "cond", "/etag.json", "");
	assert_int_equal(harness_run(e->log, e->conf, "once"), 0);
	harness_log_clean(e->log);
	st = state_file(e, "cond", "collectors.json");
	assert_non_null(st);
	assert_non_null(strstr(st, "\"etag\":\"\\\"v1\\\"\""));
	free(st);
	/* The second run asks conditionally and gets a 304. */
	assert_int_equal(harness_run(e->log, e->conf, "once"), 0);
	feed_server_last_inm(e->fs, "/etag.json", inm, sizeof(inm));
	assert_string_equal(inm, "\"v1\"");
	harness_log_has(e->log, "collector cond: not modified");
	harness_log_lacks(e->log, "new or revised");
	assert_int_equal(feed_server_hits(e->fs, "/etag.json"), 2);
}

/* A `once` run on its own thread, so that the test acts meanwhile. */
struct once_run {
	const struct env *e;
	int rc;
};

static void *
once_thread(void *arg)
{
	struct once_run *o = arg;

	o->rc = harness_run(o->e->log, o->e->conf, "once");
	return NULL;
}

/*
 * When the observations cannot be journaled (the journal cannot be
 * created),
 * the response's ETag is not kept: the next fetch is unconditional and
 * brings the data again, instead of a 304 that would lose them.
 */
static void
test_validators_kept_only_once_stored(void **state)
{
	struct env *e = *state;
	char blocker[400], inm[128], *st;
	struct once_run o = {e, -1};
	pthread_t t;

	feed_server_set(e->fs, "/etag2.json", 200, feed, strlen(feed));
	feed_server_extra(e->fs, "/etag2.json", "\"v2\"", NULL, -1, NULL);
	configure(e, "nostore", "/etag2.json", "");
	/* A journal that cannot be created (root ignores file modes, so a
	 * read-only directory would not do): a symlink planted at its name
	 * once the run has read the journals (one there at the start stops
	 * the run: test_links), while the answer is held back. */
	snprintf(blocker, sizeof(blocker), "%s/data-nostore", e->dir);
	mkdir(blocker, 0755);
	snprintf(blocker, sizeof(blocker),
	    "%s/data-nostore/nostore_ind.journal", e->dir);
	feed_server_delay(e->fs, 1500);
	assert_int_equal(pthread_create(&t, NULL, once_thread, &o), 0);
	for (int i = 0; i < 500 && feed_server_hits(e->fs, "/etag2.json") == 0;
	     i++)
		usleep(20000);
	assert_int_equal(symlink("/nonexistent-planwatch/journal", blocker), 0);
	assert_int_equal(pthread_join(t, NULL), 0);
	feed_server_delay(e->fs, 0);
	assert_int_equal(o.rc, 1);
	harness_log_has(e->log, "indicator nostore_ind: nothing stored");
	harness_log_has(e->log, "nostore_ind.journal: is a symbolic link");
	st = state_file(e, "nostore", "collectors.json");
	assert_non_null(st);
	assert_non_null(strstr(st, "\"etag\":\"\""));
	free(st);
	unlink(blocker);
	assert_int_equal(harness_run(e->log, e->conf, "once"), 0);
	feed_server_last_inm(e->fs, "/etag2.json", inm, sizeof(inm));
	assert_string_equal(inm, "");
	harness_log_has(e->log, "indicator nostore_ind: 2 new or revised");
}

static void
test_auth_from_environment_never_logged(void **state)
{
	struct env *e = *state;

	feed_server_set(e->fs, "/auth.json", 200, feed, strlen(feed));
	feed_server_extra(
	    e->fs, "/auth.json", NULL, NULL, -1, "Bearer s3cret-token");
	configure(e, "auth", "/auth.json", "    auth_env: PW_TEST_TOKEN\n");
	unsetenv("PW_TEST_TOKEN");
	assert_int_equal(harness_run(e->log, e->conf, "once"), 1);
	harness_log_has(
	    e->log, "auth_env: environment variable PW_TEST_TOKEN is not set");
	setenv("PW_TEST_TOKEN", "Bearer wrong", 1);
	assert_int_equal(harness_run(e->log, e->conf, "once"), 1);
	harness_log_has(e->log, "HTTP status 401");
	setenv("PW_TEST_TOKEN", "Bearer s3cret-token", 1);
	assert_int_equal(harness_run(e->log, e->conf, "once"), 0);
	harness_log_has(e->log, "indicator auth_ind: 2 new or revised");
	harness_log_lacks(e->log, "s3cret");
	unsetenv("PW_TEST_TOKEN");
}

static void
test_auth_from_file(void **state)
{
	struct env *e = *state;
	char path[400], extra[512];

	snprintf(path, sizeof(path), "%s/token", e->dir);
	harness_write(path, "Bearer s3cret-token\n");
	snprintf(extra, sizeof(extra), "    auth_file: %s\n", path);
	configure(e, "authfile", "/auth.json", extra);
	/* A secret others can read is refused, with the fix. */
	chmod(path, 0640);
	assert_int_equal(harness_run(e->log, e->conf, "once"), 1);
	harness_log_has(e->log, "collector authfile: auth_file ");
	harness_log_has(e->log, "readable by others (mode 640); run chmod 600");
	chmod(path, 0600);
	/* So is one someone else owns (who may open it up again or put
	 * another secret in it); giving it away needs root. */
	if (geteuid() == 0) {
		assert_int_equal(chown(path, 65534, 65534), 0);
		assert_int_equal(harness_run(e->log, e->conf, "once"), 1);
		harness_log_has(e->log, "collector authfile: auth_file ");
		harness_log_has(
		    e->log, "(uid 65534), not by root; run chown root");
		assert_int_equal(chown(path, 0, 0), 0);
	}
	assert_int_equal(harness_run(e->log, e->conf, "once"), 0);
	harness_log_has(e->log, "indicator authfile_ind: 2 new or revised");
	harness_log_lacks(e->log, "s3cret");
}

static void
test_redirects_off_unless_configured(void **state)
{
	struct env *e = *state;

	feed_server_set(e->fs, "/moved", 302, "", 0);
	feed_server_extra(e->fs, "/moved", NULL, "/etag.json", -1, NULL);
	configure(e, "noredir", "/moved", "");
	assert_int_equal(harness_run(e->log, e->conf, "once"), 1);
	harness_log_has(e->log, "HTTP status 302: redirects are off");
	configure(e, "redir", "/moved", "    redirects: 2\n");
	assert_int_equal(harness_run(e->log, e->conf, "once"), 0);
	harness_log_has(e->log, "indicator redir_ind: 2 new or revised");
}

/*
 * The daemon retries a failing feed with back-off; Retry-After (1 s)
 * beats the shorter back-off, and the indicator becomes feed_error only
 * at the second failure (fail_after: 2).
 */
static void
test_retry_after_and_fail_after(void **state)
{
	struct env *e = *state;
	pid_t pid;

	feed_server_set(e->fs, "/busy", 503, "{}", 2);
	feed_server_extra(e->fs, "/busy", NULL, NULL, 1, NULL);
	configure(e, "busy", "/busy",
	    "    fail_after: 2\n    retry_initial: 0.2s\n"
	    "    retry_max: 0.5s\n");
	pid = harness_start(e->log, e->conf);
	sleep(4);
	harness_stop(pid);
	harness_log_clean(e->log);
	/* One key=value line per fetch; failures in a row of fail_after. */
	harness_log_has(e->log,
	    "warn: event=fetch collector=busy outcome=http_status status=503 ");
	harness_log_has(e->log, " failures=1/2 error=\"HTTP status 503\"");
	harness_log_has(e->log, "collector busy: retry in 1 s (failure 1");
	harness_log_has(
	    e->log, "collector busy, indicator busy_ind: HTTP status 503");
	assert_true(feed_server_hits(e->fs, "/busy") >= 3);
	assert_true(feed_server_hits(e->fs, "/busy") <= 5);
}

/* Loads a fixture and serves it at path. */
static void
serve_fixture(struct env *e, const char *path, const char *name)
{
	char file[600], *text;
	size_t len;

	snprintf(file, sizeof(file), "%s/%s", getenv("PW_FIXTURES"), name);
	assert_non_null(text = harness_read(file, &len));
	feed_server_set(e->fs, path, 200, text, len);
	free(text);
}

/* A configuration with one worldbank collector reading path. */
static void
configure_worldbank(struct env *e, const char *id, const char *path)
{
	char text[4096];

	snprintf(text, sizeof(text),
	    "data_dir: data-%s\ngraph_dir: graphs-%s\nstate_dir: state-%s\n"
	    "log_level: debug\ncollectors:\n"
	    "  - id: %s\n    url: \"http://127.0.0.1:%d%s\"\n"
	    "    format: worldbank\n    timeout: 5s\n"
	    "indicators:\n  - id: %s_ind\n    name: n\n"
	    "    unit: u\n    frequency: annual\n"
	    "    collector: %s\n    stale_after: 3650d\n"
	    "    selector: {series: {country: CN}}\n",
	    id, id, id, id, feed_server_port(e->fs), path, id, id);
	snprintf(e->conf, sizeof(e->conf), "%s/%s.yaml", e->dir, id);
	snprintf(e->log, sizeof(e->log), "%s/%s.log", e->dir, id);
	harness_write(e->conf, text);
}

/*
 * Serves the three World Bank pages: the first at base (whatever the
 * query), pages 2 and 3 at base?query&page=N.
 */
static void
serve_pages(struct env *e, const char *base, const char *query)
{
	char path[256];

	serve_fixture(e, base, "worldbank/cn_pop_p1.json");
	for (int n = 2; n <= 3; n++) {
		snprintf(path, sizeof(path), "%s?%s%spage=%d", base, query,
		    *query ? "&" : "", n);
		serve_fixture(e, path,
		    n == 2 ? "worldbank/cn_pop_p2.json"
			   : "worldbank/cn_pop_p3.json");
	}
}

/* The run of collector id stored all 13 years, and asked for page 3. */
static void
expect_pages_read(struct env *e, const char *id, const char *page3)
{
	char path[600], line[128], *journal;
	int status = harness_run(e->log, e->conf, "once");

	harness_log_clean(e->log);
	snprintf(line, sizeof(line), "indicator %s_ind: 13 new or revised", id);
	harness_log_has(e->log, line); /* first: it prints the log */
	assert_int_equal(status, 0);
	assert_int_equal(feed_server_hits(e->fs, page3), 1);
	snprintf(
	    path, sizeof(path), "%s/data-%s/%s_ind.journal", e->dir, id, id);
	journal = harness_read(path, NULL);
	assert_non_null(journal);
	assert_non_null(
	    strstr(journal, "{\"period\":\"2011\",\"value\":1345035000"));
	assert_non_null(
	    strstr(journal, "{\"period\":\"2023\",\"value\":1410710000"));
	free(journal);
}

/*
 * A World Bank answer in three pages: the first is fetched as configured,
 * pages 2 and 3 with page=N added, and all 13 years are stored.
 */
static void
test_paged_answer_read_whole(void **state)
{
	struct env *e = *state;

	serve_pages(e, "/wb", "format=json");
	configure_worldbank(e, "paged", "/wb?format=json");
	expect_pages_read(e, "paged", "/wb?format=json&page=3");
}

/*
 * The page parameter goes into the query, never after a fragment (which
 * libcurl does not send: the server would see page 1 again).
 */
static void
test_paged_url_with_fragment(void **state)
{
	struct env *e = *state;

	serve_pages(e, "/wbfrag", "format=json");
	configure_worldbank(e, "pagedfrag", "/wbfrag?format=json#rows");
	expect_pages_read(e, "pagedfrag", "/wbfrag?format=json&page=3");
}

/* A page= in the configured URL is replaced, not repeated. */
static void
test_paged_url_with_page(void **state)
{
	struct env *e = *state;

	serve_pages(e, "/wbpage", "format=json&per_page=5");
	configure_worldbank(
	    e, "pagedpage", "/wbpage?page=1&format=json&per_page=5");
	expect_pages_read(
	    e, "pagedpage", "/wbpage?format=json&per_page=5&page=3");
}

static void
test_future_periods_ignored(void **state)
{
	struct env *e = *state;
	static const char future[] =
	    "{\"data\": [{\"year\": \"2021\", \"value\": 1},"
	    " {\"year\": \"2099\", \"value\": 2},"
	    " {\"year\": \"2098\", \"value\": 3}]}";

	feed_server_set(e->fs, "/future.json", 200, future, strlen(future));
	configure(e, "future", "/future.json", "");
	assert_int_equal(harness_run(e->log, e->conf, "once"), 0);
	harness_log_has(e->log,
	    "collector future, indicator future_ind: 2 period(s) in the "
	    "future ignored, first 2098");
	harness_log_has(e->log, "indicator future_ind: 1 new or revised");
}

/*
 * Eight feeds that answer after 400 ms each, with max_transfers 2 and a
 * 1 s timeout: the server never holds more than two answers at once, and
 * all eight arrive although the last ones waited 1.2 s in planwatch's
 * queue, because a transfer's clock starts when it leaves the queue.
 */
static void
test_transfer_cap_and_queue_time(void **state)
{
	struct env *e = *state;
	char text[8192], ind[64];
	size_t off = 0;

	feed_server_set(e->fs, "/slow.json", 200, feed, strlen(feed));
	off += (size_t)snprintf(text + off, sizeof(text) - off,
	    "data_dir: data-cap\ngraph_dir: graphs-cap\n"
	    "state_dir: state-cap\nlog_level: info\ngraphs: false\n"
	    "max_transfers: 2\nmax_per_host: 2\ncollectors:\n");
	for (int i = 0; i < 8; i++)
		off += (size_t)snprintf(text + off, sizeof(text) - off,
		    "  - {id: cap%d, url: \"http://127.0.0.1:%d/slow.json\", "
		    "format: json, timeout: 1s}\n",
		    i, feed_server_port(e->fs));
	off +=
	    (size_t)snprintf(text + off, sizeof(text) - off, "indicators:\n");
	for (int i = 0; i < 8; i++)
		off += (size_t)snprintf(text + off, sizeof(text) - off,
		    "  - {id: cap%d_ind, name: n, unit: u, frequency: annual, "
		    "collector: cap%d, stale_after: 3650d, selector: "
		    "{observations: /data, period: /year, value: /value}}\n",
		    i, i);
	snprintf(e->conf, sizeof(e->conf), "%s/cap.yaml", e->dir);
	snprintf(e->log, sizeof(e->log), "%s/cap.log", e->dir);
	harness_write(e->conf, text);
	feed_server_delay(e->fs, 400);
	assert_int_equal(harness_run(e->log, e->conf, "once"), 0);
	feed_server_delay(e->fs, 0);
	harness_log_clean(e->log);
	for (int i = 0; i < 8; i++) {
		snprintf(ind, sizeof(ind), "indicator cap%d_ind: 2 new", i);
		harness_log_has(e->log, ind);
	}
	assert_int_equal(feed_server_hits(e->fs, "/slow.json"), 8);
	assert_int_equal(feed_server_peak_waiting(e->fs), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_conditional_get),
	    cmocka_unit_test(test_validators_kept_only_once_stored),
	    cmocka_unit_test(test_auth_from_environment_never_logged),
	    cmocka_unit_test(test_auth_from_file),
	    cmocka_unit_test(test_redirects_off_unless_configured),
	    cmocka_unit_test(test_retry_after_and_fail_after),
	    cmocka_unit_test(test_future_periods_ignored),
	    cmocka_unit_test(test_paged_answer_read_whole),
	    cmocka_unit_test(test_paged_url_with_fragment),
	    cmocka_unit_test(test_paged_url_with_page),
	    cmocka_unit_test(test_transfer_cap_and_queue_time),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}

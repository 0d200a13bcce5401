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
 *
 * Validators: a feed whose ETag or Last-Modified holds a control byte (a
 * bare CR followed by a header of its own, a 0x01) must not get it back in
 * a later request of the daemon, nor into collectors.json; a
 * collectors.json planted with such validators is ignored at start.  The
 * server keeps the raw head of each path's last request: the test reads
 * what planwatch sent, byte for byte.
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
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "clock.h"
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

/*
 * A configuration with the one collector of c, with the short limits;
 * group_wait 0 makes the daemon write collectors.json after each cycle.
 */
static void
configure(struct env *e, const struct hostile_case *c)
{
	char text[4096];

	snprintf(text, sizeof(text),
	    "data_dir: data-%s\ngraph_dir: graphs-%s\nstate_dir: state-%s\n"
	    "log_level: debug\ngroup_wait: 0s\n"
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

/* Runs "planwatch once"; checks its status, its time and its log. */
static void
run_once(struct env *e, const char *id, int want)
{
	double t0, took;
	int status;

	t0 = clock_now_mono();
	status = harness_run(e->log, e->conf, "once");
	took = clock_now_mono() - t0;
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

/* The longest a daemon test waits for the fetches it needs. */
#define DAEMON_WAIT_S 20

/*
 * Runs the daemon of collector id until path was asked for n times and
 * its collectors.json is written (the daemon writes it after a cycle, not
 * when it stops); fails if that does not come.
 */
static void
run_daemon_for_hits(struct env *e, const char *id, const char *path, int n)
{
	pid_t pid = harness_start(e->log, e->conf);
	char state[600];
	int waited = 0, rc;

	snprintf(state, sizeof(state), "%s/state-%s", e->dir, id);
	while ((hostile_server_hits(e->hs, path) < n ||
		   !harness_exists(state, "collectors.json")) &&
	    waited < DAEMON_WAIT_S * 10) {
		usleep(100000);
		waited++;
	}
	if ((rc = harness_stop(pid)) != 0) {
		/* Say why: the daemon's own words. */
		char *log = harness_read(e->log, NULL);

		fail_msg("planwatch run exited %d; its log:\n%s", rc,
		    log != NULL ? log : "(none)");
	}
	harness_log_clean(e->log);
	assert_true(hostile_server_hits(e->hs, path) >= n);
}

/* Prints head with its control bytes as \xNN, one request line a line. */
static void
print_head(const char *head)
{
	for (const char *p = head; *p != '\0'; p++) {
		unsigned char b = (unsigned char)*p;

		if (b == '\r' && p[1] == '\n')
			continue;
		if (b == '\n')
			fputc('\n', stderr);
		else if (b < 0x20 || b == 0x7f)
			fprintf(stderr, "\\x%02x", b);
		else
			fputc(b, stderr);
	}
}

/*
 * A request head as planwatch must send it: no Authorization (none is
 * configured), and no control byte but the CRLF that ends each line.
 */
static void
expect_clean_head(const char *head)
{
	const char *bad = strstr(head, "Authorization");

	for (const char *p = head; bad == NULL && *p != '\0'; p++) {
		unsigned char b = (unsigned char)*p;

		if (b == '\r' && p[1] == '\n')
			p++;
		else if (b < 0x20 || b == 0x7f)
			bad = p;
	}
	if (bad != NULL) {
		fprintf(stderr, "request head sent, bad at offset %td:\n",
		    bad - head);
		print_head(head);
		fail();
	}
}

/* How many times what occurs in the file at path. */
static int
count_in_file(const char *path, const char *what)
{
	char *text = harness_read(path, NULL);
	int n = 0;

	assert_non_null(text);
	for (const char *p = text; (p = strstr(p, what)) != NULL; p++)
		n++;
	free(text);
	return n;
}

/* Text of the collector state file of collector id (caller frees). */
static char *
collectors_json(const struct env *e, const char *id)
{
	char path[600];

	snprintf(path, sizeof(path), "%s/state-%s/collectors.json", e->dir, id);
	return harness_read_state(path);
}

/*
 * ETag: "v1"<CR>Authorization: x.  libcurl's header API ends the value at
 * the CR, so "v1" may be kept and sent back; what follows the CR must
 * never be, neither in the next request of the same daemon nor in the
 * state file.
 */
static void
test_validator_cr_not_sent_back(void **state)
{
	static const struct hostile_case c = {
	    "valcr", "/validator-cr", "2s", "    interval: 1s\n", 0, NULL};
	struct env *e = *state;
	char head[8200], *st;

	configure(e, &c);
	run_daemon_for_hits(e, c.id, c.path, 2);
	hostile_server_last_head(e->hs, c.path, head, sizeof(head));
	expect_clean_head(head);
	assert_non_null(st = collectors_json(e, c.id));
	assert_null(strstr(st, "Authorization"));
	assert_null(strstr(st, "\\r"));
	free(st);
}

/*
 * An ETag and a Last-Modified with a 0x01 byte: neither is kept, neither
 * is sent back, and the refusal is logged once, not at every fetch.
 */
static void
test_validator_control_byte_dropped(void **state)
{
	static const struct hostile_case c = {
	    "valctl", "/validator-ctl", "2s", "    interval: 1s\n", 0, NULL};
	struct env *e = *state;
	char head[8200], *st;

	configure(e, &c);
	run_daemon_for_hits(e, c.id, c.path, 3);
	hostile_server_last_head(e->hs, c.path, head, sizeof(head));
	expect_clean_head(head);
	assert_null(strstr(head, "If-None-Match"));
	assert_null(strstr(head, "If-Modified-Since"));
	assert_non_null(st = collectors_json(e, c.id));
	assert_null(strstr(st, "\\u0001"));
	assert_non_null(strstr(st, "\"etag\":\"\""));
	assert_non_null(strstr(st, "\"last_modified\":\"\""));
	free(st);
	harness_log_has(e->log,
	    "collector valctl: validators refused (not kept, not sent back): "
	    "ETag: control byte 0x01 at offset 2; Last-Modified: control "
	    "byte 0x01 at offset 29");
	assert_int_equal(
	    count_in_file(e->log, "collector valctl: validators refused"), 1);
}

/*
 * A collectors.json planted with validators that would add a header (a
 * 0x01 in the ETag, a CRLF and an Authorization in the Last-Modified):
 * both are ignored at start, with a line naming the file and the
 * collector, and the fetch is unconditional.
 */
static void
test_planted_validators_ignored(void **state)
{
	static const struct hostile_case c = {
	    "planted", "/ok", "2s", "", 0, NULL};
	struct env *e = *state;
	char path[600], head[8200], *st;

	configure(e, &c);
	snprintf(path, sizeof(path), "%s/state-planted", e->dir);
	mkdir(path, 0755);
	snprintf(
	    path, sizeof(path), "%s/state-planted/collectors.json", e->dir);
	harness_write(path,
	    "{\"planted\": {\"etag\": \"\\\"v\\u0001\\\"\", "
	    "\"last_modified\": \"Wed, 21 Oct 2015 07:28:00 GMT\\r\\n"
	    "Authorization: x\", \"failures\": 0}}\n");
	run_once(e, c.id, 0);
	hostile_server_last_head(e->hs, c.path, head, sizeof(head));
	expect_clean_head(head);
	assert_null(strstr(head, "If-None-Match"));
	assert_null(strstr(head, "If-Modified-Since"));
	harness_log_has(e->log,
	    "state-planted/collectors.json: collector "
	    "planted: etag ignored: control byte 0x01 at offset 2");
	harness_log_has(e->log,
	    "state-planted/collectors.json: collector "
	    "planted: last_modified ignored: control byte 0x0d at offset 29");
	assert_non_null(st = collectors_json(e, c.id));
	assert_null(strstr(st, "Authorization"));
	assert_null(strstr(st, "\\u0001"));
	free(st);
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
	    cmocka_unit_test(test_validator_cr_not_sent_back),
	    cmocka_unit_test(test_validator_control_byte_dropped),
	    cmocka_unit_test(test_planted_validators_ignored),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}

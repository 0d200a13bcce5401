/*
 * test_flood: planwatch run while its HTTP port is flooded with more
 * idle connections than it may hold, each sending half a request and
 * then a byte a second (issue 15: ~1,100 such clients exhausted the
 * descriptors; accept() failed in a busy loop that wrote hundreds of MB
 * of log, and fetches, alerts.json and the outbox failed with it).  The
 * daemon runs with its limit on open files at 256, so that 300
 * connections are a flood.  Meanwhile a collector fetches a breached
 * value from the feed server and the alert mail must reach the SMTP sink
 * (tests/integration/smtp_sink.py); once the flood ends /healthz answers;
 * the log stays small.  A second test runs the cap and the header
 * deadline through their configuration keys, and the raised limit.
 */
#define _GNU_SOURCE /* memmem */
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cmocka.h>
#include <event2/thread.h>

#include "clock.h"
#include "integration/feed_server.h"
#include "integration/harness.h"

#define FLOOD_MAX 300
#define FLOOD_SECONDS_MAX 120 /* the flood stops by itself after this */

static const char met[] = "{\"data\": [{\"year\": \"2024\", \"value\": 90}]}";
static const char breached[] = "{\"data\": [{\"year\": \"2024\", \"value\": "
			       "90}, {\"year\": \"2025\", \"value\": 79}]}";

/*
 * Clients that hold connections open: each sends the start of a request
 * and then one byte a second, and connects again when the server closes
 * it.  A thread of its own, bounded in count and time.
 */
struct flood {
	int port, n;
	int fd[FLOOD_MAX];
	bool connected[FLOOD_MAX];
	double since[FLOOD_MAX]; /* connect() or the last byte */
	atomic_bool stop;
	atomic_int up; /* connected now */
	atomic_ulong closed; /* by the server */
	pthread_t thread;
};

struct env {
	char dir[256], conf[600], log[600], inbox[600];
	struct feed_server *fs;
	struct harness_smtp sink;
	bool sink_up;
	struct flood flood; /* running when flooding */
	bool flooding;
	pid_t pid;
	int port;
};

/* A non-blocking connect to 127.0.0.1:port; -1 when no socket. */
static int
connect_nb(int port)
{
	struct sockaddr_in sin = {.sin_family = AF_INET};
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

	if (fd < 0)
		return -1;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sin.sin_port = htons((uint16_t)port);
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)) != 0 &&
	    errno != EINPROGRESS) {
		close(fd);
		return -1;
	}
	return fd;
}

static void
flood_drop(struct flood *f, int i, bool by_server)
{
	close(f->fd[i]);
	f->fd[i] = -1;
	if (f->connected[i])
		f->up--;
	f->connected[i] = false;
	if (by_server)
		f->closed++;
}

/* One client's turn: connect, start the request, trickle, notice a close. */
static void
flood_client(struct flood *f, int i, short revents, double t)
{
	static const char start[] = "GET / HTTP/1.1\r\nHost: flood\r\nX-Slow: ";
	char buf[512];
	ssize_t n;

	if (f->fd[i] < 0) {
		if ((f->fd[i] = connect_nb(f->port)) >= 0)
			f->since[i] = t;
	} else if (!f->connected[i] && (revents & (POLLOUT | POLLERR))) {
		if (send(f->fd[i], start, strlen(start), MSG_NOSIGNAL) < 0) {
			flood_drop(f, i, false);
			return;
		}
		f->connected[i] = true;
		f->up++;
		f->since[i] = t;
	} else if (!f->connected[i] && t - f->since[i] > 5) {
		flood_drop(f, i, false); /* left in SYN: try again */
	} else if (f->connected[i] &&
	    (revents & (POLLIN | POLLHUP | POLLERR))) {
		n = recv(f->fd[i], buf, sizeof(buf), MSG_DONTWAIT);
		if (n <= 0 && !(n < 0 && errno == EAGAIN))
			flood_drop(f, i, true);
	} else if (f->connected[i] && t - f->since[i] >= 1) {
		if (send(f->fd[i], "a", 1, MSG_NOSIGNAL) != 1)
			flood_drop(f, i, true);
		f->since[i] = t;
	}
}

static void *
flood_run(void *arg)
{
	struct flood *f = arg;
	struct pollfd p[FLOOD_MAX];
	double start = clock_now_mono();

	while (!f->stop && clock_now_mono() - start < FLOOD_SECONDS_MAX) {
		for (int i = 0; i < f->n; i++)
			p[i] = (struct pollfd){
			    f->fd[i], f->connected[i] ? POLLIN : POLLOUT, 0};
		poll(p, (nfds_t)f->n, 100);
		for (int i = 0; i < f->n; i++)
			flood_client(f, i, p[i].fd >= 0 ? p[i].revents : 0,
			    clock_now_mono());
	}
	for (int i = 0; i < f->n; i++)
		if (f->fd[i] >= 0)
			close(f->fd[i]);
	return NULL;
}

static void
flood_start(struct env *e, int n)
{
	struct flood *f = &e->flood;

	memset(f, 0, sizeof(*f));
	f->port = e->port;
	f->n = n;
	for (int i = 0; i < n; i++)
		f->fd[i] = -1;
	assert_int_equal(pthread_create(&f->thread, NULL, flood_run, f), 0);
	e->flooding = true;
}

/* Ends the flood, if any: every client closed. */
static void
flood_stop(struct env *e)
{
	if (!e->flooding)
		return;
	e->flood.stop = true;
	pthread_join(e->flood.thread, NULL);
	e->flooding = false;
}

/*
 * GET path on 127.0.0.1:port, HTTP/1.0, at most timeout seconds; the
 * status (0: no answer in time), the whole answer in buf.
 */
static int
http_get(int port, const char *path, double timeout, char *buf, size_t len)
{
	double end = clock_now_mono() + timeout;
	int fd = connect_nb(port), status = 0;
	size_t got = 0;
	char req[256];
	ssize_t n = 1;

	buf[0] = '\0';
	if (fd < 0)
		return 0;
	snprintf(req, sizeof(req), "GET %s HTTP/1.0\r\n\r\n", path);
	for (bool sent = false; n != 0 && clock_now_mono() < end;) {
		struct pollfd p = {fd, sent ? POLLIN : POLLOUT, 0};

		if (poll(&p, 1, 50) <= 0)
			continue;
		if (!sent) {
			sent = send(fd, req, strlen(req), MSG_NOSIGNAL) > 0;
			if (!sent)
				break;
		} else if ((n = recv(fd, buf + got, len - 1 - got, 0)) > 0) {
			got += (size_t)n;
			buf[got] = '\0';
		} else if (n < 0 && errno != EAGAIN) {
			break;
		}
	}
	close(fd);
	if (n == 0 && sscanf(buf, "HTTP/1.%*d %d", &status) != 1)
		status = 0;
	return n == 0 ? status : 0;
}

/* Messages in the sink so far. */
static int
messages(const struct env *e)
{
	struct dirent *de;
	DIR *d = opendir(e->inbox);
	int n = 0;

	while (d != NULL && (de = readdir(d)) != NULL)
		n += strlen(de->d_name) > 4 &&
		    strcmp(de->d_name + strlen(de->d_name) - 4, ".eml") == 0;
	if (d != NULL)
		closedir(d);
	return n;
}

/* Waits (at most seconds) for the daemon's port in its log. */
static int
wait_port(const struct env *e, double seconds)
{
	const char *key = "listening on 127.0.0.1:";
	double end = clock_now_mono() + seconds;
	char *log, *p;
	int port = 0;

	while (port == 0 && clock_now_mono() < end) {
		usleep(100000);
		if ((log = harness_read(e->log, NULL)) != NULL &&
		    (p = strstr(log, key)) != NULL)
			port = atoi(p + strlen(key));
		free(log);
	}
	return port;
}

/*
 * The site: the feed server (a met floor for now), the SMTP sink, one
 * collector every 2 s; extra holds more top-level lines.
 */
static void
site_write(struct env *e, const char *extra)
{
	char text[4096];

	snprintf(text, sizeof(text),
	    "data_dir: data\ngraph_dir: graphs\nstate_dir: state\n"
	    "graphs: false\nlog_level: info\ngroup_wait: 0s\n"
	    "listen: \"127.0.0.1:0\"\n%s"
	    "smtp:\n  transport: smtp\n  url: smtp://127.0.0.1:%d\n"
	    "  from: planwatch@cangshan.example\n  timeout: 10s\n"
	    "  retry_initial: 1s\n  retry_max: 2s\n"
	    "routes:\n  - to: [leadership@cangshan.example]\n"
	    "collectors:\n  - {id: f, url: \"http://127.0.0.1:%d/f.json\", "
	    "format: json, interval: 2s, retry_initial: 1s, retry_max: 2s}\n"
	    "indicators:\n  - id: coverage\n    name: 覆盖率\n    unit: "
	    "\"%%\"\n"
	    "    frequency: annual\n    collector: f\n    stale_after: 3650d\n"
	    "    selector: {observations: /data, period: /year, value: "
	    "/value}\n"
	    "    targets:\n      - {id: floor_85, kind: floor, value: 85}\n",
	    extra, e->sink.port, feed_server_port(e->fs));
	harness_write(e->conf, text);
}

static int
setup(void **state)
{
	struct env *e = calloc(1, sizeof(*e));

	if (e == NULL || harness_temp_dir(e->dir, sizeof(e->dir), "flood") != 0)
		return -1;
	evthread_use_pthreads();
	if ((e->fs = feed_server_start()) == NULL)
		return -1;
	feed_server_set(e->fs, "/f.json", 200, met, strlen(met));
	snprintf(e->inbox, sizeof(e->inbox), "%s/sink", e->dir);
	snprintf(e->conf, sizeof(e->conf), "%s/planwatch.yaml", e->dir);
	snprintf(e->log, sizeof(e->log), "%s/planwatch.log", e->dir);
	if (mkdir(e->inbox, 0700) != 0 ||
	    harness_smtp_start(&e->sink, e->inbox, 0) != 0)
		return -1;
	e->sink_up = true;
	*state = e;
	return 0;
}

static int
teardown(void **state)
{
	struct env *e = *state;

	flood_stop(e);
	harness_kill(e->pid);
	if (e->sink_up)
		harness_smtp_stop(&e->sink);
	feed_server_stop(e->fs);
	harness_remove_dir(e->dir);
	free(e);
	return 0;
}

/*
 * Lines of the log that hold what.  Line by line: strstr on the whole
 * text would read it to its end at each match under AddressSanitizer,
 * and the log of the unfixed daemon is 100 MB or more.
 */
static int
log_lines(const char *log, const char *what)
{
	size_t wlen = strlen(what);
	int n = 0;

	for (const char *p = log, *end; *p != '\0'; p = end + (*end != '\0')) {
		end = p + strcspn(p, "\n");
		n += memmem(p, (size_t)(end - p), what, wlen) != NULL;
	}
	return n;
}

/* Fails the test: why, the log's size and its lines about accept(). */
static void
log_fail(const struct env *e, const char *why)
{
	size_t len = 0;
	char *log = harness_read(e->log, &len);
	int n = log != NULL ? log_lines(log, "accept") : 0;

	free(log);
	fail_msg(
	    "%s; the log: %zu bytes, %d lines about accept()", why, len, n);
}

/* The daemon started, its first evaluation done (nothing to mail). */
static void
start_and_settle(struct env *e, long soft, long hard)
{
	double end = clock_now_mono() + 30;
	char state_dir[700];

	e->pid = harness_start_nofile(e->log, e->conf, soft, hard);
	assert_true((e->port = wait_port(e, 15)) > 0);
	snprintf(state_dir, sizeof(state_dir), "%s/state", e->dir);
	while (
	    !harness_exists(state_dir, "alerts.json") && clock_now_mono() < end)
		usleep(100000);
	assert_true(harness_exists(state_dir, "alerts.json"));
	assert_int_equal(messages(e), 0);
}

/*
 * 300 trickling connections against a limit of 256 descriptors, with the
 * configuration's defaults: the breach is fetched and mailed during the
 * flood, /healthz answers once it ends, the log stays small.
 */
static void
test_flood(void **state)
{
	struct env *e = *state;
	struct flood *f = &e->flood;
	double end, t0;
	char buf[65536], *log;
	size_t loglen;
	int hits;

	site_write(e, "");
	start_and_settle(e, 256, 256);
	flood_start(e, FLOOD_MAX);
	for (end = clock_now_mono() + 10;
	     f->up < 150 && clock_now_mono() < end;)
		usleep(100000);
	print_message("flood: %d connections up\n", (int)f->up);
	hits = feed_server_hits(e->fs, "/f.json");
	feed_server_set(e->fs, "/f.json", 200, breached, strlen(breached));
	for (t0 = clock_now_mono(), end = t0 + 40;
	     messages(e) == 0 && clock_now_mono() < end;)
		usleep(200000);
	print_message("flood: the alert mail after %.1f s, %d more fetches\n",
	    clock_now_mono() - t0, feed_server_hits(e->fs, "/f.json") - hits);
	assert_true(feed_server_hits(e->fs, "/f.json") > hits);
	if (messages(e) != 1)
		log_fail(e, "no alert mail during the flood");
	/* On until the first clients reach the header deadline (10 s) and
	 * others take their places: the fetches go on all the while. */
	hits = feed_server_hits(e->fs, "/f.json");
	for (end = clock_now_mono() + 25;
	     f->closed == 0 && clock_now_mono() < end;)
		usleep(200000);
	usleep(2500000);
	print_message("flood: %lu connections closed by the daemon, %d "
		      "fetches meanwhile\n",
	    (unsigned long)f->closed,
	    feed_server_hits(e->fs, "/f.json") - hits);
	assert_true(f->closed > 0);
	assert_true(feed_server_hits(e->fs, "/f.json") > hits);
	flood_stop(e);
	/* The clients are gone: their slots free within a sweep or two. */
	for (end = clock_now_mono() + 10; clock_now_mono() < end;)
		if (http_get(e->port, "/healthz", 2, buf, sizeof(buf)) == 200)
			break;
	assert_non_null(strstr(buf, "\r\n\r\nok\n"));
	assert_int_equal(
	    http_get(e->port, "/metrics", 5, buf, sizeof(buf)), 200);
	assert_non_null(strstr(buf, "planwatch_http_accept_errors_total 0\n"));
	assert_int_equal(harness_stop(e->pid), 0);
	e->pid = 0;
	harness_log_clean(e->log);
	log = harness_read(e->log, &loglen);
	assert_non_null(log);
	if (loglen > 32768 || log_lines(log, "accept") > 20)
		log_fail(e, "the log is not small");
	free(log);
}

/*
 * http_max_connections: 4, http_header_timeout: 1s: ten clients that
 * send half a request hold the four connections, a /healthz behind them
 * waits in the backlog, and is answered once the deadlines have freed
 * the slots.  The soft limit (256) is raised to the hard one (512).
 */
static void
test_cap_and_deadline(void **state)
{
	struct env *e = *state;
	char buf[65536];
	double t0, took;
	int fd[10];

	site_write(e, "http_max_connections: 4\nhttp_header_timeout: 1s\n");
	start_and_settle(e, 256, 512);
	harness_log_has(e->log, "open files: at most 512 (raised from 256)");
	harness_log_has(e->log, "at most 4 connections, 1 s for a request");
	for (int i = 0; i < 10; i++) {
		assert_true((fd[i] = connect_nb(e->port)) >= 0);
		usleep(10000);
		send(fd[i], "GET / HTTP/1.1\r\nX-Slow: ", 24, MSG_NOSIGNAL);
	}
	t0 = clock_now_mono();
	assert_int_equal(
	    http_get(e->port, "/healthz", 0.5, buf, sizeof(buf)), 0);
	assert_int_equal(
	    http_get(e->port, "/healthz", 10, buf, sizeof(buf)), 200);
	took = clock_now_mono() - t0;
	print_message("/healthz behind 10 slow clients: %.1f s\n", took);
	assert_true(took >= 1.0 && took < 8);
	for (int i = 0; i < 10; i++)
		close(fd[i]);
	assert_int_equal(
	    http_get(e->port, "/metrics", 5, buf, sizeof(buf)), 200);
	assert_non_null(strstr(buf, "planwatch_http_connections_max 4\n"));
	assert_non_null(strstr(buf, "planwatch_http_header_timeouts_total "));
	assert_null(strstr(buf, "planwatch_http_header_timeouts_total 0\n"));
	assert_int_equal(harness_stop(e->pid), 0);
	e->pid = 0;
	harness_log_clean(e->log);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_flood, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_cap_and_deadline, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

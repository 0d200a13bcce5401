/*
 * test_webconn: the HTTP server's connection guard (daemon/web/webconn.c)
 * around a real evhttp on 127.0.0.1 port 0, driven by the test's own
 * event loop, its clients plain non-blocking sockets of the same thread:
 * the loop runs for a set time, then the clients read what reached them.
 * The cap (the rest wait in the backlog), the header deadline (a client
 * that trickles a byte at a time is closed all the same), an answer that
 * starts the clock again, and accept() failing for want of descriptors
 * (EMFILE, made by filling this process's table): paused and retried,
 * logged at most once a second, served once descriptors are back.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cmocka.h>
#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>

#include "clock.h"
#include "webconn.h"

struct server {
	struct event_base *base;
	struct evhttp *http;
	struct webconn *conns;
	int port;
	int answered;
};

/* Every request: "ok", the guard told first as web.c does. */
static void
answer_cb(struct evhttp_request *req, void *arg)
{
	struct server *s = arg;
	struct evbuffer *b = evbuffer_new();

	webconn_request(s->conns, req);
	s->answered++;
	evbuffer_add(b, "ok\n", 3);
	evhttp_send_reply(req, 200, "OK", b);
	evbuffer_free(b);
}

static void
server_start(struct server *s, size_t cap, double header_timeout)
{
	char err[256] = "";

	memset(s, 0, sizeof(*s));
	assert_non_null(s->base = event_base_new());
	assert_non_null(s->http = evhttp_new(s->base));
	s->conns = webconn_new(s->http, s->base, "127.0.0.1", 0, cap,
	    header_timeout, err, sizeof(err));
	if (s->conns == NULL)
		fail_msg("webconn_new: %s", err);
	evhttp_set_gencb(s->http, answer_cb, s);
	s->port = webconn_port(s->conns);
	assert_true(s->port > 0);
}

static void
server_stop(struct server *s)
{
	evhttp_free(s->http);
	webconn_free(s->conns);
	event_base_free(s->base);
}

/* Runs the server's loop for seconds. */
static void
run_for(struct server *s, double seconds)
{
	struct timeval tv = {
	    (time_t)seconds, (suseconds_t)((seconds - (time_t)seconds) * 1e6)};

	event_base_loopexit(s->base, &tv);
	event_base_dispatch(s->base);
}

static struct webconn_counts
counts(const struct server *s)
{
	struct webconn_counts n;

	webconn_counts(s->conns, &n);
	return n;
}

/* A non-blocking client connected to port (the kernel completes the
 * handshake into the backlog whether or not it is accepted). */
static int
client(int port)
{
	struct sockaddr_in sin = {.sin_family = AF_INET};
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

	assert_true(fd >= 0);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sin.sin_port = htons((uint16_t)port);
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)) != 0) {
		struct pollfd p = {fd, POLLOUT, 0};

		assert_int_equal(errno, EINPROGRESS);
		assert_int_equal(poll(&p, 1, 2000), 1);
	}
	return fd;
}

static void
client_send(int fd, const char *text)
{
	assert_int_equal(
	    send(fd, text, strlen(text), MSG_NOSIGNAL), (ssize_t)strlen(text));
}

/* True when the server closed fd (end of file or a reset); what was
 * sent before it goes to buf. */
static bool
client_closed(int fd, char *buf, size_t len)
{
	size_t got = 0;
	ssize_t n;

	while ((n = recv(fd, buf + got, len - 1 - got, MSG_DONTWAIT)) > 0)
		got += (size_t)n;
	buf[got] = '\0';
	return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
}

static void
test_cap_formula(void **state)
{
	(void)state;
	/* Plenty of descriptors: the configured cap. */
	assert_int_equal(webconn_cap(256, 65536, 160), 256);
	/* 256 descriptors, 160 kept: 96 left, 2 a connection. */
	assert_int_equal(webconn_cap(256, 256, 160), 48);
	assert_int_equal(webconn_cap(10, 256, 160), 10);
	/* Fewer than the reserve: still one, to answer /healthz. */
	assert_int_equal(webconn_cap(256, 100, 160), 1);
	assert_int_equal(webconn_cap(256, 161, 160), 1);
}

/*
 * Cap 2, 0.5 s deadline: of four clients that send half a request, two
 * are accepted and closed at their deadline, then the other two, which
 * waited in the backlog meanwhile.
 */
static void
test_cap_then_deadline(void **state)
{
	struct server s;
	int fd[4];
	char buf[256];

	(void)state;
	server_start(&s, 2, 0.5);
	for (int i = 0; i < 4; i++)
		fd[i] = client(s.port);
	run_for(&s, 0.05);
	for (int i = 0; i < 4; i++)
		client_send(fd[i], "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ");
	run_for(&s, 0.2);
	assert_int_equal(counts(&s).open, 2);
	assert_int_equal(counts(&s).accepted, 2);
	assert_int_equal(counts(&s).full, 1);
	for (int i = 0; i < 4; i++)
		assert_false(client_closed(fd[i], buf, sizeof(buf)));
	run_for(&s, 1.2); /* 1.45 s: the first two past their deadline */
	assert_true(client_closed(fd[0], buf, sizeof(buf)));
	assert_true(client_closed(fd[1], buf, sizeof(buf)));
	run_for(&s, 1.5);
	assert_int_equal(counts(&s).accepted, 4);
	assert_true(client_closed(fd[2], buf, sizeof(buf)));
	assert_true(client_closed(fd[3], buf, sizeof(buf)));
	assert_int_equal(counts(&s).header_timeouts, 4);
	assert_int_equal(s.answered, 0);
	run_for(&s, 0.3);
	assert_int_equal(counts(&s).open, 0);
	for (int i = 0; i < 4; i++)
		close(fd[i]);
	server_stop(&s);
}

/* A byte every 0.1 s does not keep a connection past its deadline. */
static void
test_trickle(void **state)
{
	double t0;
	struct server s;
	const char *req = "GET / HTTP/1.1\r\nX-Slow: aaaaaaaaaaaaaaaa";
	char buf[256];
	double took = -1;
	int fd;

	(void)state;
	server_start(&s, 4, 0.5);
	fd = client(s.port);
	run_for(&s, 0.02);
	t0 = clock_now_mono();
	for (size_t i = 0; took < 0 && i < 30; i++) {
		if (send(fd, req + i, 1, MSG_NOSIGNAL) != 1 ||
		    client_closed(fd, buf, sizeof(buf))) {
			took = clock_now_mono() - t0;
		}
		run_for(&s, 0.1);
	}
	if (took < 0.4 || took > 1.5)
		fail_msg("a trickling client closed after %.2f s, expected "
			 "0.5 s and a sweep",
		    took);
	assert_int_equal(counts(&s).header_timeouts, 1);
	close(fd);
	server_stop(&s);
}

/*
 * A whole request is answered, and its answer starts the clock again: a
 * kept-alive connection that sends nothing more is closed one deadline
 * after the answer, not before.
 */
static void
test_answer_restarts_clock(void **state)
{
	struct server s;
	char buf[512];
	int fd;

	(void)state;
	server_start(&s, 4, 0.5);
	fd = client(s.port);
	run_for(&s, 0.02);
	run_for(&s, 0.4);
	client_send(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
	run_for(&s, 0.3); /* 0.72 s after the accept: answered in time */
	assert_false(client_closed(fd, buf, sizeof(buf)));
	assert_non_null(strstr(buf, "200 OK"));
	assert_int_equal(s.answered, 1);
	run_for(&s, 0.1); /* the first deadline has passed */
	assert_false(client_closed(fd, buf, sizeof(buf)));
	run_for(&s, 0.7);
	assert_true(client_closed(fd, buf, sizeof(buf)));
	assert_int_equal(counts(&s).header_timeouts, 1);
	close(fd);
	server_stop(&s);
}

/* Fills the descriptor table: the lowest free numbers are taken up to a
 * soft limit a little above what is open now.  The fillers go to fill. */
static int
fill_table(int *fill, int max, struct rlimit *saved)
{
	struct rlimit low;
	int n = 0, fd;

	assert_int_equal(getrlimit(RLIMIT_NOFILE, saved), 0);
	low = *saved;
	low.rlim_cur = 64;
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &low), 0);
	while (n < max && (fd = dup(0)) >= 0)
		fill[n++] = fd;
	assert_int_equal(errno, EMFILE);
	return n;
}

static void
unfill_table(int *fill, int n, const struct rlimit *saved)
{
	for (int i = 0; i < n; i++)
		close(fill[i]);
	assert_int_equal(setrlimit(RLIMIT_NOFILE, saved), 0);
}

/* Lines of text that hold what. */
static int
count_lines(const char *text, const char *what)
{
	int n = 0;

	for (const char *p = text; (p = strstr(p, what)) != NULL; p++)
		n++;
	return n;
}

/* stderr (the log) goes to path from now on; the old stderr is returned. */
static int
stderr_to(const char *path)
{
	int saved = dup(2), fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	assert_true(saved >= 0 && fd >= 0);
	fflush(stderr);
	dup2(fd, 2);
	close(fd);
	return saved;
}

/* stderr back to saved; what went to path meanwhile. */
static char *
stderr_back(int saved, const char *path)
{
	static char text[65536];
	size_t n;
	FILE *f;

	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	assert_non_null(f = fopen(path, "r"));
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	return text;
}

/*
 * No descriptor left for accept(): the listener pauses (0.1 s doubling
 * to 1 s) instead of failing in a busy loop, and says so at most once a
 * second; with descriptors back, the waiting client is served.
 */
static void
test_accept_backoff(void **state)
{
	char path[] = "/tmp/test_webconn.XXXXXX", buf[512], *log;
	struct rlimit saved;
	struct server s;
	int fill[4096], nfill, fd, lines, logfd, saved_stderr;

	(void)state;
	assert_true((logfd = mkstemp(path)) >= 0);
	close(logfd);
	server_start(&s, 8, 5);
	saved_stderr = stderr_to(path);
	nfill = fill_table(fill, 4096, &saved);
	/* The client takes the last descriptor: none for accept(). */
	close(fill[--nfill]);
	fd = client(s.port);
	client_send(fd, "GET /healthz HTTP/1.0\r\n\r\n");
	run_for(&s, 2.2);
	unfill_table(fill, nfill, &saved);
	log = stderr_back(saved_stderr, path);
	print_message("%s", log);
	lines = count_lines(log, "http: accept: Too many open files");
	if (counts(&s).accept_errors < 3 || counts(&s).accept_errors > 8 ||
	    lines < 1 || lines > 3)
		fail_msg("%llu failed accept() in 2.2 s, %d lines of log:\n%s",
		    counts(&s).accept_errors, lines, log);
	assert_null(strstr(log, "Error from accept() call"));
	assert_int_equal(s.answered, 0);
	run_for(&s, 1.2); /* the back-off ends: accepted, answered */
	assert_int_equal(s.answered, 1);
	assert_true(client_closed(fd, buf, sizeof(buf)));
	assert_non_null(strstr(buf, "200 OK"));
	close(fd);
	server_stop(&s);
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cap_formula),
	    cmocka_unit_test(test_cap_then_deadline),
	    cmocka_unit_test(test_trickle),
	    cmocka_unit_test(test_answer_restarts_clock),
	    cmocka_unit_test(test_accept_backoff),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_delivery: deliveries that fail or lag, through the crash tests'
 * sites (unit/crash_case.c): a refused SMTP delivery tried again after
 * the back-off and arriving once; the SMTP password from the environment;
 * the exec transport; the back-off held whatever flushes the outbox; a
 * slow SMTP server holding nothing else up; and a flap-controlled alert
 * (alerts.for: 2) from an empty alert book, across runs.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "clock.h"
#include "integration/harness.h"
#include "unit/crash_case.h"

/*
 * The daemon against an SMTP server that refuses the first message
 * (451): the message stays in the outbox, is tried again after the
 * back-off, and arrives once.
 */
static void
test_refused_delivery_retried(void **state)
{
	char log[600], eml[700];
	struct site s;
	pid_t pid;

	(void)state;
	site_smtp(&s, 1);
	snprintf(log, sizeof(log), "%s/run.log", s.dir);
	pid = harness_start(log, s.conf);
	snprintf(eml, sizeof(eml), "%s/1.eml", s.inbox);
	for (int i = 0; i < 150 && access(eml, F_OK) != 0; i++)
		usleep(100000);
	usleep(500000); /* a second delivery, if any, would come now */
	assert_int_equal(harness_stop(pid), 0);
	harness_log_clean(log);
	/* 451 is "try again later": a warning, not an error. */
	harness_log_has(log, "warn: outbox: delivery of ");
	harness_log_has(log, "refused for now, kept for retry");
	harness_log_has(log, "(server said 451)");
	harness_log_lacks(log, "error: outbox: delivery of ");
	harness_log_has(log, "next delivery attempt in ");
	assert_true(harness_exists(s.inbox, "1.eml"));
	assert_false(harness_exists(s.inbox, "2.eml"));
	site_close(&s);
}

/*
 * SMTP AUTH with the password from the environment (password_env): the
 * right one is accepted; a wrong one is refused (535) and the message
 * kept for the next run, which delivers it once the password is right.
 */
static void
test_smtp_auth_from_environment(void **state)
{
	char smtp[512], log[600];
	struct site s;

	(void)state;
	memset(&s, 0, sizeof(s));
	assert_int_equal(harness_temp_dir(s.dir, sizeof(s.dir), "auth"), 0);
	snprintf(s.inbox, sizeof(s.inbox), "%s/sink", s.dir);
	assert_int_equal(mkdir(s.inbox, 0700), 0);
	setenv("SINK_AUTH", "planwatch:s3cret-from-env", 1);
	assert_int_equal(harness_smtp_start(&s.sink, s.inbox, 0), 0);
	unsetenv("SINK_AUTH");
	s.smtp = true;
	s.suffix = ".eml";
	snprintf(smtp, sizeof(smtp),
	    "smtp:\n  transport: smtp\n  url: smtp://127.0.0.1:%d\n"
	    "  from: planwatch@cangshan.example\n  username: planwatch\n"
	    "  password_env: PW_TEST_SMTP_PASSWORD\n",
	    s.sink.port);
	write_site(s.dir, smtp, s.conf, sizeof(s.conf));
	snprintf(log, sizeof(log), "%s/run.log", s.dir);

	setenv("PW_TEST_SMTP_PASSWORD", "wrong", 1);
	assert_int_equal(harness_run(log, s.conf, "once"), 1);
	/* 535 is not temporary: an error. */
	harness_log_has(log, "error: outbox: delivery of ");
	harness_log_has(log, "kept for retry");
	harness_log_has(log, "(server said 535)");
	assert_false(harness_exists(s.inbox, "1.eml"));
	unsetenv("PW_TEST_SMTP_PASSWORD");
	assert_int_equal(harness_run(log, s.conf, "once"), 1);
	harness_log_has(log,
	    "environment variable PW_TEST_SMTP_PASSWORD is "
	    "not set");
	setenv("PW_TEST_SMTP_PASSWORD", "s3cret-from-env", 1);
	assert_int_equal(harness_run(log, s.conf, "once"), 0);
	unsetenv("PW_TEST_SMTP_PASSWORD");
	harness_log_clean(log);
	assert_true(harness_exists(s.inbox, "1.eml"));
	assert_false(harness_exists(s.inbox, "2.eml"));
	site_close(&s);
}

/* The exec transport: argv as given, the message on stdin, status 0. */
static void
test_exec_transport(void **state)
{
	char dir[256], conf[600], log[600];
	char smtp[700], out[600], *msg;

	(void)state;
	assert_int_equal(harness_temp_dir(dir, sizeof(dir), "exec"), 0);
	snprintf(out, sizeof(out), "%s/out.eml", dir);
	snprintf(smtp, sizeof(smtp),
	    "smtp:\n  transport: exec\n  exec: [/usr/bin/tee, \"%s\"]\n"
	    "  from: planwatch@cangshan.example\n",
	    out);
	write_site(dir, smtp, conf, sizeof(conf));
	snprintf(log, sizeof(log), "%s/log", dir);
	assert_int_equal(harness_run(log, conf, "once"), 0);
	harness_log_clean(log);
	assert_non_null(msg = harness_read(out, NULL));
	assert_non_null(strstr(msg, "Message-ID: <pw."));
	/* The multipart message, as SMTP and Maildir deliver it. */
	assert_non_null(strstr(msg, "Content-Type: multipart/mixed"));
	assert_non_null(strstr(msg, "* 覆盖率："));
	assert_non_null(strstr(msg, "coverage/floor_85"));
	free(msg);
	harness_remove_dir(dir);

	/* A program that fails, or hangs: kept for the next try. */
	assert_int_equal(harness_temp_dir(dir, sizeof(dir), "exec"), 0);
	write_site(dir,
	    "smtp:\n  transport: exec\n  exec: [/bin/false]\n"
	    "  from: planwatch@cangshan.example\n",
	    conf, sizeof(conf));
	snprintf(log, sizeof(log), "%s/log", dir);
	assert_int_equal(harness_run(log, conf, "once"), 1);
	harness_log_has(log, "/bin/false exited with status 1");
	harness_log_has(log, "kept for retry");
	write_site(dir,
	    "smtp:\n  transport: exec\n  exec: [/bin/sleep, \"30\"]\n"
	    "  timeout: 1s\n  from: planwatch@cangshan.example\n",
	    conf, sizeof(conf));
	assert_int_equal(harness_run(log, conf, "once"), 1);
	harness_log_has(log, "/bin/sleep: no answer within 1 s, killed");
	harness_remove_dir(dir);
}

/*
 * The times (seconds) at which the sink of s saw a message, from its
 * attempts file; how many, at most max.
 */
static int
attempt_times(const struct site *s, double *t, int max)
{
	char path[700], *text, *p;
	int n = 0;

	snprintf(path, sizeof(path), "%s/attempts", s->inbox);
	if ((text = harness_read(path, NULL)) == NULL)
		return 0;
	for (p = text; *p != '\0' && n < max; p += strcspn(p, "\n") + 1) {
		t[n++] = strtod(p, NULL);
		if (p[strcspn(p, "\n")] == '\0')
			break;
	}
	free(text);
	return n;
}

/* The mtime of the one entry in s's outbox: its next attempt. */
static double
entry_next_attempt(const struct site *s)
{
	char dir[700], path[1000];
	struct dirent *de;
	struct stat st;
	double at = 0;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/state/outbox", s->dir);
	assert_non_null(d = opendir(dir));
	while ((de = readdir(d)) != NULL) {
		if (!is_message(de->d_name, ".json"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		assert_int_equal(stat(path, &st), 0);
		at = (double)st.st_mtim.tv_sec + st.st_mtim.tv_nsec / 1e9;
	}
	closedir(d);
	assert_true(at > 0);
	return at;
}

/*
 * An SMTP server that reads the message and drops the connection without
 * a reply, and a collector (so an evaluation, so a flush) every second:
 * the attempts still follow the entry's back-off (retry_initial 2 s, at
 * least 1.6 s apart with the jitter), not the flushes; a daemon started
 * again waits for the attempt that was due, then goes on.
 */
static void
test_backoff_holds_whatever_flushes(void **state)
{
	char smtp[512], log[600];
	double t[64], due;
	struct site s;
	pid_t pid;
	int n, m;

	(void)state;
	memset(&s, 0, sizeof(s));
	assert_int_equal(harness_temp_dir(s.dir, sizeof(s.dir), "backoff"), 0);
	snprintf(s.inbox, sizeof(s.inbox), "%s/sink", s.dir);
	assert_int_equal(mkdir(s.inbox, 0700), 0);
	setenv("SINK_DROP_AFTER_DATA", "1", 1);
	assert_int_equal(harness_smtp_start(&s.sink, s.inbox, 0), 0);
	unsetenv("SINK_DROP_AFTER_DATA");
	s.smtp = true;
	snprintf(smtp, sizeof(smtp),
	    "smtp:\n  transport: smtp\n  url: smtp://127.0.0.1:%d\n"
	    "  from: planwatch@cangshan.example\n  timeout: 5s\n"
	    "  retry_initial: 2s\n  retry_max: 4s\n",
	    s.sink.port);
	write_site_with(
	    s.dir, smtp, ", interval: 1s", "off", s.conf, sizeof(s.conf));
	snprintf(log, sizeof(log), "%s/run.log", s.dir);
	pid = harness_start(log, s.conf);
	sleep(10);
	assert_int_equal(harness_stop(pid), 0);
	harness_log_has(log, "next delivery attempt in ");
	n = attempt_times(&s, t, 64);
	if (n < 2 || n > 5)
		fail_msg("%d attempts in 10 s, expected 2 to 5", n);
	for (int i = 1; i < n; i++)
		if (t[i] - t[i - 1] < 1.5)
			fail_msg("attempt %d came %.2f s after the one before",
			    i, t[i] - t[i - 1]);
	/* Started again: nothing before the attempt that was due. */
	due = entry_next_attempt(&s);
	pid = harness_start(log, s.conf);
	sleep(7);
	assert_int_equal(harness_stop(pid), 0);
	m = attempt_times(&s, t, 64);
	if (m <= n)
		fail_msg("no attempt after the restart");
	if (t[n] < due - 0.1)
		fail_msg("after the restart an attempt came %.2f s before its "
			 "time",
		    due - t[n]);
	harness_log_clean(log);
	site_close(&s);
}

/* Seconds GET /healthz took on 127.0.0.1:port, to the end of the answer. */
static double
healthz_seconds(int port)
{
	static const char req[] = "GET /healthz HTTP/1.0\r\n\r\n";
	struct sockaddr_in sa = {.sin_family = AF_INET,
	    .sin_port = htons((uint16_t)port),
	    .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	double t0 = clock_now_mono();
	char buf[512];
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	assert_true(fd >= 0);
	assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(write(fd, req, strlen(req)), (ssize_t)strlen(req));
	while (read(fd, buf, sizeof(buf)) > 0)
		;
	close(fd);
	return clock_now_mono() - t0;
}

/* True when the file log holds what. */
static bool
log_holds(const char *log, const char *what)
{
	char *text = harness_read(log, NULL);
	bool found = text != NULL && strstr(text, what) != NULL;

	free(text);
	return found;
}

/*
 * An SMTP server that holds its reply to the end of the message for 4 s
 * (SINK_HOLD_REPLY): the daemon goes on meanwhile (libcurl waits for that
 * reply in a blocking loop, so SMTP runs on the outbox's own thread, not
 * on the event loop: there /healthz took the rest of the 4 s); the
 * message then arrives once.
 */
static void
test_slow_smtp_server_holds_nothing_else(void **state)
{
	char smtp[512], log[600], eml[700], listen[64];
	double took;
	struct site s;
	int port = harness_closed_port();
	pid_t pid;

	(void)state;
	memset(&s, 0, sizeof(s));
	assert_int_equal(harness_temp_dir(s.dir, sizeof(s.dir), "slow"), 0);
	snprintf(s.inbox, sizeof(s.inbox), "%s/sink", s.dir);
	assert_int_equal(mkdir(s.inbox, 0700), 0);
	setenv("SINK_HOLD_REPLY", "4", 1);
	assert_int_equal(harness_smtp_start(&s.sink, s.inbox, 0), 0);
	unsetenv("SINK_HOLD_REPLY");
	s.smtp = true;
	s.suffix = ".eml";
	snprintf(smtp, sizeof(smtp),
	    "smtp:\n  transport: smtp\n  url: smtp://127.0.0.1:%d\n"
	    "  from: planwatch@cangshan.example\n  timeout: 20s\n",
	    s.sink.port);
	snprintf(listen, sizeof(listen), "127.0.0.1:%d", port);
	write_site_with(s.dir, smtp, "", listen, s.conf, sizeof(s.conf));
	snprintf(log, sizeof(log), "%s/run.log", s.dir);
	pid = harness_start(log, s.conf);
	/* The sink stores the message, then holds its reply. */
	snprintf(eml, sizeof(eml), "%s/1.eml", s.inbox);
	for (int i = 0; i < 100 && access(eml, F_OK) != 0; i++)
		usleep(100000);
	assert_int_equal(access(eml, F_OK), 0);
	took = healthz_seconds(port);
	if (took > 1.5)
		fail_msg("/healthz took %.2f s while the SMTP server held its "
			 "reply",
		    took);
	for (int i = 0; i < 100 && !log_holds(log, "outbox: delivered"); i++)
		usleep(100000);
	assert_int_equal(harness_stop(pid), 0);
	harness_log_has(log, "outbox: delivered ");
	harness_log_clean(log);
	assert_int_equal(messages(&s, NULL, 0), 1);
	site_close(&s);
}

/*
 * alerts.for: 2 from an empty state directory: the first evaluation only
 * counts, the second notifies, a third sends nothing more.  Each run is
 * a new process, so the count must live in the book.
 */
static void
test_for_two_from_an_empty_book(void **state)
{
	char ids[4][128], smtp[300];
	struct site s;

	(void)state;
	memset(&s, 0, sizeof(s));
	assert_int_equal(harness_temp_dir(s.dir, sizeof(s.dir), "for2"), 0);
	snprintf(smtp, sizeof(smtp), "%salerts:\n  for: 2\n", maildir_yaml);
	write_site(s.dir, smtp, s.conf, sizeof(s.conf));
	snprintf(s.inbox, sizeof(s.inbox), "%s/mail/new", s.dir);
	s.suffix = "";
	assert_int_equal(run_once(&s, "first"), 0);
	assert_int_equal(messages(&s, ids, 4), 0);
	assert_int_equal(run_once(&s, "second"), 0);
	assert_int_equal(messages(&s, ids, 4), 1);
	assert_int_equal(run_once(&s, "third"), 0);
	assert_int_equal(messages(&s, ids, 4), 1);
	site_close(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_refused_delivery_retried),
	    cmocka_unit_test(test_exec_transport),
	    cmocka_unit_test(test_smtp_auth_from_environment),
	    cmocka_unit_test(test_for_two_from_an_empty_book),
	    cmocka_unit_test(test_backoff_holds_whatever_flushes),
	    cmocka_unit_test(test_slow_smtp_server_holds_nothing_else),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

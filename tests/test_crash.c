/*
 * test_crash: planwatch killed at the worst moments of an alert's way,
 * then run again; the notice due arrives exactly once, except in the one
 * window no mail system can close (delivered, not yet recorded), where it
 * arrives twice with the same Message-ID.  The process ends at a crash
 * point (daemon/base/crashpoint.h) as kill -9 would: no clean-up, no flush.
 * Every window is tried with two transports: a Maildir, whose
 * "acceptance" is the file in new/, and SMTP to the aiosmtpd sink
 * (tests/integration/smtp_sink.py), whose acceptance is the 250 after
 * DATA; the sink has stored the message as <n>.eml before it answers.
 * The daemon is also killed by the SMTP sink itself at moments of a
 * delivery.  The sites are unit/crash_case.c's.
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

#include "integration/harness.h"
#include "unit/crash_case.h"

struct window {
	const char *point;
	int copies; /* messages received in the end */
};

/*
 * Crashes at w->point, runs again and then a third time: w->copies
 * messages received after the second run (two with one Message-ID), and
 * none more after the third.
 */
static void
crash_then_restart(struct site *s, const struct window *w)
{
	char ids[4][128];
	int n;

	setenv("PLANWATCH_TEST_CRASH", w->point, 1);
	n = run_once(s, "crash");
	unsetenv("PLANWATCH_TEST_CRASH");
	if (n != 137)
		fail_msg(
		    "crash at %s: exit status %d, expected 137", w->point, n);
	assert_int_equal(run_once(s, "restart"), 0);
	n = messages(s, ids, 4);
	if (n != w->copies)
		fail_msg("crash at %s: %d message(s), expected %d", w->point, n,
		    w->copies);
	if (n == 2)
		assert_string_equal(ids[0], ids[1]);
	/* Nothing more is due: a third run sends nothing. */
	assert_int_equal(run_once(s, "third"), 0);
	assert_int_equal(messages(s, ids, 4), w->copies);
}

/* crash_then_restart on a Maildir site. */
static void
crash_maildir(const struct window *w)
{
	struct site s;

	site_maildir(&s);
	crash_then_restart(&s, w);
	site_close(&s);
}

/* crash_then_restart on an SMTP site whose sink accepts everything. */
static void
crash_smtp(const struct window *w)
{
	struct site s;

	site_smtp(&s, 0);
	crash_then_restart(&s, w);
	site_close(&s);
}

/* The windows, each tried with both transports. */
static const struct window before_queueing = {"decided", 1};
static const struct window before_the_book = {"queued-before-book", 1};
static const struct window before_sending = {"queued", 1};
static const struct window after_acceptance = {"accepted", 2};
static const struct window after_the_record = {"recorded", 1};

/* Between deciding and queueing: decided again, sent once. */
static void
test_crash_before_queueing(void **state)
{
	(void)state;
	crash_maildir(&before_queueing);
}

/* Queued, the book not written: composed again, known, sent once. */
static void
test_crash_before_the_book(void **state)
{
	(void)state;
	crash_maildir(&before_the_book);
}

/* Queued and recorded, not sent: the outbox is resumed, sent once. */
static void
test_crash_before_sending(void **state)
{
	(void)state;
	crash_maildir(&before_sending);
}

/* Delivered, not recorded: sent again, with the same Message-ID. */
static void
test_crash_after_acceptance(void **state)
{
	(void)state;
	crash_maildir(&after_acceptance);
}

/* SMTP, between deciding and queueing: the server gets one message. */
static void
test_smtp_crash_before_queueing(void **state)
{
	(void)state;
	crash_smtp(&before_queueing);
}

/* SMTP, queued, the book not written: the server gets one message. */
static void
test_smtp_crash_before_the_book(void **state)
{
	(void)state;
	crash_smtp(&before_the_book);
}

/* SMTP, queued and recorded, not sent: the server gets one message. */
static void
test_smtp_crash_before_sending(void **state)
{
	(void)state;
	crash_smtp(&before_sending);
}

/*
 * SMTP, the server's 250 received, not recorded: the server gets the
 * message twice, with the same Message-ID.
 */
static void
test_smtp_crash_after_acceptance(void **state)
{
	(void)state;
	crash_smtp(&after_acceptance);
}

/* Recorded (renamed into sent/), killed before its sync: sent once. */
static void
test_crash_after_the_record(void **state)
{
	(void)state;
	crash_maildir(&after_the_record);
}

static void
test_smtp_crash_after_the_record(void **state)
{
	(void)state;
	crash_smtp(&after_the_record);
}

/*
 * The daemon (run) killed by the SMTP server itself at a moment of the
 * first message's delivery (SINK_KILL_AT, tests/integration/
 * smtp_sink.py), then run once again: copies messages in the end, two
 * with one Message-ID; a third run sends nothing more.
 */
static void
killed_by_the_server(const char *when, int copies)
{
	char ids[4][128], pidfile[700], log[700];
	const char *run[] = {"run", "--pidfile", pidfile, NULL};
	struct site s;
	int n;

	setenv("SINK_KILL_AT", when, 1);
	memset(&s, 0, sizeof(s));
	assert_int_equal(harness_temp_dir(s.dir, sizeof(s.dir), "kill"), 0);
	snprintf(pidfile, sizeof(pidfile), "%s/planwatch.pid", s.dir);
	setenv("SINK_KILL_PIDFILE", pidfile, 1);
	site_smtp_in(&s, 0);
	unsetenv("SINK_KILL_AT");
	unsetenv("SINK_KILL_PIDFILE");
	snprintf(log, sizeof(log), "%s/killed.log", s.dir);
	/* SIGKILL: not an exit status. */
	assert_int_equal(harness_run_args(log, s.conf, run), -1);
	harness_log_clean(log);
	assert_int_equal(run_once(&s, "restart"), 0);
	n = messages(&s, ids, 4);
	if (n != copies)
		fail_msg(
		    "killed %s: %d message(s), expected %d", when, n, copies);
	if (n == 2)
		assert_string_equal(ids[0], ids[1]);
	assert_int_equal(run_once(&s, "third"), 0);
	assert_int_equal(messages(&s, ids, 4), copies);
	site_close(&s);
}

/* Killed as the message arrives, before the server stored it: once. */
static void
test_killed_before_the_server_stores(void **state)
{
	(void)state;
	killed_by_the_server("before-store", 1);
}

/*
 * Killed when the server has stored the message but before its reply
 * went out: the worst case, the one window no client can close: twice,
 * with one Message-ID.
 */
static void
test_killed_at_acceptance(void **state)
{
	(void)state;
	killed_by_the_server("accept", 2);
}

/*
 * Killed 200 ms after the reply: the record was made the moment the
 * reply came (docs/reliability.md has the measured window), so once.
 */
static void
test_killed_after_the_reply(void **state)
{
	(void)state;
	killed_by_the_server("after-reply:200", 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_crash_before_queueing),
	    cmocka_unit_test(test_crash_before_the_book),
	    cmocka_unit_test(test_crash_before_sending),
	    cmocka_unit_test(test_crash_after_acceptance),
	    cmocka_unit_test(test_smtp_crash_before_queueing),
	    cmocka_unit_test(test_smtp_crash_before_the_book),
	    cmocka_unit_test(test_smtp_crash_before_sending),
	    cmocka_unit_test(test_smtp_crash_after_acceptance),
	    cmocka_unit_test(test_crash_after_the_record),
	    cmocka_unit_test(test_smtp_crash_after_the_record),
	    cmocka_unit_test(test_killed_before_the_server_stores),
	    cmocka_unit_test(test_killed_at_acceptance),
	    cmocka_unit_test(test_killed_after_the_reply),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

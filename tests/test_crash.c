/*
 * test_crash: planwatch killed at the worst moments of an alert's way,
 * then run again; the notice due arrives exactly once, except in the one
 * window no mail system can close (delivered, not yet recorded), where it
 * arrives twice with the same Message-ID.  The process ends at a crash
 * point (daemon/crashpoint.h) as kill -9 would: no clean-up, no flush.
 * The transport is a Maildir, whose "acceptance" is the file in new/.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "integration/harness.h"

struct window {
	const char *point;
	int copies; /* messages in the Maildir in the end */
};

static const char maildir_yaml[] = "smtp:\n  transport: maildir\n"
				   "  maildir: mail\n"
				   "  from: planwatch@cangshan.example\n";

/*
 * One breached floor: a critical problem on the first evaluation; smtp
 * is the configuration's smtp section.
 */
static void
write_site(const char *dir, const char *smtp, char *conf, size_t len)
{
	char path[512], text[2048];

	snprintf(path, sizeof(path), "%s/feed.json", dir);
	harness_write(path,
	    "{\"data\": [{\"year\": \"2024\", \"value\": 81},"
	    " {\"year\": \"2025\", \"value\": 79}]}");
	snprintf(text, sizeof(text),
	    "data_dir: data\ngraph_dir: graphs\nstate_dir: state\n"
	    "graphs: false\nlog_level: info\ngroup_wait: 0s\n"
	    "listen: \"off\"\n%s"
	    "routes:\n  - to: [leadership@cangshan.example]\n"
	    "collectors:\n  - {id: f, url: \"file://%s\", format: json, "
	    "allow_file: true}\n"
	    "indicators:\n  - id: coverage\n    name: 覆盖率\n    unit: "
	    "\"%%\"\n"
	    "    frequency: annual\n    collector: f\n    stale_after: 3650d\n"
	    "    selector: {observations: /data, period: /year, value: "
	    "/value}\n"
	    "    targets:\n      - {id: floor_85, kind: floor, value: 85}\n",
	    smtp, path);
	snprintf(conf, len, "%s/planwatch.yaml", dir);
	harness_write(conf, text);
}

/* The Message-IDs of the messages in dir/mail/new, n of them at most. */
static int
messages(const char *dir, char ids[][128], int n)
{
	char path[600];
	struct dirent *de;
	int count = 0;
	DIR *d;

	snprintf(path, sizeof(path), "%s/mail/new", dir);
	if ((d = opendir(path)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL && count < n) {
		char file[900], *text, *id;

		if (de->d_name[0] == '.')
			continue;
		snprintf(file, sizeof(file), "%s/%s", path, de->d_name);
		text = harness_read(file, NULL);
		assert_non_null(text);
		id = strstr(text, "Message-ID: ");
		assert_non_null(id);
		snprintf(ids[count], 128, "%.*s", (int)strcspn(id, "\r\n"), id);
		free(text);
		count++;
	}
	closedir(d);
	return count;
}

static void
crash_then_restart(const struct window *w)
{
	char dir[256], conf[600], log[600];
	char ids[4][128];
	int n;

	assert_int_equal(harness_temp_dir(dir, sizeof(dir), "crash"), 0);
	write_site(dir, maildir_yaml, conf, sizeof(conf));
	snprintf(log, sizeof(log), "%s/crash.log", dir);
	setenv("PLANWATCH_TEST_CRASH", w->point, 1);
	assert_int_equal(harness_run(log, conf, "once"), 137);
	unsetenv("PLANWATCH_TEST_CRASH");
	snprintf(log, sizeof(log), "%s/restart.log", dir);
	assert_int_equal(harness_run(log, conf, "once"), 0);
	harness_log_clean(log);
	n = messages(dir, ids, 4);
	if (n != w->copies)
		fail_msg("crash at %s: %d message(s), expected %d", w->point, n,
		    w->copies);
	if (n == 2)
		assert_string_equal(ids[0], ids[1]);
	/* Nothing more is due: a third run sends nothing. */
	snprintf(log, sizeof(log), "%s/third.log", dir);
	assert_int_equal(harness_run(log, conf, "once"), 0);
	assert_int_equal(messages(dir, ids, 4), w->copies);
	harness_remove_dir(dir);
}

/* Between deciding and queueing: decided again, sent once. */
static void
test_crash_before_queueing(void **state)
{
	static const struct window w = {"decided", 1};

	(void)state;
	crash_then_restart(&w);
}

/* Queued, the book not written: composed again, known, sent once. */
static void
test_crash_before_the_book(void **state)
{
	static const struct window w = {"queued-before-book", 1};

	(void)state;
	crash_then_restart(&w);
}

/* Queued and recorded, not sent: the outbox is resumed, sent once. */
static void
test_crash_before_sending(void **state)
{
	static const struct window w = {"queued", 1};

	(void)state;
	crash_then_restart(&w);
}

/* Delivered, not recorded: sent again, with the same Message-ID. */
static void
test_crash_after_acceptance(void **state)
{
	static const struct window w = {"accepted", 2};

	(void)state;
	crash_then_restart(&w);
}

/*
 * The daemon against an SMTP server that refuses the first message
 * (451): the message stays in the outbox, is tried again after the
 * back-off, and arrives once.
 */
static void
test_refused_delivery_retried(void **state)
{
	char dir[256], conf[600], log[600];
	char smtp[512], sink_dir[600], eml[700];
	struct harness_smtp sink;
	pid_t pid;

	(void)state;
	assert_int_equal(harness_temp_dir(dir, sizeof(dir), "retry"), 0);
	snprintf(sink_dir, sizeof(sink_dir), "%s/sink", dir);
	assert_int_equal(mkdir(sink_dir, 0700), 0);
	assert_int_equal(harness_smtp_start(&sink, sink_dir, 1), 0);
	snprintf(smtp, sizeof(smtp),
	    "smtp:\n  transport: smtp\n  url: smtp://127.0.0.1:%d\n"
	    "  from: planwatch@cangshan.example\n  timeout: 10s\n"
	    "  retry_initial: 1s\n  retry_max: 2s\n",
	    sink.port);
	write_site(dir, smtp, conf, sizeof(conf));
	snprintf(log, sizeof(log), "%s/run.log", dir);
	pid = harness_start(log, conf);
	snprintf(eml, sizeof(eml), "%s/1.eml", sink_dir);
	for (int i = 0; i < 150 && access(eml, F_OK) != 0; i++)
		usleep(100000);
	usleep(500000); /* a second delivery, if any, would come now */
	assert_int_equal(harness_stop(pid), 0);
	harness_smtp_stop(&sink);
	harness_log_clean(log);
	harness_log_has(log, "kept for retry");
	harness_log_has(log, "451");
	harness_log_has(log, "next delivery attempt in ");
	assert_true(harness_exists(sink_dir, "1.eml"));
	assert_false(harness_exists(sink_dir, "2.eml"));
	harness_remove_dir(dir);
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
	assert_non_null(strstr(msg, "覆盖率 (coverage/floor_85)"));
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_crash_before_queueing),
	    cmocka_unit_test(test_crash_before_the_book),
	    cmocka_unit_test(test_crash_before_sending),
	    cmocka_unit_test(test_crash_after_acceptance),
	    cmocka_unit_test(test_refused_delivery_retried),
	    cmocka_unit_test(test_exec_transport),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

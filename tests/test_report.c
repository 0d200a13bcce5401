/*
 * test_report: the scheduled "state of the plan" report, through a real
 * SMTP server on 127.0.0.1.  A route's first slot is only recorded; once
 * a slot has come since the recorded one, the next run sends the report
 * (counts, what changed since the last report, each target with its
 * sparkline inline), once; a crash between queueing it and recording it
 * does not send it twice; a reports book that is not one stops the start
 * with a message naming the file.
 */
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

struct site {
	char dir[256], conf[600], log[600], inbox[600], book[600];
	struct harness_smtp sink;
};

/*
 * One breached floor; the route takes warnings and criticals and a daily
 * report at 00:00 (a slot has always come within the last days).
 */
static void
site_open(struct site *s)
{
	char path[512], text[2048];

	assert_int_equal(harness_temp_dir(s->dir, sizeof(s->dir), "report"), 0);
	snprintf(s->inbox, sizeof(s->inbox), "%s/inbox", s->dir);
	assert_int_equal(mkdir(s->inbox, 0700), 0);
	assert_int_equal(harness_smtp_start(&s->sink, s->inbox, 0), 0);
	snprintf(path, sizeof(path), "%s/feed.json", s->dir);
	harness_write(path,
	    "{\"data\": [{\"year\": \"2023\", \"value\": 86},"
	    " {\"year\": \"2024\", \"value\": 81},"
	    " {\"year\": \"2025\", \"value\": 79}]}");
	snprintf(text, sizeof(text),
	    "data_dir: data\ngraph_dir: graphs\nstate_dir: state\n"
	    "log_level: info\ngroup_wait: 0s\nlisten: \"off\"\n"
	    "smtp:\n  transport: smtp\n  url: smtp://127.0.0.1:%d\n"
	    "  from: planwatch@cangshan.example\n"
	    "routes:\n  - to: [leadership@cangshan.example]\n"
	    "    report: {every: day, at: \"00:00\"}\n"
	    "collectors:\n  - {id: f, url: \"file://%s\", format: json, "
	    "allow_file: true}\n"
	    "indicators:\n  - id: coverage\n    name: 森林覆盖率\n"
	    "    unit: \"%%\"\n    group: 生态环境\n    owner: 区林业局\n"
	    "    frequency: annual\n    collector: f\n    stale_after: 3650d\n"
	    "    selector: {observations: /data, period: /year, value: "
	    "/value}\n"
	    "    targets:\n      - {id: floor_85, kind: floor, value: 85}\n",
	    s->sink.port, path);
	snprintf(s->conf, sizeof(s->conf), "%s/planwatch.yaml", s->dir);
	harness_write(s->conf, text);
	snprintf(s->log, sizeof(s->log), "%s/run.log", s->dir);
	snprintf(s->book, sizeof(s->book), "%s/state/reports.json", s->dir);
}

static void
site_close(struct site *s)
{
	harness_smtp_stop(&s->sink);
	harness_remove_dir(s->dir);
}

static int
messages(const struct site *s)
{
	char name[32];
	int n = 0;

	for (;;) {
		snprintf(name, sizeof(name), "%d.eml", n + 1);
		if (!harness_exists(s->inbox, name))
			return n;
		n++;
	}
}

static char *
view(const struct site *s, int n, const char *ext)
{
	char path[800];

	snprintf(path, sizeof(path), "%s/%d.%s", s->inbox, n, ext);
	return harness_read(path, NULL);
}

/*
 * Moves the recorded slot back by days, as if the last report had been
 * sent then with the pair on track.
 */
static void
age_book(const struct site *s, int days)
{
	char *text = harness_read(s->book, NULL), *p, out[1024];
	long long slot;

	assert_non_null(text);
	assert_non_null(p = strstr(text, "\"slot\": "));
	assert_int_equal(sscanf(p, "\"slot\": %lld", &slot), 1);
	snprintf(out, sizeof(out),
	    "{\"leadership@cangshan.example\": {\"slot\": %lld, "
	    "\"statuses\": {\"coverage/floor_85\": \"on_track\"}}}\n",
	    slot - days * 86400LL);
	harness_write(s->book, out);
	free(text);
}

static void
test_first_slot_recorded_then_report_sent_once(void **state)
{
	struct site s;
	char *subject, *text, *mime, *html;

	(void)state;
	site_open(&s);
	/* The first run: the digest of the breach; the slot is recorded. */
	assert_int_equal(harness_run(s.log, s.conf, "once"), 0);
	harness_log_clean(s.log);
	harness_log_has(s.log, "first slot recorded, no report");
	assert_int_equal(messages(&s), 1);

	/* A slot came since the last report: the report goes, once. */
	age_book(&s, 7);
	assert_int_equal(harness_run(s.log, s.conf, "once"), 0);
	harness_log_clean(s.log);
	assert_int_equal(messages(&s), 2);
	subject = view(&s, 2, "subject");
	assert_non_null(strstr(subject, "[planwatch] 规划实施情况日报（"));
	assert_non_null(strstr(subject, "1 项目标中 1 项需关注"));
	text = view(&s, 2, "txt");
	assert_non_null(strstr(text, "1 项目标：突破约束 1。"));
	assert_non_null(strstr(text, "自上次报告（"));
	assert_non_null(strstr(
	    text, "  * 森林覆盖率 (coverage/floor_85)：进度正常 → 突破约束\n"));
	assert_non_null(strstr(text,
	    "生态环境\n  [突破约束] 森林覆盖率 "
	    "(coverage/floor_85) · 区林业局\n"));
	assert_non_null(strstr(text, "低于 85 的下限"));
	mime = view(&s, 2, "mime");
	assert_non_null(strstr(mime,
	    "    image/png cte=base64 cid=<spark.coverage@planwatch> "
	    "disposition=inline bytes="));
	assert_null(strstr(mime, "png=False"));
	html = view(&s, 2, "html");
	assert_non_null(strstr(html, "src=\"cid:spark.coverage@planwatch\""));
	free(subject);
	free(text);
	free(mime);
	free(html);

	/* Nothing new is due. */
	assert_int_equal(harness_run(s.log, s.conf, "once"), 0);
	assert_int_equal(messages(&s), 2);
	site_close(&s);
}

/*
 * The feed fails (its file no longer JSON): the leadership route (it
 * receives decisions only) gets no digest of it, and its report shows
 * the target's last judgement, not the feed's failure.
 */
static void
test_report_to_leadership_has_no_feed_failure(void **state)
{
	struct site s;
	char path[512], *text;

	(void)state;
	site_open(&s);
	assert_int_equal(harness_run(s.log, s.conf, "once"), 0);
	assert_int_equal(messages(&s), 1);
	snprintf(path, sizeof(path), "%s/feed.json", s.dir);
	harness_write(path, "<html>502 Bad Gateway</html>");
	age_book(&s, 7);
	assert_int_equal(harness_run(s.log, s.conf, "once"), 1);
	harness_log_clean(s.log);
	harness_log_has(s.log, "no route receives operations");
	harness_log_has(s.log, "collector f, indicator coverage: ");
	/* The report only: no digest of the failure. */
	assert_int_equal(messages(&s), 2);
	text = view(&s, 2, "txt");
	assert_non_null(strstr(text,
	    "生态环境\n  [突破约束] 森林覆盖率 "
	    "(coverage/floor_85) · 区林业局\n"));
	assert_null(strstr(text, "数据源"));
	assert_null(strstr(text, "Bad Gateway"));
	free(text);
	site_close(&s);
}

static void
test_crash_before_recording_sends_report_once(void **state)
{
	struct site s;
	int rc;

	(void)state;
	site_open(&s);
	assert_int_equal(harness_run(s.log, s.conf, "once"), 0);
	assert_int_equal(messages(&s), 1);
	age_book(&s, 3);
	setenv("PLANWATCH_TEST_CRASH", "queued-before-book", 1);
	rc = harness_run(s.log, s.conf, "once");
	unsetenv("PLANWATCH_TEST_CRASH");
	assert_int_equal(rc, 137);
	assert_int_equal(harness_run(s.log, s.conf, "once"), 0);
	harness_log_clean(s.log);
	assert_int_equal(messages(&s), 2);
	assert_int_equal(harness_run(s.log, s.conf, "once"), 0);
	assert_int_equal(messages(&s), 2);
	site_close(&s);
}

static void
test_bad_book_refused(void **state)
{
	struct site s;

	(void)state;
	site_open(&s);
	assert_int_equal(harness_run(s.log, s.conf, "once"), 0);
	harness_write(s.book,
	    "{\"leadership@cangshan.example\": "
	    "{\"slot\": \"yesterday\"}}");
	assert_int_equal(harness_run(s.log, s.conf, "once"), 1);
	harness_log_has(s.log, "report state: ");
	harness_log_has(s.log,
	    "reports.json: route "
	    "leadership@cangshan.example: expected");
	site_close(&s);
}

/*
 * A book of an earlier version, where data overdue was the status
 * "stale" (both of its formats): it loads, the pair's judged status is
 * told (a breach, as a first notice), and the book is written anew with
 * the status and no overdue (nothing is overdue now).
 */
static void
test_alert_book_with_stale(void **state)
{
	static const char *const books[] = {
	    "{\"coverage/floor_85\": {\"notified\": \"stale\", \"pending\": "
	    "\"stale\", \"count\": 0, \"sent\": 1795712959}}\n",
	    "{\"coverage/floor_85\": \"stale\"}\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(books) / sizeof(books[0]); i++) {
		struct site s;
		char path[700], *book, *msg;

		site_open(&s);
		snprintf(path, sizeof(path), "%s/state", s.dir);
		assert_int_equal(mkdir(path, 0700), 0);
		snprintf(path, sizeof(path), "%s/state/alerts.json", s.dir);
		harness_write(path, books[i]);
		assert_int_equal(harness_run(s.log, s.conf, "once"), 0);
		harness_log_clean(s.log);
		assert_int_equal(messages(&s), 1);
		msg = view(&s, 1, "eml");
		assert_non_null(msg);
		free(msg);
		book = harness_read(path, NULL);
		assert_non_null(book);
		assert_non_null(strstr(book, "\"notified\": \"breach\""));
		assert_null(strstr(book, "stale"));
		assert_null(strstr(book, "\"overdue\""));
		free(book);
		site_close(&s);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_first_slot_recorded_then_report_sent_once),
	    cmocka_unit_test(test_report_to_leadership_has_no_feed_failure),
	    cmocka_unit_test(test_crash_before_recording_sends_report_once),
	    cmocka_unit_test(test_bad_book_refused),
	    cmocka_unit_test(test_alert_book_with_stale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_ops_route: operational faults go to the operators' route, never
 * into leadership's mail (issue 19, item 1).  Three feeds: a's file
 * holds a value that breaks its floor (a decision), b's HTTP server
 * answers 503 and c's file is missing (libcurl's message names the
 * path).  `once` delivers into a Maildir one message to leadership (the
 * default route: decisions) with a's breach and nothing of b or c, and
 * one to the operators (receives: [operations]) saying in words which
 * feeds failed, the raw messages only as details below.  When b's feed
 * comes back below its floor, leadership hears of the breach alone, the
 * operators that the feed is back.  Without an
 * operators' route the failures are only logged, with a warning at start
 * and from check-config.
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
#include <unistd.h>

#include <cmocka.h>
#include <event2/thread.h>

#include "integration/feed_server.h"
#include "integration/harness.h"

struct env {
	char dir[256], conf[600], log[600];
	struct feed_server *fs;
};

static const char below_floor[] =
    "{\"data\": [{\"year\": \"2024\", \"value\": 83}]}";

static const char below_zero[] =
    "{\"data\": [{\"year\": \"2024\", \"value\": -1}]}";

static const char no_warning[] = "no route receives operations";

/* The configuration; ops: with the operators' route. */
static void
write_conf(const struct env *e, bool ops)
{
	char text[4096];

	snprintf(text, sizeof(text),
	    "data_dir: data\ngraph_dir: graphs\nstate_dir: state\n"
	    "graphs: false\nlog_level: info\ngroup_wait: 0s\n"
	    "smtp:\n  transport: maildir\n  maildir: mail\n"
	    "  from: planwatch@cangshan.example\n"
	    "routes:\n  - to: [leadership@cangshan.example]\n%s"
	    "collectors:\n"
	    "  - {id: fa, url: \"file://%s/a.json\", format: json, "
	    "allow_file: true}\n"
	    "  - {id: fb, url: \"http://127.0.0.1:%d/b.json\", format: json}\n"
	    "  - {id: fc, url: \"file://%s/missing.json\", format: json, "
	    "allow_file: true}\n"
	    "indicators:\n"
	    "  - {id: a, name: 甲指标, unit: \"%%\", frequency: annual, "
	    "collector: fa, stale_after: 3650d, selector: {observations: "
	    "/data, period: /year, value: /value}, targets: [{id: floor_90, "
	    "kind: floor, value: 90}]}\n"
	    "  - {id: b, name: 乙指标, unit: \"%%\", frequency: annual, "
	    "collector: fb, stale_after: 3650d, selector: {observations: "
	    "/data, period: /year, value: /value}, targets: [{id: floor_0, "
	    "kind: floor, value: 0}]}\n"
	    "  - {id: c, name: 丙指标, unit: \"%%\", frequency: annual, "
	    "collector: fc, stale_after: 3650d, selector: {observations: "
	    "/data, period: /year, value: /value}, targets: [{id: floor_0, "
	    "kind: floor, value: 0}]}\n",
	    ops ? "  - to: [ops@cangshan.example]\n"
		  "    receives: [operations]\n"
		: "",
	    e->dir, feed_server_port(e->fs), e->dir);
	harness_write(e->conf, text);
}

static int
setup(void **state)
{
	struct env *e = calloc(1, sizeof(*e));
	char path[700];

	assert_non_null(e);
	assert_int_equal(harness_temp_dir(e->dir, sizeof(e->dir), "ops"), 0);
	snprintf(e->conf, sizeof(e->conf), "%s/planwatch.yaml", e->dir);
	snprintf(e->log, sizeof(e->log), "%s/run.log", e->dir);
	snprintf(path, sizeof(path), "%s/a.json", e->dir);
	harness_write(path, below_floor);
	evthread_use_pthreads();
	assert_non_null(e->fs = feed_server_start());
	feed_server_set(e->fs, "/b.json", 503, "busy", 4);
	*state = e;
	return 0;
}

static int
teardown(void **state)
{
	struct env *e = *state;

	feed_server_stop(e->fs);
	harness_remove_dir(e->dir);
	free(e);
	return 0;
}

/*
 * The text of the one message delivered to rcpt (its To: header); fails
 * unless exactly one was.
 */
static char *
mail_to(const struct env *e, const char *rcpt)
{
	char dir[700], file[1000], to[300], *found = NULL, *text;
	struct dirent *de;
	DIR *d;
	int n = 0;

	snprintf(dir, sizeof(dir), "%s/mail/new", e->dir);
	snprintf(to, sizeof(to), "\nTo: %s\r\n", rcpt);
	assert_non_null(d = opendir(dir));
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(file, sizeof(file), "%s/%s", dir, de->d_name);
		text = harness_read(file, NULL);
		assert_non_null(text);
		if (strstr(text, to) != NULL) {
			n++;
			free(found);
			found = text;
		} else
			free(text);
	}
	closedir(d);
	if (n != 1)
		fail_msg("%d messages to %s", n, rcpt);
	return found;
}

/* Removes the messages delivered so far. */
static void
clear_mail(const struct env *e)
{
	char dir[700], file[1000];
	struct dirent *de;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/mail/new", e->dir);
	assert_non_null(d = opendir(dir));
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(file, sizeof(file), "%s/%s", dir, de->d_name);
		assert_int_equal(unlink(file), 0);
	}
	closedir(d);
}

/* Fails, showing text, unless it contains what. */
static void
has(const char *text, const char *what)
{
	if (strstr(text, what) == NULL)
		fail_msg("no \"%s\" in:\n%s", what, text);
}

/* Fails, showing text, if it contains what. */
static void
lacks(const char *text, const char *what)
{
	if (strstr(text, what) != NULL)
		fail_msg("\"%s\" in:\n%s", what, text);
}

/* Nothing of b's or c's failure in leadership's message. */
static void
leadership_sees_no_fault(const char *text)
{
	has(text, "甲指标");
	lacks(text, "乙指标");
	lacks(text, "丙指标");
	lacks(text, "数据源");
	lacks(text, "技术细节");
	lacks(text, "HTTP status 503");
	lacks(text, "missing.json");
}

static void
test_feed_failure_goes_to_operators_only(void **state)
{
	struct env *e = *state;
	char host[64], *lead, *ops, *words, *details;

	write_conf(e, true);
	/* Two feeds failed: once exits 1. */
	assert_int_equal(harness_run(e->log, e->conf, "once"), 1);
	harness_log_clean(e->log);
	harness_log_lacks(e->log, no_warning);

	lead = mail_to(e, "leadership@cangshan.example");
	leadership_sees_no_fault(lead);
	/* The date it is as of, then the counts. */
	has(lead, "本次评估：截至 ");
	has(lead, "，1 项目标需关注（严重）。");
	free(lead);

	ops = mail_to(e, "ops@cangshan.example");
	/* Counted as feeds, not as targets needing attention. */
	has(ops, "2 个数据源或数据日志故障");
	lacks(ops, "项目标需关注");
	lacks(ops, "甲指标");
	has(ops, "乙指标");
	has(ops, "丙指标");
	/* In words first, with the collector and the host; the raw
	 * message only as a detail below it. */
	snprintf(host, sizeof(host),
	    "数据源 fb（127.0.0.1:%d）获取失败（HTTP 503）",
	    feed_server_port(e->fs));
	has(ops, host);
	has(ops, "技术细节：HTTP status 503");
	words = strstr(ops, "数据源 fc 获取失败");
	details = strstr(ops, "missing.json");
	assert_non_null(words);
	assert_non_null(details);
	assert_true(words < details);
	has(ops, "  技术细节：");
	free(ops);

	/* b's feed is back with a value below its floor: leadership hears
	 * of the breach, not of a feed; the operators that it is back. */
	clear_mail(e);
	feed_server_set(e->fs, "/b.json", 200, below_zero, strlen(below_zero));
	assert_int_equal(harness_run(e->log, e->conf, "once"), 1);
	harness_log_clean(e->log);
	lead = mail_to(e, "leadership@cangshan.example");
	has(lead, "* 乙指标：突破约束");
	lacks(lead, "数据源");
	lacks(lead, "甲指标"); /* told already */
	free(lead);
	ops = mail_to(e, "ops@cangshan.example");
	has(ops, "* 乙指标：数据源故障 → 突破约束");
	free(ops);
}

/* No route receives operations: the failures are logged, not mailed. */
static void
test_without_operators_failures_are_only_logged(void **state)
{
	struct env *e = *state;
	char *lead;

	write_conf(e, false);
	assert_int_equal(harness_run(e->log, e->conf, "check-config"), 0);
	harness_log_has(e->log,
	    "no route receives operations: feed failures are only "
	    "logged");
	assert_int_equal(harness_run(e->log, e->conf, "once"), 1);
	harness_log_clean(e->log);
	harness_log_has(e->log, no_warning);
	harness_log_has(e->log, "collector fb, indicator b: HTTP status 503");
	lead = mail_to(e, "leadership@cangshan.example");
	leadership_sees_no_fault(lead);
	free(lead);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
		test_feed_failure_goes_to_operators_only, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_without_operators_failures_are_only_logged, setup,
		teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_integration: planwatch end to end against real servers on
 * 127.0.0.1, all started and stopped here: an evhttp feed server (in a
 * thread of this process) and an aiosmtpd SMTP server (a child process).
 * The real planwatch binary runs "once" on a configuration written for
 * them; the test then reads what it left: RRD values through librrd, the
 * PNG's signature, the e-mail as the SMTP server received it, the log.
 *
 * The tests run in order and share one planwatch data directory: the
 * second run sees the first run's state, as a daemon would.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <event2/thread.h>
#include <rrd.h>

#include "integration/feed_server.h"
#include "integration/harness.h"
#include "integration/rrd_check.h"

struct env {
	char dir[256];
	char conf[512];
	char mail[512];
	char log[512];
	struct feed_server *fs;
	pid_t smtp_pid;
	int smtp_stdin;
	int smtp_port;
	/* PW_TEST_RRDCACHED: the whole suite through a real rrdcached. */
	struct harness_rrdcached rrdcached;
};

/* The env of the group, for the helpers that have none passed. */
static struct env *the_env;

static const char gdp_first[] =
    "{\"data\": [{\"year\": \"2020\", \"value\": 902.27},"
    " {\"year\": \"2021\", \"value\": 1030.11},"
    " {\"year\": 2022, \"value\": 1045.07},"
    " {\"year\": \"2023\", \"value\": 1065}]}";
static const char gdp_revised[] =
    "{\"data\": [{\"year\": \"2020\", \"value\": 902.27},"
    " {\"year\": \"2021\", \"value\": 1030.11},"
    " {\"year\": 2022, \"value\": 1045.07},"
    " {\"year\": \"2023\", \"value\": 1048.97}]}";
static const char malformed[] = "{\"data\": [{\"year\": \"2021\", \"val";
static const char non_numeric[] =
    "{\"data\": [{\"year\": \"2021\", \"value\": 5.5},"
    " {\"year\": \"2022\", \"value\": \"abc\"}]}";

/* Starts the aiosmtpd sink, writing to e->mail. */
static int
smtp_start(struct env *e)
{
	struct harness_smtp sink;

	if (getenv("PW_SMTP_SINK") == NULL || getenv("PW_BINARY") == NULL) {
		fprintf(stderr,
		    "PW_SMTP_SINK and PW_BINARY must be set "
		    "(ctest sets them)\n");
		return -1;
	}
	if (harness_smtp_start(&sink, e->mail, 0) != 0)
		return -1;
	e->smtp_pid = sink.pid;
	e->smtp_stdin = sink.stdin_fd;
	e->smtp_port = sink.port;
	return 0;
}

/* Writes the test configuration to path, mailing to smtp_port. */
static void
write_config(struct env *e, const char *path, int smtp_port)
{
	char text[8192];
	int p = feed_server_port(e->fs);

	snprintf(text, sizeof(text),
	    "data_dir: data\ngraph_dir: graphs\nstate_dir: state\n"
	    "locale: zh-CN\n"
	    "collectors:\n"
	    "  - {id: good, url: \"http://127.0.0.1:%d/gdp.json\", "
	    "timeout: 10s, format: json}\n"
	    "  - {id: bad_json, url: \"http://127.0.0.1:%d/malformed.json\", "
	    "format: json}\n"
	    "  - {id: too_big, url: \"http://127.0.0.1:%d/big.json\", "
	    "max_bytes: 1k, format: json}\n"
	    "  - {id: http_500, url: \"http://127.0.0.1:%d/error\", format: "
	    "json}\n"
	    "  - {id: refused, url: \"http://127.0.0.1:%d/x.json\", "
	    "timeout: 5s, format: json}\n"
	    "  - {id: non_numeric, url: \"http://127.0.0.1:%d/nonnum.json\", "
	    "format: json}\n"
	    "indicators:\n",
	    p, p, p, p, harness_closed_port(), p);
	static const char *const ids[] = {"good", "bad_json", "too_big",
	    "http_500", "refused", "non_numeric"};
	for (size_t i = 0; i < 6; i++) {
		char ind[1024];

		snprintf(ind, sizeof(ind),
		    "  - id: %s_ind\n    name: %s\n    unit: 亿元\n"
		    "    frequency: annual\n    collector: %s\n"
		    /* Data end in 2023: not stale for this test's purpose,
		     * and the target still ahead (its period not over):
		     * 1065 in 2023 is 5.68 %/yr, 1566.5 by 2030, ratio
		     * 0.83; revised to 1048.97, 5.15 %/yr, 1487.7, 0.73:
		     * at risk both. */
		    "    stale_after: 3650d\n"
		    "    selector: {observations: /data, period: /year, "
		    "value: /value}\n"
		    "    targets:\n      - {id: t, kind: reach, path: compound,"
		    " baseline: {period: \"2020\", value: 902.27},"
		    " target: {period: \"2030\", value: 1700}}\n",
		    ids[i], i == 0 ? "地区生产总值" : ids[i], ids[i]);
		strncat(text, ind, sizeof(text) - strlen(text) - 1);
	}
	/* Derived from good_ind, without targets: recomputed on change. */
	strncat(text,
	    "  - id: double_ind\n    name: double\n    unit: x\n"
	    "    frequency: annual\n    derived: \"good_ind,2,*\"\n",
	    sizeof(text) - strlen(text) - 1);
	snprintf(text + strlen(text), sizeof(text) - strlen(text),
	    "smtp:\n  transport: smtp\n  url: smtp://127.0.0.1:%d\n"
	    "  from: planwatch@test.example\n  from_name: planwatch 测试\n"
	    "  timeout: 10s\n"
	    "routes:\n  - to: [boss@test.example]\n"
	    "    cc: [office@test.example]\n"
	    /* One route for all: the feed errors below are mailed. */
	    "    receives: [decisions, operations]\n",
	    smtp_port);
	if (e->rrdcached.pid > 0)
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
		    "storage: {rrdcached: \"%s\"}\n", e->rrdcached.addr);
	harness_write(path, text);
}

static void
serve_feeds(struct env *e)
{
	static char big[4096];

	memset(big, ' ', sizeof(big));
	memcpy(big, "{\"data\": []}", 12);
	feed_server_set(e->fs, "/gdp.json", 200, gdp_first, strlen(gdp_first));
	feed_server_set(
	    e->fs, "/malformed.json", 200, malformed, strlen(malformed));
	feed_server_set(e->fs, "/big.json", 200, big, sizeof(big));
	feed_server_set(e->fs, "/error", 500, "{}", 2);
	feed_server_set(
	    e->fs, "/nonnum.json", 200, non_numeric, strlen(non_numeric));
}

static int
group_setup(void **state)
{
	static struct env e;

	evthread_use_pthreads();
	if (harness_temp_dir(e.dir, sizeof(e.dir), "it") != 0)
		return -1;
	snprintf(e.conf, sizeof(e.conf), "%s/planwatch.yaml", e.dir);
	snprintf(e.mail, sizeof(e.mail), "%s/received", e.dir);
	snprintf(e.log, sizeof(e.log), "%s/planwatch.log", e.dir);
	mkdir(e.mail, 0755);
	if ((e.fs = feed_server_start()) == NULL || smtp_start(&e) != 0)
		return -1;
	if (harness_rrdcached_mode() != NULL) {
		char data[600];

		snprintf(data, sizeof(data), "%s/data", e.dir);
		mkdir(data, 0755);
		if (harness_rrdcached_start(&e.rrdcached, e.dir,
			strcmp(harness_rrdcached_mode(), "tcp") == 0
			    ? data
			    : NULL) != 0)
			return -1;
	}
	the_env = &e;
	serve_feeds(&e);
	write_config(&e, e.conf, e.smtp_port);
	*state = &e;
	return 0;
}

static int
group_teardown(void **state)
{
	struct env *e = *state;
	char cmd[512];

	harness_smtp_stop(
	    &(struct harness_smtp){e->smtp_pid, e->smtp_stdin, e->smtp_port});
	harness_rrdcached_stop(&e->rrdcached);
	feed_server_stop(e->fs);
	if (getenv("PW_KEEP") == NULL) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", e->dir);
		if (system(cmd) != 0)
			return -1;
	}
	return 0;
}

static int
count_mail(const struct env *e)
{
	char path[1024];
	int n = 0;

	for (;;) {
		snprintf(path, sizeof(path), "%s/%d.eml", e->mail, n + 1);
		if (access(path, F_OK) != 0)
			return n;
		n++;
	}
}

/*
 * Message n as a mail client reads it: the sink's view of it with
 * extension ext (txt, html, subject, mime; see smtp_sink.py).
 */
static char *
mail_view(const struct env *e, int n, const char *ext)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%d.%s", e->mail, n, ext);
	return harness_read(path, NULL);
}

/* Value stored for the day that ends at t, through rrdcached if used. */
static double
rrd_value_at(const char *path, time_t t)
{
	const char *daemon = the_env != NULL && the_env->rrdcached.pid > 0
	    ? the_env->rrdcached.addr
	    : NULL;

	return rrd_check_value_at(path, t, daemon,
	    daemon == NULL || strncmp(daemon, "unix:", 5) == 0
		? path
		: strrchr(path, '/') + 1);
}

static time_t
utc(int y, int m, int d)
{
	return rrd_check_utc(y, m, d);
}

static void
assert_log_has(const struct env *e, const char *what)
{
	harness_log_has(e->log, what);
}

/* The sanitizers report into the same log: none of that may appear. */
static void
assert_log_clean(const struct env *e)
{
	harness_log_clean(e->log);
}

static int
run_planwatch(struct env *e, const char *config, const char *command)
{
	return harness_run(e->log, config, command);
}

static void
test_once_stores_graphs_and_mails(void **state)
{
	struct env *e = *state;
	char data[1024], png[1024], *msg, *env, *subject;
	size_t len;

	/* The bad collectors make the run fail, the good one still works. */
	assert_int_equal(run_planwatch(e, e->conf, "once"), 1);
	assert_log_clean(e);
	snprintf(data, sizeof(data), "%s/data/good_ind.rrd", e->dir);
	assert_true(rrd_value_at(data, utc(2021, 1, 1)) == 902.27);
	assert_true(rrd_value_at(data, utc(2021, 7, 1)) == 1030.11);
	assert_true(rrd_value_at(data, utc(2023, 1, 1)) == 1045.07);
	assert_true(rrd_value_at(data, utc(2024, 1, 1)) == 1065);
	assert_true(isnan(rrd_value_at(data, utc(2024, 1, 2))));

	/* The derived indicator was computed by librrd from good_ind. */
	snprintf(data, sizeof(data), "%s/data/double_ind.journal", e->dir);
	msg = harness_read(data, NULL);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "{\"period\":\"2021\",\"value\":2060.22,"));
	assert_non_null(strstr(msg, "{\"period\":\"2023\",\"value\":2130.0,"));
	free(msg);

	snprintf(png, sizeof(png), "%s/graphs/good_ind.png", e->dir);
	msg = harness_read(png, &len);
	assert_non_null(msg);
	assert_true(len > 5000);
	assert_memory_equal(msg, "\x89PNG\r\n\x1a\n", 8);
	free(msg);

	assert_int_equal(count_mail(e), 1);
	snprintf(data, sizeof(data), "%s/1.env", e->mail);
	env = harness_read(data, NULL);
	assert_string_equal(env,
	    "planwatch@test.example\nboss@test.example\n"
	    "office@test.example\n");
	free(env);
	snprintf(data, sizeof(data), "%s/1.eml", e->mail);
	msg = harness_read(data, NULL);
	assert_non_null(strstr(msg, "To: boss@test.example\r\n"));
	assert_non_null(strstr(msg, "Cc: office@test.example\r\n"));
	assert_non_null(strstr(msg, "Message-ID: <pw."));
	free(msg);
	/* What a mail client shows, as Python's email package reads it. */
	subject = mail_view(e, 1, "subject");
	/* good_ind at_risk, a target; five feeds failing, faults (this
	 * route receives both), counted as the first line counts them. */
	assert_string_equal(subject,
	    "[planwatch] 1 项目标需关注（警告）；5 个数据源或数据日志故障");
	free(subject);
	msg = mail_view(e, 1, "txt");
	assert_non_null(strstr(msg,
	    "1 项目标需关注（警告）；5 "
	    "个数据源或数据日志故障。"));
	/* The name above, the id only in the staff footer below "-- ". */
	assert_non_null(strstr(msg, "* 地区生产总值：存在风险\n"));
	assert_true(strstr(msg, "good_ind/t") > strstr(msg, "\n-- \n"));
	assert_non_null(strstr(msg, "存在风险"));
	assert_non_null(strstr(msg, "数据源故障"));
	assert_non_null(strstr(msg, "HTTP status 500"));
	free(msg);
}

/*
 * The digest is a multipart message built with libcurl's MIME API: text
 * and HTML alternatives in UTF-8, and each chart the HTML shows as an
 * inline PNG related part, found by its Content-ID.
 */
static void
test_digest_has_html_and_inline_charts(void **state)
{
	struct env *e = *state;
	char *mime, *html, *p, cid[256], line[512];
	int charts = 0;

	/* The message of test_once_stores_graphs_and_mails. */
	mime = mail_view(e, 1, "mime");
	assert_non_null(mime);
	assert_non_null(strstr(mime,
	    "multipart/mixed\n  multipart/related\n"
	    "    multipart/alternative\n"
	    "      text/plain charset=utf-8 cte=8bit\n"
	    "      text/html charset=utf-8 cte=8bit\n"));
	html = mail_view(e, 1, "html");
	assert_non_null(html);
	assert_non_null(strstr(html, "<html lang=\"zh-CN\">"));
	assert_non_null(strstr(html, "地区生产总值"));
	assert_non_null(strstr(html, "HTTP status 500"));
	/* Every cid: the HTML names is a PNG part of the message. */
	for (p = html; (p = strstr(p, "src=\"cid:")) != NULL; p++) {
		assert_int_equal(sscanf(p, "src=\"cid:%255[^\"]", cid), 1);
		snprintf(line, sizeof(line),
		    "    image/png cte=base64 cid=<%s> disposition=inline "
		    "bytes=",
		    cid);
		assert_non_null(strstr(mime, line));
		charts++;
	}
	/* good_ind has data, hence a chart; the indicators whose feeds
	 * failed have none to show, and their items no <img>. */
	assert_int_equal(charts, 1);
	assert_null(strstr(mime, "png=False"));
	free(html);
	free(mime);
}

static void
test_bad_inputs_logged_not_stored(void **state)
{
	struct env *e = *state;
	static const char *const bad[] = {
	    "bad_json", "too_big", "http_500", "refused", "non_numeric"};
	char dir[512], name[128];

	/* The log of the first run was replaced by no other run yet. */
	assert_log_has(e, "collector bad_json, indicator bad_json_ind: line 1");
	assert_log_has(e,
	    "collector too_big, indicator too_big_ind: body "
	    "larger than max_bytes (1024)");
	assert_log_has(e,
	    "collector http_500, indicator http_500_ind: HTTP "
	    "status 500");
	assert_log_has(e,
	    "collector refused, indicator refused_ind: Failed "
	    "to connect");
	assert_log_has(e,
	    "collector non_numeric, indicator non_numeric_ind: "
	    "element 1 (period 2022): value \"abc\"");
	snprintf(dir, sizeof(dir), "%s/data", e->dir);
	for (size_t i = 0; i < 5; i++) {
		snprintf(name, sizeof(name), "%s_ind.rrd", bad[i]);
		assert_false(harness_exists(dir, name));
		snprintf(name, sizeof(name), "%s_ind.journal", bad[i]);
		assert_false(harness_exists(dir, name));
	}
}

static void
test_revision_logged_and_mail_not_repeated(void **state)
{
	struct env *e = *state;
	char path[1024], *journal;

	feed_server_set(
	    e->fs, "/gdp.json", 200, gdp_revised, strlen(gdp_revised));
	assert_int_equal(run_planwatch(e, e->conf, "once"), 1);
	assert_log_has(e,
	    "indicator good_ind: revision of 2023: 1065 -> "
	    "1048.97");
	snprintf(path, sizeof(path), "%s/data/good_ind.journal", e->dir);
	journal = harness_read(path, NULL);
	assert_non_null(
	    strstr(journal, "{\"period\":\"2023\",\"value\":1048.97,"));
	assert_non_null(strstr(journal, "\"replaced\":1065"));
	free(journal);
	/* The archive was rebuilt with the revised value. */
	snprintf(path, sizeof(path), "%s/data/good_ind.rrd", e->dir);
	assert_true(rrd_value_at(path, utc(2024, 1, 1)) == 1048.97);
	assert_true(rrd_value_at(path, utc(2022, 1, 1)) == 1030.11);
	/* The revision reached the derived indicator too. */
	snprintf(path, sizeof(path), "%s/data/double_ind.journal", e->dir);
	journal = harness_read(path, NULL);
	assert_non_null(
	    strstr(journal, "{\"period\":\"2023\",\"value\":2097.94,"));
	assert_non_null(strstr(journal, "\"replaced\":2130.0"));
	free(journal);
	/* Statuses did not change: nobody is told again. */
	assert_int_equal(count_mail(e), 1);
	/* planwatch revisions shows it; rebuild makes the archive anew. */
	{
		const char *revs[] = {"revisions", "good_ind", NULL};
		const char *rebuild[] = {"rebuild", "good_ind", NULL};
		const char *unknown[] = {"rebuild", "nosuch", NULL};

		assert_int_equal(harness_run_args(e->log, e->conf, revs), 0);
		assert_log_has(e, "2023  1065 -> 1048.97 亿元  good  ");
		snprintf(path, sizeof(path), "%s/data/good_ind.rrd", e->dir);
		assert_int_equal(unlink(path), 0);
		assert_int_equal(harness_run_args(e->log, e->conf, rebuild), 0);
		assert_log_clean(e);
		assert_true(rrd_value_at(path, utc(2024, 1, 1)) == 1048.97);
		assert_true(rrd_value_at(path, utc(2022, 1, 1)) == 1030.11);
		assert_int_equal(harness_run_args(e->log, e->conf, unknown), 1);
		assert_log_has(e, "no indicator 'nosuch'");
	}
}

static void
test_recovery_sends_one_resolved_notice(void **state)
{
	static const char good[] =
	    "{\"data\": [{\"year\": \"2021\", \"value\": 2000}]}";

	struct env *e = *state;
	char *msg;

	feed_server_set(e->fs, "/error", 200, good, strlen(good));
	assert_int_equal(run_planwatch(e, e->conf, "once"), 1);
	assert_int_equal(count_mail(e), 2);
	msg = mail_view(e, 2, "txt");
	assert_non_null(strstr(msg, "已恢复"));
	assert_non_null(strstr(msg, "http_500: http_500_ind/t"));
	assert_null(strstr(msg, "bad_json_ind/t"));
	free(msg);
}

static char *
read_data(const struct env *e, const char *name, size_t *len)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/data/%s", e->dir, name);
	return harness_read(path, len);
}

static void
test_bad_feed_later_leaves_stored_data_alone(void **state)
{
	struct env *e = *state;
	size_t rrd_len, journal_len, len;
	char *rrd = read_data(e, "good_ind.rrd", &rrd_len);
	char *journal = read_data(e, "good_ind.journal", &journal_len);
	char *now;

	assert_non_null(rrd);
	assert_non_null(journal);
	feed_server_set(e->fs, "/gdp.json", 200, malformed, strlen(malformed));
	assert_int_equal(run_planwatch(e, e->conf, "once"), 1);
	assert_log_clean(e);
	assert_log_has(e, "collector good, indicator good_ind: line 1");
	now = read_data(e, "good_ind.rrd", &len);
	assert_int_equal(len, rrd_len);
	assert_memory_equal(now, rrd, len);
	free(now);
	now = read_data(e, "good_ind.journal", &len);
	assert_int_equal(len, journal_len);
	assert_memory_equal(now, journal, len);
	free(now);
	free(rrd);
	free(journal);
	/* good_ind went to feed_error: that is news. */
	assert_int_equal(count_mail(e), 3);
}

static int
count_outbox(const struct env *e)
{
	char cmd[600];
	FILE *p;
	int n = -1;

	snprintf(
	    cmd, sizeof(cmd), "ls '%s/state/outbox' | grep -c 'json$'", e->dir);
	if ((p = popen(cmd, "r")) != NULL) {
		if (fscanf(p, "%d", &n) != 1)
			n = -1;
		pclose(p);
	}
	return n;
}

static void
test_undelivered_mail_is_kept_and_sent_later(void **state)
{
	struct env *e = *state;
	char dead[512], *msg;

	/* good_ind recovers from feed_error to at_risk: one new message,
	 * but the mail server is down for this run. */
	feed_server_set(
	    e->fs, "/gdp.json", 200, gdp_revised, strlen(gdp_revised));
	snprintf(dead, sizeof(dead), "%s/dead-smtp.yaml", e->dir);
	write_config(e, dead, harness_closed_port());
	assert_int_equal(run_planwatch(e, dead, "once"), 1);
	assert_log_clean(e);
	assert_log_has(e, "kept for retry");
	assert_int_equal(count_outbox(e), 1);
	assert_int_equal(count_mail(e), 3);

	/* The next run delivers it, once, and decides nothing new. */
	assert_int_equal(run_planwatch(e, e->conf, "once"), 1);
	assert_log_clean(e);
	assert_int_equal(count_outbox(e), 0);
	assert_int_equal(count_mail(e), 4);
	msg = mail_view(e, 4, "txt");
	assert_non_null(strstr(msg, "地区生产总值: good_ind/t"));
	assert_non_null(strstr(msg, "数据源故障 → 存在风险"));
	free(msg);
}

static void
test_check_config_reports_three_mistakes(void **state)
{
	struct env *e = *state;
	char path[1024], *log, *line;
	int lines = 0;

	snprintf(path, sizeof(path), "%s/bad.yaml", e->dir);
	harness_write(path,
	    "data_dir: data\n"
	    "collectors:\n"
	    "  - id: feed\n"
	    "    url: http://127.0.0.1/x\n"
	    "    format: json\n"
	    "    intervall: 1h\n"
	    "indicators:\n"
	    "  - id: a\n"
	    "    name: A\n"
	    "    unit: x\n"
	    "    frequency: annual\n"
	    "    collector: nosuch\n"
	    "    selector: {observations: /d, period: /p, "
	    "value: /v}\n"
	    "    targets:\n"
	    "      - kind: reach\n"
	    "        baseline: {period: \"2020-13\", value: 1}\n"
	    "        target: {period: \"2025\", value: 2}\n");
	assert_int_equal(run_planwatch(e, path, "check-config"), 1);
	log = harness_read(e->log, NULL);
	for (line = log; (line = strstr(line, "bad.yaml:")) != NULL; line++)
		lines++;
	assert_int_equal(lines, 3);
	fprintf(stderr, "%s", log);
	assert_non_null(strstr(log, "bad.yaml:6:5: "));
	assert_non_null(strstr(log, "bad.yaml:12:16: "));
	assert_non_null(strstr(log, "bad.yaml:16:28: "));
	free(log);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_once_stores_graphs_and_mails),
	    cmocka_unit_test(test_digest_has_html_and_inline_charts),
	    cmocka_unit_test(test_bad_inputs_logged_not_stored),
	    cmocka_unit_test(test_revision_logged_and_mail_not_repeated),
	    cmocka_unit_test(test_recovery_sends_one_resolved_notice),
	    cmocka_unit_test(test_bad_feed_later_leaves_stored_data_alone),
	    cmocka_unit_test(test_undelivered_mail_is_kept_and_sent_later),
	    cmocka_unit_test(test_check_config_reports_three_mistakes),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}

/*
 * test_entered: values entered by people, with their name.  planwatch set
 * without a daemon (journaled with who, when, source and note, mark
 * entered; a changed value is a revision; every bad input refused with
 * nothing journaled), then through a running daemon on 127.0.0.1 with its
 * token: a batch upload refused whole on one bad row and accepted whole
 * otherwise, a wrong token refused, planwatch set going through the admin
 * API while the daemon holds the data directory, the values and their mark
 * in the API, and the journal written before (a feed's, without "by")
 * loading alongside.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <curl/curl.h>

#include "integration/daemon_request.h"
#include "integration/harness.h"

#define TOKEN "correct-horse-battery-staple"
#define AUTH "Authorization: Bearer " TOKEN

struct env {
	char dir[256];
	char conf[300];
	char log[300];
	char journal[320];
	pid_t pid;
	int port;
};

/* One request: a POST of body when body is not NULL, else a GET. */
static void
request(const struct env *e, const char *path, const char *header,
    const char *body, struct daemon_response *r)
{
	daemon_request(e->port, path, header, body, r);
}

/* The journal's text ("" when there is none yet); caller frees. */
static char *
journal_text(const struct env *e)
{
	char *t = harness_read(e->journal, NULL);

	return t != NULL ? t : strdup("");
}

/* Waits (bounded) until the journal holds text. */
static bool
journal_gets(const struct env *e, const char *text)
{
	for (int i = 0; i < 100; i++) {
		char *t = journal_text(e);
		bool has = strstr(t, text) != NULL;

		free(t);
		if (has)
			return true;
		usleep(100000);
	}
	return false;
}

/*
 * GETs path until its body holds text (bounded): the journal is written
 * by the worker before the daemon's state takes the values.
 */
static void
get_until(const struct env *e, const char *path, const char *text,
    struct daemon_response *r)
{
	for (int i = 0; i < 100; i++) {
		request(e, path, NULL, NULL, r);
		if (strstr(r->body, text) != NULL)
			return;
		usleep(100000);
	}
	fail_msg("%s never said %s", path, text);
}

static int
set_run(const struct env *e, const char *const *args)
{
	const char *argv[16] = {"set"};
	char log[400];
	int rc, n = 1;

	for (; args[n - 1] != NULL && n < 15; n++)
		argv[n] = args[n - 1];
	argv[n] = NULL;
	snprintf(log, sizeof(log), "%s/set.log", e->dir);
	rc = harness_run_args(log, e->conf, argv);
	return rc;
}

static int
group_setup(void **state)
{
	static struct env e;
	char path[400], text[2048];

	if (harness_temp_dir(e.dir, sizeof(e.dir), "entered") != 0 ||
	    getenv("PW_BINARY") == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/feed.json", e.dir);
	harness_write(path,
	    "{\"data\": [{\"year\": \"2019\", \"value\": 850.5, "
	    "\"status\": \"published\"}, {\"year\": \"2020\", "
	    "\"value\": 902.27, \"status\": \"published\"}]}");
	snprintf(text, sizeof(text),
	    "data_dir: data\ngraph_dir: graphs\nstate_dir: state\n"
	    "listen: \"127.0.0.1:0\"\nadmin_token_file: token\n"
	    "collectors:\n  - {id: f, url: \"file://%s\", format: json, "
	    "allow_file: true}\n"
	    "indicators:\n  - id: gdp\n    name: 地区生产总值\n    unit: 亿元\n"
	    "    frequency: annual\n    collector: f\n    stale_after: 3650d\n"
	    "    selector: {observations: /data, period: /year, value: "
	    "/value}\n"
	    "  - {id: twice, name: 两倍, unit: 亿元, frequency: annual, "
	    "stale_after: 3650d, derived: \"gdp,2,*\"}\n",
	    path);
	snprintf(e.conf, sizeof(e.conf), "%s/planwatch.yaml", e.dir);
	harness_write(e.conf, text);
	snprintf(path, sizeof(path), "%s/token", e.dir);
	harness_write(path, TOKEN "\n");
	chmod(path, 0600);
	snprintf(e.log, sizeof(e.log), "%s/planwatch.log", e.dir);
	snprintf(e.journal, sizeof(e.journal), "%s/data/gdp.journal", e.dir);
	*state = &e;
	return 0;
}

static int
group_teardown(void **state)
{
	struct env *e = *state;
	int rc = e->pid > 0 ? harness_stop(e->pid) : 0;

	harness_log_clean(e->log);
	harness_remove_dir(e->dir);
	return rc == 0 ? 0 : -1;
}

/* Without a daemon: set writes the journal itself, under the lock. */
static void
test_set_journaled(void **state)
{
	struct env *e = *state;
	char *t;

	assert_int_equal(set_run(e,
			     (const char *const[]){"gdp", "2021", "1030.5",
				 "--source", "区统计局 2022 年报表", "--by",
				 "张三", "--note", "快报数", NULL}),
	    0);
	t = journal_text(e);
	assert_non_null(strstr(t, "\"period\":\"2021\",\"value\":1030.5,"));
	assert_non_null(strstr(t, "\"collector\":\"entered\""));
	assert_non_null(strstr(t, "\"mark\":\"entered\""));
	assert_non_null(strstr(t, "\"by\":\"张三\""));
	assert_non_null(strstr(t, "\"source\":\"区统计局 2022 年报表\""));
	assert_non_null(strstr(t, "\"note\":\"快报数\""));
	assert_non_null(strstr(t, "\"fetched\":"));
	assert_null(strstr(t, "\"replaced\""));
	free(t);
	/* The same period again, another value: a revision, who says. */
	assert_int_equal(set_run(e,
			     (const char *const[]){"gdp", "2021", "1031",
				 "--source", "年鉴", "--by", "李四", NULL}),
	    0);
	t = journal_text(e);
	assert_non_null(strstr(t, "\"value\":1031.0,\"fetched\":"));
	assert_non_null(strstr(t, "\"replaced\":1030.5"));
	assert_non_null(strstr(t, "\"by\":\"李四\""));
	free(t);
}

/* Each bad input refused (exit 1), the journal untouched. */
static void
test_set_refused(void **state)
{
	struct env *e = *state;
	static const char *const bad[][10] = {
	    {"nosuch", "2021", "1", "--source", "s", "--by", "b", NULL},
	    {"twice", "2021", "1", "--source", "s", "--by", "b", NULL},
	    {"gdp", "2021Q1", "1", "--source", "s", "--by", "b", NULL},
	    {"gdp", "2099", "1", "--source", "s", "--by", "b", NULL},
	    {"gdp", "2021", "abc", "--source", "s", "--by", "b", NULL},
	    {"gdp", "2021", "inf", "--source", "s", "--by", "b", NULL},
	    {"gdp", "2021", "nan", "--source", "s", "--by", "b", NULL},
	    {"gdp", "2021", "1e400", "--source", "s", "--by", "b", NULL},
	    {"gdp", "2021", "1", "--source", "s", NULL},
	    {"gdp", "2021", "1", "--by", "b", NULL},
	    {"gdp", "2021", "1", "--source", "", "--by", "b", NULL},
	    {"gdp", "2021", "1", "--source", "s", "--by", "", NULL},
	    {"gdp", "2021", "1", "--source", "s", "--by", "\xff\xfe", NULL},
	    {"gdp", "2021", "1", "--source", "s", "--by", "b", "--note", "a\nb",
		NULL},
	    {"gdp", "2021", "1", "--source", "s", "--by",
		"0123456789012345678901234567890123456789012345678901234567890"
		"1234",
		NULL},
	};
	char *before = journal_text(e), *after;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = set_run(e, bad[i]);

		if (rc == 0)
			fail_msg("set refused nothing for case %zu", i);
		after = journal_text(e);
		assert_string_equal(after, before);
		free(after);
	}
	free(before);
}

/*
 * An entered value stands against the feed: the feed still says 902.27
 * for 2020, and a cycle (planwatch once) leaves 950 as entered, with no
 * revision back.
 */
static void
test_entered_stands(void **state)
{
	struct env *e = *state;
	char log[400], *t, *last;

	assert_int_equal(set_run(e,
			     (const char *const[]){"gdp", "2020", "950",
				 "--source", "普查修订", "--by", "张三", NULL}),
	    0);
	snprintf(log, sizeof(log), "%s/once.log", e->dir);
	assert_int_equal(harness_run(log, e->conf, "once"), 0);
	t = journal_text(e);
	assert_non_null(last = strstr(t, "\"period\":\"2020\",\"value\":950"));
	assert_null(strstr(last,
	    "\"period\":\"2020\""
	    ",\"value\":902.27"));
	assert_null(strstr(t, "\"replaced\":950"));
	/* The feed's other period is taken as ever. */
	assert_non_null(
	    strstr(t, "\"period\":\"2019\",\"value\":850.5,\"fetched\":"));
	free(t);
}

static void
daemon_start(struct env *e)
{
	char *log = NULL, *p;

	e->pid = harness_start(e->log, e->conf);
	for (int i = 0; i < 100 && e->port == 0; i++) {
		usleep(100000);
		free(log);
		log = harness_read(e->log, NULL);
		if (log && (p = strstr(log, "listening on 127.0.0.1:")) != NULL)
			e->port = atoi(p + strlen("listening on 127.0.0.1:"));
	}
	free(log);
	assert_true(e->port > 0);
	/* The daemon is at work: its chart of gdp is drawn. */
	{
		char png[400];

		snprintf(png, sizeof(png), "%s/graphs/gdp.png", e->dir);
		for (int i = 0; i < 100 && access(png, F_OK) != 0; i++)
			usleep(100000);
	}
}

/*
 * Through the daemon: a batch with one bad row refused whole (its line
 * and why), a wrong or missing token refused, a good batch journaled
 * whole with each row's author, shown in the API with its mark.
 */
static void
test_batch_upload(void **state)
{
	struct env *e = *state;
	struct daemon_response r;
	char *before, *after;
	static const char good[] = "indicator,period,value,source,by,note\n"
				   "gdp,2022,1100.25,区统计局报表,王五,\n"
				   "gdp,2023,\"1,200\",区统计局报表,王五,\n";

	daemon_start(e);
	before = journal_text(e);
	request(e, "/api/v1/admin/values", NULL, good, &r);
	assert_int_equal(r.status, 401);
	request(
	    e, "/api/v1/admin/values", "Authorization: Bearer wrong", good, &r);
	assert_true(r.status == 401 || r.status == 403);
	request(e, "/api/v1/admin/values", AUTH,
	    "indicator,period,value,source,by,note\n"
	    "gdp,2022,1100.25,区统计局报表,王五,\n"
	    "gdp,2023,1200,区统计局报表,,\n",
	    &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "line 3: by is missing"));
	request(e, "/api/v1/admin/values", AUTH,
	    "indicator,period,value,source,by\n"
	    "gdp,2022,1100.25,s,王五\ngdp,2022,1101,s,王五\n",
	    &r);
	assert_int_equal(r.status, 400);
	assert_non_null(
	    strstr(r.body, "line 3: period 2022 of gdp given twice"));
	request(e, "/api/v1/admin/values", AUTH, "period,value\n2022,1\n", &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "no column 'indicator'"));
	/* "1,200" is no number here: a batch is not a feed's format. */
	request(e, "/api/v1/admin/values", AUTH, good, &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "line 3: value '1,200'"));
	usleep(300000);
	after = journal_text(e);
	assert_string_equal(after, before);
	free(after);
	free(before);
	request(e, "/api/v1/admin/values", AUTH,
	    "indicator,period,value,source,by,note\n"
	    "gdp,2022,1100.25,区统计局报表,王五,\n"
	    "gdp,2023,1200,区统计局报表,王五,\"含\"\"口径\"\"调整\"\n",
	    &r);
	assert_int_equal(r.status, 202);
	assert_non_null(strstr(r.body, "\"values\":2"));
	assert_true(journal_gets(e, "\"note\":\"含\\\"口径\\\"调整\""));
	assert_true(journal_gets(e, "\"period\":\"2022\",\"value\":1100.25"));
	get_until(e, "/api/v1/indicators/gdp", "\"value\": 1200", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "\"value\": 1100.25"));
	assert_non_null(strstr(r.body, "\"mark\": \"entered\""));
	assert_non_null(strstr(r.body, "\"by\": \"王五\""));
	assert_non_null(strstr(r.body, "\"note\": \"含\\\"口径\\\"调整\""));
	/* The feed's value, journaled before without "by", loads beside. */
	assert_non_null(strstr(r.body, "\"value\": 850.5"));
	/* The page's status column and the CSV say who. */
	request(e, "/indicator/gdp", NULL, NULL, &r);
	assert_non_null(strstr(r.body,
	    "<td>2022</td><td>1100.25 亿元</td><td class=\"mark\">"
	    "<span class=\"entered\">录入：王五（"));
	request(e, "/indicator/gdp.csv", NULL, NULL, &r);
	assert_non_null(
	    strstr(r.body, "\n2022,1100.25,entered,no,\"王五\",20"));
	assert_non_null(strstr(r.body, "\n2019,850.5,published,no,,,,\n"));
	assert_non_null(strstr(r.body, "\n2020,950,entered,no,\"张三\","));
}

/*
 * The daemon holds the data directory: set goes through its admin API.
 * The command reads the port from its configuration: the same file with
 * the port the daemon chose.
 */
static void
test_set_through_daemon(void **state)
{
	struct env *e = *state;
	struct daemon_response r;
	char *text = harness_read(e->conf, NULL), *p, port[32];
	struct env cli = *e;

	assert_non_null(text);
	assert_non_null(p = strstr(text, "127.0.0.1:0"));
	snprintf(port, sizeof(port), "127.0.0.1:%d", e->port);
	snprintf(cli.conf, sizeof(cli.conf), "%s/cli.yaml", e->dir);
	{
		char changed[4096];

		snprintf(changed, sizeof(changed), "%.*s%s%s", (int)(p - text),
		    text, port, p + strlen("127.0.0.1:0"));
		harness_write(cli.conf, changed);
	}
	free(text);
	e = &cli;

	assert_int_equal(set_run(e,
			     (const char *const[]){"gdp", "2022", "1111",
				 "--source", "复核", "--by", "赵六", NULL}),
	    0);
	assert_true(journal_gets(e, "\"by\":\"赵六\""));
	assert_true(journal_gets(e, "\"replaced\":1100.25"));
	get_until(e, "/api/v1/indicators/gdp", "\"value\": 1111", &r);
	/* Refused by the same checks, nothing sent. */
	assert_int_not_equal(set_run(e,
				 (const char *const[]){"gdp", "2022", "x",
				     "--source", "s", "--by", "b", NULL}),
	    0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_set_journaled),
	    cmocka_unit_test(test_set_refused),
	    cmocka_unit_test(test_entered_stands),
	    cmocka_unit_test(test_batch_upload),
	    cmocka_unit_test(test_set_through_daemon),
	};

	signal(SIGPIPE, SIG_IGN);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}

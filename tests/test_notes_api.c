/*
 * test_notes_api: notes on the record through a running daemon on
 * 127.0.0.1 with its token.  POST /api/v1/admin/notes without or with a
 * wrong token refused; a bad body (not JSON, an unknown indicator, a bad
 * or backwards period, an empty or over-long text, no author) refused
 * whole with 400 naming the field and nothing written; a good one written
 * by the worker with its author and shown in the API's "notes" and on the
 * page; removed through /api/v1/admin/notes/remove (a second removal 404),
 * the file keeping both lines; planwatch note add going through the admin
 * API while the daemon holds the data directory.
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
	char notes[320];
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

/* The notes file's text ("" when there is none yet); caller frees. */
static char *
notes_text(const struct env *e)
{
	char *t = harness_read(e->notes, NULL);

	return t != NULL ? t : strdup("");
}

/* GETs path until its body holds text (bounded). */
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
group_setup(void **state)
{
	static struct env e;
	char path[400], text[2048], *log = NULL, *p;

	if (harness_temp_dir(e.dir, sizeof(e.dir), "notes") != 0 ||
	    getenv("PW_BINARY") == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/feed.json", e.dir);
	harness_write(path,
	    "{\"data\": [{\"year\": \"2020\", \"value\": 850.5}, "
	    "{\"year\": \"2021\", \"value\": 902.27}]}");
	snprintf(text, sizeof(text),
	    "data_dir: data\ngraph_dir: graphs\nstate_dir: state\n"
	    "listen: \"127.0.0.1:0\"\nadmin_token_file: token\n"
	    "collectors:\n  - {id: f, url: \"file://%s\", format: json, "
	    "allow_file: true}\n"
	    "indicators:\n  - id: gdp\n    name: 地区生产总值\n    unit: 亿元\n"
	    "    frequency: annual\n    collector: f\n    stale_after: 3650d\n"
	    "    selector: {observations: /data, period: /year, value: "
	    "/value}\n",
	    path);
	snprintf(e.conf, sizeof(e.conf), "%s/planwatch.yaml", e.dir);
	harness_write(e.conf, text);
	snprintf(path, sizeof(path), "%s/token", e.dir);
	harness_write(path, TOKEN "\n");
	chmod(path, 0600);
	snprintf(e.log, sizeof(e.log), "%s/planwatch.log", e.dir);
	snprintf(e.notes, sizeof(e.notes), "%s/data/gdp.notes", e.dir);
	e.pid = harness_start(e.log, e.conf);
	for (int i = 0; i < 100 && e.port == 0; i++) {
		usleep(100000);
		free(log);
		log = harness_read(e.log, NULL);
		if (log && (p = strstr(log, "listening on 127.0.0.1:")) != NULL)
			e.port = atoi(p + strlen("listening on 127.0.0.1:"));
	}
	free(log);
	*state = &e;
	return e.port > 0 ? 0 : -1;
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

/* Refused: no token, a wrong one, every bad body; nothing written. */
static void
test_refused(void **state)
{
	struct env *e = *state;
	static const struct {
		const char *body, *why;
	} bad[] = {
	    {"not json", "the body must be a JSON object"},
	    {"[1]", "the body must be a JSON object"},
	    {"{\"from\":\"2021\",\"text\":\"t\",\"by\":\"b\"}",
		"indicator: missing"},
	    {"{\"indicator\":\"nosuch\",\"from\":\"2021\",\"text\":\"t\","
	     "\"by\":\"b\"}",
		"indicator: no such indicator"},
	    {"{\"indicator\":\"gdp\",\"from\":\"2021-Q1\",\"text\":\"t\","
	     "\"by\":\"b\"}",
		"from: "},
	    {"{\"indicator\":\"gdp\",\"from\":\"20x1\",\"text\":\"t\","
	     "\"by\":\"b\"}",
		"from: "},
	    {"{\"indicator\":\"gdp\",\"from\":\"2022\",\"to\":\"2021\","
	     "\"text\":\"t\",\"by\":\"b\"}",
		"to: before from"},
	    {"{\"indicator\":\"gdp\",\"from\":\"2021\",\"text\":\"\","
	     "\"by\":\"b\"}",
		"text: empty"},
	    {"{\"indicator\":\"gdp\",\"from\":\"2021\",\"text\":\"t\"}",
		"by: missing"},
	    {"{\"indicator\":\"gdp\",\"from\":\"2021\",\"text\":\"a\\nb\","
	     "\"by\":\"b\"}",
		"text: a control character"},
	};
	char body[2048], longtext[700];
	struct daemon_response r;

	request(e, "/api/v1/admin/notes", NULL,
	    "{\"indicator\":\"gdp\",\"from\":\"2021\",\"text\":\"t\","
	    "\"by\":\"b\"}",
	    &r);
	assert_int_equal(r.status, 401);
	request(e, "/api/v1/admin/notes", "Authorization: Bearer wrong",
	    "{\"indicator\":\"gdp\",\"from\":\"2021\",\"text\":\"t\","
	    "\"by\":\"b\"}",
	    &r);
	assert_true(r.status == 401 || r.status == 403);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		request(e, "/api/v1/admin/notes", AUTH, bad[i].body, &r);
		if (r.status != 400 || strstr(r.body, bad[i].why) == NULL)
			fail_msg("%s: %ld %s, wanted 400 %s", bad[i].body,
			    r.status, r.body, bad[i].why);
	}
	memset(longtext, 'x', sizeof(longtext) - 1);
	longtext[sizeof(longtext) - 1] = '\0';
	snprintf(body, sizeof(body),
	    "{\"indicator\":\"gdp\",\"from\":\"2021\",\"text\":\"%s\","
	    "\"by\":\"b\"}",
	    longtext);
	request(e, "/api/v1/admin/notes", AUTH, body, &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "text: over 500 bytes"));
	request(e, "/api/v1/admin/notes/remove", AUTH,
	    "{\"indicator\":\"gdp\",\"nid\":\"1\",\"by\":\"b\"}", &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "nid: not a note number"));
	assert_int_equal(access(e->notes, F_OK), -1);
}

/* Added, shown, removed: the file keeps the history. */
static void
test_add_remove(void **state)
{
	struct env *e = *state;
	struct daemon_response r;
	char *t, *p;

	request(e, "/api/v1/admin/notes", AUTH,
	    "{\"indicator\":\"gdp\",\"from\":\"2020\",\"to\":\"2021\","
	    "\"text\":\"疫情停工\",\"by\":\"张三\"}",
	    &r);
	assert_int_equal(r.status, 201);
	assert_string_equal(r.body, "{\"nid\":1}");
	t = notes_text(e);
	assert_non_null(strstr(t,
	    "{\"op\":\"add\",\"nid\":1,\"from\":\"2020\","
	    "\"to\":\"2021\",\"text\":\"疫情停工\","
	    "\"by\":\"张三\",\"at\":\""));
	free(t);
	get_until(e, "/api/v1/indicators/gdp", "\"text\": \"疫情停工\"", &r);
	assert_non_null(p = strstr(r.body, "\"notes\": ["));
	assert_non_null(strstr(p, "\"nid\": 1"));
	assert_non_null(strstr(p, "\"from\": \"2020\""));
	assert_non_null(strstr(p, "\"to\": \"2021\""));
	assert_non_null(strstr(r.body, "\"by\": \"张三\""));
	request(e, "/indicator/gdp", NULL, NULL, &r);
	assert_non_null(
	    strstr(r.body, "[1] 2020..2021: 疫情停工 <small>(张三"));
	assert_non_null(strstr(r.body,
	    "<tr><td>2021 <a class=\"note-mark\" href=\"#note-1\">[1]</a>"));
	request(e, "/api/v1/admin/notes/remove", AUTH,
	    "{\"indicator\":\"gdp\",\"nid\":1,\"by\":\"李四\"}", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "\"removed\""));
	request(e, "/api/v1/admin/notes/remove", AUTH,
	    "{\"indicator\":\"gdp\",\"nid\":1,\"by\":\"李四\"}", &r);
	assert_int_equal(r.status, 404);
	assert_non_null(strstr(r.body, "note 1 is already removed"));
	get_until(e, "/api/v1/indicators/gdp", "\"notes\": []", &r);
	t = notes_text(e);
	assert_non_null(strstr(t, "\"nid\":1,\"from\""));
	assert_non_null(
	    strstr(t, "{\"op\":\"remove\",\"nid\":1,\"by\":\"李四\",\"at\":"));
	free(t);
}

/* The daemon holds the data directory: note add goes through its API. */
static void
test_cli_through_daemon(void **state)
{
	struct env *e = *state;
	char *text = harness_read(e->conf, NULL), *p, changed[4096], cli[400];
	char log[400], *t;
	const char *argv[] = {
	    "note", "add", "gdp", "2021", "口径调整", "--by", "王五", NULL};
	struct daemon_response r;

	assert_non_null(text);
	assert_non_null(p = strstr(text, "127.0.0.1:0"));
	snprintf(changed, sizeof(changed), "%.*s127.0.0.1:%d%s",
	    (int)(p - text), text, e->port, p + strlen("127.0.0.1:0"));
	free(text);
	snprintf(cli, sizeof(cli), "%s/cli.yaml", e->dir);
	harness_write(cli, changed);
	snprintf(log, sizeof(log), "%s/note.log", e->dir);
	assert_int_equal(harness_run_args(log, cli, argv), 0);
	t = harness_read(log, NULL);
	assert_non_null(t);
	assert_non_null(strstr(t, "gdp: note 2 added by the running daemon"));
	free(t);
	t = notes_text(e);
	assert_non_null(strstr(t,
	    "\"nid\":2,\"from\":\"2021\",\"to\":\"2021\","
	    "\"text\":\"口径调整\",\"by\":\"王五\""));
	free(t);
	get_until(e, "/api/v1/indicators/gdp", "\"text\": \"口径调整\"", &r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_refused),
	    cmocka_unit_test(test_add_remove),
	    cmocka_unit_test(test_cli_through_daemon),
	};

	signal(SIGPIPE, SIG_IGN);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}

/*
 * test_asof_eval: `planwatch eval --at` and `--known-at`, and the API's
 * ?at= and ?known_at=, end to end through the binary, on a journal whose
 * arrival times are known (a version 1 journal written here):
 *   2022 = 1030.11   arrived 2023-03-01T08:00Z
 *   2023 = 1065      arrived 2024-03-01T08:00Z
 *   2023 = 1048.97   arrived 2024-09-01T08:00Z (a revision of 1065)
 *   2024 = 1100      arrived 2025-03-01T08:00Z
 * The feed the daemon reads holds the current values, so it journals
 * nothing new.
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
#include <curl/curl.h>
#include <jansson.h>

#include "integration/harness.h"

static const char journal_text[] =
    "{\"period\":\"2022\",\"value\":1030.11,\"fetched\":1677657600,"
    "\"collector\":\"f\"}\n"
    "{\"period\":\"2023\",\"value\":1065,\"fetched\":1709280000,"
    "\"collector\":\"f\"}\n"
    "{\"period\":\"2023\",\"value\":1048.97,\"fetched\":1725177600,"
    "\"collector\":\"f\",\"replaced\":1065}\n"
    "{\"period\":\"2024\",\"value\":1100,\"fetched\":1740816000,"
    "\"collector\":\"f\"}\n";

struct env {
	char dir[256];
	char conf[300];
	char log[300];
	char journal[300];
};

static int
setup(void **state)
{
	static struct env e;
	char path[400], text[2048];

	if (harness_temp_dir(e.dir, sizeof(e.dir), "asof-eval") != 0 ||
	    getenv("PW_BINARY") == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/feed.json", e.dir);
	harness_write(path,
	    "{\"gdp\": [{\"p\": \"2022\", \"v\": 1030.11},"
	    " {\"p\": \"2023\", \"v\": 1048.97}, {\"p\": \"2024\", \"v\": "
	    "1100}]}");
	snprintf(text, sizeof(text),
	    "data_dir: data\ngraph_dir: graphs\nstate_dir: state\n"
	    "locale: en\ngraphs: false\nlisten: \"127.0.0.1:0\"\n"
	    "collectors:\n  - {id: f, url: \"file://%s\", format: json, "
	    "allow_file: true}\n"
	    "indicators:\n  - id: gdp\n    name: GDP\n    unit: bn\n"
	    "    frequency: annual\n    collector: f\n    stale_after: 3650d\n"
	    "    selector: {observations: /gdp, period: /p, value: /v}\n"
	    "    targets:\n      - {id: reach, kind: reach, path: linear, "
	    "baseline: {period: \"2021\", value: 1000}, "
	    "target: {period: \"2025\", value: 1300}}\n",
	    path);
	snprintf(e.conf, sizeof(e.conf), "%s/planwatch.yaml", e.dir);
	harness_write(e.conf, text);
	snprintf(path, sizeof(path), "%s/data", e.dir);
	mkdir(path, 0750);
	snprintf(e.journal, sizeof(e.journal), "%s/data/gdp.journal", e.dir);
	harness_write(e.journal, journal_text);
	snprintf(e.log, sizeof(e.log), "%s/log", e.dir);
	*state = &e;
	return 0;
}

static int
teardown(void **state)
{
	struct env *e = *state;

	harness_remove_dir(e->dir);
	return 0;
}

/* Runs planwatch eval with args; its exit status, its output in *out. */
static int
eval(const struct env *e, const char *const *args, char **out)
{
	const char *argv[8] = {"eval"};
	int rc;

	for (size_t i = 0; args[i] != NULL && i + 1 < 7; i++)
		argv[i + 1] = args[i];
	rc = harness_run_args(e->log, e->conf, argv);
	*out = harness_read(e->log, NULL);
	assert_non_null(*out);
	return rc;
}

/* eval --json with args, parsed. */
static json_t *
eval_json(const struct env *e, const char *const *args)
{
	const char *argv[8] = {"--json"};
	json_error_t jerr;
	char *out;
	json_t *doc;

	for (size_t i = 0; args[i] != NULL && i + 1 < 7; i++)
		argv[i + 1] = args[i];
	assert_int_equal(eval(e, argv, &out), 0);
	if ((doc = json_loads(out, 0, &jerr)) == NULL)
		fail_msg("not JSON (%s): %s", jerr.text, out);
	free(out);
	return doc;
}

/* The first indicator of a plan document, or the document itself. */
static json_t *
indicator(json_t *doc)
{
	json_t *list = json_object_get(doc, "indicators");

	return list != NULL ? json_array_get(list, 0) : doc;
}

static void
assert_latest(json_t *doc, const char *period, double value)
{
	json_t *latest = json_object_get(indicator(doc), "latest");

	assert_string_equal(
	    json_string_value(json_object_get(latest, "period")), period);
	if (json_number_value(json_object_get(latest, "value")) != value)
		fail_msg("latest %s: %.17g, want %.17g", period,
		    json_number_value(json_object_get(latest, "value")), value);
}

static json_int_t
int_of(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_integer(v))
		fail_msg("%s: not an integer", key);
	return json_integer_value(v);
}

/* --at: the periods ended by then only, judged then. */
static void
test_eval_at(void **state)
{
	struct env *e = *state;
	char *out;
	json_t *doc;

	assert_int_equal(
	    eval(e, (const char *[]){"--at", "2022-12-31", NULL}, &out), 0);
	if (strstr(out, "(as of 2022-12-31, ") == NULL ||
	    strstr(out,
		"  periods that had ended by 2022-12-31 only (2 "
		"later periods left out)\n") == NULL)
		fail_msg("eval --at 2022-12-31:\n%s", out);
	free(out);
	doc = eval_json(e, (const char *[]){"--at", "2022-12-31", NULL});
	assert_latest(doc, "2022", 1030.11);
	assert_int_equal(int_of(indicator(doc), "observations"), 1);
	assert_int_equal(int_of(doc, "periods_left_out"), 2);
	assert_string_equal(
	    json_string_value(json_object_get(doc, "at")), "2022-12-31");
	assert_true(json_is_null(json_object_get(doc, "known_at")));
	json_decref(doc);
	/* Without --at: every period, today's values. */
	doc = eval_json(e, (const char *[]){NULL});
	assert_latest(doc, "2024", 1100);
	assert_true(json_is_null(json_object_get(doc, "at")));
	json_decref(doc);
}

/* --known-at: before the revision, after it, before any arrival. */
static void
test_eval_known_at(void **state)
{
	struct env *e = *state;
	char *out;
	json_t *doc;

	doc = eval_json(e, (const char *[]){"--known-at", "2024-06-30", NULL});
	assert_latest(doc, "2023", 1065);
	assert_int_equal(int_of(doc, "revisions_not_applied"), 1);
	assert_int_equal(int_of(indicator(doc), "revisions_not_applied"), 1);
	assert_string_equal(
	    json_string_value(json_object_get(doc, "known_at")), "2024-06-30");
	json_decref(doc);
	assert_int_equal(
	    eval(e, (const char *[]){"--known-at", "2024-06-30", NULL}, &out),
	    0);
	if (strstr(out,
		"  as known on 2024-06-30 (values that had arrived "
		"by then; 1 later revision not applied)\n") == NULL)
		fail_msg("eval --known-at 2024-06-30:\n%s", out);
	free(out);

	doc = eval_json(e, (const char *[]){"--known-at", "2024-12-31", NULL});
	assert_latest(doc, "2023", 1048.97);
	assert_int_equal(int_of(doc, "revisions_not_applied"), 0);
	json_decref(doc);

	assert_int_equal(
	    eval(e, (const char *[]){"--known-at", "2023-01-31", NULL}, &out),
	    0);
	if (strstr(out,
		"  as known on 2023-01-31: nothing had arrived yet "
		"(the first value arrived on 2023-03-01)\n") == NULL)
		fail_msg("eval --known-at 2023-01-31:\n%s", out);
	free(out);
}

static void
test_eval_bad_dates(void **state)
{
	struct env *e = *state;
	char *out;

	assert_int_equal(
	    eval(e, (const char *[]){"--at", "2023-02-30", NULL}, &out), 2);
	assert_non_null(strstr(out, "--at: expected a date YYYY-MM-DD"));
	free(out);
	assert_int_equal(
	    eval(e, (const char *[]){"--known-at", "2023-6-30", NULL}, &out),
	    2);
	assert_non_null(strstr(out, "--known-at: expected a date YYYY-MM-DD"));
	free(out);
}

/* ------------------------------------------------------------------ */
/* the API                                                              */

struct body {
	char text[65536];
	size_t len;
};

static size_t
body_cb(char *data, size_t size, size_t n, void *arg)
{
	struct body *b = arg;
	size_t len = size * n, room = sizeof(b->text) - 1 - b->len;

	memcpy(b->text + b->len, data, len < room ? len : room);
	b->len += len < room ? len : room;
	b->text[b->len] = '\0';
	return size * n;
}

/* GET path; its status, its body parsed as JSON in *doc. */
static long
get(int port, const char *path, json_t **doc)
{
	static struct body b;
	CURL *c = curl_easy_init();
	char url[512];
	long status = 0;

	memset(&b, 0, sizeof(b));
	snprintf(url, sizeof(url), "http://127.0.0.1:%d%s", port, path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, body_cb);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(c);
	if ((*doc = json_loads(b.text, 0, NULL)) == NULL)
		fail_msg("%s: not JSON: %s", path, b.text);
	return status;
}

static int
daemon_port(const char *log)
{
	const char *key = "listening on 127.0.0.1:";
	char *text = NULL, *p;
	int port = 0;

	for (int i = 0; i < 100 && port == 0; i++) {
		usleep(100000);
		free(text);
		text = harness_read(log, NULL);
		if (text != NULL && (p = strstr(text, key)) != NULL)
			port = atoi(p + strlen(key));
	}
	free(text);
	return port;
}

static void
test_api(void **state)
{
	struct env *e = *state;
	char log[400], *journal;
	json_t *doc;
	pid_t pid;
	int port;

	snprintf(log, sizeof(log), "%s/run.log", e->dir);
	pid = harness_start(log, e->conf);
	port = daemon_port(log);
	assert_true(port > 0);

	/* known_at: read from the journal on the worker. */
	assert_int_equal(
	    get(port, "/api/v1/indicators/gdp?known_at=2024-06-30", &doc), 200);
	assert_latest(doc, "2023", 1065);
	assert_int_equal(int_of(doc, "revisions_not_applied"), 1);
	assert_string_equal(
	    json_string_value(json_object_get(doc, "known_at")), "2024-06-30");
	assert_int_equal(json_array_size(json_object_get(doc, "series")), 2);
	json_decref(doc);
	assert_int_equal(
	    get(port, "/api/v1/indicators?known_at=2024-12-31", &doc), 200);
	assert_latest(doc, "2023", 1048.97);
	assert_int_equal(int_of(doc, "revisions_not_applied"), 0);
	json_decref(doc);
	assert_int_equal(
	    get(port, "/api/v1/indicators?known_at=2023-01-31", &doc), 200);
	assert_true(json_is_true(json_object_get(doc, "nothing_yet")));
	assert_string_equal(
	    json_string_value(json_object_get(doc, "first_arrival")),
	    "2023-03-01");
	json_decref(doc);

	/* at alone: from memory. */
	assert_int_equal(
	    get(port, "/api/v1/indicators?at=2022-12-31", &doc), 200);
	assert_latest(doc, "2022", 1030.11);
	assert_int_equal(int_of(doc, "periods_left_out"), 2);
	json_decref(doc);
	assert_int_equal(
	    get(port, "/api/v1/indicators/gdp?at=2023-12-31", &doc), 200);
	assert_latest(doc, "2023", 1048.97);
	assert_int_equal(json_array_size(json_object_get(doc, "series")), 2);
	json_decref(doc);
	/* Both: the periods ended by 2025, as known before the revision. */
	assert_int_equal(get(port,
			     "/api/v1/indicators?at=2025-12-31&known_at=2024-"
			     "06-30",
			     &doc),
	    200);
	assert_latest(doc, "2023", 1065);
	json_decref(doc);

	/* Bad dates: 400, the parameter named. */
	assert_int_equal(
	    get(port, "/api/v1/indicators?at=2023-6-30", &doc), 400);
	assert_non_null(strstr(json_string_value(json_object_get(doc, "error")),
	    "at: expected a date YYYY-MM-DD"));
	json_decref(doc);
	assert_int_equal(
	    get(port, "/api/v1/indicators/gdp?known_at=2023-02-29", &doc), 400);
	assert_non_null(strstr(json_string_value(json_object_get(doc, "error")),
	    "known_at: expected a date YYYY-MM-DD"));
	json_decref(doc);
	assert_int_equal(
	    get(port, "/api/v1/indicators?known_at=&at=2023-01-01", &doc), 400);
	json_decref(doc);

	/* Live: no date. */
	assert_int_equal(get(port, "/api/v1/indicators", &doc), 200);
	assert_true(json_is_null(json_object_get(doc, "at")));
	assert_latest(doc, "2024", 1100);
	json_decref(doc);

	assert_int_equal(harness_stop(pid), 0);
	harness_log_clean(log);
	/* The daemon journaled nothing: the arrivals are the test's. */
	journal = harness_read(e->journal, NULL);
	assert_non_null(journal);
	assert_string_equal(journal, journal_text);
	free(journal);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_eval_at),
	    cmocka_unit_test(test_eval_known_at),
	    cmocka_unit_test(test_eval_bad_dates),
	    cmocka_unit_test(test_api),
	};
	int rc;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	rc = cmocka_run_group_tests(tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}

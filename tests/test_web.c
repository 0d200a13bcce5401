/*
 * test_web: the embedded HTTP server of `planwatch run`, spoken to with
 * libcurl: every endpoint's status, content type and body, the chart's
 * caching headers (ETag, 304), bad ids, unknown pages, methods other than
 * GET, oversized requests.  The daemon reads a file: feed and listens on
 * 127.0.0.1 at a port of its choosing, read back from its log.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <curl/curl.h>

#include "integration/harness.h"

struct env {
	char dir[256];
	char log[300];
	pid_t pid;
	int port;
};

struct response {
	long status;
	char type[128];
	char etag[128];
	char cache[128];
	char body[65536];
	size_t len;
};

static size_t
body_cb(char *data, size_t size, size_t n, void *arg)
{
	struct response *r = arg;
	size_t len = size * n, room = sizeof(r->body) - 1 - r->len;

	memcpy(r->body + r->len, data, len < room ? len : room);
	r->len += len < room ? len : room;
	r->body[r->len] = '\0';
	return size * n;
}

static void
header_copy(
    const char *data, size_t len, const char *name, char *dst, size_t dstlen)
{
	size_t n = strlen(name);

	if (len > n && strncasecmp(data, name, n) == 0)
		snprintf(dst, dstlen, "%.*s", (int)strcspn(data + n, "\r\n"),
		    data + n);
}

static size_t
head_cb(char *data, size_t size, size_t n, void *arg)
{
	struct response *r = arg;

	header_copy(data, size * n, "Content-Type: ", r->type, sizeof(r->type));
	header_copy(data, size * n, "ETag: ", r->etag, sizeof(r->etag));
	header_copy(
	    data, size * n, "Cache-Control: ", r->cache, sizeof(r->cache));
	return size * n;
}

/* One request; header may be NULL; method NULL is GET. */
static void
request(const struct env *e, const char *method, const char *path,
    const char *header, struct response *r)
{
	CURL *c = curl_easy_init();
	struct curl_slist *h = header ? curl_slist_append(NULL, header) : NULL;
	char url[512];

	memset(r, 0, sizeof(*r));
	snprintf(url, sizeof(url), "http://127.0.0.1:%d%s", e->port, path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, body_cb);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, head_cb);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
	if (method != NULL)
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (h != NULL)
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
}

static int
group_setup(void **state)
{
	static struct env e;
	char path[400], text[2048], *log = NULL, *p;

	snprintf(e.dir, sizeof(e.dir), "/tmp/planwatch-web.XXXXXX");
	if (mkdtemp(e.dir) == NULL || getenv("PW_BINARY") == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/feed.json", e.dir);
	harness_write(path,
	    "{\"data\": [{\"year\": \"2020\", \"value\": 902.27},"
	    " {\"year\": \"2021\", \"value\": 1030.11}]}");
	snprintf(text, sizeof(text),
	    "data_dir: data\ngraph_dir: graphs\nstate_dir: state\n"
	    "listen: \"127.0.0.1:0\"\n"
	    "collectors:\n  - {id: f, url: \"file://%s\", format: json, "
	    "allow_file: true}\n"
	    "indicators:\n  - id: gdp\n    name: 地区生产总值\n    unit: 亿元\n"
	    "    frequency: annual\n    collector: f\n    stale_after: 3650d\n"
	    "    selector: {observations: /data, period: /year, value: "
	    "/value}\n"
	    "    targets:\n      - {id: t, kind: reach, path: compound, "
	    "baseline: {period: \"2020\", value: 902.27}, "
	    "target: {period: \"2025\", value: 1325.73}}\n",
	    path);
	snprintf(path, sizeof(path), "%s/planwatch.yaml", e.dir);
	harness_write(path, text);
	snprintf(e.log, sizeof(e.log), "%s/planwatch.log", e.dir);
	e.pid = harness_start(e.log, path);
	/* Bounded wait: the port is logged at once, the chart soon after. */
	for (int i = 0; i < 100 && e.port == 0; i++) {
		usleep(100000);
		free(log);
		log = harness_read(e.log, NULL);
		if (log && (p = strstr(log, "listening on 127.0.0.1:")) != NULL)
			e.port = atoi(p + strlen("listening on 127.0.0.1:"));
	}
	free(log);
	snprintf(path, sizeof(path), "%s/graphs/gdp.png", e.dir);
	for (int i = 0; i < 100 && access(path, F_OK) != 0; i++)
		usleep(100000);
	*state = &e;
	return e.port > 0 ? 0 : -1;
}

static int
group_teardown(void **state)
{
	struct env *e = *state;
	char cmd[512];
	int rc = harness_stop(e->pid);

	harness_log_clean(e->log);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", e->dir);
	if (getenv("PW_KEEP") == NULL && system(cmd) != 0)
		return -1;
	return rc == 0 ? 0 : -1;
}

static void
test_healthz(void **state)
{
	struct response r;

	request(*state, NULL, "/healthz", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.body, "ok\n");
}

static void
test_indicators(void **state)
{
	struct response r;

	request(*state, NULL, "/api/v1/indicators", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.type, "application/json; charset=utf-8");
	assert_non_null(strstr(r.body, "\"id\": \"gdp\""));
	assert_non_null(strstr(r.body, "\"name\": \"地区生产总值\""));
	assert_non_null(strstr(r.body, "\"plan\": {"));
}

static void
test_indicator(void **state)
{
	struct response r;

	request(*state, NULL, "/api/v1/indicators/gdp", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "\"series\": ["));
	assert_non_null(strstr(r.body, "\"value\": 1030.11"));
	assert_non_null(strstr(r.body, "\"kind\": \"reach\""));
}

/* gdp is on track: no alert; the document is still well formed. */
static void
test_alerts(void **state)
{
	struct response r;

	request(*state, NULL, "/api/v1/alerts", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.type, "application/json; charset=utf-8");
	assert_non_null(strstr(r.body, "\"alerts\": []"));
}

static void
test_collectors(void **state)
{
	struct response r;

	request(*state, NULL, "/api/v1/collectors", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "\"f\": {"));
	assert_non_null(strstr(r.body, "\"outcome\": \"ok\""));
	assert_non_null(strstr(r.body, "\"failures\": 0"));
}

static void
test_bad_and_unknown_ids(void **state)
{
	struct response r;

	request(*state, NULL, "/api/v1/indicators/..%2F..%2Fetc", NULL, &r);
	assert_int_equal(r.status, 400);
	assert_string_equal(r.type, "application/json");
	assert_non_null(strstr(r.body, "\"error\""));
	request(*state, NULL, "/api/v1/indicators/nosuch", NULL, &r);
	assert_int_equal(r.status, 404);
	request(*state, NULL, "/graph/../../etc/passwd", NULL, &r);
	assert_true(r.status == 400 || r.status == 404);
	request(*state, NULL, "/graph/gdp.txt", NULL, &r);
	assert_int_equal(r.status, 400);
	request(*state, NULL, "/nowhere", NULL, &r);
	assert_int_equal(r.status, 404);
}

static void
test_read_only(void **state)
{
	struct response r;

	request(*state, "POST", "/api/v1/indicators", NULL, &r);
	assert_int_equal(r.status, 405);
	request(*state, "DELETE", "/api/v1/indicators/gdp", NULL, &r);
	assert_int_equal(r.status, 405);
}

static void
test_oversized_request(void **state)
{
	static char big[20000];
	struct response r;

	memset(big, 'a', sizeof(big) - 1);
	memcpy(big, "X-Big: ", 7);
	request(*state, NULL, "/healthz", big, &r);
	assert_true(r.status != 200);
}

static void
test_graph_cached(void **state)
{
	struct response r;
	char inm[160];

	request(*state, NULL, "/graph/gdp.png", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.type, "image/png");
	assert_string_equal(r.cache, "max-age=60");
	assert_true(r.len > 1000);
	assert_memory_equal(r.body, "\x89PNG", 4);
	assert_true(r.etag[0] == '"');
	snprintf(inm, sizeof(inm), "If-None-Match: %s", r.etag);
	request(*state, NULL, "/graph/gdp.png", inm, &r);
	assert_int_equal(r.status, 304);
	assert_int_equal(r.len, 0);
}

static void
test_dashboard_pages(void **state)
{
	struct response r;

	request(*state, NULL, "/", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.type, "text/html; charset=utf-8");
	assert_non_null(strstr(r.body, "<!DOCTYPE html>"));
	assert_non_null(
	    strstr(r.body, "<a href=\"/indicator/gdp\">地区生产总值</a>"));
	assert_non_null(strstr(r.body, "class=\"b on_track\""));
	/* A filter that matches nothing leaves the table empty. */
	request(*state, NULL, "/?status=breach", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_null(strstr(r.body, "/indicator/gdp"));
	request(*state, NULL, "/?owner=%3Cscript%3E", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_null(strstr(r.body, "<script>"));
	request(*state, NULL, "/indicator/gdp", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "<img src=\"/graph/gdp.png\""));
	assert_non_null(strstr(r.body, "<td>2021</td><td>1030.11 亿元</td>"));
	request(*state, NULL, "/indicator/NOPE", NULL, &r);
	assert_int_equal(r.status, 400);
}

static void
test_metrics(void **state)
{
	struct response r;

	request(*state, NULL, "/metrics", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.type, "text/plain; version=0.0.4; charset=utf-8");
	assert_non_null(strstr(r.body,
	    "planwatch_indicator_value{indicator=\"gdp\"} "
	    "1030.1099999999999"));
	assert_non_null(strstr(r.body,
	    "planwatch_target_status{indicator=\"gdp\",target=\"t\","
	    "status=\"on_track\"} 1"));
	assert_non_null(strstr(r.body,
	    "planwatch_collector_failures{"
	    "collector=\"f\"} 0"));
	assert_non_null(strstr(r.body, "process_resident_memory_bytes "));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_healthz),
	    cmocka_unit_test(test_indicators),
	    cmocka_unit_test(test_indicator),
	    cmocka_unit_test(test_alerts),
	    cmocka_unit_test(test_collectors),
	    cmocka_unit_test(test_bad_and_unknown_ids),
	    cmocka_unit_test(test_read_only),
	    cmocka_unit_test(test_oversized_request),
	    cmocka_unit_test(test_graph_cached),
	    cmocka_unit_test(test_metrics),
	    cmocka_unit_test(test_dashboard_pages),
	};

	signal(SIGPIPE, SIG_IGN);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}

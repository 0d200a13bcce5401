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
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <curl/curl.h>

#include "integration/expo_check.h"
#include "integration/harness.h"

#define TOKEN "correct-horse-battery-staple"

struct env {
	char dir[256];
	char conf[300];
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

static void request_body(const struct env *e, const char *method,
    const char *path, const char *header, const char *body, struct response *r);

/* One request; header may be NULL; method NULL is GET. */
static void
request(const struct env *e, const char *method, const char *path,
    const char *header, struct response *r)
{
	request_body(e, method, path, header, NULL, r);
}

/* request with a body (NULL for none). */
static void
request_body(const struct env *e, const char *method, const char *path,
    const char *header, const char *body, struct response *r)
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
	if (body != NULL)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
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

	if (harness_temp_dir(e.dir, sizeof(e.dir), "web") != 0 ||
	    getenv("PW_BINARY") == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/feed.json", e.dir);
	/* Each value's mark (the json format's default "status"). */
	harness_write(path,
	    "{\"data\": [{\"year\": \"2020\", \"value\": 902.27, "
	    "\"status\": \"published\"},"
	    " {\"year\": \"2021\", \"value\": 1030.11, "
	    "\"status\": \"illustrative\"}]}");
	snprintf(text, sizeof(text),
	    "data_dir: data\ngraph_dir: graphs\nstate_dir: state\n"
	    "listen: \"127.0.0.1:0\"\nadmin_token_file: token\n"
	    "plan:\n  name: {zh-CN: 测试规划, en: Test plan}\n"
	    "chapters:\n  经济发展: {en: Economic development}\n"
	    "bureaus:\n  区统计局: {en: District Statistics Bureau}\n"
	    "collectors:\n  - {id: f, url: \"file://%s\", format: json, "
	    "allow_file: true}\n"
	    "indicators:\n  - id: gdp\n"
	    "    name: {zh-CN: 地区生产总值, en: Gross domestic product}\n"
	    "    unit: {zh-CN: 亿元, en: 100 million yuan}\n"
	    "    frequency: annual\n    collector: f\n    stale_after: 3650d\n"
	    "    group: 经济发展\n    owner: 区统计局\n"
	    "    selector: {observations: /data, period: /year, value: "
	    "/value}\n"
	    /* A target still ahead: its period is not over. */
	    "    targets:\n      - {id: t, kind: reach, path: compound, "
	    "baseline: {period: \"2020\", value: 902.27}, "
	    "target: {period: \"2030\", value: 1325.73}}\n",
	    path);
	snprintf(path, sizeof(path), "%s/planwatch.yaml", e.dir);
	harness_write(path, text);
	snprintf(e.conf, sizeof(e.conf), "%s", path);
	snprintf(path, sizeof(path), "%s/token", e.dir);
	harness_write(path, TOKEN "\n");
	chmod(path, 0600);
	snprintf(e.log, sizeof(e.log), "%s/planwatch.log", e.dir);
	e.pid = harness_start(e.log, e.conf);
	/* Bounded wait: the port is logged at once, the chart soon after. */
	for (int i = 0; i < 100 && e.port == 0; i++) {
		usleep(100000);
		free(log);
		log = harness_read(e.log, NULL);
		if (log && (p = strstr(log, "listening on 127.0.0.1:")) != NULL)
			e.port = atoi(p + strlen("listening on 127.0.0.1:"));
	}
	free(log);
	/* The sparkline is the last view drawn. */
	snprintf(path, sizeof(path), "%s/graphs/gdp.spark.png", e.dir);
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
	/* Each observation's mark, as the feed gave it: 2021's in its own
	 * object (before any later period). */
	{
		const char *o = strstr(r.body, "\"series\": ["), *m;

		assert_non_null(o);
		assert_non_null(o = strstr(o, "\"value\": 1030.11"));
		assert_non_null(m = strstr(o, "\"mark\": \"illustrative\""));
		assert_true(strstr(o, "\"period\"") == NULL ||
		    strstr(o, "\"period\"") > m);
		assert_non_null(strstr(r.body, "\"mark\": \"published\""));
	}
}

/*
 * ?at= and ?known_at= (tests/test_asof_eval.c has the revisions): the
 * periods ended by then; nothing before the first arrival (the daemon
 * journaled everything today); a bad date refused, the parameter named.
 */
static void
test_indicators_as_of(void **state)
{
	struct response r;

	request(*state, NULL, "/api/v1/indicators?at=2020-12-31", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "\"at\": \"2020-12-31\""));
	assert_non_null(strstr(r.body, "\"periods_left_out\": 1"));
	request(*state, NULL, "/api/v1/indicators/gdp?known_at=2000-01-01",
	    NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "\"observations\": 0"));
	request(
	    *state, NULL, "/api/v1/indicators?known_at=2000-01-01", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "\"nothing_yet\": true"));
	request(*state, NULL, "/api/v1/indicators?at=2023-02-30", NULL, &r);
	assert_int_equal(r.status, 400);
	assert_string_equal(r.type, "application/json");
	assert_non_null(strstr(r.body, "at: expected a date YYYY-MM-DD"));
	request(*state, NULL, "/api/v1/indicators/gdp?known_at=31-12-2020",
	    NULL, &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "known_at: expected a date"));
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

/* Each view has its file; a view or size not drawn is refused. */
static void
test_graph_views(void **state)
{
	struct response r;

	request(*state, NULL, "/graph/gdp.png?view=history", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.type, "image/png");
	assert_memory_equal(r.body, "\x89PNG", 4);
	request(*state, NULL, "/graph/gdp.png?view=spark&w=160&h=40", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_memory_equal(r.body, "\x89PNG", 4);
	/* PNG width and height are big-endian at bytes 16 and 20: the
	 * 160x40 sparkline is drawn at twice its size. */
	assert_int_equal(
	    (unsigned char)r.body[18] << 8 | (unsigned char)r.body[19], 320);
	/* The plan chart and the sparkline are SVGs as well, titled. */
	request(*state, NULL, "/graph/gdp.svg", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.type, "image/svg+xml");
	assert_non_null(strstr(r.body, "<title id=\"t\">地区生产总值"));
	request(*state, NULL, "/graph/gdp.svg?view=spark", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "<svg"));
	request(*state, NULL, "/graph/gdp.svg?view=history", NULL, &r);
	assert_int_equal(r.status, 404);
	/* The narrow plan chart: an SVG for phones, a 2x PNG for mail. */
	request(*state, NULL, "/graph/gdp.svg?view=narrow&w=400", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "width=\"400px\""));
	request(*state, NULL, "/graph/gdp.png?view=narrow", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_memory_equal(r.body, "\x89PNG", 4);
	assert_int_equal(
	    (unsigned char)r.body[18] << 8 | (unsigned char)r.body[19], 800);
	request(*state, NULL, "/graph/gdp.png?view=pie", NULL, &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "plan, history, spark or narrow"));
	request(*state, NULL, "/graph/gdp.png?w=99999", NULL, &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "graph_width"));
}

/* POST /api/v1/admin/reload: bearer token from a file, else refused. */
static void
test_admin_reload(void **state)
{
	struct env *e = *state;
	struct response r;
	char feed[400];

	request(e, "POST", "/api/v1/admin/reload", NULL, &r);
	assert_int_equal(r.status, 401);
	request(e, "POST", "/api/v1/admin/reload",
	    "Authorization: Bearer wrong-token-wrong-token", &r);
	assert_int_equal(r.status, 403);
	request(e, "GET", "/api/v1/admin/reload",
	    "Authorization: Bearer " TOKEN, &r);
	assert_int_equal(r.status, 405);
	harness_log_lacks(e->log, "reload: ");
	/* The dashboard as built now is kept; a new year in the feed, read
	 * after the reload, must not be hidden by that copy. */
	request(e, NULL, "/", NULL, &r);
	assert_null(strstr(r.body, "1045.07"));
	snprintf(feed, sizeof(feed), "%s/feed.json", e->dir);
	/* 2020 no longer says (no change), 2021 is published now (a change
	 * of mark alone: journaled, no revision). */
	harness_write(feed,
	    "{\"data\": [{\"year\": \"2020\", \"value\": 902.27},"
	    " {\"year\": \"2021\", \"value\": 1030.11, "
	    "\"status\": \"published\"},"
	    " {\"year\": \"2022\", \"value\": 1045.07}]}");
	/* The collector changes (a timeout), so the reload fetches it
	 * again; an unchanged one would keep its schedule. */
	{
		char *text = harness_read(e->conf, NULL), *p;
		char changed[4096];

		assert_non_null(p = strstr(text, "allow_file: true}"));
		snprintf(changed, sizeof(changed),
		    "%.*sallow_file: true, "
		    "timeout: 20s}%s",
		    (int)(p - text), text, p + strlen("allow_file: true}"));
		harness_write(e->conf, changed);
		free(text);
	}
	request(e, "POST", "/api/v1/admin/reload",
	    "Authorization: Bearer " TOKEN, &r);
	assert_int_equal(r.status, 202);
	for (int i = 0; i < 100; i++) {
		char *log = harness_read(e->log, NULL);
		/* The start logged its own "2 new": the one after the
		 * reload is wanted. */
		const char *after =
		    log != NULL ? strstr(log, "http: reload requested") : NULL;
		bool done = after != NULL &&
		    strstr(after, "indicator gdp: 2 new or revised") != NULL;

		free(log);
		if (done)
			break;
		usleep(100000);
	}
	harness_log_has(e->log, "http: reload requested");
	harness_log_has(e->log, "planwatch.yaml loaded");
	harness_log_has(e->log,
	    "reload: collectors: 0 unchanged (schedules "
	    "and validators kept), 1 changed, 0 added, 0 "
	    "removed");
	harness_log_lacks(e->log, "TOKEN");
	request(e, NULL, "/", NULL, &r);
	assert_non_null(strstr(r.body, "1045.07"));
	/* The change of mark: in 2021's history, not a revision. */
	harness_log_lacks(e->log, "revision of 2021");
	request(e, NULL, "/indicator/gdp", NULL, &r);
	assert_non_null(strstr(r.body,
	    "<td>2021</td><td>1030.11 亿元</td><td class=\"mark\"><details>"
	    "<summary>公布</summary><ul><li>1030.11（示例） → "
	    "1030.11（公布），"));
	assert_non_null(strstr(r.body,
	    "<td>2020</td><td>902.27 亿元</td><td class=\"mark\">公布</td>"));
	assert_null(strstr(r.body, "修订"));
	{
		char journal[512], *text;

		snprintf(
		    journal, sizeof(journal), "%s/data/gdp.journal", e->dir);
		assert_non_null(text = harness_read(journal, NULL));
		assert_non_null(strstr(
		    text, "\"mark\":\"published\",\"was\":\"illustrative\""));
		assert_null(strstr(text, "\"replaced\""));
		free(text);
	}
}

/* A token file others can read stops the daemon at start, saying why. */
static void
test_admin_token_must_be_private(void **state)
{
	struct env *e = *state;
	char conf[400], log[400], token[400], *text;

	snprintf(token, sizeof(token), "%s/token", e->dir);
	snprintf(conf, sizeof(conf), "%s/open.yaml", e->dir);
	snprintf(log, sizeof(log), "%s/open.log", e->dir);
	text = harness_read(e->conf, NULL);
	assert_non_null(text);
	{
		static const char key[] = "admin_token_file: token\n";
		char *at = strstr(text, key), buf[8192];

		assert_non_null(at);
		snprintf(buf, sizeof(buf),
		    "%.*sadmin_token_file: open-token\n%s", (int)(at - text),
		    text, at + strlen(key));
		/* Its own directories: the running daemon locks data. */
		memcpy(strstr(buf, "data_dir: data\n"), "data_dir: dat2\n", 15);
		harness_write(conf, buf);
	}
	free(text);
	snprintf(token, sizeof(token), "%s/open-token", e->dir);
	harness_write(token, TOKEN "\n");
	chmod(token, 0644);
	assert_int_equal(harness_run(log, conf, "run"), 1);
	harness_log_has(log, "readable by others (mode 644); run chmod 600");
}

/* A second process on the same data_dir is refused, naming the first. */
static void
test_data_dir_locked(void **state)
{
	struct env *e = *state;
	char log[400], want[64];

	snprintf(log, sizeof(log), "%s/second.log", e->dir);
	assert_int_equal(harness_run(log, e->conf, "once"), 1);
	snprintf(want, sizeof(want),
	    "in use by another planwatch (process %ld)", (long)e->pid);
	harness_log_has(log, want);
	harness_log_lacks(log, "new or revised");
	/* rebuild and import take the same lock: not beside the daemon. */
	{
		char csv[400];
		const char *rebuild[] = {"rebuild", NULL};
		const char *import[] = {"import", "gdp", csv, NULL};

		assert_int_equal(harness_run_args(log, e->conf, rebuild), 1);
		harness_log_has(log, want);
		snprintf(csv, sizeof(csv), "%s/history.csv", e->dir);
		harness_write(csv, "period,value\n2019,850\n");
		assert_int_equal(harness_run_args(log, e->conf, import), 1);
		harness_log_has(log, want);
	}
}

/*
 * planwatch silence: add (checked against the configuration), list,
 * shown on the dashboard at once, remove.
 */
static void
test_silence_commands(void **state)
{
	struct env *e = *state;
	char log[400], id[17] = "", *out;
	struct response r;
	const char *add[] = {"silence", "add", "gdp/t", "--until", "2099-12-31",
	    "--reason", "统计口径调整", "--by", "张三", NULL};
	const char *bad[] = {"silence", "add", "nosuch", "--until",
	    "2099-12-31", "--reason", "r", "--by", "b", NULL};
	const char *past[] = {"silence", "add", "gdp", "--until", "2001-01-01",
	    "--reason", "r", "--by", "b", NULL};
	const char *list[] = {"silence", "list", NULL};

	snprintf(log, sizeof(log), "%s/silence.log", e->dir);
	assert_int_equal(harness_run_args(log, e->conf, bad), 1);
	harness_log_has(log, "no indicator 'nosuch'");
	assert_int_equal(harness_run_args(log, e->conf, past), 1);
	harness_log_has(log, "expected a date ahead");
	assert_int_equal(harness_run_args(log, e->conf, add), 0);
	out = harness_read(log, NULL);
	assert_non_null(out);
	assert_int_equal(strspn(out, "0123456789abcdef"), 16);
	memcpy(id, out, 16);
	free(out);
	assert_int_equal(harness_run_args(log, e->conf, list), 0);
	harness_log_has(log, "gdp/t  until 2099-12-31  by 张三: 统计口径调整");
	request(e, NULL, "/", NULL, &r);
	assert_non_null(strstr(r.body, "已静默至 2099-12-31"));
	{
		const char *rm[] = {"silence", "remove", id, NULL};

		assert_int_equal(harness_run_args(log, e->conf, rm), 0);
		assert_int_equal(harness_run_args(log, e->conf, rm), 1);
		harness_log_has(log, "no silence");
	}
	assert_int_equal(harness_run_args(log, e->conf, list), 0);
	harness_log_lacks(log, "gdp/t");
	request(e, NULL, "/", NULL, &r);
	assert_null(strstr(r.body, "已静默至"));
}

/* Silences through the admin endpoint, seen by the API and the page. */
static void
test_silence_http(void **state)
{
	struct env *e = *state;
	struct response r;
	char path[128], id[17];
	const char *auth = "Authorization: Bearer " TOKEN, *at;

	request_body(e, "POST", "/api/v1/admin/silences", NULL,
	    "{\"pair\": \"gdp/t\"}", &r);
	assert_int_equal(r.status, 401);
	request_body(e, "POST", "/api/v1/admin/silences", auth, "not json", &r);
	assert_int_equal(r.status, 400);
	request_body(e, "POST", "/api/v1/admin/silences", auth,
	    "{\"pair\": \"nosuch/t\", \"until\": \"2099-12-31\", "
	    "\"reason\": \"r\", \"by\": \"b\"}",
	    &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "no indicator"));
	request_body(e, "POST", "/api/v1/admin/silences", auth,
	    "{\"pair\": \"gdp/t\", \"until\": \"2099-12-31\", "
	    "\"reason\": \"口径调整\", \"by\": \"李四\"}",
	    &r);
	assert_int_equal(r.status, 201);
	assert_non_null(at = strstr(r.body, "\"id\":\""));
	memcpy(id, at + 6, 16);
	id[16] = '\0';
	request(e, NULL, "/api/v1/silences", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "\"by\": \"李四\""));
	assert_non_null(strstr(r.body, "\"active\": true"));
	request(e, NULL, "/", NULL, &r);
	assert_non_null(strstr(r.body, "已静默至 2099-12-31"));
	snprintf(path, sizeof(path), "/api/v1/admin/silences/%s", id);
	request(e, "POST", path, auth, &r);
	assert_int_equal(r.status, 405);
	request(e, "DELETE", path, auth, &r);
	assert_int_equal(r.status, 200);
	request(e, "DELETE", path, auth, &r);
	assert_int_equal(r.status, 404);
	request(e, "DELETE", "/api/v1/admin/silences/..%2f", auth, &r);
	assert_int_equal(r.status, 400);
	request(e, NULL, "/", NULL, &r);
	assert_null(strstr(r.body, "已静默至"));
}

/* planwatch export: the same pages and charts as static files. */
static void
test_export(void **state)
{
	struct env *e = *state;
	char out[400], log[400], path[500], *page;

	snprintf(out, sizeof(out), "%s/site", e->dir);
	snprintf(log, sizeof(log), "%s/export.log", e->dir);
	assert_int_equal(harness_run_arg(log, e->conf, "export", out), 0);
	harness_log_clean(log);
	assert_true(harness_exists(out, "graph/gdp.png"));
	assert_true(harness_exists(out, "graph/gdp.history.png"));
	assert_true(harness_exists(out, "graph/gdp.spark.png"));
	assert_true(harness_exists(out, "graph/gdp.svg"));
	assert_true(harness_exists(out, "graph/gdp.spark.svg"));
	assert_true(harness_exists(out, "graph/gdp.narrow.svg"));
	snprintf(path, sizeof(path), "%s/index.html", out);
	assert_non_null(page = harness_read(path, NULL));
	assert_non_null(strstr(page, "<a href=\"indicator/gdp.html\">"));
	assert_non_null(strstr(page, "src=\"graph/gdp.spark.svg\""));
	assert_null(strstr(page, "href=\"/"));
	/* Chapter and bureau pages, linked relatively. */
	assert_non_null(strstr(page, "<a href=\"group/1.html\">经济发展</a>"));
	assert_non_null(strstr(page, "<a href=\"owner/1.html\">区统计局</a>"));
	/* The feed column says what the daemon last saved (its fetch, or
	 * none yet), never nothing. */
	assert_null(strstr(page, "<td class=\"x wide\"></td>"));
	assert_true(strstr(page, " UTC</td>") != NULL ||
	    strstr(page, "尚未获取</td>") != NULL);
	free(page);
	snprintf(path, sizeof(path), "%s/owner/1.html", out);
	assert_non_null(page = harness_read(path, NULL));
	assert_non_null(strstr(page, "责任部门 <strong>区统计局</strong>"));
	assert_non_null(strstr(page, "href=\"../indicator/gdp.html\""));
	assert_non_null(strstr(page, "src=\"../graph/gdp.spark.svg\""));
	assert_non_null(
	    strstr(page, "<a href=\"../group/1.html\">经济发展</a>"));
	assert_non_null(strstr(page, "href=\"../index.html\""));
	assert_null(strstr(page, "href=\"/"));
	free(page);
	assert_true(harness_exists(out, "group/1.html"));
	assert_false(harness_exists(out, "group/2.html"));
	snprintf(path, sizeof(path), "%s/indicator/gdp.html", out);
	assert_non_null(page = harness_read(path, NULL));
	assert_non_null(strstr(page, "src=\"../graph/gdp.history.png\""));
	assert_non_null(strstr(page,
	    "<source media=\"(max-width:600px)\" "
	    "srcset=\"../graph/gdp.narrow.svg\">"));
	assert_non_null(strstr(page, "href=\"../index.html\""));
	assert_non_null(strstr(page, "href=\"gdp.csv\" download"));
	free(page);
	snprintf(path, sizeof(path), "%s/indicator/gdp.csv", out);
	assert_non_null(page = harness_read(path, NULL));
	assert_non_null(strstr(page,
	    "period,value,mark,revised,entered_by,entered_at,source,note\n"));
	assert_non_null(strstr(page, "2021,1030.11,illustrative,no,,,,\n"));
	free(page);
	/* The wall screen beside the dashboard, linking it as a file. */
	snprintf(path, sizeof(path), "%s/wall.html", out);
	assert_non_null(page = harness_read(path, NULL));
	assert_non_null(strstr(page, "<meta http-equiv=\"refresh\""));
	assert_non_null(strstr(page, "<li data-target=\"gdp/"));
	assert_non_null(strstr(page, "href=\"index.html\""));
	assert_null(strstr(page, "href=\"/"));
	assert_non_null(strstr(page, "href=\"en/wall.html\">English</a>"));
	free(page);
	/* The English tree: the same pages, the root's charts and data. */
	snprintf(path, sizeof(path), "%s/en/index.html", out);
	assert_non_null(page = harness_read(path, NULL));
	assert_non_null(strstr(
	    page, "<a href=\"indicator/gdp.html\">Gross domestic product</a>"));
	assert_non_null(strstr(page, "src=\"../graph/gdp.spark.en.svg\""));
	assert_non_null(strstr(page, "href=\"../index.html\">中文</a>"));
	assert_null(strstr(page, "href=\"/"));
	free(page);
	snprintf(path, sizeof(path), "%s/en/owner/1.html", out);
	assert_non_null(page = harness_read(path, NULL));
	assert_non_null(
	    strstr(page, "bureau <strong>District Statistics Bureau</strong>"));
	assert_non_null(strstr(page, "src=\"../../graph/gdp.spark.en.svg\""));
	assert_non_null(strstr(page, "href=\"../../owner/1.html\">中文</a>"));
	free(page);
	snprintf(path, sizeof(path), "%s/en/indicator/gdp.html", out);
	assert_non_null(page = harness_read(path, NULL));
	assert_non_null(strstr(page, "<h1>Gross domestic product</h1>"));
	assert_non_null(strstr(page, "src=\"../../graph/gdp.history.en.png\""));
	assert_non_null(
	    strstr(page, "srcset=\"../../graph/gdp.narrow.en.svg\""));
	assert_non_null(
	    strstr(page, "href=\"../../indicator/gdp.csv\" download"));
	assert_non_null(
	    strstr(page, "href=\"../../indicator/gdp.html\">中文</a>"));
	free(page);
	snprintf(path, sizeof(path), "%s/indicator/gdp.html", out);
	assert_non_null(page = harness_read(path, NULL));
	assert_non_null(
	    strstr(page, "href=\"../en/indicator/gdp.html\">English</a>"));
	free(page);
	assert_true(harness_exists(out, "en/wall.html"));
	assert_true(harness_exists(out, "en/group/1.html"));
	assert_false(harness_exists(out, "en/indicator/gdp.csv"));
	/* The charts in English beside the Chinese, every view. */
	assert_true(harness_exists(out, "graph/gdp.en.svg"));
	assert_true(harness_exists(out, "graph/gdp.en.png"));
	assert_true(harness_exists(out, "graph/gdp.narrow.en.svg"));
	assert_true(harness_exists(out, "graph/gdp.spark.en.svg"));
	assert_true(harness_exists(out, "graph/gdp.history.en.png"));
	snprintf(path, sizeof(path), "%s/graph/gdp.en.svg", out);
	assert_non_null(page = harness_read(path, NULL));
	assert_non_null(strstr(page, "Gross domestic product"));
	assert_null(strstr(page, "地区生产总值"));
	free(page);
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
	/* A bureau's page, linked from the dashboard, counts its own. */
	request(*state, NULL, "/?owner=%E5%8C%BA%E7%BB%9F%E8%AE%A1%E5%B1%80",
	    NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "责任部门 <strong>区统计局</strong>"));
	assert_non_null(strstr(r.body, "/indicator/gdp"));
	request(*state, NULL, "/?group=%E7%BB%8F%E6%B5%8E%E5%8F%91%E5%B1%95",
	    NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "篇章 <strong>经济发展</strong>"));
	/* Refused, naming the parameter, everything echoed escaped. */
	request(*state, NULL, "/?owner=%3Cscript%3E", NULL, &r);
	assert_int_equal(r.status, 400);
	assert_string_equal(r.type, "text/html; charset=utf-8");
	assert_null(strstr(r.body, "<script>"));
	assert_non_null(strstr(r.body,
	    "owner: no bureau named &quot;&lt;script&gt;&quot; in the plan; "
	    "the bureaus are: 区统计局"));
	request(*state, NULL, "/?foo=1", NULL, &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body,
	    "foo: not a filter of the dashboard; "
	    "the filters are group, owner, "
	    "status, overdue"));
	request(*state, NULL, "/?group=%E6%B0%91%E7%94%9F", NULL, &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "group: no chapter named"));
	request(*state, NULL, "/?status=fine", NULL, &r);
	assert_int_equal(r.status, 400);
	request(*state, NULL, "/?overdue", NULL, &r);
	assert_int_equal(r.status, 400);
	request(*state, NULL, "/indicator/gdp", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "src=\"/graph/gdp.svg\""));
	assert_non_null(strstr(r.body,
	    "<td>2021</td><td>1030.11 亿元</td><td class=\"mark\">示例</td>"));
	assert_non_null(strstr(r.body, "<th>数据性质</th>"));
	/* What the page says of the indicator, and its data to download. */
	assert_non_null(strstr(r.body, "<dt>单位</dt><dd>亿元</dd>"));
	assert_non_null(strstr(r.body, "href=\"/indicator/gdp.csv\" download"));
	request(*state, NULL, "/indicator/gdp.csv", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.type, "text/csv; charset=utf-8");
	assert_non_null(strstr(r.body,
	    "period,value,mark,revised,entered_by,entered_at,source,note\n"));
	assert_non_null(strstr(r.body, "\n2020,902.27,published,no,,,,\n"));
	assert_non_null(strstr(r.body, "\n2021,1030.11,illustrative,no,,,,\n"));
	request(*state, NULL, "/indicator/NOPE.csv", NULL, &r);
	assert_int_equal(r.status, 400);
	request(*state, NULL, "/indicator/nope.csv", NULL, &r);
	assert_int_equal(r.status, 404);
	request(*state, NULL, "/indicator/.csv", NULL, &r);
	assert_int_equal(r.status, 400);
	request(*state, NULL, "/indicator/NOPE", NULL, &r);
	assert_int_equal(r.status, 400);
	/* The wall screen: the same targets, reloading itself (60 s by
	 * default); a query is ignored, never echoed. */
	request(*state, NULL, "/wall", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.type, "text/html; charset=utf-8");
	assert_non_null(strstr(r.body,
	    "<meta http-equiv=\"refresh\" "
	    "content=\"60\">"));
	assert_non_null(strstr(r.body, "<li data-target=\"gdp/"));
	request(*state, NULL, "/wall?owner=%3Cscript%3E", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_null(strstr(r.body, "<script>"));
	request(*state, NULL, "/wall/more", NULL, &r);
	assert_int_equal(r.status, 404);
}

/* Fails, showing where, if the text of page s (not its tags: a
 * data-owner attribute holds the key as written) has a CJK character
 * outside the language switch (U+3000..U+9FFF, U+FF00..U+FFEF). */
static void
no_cjk_but_switch(const char *s)
{
	const char *sw = strstr(s, ">中文</a>");
	const unsigned char *u = (const unsigned char *)s;
	bool tag = false;

	for (size_t i = 0; u[i] != '\0'; i++) {
		unsigned cp;

		if (u[i] == '<' || u[i] == '>')
			tag = u[i] == '<';
		if (tag ||
		    (sw != NULL && s + i > sw && s + i < sw + strlen(">中文")))
			continue;
		if (u[i] < 0xe0 || u[i] >= 0xf0 || !u[i + 1] || !u[i + 2])
			continue;
		cp = (u[i] & 0x0fu) << 12 | (u[i + 1] & 0x3fu) << 6 |
		    (u[i + 2] & 0x3fu);
		if ((cp >= 0x3000 && cp <= 0x9fff) ||
		    (cp >= 0xff00 && cp <= 0xffef))
			fail_msg("CJK at \"%.60s\"", s + i);
	}
}

/* ?lang=: every page in English with every name, the language kept in
 * its links, a switch back; an unknown language refused. */
static void
test_language(void **state)
{
	struct response r;

	request(*state, NULL, "/?lang=en", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "<html lang=\"en\">"));
	assert_non_null(strstr(r.body,
	    "<a href=\"/indicator/gdp?lang=en\">Gross domestic product</a>"));
	assert_non_null(strstr(r.body,
	    "<a href=\"/?group=%E7%BB%8F%E6%B5%8E%E5%8F%91%E5%B1%95&amp;"
	    "lang=en\">Economic development</a>"));
	assert_non_null(strstr(r.body, ">District Statistics Bureau</a>"));
	assert_non_null(strstr(r.body, "Test plan"));
	assert_non_null(strstr(r.body, "href=\"/wall?lang=en\""));
	assert_non_null(strstr(r.body,
	    "<a lang=\"zh-CN\" hreflang=\"zh-CN\" href=\"/?lang=zh-CN\">"
	    "中文</a>"));
	no_cjk_but_switch(r.body);
	/* The primary language switches to English, keeping the filter. */
	request(*state, NULL, "/?owner=%E5%8C%BA%E7%BB%9F%E8%AE%A1%E5%B1%80",
	    NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body,
	    "href=\"/?owner=%E5%8C%BA%E7%BB%9F%E8%AE%A1%E5%B1%80&amp;"
	    "lang=en\">English</a>"));
	request(*state, NULL,
	    "/?owner=%E5%8C%BA%E7%BB%9F%E8%AE%A1%E5%B1%80&lang=en", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(
	    r.body, "bureau <strong>District Statistics Bureau</strong>"));
	assert_non_null(strstr(r.body, "href=\"/?lang=en\">back to the"));
	no_cjk_but_switch(r.body);
	request(*state, NULL, "/indicator/gdp?lang=en", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "<h1>Gross domestic product</h1>"));
	assert_non_null(
	    strstr(r.body, "<dt>Unit</dt><dd>100 million yuan</dd>"));
	assert_non_null(
	    strstr(r.body, "<td>2021</td><td>1030.11 100 million yuan</td>"));
	assert_non_null(strstr(r.body, "href=\"/?lang=en\">&larr; overview"));
	assert_non_null(strstr(r.body, "href=\"/indicator/gdp?lang=zh-CN\""));
	assert_non_null(strstr(r.body, "src=\"/graph/gdp.svg?lang=en\""));
	assert_non_null(
	    strstr(r.body, "src=\"/graph/gdp.png?view=history&amp;lang=en\""));
	no_cjk_but_switch(r.body);
	/* Its charts, drawn in English. */
	request(*state, NULL, "/graph/gdp.svg?lang=en", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.type, "image/svg+xml");
	assert_non_null(strstr(r.body, "Gross domestic product"));
	assert_null(strstr(r.body, "地区生产总值"));
	request(*state, NULL, "/graph/gdp.svg?view=spark&lang=en", NULL, &r);
	assert_int_equal(r.status, 200);
	request(*state, NULL, "/graph/gdp.svg", NULL, &r);
	assert_non_null(strstr(r.body, "地区生产总值"));
	request(*state, NULL, "/graph/gdp.svg?lang=fr", NULL, &r);
	assert_int_equal(r.status, 400);
	request(*state, NULL, "/wall?lang=en", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "<h1>Test plan</h1>"));
	assert_non_null(strstr(r.body, "Economic development"));
	assert_non_null(strstr(r.body, "href=\"/?lang=en\""));
	assert_non_null(strstr(r.body, "href=\"/wall?lang=zh-CN\""));
	no_cjk_but_switch(r.body);
	/* Refused, naming the parameter and the languages, escaped. */
	request(*state, NULL, "/?lang=xx", NULL, &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body,
	    "lang: no language named &quot;xx&quot;; the languages are "
	    "zh-CN, en"));
	request(*state, NULL, "/indicator/gdp?lang=EN", NULL, &r);
	assert_int_equal(r.status, 400);
	request(*state, NULL, "/wall?lang=%3Cscript%3E", NULL, &r);
	assert_int_equal(r.status, 400);
	assert_null(strstr(r.body, "<script>"));
	request(*state, NULL, "/?lang=en&lang=en", NULL, &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "lang: given twice"));
}

/* The exposition format read strictly, then the values checked. */
static void
test_metrics(void **state)
{
	struct response r;
	char err[256];
	size_t samples = 0;

	request(*state, NULL, "/metrics", NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.type, "text/plain; version=0.0.4; charset=utf-8");
	if (expo_check(r.body, &samples, err, sizeof(err)) != 0)
		fail_msg("/metrics: %s", err);
	assert_true(samples >= 15);
	assert_non_null(strstr(r.body,
	    "planwatch_indicator_value{indicator=\"gdp\"} "
	    "1030.1099999999999\n"));
	assert_non_null(strstr(r.body,
	    "planwatch_target_status{indicator=\"gdp\",target=\"t\","
	    "status=\"on_track\"} 1\n"));
	assert_non_null(strstr(
	    r.body, "planwatch_collector_failures{collector=\"f\"} 0\n"));
	assert_non_null(strstr(r.body,
	    "planwatch_fetches_total{collector=\"f\",outcome=\"ok\"} 1\n"));
	assert_non_null(strstr(r.body,
	    "planwatch_fetch_duration_seconds_count{collector=\"f\"} 1\n"));
	assert_non_null(strstr(r.body, "planwatch_loop_stall_max_seconds "));
	assert_non_null(strstr(r.body, "process_resident_memory_bytes "));
	assert_non_null(strstr(r.body, "process_open_fds "));
}

/* The checker itself refuses what a strict scraper would. */
static void
test_metrics_checker_is_strict(void **state)
{
	static const char *const bad[] = {
	    "x 1\n", /* no TYPE */
	    "# TYPE x gauge\nx{a=\"1\"} 1\nx{a=\"1\"} 2\n", /* twice */
	    "# TYPE x gauge\n# TYPE y gauge\nx 1\ny 1\nx{a=\"b\"} 2\n",
	    "# TYPE x counter\nx 1\n", /* counter without _total */
	    "# TYPE x gauge\nx{a=\"\\q\"} 1\n", /* bad escape */
	    "# TYPE x gauge\nx one\n", /* bad value */
	    "# TYPE x gauge\nx 1", /* no final newline */
	    "# TYPE x gauge\nx{a=1} 1\n", /* unquoted label */
	};
	char err[256];
	size_t n;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (expo_check(bad[i], &n, err, sizeof(err)) == 0)
			fail_msg("accepted bad input %zu", i);
	assert_int_equal(expo_check("# HELP x h\n# TYPE x gauge\n"
				    "x{a=\"q\\\"\\n\"} 1.5e3\nx 2 1700000000\n",
			     &n, err, sizeof(err)),
	    0);
	assert_int_equal(n, 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_healthz),
	    cmocka_unit_test(test_indicators),
	    cmocka_unit_test(test_indicator),
	    cmocka_unit_test(test_indicators_as_of),
	    cmocka_unit_test(test_alerts),
	    cmocka_unit_test(test_collectors),
	    cmocka_unit_test(test_bad_and_unknown_ids),
	    cmocka_unit_test(test_read_only),
	    cmocka_unit_test(test_oversized_request),
	    cmocka_unit_test(test_graph_cached),
	    cmocka_unit_test(test_metrics),
	    cmocka_unit_test(test_metrics_checker_is_strict),
	    cmocka_unit_test(test_dashboard_pages),
	    cmocka_unit_test(test_language),
	    cmocka_unit_test(test_graph_views),
	    cmocka_unit_test(test_export),
	    cmocka_unit_test(test_silence_commands),
	    cmocka_unit_test(test_silence_http),
	    cmocka_unit_test(test_data_dir_locked),
	    cmocka_unit_test(test_admin_token_must_be_private),
	    cmocka_unit_test(test_admin_reload),
	};

	signal(SIGPIPE, SIG_IGN);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}

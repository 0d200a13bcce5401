/*
 * test_web_view: the web server and /metrics on a view of the test's own
 * (webview.h), with no runner: a configuration from tests/fixtures/config,
 * state records written here, and a table that counts what the admin
 * routes ask.  Each check asserts something only the fake records hold
 * (a collector's 7 failures in a row, 42 charts drawn, a series value),
 * so a view wired to anything else fails.  The server runs on its own
 * event loop thread; libcurl's easy interface asks from the test's.
 */
#include <fcntl.h>
#include <pthread.h>
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
#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/thread.h>
#include <jansson.h>

#include "chart.h"
#include "config.h"
#include "metrics.h"
#include "period.h"
#include "silence.h"
#include "web.h"
#include "webconn.h"
#include "webview.h"

#define TOKEN "correct-horse-battery-staple"
#define FAKE_ID "0123456789abcdef"

/* The daemon as the view shows it: records owned by the test. */
struct fake {
	struct config *conf;
	unsigned long generation;
	struct indicator_state inds[2];
	struct collector_state colls[2];
	struct judgement j[2];
	struct silences silences;
	struct event_base *base;
	/* What the server asked. */
	int refreshes, reloads, renders, jobs_ended;
	char added_pair[64];
};

static const struct config *
fake_config(void *arg)
{
	return ((struct fake *)arg)->conf;
}

static unsigned long
fake_generation(void *arg)
{
	return ((struct fake *)arg)->generation;
}

static const struct indicator_state *
fake_indicator(void *arg, size_t i)
{
	return &((struct fake *)arg)->inds[i];
}

static const struct collector_state *
fake_collector(void *arg, size_t i)
{
	return &((struct fake *)arg)->colls[i];
}

static unsigned long
fake_version(void *arg)
{
	(void)arg;
	return 1;
}

static void
fake_counters(void *arg, struct webview_counters *out)
{
	(void)arg;
	*out = (struct webview_counters){.renders = 42,
	    .render_failures = 3,
	    .reloads_applied = 5,
	    .reloads_refused = 2,
	    .worker_jobs = 9,
	    .outbox_deliveries = 4,
	    .loop_stalls = 11,
	    .started_at = 1700000000};
}

static const struct silences *
fake_silences(void *arg)
{
	return &((struct fake *)arg)->silences;
}

static void
fake_silences_refresh(void *arg)
{
	((struct fake *)arg)->refreshes++;
}

static json_t *
fake_status(void *arg)
{
	(void)arg;
	return json_pack("{s:s}", "fake_status", "from the view");
}

static char *
fake_collectors(void *arg)
{
	(void)arg;
	return strdup("{\"fake_collectors\":1}");
}

/* A job: run at once, done on the loop's next turn (as the worker does). */
struct fake_job {
	void (*done)(void *);
	void *job;
};

static void
fake_job_done(evutil_socket_t fd, short what, void *arg)
{
	struct fake_job *fj = arg;

	(void)fd;
	(void)what;
	fj->done(fj->job);
	free(fj);
}

static int
fake_submit(void *arg, void (*run)(void *), void (*done)(void *), void *job)
{
	struct fake *f = arg;
	struct fake_job *fj = malloc(sizeof(*fj));

	if (fj == NULL)
		return -1;
	*fj = (struct fake_job){done, job};
	run(job);
	return event_base_once(f->base, -1, EV_TIMEOUT, fake_job_done, fj,
	    &(struct timeval){0, 0});
}

static void
fake_job_ended(void *arg)
{
	((struct fake *)arg)->jobs_ended++;
}

static void
fake_reload(void *arg)
{
	((struct fake *)arg)->reloads++;
}

static void
fake_render(void *arg)
{
	((struct fake *)arg)->renders++;
}

static int
fake_silence_add(void *arg, const struct webview_silence *ask, char id[17],
    char *err, size_t errlen)
{
	struct fake *f = arg;

	(void)err;
	(void)errlen;
	snprintf(f->added_pair, sizeof(f->added_pair), "%s", ask->pair);
	memcpy(id, FAKE_ID, 17);
	return 0;
}

static int
fake_silence_remove(void *arg, const char *id, char *err, size_t errlen)
{
	(void)arg;
	(void)id;
	snprintf(err, errlen, "no such silence");
	return -1;
}

static const struct webview_ops fake_ops = {
    .config = fake_config,
    .config_generation = fake_generation,
    .indicator = fake_indicator,
    .collector = fake_collector,
    .version = fake_version,
    .counters = fake_counters,
    .silences = fake_silences,
    .silences_refresh = fake_silences_refresh,
    .status_json = fake_status,
    .collectors_json = fake_collectors,
    .job_submit = fake_submit,
    .job_ended = fake_job_ended,
    .reload_request = fake_reload,
    .render_all = fake_render,
    .silence_add = fake_silence_add,
    .silence_remove = fake_silence_remove,
};

static struct config *
load_fixture(const char *name)
{
	const char *dir = getenv("PW_FIXTURES");
	struct config_errors e = {NULL, 0};
	char path[4096];
	struct config *c;

	snprintf(path, sizeof(path), "%s/config/%s",
	    dir ? dir : "tests/fixtures", name);
	c = config_load(path, &e);
	for (size_t i = 0; i < e.n; i++)
		fprintf(stderr, "%s\n", e.v[i]);
	config_errors_clear(&e);
	return c;
}

/*
 * gdp: one value (123.5 in 2023), its target at risk.  coal_share: its
 * feed failing and its journal damaged.  Collector energy: 7 failures in
 * a row.  One silence on gdp/plan.
 */
static void
fake_init(struct fake *f)
{
	struct period p;
	char id[17], err[128];

	memset(f, 0, sizeof(*f));
	f->conf = load_fixture("web_view.yaml");
	assert_non_null(f->conf);
	assert_int_equal(f->conf->nindicators, 2);
	assert_int_equal(f->conf->ncollectors, 2);
	for (size_t i = 0; i < 2; i++) {
		f->inds[i].conf = &f->conf->indicators[i];
		f->inds[i].j = &f->j[i];
		f->colls[i].conf = &f->conf->collectors[i];
	}
	f->j[0].status = STATUS_AT_RISK;
	f->j[0].ratio = 0.25;
	f->j[1].status = STATUS_ON_TRACK;
	f->j[1].ratio = 1;
	assert_int_equal(period_parse("2023", &p, err, sizeof(err)), 0);
	assert_int_equal(obs_list_add(&f->inds[0].obs, &p, 123.5), 0);
	f->inds[1].feed_error = true;
	f->inds[1].feed_err = "HTTP 503 from the fake";
	f->inds[1].journal_err = "record 3: bad checksum";
	f->colls[1].rt.failures = 7;
	f->colls[1].rt.fetches[FETCH_OK] = 13;
	f->colls[0].rt.last_success = 1690000000;
	assert_int_equal(
	    silences_add(&f->silences, "gdp", "plan", time(NULL) + 86400,
		"fake reason", "tester", time(NULL), id),
	    0);
}

static void
fake_free(struct fake *f)
{
	free(f->inds[0].obs.v);
	silences_clear(&f->silences);
	config_free(f->conf);
}

static struct webview
fake_view(struct fake *f)
{
	return (struct webview){&fake_ops, f};
}

/* Writes the metrics of f's view into a NUL-ended heap text. */
static char *
metrics_text(struct fake *f)
{
	struct webview v = fake_view(f);
	struct webconn_counts http = {.open = 1, .cap = 8, .accepted = 17};
	struct evbuffer *b = evbuffer_new();
	size_t len;
	char *text;

	metrics_write(&v, &http, b);
	len = evbuffer_get_length(b);
	text = malloc(len + 1);
	assert_non_null(text);
	evbuffer_remove(b, text, len);
	text[len] = '\0';
	evbuffer_free(b);
	return text;
}

static void
assert_line(const char *text, const char *line)
{
	char want[512];

	snprintf(want, sizeof(want), "\n%s\n", line);
	if (strstr(text, want) == NULL) {
		fprintf(stderr, "no line \"%s\" in:\n%s\n", line, text);
		fail();
	}
}

static void
test_metrics_from_view(void **state)
{
	struct fake f;
	char *text;

	(void)state;
	fake_init(&f);
	text = metrics_text(&f);
	assert_line(text, "planwatch_indicator_value{indicator=\"gdp\"} 123.5");
	assert_line(
	    text, "planwatch_indicator_feed_error{indicator=\"coal_share\"} 1");
	assert_line(
	    text, "planwatch_indicator_feed_error{indicator=\"gdp\"} 0");
	assert_line(
	    text, "planwatch_collector_failures{collector=\"energy\"} 7");
	assert_line(
	    text, "planwatch_collector_failures{collector=\"stats\"} 0");
	assert_line(text,
	    "planwatch_fetches_total{collector=\"energy\",outcome=\"ok\"} 13");
	assert_line(text,
	    "planwatch_collector_last_success_timestamp_seconds{collector="
	    "\"stats\"} 1690000000");
	assert_line(text,
	    "planwatch_target_status{indicator=\"gdp\",target=\"plan\","
	    "status=\"at_risk\"} 1");
	/* A failing feed is a feed error, whatever its judgement. */
	assert_line(text,
	    "planwatch_target_status{indicator=\"coal_share\",target=\"cap\","
	    "status=\"feed_error\"} 1");
	assert_line(text,
	    "planwatch_target_ratio{indicator=\"gdp\",target=\"plan\"} 0.25");
	assert_line(text, "planwatch_journals_damaged 1");
	assert_line(text,
	    "planwatch_indicator_journal_damaged{indicator=\"coal_share\"} 1");
	assert_line(text, "planwatch_renders_total 42");
	assert_line(text, "planwatch_render_failures_total 3");
	assert_line(text, "planwatch_reloads_total{result=\"applied\"} 5");
	assert_line(text, "planwatch_reloads_total{result=\"refused\"} 2");
	assert_line(text, "planwatch_worker_jobs 9");
	assert_line(text, "planwatch_outbox_deliveries 4");
	assert_line(text, "planwatch_loop_stalls_total 11");
	assert_line(text, "process_start_time_seconds 1700000000");
	assert_line(text, "planwatch_http_connections_accepted_total 17");
	free(text);
	fake_free(&f);
}

/* The server on its own loop thread, the fake behind it. */
struct server {
	struct fake f;
	struct web *web;
	pthread_t loop;
	int port;
	char dir[64];
};

static void *
loop_main(void *arg)
{
	struct server *s = arg;

	event_base_dispatch(s->f.base);
	return NULL;
}

/* A private token file in s->dir, as admin_token_file. */
static void
token_file(struct server *s)
{
	char path[128];
	int fd;

	snprintf(path, sizeof(path), "%s/token", s->dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, TOKEN "\n", strlen(TOKEN) + 1),
	    (ssize_t)strlen(TOKEN) + 1);
	close(fd);
	free(s->f.conf->admin_token_file);
	s->f.conf->admin_token_file = strdup(path);
}

/* gdp's plan chart, a file of the test's own bytes. */
static void
chart_file(struct server *s)
{
	char path[4096];
	FILE *f;

	free(s->f.conf->graph_dir);
	s->f.conf->graph_dir = strdup(s->dir);
	chart_path(s->dir, "gdp", GRAPH_PLAN, path, sizeof(path));
	assert_non_null(f = fopen(path, "w"));
	fputs("not really a PNG", f);
	fclose(f);
}

static struct server *
server_start(bool with_token)
{
	struct server *s = calloc(1, sizeof(*s));
	char err[512];

	assert_non_null(s);
	fake_init(&s->f);
	snprintf(s->dir, sizeof(s->dir), "/tmp/test_web_view.XXXXXX");
	assert_non_null(mkdtemp(s->dir));
	if (with_token)
		token_file(s);
	chart_file(s);
	assert_non_null(s->f.base = event_base_new());
	s->web = web_new(
	    fake_view(&s->f), s->f.base, "127.0.0.1:0", err, sizeof(err));
	if (s->web == NULL)
		fprintf(stderr, "web_new: %s\n", err);
	assert_non_null(s->web);
	s->port = web_port(s->web);
	assert_true(s->port > 0);
	assert_int_equal(pthread_create(&s->loop, NULL, loop_main, s), 0);
	return s;
}

static void
server_stop(struct server *s)
{
	char path[4096];

	event_base_loopexit(s->f.base, NULL);
	pthread_join(s->loop, NULL);
	web_free(s->web);
	event_base_free(s->f.base);
	chart_path(s->dir, "gdp", GRAPH_PLAN, path, sizeof(path));
	unlink(path);
	snprintf(path, sizeof(path), "%s/token", s->dir);
	unlink(path);
	rmdir(s->dir);
	fake_free(&s->f);
	free(s);
}

struct response {
	long status;
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

/* One request: method, path, an Authorization header and a body or NULL. */
static struct response *
ask(const struct server *s, const char *method, const char *path,
    const char *auth, const char *body)
{
	static struct response r;
	struct curl_slist *h = NULL;
	char url[512], header[256];
	CURL *c = curl_easy_init();

	memset(&r, 0, sizeof(r));
	snprintf(url, sizeof(url), "http://127.0.0.1:%d%s", s->port, path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, body_cb);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &r);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
	if (auth != NULL) {
		snprintf(header, sizeof(header), "Authorization: %s", auth);
		h = curl_slist_append(h, header);
	}
	if (body != NULL) {
		h = curl_slist_append(h, "Content-Type: application/json");
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	assert_int_equal(curl_easy_perform(c), CURLE_OK);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return &r;
}

static void
assert_answer(const struct response *r, long status, const char *part)
{
	if (r->status != status || strstr(r->body, part) == NULL) {
		fprintf(stderr, "wanted %ld with \"%s\", got %ld: %s\n", status,
		    part, r->status, r->body);
		fail();
	}
}

static void
test_read_routes(void **state)
{
	struct server *s = server_start(false);

	(void)state;
	assert_answer(ask(s, "GET", "/healthz", NULL, NULL), 200, "ok\n");
	/* The series value and the status come from the fake records. */
	assert_answer(
	    ask(s, "GET", "/api/v1/indicators/gdp", NULL, NULL), 200, "123.5");
	assert_answer(ask(s, "GET", "/api/v1/indicators/gdp", NULL, NULL), 200,
	    "\"at_risk\"");
	assert_answer(ask(s, "GET", "/api/v1/indicators", NULL, NULL), 200,
	    "\"coal_share\"");
	assert_answer(ask(s, "GET", "/api/v1/indicators/steel", NULL, NULL),
	    404, "no such indicator");
	assert_answer(ask(s, "GET", "/api/v1/indicators/GDP", NULL, NULL), 400,
	    "bad indicator id");
	assert_answer(
	    ask(s, "GET", "/api/v1/alerts", NULL, NULL), 200, "\"feed_error\"");
	assert_answer(ask(s, "GET", "/api/v1/status", NULL, NULL), 200,
	    "\"fake_status\"");
	assert_answer(ask(s, "GET", "/api/v1/collectors", NULL, NULL), 200,
	    "{\"fake_collectors\":1}");
	assert_answer(ask(s, "GET", "/metrics", NULL, NULL), 200,
	    "planwatch_collector_failures{collector=\"energy\"} 7\n");
	assert_answer(
	    ask(s, "GET", "/api/v1/silences", NULL, NULL), 200, "fake reason");
	assert_answer(
	    ask(s, "GET", "/", NULL, NULL), 200, "Gross domestic product");
	assert_answer(ask(s, "GET", "/indicator/coal_share", NULL, NULL), 200,
	    "Share of coal");
	assert_answer(
	    ask(s, "GET", "/wall", NULL, NULL), 200, "Gross domestic product");
	assert_answer(ask(s, "GET", "/indicator/steel", NULL, NULL), 404,
	    "no such indicator");
	assert_answer(ask(s, "GET", "/graph/gdp.png", NULL, NULL), 200,
	    "not really a PNG");
	assert_answer(ask(s, "GET", "/graph/coal_share.png", NULL, NULL), 404,
	    "no chart yet");
	assert_answer(
	    ask(s, "GET", "/nowhere", NULL, NULL), 404, "no such page");
	assert_answer(
	    ask(s, "POST", "/api/v1/indicators", NULL, NULL), 405, "read-only");
	/* The dashboard and the silences list read the file again. */
	assert_int_equal(s->f.refreshes, 2);
	/* Without admin_token_file the admin routes are off. */
	assert_answer(ask(s, "POST", "/api/v1/admin/reload", NULL, NULL), 403,
	    "admin endpoints are off");
	assert_int_equal(s->f.reloads, 0);
	server_stop(s);
}

static void
test_admin_routes(void **state)
{
	struct server *s = server_start(true);

	(void)state;
	assert_answer(ask(s, "POST", "/api/v1/admin/reload", NULL, NULL), 401,
	    "needs Authorization");
	assert_answer(
	    ask(s, "POST", "/api/v1/admin/reload", "Bearer wrong", NULL), 403,
	    "wrong token");
	assert_answer(
	    ask(s, "GET", "/api/v1/admin/reload", "Bearer " TOKEN, NULL), 405,
	    "takes POST");
	assert_int_equal(s->f.reloads, 0);
	assert_answer(
	    ask(s, "POST", "/api/v1/admin/reload", "Bearer " TOKEN, NULL), 202,
	    "reload requested");
	assert_int_equal(s->f.reloads, 1);
	assert_answer(
	    ask(s, "POST", "/api/v1/admin/render", "Bearer " TOKEN, NULL), 202,
	    "render requested");
	assert_int_equal(s->f.renders, 1);
	assert_answer(
	    ask(s, "POST", "/api/v1/admin/silences", "Bearer " TOKEN,
		"{\"pair\": \"gdp/plan\", \"until\": \"2030-01-01\"}"),
	    201, "{\"id\":\"" FAKE_ID "\"}");
	assert_string_equal(s->f.added_pair, "gdp/plan");
	assert_answer(ask(s, "POST", "/api/v1/admin/silences", "Bearer " TOKEN,
			  "{\"pair\": \"gdp/plan\"}"),
	    400, "expected");
	assert_answer(
	    ask(s, "DELETE", "/api/v1/admin/silences/00000000000000ff",
		"Bearer " TOKEN, NULL),
	    404, "no such silence");
	server_stop(s);
}

/* A configuration put in place on the loop thread, as a reload does. */
struct swap {
	struct fake *f;
	struct config *conf;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool done;
};

static void
swap_cb(evutil_socket_t fd, short what, void *arg)
{
	struct swap *sw = arg;

	(void)fd;
	(void)what;
	sw->f->conf = sw->conf;
	sw->f->generation++;
	pthread_mutex_lock(&sw->mu);
	sw->done = true;
	pthread_cond_signal(&sw->cv);
	pthread_mutex_unlock(&sw->mu);
}

static void
swap_config(struct server *s, struct config *conf)
{
	struct swap sw = {&s->f, conf, PTHREAD_MUTEX_INITIALIZER,
	    PTHREAD_COND_INITIALIZER, false};

	assert_int_equal(event_base_once(s->f.base, -1, EV_TIMEOUT, swap_cb,
			     &sw, &(struct timeval){0, 0}),
	    0);
	pthread_mutex_lock(&sw.mu);
	while (!sw.done)
		pthread_cond_wait(&sw.cv, &sw.mu);
	pthread_mutex_unlock(&sw.mu);
}

/*
 * A reload (a new generation) swaps the configuration: ids are looked up
 * in an index built again for it.
 */
static void
test_index_follows_reload(void **state)
{
	struct server *s = server_start(false);
	struct config *old = s->f.conf, *conf;

	(void)state;
	assert_answer(
	    ask(s, "GET", "/api/v1/indicators/coal_share", NULL, NULL), 200,
	    "Share of coal");
	conf = load_fixture("web_view.yaml");
	assert_non_null(conf);
	free(conf->indicators[1].id);
	conf->indicators[1].id = strdup("coal");
	swap_config(s, conf);
	assert_answer(
	    ask(s, "GET", "/api/v1/indicators/coal", NULL, NULL), 200, "coal");
	assert_answer(
	    ask(s, "GET", "/api/v1/indicators/coal_share", NULL, NULL), 404,
	    "no such indicator");
	config_free(old);
	server_stop(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_metrics_from_view),
	    cmocka_unit_test(test_read_routes),
	    cmocka_unit_test(test_admin_routes),
	    cmocka_unit_test(test_index_follows_reload),
	};
	int rc;

	evthread_use_pthreads();
	curl_global_init(CURL_GLOBAL_DEFAULT);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	curl_global_cleanup();
	return rc;
}

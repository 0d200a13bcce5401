/*
 * web: evhttp with a table of routes.  Every handler reads the runner's
 * state and answers at once; nothing here blocks (the chart is sent from
 * its file with evbuffer_add_file).  Hostile clients: only GET and HEAD,
 * ids checked against [a-z0-9_]{1,64} before any lookup (no path ever
 * comes from the request), headers and bodies capped by evhttp, errors as
 * JSON {"error": "..."}.  The listener and the connections are webconn's:
 * a cap, and a deadline for each request.
 */
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <jansson.h>

#include "chart.h"
#include "collstate.h"
#include "explain.h"
#include "fsutil.h"
#include "html.h"
#include "lifecycle.h"
#include "log.h"
#include "metrics.h"
#include "renderq.h"
#include "report.h"
#include "runner.h"
#include "silence.h"
#include "stored.h"
#include "web.h"
#include "webconn.h"
#include "worker.h"

#define WEB_HEADERS_MAX 8192
#define WEB_BODY_MAX 4096
#define WEB_ID_MAX 64

#define WEB_TOKEN_MAX 512
#define WEB_PAGE_TTL 60
/* Questions about what was known at a date under way at once: each reads
 * every journal on the storage worker. */
#define WEB_HISTORY_MAX 2

struct history_op;

struct web {
	struct runner *runner;
	struct evhttp *http;
	struct webconn *conns; /* the listener, the cap, the deadlines */
	char *token; /* the admin endpoints' bearer token, or NULL: off */
	/* The last dashboard built, for as long as nothing it shows changed
	 * (runner.version) and for at most WEB_PAGE_TTL seconds: building it
	 * takes 7 ms at 1,000 indicators, serving it again nothing. */
	struct {
		unsigned long version;
		time_t built;
		char *query; /* "" for none */
		struct shared_text *text; /* NULL: nothing kept */
	} page;
	struct history_op *history; /* under way; web_free detaches them */
	size_t nhistory;
};

/*
 * A page sent to many clients without a copy each (a 1,000-indicator
 * dashboard is about 1 MB): the evbuffers hold references, counted.
 * The loop is the only thread that touches it.
 */
struct shared_text {
	unsigned refs;
	size_t len;
	char *text;
};

static void
shared_release(const void *data, size_t len, void *arg)
{
	struct shared_text *t = arg;

	(void)data;
	(void)len;
	if (t != NULL && --t->refs == 0) {
		free(t->text);
		free(t);
	}
}

struct route {
	const char *prefix; /* the path, or its start for prefix routes */
	bool is_prefix;
	void (*fn)(struct web *, struct evhttp_request *, const char *rest);
	/* The method of an admin route (with the bearer token), or 0 for a
	 * read-only route (GET and HEAD). */
	enum evhttp_cmd_type admin;
};

static void
reply_text(
    struct evhttp_request *req, int code, const char *type, const char *text)
{
	struct evbuffer *b = evbuffer_new();

	evhttp_add_header(
	    evhttp_request_get_output_headers(req), "Content-Type", type);
	evbuffer_add(b, text, strlen(text));
	evhttp_send_reply(req, code, code == 200 ? "OK" : "Error", b);
	evbuffer_free(b);
}

static void
reply_error(struct evhttp_request *req, int code, const char *msg)
{
	json_t *o = json_pack("{s:s}", "error", msg);
	char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;

	reply_text(req, code, "application/json",
	    text ? text : "{\"error\":\"out of memory\"}");
	free(text);
	json_decref(o);
}

static void
reply_json(struct evhttp_request *req, json_t *doc)
{
	char *text = doc
	    ? json_dumps(doc, JSON_INDENT(1) | JSON_REAL_PRECISION(10))
	    : NULL;

	if (text == NULL) {
		reply_error(req, 500, "out of memory");
	} else {
		reply_text(req, 200, "application/json; charset=utf-8", text);
		free(text);
	}
	json_decref(doc);
}

/* True for a well-formed indicator id. */
static bool
id_valid(const char *s, size_t len)
{
	if (len == 0 || len > WEB_ID_MAX)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
			(s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return false;
	return true;
}

/* The index of indicator id (len bytes), or nindicators. */
static size_t
indicator_index(const struct runner *r, const char *id, size_t len)
{
	for (size_t i = 0; i < r->conf->nindicators; i++)
		if (strlen(r->conf->indicators[i].id) == len &&
		    memcmp(r->conf->indicators[i].id, id, len) == 0)
			return i;
	return r->conf->nindicators;
}

/* html_site's question: is target t of indicator i silenced? */
static time_t
silenced_until(const void *arg, size_t i, size_t t)
{
	const struct runner *r = arg;
	const struct indicator_conf *ic = &r->conf->indicators[i];
	const struct silence *s =
	    silences_match(&r->silences, ic->id, ic->targets[t].id, time(NULL));

	return s != NULL ? s->until : 0;
}

/*
 * What the pages show beyond the report: each indicator's feed and its
 * revisions (shallow copies, read on the loop, freed with web_site_free).
 */
static int
web_site(const struct runner *r, struct html_site *site)
{
	size_t n = r->conf->nindicators;
	struct html_feed *feeds = calloc(n + 1, sizeof(*feeds));
	struct obs_revisions *revs = calloc(n + 1, sizeof(*revs));

	if (feeds == NULL || revs == NULL) {
		free(feeds);
		free(revs);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		const struct indicator_conf *ic = &r->conf->indicators[i];
		const struct indicator_state *is = &r->inds[i];

		if (ic->derived == NULL)
			feeds[i].last_fetch =
			    r->colls[ic->collector_index].last_fetch;
		/* A damaged journal has a note of its own, not a feed's. */
		feeds[i].error = is->feed_error && is->journal_err == NULL;
		feeds[i].why = is->feed_err;
		feeds[i].journal_err = is->journal_err;
		feeds[i].storage_err = is->rrd_behind ? is->rrd_err : NULL;
		feeds[i].aside = is->rrd_aside;
		feeds[i].aside_at = is->rrd_aside_at;
		revs[i] = is->revs;
	}
	*site = (struct html_site){.feeds = feeds,
	    .revs = revs,
	    .silenced_until = silenced_until,
	    .arg = r};
	return 0;
}

static void
web_site_free(struct html_site *site)
{
	free((void *)site->feeds);
	free((void *)site->revs);
}

/* The runner's series and judgements as a report input. */
static int
report_input(const struct runner *r, struct report_input *in,
    struct obs_list **obs, const struct judgement ***j)
{
	size_t n = r->conf->nindicators;

	*obs = calloc(n + 1, sizeof(**obs));
	*j = calloc(n + 1, sizeof(**j));
	if (*obs == NULL || *j == NULL) {
		free(*obs);
		free(*j);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		(*obs)[i] = r->inds[i].obs; /* shallow: read, not owned */
		(*j)[i] = r->inds[i].j;
	}
	*in = (struct report_input){
	    .conf = r->conf, .obs = *obs, .j = *j, .at = time(NULL)};
	return 0;
}

/*
 * ?at=YYYY-MM-DD and ?known_at=YYYY-MM-DD (asof.h): 1 with *as when either
 * is given, 0 when neither (now), -1 with why naming the parameter.
 */
static int
asof_query(struct evhttp_request *req, struct asof *as, const char **why)
{
	const char *query =
	    evhttp_uri_get_query(evhttp_request_get_evhttp_uri(req));
	struct evkeyvalq params = {0};
	const char *a, *k;
	time_t at, known;
	int rc = 0;

	*why = NULL;
	if (query == NULL)
		return 0;
	if (evhttp_parse_query_str(query, &params) != 0) {
		*why = "bad query string";
		return -1;
	}
	a = evhttp_find_header(&params, "at");
	k = evhttp_find_header(&params, "known_at");
	if (a != NULL && asof_parse_day(a, &at) != 0)
		*why = "at: expected a date YYYY-MM-DD";
	else if (k != NULL && asof_parse_day(k, &known) != 0)
		*why = "known_at: expected a date YYYY-MM-DD";
	else if (a != NULL || k != NULL)
		rc = 1;
	if (rc == 1)
		*as = asof_make(time(NULL), a != NULL ? &at : NULL,
		    k != NULL ? &known : NULL);
	evhttp_clear_headers(&params);
	return *why != NULL ? -1 : rc;
}

/* The document of st as of as: the plan's (ind = nindicators) or one. */
static void
reply_stored(struct evhttp_request *req, const struct config *c,
    struct stored *st, const struct asof *as, size_t ind)
{
	struct report_input in = {.conf = c,
	    .obs = st->obs,
	    .j = (const struct judgement *const *)st->j,
	    .at = as->at,
	    .asof = as,
	    .later = as->known ? st->later : NULL};

	reply_json(req,
	    ind == c->nindicators ? report_json(&in)
				  : report_indicator_json(&in, ind, true));
}

/*
 * What was known at a date is in the journals (arrival times), not in
 * memory: they are read on the storage worker, their writer, and the
 * answer goes out from the loop when the job is done.
 */
struct history_op {
	struct history_op *next;
	struct web *web; /* NULL once the server is freed */
	struct runner *runner;
	struct evhttp_request *req;
	bool gone; /* the client closed the connection */
	struct asof as;
	size_t ind;
	struct stored st;
};

/* Worker thread. */
static void
history_run(void *arg)
{
	struct history_op *op = arg;

	/* A journal that does not load shows its good records, as the
	 * daemon does; it was logged at the start, not per question. */
	(void)stored_load_asof(op->runner->conf, &op->as, true, &op->st);
}

static void
history_gone(struct evhttp_connection *evcon, void *arg)
{
	struct history_op *op = arg;

	(void)evcon;
	op->gone = true;
}

/* Loop: the journals are read; the answer goes out. */
static void
history_done(void *arg)
{
	struct history_op *op = arg, **p;

	for (p = op->web ? &op->web->history : NULL; p && *p; p = &(*p)->next)
		if (*p == op) {
			*p = op->next;
			op->web->nhistory--;
			break;
		}
	if (!op->gone) {
		evhttp_connection_set_closecb(
		    evhttp_request_get_connection(op->req), NULL, NULL);
		if (op->st.obs == NULL || op->st.j == NULL)
			reply_error(op->req, 500, "out of memory");
		else
			reply_stored(op->req, op->runner->conf, &op->st,
			    &op->as, op->ind);
	}
	stored_free(&op->st);
	runner_check_idle(op->runner);
	free(op);
}

static void
history_start(struct web *w, struct evhttp_request *req, const struct asof *as,
    size_t ind)
{
	struct history_op *op;

	if (w->nhistory >= WEB_HISTORY_MAX) {
		evhttp_add_header(
		    evhttp_request_get_output_headers(req), "Retry-After", "1");
		reply_error(req, 503, "busy: known_at questions under way");
		return;
	}
	if ((op = calloc(1, sizeof(*op))) == NULL) {
		reply_error(req, 500, "out of memory");
		return;
	}
	*op = (struct history_op){.next = w->history,
	    .web = w,
	    .runner = w->runner,
	    .req = req,
	    .as = *as,
	    .ind = ind};
	if (worker_submit(w->runner->worker, history_run, history_done, op) !=
	    0) {
		free(op);
		reply_error(req, 503, "stopping");
		return;
	}
	w->history = op;
	w->nhistory++;
	evhttp_connection_set_closecb(
	    evhttp_request_get_connection(req), history_gone, op);
}

static const struct obs_list *
web_series(void *arg, size_t i)
{
	return &((const struct runner *)arg)->inds[i].obs;
}

/*
 * The API as of a date: from memory on the loop when only ?at= is given
 * (the periods ended by then, judged then), from the journals on the
 * worker when ?known_at= is.
 */
static void
web_history(
    struct web *w, struct evhttp_request *req, struct asof *as, size_t ind)
{
	const struct config *c = w->runner->conf;
	struct stored st = {0};

	if (as->known) {
		history_start(w, req, as, ind);
		return;
	}
	if (stored_copy_asof(c, web_series, w->runner, as, &st) != 0)
		reply_error(req, 500, "out of memory");
	else
		reply_stored(req, c, &st, as, ind);
	stored_free(&st);
}

static void
web_healthz(struct web *w, struct evhttp_request *req, const char *rest)
{
	(void)w;
	(void)rest;
	reply_text(req, 200, "text/plain", "ok\n");
}

static void
web_indicators(struct web *w, struct evhttp_request *req, const char *rest)
{
	struct report_input in;
	struct obs_list *obs;
	const struct judgement **j;
	struct asof as;
	const char *why;

	(void)rest;
	switch (asof_query(req, &as, &why)) {
	case -1:
		reply_error(req, 400, why);
		return;
	case 1:
		web_history(w, req, &as, w->runner->conf->nindicators);
		return;
	}
	if (report_input(w->runner, &in, &obs, &j) != 0) {
		reply_error(req, 500, "out of memory");
		return;
	}
	reply_json(req, report_json(&in));
	free(obs);
	free(j);
}

static void
web_indicator(struct web *w, struct evhttp_request *req, const char *id)
{
	struct runner *r = w->runner;
	struct report_input in;
	struct obs_list *obs;
	const struct judgement **j;
	struct asof as;
	const char *why;
	size_t i;

	if (!id_valid(id, strlen(id))) {
		reply_error(req, 400, "bad indicator id");
		return;
	}
	if ((i = indicator_index(r, id, strlen(id))) == r->conf->nindicators) {
		reply_error(req, 404, "no such indicator");
		return;
	}
	switch (asof_query(req, &as, &why)) {
	case -1:
		reply_error(req, 400, why);
		return;
	case 1:
		web_history(w, req, &as, i);
		return;
	}
	if (report_input(r, &in, &obs, &j) != 0) {
		reply_error(req, 500, "out of memory");
		return;
	}
	reply_json(req, report_indicator_json(&in, i, true));
	free(obs);
	free(j);
}

/* One pair of /api/v1/alerts. */
static json_t *
alert_json(const struct runner *r, size_t i, size_t t, enum status s)
{
	const struct indicator_conf *ic = &r->conf->indicators[i];
	const struct judgement *j = &r->inds[i].j[t];
	char sentence[1024];

	explain_judgement(ic, &ic->targets[t], j, r->conf->locale, sentence,
	    sizeof(sentence));
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "indicator", ic->id,
	    "target", ic->targets[t].id, "status", status_name(s), "severity",
	    severity_name(
		status_is_problem(s) ? status_severity(s) : SEVERITY_WARNING),
	    "explanation", sentence, "overdue",
	    r->inds[i].feed_error ? json_null() : report_overdue_json(j));
}

/*
 * The pairs whose status is a problem now, the worst first; then the
 * pairs whose status is no problem but whose data is overdue (a notice of
 * its own, not a status).
 */
static void
web_alerts(struct web *w, struct evhttp_request *req, const char *rest)
{
	const struct runner *r = w->runner;
	json_t *list = json_array();

	(void)rest;
	for (int st = 0; st <= STATUS_COUNT; st++) {
		for (size_t i = 0; i < r->conf->nindicators; i++) {
			const struct indicator_conf *ic =
			    &r->conf->indicators[i];

			for (size_t t = 0; t < ic->ntargets; t++) {
				enum status s = r->inds[i].feed_error
				    ? STATUS_FEED_ERROR
				    : r->inds[i].j[t].status;
				bool late = st == STATUS_COUNT &&
				    !status_is_problem(s) &&
				    r->inds[i].j[t].stale;

				if (!late &&
				    ((int)s != st || !status_is_problem(s)))
					continue;
				json_array_append_new(
				    list, alert_json(r, i, t, s));
			}
		}
	}
	reply_json(req, json_pack("{s:o}", "alerts", list));
}

/* Each collector's state, as state_dir/collectors.json holds it. */
/* planwatch status: collectors, queues, outbox. */
static void
web_status(struct web *w, struct evhttp_request *req, const char *rest)
{
	(void)rest;
	reply_json(req, collstate_status(w->runner));
}

static void
web_collectors(struct web *w, struct evhttp_request *req, const char *rest)
{
	char *text = collstate_dump(w->runner);

	(void)rest;
	if (text == NULL) {
		reply_error(req, 500, "out of memory");
		return;
	}
	reply_text(req, 200, "application/json; charset=utf-8", text);
	free(text);
}

static void
web_metrics(struct web *w, struct evhttp_request *req, const char *rest)
{
	struct evbuffer *b = evbuffer_new();
	struct webconn_counts conns;

	(void)rest;
	webconn_counts(w->conns, &conns);
	metrics_write(w->runner, &conns, b);
	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Type", "text/plain; version=0.0.4; charset=utf-8");
	evhttp_send_reply(req, 200, "OK", b);
	evbuffer_free(b);
}

/*
 * The view asked for by ?view= (plan when absent) and its size; w and h,
 * when given, must be the size that view is drawn at (graph_width and
 * graph_height; 160x40 for a sparkline).  NULL, or why not.
 */
static const char *
graph_query(
    const struct config *c, struct evhttp_request *req, enum graph_view *view)
{
	const char *query =
	    evhttp_uri_get_query(evhttp_request_get_evhttp_uri(req));
	struct evkeyvalq params = {0};
	const char *why = NULL, *v, *w, *h;
	long want_w, want_h;
	char buf[32];

	*view = GRAPH_PLAN;
	if (query == NULL)
		return NULL;
	if (evhttp_parse_query_str(query, &params) != 0)
		return "bad query string";
	v = evhttp_find_header(&params, "view");
	w = evhttp_find_header(&params, "w");
	h = evhttp_find_header(&params, "h");
	if (v != NULL && graph_view_parse(v, view) != 0)
		why = "view: expected plan, history or spark";
	want_w = *view == GRAPH_SPARK ? CHART_SPARK_WIDTH : c->graph_width;
	want_h = *view == GRAPH_SPARK ? CHART_SPARK_HEIGHT : c->graph_height;
	if (why == NULL && w != NULL &&
	    strcmp(w, (snprintf(buf, sizeof(buf), "%ld", want_w), buf)) != 0)
		why = "w: this view is drawn at another width "
		      "(graph_width in the configuration)";
	if (why == NULL && h != NULL &&
	    strcmp(h, (snprintf(buf, sizeof(buf), "%ld", want_h), buf)) != 0)
		why = "h: this view is drawn at another height "
		      "(graph_height in the configuration)";
	evhttp_clear_headers(&params);
	return why;
}

/* Sends a chart file, or 304 when the client has it. */
static void
web_graph(struct web *w, struct evhttp_request *req, const char *rest)
{
	struct runner *r = w->runner;
	struct evkeyvalq *out = evhttp_request_get_output_headers(req);
	const char *inm = evhttp_find_header(
	    evhttp_request_get_input_headers(req), "If-None-Match");
	size_t len = strlen(rest), i;
	char etag[64], date[64], path[4096], id[WEB_ID_MAX + 1], err[4200];
	enum graph_view view;
	const char *why;
	struct evbuffer *b;
	struct stat st;
	struct tm tm;
	int fd;

	if (len < 5 || strcmp(rest + len - 4, ".png") != 0 ||
	    !id_valid(rest, len - 4)) {
		reply_error(req, 400, "bad graph name: use /graph/<id>.png");
		return;
	}
	if ((why = graph_query(r->conf, req, &view)) != NULL) {
		reply_error(req, 400, why);
		return;
	}
	if ((i = indicator_index(r, rest, len - 4)) == r->conf->nindicators) {
		reply_error(req, 404, "no such indicator");
		return;
	}
	snprintf(id, sizeof(id), "%.*s", (int)(len - 4), rest);
	chart_path(r->conf->graph_dir, id, view, path, sizeof(path));
	/* Not through a link planted in graph_dir (it could name any file
	 * the daemon may read); a chart is always a regular file. */
	if ((fd = fsutil_open_own(path, O_RDONLY, err, sizeof(err))) < 0 ||
	    fstat(fd, &st) != 0) {
		if (fd >= 0)
			close(fd);
		reply_error(req, 404, "no chart yet");
		return;
	}
	snprintf(etag, sizeof(etag), "\"%llx-%llx-%llx\"",
	    (unsigned long long)st.st_mtim.tv_sec,
	    (unsigned long long)st.st_mtim.tv_nsec,
	    (unsigned long long)st.st_size);
	gmtime_r(&st.st_mtime, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT", &tm);
	evhttp_add_header(out, "ETag", etag);
	evhttp_add_header(out, "Last-Modified", date);
	evhttp_add_header(out, "Cache-Control", "max-age=60");
	if (inm != NULL && strcmp(inm, etag) == 0) {
		close(fd);
		evhttp_send_reply(req, 304, "Not Modified", NULL);
		return;
	}
	evhttp_add_header(out, "Content-Type", "image/png");
	b = evbuffer_new();
	evbuffer_add_file(b, fd, 0, st.st_size); /* takes fd */
	evhttp_send_reply(req, 200, "OK", b);
	evbuffer_free(b);
}

/* Sends what write() makes of the report as an HTML page. */
static void
reply_page(struct evhttp_request *req, const char *text, size_t len)
{
	struct evbuffer *b = evbuffer_new();

	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Type", "text/html; charset=utf-8");
	evbuffer_add(b, text, len);
	evhttp_send_reply(req, 200, "OK", b);
	evbuffer_free(b);
}

static void
reply_shared(struct evhttp_request *req, struct shared_text *t)
{
	struct evbuffer *b = evbuffer_new();

	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Type", "text/html; charset=utf-8");
	t->refs++;
	if (evbuffer_add_reference(b, t->text, t->len, shared_release, t) != 0)
		t->refs--;
	evhttp_send_reply(req, 200, "OK", b);
	evbuffer_free(b);
}

/* Drops the kept dashboard (sent copies live on). */
static void
page_drop(struct web *w)
{
	shared_release(NULL, 0, w->page.text);
	w->page.text = NULL;
	free(w->page.query);
	w->page.query = NULL;
}

/* Keeps text (taken on success) as the dashboard for query; 0 or -1. */
static int
page_keep(struct web *w, const char *query, char *text, size_t len)
{
	struct shared_text *t = malloc(sizeof(*t));
	char *q = strdup(query ? query : "");

	if (t == NULL || q == NULL) {
		free(t);
		free(q);
		return -1;
	}
	page_drop(w);
	*t = (struct shared_text){1, len, text};
	w->page.text = t;
	w->page.query = q;
	w->page.version = w->runner->version;
	w->page.built = time(NULL);
	return 0;
}

static void
web_dashboard(struct web *w, struct evhttp_request *req, const char *rest)
{
	const char *query =
	    evhttp_uri_get_query(evhttp_request_get_evhttp_uri(req));
	struct evkeyvalq params = {0};
	struct html_filter f = {NULL, NULL, false};
	struct report_input in;
	struct obs_list *obs;
	const struct judgement **j;
	struct html_site site;
	char *text = NULL;
	size_t len = 0;
	FILE *mem;

	(void)rest;
	runner_silences_refresh(w->runner); /* the CLI may have changed them */
	if (w->page.text != NULL && w->page.version == w->runner->version &&
	    time(NULL) - w->page.built < WEB_PAGE_TTL &&
	    strcmp(w->page.query, query ? query : "") == 0) {
		reply_shared(req, w->page.text);
		return;
	}
	if (query != NULL && evhttp_parse_query_str(query, &params) == 0) {
		f.status = evhttp_find_header(&params, "status");
		f.owner = evhttp_find_header(&params, "owner");
		f.overdue = evhttp_find_header(&params, "overdue") != NULL;
	}
	if (web_site(w->runner, &site) != 0) {
		reply_error(req, 500, "out of memory");
	} else if (report_input(w->runner, &in, &obs, &j) != 0 ||
	    (mem = open_memstream(&text, &len)) == NULL) {
		reply_error(req, 500, "out of memory");
		web_site_free(&site);
	} else {
		int rc = html_dashboard(&in, &site, &f, mem);

		if (fclose(mem) != 0 || rc != 0) {
			reply_error(req, 500, "out of memory");
		} else if (page_keep(w, query, text, len) == 0) {
			reply_shared(req, w->page.text);
			text = NULL;
		} else {
			reply_page(req, text, len);
		}
		free(obs);
		free(j);
		web_site_free(&site);
	}
	free(text);
	evhttp_clear_headers(&params);
}

static void
web_indicator_page(struct web *w, struct evhttp_request *req, const char *id)
{
	struct runner *r = w->runner;
	struct report_input in;
	struct obs_list *obs;
	const struct judgement **j;
	struct html_site site;
	char *text = NULL;
	size_t len = 0, i;
	FILE *mem;

	if (!id_valid(id, strlen(id))) {
		reply_error(req, 400, "bad indicator id");
		return;
	}
	if ((i = indicator_index(r, id, strlen(id))) == r->conf->nindicators) {
		reply_error(req, 404, "no such indicator");
		return;
	}
	if (web_site(r, &site) != 0) {
		reply_error(req, 500, "out of memory");
		return;
	}
	if (report_input(r, &in, &obs, &j) != 0 ||
	    (mem = open_memstream(&text, &len)) == NULL) {
		reply_error(req, 500, "out of memory");
		web_site_free(&site);
		return;
	}
	if ((html_indicator(&in, &site, i, mem) != 0) | (fclose(mem) != 0))
		reply_error(req, 500, "out of memory");
	else
		reply_page(req, text, len);
	free(text);
	free(obs);
	free(j);
	web_site_free(&site);
}

/* POST /api/v1/admin/reload: as SIGHUP, once the runner is idle. */
static void
web_admin_reload(struct web *w, struct evhttp_request *req, const char *rest)
{
	(void)rest;
	log_info("http: reload requested");
	w->runner->reload_wanted = true;
	runner_check_idle(w->runner);
	reply_text(
	    req, 202, "application/json", "{\"status\":\"reload requested\"}");
}

/* POST /api/v1/admin/render: every chart drawn again, off the loop. */
static void
web_admin_render(struct web *w, struct evhttp_request *req, const char *rest)
{
	(void)rest;
	log_info("http: every chart to be drawn again");
	renderq_request_all(w->runner, false);
	reply_text(
	    req, 202, "application/json", "{\"status\":\"render requested\"}");
}

/* GET /api/v1/silences: every silence, ended ones too. */
static void
web_silences(struct web *w, struct evhttp_request *req, const char *rest)
{
	json_t *list;

	(void)rest;
	runner_silences_refresh(w->runner);
	list = silences_json(&w->runner->silences, time(NULL));
	reply_json(req, list ? json_pack("{s:o}", "silences", list) : NULL);
}

/*
 * A change of the silences asked over HTTP.  Writing the file (fsync,
 * rename) is disk work, so it runs on the worker and the answer is sent
 * when it is done; if the client leaves meanwhile (evhttp then frees the
 * request) the connection's close callback marks it gone.
 */
struct silence_op {
	struct runner *runner;
	struct evhttp_request *req;
	bool gone; /* the connection closed: req is freed */
	bool add; /* else remove id */
	json_t *body; /* add: the request's JSON */
	char id[17];
	int rc;
	char err[512];
};

static int
silence_add_change(struct silences *s, void *arg, char *err, size_t errlen)
{
	struct silence_op *op = arg;
	const char *pair = json_string_value(json_object_get(op->body, "pair"));
	const char *until =
	    json_string_value(json_object_get(op->body, "until"));

	if (pair == NULL || until == NULL) {
		snprintf(err, errlen,
		    "expected {\"pair\": \"<indicator>[/<target>]\", "
		    "\"until\": \"YYYY-MM-DD\", \"reason\": ..., \"by\": ...}");
		return -1;
	}
	return silences_add_checked(s, op->runner->conf, pair, until,
	    json_string_value(json_object_get(op->body, "reason")),
	    json_string_value(json_object_get(op->body, "by")), time(NULL),
	    op->id, err, errlen);
}

static int
silence_remove_change(struct silences *s, void *arg, char *err, size_t errlen)
{
	struct silence_op *op = arg;

	if (silences_remove(s, op->id) == 0)
		return 0;
	snprintf(err, errlen, "no such silence");
	return -1;
}

/* Worker thread. */
static void
silence_op_run(void *arg)
{
	struct silence_op *op = arg;

	op->rc = silences_update(op->runner->conf->state_dir,
	    op->add ? silence_add_change : silence_remove_change, op, op->err,
	    sizeof(op->err));
}

static void
silence_op_gone(struct evhttp_connection *evcon, void *arg)
{
	struct silence_op *op = arg;

	(void)evcon;
	op->gone = true;
}

/* Loop: the change is written (or refused); the answer goes out. */
static void
silence_op_done(void *arg)
{
	struct silence_op *op = arg;
	char text[64];

	if (op->rc == 0) {
		log_info("http: silence %s %s", op->id,
		    op->add ? "added" : "removed");
		runner_silences_refresh(op->runner);
	}
	if (!op->gone) {
		evhttp_connection_set_closecb(
		    evhttp_request_get_connection(op->req), NULL, NULL);
		if (op->rc == 0 && op->add) {
			snprintf(text, sizeof(text), "{\"id\":\"%s\"}", op->id);
			reply_text(op->req, 201, "application/json", text);
		} else if (op->rc == 0) {
			reply_text(op->req, 200, "application/json",
			    "{\"status\":\"removed\"}");
		} else {
			reply_error(op->req,
			    strncmp(op->err, "busy", 4) == 0              ? 503
				: strcmp(op->err, "no such silence") == 0 ? 404
									  : 400,
			    op->err);
		}
	}
	json_decref(op->body);
	free(op);
}

static void
silence_op_start(
    struct web *w, struct evhttp_request *req, struct silence_op *op)
{
	op->runner = w->runner;
	op->req = req;
	if (worker_submit(
		w->runner->worker, silence_op_run, silence_op_done, op) != 0) {
		json_decref(op->body);
		free(op);
		reply_error(req, 503, "stopping");
		return;
	}
	evhttp_connection_set_closecb(
	    evhttp_request_get_connection(req), silence_op_gone, op);
}

/* POST /api/v1/admin/silences with a JSON body. */
static void
web_admin_silence_add(
    struct web *w, struct evhttp_request *req, const char *rest)
{
	struct evbuffer *in = evhttp_request_get_input_buffer(req);
	size_t len = evbuffer_get_length(in);
	struct silence_op *op = calloc(1, sizeof(*op));
	json_error_t jerr;

	(void)rest;
	if (op == NULL) {
		reply_error(req, 500, "out of memory");
		return;
	}
	op->add = true;
	op->body = json_loadb((const char *)evbuffer_pullup(in, (ssize_t)len),
	    len, JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(op->body)) {
		json_decref(op->body);
		free(op);
		reply_error(req, 400, "the body must be a JSON object");
		return;
	}
	silence_op_start(w, req, op);
}

/* DELETE /api/v1/admin/silences/<id>. */
static void
web_admin_silence_remove(
    struct web *w, struct evhttp_request *req, const char *id)
{
	struct silence_op *op;

	if (strlen(id) != 16 || strspn(id, "0123456789abcdef") != 16) {
		reply_error(req, 400, "bad silence id");
		return;
	}
	if ((op = calloc(1, sizeof(*op))) == NULL) {
		reply_error(req, 500, "out of memory");
		return;
	}
	memcpy(op->id, id, 17);
	silence_op_start(w, req, op);
}

static const struct route routes[] = {
    {"/", false, web_dashboard, 0},
    {"/indicator/", true, web_indicator_page, 0},
    {"/healthz", false, web_healthz, 0},
    {"/api/v1/indicators", false, web_indicators, 0},
    {"/api/v1/alerts", false, web_alerts, 0},
    {"/api/v1/collectors", false, web_collectors, 0},
    {"/api/v1/status", false, web_status, 0},
    {"/api/v1/silences", false, web_silences, 0},
    {"/api/v1/indicators/", true, web_indicator, 0},
    {"/metrics", false, web_metrics, 0},
    {"/graph/", true, web_graph, 0},
    {"/api/v1/admin/reload", false, web_admin_reload, EVHTTP_REQ_POST},
    {"/api/v1/admin/render", false, web_admin_render, EVHTTP_REQ_POST},
    {"/api/v1/admin/silences", false, web_admin_silence_add, EVHTTP_REQ_POST},
    {"/api/v1/admin/silences/", true, web_admin_silence_remove,
	EVHTTP_REQ_DELETE},
};

/* Compares without an early exit: the time says nothing of the token. */
static bool
token_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned char diff = la != lb;

	for (size_t i = 0; i < la; i++)
		diff |= (unsigned char)(a[i] ^ b[i % (lb ? lb : 1)]);
	return diff == 0;
}

/* The admin routes' gate; true when the request may go on. */
static bool
admin_allowed(
    struct web *w, struct evhttp_request *req, enum evhttp_cmd_type method)
{
	const char *auth = evhttp_find_header(
	    evhttp_request_get_input_headers(req), "Authorization");

	if (evhttp_request_get_command(req) != method) {
		reply_error(req, 405,
		    method == EVHTTP_REQ_DELETE
			? "this admin endpoint takes DELETE"
			: "this admin endpoint takes POST");
		return false;
	}
	if (w->token == NULL) {
		reply_error(
		    req, 403, "admin endpoints are off: set admin_token_file");
		return false;
	}
	if (auth == NULL || strncmp(auth, "Bearer ", 7) != 0) {
		evhttp_add_header(evhttp_request_get_output_headers(req),
		    "WWW-Authenticate", "Bearer realm=\"planwatch\"");
		reply_error(req, 401, "needs Authorization: Bearer <token>");
		return false;
	}
	if (!token_equal(auth + 7, w->token)) {
		log_warn("http: admin request with a wrong token");
		reply_error(req, 403, "wrong token");
		return false;
	}
	return true;
}

static void
web_cb(struct evhttp_request *req, void *arg)
{
	struct web *w = arg;
	const char *path =
	    evhttp_uri_get_path(evhttp_request_get_evhttp_uri(req));
	enum evhttp_cmd_type cmd = evhttp_request_get_command(req);

	webconn_request(w->conns, req);
	for (size_t i = 0;
	     path != NULL && i < sizeof(routes) / sizeof(routes[0]); i++) {
		size_t n = strlen(routes[i].prefix);

		if (!(routes[i].is_prefix
			    ? strncmp(path, routes[i].prefix, n) == 0
			    : strcmp(path, routes[i].prefix) == 0))
			continue;
		if (routes[i].admin) {
			if (admin_allowed(w, req, routes[i].admin))
				routes[i].fn(w, req, path + n);
		} else if (cmd != EVHTTP_REQ_GET && cmd != EVHTTP_REQ_HEAD) {
			reply_error(req, 405, "read-only: GET and HEAD only");
		} else {
			routes[i].fn(w, req, path + n);
		}
		return;
	}
	if (cmd != EVHTTP_REQ_GET && cmd != EVHTTP_REQ_HEAD) {
		reply_error(req, 405, "read-only: GET and HEAD only");
		return;
	}
	reply_error(req, 404, "no such page");
}

/*
 * The admin token: the file's first line.  A file others can read is
 * refused: anyone who reads it can reload the daemon.
 */
char *
web_token_read(const char *path, uid_t user, char *err, size_t errlen)
{
	size_t len;
	char *buf;

	if (fsutil_check_private("admin_token_file", path, user, err, errlen) !=
	    0)
		return NULL;
	if (fsutil_read_capped(path, WEB_TOKEN_MAX, &buf, &len, err, errlen) !=
	    0)
		return NULL;
	buf[strcspn(buf, "\r\n")] = '\0';
	if (strlen(buf) < 16) {
		snprintf(err, errlen,
		    "admin_token_file %s: the token needs 16 characters or "
		    "more",
		    path);
		free(buf);
		return NULL;
	}
	return buf;
}

/* Splits "host:port" into host and port. */
static int
split_addr(const char *addr, char *host, size_t hostlen, int *port)
{
	const char *colon = strrchr(addr, ':');
	char *end;
	long p;

	if (colon == NULL || (size_t)(colon - addr) >= hostlen)
		return -1;
	p = strtol(colon + 1, &end, 10);
	if (*end != '\0' || p < 0 || p > 65535)
		return -1;
	snprintf(host, hostlen, "%.*s", (int)(colon - addr), addr);
	*port = (int)p;
	return 0;
}

/*
 * The most connections at once.  Each holds descriptors (its socket, a
 * chart file while one is sent); past the process's limit accept()
 * fails, and so does every journal write, outbox entry and fetch.  So
 * the server takes only what is left once the rest of the daemon's share
 * is kept: for each transfer (max_transfers: fetches, SMTP, webhooks) its
 * socket and the resolver's socket pair, and 64 for the loop, the log,
 * the lock, the workers' files (journals, archives, charts, the outbox)
 * and exec's pipes.
 */
static size_t
web_cap(const struct config *c)
{
	long reserve = 3 * c->max_transfers + 64, nofile = LONG_MAX;
	struct rlimit rl;
	size_t cap;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
	    rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < (rlim_t)LONG_MAX)
		nofile = (long)rl.rlim_cur;
	cap = webconn_cap(c->http_max_connections, nofile, reserve);
	if (cap < (size_t)c->http_max_connections)
		log_warn("http: at most %zu connections at once, not %ld: %ld "
			 "descriptors less %ld kept for transfers and files, "
			 "%d a connection (raise LimitNOFILE)",
		    cap, c->http_max_connections, nofile, reserve,
		    WEBCONN_FDS_PER_CONN);
	return cap;
}

struct web *
web_new(struct runner *r, const char *addr, char *err, size_t errlen)
{
	struct web *w = calloc(1, sizeof(*w));
	const struct config *c = r->conf;
	char host[256], why[256];
	size_t cap;
	int port;

	if (w == NULL || split_addr(addr, host, sizeof(host), &port) != 0) {
		snprintf(err, errlen, "listen %s: expected host:port", addr);
		free(w);
		return NULL;
	}
	w->runner = r;
	if (c->admin_token_file != NULL &&
	    (w->token = web_token_read(c->admin_token_file,
		 lifecycle_run_uid(c->user), err, errlen)) == NULL) {
		web_free(w);
		return NULL;
	}
	cap = web_cap(c);
	if ((w->http = evhttp_new(r->base)) == NULL ||
	    (w->conns = webconn_new(w->http, r->base, host, port, cap,
		 c->http_header_timeout, why, sizeof(why))) == NULL) {
		snprintf(err, errlen, "listen %s: %s", addr,
		    w->http ? why : "out of memory");
		web_free(w);
		return NULL;
	}
	evhttp_set_max_headers_size(w->http, WEB_HEADERS_MAX);
	evhttp_set_max_body_size(w->http, WEB_BODY_MAX);
	/* Idle keep-alive and stalled replies; a request that trickles in
	 * is cut by webconn's header deadline, which a byte does not reset. */
	evhttp_set_timeout(w->http, 30);
	evhttp_set_allowed_methods(w->http,
	    EVHTTP_REQ_GET | EVHTTP_REQ_HEAD | EVHTTP_REQ_POST |
		EVHTTP_REQ_PUT | EVHTTP_REQ_DELETE);
	evhttp_set_gencb(w->http, web_cb, w);
	log_info("http: listening on %s:%d (at most %zu connections, %g s "
		 "for a request)",
	    host, webconn_port(w->conns), cap, c->http_header_timeout);
	return w;
}

int
web_port(const struct web *w)
{
	return webconn_port(w->conns);
}

void
web_free(struct web *w)
{
	if (w == NULL)
		return;
	/* evhttp first: it frees the listener and lets go of each
	 * connection, which webconn then closes. */
	if (w->http != NULL)
		evhttp_free(w->http);
	webconn_free(w->conns);
	if (w->token != NULL)
		memset(w->token, 0, strlen(w->token));
	free(w->token);
	page_drop(w);
	/* Questions still on the worker end without the server: their
	 * requests went with it. */
	for (struct history_op *op = w->history; op != NULL; op = op->next) {
		op->web = NULL;
		op->gone = true;
	}
	free(w);
}

/*
 * web: evhttp with a table of routes.  Every handler reads the runner's
 * state and answers at once; nothing here blocks (the chart is sent from
 * its file with evbuffer_add_file).  Hostile clients: only GET and HEAD,
 * ids checked against [a-z0-9_]{1,64} before any lookup (no path ever
 * comes from the request), headers and bodies capped by evhttp, errors as
 * JSON {"error": "..."}.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <jansson.h>

#include "collstate.h"
#include "explain.h"
#include "html.h"
#include "log.h"
#include "report.h"
#include "runner.h"
#include "web.h"

#define WEB_HEADERS_MAX 8192
#define WEB_BODY_MAX 4096
#define WEB_ID_MAX 64

struct web {
	struct runner *runner;
	struct evhttp *http;
	int port;
};

struct route {
	const char *prefix; /* the path, or its start for prefix routes */
	bool is_prefix;
	void (*fn)(struct web *, struct evhttp_request *, const char *rest);
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
	*in = (struct report_input){r->conf, *obs, *j, time(NULL)};
	return 0;
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

	(void)rest;
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
	size_t i;

	if (!id_valid(id, strlen(id))) {
		reply_error(req, 400, "bad indicator id");
		return;
	}
	if ((i = indicator_index(r, id, strlen(id))) == r->conf->nindicators) {
		reply_error(req, 404, "no such indicator");
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

/* The pairs whose status is a problem now, the worst first. */
static void
web_alerts(struct web *w, struct evhttp_request *req, const char *rest)
{
	const struct runner *r = w->runner;
	json_t *list = json_array();
	char sentence[1024];

	(void)rest;
	for (int st = 0; st < STATUS_COUNT; st++) {
		for (size_t i = 0; i < r->conf->nindicators; i++) {
			const struct indicator_conf *ic =
			    &r->conf->indicators[i];

			for (size_t t = 0; t < ic->ntargets; t++) {
				const struct judgement *j = &r->inds[i].j[t];
				enum status s = r->inds[i].feed_error
				    ? STATUS_FEED_ERROR
				    : j->status;

				if ((int)s != st || !status_is_problem(s))
					continue;
				explain_judgement(ic, &ic->targets[t], j,
				    r->conf->locale, sentence,
				    sizeof(sentence));
				json_array_append_new(list,
				    json_pack("{s:s, s:s, s:s, s:s, s:s}",
					"indicator", ic->id, "target",
					ic->targets[t].id, "status",
					status_name(s), "severity",
					severity_name(status_severity(s)),
					"explanation", sentence));
			}
		}
	}
	reply_json(req, json_pack("{s:o}", "alerts", list));
}

/* Each collector's state, as state_dir/collectors.json holds it. */
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

/* Prometheus label values: escape backslash, quote and newline. */
static void
label(struct evbuffer *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == '"')
			evbuffer_add_printf(b, "\\%c", *s);
		else if (*s == '\n')
			evbuffer_add(b, "\\n", 2);
		else
			evbuffer_add(b, s, 1);
	}
}

static void
metrics_targets(const struct runner *r, struct evbuffer *b)
{
	evbuffer_add_printf(b,
	    "# HELP planwatch_target_status 1 for the status of each target\n"
	    "# TYPE planwatch_target_status gauge\n");
	for (size_t i = 0; i < r->conf->nindicators; i++) {
		const struct indicator_conf *ic = &r->conf->indicators[i];

		for (size_t t = 0; t < ic->ntargets; t++) {
			const struct judgement *j = &r->inds[i].j[t];

			evbuffer_add_printf(
			    b, "planwatch_target_status{indicator=\"");
			label(b, ic->id);
			evbuffer_add_printf(b, "\",target=\"");
			label(b, ic->targets[t].id);
			evbuffer_add_printf(b, "\",status=\"%s\"} 1\n",
			    status_name(r->inds[i].feed_error
				    ? STATUS_FEED_ERROR
				    : j->status));
			if (isfinite(j->ratio)) {
				evbuffer_add_printf(
				    b, "planwatch_target_ratio{indicator=\"");
				label(b, ic->id);
				evbuffer_add_printf(b, "\",target=\"");
				label(b, ic->targets[t].id);
				evbuffer_add_printf(b, "\"} %.10g\n", j->ratio);
			}
		}
	}
}

static void
metrics_values(const struct runner *r, struct evbuffer *b)
{
	evbuffer_add_printf(b,
	    "# HELP planwatch_indicator_value latest stored value\n"
	    "# TYPE planwatch_indicator_value gauge\n");
	for (size_t i = 0; i < r->conf->nindicators; i++) {
		const struct obs_list *o = &r->inds[i].obs;

		if (o->n == 0)
			continue;
		evbuffer_add_printf(
		    b, "planwatch_indicator_value{indicator=\"");
		label(b, r->conf->indicators[i].id);
		evbuffer_add_printf(b, "\"} %.17g\n", o->v[o->n - 1].value);
	}
}

static void
metrics_collectors(const struct runner *r, struct evbuffer *b)
{
	evbuffer_add_printf(b,
	    "# HELP planwatch_collector_failures failed transfers in a row\n"
	    "# TYPE planwatch_collector_failures gauge\n");
	for (size_t i = 0; i < r->conf->ncollectors; i++) {
		const struct collector_state *cs = &r->colls[i];

		evbuffer_add_printf(
		    b, "planwatch_collector_failures{collector=\"");
		label(b, cs->conf->id);
		evbuffer_add_printf(b, "\"} %u\n", cs->failures);
		evbuffer_add_printf(
		    b, "planwatch_collector_last_success_seconds{collector=\"");
		label(b, cs->conf->id);
		evbuffer_add_printf(
		    b, "\"} %lld\n", (long long)cs->last_success);
	}
}

static void
web_metrics(struct web *w, struct evhttp_request *req, const char *rest)
{
	struct evbuffer *b = evbuffer_new();
	long pages = 0, rss = 0;
	FILE *f;

	(void)rest;
	metrics_values(w->runner, b);
	metrics_targets(w->runner, b);
	metrics_collectors(w->runner, b);
	if ((f = fopen("/proc/self/statm", "r")) != NULL) {
		if (fscanf(f, "%ld %ld", &pages, &rss) != 2)
			rss = 0;
		fclose(f);
	}
	evbuffer_add_printf(b,
	    "# TYPE process_resident_memory_bytes gauge\n"
	    "process_resident_memory_bytes %ld\n",
	    rss * sysconf(_SC_PAGESIZE));
	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Type", "text/plain; version=0.0.4; charset=utf-8");
	evhttp_send_reply(req, 200, "OK", b);
	evbuffer_free(b);
}

/* Sends the chart file of indicator id, or 304 when the client has it. */
static void
web_graph(struct web *w, struct evhttp_request *req, const char *rest)
{
	struct runner *r = w->runner;
	struct evkeyvalq *out = evhttp_request_get_output_headers(req);
	const char *inm = evhttp_find_header(
	    evhttp_request_get_input_headers(req), "If-None-Match");
	size_t len = strlen(rest), i;
	char etag[64], date[64];
	struct evbuffer *b;
	struct stat st;
	struct tm tm;
	int fd;

	if (len < 5 || strcmp(rest + len - 4, ".png") != 0 ||
	    !id_valid(rest, len - 4)) {
		reply_error(req, 400, "bad graph name: use /graph/<id>.png");
		return;
	}
	if ((i = indicator_index(r, rest, len - 4)) == r->conf->nindicators) {
		reply_error(req, 404, "no such indicator");
		return;
	}
	if ((fd = open(r->inds[i].png_path, O_RDONLY | O_CLOEXEC)) < 0 ||
	    fstat(fd, &st) != 0) {
		if (fd >= 0)
			close(fd);
		reply_error(req, 404, "no chart yet");
		return;
	}
	snprintf(etag, sizeof(etag), "\"%llx-%llx\"",
	    (unsigned long long)st.st_mtime, (unsigned long long)st.st_size);
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
web_dashboard(struct web *w, struct evhttp_request *req, const char *rest)
{
	const char *query =
	    evhttp_uri_get_query(evhttp_request_get_evhttp_uri(req));
	struct evkeyvalq params = {0};
	struct html_filter f = {NULL, NULL};
	struct report_input in;
	struct obs_list *obs;
	const struct judgement **j;
	char *text = NULL;
	size_t len = 0;
	FILE *mem;

	(void)rest;
	if (query != NULL && evhttp_parse_query_str(query, &params) == 0) {
		f.status = evhttp_find_header(&params, "status");
		f.owner = evhttp_find_header(&params, "owner");
	}
	if (report_input(w->runner, &in, &obs, &j) != 0 ||
	    (mem = open_memstream(&text, &len)) == NULL) {
		reply_error(req, 500, "out of memory");
	} else {
		int rc = html_dashboard(&in, &f, mem);

		if (fclose(mem) != 0 || rc != 0)
			reply_error(req, 500, "out of memory");
		else
			reply_page(req, text, len);
		free(obs);
		free(j);
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
	if (report_input(r, &in, &obs, &j) != 0 ||
	    (mem = open_memstream(&text, &len)) == NULL) {
		reply_error(req, 500, "out of memory");
		return;
	}
	if ((html_indicator(&in, i, mem) != 0) | (fclose(mem) != 0))
		reply_error(req, 500, "out of memory");
	else
		reply_page(req, text, len);
	free(text);
	free(obs);
	free(j);
}

static const struct route routes[] = {
    {"/", false, web_dashboard},
    {"/indicator/", true, web_indicator_page},
    {"/healthz", false, web_healthz},
    {"/api/v1/indicators", false, web_indicators},
    {"/api/v1/alerts", false, web_alerts},
    {"/api/v1/collectors", false, web_collectors},
    {"/api/v1/indicators/", true, web_indicator},
    {"/metrics", false, web_metrics},
    {"/graph/", true, web_graph},
};

static void
web_cb(struct evhttp_request *req, void *arg)
{
	struct web *w = arg;
	const char *path =
	    evhttp_uri_get_path(evhttp_request_get_evhttp_uri(req));
	enum evhttp_cmd_type cmd = evhttp_request_get_command(req);

	if (cmd != EVHTTP_REQ_GET && cmd != EVHTTP_REQ_HEAD) {
		reply_error(req, 405, "read-only: GET and HEAD only");
		return;
	}
	for (size_t i = 0;
	     path != NULL && i < sizeof(routes) / sizeof(routes[0]); i++) {
		size_t n = strlen(routes[i].prefix);

		if (routes[i].is_prefix
			? strncmp(path, routes[i].prefix, n) == 0
			: strcmp(path, routes[i].prefix) == 0) {
			routes[i].fn(w, req, path + n);
			return;
		}
	}
	reply_error(req, 404, "no such page");
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

struct web *
web_new(struct runner *r, const char *addr, char *err, size_t errlen)
{
	struct web *w = calloc(1, sizeof(*w));
	struct evhttp_bound_socket *sock;
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	char host[256];
	int port;

	if (w == NULL || split_addr(addr, host, sizeof(host), &port) != 0) {
		snprintf(err, errlen, "listen %s: expected host:port", addr);
		free(w);
		return NULL;
	}
	w->runner = r;
	if ((w->http = evhttp_new(r->base)) == NULL ||
	    (sock = evhttp_bind_socket_with_handle(
		 w->http, host, (ev_uint16_t)port)) == NULL) {
		snprintf(err, errlen, "listen %s: %s", addr, strerror(errno));
		web_free(w);
		return NULL;
	}
	evhttp_set_max_headers_size(w->http, WEB_HEADERS_MAX);
	evhttp_set_max_body_size(w->http, WEB_BODY_MAX);
	evhttp_set_timeout(w->http, 30);
	evhttp_set_allowed_methods(w->http,
	    EVHTTP_REQ_GET | EVHTTP_REQ_HEAD | EVHTTP_REQ_POST |
		EVHTTP_REQ_PUT | EVHTTP_REQ_DELETE);
	evhttp_set_gencb(w->http, web_cb, w);
	if (getsockname(evhttp_bound_socket_get_fd(sock),
		(struct sockaddr *)&ss, &sl) == 0)
		w->port = ntohs(ss.ss_family == AF_INET6
			? ((struct sockaddr_in6 *)&ss)->sin6_port
			: ((struct sockaddr_in *)&ss)->sin_port);
	log_info("http: listening on %s:%d", host, w->port);
	return w;
}

int
web_port(const struct web *w)
{
	return w->port;
}

void
web_free(struct web *w)
{
	if (w == NULL)
		return;
	if (w->http != NULL)
		evhttp_free(w->http);
	free(w);
}

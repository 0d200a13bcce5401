/*
 * web_report: POST /api/v1/admin/reports, the plan office's documents
 * from the admin API (docs/reports.md).  The ask is read from the query
 * string or a JSON body ({"kind": "annual", "year": 2023, "lang": "en",
 * "format": "pdf"}) and checked on the loop; a bad one is a 400 naming
 * the field.  Making the document reads every journal and, for a PDF,
 * lays out pages and charts for seconds: it runs as a job on the worker
 * (job_submit), and the reply is sent from the loop when the job is
 * done.  A client that leaves meanwhile: when evhttp sees the close
 * (it frees the request then), the connection's close callback marks
 * the ask gone and nothing is sent; evhttp 2.1 may see it only when the
 * reply is written, and then drops the reply and the connection itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <jansson.h>

#include "config_text.h"
#include "evaldoc_file.h"
#include "log.h"
#include "web_impl.h"

/* Documents asked and not yet answered: each holds the worker (the
 * journals' writer) for seconds, so a flood of asks waits its turn. */
#define WEB_REPORTS_MAX 2

struct report_op {
	struct webview view;
	const struct config *conf; /* a reload waits for the worker */
	struct evhttp_request *req;
	bool gone; /* the connection closed: req is freed */
	struct evaldoc_ask ask;
	struct buf file;
	char name[96];
	int rc;
	char err[512];
};

static int reports_running;

/* One field of the ask: the query's, else the body's (a string or, for
 * the year, a number written into num). */
static const char *
ask_field(struct evkeyvalq *query, json_t *body, const char *key, char *num,
    size_t numlen)
{
	const char *v = evhttp_find_header(query, key);
	json_t *j = json_object_get(body, key);

	if (v != NULL)
		return v;
	if (json_is_integer(j)) {
		snprintf(num, numlen, "%lld", (long long)json_integer_value(j));
		return num;
	}
	return json_is_string(j) ? json_string_value(j) : j != NULL ? "" : NULL;
}

/* The year field into *year (0: none); -1 when not a year. */
static int
ask_year(const char *s, int *year)
{
	char *end;
	long y;

	*year = 0;
	if (s == NULL)
		return 0;
	y = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || y < 1900 || y > 9999)
		return -1;
	*year = (int)y;
	return 0;
}

/* The ask of query and body into *ask; -1 with err naming the field. */
static int
ask_parse(struct evkeyvalq *query, json_t *body, struct evaldoc_ask *ask,
    char *err, size_t errlen)
{
	char num[32];
	const char *kind = ask_field(query, body, "kind", num, sizeof(num));
	const char *year = ask_field(query, body, "year", num, sizeof(num));
	const char *lang = ask_field(query, body, "lang", num, sizeof(num));
	const char *format = ask_field(query, body, "format", num, sizeof(num));
	enum locale loc;

	*ask = (struct evaldoc_ask){.format = EVALDOC_FORMAT_PDF};
	if (kind == NULL || evaldoc_kind_parse(kind, &ask->kind) != 0)
		snprintf(err, errlen,
		    "kind: annual, midterm or final, not '%s'",
		    kind != NULL ? kind : "");
	else if (ask_year(year, &ask->year) != 0)
		snprintf(err, errlen, "year: not a year: '%s'", year);
	else if (ask->kind == EVALDOC_ANNUAL && ask->year == 0)
		snprintf(err, errlen, "year: an annual document needs one");
	else if (lang != NULL && !locale_parse(lang, &loc))
		snprintf(err, errlen, "lang: en or zh-CN, not '%s'", lang);
	else if (format != NULL &&
	    evaldoc_format_parse(format, &ask->format) != 0)
		snprintf(
		    err, errlen, "format: pdf, xlsx or html, not '%s'", format);
	else {
		ask->locale = lang != NULL ? locale_name(loc) : NULL;
		return 0;
	}
	return -1;
}

/* Worker thread. */
static void
report_op_run(void *arg)
{
	struct report_op *op = arg;

	op->rc = evaldoc_make(op->conf, &op->ask, time(NULL), &op->file,
	    op->name, sizeof(op->name), op->err, sizeof(op->err));
}

static void
report_op_gone(struct evhttp_connection *evcon, void *arg)
{
	struct report_op *op = arg;

	(void)evcon;
	op->gone = true;
}

/* The document's bytes, as a file to save. */
static void
report_op_reply(struct report_op *op)
{
	struct evkeyvalq *h = evhttp_request_get_output_headers(op->req);
	struct evbuffer *b = evbuffer_new();
	char disp[160];

	if (b == NULL ||
	    evbuffer_add(b, buf_str(&op->file), buf_len(&op->file)) != 0) {
		evbuffer_free(b);
		web_reply_error(op->req, 500, "out of memory");
		return;
	}
	snprintf(disp, sizeof(disp), "attachment; filename=\"%s\"", op->name);
	evhttp_add_header(
	    h, "Content-Type", evaldoc_format_type(op->ask.format));
	evhttp_add_header(h, "Content-Disposition", disp);
	evhttp_add_header(h, "Cache-Control", "no-store");
	evhttp_send_reply(op->req, 200, "OK", b);
	evbuffer_free(b);
}

/* Loop: the document is made (or not); the answer goes out. */
static void
report_op_done(void *arg)
{
	struct report_op *op = arg;

	reports_running--;
	if (op->rc == 0)
		log_info("http: %s made (%zu bytes)%s", op->name,
		    buf_len(&op->file), op->gone ? ", its client gone" : "");
	else
		log_warn("http: a document not made: %s", op->err);
	if (!op->gone) {
		evhttp_connection_set_closecb(
		    evhttp_request_get_connection(op->req), NULL, NULL);
		if (op->rc == 0)
			report_op_reply(op);
		else
			web_reply_error(op->req, 500, op->err);
	}
	buf_free(&op->file);
	op->view.ops->job_ended(op->view.arg);
	free(op);
}

static void
report_op_start(
    struct web *w, struct evhttp_request *req, const struct evaldoc_ask *ask)
{
	struct report_op *op;

	if (reports_running >= WEB_REPORTS_MAX) {
		evhttp_add_header(
		    evhttp_request_get_output_headers(req), "Retry-After", "5");
		web_reply_error(req, 503, "busy: documents under way");
		return;
	}
	if ((op = calloc(1, sizeof(*op))) == NULL) {
		web_reply_error(req, 500, "out of memory");
		return;
	}
	*op = (struct report_op){.view = w->view,
	    .conf = webview_config(&w->view),
	    .req = req,
	    .ask = *ask};
	buf_init(&op->file, EVALDOC_FILE_MAX);
	if (w->view.ops->job_submit(
		w->view.arg, report_op_run, report_op_done, op) != 0) {
		buf_free(&op->file);
		free(op);
		web_reply_error(req, 503, "stopping");
		return;
	}
	reports_running++;
	evhttp_connection_set_closecb(
	    evhttp_request_get_connection(req), report_op_gone, op);
}

/* POST /api/v1/admin/reports?kind=...&year=...&lang=...&format=... or
 * with the same as a JSON object. */
void
web_admin_reports(struct web *w, struct evhttp_request *req, const char *rest)
{
	struct evbuffer *in = evhttp_request_get_input_buffer(req);
	size_t len = evbuffer_get_length(in);
	const char *q =
	    evhttp_uri_get_query(evhttp_request_get_evhttp_uri(req));
	struct evkeyvalq query = {0};
	struct evaldoc_ask ask;
	json_t *body = NULL;
	json_error_t jerr;
	char err[512];

	(void)rest;
	if (q != NULL && evhttp_parse_query_str(q, &query) != 0) {
		web_reply_error(req, 400, "bad query string");
		return;
	}
	/* Loaded apart: json_is_object() reads its argument twice. */
	if (len > 0)
		body =
		    json_loadb((const char *)evbuffer_pullup(in, (ssize_t)len),
			len, JSON_REJECT_DUPLICATES, &jerr);
	if (len > 0 && !json_is_object(body)) {
		web_reply_error(req, 400,
		    "the body must be a JSON object: {\"kind\": "
		    "\"annual\", \"year\": 2023, \"lang\": \"en\", "
		    "\"format\": \"pdf\"}");
	} else if (ask_parse(&query, body, &ask, err, sizeof(err)) != 0 ||
	    evaldoc_ask_check(
		webview_config(&w->view), &ask, err, sizeof(err)) != 0) {
		web_reply_error(req, 400, err);
	} else {
		report_op_start(w, req, &ask);
	}
	json_decref(body);
	evhttp_clear_headers(&query);
}

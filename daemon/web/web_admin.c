/*
 * web_admin: the admin routes behind the bearer token (web_token.c) and
 * the silences list: reload, draw every chart again, add and remove a
 * silence, take a batch of entered values.  Each is one named action of the
 * view (webview.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/http.h>
#include <jansson.h>

#include "entered.h"
#include "log.h"
#include "silence.h"
#include "web_impl.h"

/* POST /api/v1/admin/reload: as SIGHUP, once the daemon is idle. */
void
web_admin_reload(struct web *w, struct evhttp_request *req, const char *rest)
{
	(void)rest;
	log_info("http: reload requested");
	w->view.ops->reload_request(w->view.arg);
	web_reply_text(
	    req, 202, "application/json", "{\"status\":\"reload requested\"}");
}

/* POST /api/v1/admin/render: every chart drawn again, off the loop. */
void
web_admin_render(struct web *w, struct evhttp_request *req, const char *rest)
{
	(void)rest;
	log_info("http: every chart to be drawn again");
	w->view.ops->render_all(w->view.arg);
	web_reply_text(
	    req, 202, "application/json", "{\"status\":\"render requested\"}");
}

/* GET /api/v1/silences: every silence, ended ones too. */
void
web_admin_silences(struct web *w, struct evhttp_request *req, const char *rest)
{
	json_t *list;

	(void)rest;
	w->view.ops->silences_refresh(w->view.arg);
	list = silences_json(w->view.ops->silences(w->view.arg), time(NULL));
	web_reply_json(req, list ? json_pack("{s:o}", "silences", list) : NULL);
}

/*
 * A change of the silences asked over HTTP.  Writing the file (fsync,
 * rename) is disk work, so it runs as a job off the loop and the answer
 * is sent when it is done; if the client leaves meanwhile (evhttp then
 * frees the request) the connection's close callback marks it gone.
 */
struct silence_op {
	struct webview view;
	struct evhttp_request *req;
	bool gone; /* the connection closed: req is freed */
	bool add; /* else remove id */
	json_t *body; /* add: the request's JSON */
	struct webview_silence ask; /* add: pointers into body */
	char id[17];
	int rc;
	char err[512];
};

/* Off the loop. */
static void
silence_op_run(void *arg)
{
	struct silence_op *op = arg;

	if (op->add)
		op->rc = op->view.ops->silence_add(
		    op->view.arg, &op->ask, op->id, op->err, sizeof(op->err));
	else
		op->rc = op->view.ops->silence_remove(
		    op->view.arg, op->id, op->err, sizeof(op->err));
}

static void
silence_op_gone(struct evhttp_connection *evcon, void *arg)
{
	struct silence_op *op = arg;

	(void)evcon;
	op->gone = true;
}

/* The answer to a change: 201 with the id, 200, or why not. */
static void
silence_op_reply(struct silence_op *op)
{
	char text[64];

	if (op->rc == 0 && op->add) {
		snprintf(text, sizeof(text), "{\"id\":\"%s\"}", op->id);
		web_reply_text(op->req, 201, "application/json", text);
	} else if (op->rc == 0) {
		web_reply_text(op->req, 200, "application/json",
		    "{\"status\":\"removed\"}");
	} else {
		web_reply_error(op->req,
		    strncmp(op->err, "busy", 4) == 0              ? 503
			: strcmp(op->err, "no such silence") == 0 ? 404
								  : 400,
		    op->err);
	}
}

/* Loop: the change is written (or refused); the answer goes out. */
static void
silence_op_done(void *arg)
{
	struct silence_op *op = arg;

	if (op->rc == 0) {
		log_info("http: silence %s %s", op->id,
		    op->add ? "added" : "removed");
		op->view.ops->silences_refresh(op->view.arg);
	}
	if (!op->gone) {
		evhttp_connection_set_closecb(
		    evhttp_request_get_connection(op->req), NULL, NULL);
		silence_op_reply(op);
	}
	json_decref(op->body);
	free(op);
}

static void
silence_op_start(
    struct web *w, struct evhttp_request *req, struct silence_op *op)
{
	op->view = w->view;
	op->req = req;
	if (w->view.ops->job_submit(
		w->view.arg, silence_op_run, silence_op_done, op) != 0) {
		json_decref(op->body);
		free(op);
		web_reply_error(req, 503, "stopping");
		return;
	}
	evhttp_connection_set_closecb(
	    evhttp_request_get_connection(req), silence_op_gone, op);
}

/* The body's fields into op->ask; -1 when pair or until is missing. */
static int
silence_ask(struct silence_op *op)
{
	op->ask = (struct webview_silence){
	    .pair = json_string_value(json_object_get(op->body, "pair")),
	    .until = json_string_value(json_object_get(op->body, "until")),
	    .reason = json_string_value(json_object_get(op->body, "reason")),
	    .by = json_string_value(json_object_get(op->body, "by")),
	    .now = time(NULL)};
	return op->ask.pair != NULL && op->ask.until != NULL ? 0 : -1;
}

/* POST /api/v1/admin/silences with a JSON body. */
void
web_admin_silence_add(
    struct web *w, struct evhttp_request *req, const char *rest)
{
	struct evbuffer *in = evhttp_request_get_input_buffer(req);
	size_t len = evbuffer_get_length(in);
	struct silence_op *op = calloc(1, sizeof(*op));
	json_error_t jerr;

	(void)rest;
	if (op == NULL) {
		web_reply_error(req, 500, "out of memory");
		return;
	}
	op->add = true;
	op->body = json_loadb((const char *)evbuffer_pullup(in, (ssize_t)len),
	    len, JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(op->body) || silence_ask(op) != 0) {
		web_reply_error(req, 400,
		    json_is_object(op->body)
			? "expected {\"pair\": \"<indicator>[/<target>]\", "
			  "\"until\": \"YYYY-MM-DD\", \"reason\": ..., "
			  "\"by\": ...}"
			: "the body must be a JSON object");
		json_decref(op->body);
		free(op);
		return;
	}
	silence_op_start(w, req, op);
}

/* DELETE /api/v1/admin/silences/<id>. */
void
web_admin_silence_remove(
    struct web *w, struct evhttp_request *req, const char *id)
{
	struct silence_op *op;

	if (strlen(id) != 16 || strspn(id, "0123456789abcdef") != 16) {
		web_reply_error(req, 400, "bad silence id");
		return;
	}
	if ((op = calloc(1, sizeof(*op))) == NULL) {
		web_reply_error(req, 500, "out of memory");
		return;
	}
	memcpy(op->id, id, 17);
	silence_op_start(w, req, op);
}

/*
 * POST /api/v1/admin/values with a CSV body (entered.h): checked whole on
 * the loop (pure work over at most ENTERED_BODY_MAX bytes), then queued
 * for the worker, which journals each indicator's values as one job.
 * 202 once queued: the journal holds them when the worker has run, and a
 * journal that cannot be written is in the log and on the indicator's page
 * as a feed's failure is.
 */
void
web_admin_values(struct web *w, struct evhttp_request *req, const char *rest)
{
	struct evbuffer *in = evhttp_request_get_input_buffer(req);
	size_t len = evbuffer_get_length(in);
	struct entered_batch b = {0};
	char err[512], text[128];
	int queued;

	(void)rest;
	if (w->view.ops->values_enter == NULL) {
		web_reply_error(req, 501, "this daemon takes no values");
		return;
	}
	if (len == 0) {
		web_reply_error(req, 400,
		    "the body is a CSV: indicator,period,value,source,by,note");
		return;
	}
	if (entered_parse_csv(&b, webview_config(&w->view),
		(const char *)evbuffer_pullup(in, (ssize_t)len), len,
		time(NULL), err, sizeof(err)) != 0) {
		web_reply_error(req, 400, err);
		return;
	}
	queued = w->view.ops->values_enter(w->view.arg, &b, err, sizeof(err));
	if (queued < 0) {
		web_reply_error(req, 503, err);
	} else {
		log_info("http: %zu entered value(s) of %d indicator(s) "
			 "queued for the journal",
		    b.n, queued);
		snprintf(text, sizeof(text),
		    "{\"status\":\"queued\",\"values\":%zu,\"indicators\":%d}",
		    b.n, queued);
		web_reply_text(req, 202, "application/json", text);
	}
	entered_batch_clear(&b);
}

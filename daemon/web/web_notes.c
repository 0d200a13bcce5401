/*
 * web_notes: the admin routes that add and remove a note on an
 * indicator's record (store/notes.h), behind the bearer token:
 *   POST /api/v1/admin/notes         {"indicator", "from", "to", "text",
 *                                     "by"}  -> 201 {"nid": N}
 *   POST /api/v1/admin/notes/remove  {"indicator", "nid", "by"}
 *                                     -> 200 {"status":"removed","nid":N}
 * The body is checked whole on the loop (400 naming the field); the file
 * is written by a worker job, the notes file's one writer in the daemon,
 * and the answer sent when it is done, as a silence's is (web_admin.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/http.h>
#include <jansson.h>

#include "log.h"
#include "notes.h"
#include "web_impl.h"

/* The body's cap: a note is a line. */
#define NOTE_BODY_MAX 8192

struct note_op {
	struct webview view;
	struct evhttp_request *req;
	bool gone; /* the connection closed: req is freed */
	bool add; /* else remove nid */
	char id[72];
	char path[4096];
	enum freq freq;
	struct period from, to;
	char text[NOTE_TEXT_MAX + 1], by[NOTE_BY_MAX + 1];
	unsigned nid;
	time_t at;
	struct note_list notes; /* read back: handed to the view */
	int rc;
	bool missing; /* remove: no such note */
	char err[512];
};

/* Off the loop: read the file, append, keep what was read. */
static void
note_op_run(void *arg)
{
	struct note_op *op = arg;

	op->rc = notes_load(
	    op->path, op->freq, &op->notes, op->err, sizeof(op->err));
	if (op->rc == 0 && op->add)
		op->rc = notes_add(op->path, &op->notes, &op->from, &op->to,
		    op->text, op->by, op->at, &op->nid, op->err,
		    sizeof(op->err));
	else if (op->rc == 0) {
		struct note *n = note_list_find(&op->notes, op->nid);

		op->missing = n == NULL || n->removed;
		op->rc = notes_remove(op->path, &op->notes, op->nid, op->by,
		    op->at, op->err, sizeof(op->err));
	}
}

static void
note_op_gone(struct evhttp_connection *evcon, void *arg)
{
	struct note_op *op = arg;

	(void)evcon;
	op->gone = true;
}

/* Loop: the change is written (or refused); the answer goes out. */
static void
note_op_done(void *arg)
{
	struct note_op *op = arg;
	char text[96];

	if (op->rc == 0) {
		log_info("http: %s note %u %s by %s", op->id, op->nid,
		    op->add ? "added" : "removed", op->by);
		op->view.ops->notes_set(op->view.arg, op->id, &op->notes);
	}
	if (!op->gone) {
		evhttp_connection_set_closecb(
		    evhttp_request_get_connection(op->req), NULL, NULL);
		if (op->rc != 0)
			web_reply_error(
			    op->req, op->missing ? 404 : 500, op->err);
		else if (op->add) {
			snprintf(text, sizeof(text), "{\"nid\":%u}", op->nid);
			web_reply_text(op->req, 201, "application/json", text);
		} else {
			snprintf(text, sizeof(text),
			    "{\"status\":\"removed\",\"nid\":%u}", op->nid);
			web_reply_text(op->req, 200, "application/json", text);
		}
	}
	note_list_clear(&op->notes);
	free(op);
}

/* A string field of the body, checked; -1 with "field: why". */
static int
field_text(json_t *body, const char *field, size_t max, char *dst, char *err,
    size_t errlen)
{
	const char *s = json_string_value(json_object_get(body, field));
	char why[80];

	if (note_check_text(s, max, why, sizeof(why)) != 0) {
		snprintf(err, errlen, "%s: %s", field,
		    s == NULL ? "missing, or not a string" : why);
		return -1;
	}
	memcpy(dst, s, strlen(s) + 1);
	return 0;
}

/* A period field of the body in the indicator's frequency. */
static int
field_period(json_t *body, const char *field, enum freq freq, struct period *p,
    char *err, size_t errlen)
{
	const char *s = json_string_value(json_object_get(body, field));
	struct period to;
	char why[200];

	if (s == NULL || strstr(s, "..") != NULL ||
	    notes_span_parse(s, freq, p, &to, why, sizeof(why)) != 0) {
		snprintf(err, errlen, "%s: %s", field,
		    s == NULL ? "missing, or not a string"
			      : (strstr(s, "..") ? "one period" : why));
		return -1;
	}
	return 0;
}

/* The body's indicator and by into op; -1 with err. */
static int
body_common(
    struct web *w, json_t *body, struct note_op *op, char *err, size_t errlen)
{
	const struct config *c = webview_config(&w->view);
	const char *id = json_string_value(json_object_get(body, "indicator"));
	const struct indicator_conf *ic =
	    id != NULL ? config_indicator(c, id) : NULL;

	if (ic == NULL) {
		snprintf(err, errlen, "indicator: %s",
		    id == NULL ? "missing" : "no such indicator");
		return -1;
	}
	snprintf(op->id, sizeof(op->id), "%s", ic->id);
	notes_path(c->data_dir, ic->id, op->path, sizeof(op->path));
	op->freq = ic->freq;
	op->at = time(NULL);
	return field_text(body, "by", NOTE_BY_MAX, op->by, err, errlen);
}

static int
body_add(
    struct web *w, json_t *body, struct note_op *op, char *err, size_t errlen)
{
	if (body_common(w, body, op, err, errlen) != 0 ||
	    field_period(body, "from", op->freq, &op->from, err, errlen) != 0)
		return -1;
	if (json_object_get(body, "to") == NULL)
		op->to = op->from;
	else if (field_period(body, "to", op->freq, &op->to, err, errlen) != 0)
		return -1;
	if (period_cmp(&op->from, &op->to) > 0) {
		snprintf(err, errlen, "to: before from");
		return -1;
	}
	op->add = true;
	return field_text(body, "text", NOTE_TEXT_MAX, op->text, err, errlen);
}

static int
body_remove(
    struct web *w, json_t *body, struct note_op *op, char *err, size_t errlen)
{
	json_t *nid = json_object_get(body, "nid");

	if (body_common(w, body, op, err, errlen) != 0)
		return -1;
	if (!json_is_integer(nid) || json_integer_value(nid) < 1 ||
	    json_integer_value(nid) > 1000000000) {
		snprintf(err, errlen, "nid: not a note number");
		return -1;
	}
	op->nid = (unsigned)json_integer_value(nid);
	return 0;
}

/* Both routes: the body checked whole, then the job. */
static void
note_route(struct web *w, struct evhttp_request *req,
    int (*check)(struct web *, json_t *, struct note_op *, char *, size_t))
{
	struct evbuffer *in = evhttp_request_get_input_buffer(req);
	size_t len = evbuffer_get_length(in);
	struct note_op *op;
	json_t *body = NULL;
	char err[512];

	if (w->view.ops->notes_set == NULL) {
		web_reply_error(req, 501, "this daemon takes no notes");
		return;
	}
	if ((op = calloc(1, sizeof(*op))) == NULL) {
		web_reply_error(req, 500, "out of memory");
		return;
	}
	/* json_is_object() is a macro that reads its argument twice. */
	if (len <= NOTE_BODY_MAX)
		body =
		    json_loadb((const char *)evbuffer_pullup(in, (ssize_t)len),
			len, JSON_REJECT_DUPLICATES, NULL);
	snprintf(err, sizeof(err), "%s",
	    len > NOTE_BODY_MAX ? "the body is over 8192 bytes"
				: "the body must be a JSON object");
	if (!json_is_object(body) || check(w, body, op, err, sizeof(err))) {
		web_reply_error(req, 400, err);
		json_decref(body);
		free(op);
		return;
	}
	json_decref(body);
	op->view = w->view;
	op->req = req;
	if (w->view.ops->job_submit(
		w->view.arg, note_op_run, note_op_done, op) != 0) {
		free(op);
		web_reply_error(req, 503, "stopping");
		return;
	}
	evhttp_connection_set_closecb(
	    evhttp_request_get_connection(req), note_op_gone, op);
}

/* POST /api/v1/admin/notes. */
void
web_admin_note_add(struct web *w, struct evhttp_request *req, const char *rest)
{
	(void)rest;
	note_route(w, req, body_add);
}

/* POST /api/v1/admin/notes/remove. */
void
web_admin_note_remove(
    struct web *w, struct evhttp_request *req, const char *rest)
{
	(void)rest;
	note_route(w, req, body_remove);
}

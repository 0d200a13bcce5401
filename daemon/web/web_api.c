/*
 * web_api: the JSON API (/api/v1/indicators, /api/v1/indicators/<id>,
 * /api/v1/alerts, /api/v1/status, /api/v1/collectors), /healthz and
 * /metrics.  The present is read from the view on the loop; the plan as
 * known at a past date is read from the journals on the worker.
 */
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <jansson.h>

#include "explain.h"
#include "metrics.h"
#include "report.h"
#include "stored.h"
#include "web_impl.h"
#include "webconn.h"

/* Questions about what was known at a date under way at once: each reads
 * every journal on the storage worker. */
#define WEB_HISTORY_MAX 2

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
	    .later = as->known ? st->later : NULL,
	    .revs = st->revs,
	    .notes = st->notes};

	web_reply_json(req,
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
	struct webview view;
	const struct config *conf; /* a reload waits for the worker */
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
	(void)stored_load_asof(op->conf, &op->as, true, &op->st);
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
			web_reply_error(op->req, 500, "out of memory");
		else
			reply_stored(
			    op->req, op->conf, &op->st, &op->as, op->ind);
	}
	stored_free(&op->st);
	op->view.ops->job_ended(op->view.arg);
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
		web_reply_error(req, 503, "busy: known_at questions under way");
		return;
	}
	if ((op = calloc(1, sizeof(*op))) == NULL) {
		web_reply_error(req, 500, "out of memory");
		return;
	}
	*op = (struct history_op){.next = w->history,
	    .web = w,
	    .view = w->view,
	    .conf = webview_config(&w->view),
	    .req = req,
	    .as = *as,
	    .ind = ind};
	if (w->view.ops->job_submit(
		w->view.arg, history_run, history_done, op) != 0) {
		free(op);
		web_reply_error(req, 503, "stopping");
		return;
	}
	w->history = op;
	w->nhistory++;
	evhttp_connection_set_closecb(
	    evhttp_request_get_connection(req), history_gone, op);
}

void
web_api_detach(struct web *w)
{
	for (struct history_op *op = w->history; op != NULL; op = op->next) {
		op->web = NULL;
		op->gone = true;
	}
	w->history = NULL;
	w->nhistory = 0;
}

static const struct obs_list *
view_series(void *arg, size_t i)
{
	return &webview_indicator(arg, i)->obs;
}

/*
 * The API as of a date: from memory on the loop when only ?at= is given
 * (the periods ended by then, judged then), from the journals on the
 * worker when ?known_at= is.
 */
static void
api_history(
    struct web *w, struct evhttp_request *req, struct asof *as, size_t ind)
{
	const struct config *c = webview_config(&w->view);
	struct stored st = {0};

	if (as->known) {
		history_start(w, req, as, ind);
		return;
	}
	if (stored_copy_asof(c, view_series, &w->view, as, &st) != 0)
		web_reply_error(req, 500, "out of memory");
	else
		reply_stored(req, c, &st, as, ind);
	stored_free(&st);
}

void
web_api_healthz(struct web *w, struct evhttp_request *req, const char *rest)
{
	(void)w;
	(void)rest;
	web_reply_text(req, 200, "text/plain", "ok\n");
}

/*
 * The revision logs the document of indicator ind shows (shallow copies
 * in a new *revs, the caller frees), or NULL for the plan's document or
 * without memory (its series then says nothing of revisions).
 */
static const struct obs_revisions *
web_revisions(const struct webview *v, size_t ind, struct obs_revisions **revs)
{
	size_t n = webview_config(v)->nindicators;

	if (ind >= n || (*revs = calloc(n, sizeof(**revs))) == NULL)
		return NULL;
	(*revs)[ind] = webview_indicator(v, ind)->revs;
	return *revs;
}

/* The plan's document, or indicator ind's (ind = nindicators: the plan). */
static void
api_report(struct web *w, struct evhttp_request *req, size_t ind)
{
	struct report_input in;
	struct obs_list *obs;
	const struct judgement **j;
	struct obs_revisions *revs = NULL;
	struct asof as;
	const char *why;

	switch (asof_query(req, &as, &why)) {
	case -1:
		web_reply_error(req, 400, why);
		return;
	case 1:
		api_history(w, req, &as, ind);
		return;
	}
	if (web_report_input(&w->view, &in, &obs, &j) != 0) {
		web_reply_error(req, 500, "out of memory");
		return;
	}
	in.revs = web_revisions(&w->view, ind, &revs);
	web_reply_json(req,
	    ind == in.conf->nindicators
		? report_json(&in)
		: report_indicator_json(&in, ind, true));
	free(revs);
	free(obs);
	free(j);
}

void
web_api_indicators(struct web *w, struct evhttp_request *req, const char *rest)
{
	(void)rest;
	api_report(w, req, webview_config(&w->view)->nindicators);
}

void
web_api_indicator(struct web *w, struct evhttp_request *req, const char *id)
{
	size_t i;

	if (!web_indicator_arg(w, req, id, &i))
		return;
	api_report(w, req, i);
}

/*
 * The severity of status s of a pair of ic, as its alerts have it: the
 * configuration's (alerts.severity), else a binding indicator's default,
 * else the status's; a pair listed for its data overdue alone is a
 * warning.
 */
static enum severity
alert_severity(
    const struct config *c, const struct indicator_conf *ic, enum status s)
{
	if (!status_is_problem(s))
		return SEVERITY_WARNING;
	if ((int)s < CONFIG_STATUS_MAX && c->alerts.severity[s] >= 0)
		return (enum severity)c->alerts.severity[s];
	return ic->nature == NATURE_BINDING ? binding_severity(s)
					    : status_severity(s);
}

/* One pair of /api/v1/alerts. */
static json_t *
alert_json(const struct webview *v, size_t i, size_t t, enum status s)
{
	const struct config *c = webview_config(v);
	const struct indicator_conf *ic = &c->indicators[i];
	const struct indicator_state *is = webview_indicator(v, i);
	const struct judgement *j = &is->j[t];
	char sentence[1024];

	explain_judgement(
	    ic, &ic->targets[t], j, c->locale, sentence, sizeof(sentence));
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "indicator", ic->id,
	    "target", ic->targets[t].id, "status", status_name(s), "severity",
	    severity_name(alert_severity(c, ic, s)), "explanation", sentence,
	    "overdue", is->feed_error ? json_null() : report_overdue_json(j));
}

/* Appends the pairs of indicator i that belong under status st. */
static void
alerts_of(const struct webview *v, size_t i, int st, json_t *list)
{
	const struct indicator_conf *ic = &webview_config(v)->indicators[i];
	const struct indicator_state *is = webview_indicator(v, i);

	for (size_t t = 0; t < ic->ntargets; t++) {
		enum status s =
		    is->feed_error ? STATUS_FEED_ERROR : is->j[t].status;
		bool late = st == STATUS_COUNT && !status_is_problem(s) &&
		    is->j[t].stale;

		if (!late && ((int)s != st || !status_is_problem(s)))
			continue;
		json_array_append_new(list, alert_json(v, i, t, s));
	}
}

/*
 * The pairs whose status is a problem now, the worst first; then the
 * pairs whose status is no problem but whose data is overdue (a notice of
 * its own, not a status).
 */
void
web_api_alerts(struct web *w, struct evhttp_request *req, const char *rest)
{
	size_t n = webview_config(&w->view)->nindicators;
	json_t *list = json_array();

	(void)rest;
	for (int st = 0; st <= STATUS_COUNT; st++)
		for (size_t i = 0; i < n; i++)
			alerts_of(&w->view, i, st, list);
	web_reply_json(req, json_pack("{s:o}", "alerts", list));
}

/* planwatch status: collectors, queues, outbox. */
void
web_api_status(struct web *w, struct evhttp_request *req, const char *rest)
{
	(void)rest;
	web_reply_json(req, w->view.ops->status_json(w->view.arg));
}

/* Each collector's state, as state_dir/collectors.json holds it. */
void
web_api_collectors(struct web *w, struct evhttp_request *req, const char *rest)
{
	char *text = w->view.ops->collectors_json(w->view.arg);

	(void)rest;
	if (text == NULL) {
		web_reply_error(req, 500, "out of memory");
		return;
	}
	web_reply_text(req, 200, "application/json; charset=utf-8", text);
	free(text);
}

void
web_api_metrics(struct web *w, struct evhttp_request *req, const char *rest)
{
	struct evbuffer *b = evbuffer_new();
	struct webconn_counts conns;

	(void)rest;
	webconn_counts(w->conns, &conns);
	metrics_write(&w->view, &conns, b);
	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Type", "text/plain; version=0.0.4; charset=utf-8");
	evhttp_send_reply(req, 200, "OK", b);
	evbuffer_free(b);
}

/*
 * web_page: the HTML pages (html.c, wall.c) served from the view: the
 * dashboard at / (kept, shared by every client, until what it shows
 * changes), one page per indicator at /indicator/<id> and the wall
 * screen at /wall.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>

#include <event2/buffer.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include "html.h"
#include "html_meta.h"
#include "html_filter.h"
#include "html_lang.h"
#include "report.h"
#include "wall.h"
#include "web_impl.h"

#define WEB_PAGE_TTL 60

/*
 * A page sent to many clients without a copy each (a 1,000-indicator
 * dashboard is about 1 MB): the evbuffers hold references, counted.
 * The loop is the only thread that touches it.
 */
struct web_shared {
	unsigned refs;
	size_t len;
	char *text;
};

static void
shared_release(const void *data, size_t len, void *arg)
{
	struct web_shared *t = arg;

	(void)data;
	(void)len;
	if (t != NULL && --t->refs == 0) {
		free(t->text);
		free(t);
	}
}

/* html_site's question: is target t of indicator i silenced? */
static time_t
silenced_until(const void *arg, size_t i, size_t t)
{
	const struct webview *v = arg;
	const struct indicator_conf *ic = &webview_config(v)->indicators[i];
	const struct silence *s = silences_match(
	    v->ops->silences(v->arg), ic->id, ic->targets[t].id, time(NULL));

	return s != NULL ? s->until : 0;
}

/*
 * What the pages show beyond the report: each indicator's feed and its
 * revisions (shallow copies, read on the loop, freed with site_free).
 */
static int
site_make(const struct webview *v, struct html_site *site)
{
	const struct config *c = webview_config(v);
	size_t n = c->nindicators;
	struct html_feed *feeds = calloc(n + 1, sizeof(*feeds));
	struct obs_revisions *revs = calloc(n + 1, sizeof(*revs));

	if (feeds == NULL || revs == NULL) {
		free(feeds);
		free(revs);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		const struct indicator_conf *ic = &c->indicators[i];
		const struct indicator_state *is = webview_indicator(v, i);

		if (ic->derived == NULL)
			feeds[i].last_fetch =
			    webview_collector(v, ic->collector_index)
				->rt.last_fetch;
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
	    .arg = v};
	return 0;
}

static void
site_free(struct html_site *site)
{
	free((void *)site->feeds);
	free((void *)site->revs);
}

/*
 * The page of indicator ind, or the dashboard (ind = nindicators, with
 * filter f), in f's language, into a new text; 0, or -1 when out of
 * memory.
 */
static int
page_build(const struct webview *v, size_t ind, const struct html_filter *f,
    char **text, size_t *len)
{
	struct report_input in;
	struct obs_list *obs;
	const struct judgement **j;
	struct html_site site;
	FILE *mem;
	int rc;

	*text = NULL;
	*len = 0;
	if (site_make(v, &site) != 0)
		return -1;
	if (web_report_input(v, &in, &obs, &j) != 0) {
		site_free(&site);
		return -1;
	}
	in.locale = site.lang = f != NULL ? f->lang : NULL;
	if ((mem = open_memstream(text, len)) == NULL) {
		rc = -1;
	} else {
		rc = ind == in.conf->nindicators
		    ? html_dashboard(&in, &site, f, mem)
		    : html_indicator(&in, &site, ind, mem);
		if (fclose(mem) != 0)
			rc = -1;
	}
	free(obs);
	free(j);
	site_free(&site);
	return rc;
}

/* Sends text as an HTML page. */
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
reply_shared(struct evhttp_request *req, struct web_shared *t)
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

void
web_page_drop(struct web *w)
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
	struct web_shared *t = malloc(sizeof(*t));
	char *q = strdup(query ? query : "");

	if (t == NULL || q == NULL) {
		free(t);
		free(q);
		return -1;
	}
	web_page_drop(w);
	*t = (struct web_shared){1, len, text};
	w->page.text = t;
	w->page.query = q;
	w->page.version = w->view.ops->version(w->view.arg);
	w->page.built = time(NULL);
	return 0;
}

/* The kept dashboard, when it is still the one for query. */
static bool
page_fresh(struct web *w, const char *query)
{
	return w->page.text != NULL &&
	    w->page.version == w->view.ops->version(w->view.arg) &&
	    time(NULL) - w->page.built < WEB_PAGE_TTL &&
	    strcmp(w->page.query, query ? query : "") == 0;
}

/*
 * Reads the dashboard's filters from params into f (only_lang: an
 * indicator's page or the wall, whose only parameter is lang, the others
 * ignored as they always were): 0, or -1 after answering 400 with the
 * page that says which parameter is wrong.
 */
static int
filters_read(struct web *w, struct evhttp_request *req, const char *query,
    struct evkeyvalq *params, struct html_filter *f, bool only_lang)
{
	const struct config *c = webview_config(&w->view);
	char err[1024] = "", *text = NULL;
	size_t len = 0;
	FILE *mem;

	if (query == NULL || *query == '\0')
		return 0;
	if (evhttp_parse_query_str(query, params) != 0)
		snprintf(err, sizeof(err),
		    "the query cannot be read: expected key=value pairs "
		    "joined by &; the filters are group, owner, status, "
		    "overdue, lang");
	for (struct evkeyval *kv = TAILQ_FIRST(params); *err == '\0' && kv;
	     kv = TAILQ_NEXT(kv, next))
		if (!only_lang || strcmp(kv->key, "lang") == 0)
			html_filter_set(
			    f, c, kv->key, kv->value, err, sizeof(err));
	if (*err == '\0')
		return 0;
	if ((mem = open_memstream(&text, &len)) == NULL ||
	    (html_filter_refusal(mem, c, err) | fclose(mem)) != 0)
		web_reply_error(req, 400, err);
	else
		web_reply_text(req, 400, "text/html; charset=utf-8", text);
	free(text);
	return -1;
}

void
web_page_dashboard(struct web *w, struct evhttp_request *req, const char *rest)
{
	const char *query =
	    evhttp_uri_get_query(evhttp_request_get_evhttp_uri(req));
	struct evkeyvalq params;
	struct html_filter f = {0};
	char *text = NULL;
	size_t len = 0;

	(void)rest;
	TAILQ_INIT(&params);
	/* The CLI may have changed them. */
	w->view.ops->silences_refresh(w->view.arg);
	if (page_fresh(w, query)) {
		reply_shared(req, w->page.text);
		return;
	}
	if (filters_read(w, req, query, &params, &f, false) != 0) {
		evhttp_clear_headers(&params);
		return;
	}
	if (page_build(&w->view, webview_config(&w->view)->nindicators, &f,
		&text, &len) != 0) {
		web_reply_error(req, 500, "out of memory");
	} else if (page_keep(w, query, text, len) == 0) {
		reply_shared(req, w->page.text);
		text = NULL;
	} else {
		reply_page(req, text, len);
	}
	free(text);
	evhttp_clear_headers(&params);
}

/* GET /indicator/<id>.csv: the indicator's series, for download. */
static void
series_csv(struct web *w, struct evhttp_request *req, const char *id)
{
	char name[WEB_ID_MAX + 8], disposition[WEB_ID_MAX + 48];
	char *text = NULL;
	size_t len = 0, i, n = strlen(id) - strlen(".csv");
	FILE *mem;

	if (n > WEB_ID_MAX) {
		web_reply_error(req, 400, "bad indicator id");
		return;
	}
	snprintf(name, sizeof(name), "%.*s", (int)n, id);
	if (!web_indicator_arg(w, req, name, &i))
		return;
	if ((mem = open_memstream(&text, &len)) == NULL ||
	    (html_series_csv(&webview_config(&w->view)->indicators[i],
		 &webview_indicator(&w->view, i)->obs,
		 &webview_indicator(&w->view, i)->revs, mem) |
		fclose(mem)) != 0) {
		web_reply_error(req, 500, "out of memory");
		free(text);
		return;
	}
	snprintf(disposition, sizeof(disposition),
	    "attachment; filename=\"%s.csv\"", name);
	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Disposition", disposition);
	web_reply_text(req, 200, "text/csv; charset=utf-8", text);
	free(text);
}

void
web_page_indicator(struct web *w, struct evhttp_request *req, const char *id)
{
	const char *query =
	    evhttp_uri_get_query(evhttp_request_get_evhttp_uri(req));
	struct evkeyvalq params;
	struct html_filter f = {0};
	char *text = NULL;
	size_t len = 0, i, n = strlen(id);

	if (n > 4 && strcmp(id + n - 4, ".csv") == 0) {
		series_csv(w, req, id);
		return;
	}
	if (!web_indicator_arg(w, req, id, &i))
		return;
	TAILQ_INIT(&params);
	if (filters_read(w, req, query, &params, &f, true) != 0) {
		evhttp_clear_headers(&params);
		return;
	}
	if (page_build(&w->view, i, &f, &text, &len) != 0)
		web_reply_error(req, 500, "out of memory");
	else
		reply_page(req, text, len);
	free(text);
	evhttp_clear_headers(&params);
}

/*
 * The wall screen, built at each request: its screens ask once a
 * wall_refresh (a minute), and it needs no feed health, so it is not
 * kept as the dashboard is.  Of the query string only lang is read.
 */
void
web_page_wall(struct web *w, struct evhttp_request *req, const char *rest)
{
	struct report_input in;
	struct obs_list *obs;
	const struct judgement **j;
	const char *query =
	    evhttp_uri_get_query(evhttp_request_get_evhttp_uri(req));
	struct evkeyvalq params;
	struct html_filter f = {0};
	char *text = NULL;
	size_t len = 0;
	FILE *mem;
	int rc = -1;

	(void)rest;
	TAILQ_INIT(&params);
	rc = filters_read(w, req, query, &params, &f, true);
	evhttp_clear_headers(&params); /* f.lang is static */
	if (rc != 0)
		return;
	rc = -1;
	if (web_report_input(&w->view, &in, &obs, &j) != 0) {
		web_reply_error(req, 500, "out of memory");
		return;
	}
	in.locale = f.lang;
	if ((mem = open_memstream(&text, &len)) != NULL) {
		rc = wall_page(&in,
		    &(struct html_site){.files = false, .lang = f.lang}, mem);
		if (fclose(mem) != 0)
			rc = -1;
	}
	if (rc != 0)
		web_reply_error(req, 500, "out of memory");
	else
		reply_page(req, text, len);
	free(text);
	free(obs);
	free(j);
}

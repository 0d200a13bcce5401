/*
 * web_graph: GET /graph/<id>.png sends the chart file renderq drew, with
 * ETag, Last-Modified and Cache-Control, or 304 when the client has it.
 * The path is made from a checked id, never taken from the request, and
 * the file is opened without following links.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include "chart.h"
#include "fsutil.h"
#include "html_lang.h"
#include "web_impl.h"

/*
 * The view asked for by ?view= (plan when absent) and its size; w and h,
 * when given, must be the size that view is drawn at (graph_width and
 * graph_height; 160x40 for a sparkline); lang, the language of its words
 * (*lang: zh-CN or en, static; NULL when not asked).  NULL, or why not.
 */
static const char *
graph_query(const struct config *c, struct evhttp_request *req,
    enum graph_view *view, const char **lang)
{
	const char *query =
	    evhttp_uri_get_query(evhttp_request_get_evhttp_uri(req));
	struct evkeyvalq params = {0};
	const char *why = NULL, *v, *w, *h;
	long want_w, want_h;
	char buf[32];

	*view = GRAPH_PLAN;
	*lang = NULL;
	if (query == NULL)
		return NULL;
	if (evhttp_parse_query_str(query, &params) != 0)
		return "bad query string";
	v = evhttp_find_header(&params, "view");
	w = evhttp_find_header(&params, "w");
	h = evhttp_find_header(&params, "h");
	if (v != NULL && graph_view_parse(v, view) != 0)
		why = "view: expected plan, history, spark or narrow";
	if ((v = evhttp_find_header(&params, "lang")) != NULL &&
	    html_lang_parse(v, lang, buf, sizeof(buf)) != 0)
		why = "lang: expected zh-CN or en";
	want_w = *view == GRAPH_SPARK ? CHART_SPARK_WIDTH
	    : *view == GRAPH_NARROW   ? CHART_NARROW_WIDTH
				      : c->graph_width;
	want_h = *view == GRAPH_SPARK ? CHART_SPARK_HEIGHT
	    : *view == GRAPH_NARROW   ? CHART_NARROW_HEIGHT
				      : c->graph_height;
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

/* Sends the open chart fd (taken) with its caching headers, or 304. */
static void
graph_reply(
    struct evhttp_request *req, int fd, const struct stat *st, const char *type)
{
	struct evkeyvalq *out = evhttp_request_get_output_headers(req);
	const char *inm = evhttp_find_header(
	    evhttp_request_get_input_headers(req), "If-None-Match");
	char etag[64], date[64];
	struct evbuffer *b;
	struct tm tm;

	snprintf(etag, sizeof(etag), "\"%llx-%llx-%llx\"",
	    (unsigned long long)st->st_mtim.tv_sec,
	    (unsigned long long)st->st_mtim.tv_nsec,
	    (unsigned long long)st->st_size);
	gmtime_r(&st->st_mtime, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT", &tm);
	evhttp_add_header(out, "ETag", etag);
	evhttp_add_header(out, "Last-Modified", date);
	evhttp_add_header(out, "Cache-Control", "max-age=60");
	if (inm != NULL && strcmp(inm, etag) == 0) {
		close(fd);
		evhttp_send_reply(req, 304, "Not Modified", NULL);
		return;
	}
	evhttp_add_header(out, "Content-Type", type);
	b = evbuffer_new();
	evbuffer_add_file(b, fd, 0, st->st_size); /* takes fd */
	evhttp_send_reply(req, 200, "OK", b);
	evbuffer_free(b);
}

void
web_graph_send(struct web *w, struct evhttp_request *req, const char *rest)
{
	const struct config *c = webview_config(&w->view);
	size_t len = strlen(rest);
	char path[4096], id[WEB_ID_MAX + 1], err[4200];
	enum graph_view view;
	const char *why, *lang;
	struct stat st;
	bool svg = len >= 5 && strcmp(rest + len - 4, ".svg") == 0;
	int fd;

	if (len < 5 || (strcmp(rest + len - 4, ".png") != 0 && !svg) ||
	    !web_id_valid(rest, len - 4)) {
		web_reply_error(req, 400,
		    "bad graph name: use /graph/<id>.png or /graph/<id>.svg");
		return;
	}
	if ((why = graph_query(c, req, &view, &lang)) != NULL) {
		web_reply_error(req, 400, why);
		return;
	}
	/* The history is librrd's PNG; the other views are drawn as
	 * both. */
	if (svg && !chart_has_svg(view)) {
		web_reply_error(req, 404, "the history chart is a PNG only");
		return;
	}
	if (web_indicator_find(w, rest, len - 4) == c->nindicators) {
		web_reply_error(req, 404, "no such indicator");
		return;
	}
	snprintf(id, sizeof(id), "%.*s", (int)(len - 4), rest);
	/* The other language's words when it has charts, else the
	 * configuration's. */
	chart_file_in(c, id, view, svg, lang, path, sizeof(path));
	/* Not through a link planted in graph_dir (it could name any file
	 * the daemon may read); a chart is always a regular file. */
	if ((fd = fsutil_open_own(path, O_RDONLY, err, sizeof(err))) < 0 ||
	    fstat(fd, &st) != 0) {
		if (fd >= 0)
			close(fd);
		web_reply_error(req, 404, "no chart yet");
		return;
	}
	graph_reply(req, fd, &st, svg ? "image/svg+xml" : "image/png");
}

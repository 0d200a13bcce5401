/*
 * web: the server's set-up and its table of routes.  Every handler reads
 * the daemon through the view (webview.h) and answers at once; nothing
 * here blocks.  Hostile clients: only GET and HEAD (and the admin routes'
 * own method, behind the token), ids checked against [a-z0-9_]{1,64}
 * before any lookup (no path ever comes from the request), headers and
 * bodies capped by evhttp, errors as JSON {"error": "..."}.  The listener
 * and the connections are webconn's: a cap, and a deadline for each
 * request.  The handlers live in web_api.c, web_graph.c, web_page.c and
 * web_admin.c; the admin gate in web_token.c.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <jansson.h>

#include "entered.h"
#include "idindex.h"
#include "lifecycle.h"
#include "log.h"
#include "web.h"
#include "web_impl.h"
#include "webconn.h"

#define WEB_HEADERS_MAX 8192
/* evhttp has one cap for every request's body: the largest an admin
 * route takes, a batch of entered values (ENTERED_BODY_MAX).  The read
 * routes take none, and connections are capped (webconn.c). */
#define WEB_BODY_MAX ENTERED_BODY_MAX

struct route {
	const char *prefix; /* the path, or its start for prefix routes */
	bool is_prefix;
	web_route_fn *fn;
	/* The method of an admin route (with the bearer token), or 0 for a
	 * read-only route (GET and HEAD). */
	enum evhttp_cmd_type admin;
};

static const struct route routes[] = {
    {"/", false, web_page_dashboard, 0},
    {"/indicator/", true, web_page_indicator, 0},
    {"/wall", false, web_page_wall, 0},
    {"/healthz", false, web_api_healthz, 0},
    {"/api/v1/indicators", false, web_api_indicators, 0},
    {"/api/v1/alerts", false, web_api_alerts, 0},
    {"/api/v1/collectors", false, web_api_collectors, 0},
    {"/api/v1/status", false, web_api_status, 0},
    {"/api/v1/silences", false, web_admin_silences, 0},
    {"/api/v1/indicators/", true, web_api_indicator, 0},
    {"/metrics", false, web_api_metrics, 0},
    {"/graph/", true, web_graph_send, 0},
    {"/api/v1/admin/reload", false, web_admin_reload, EVHTTP_REQ_POST},
    {"/api/v1/admin/render", false, web_admin_render, EVHTTP_REQ_POST},
    {"/api/v1/admin/silences", false, web_admin_silence_add, EVHTTP_REQ_POST},
    {"/api/v1/admin/silences/", true, web_admin_silence_remove,
	EVHTTP_REQ_DELETE},
    {"/api/v1/admin/values", false, web_admin_values, EVHTTP_REQ_POST},
    {"/api/v1/admin/notes", false, web_admin_note_add, EVHTTP_REQ_POST},
    {"/api/v1/admin/notes/remove", false, web_admin_note_remove,
	EVHTTP_REQ_POST},
    {"/api/v1/admin/reports", false, web_admin_reports, EVHTTP_REQ_POST},
};

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
			if (web_token_allowed(w, req, routes[i].admin))
				routes[i].fn(w, req, path + n);
		} else if (cmd != EVHTTP_REQ_GET && cmd != EVHTTP_REQ_HEAD) {
			web_reply_error(
			    req, 405, "read-only: GET and HEAD only");
		} else {
			routes[i].fn(w, req, path + n);
		}
		return;
	}
	if (cmd != EVHTTP_REQ_GET && cmd != EVHTTP_REQ_HEAD) {
		web_reply_error(req, 405, "read-only: GET and HEAD only");
		return;
	}
	web_reply_error(req, 404, "no such page");
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
web_new(struct webview view, struct event_base *base, const char *addr,
    char *err, size_t errlen)
{
	struct web *w = calloc(1, sizeof(*w));
	const struct config *c = webview_config(&view);
	char host[256], why[256];
	size_t cap;
	int port;

	if (w == NULL || split_addr(addr, host, sizeof(host), &port) != 0) {
		snprintf(err, errlen, "listen %s: expected host:port", addr);
		free(w);
		return NULL;
	}
	w->view = view;
	if (c->admin_token_file != NULL &&
	    (w->token = web_token_read(c->admin_token_file,
		 lifecycle_run_uid(c->user), err, errlen)) == NULL) {
		web_free(w);
		return NULL;
	}
	cap = web_cap(c);
	if ((w->http = evhttp_new(base)) == NULL ||
	    (w->conns = webconn_new(w->http, base, host, port, cap,
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
	web_page_drop(w);
	idindex_free(w->ids);
	/* Questions still on the worker end without the server: their
	 * requests went with it. */
	web_api_detach(w);
	free(w);
}

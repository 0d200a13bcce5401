/*
 * web_impl: what the web server's files share and nothing else sees: the
 * server's struct, the replies, the id checks and the route handlers.
 * web.c routes; web_token.c gates the admin routes; web_api.c answers the
 * JSON API and /metrics; web_graph.c sends chart files; web_page.c builds
 * and keeps the HTML pages; web_admin.c takes the admin actions.  Each
 * reads the daemon through the view (webview.h) only.
 */
#ifndef PLANWATCH_WEB_IMPL_H
#define PLANWATCH_WEB_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <event2/http.h>

#include "webview.h"

#define WEB_ID_MAX 64

struct idindex;
struct judgement;
struct obs_list;
struct report_input;
struct json_t;
struct history_op;
struct web_shared;

struct web {
	struct webview view;
	struct evhttp *http;
	struct webconn *conns; /* the listener, the cap, the deadlines */
	char *token; /* the admin endpoints' bearer token, or NULL: off */
	/* Indicator ids to indexes, for the configuration of ids_gen. */
	struct idindex *ids;
	unsigned long ids_gen;
	/* The last dashboard built, for as long as nothing it shows changed
	 * (the view's version) and for at most WEB_PAGE_TTL seconds:
	 * building it takes 7 ms at 1,000 indicators, serving it again
	 * nothing. */
	struct {
		unsigned long version;
		time_t built;
		char *query; /* "" for none */
		struct web_shared *text; /* NULL: nothing kept */
	} page;
	struct history_op *history; /* under way; web_free detaches them */
	size_t nhistory;
};

/* A route's handler: rest is the path after the route's prefix. */
typedef void web_route_fn(
    struct web *w, struct evhttp_request *req, const char *rest);

/* web.c: replies and lookups. */
void web_reply_text(
    struct evhttp_request *req, int code, const char *type, const char *text);
/* {"error": msg} with code. */
void web_reply_error(struct evhttp_request *req, int code, const char *msg);
/* doc (taken; NULL: out of memory) as 200 application/json. */
void web_reply_json(struct evhttp_request *req, struct json_t *doc);
/*
 * The view's series and judgements as a report input, at now: shallow
 * copies in *obs and *j (caller frees both arrays; the notes' copies
 * are in *obs's block).  0, or -1: ENOMEM.
 */
int web_report_input(const struct webview *v, struct report_input *in,
    struct obs_list **obs, const struct judgement ***j);
/* True for a well-formed indicator id ([a-z0-9_]{1,64}). */
bool web_id_valid(const char *s, size_t len);
/* The index of indicator id (len bytes), or nindicators: none. */
size_t web_indicator_find(struct web *w, const char *id, size_t len);
/*
 * The index of the indicator a route names, in *i; false when id is not
 * well formed (answered 400) or no indicator has it (answered 404).
 */
bool web_indicator_arg(
    struct web *w, struct evhttp_request *req, const char *id, size_t *i);

/* web_token.c: true when the admin request may go on (else answered). */
bool web_token_allowed(
    struct web *w, struct evhttp_request *req, enum evhttp_cmd_type method);

/* web_api.c */
web_route_fn web_api_healthz, web_api_indicators, web_api_indicator,
    web_api_alerts, web_api_status, web_api_collectors, web_api_metrics;
/* Questions still on the worker end without the server. */
void web_api_detach(struct web *w);

/* web_graph.c */
web_route_fn web_graph_send;

/* web_page.c */
web_route_fn web_page_dashboard, web_page_indicator, web_page_wall;
/* Drops the kept dashboard (copies being sent live on). */
void web_page_drop(struct web *w);

/* web_admin.c */
web_route_fn web_admin_reload, web_admin_render, web_admin_silences,
    web_admin_silence_add, web_admin_silence_remove, web_admin_values;
/* web_report.c */
web_route_fn web_admin_reports;

/* web_notes.c */
web_route_fn web_admin_note_add, web_admin_note_remove;

#endif

/*
 * metrics: the daemon's state, as its view (webview.h) shows it, in the
 * Prometheus text exposition format (version 0.0.4), for GET /metrics.  Every
 * family is written whole, after its HELP and TYPE lines, as the format
 * requires.
 */
#ifndef PLANWATCH_METRICS_H
#define PLANWATCH_METRICS_H

struct webview;
struct evbuffer;
struct webconn_counts;

/* Appends every family to b; http: the HTTP server's connections. */
void metrics_write(const struct webview *v, const struct webconn_counts *http,
    struct evbuffer *b);

#endif

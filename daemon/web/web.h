/*
 * web: the embedded HTTP server (libevent evhttp), on the daemon's loop.
 * Read-only: /, /indicator/<id>, /healthz, /api/v1/indicators,
 * /api/v1/indicators/<id>, /api/v1/alerts, /api/v1/status, /metrics
 * (Prometheus text format) and /graph/<id>.png (the cached chart, with
 * ETag, Last-Modified and Cache-Control); admin routes behind a token.
 * It sees the daemon through a view (webview.h) only, so that tests run
 * it on a view of their own.  Its files (web*.c) are the only ones, with
 * webconn.c, that include event2/http.h.
 */
#ifndef PLANWATCH_WEB_H
#define PLANWATCH_WEB_H

#include <sys/types.h>

#include <stddef.h>

#include "webview.h"

struct event_base;
struct web;

/*
 * Listens on addr ("127.0.0.1:8470"; port 0 picks a free one, logged) on
 * base, answering from view (copied; its arg must outlive the server).
 * NULL with err on failure.
 */
struct web *web_new(struct webview view, struct event_base *base,
    const char *addr, char *err, size_t errlen);
/* The port listened on. */
int web_port(const struct web *w);
/*
 * The admin token: admin_token_file's first line (16 characters or more),
 * refused when others may read the file or it is owned by neither root
 * nor user (the user planwatch runs as).  NULL with err.
 */
char *web_token_read(const char *path, uid_t user, char *err, size_t errlen);
/* Stops listening and frees; NULL is a no-op. */
void web_free(struct web *w);

#endif

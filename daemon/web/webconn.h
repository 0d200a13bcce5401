/*
 * webconn: the HTTP server's connections, counted and bounded.  evhttp
 * (libevent 2.1) accepts every connection it is offered and keeps each
 * for as long as its client sends a byte now and then; past the
 * process's descriptor limit accept() fails in a busy loop and every
 * journal write, outbox entry and fetch of the daemon fails with it.
 * Here the listening socket is planwatch's: at most a cap of connections
 * at once (the rest wait in the kernel's backlog), each closed when it
 * has not sent a whole request within the header timeout of being
 * accepted or answered, and a failing accept() backs off and is logged
 * at most once a second.  With web.c, the evhttp adapter.
 */
#ifndef PLANWATCH_WEBCONN_H
#define PLANWATCH_WEBCONN_H

#include <stddef.h>

struct event_base;
struct evhttp;
struct evhttp_request;
struct webconn;

/* Descriptors one connection may hold: its socket, and the chart file
 * being sent on it. */
#define WEBCONN_FDS_PER_CONN 2

/* What /metrics shows of the connections. */
struct webconn_counts {
	size_t open; /* held now */
	size_t cap; /* the most at once */
	unsigned long long accepted;
	unsigned long long header_timeouts; /* closed: no whole request */
	unsigned long long full; /* times the cap paused accepting */
	unsigned long long accept_errors; /* accept() failed, backed off */
};

/*
 * The most connections at once: configured, but no more than the
 * descriptors of nofile left once reserve are kept for the rest of the
 * daemon, WEBCONN_FDS_PER_CONN each; at least 1.
 */
size_t webconn_cap(long configured, long nofile, long reserve);
/*
 * Listens on host:port (0 picks a free port) for http, which takes the
 * listener (evhttp_free frees it): at most cap connections at once, each
 * given header_timeout seconds for a whole request from its acceptance
 * and again from each answer.  NULL with err.
 */
struct webconn *webconn_new(struct evhttp *http, struct event_base *base,
    const char *host, int port, size_t cap, double header_timeout, char *err,
    size_t errlen);
/* The port listened on. */
int webconn_port(const struct webconn *c);
/*
 * req was read whole (the request callback): its connection's clock
 * stops until the answer has gone out, then starts again.
 */
void webconn_request(struct webconn *c, struct evhttp_request *req);
/* The counts now. */
void webconn_counts(const struct webconn *c, struct webconn_counts *out);
/*
 * Lets go of the connections; after evhttp_free (which closed evhttp's
 * side of them).  NULL is a no-op.
 */
void webconn_free(struct webconn *c);

#endif

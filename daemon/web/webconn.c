/*
 * webconn: evhttp is given a listener of ours and makes each
 * connection's bufferevent through our callback (evhttp_set_bevcb), so
 * every connection passes here first.  We keep a reference to each
 * bufferevent in a table of cap slots.  When evhttp is done with a
 * connection it calls bufferevent_free, which clears the callbacks and
 * drops evhttp's reference; ours keeps the object and its socket until a
 * sweep (a 250 ms timer, and any new connection when the table is
 * nearly full) sees the callbacks gone and lets go (bufferevent_decref:
 * freed, socket closed).  So a slot is taken for as long as the
 * connection's descriptors are open, never less.
 *
 * Why callbacks: libevent 2.1.12's http.c sets them on an incoming
 * connection to (read, write, error), (read, write, error) again, or
 * (NULL, write, error) while a reply goes out; only bufferevent_free
 * clears all three.  A connection that evhttp reset instead (its socket
 * closed, the bufferevent's descriptor -1) is let go as well: its
 * descriptor is already given back.  Were either judged wrong, letting
 * go early would only count a connection too few: evhttp holds a
 * reference of its own for as long as it uses the bufferevent.
 *
 * When the table is full the listener is disabled: new clients wait in
 * the kernel's backlog, nothing is accepted that could not be served.  A
 * failing accept() (EMFILE, ENFILE: descriptors short anyway) disables it
 * too, for 100 ms doubling to 1 s, instead of libevent's default of
 * trying again at once and logging each failure.
 */
#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/listener.h>
#include <event2/util.h>

#include "clock.h"
#include "log.h"
#include "webconn.h"

#define WEBCONN_BACKLOG 128
#define WEBCONN_SWEEP 0.25 /* seconds between sweeps of the table */
#define WEBCONN_BACKOFF_MIN 0.1 /* after a failed accept(), doubling */
#define WEBCONN_BACKOFF_MAX 1.0

enum slot_state {
	SLOT_WAITING, /* for a whole request, until deadline */
	SLOT_ANSWERING, /* read whole; no deadline until answered */
	SLOT_CLOSING, /* shut down at its deadline; evhttp to free it */
};

struct slot {
	struct bufferevent *bev; /* our reference; NULL: the slot is free */
	enum slot_state state;
	double deadline; /* monotonic seconds */
};

/*
 * A repeated event logged at most once every `every` seconds: the first
 * at once, the others counted and told in the next line.
 */
struct ratelog {
	double every;
	double next; /* no line before this (monotonic seconds) */
	unsigned long held; /* events not told yet */
};

struct webconn {
	struct evconnlistener *listener;
	bool bound; /* evhttp has the listener (and frees it) */
	bool listening; /* the listener is enabled */
	bool backing_off; /* after a failed accept() */
	double backoff; /* the next back-off, seconds */
	int accept_errno; /* of the last failed accept() */
	bool warned_uncounted; /* bev_cb could not count a connection */
	struct event *sweep_timer, *backoff_timer;
	double header_timeout;
	int port;
	size_t cap;
	struct slot *slots;
	struct webconn_counts n;
	struct ratelog accept_log, timeout_log, full_log;
	struct webconn *next; /* in `servers` */
};

/*
 * libevent calls a listener's error callback with its accept callback's
 * argument, which evhttp_bind_listener made the evhttp: the listener
 * finds its webconn in this list (the loop's thread only).
 */
static struct webconn *servers;

static struct timeval
seconds_tv(double s)
{
	return (struct timeval){
	    (time_t)s, (suseconds_t)((s - (time_t)s) * 1e6)};
}

/* True when held events are due in a line: *n of them, then cleared. */
static bool
ratelog_due(struct ratelog *rl, double t, unsigned long *n)
{
	if (rl->held == 0 || t < rl->next)
		return false;
	*n = rl->held;
	rl->held = 0;
	rl->next = t + rl->every;
	return true;
}

/* Counts one event; ratelog_due. */
static bool
ratelog_count(struct ratelog *rl, double t, unsigned long *n)
{
	rl->held++;
	return ratelog_due(rl, t, n);
}

/* "once" or "N times". */
static const char *
times_text(unsigned long n, char *buf, size_t len)
{
	if (n == 1)
		return "once";
	snprintf(buf, len, "%lu times", n);
	return buf;
}

static void
log_accept_errors(const struct webconn *c, unsigned long n)
{
	char b[32];

	log_warn("http: accept: %s (%s in the last second); paused, tried "
		 "again after %g s doubling to %g s",
	    strerror(c->accept_errno), times_text(n, b, sizeof(b)),
	    WEBCONN_BACKOFF_MIN, WEBCONN_BACKOFF_MAX);
}

static void
log_timeouts(const struct webconn *c, unsigned long n)
{
	char b[32];

	log_info("http: closed a connection that sent no whole request "
		 "within %g s (%s in the last minute)",
	    c->header_timeout, times_text(n, b, sizeof(b)));
}

static void
log_full(const struct webconn *c, unsigned long n)
{
	char b[32];

	log_warn("http: all %zu connections in use, new ones wait (%s in "
		 "the last minute)",
	    c->cap, times_text(n, b, sizeof(b)));
}

/* Enables or disables the listener as the table and back-off say. */
static void
listener_update(struct webconn *c)
{
	bool want = !c->backing_off && c->n.open < c->cap;
	unsigned long n;

	if (want == c->listening)
		return;
	if ((want ? evconnlistener_enable(c->listener)
		  : evconnlistener_disable(c->listener)) != 0)
		return;
	c->listening = want;
	if (!want && c->n.open >= c->cap) {
		c->n.full++;
		if (ratelog_count(&c->full_log, clock_now_mono(), &n))
			log_full(c, n);
	}
}

/* The slot holding bev, or NULL. */
static struct slot *
slot_of(struct webconn *c, struct bufferevent *bev)
{
	for (size_t i = 0; bev != NULL && i < c->cap; i++)
		if (c->slots[i].bev == bev)
			return &c->slots[i];
	return NULL;
}

/* A free slot, or NULL. */
static struct slot *
slot_free(struct webconn *c)
{
	for (size_t i = 0; i < c->cap; i++)
		if (c->slots[i].bev == NULL)
			return &c->slots[i];
	return NULL;
}

/* True when evhttp is done with the connection (see the top). */
static bool
slot_finished(const struct slot *s)
{
	bufferevent_data_cb rd, wr;
	bufferevent_event_cb ev;

	bufferevent_getcb(s->bev, &rd, &wr, &ev, NULL);
	return (rd == NULL && wr == NULL && ev == NULL) ||
	    bufferevent_getfd(s->bev) < 0;
}

/* Lets go of our reference: the connection's descriptors close. */
static void
slot_release(struct webconn *c, struct slot *s)
{
	bufferevent_decref(s->bev);
	s->bev = NULL;
	c->n.open--;
}

/*
 * No whole request by the deadline: the socket is shut down both ways,
 * so evhttp reads end of file and frees the connection; the client sees
 * it closed.
 */
static void
slot_expire(struct webconn *c, struct slot *s, double t)
{
	evutil_socket_t fd = bufferevent_getfd(s->bev);
	unsigned long n;

	if (fd >= 0)
		shutdown(fd, SHUT_RDWR);
	s->state = SLOT_CLOSING;
	c->n.header_timeouts++;
	if (ratelog_count(&c->timeout_log, t, &n))
		log_timeouts(c, n);
}

/* Releases every slot evhttp is done with. */
static void
release_finished(struct webconn *c)
{
	for (size_t i = 0; i < c->cap; i++)
		if (c->slots[i].bev != NULL && slot_finished(&c->slots[i]))
			slot_release(c, &c->slots[i]);
}

/* Releases finished slots and shuts down those past their deadline. */
static void
sweep(struct webconn *c, double t)
{
	for (size_t i = 0; i < c->cap; i++) {
		struct slot *s = &c->slots[i];

		if (s->bev == NULL)
			continue;
		if (slot_finished(s))
			slot_release(c, s);
		else if (s->state == SLOT_WAITING && t >= s->deadline)
			slot_expire(c, s, t);
	}
}

/* Tells the events held back by the rate limits, once each allows. */
static void
logs_due(struct webconn *c, double t)
{
	unsigned long n;

	if (ratelog_due(&c->accept_log, t, &n))
		log_accept_errors(c, n);
	if (ratelog_due(&c->timeout_log, t, &n))
		log_timeouts(c, n);
	if (ratelog_due(&c->full_log, t, &n))
		log_full(c, n);
}

static void
sweep_cb(evutil_socket_t fd, short what, void *arg)
{
	struct webconn *c = arg;
	double t = clock_now_mono();

	(void)fd;
	(void)what;
	sweep(c, t);
	listener_update(c);
	logs_due(c, t);
}

/*
 * evhttp's bevcb: a new connection's bufferevent (its descriptor set by
 * evhttp next), in a free slot.  Returning NULL would make evhttp build
 * one of its own, uncounted: the listener is disabled before the table
 * is full, so that happens only if libevent accepted past a disable.
 */
static struct bufferevent *
bev_cb(struct event_base *base, void *arg)
{
	struct webconn *c = arg;
	struct bufferevent *bev;
	struct slot *s;

	if (c->n.open + 1 >= c->cap)
		release_finished(c);
	if ((s = slot_free(c)) == NULL ||
	    (bev = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE)) ==
		NULL) {
		if (!c->warned_uncounted)
			log_warn("http: a connection not counted (the cap is "
				 "%zu); said once",
			    c->cap);
		c->warned_uncounted = true;
		return NULL;
	}
	bufferevent_incref(bev);
	*s = (struct slot){
	    bev, SLOT_WAITING, clock_now_mono() + c->header_timeout};
	c->n.open++;
	c->n.accepted++;
	c->backoff = WEBCONN_BACKOFF_MIN;
	listener_update(c);
	return bev;
}

static void
backoff_cb(evutil_socket_t fd, short what, void *arg)
{
	struct webconn *c = arg;

	(void)fd;
	(void)what;
	c->backing_off = false;
	listener_update(c);
}

/*
 * accept() failed other than for a signal or a client gone: the
 * listener rests for the back-off; finished connections give their
 * descriptors back first.
 */
static void
accept_error_cb(struct evconnlistener *lev, void *arg)
{
	struct webconn *c = servers;
	struct timeval tv;
	unsigned long n;

	(void)arg; /* the evhttp (see `servers`) */
	while (c != NULL && c->listener != lev)
		c = c->next;
	if (c == NULL)
		return;
	c->accept_errno = errno;
	c->n.accept_errors++;
	release_finished(c);
	c->backing_off = true;
	listener_update(c);
	tv = seconds_tv(c->backoff);
	event_add(c->backoff_timer, &tv);
	if (ratelog_count(&c->accept_log, clock_now_mono(), &n))
		log_accept_errors(c, n);
	if ((c->backoff *= 2) > WEBCONN_BACKOFF_MAX)
		c->backoff = WEBCONN_BACKOFF_MAX;
}

/* evhttp: req's answer has gone out; the clock starts again. */
static void
request_done_cb(struct evhttp_request *req, void *arg)
{
	struct webconn *c = arg;
	struct evhttp_connection *evcon = evhttp_request_get_connection(req);
	struct slot *s = evcon != NULL
	    ? slot_of(c, evhttp_connection_get_bufferevent(evcon))
	    : NULL;

	if (s != NULL && s->state == SLOT_ANSWERING) {
		s->state = SLOT_WAITING;
		s->deadline = clock_now_mono() + c->header_timeout;
	}
}

void
webconn_request(struct webconn *c, struct evhttp_request *req)
{
	struct evhttp_connection *evcon = evhttp_request_get_connection(req);
	struct slot *s = evcon != NULL
	    ? slot_of(c, evhttp_connection_get_bufferevent(evcon))
	    : NULL;

	if (s == NULL || s->state != SLOT_WAITING)
		return;
	s->state = SLOT_ANSWERING;
	evhttp_request_set_on_complete_cb(req, request_done_cb, c);
}

size_t
webconn_cap(long configured, long nofile, long reserve)
{
	long spare =
	    nofile > reserve ? (nofile - reserve) / WEBCONN_FDS_PER_CONN : 0;
	long cap = configured < spare ? configured : spare;

	return cap >= 1 ? (size_t)cap : 1;
}

/* A listener bound to host:port, disabled, or NULL with err. */
static struct evconnlistener *
listener_bind(struct event_base *base, const char *host, int port, char *err,
    size_t errlen)
{
	struct evutil_addrinfo hints = {0}, *ai = NULL;
	struct evconnlistener *lev;
	char service[16];
	int rc;

	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = EVUTIL_AI_PASSIVE | EVUTIL_AI_ADDRCONFIG;
	snprintf(service, sizeof(service), "%d", port);
	if ((rc = evutil_getaddrinfo(host, service, &hints, &ai)) != 0) {
		snprintf(err, errlen, "%s", evutil_gai_strerror(rc));
		return NULL;
	}
	lev = evconnlistener_new_bind(base, NULL, NULL,
	    LEV_OPT_CLOSE_ON_FREE | LEV_OPT_CLOSE_ON_EXEC | LEV_OPT_REUSEABLE |
		LEV_OPT_DISABLED,
	    WEBCONN_BACKLOG, ai->ai_addr, (int)ai->ai_addrlen);
	if (lev == NULL)
		snprintf(err, errlen, "%s", strerror(errno));
	evutil_freeaddrinfo(ai);
	return lev;
}

/*
 * The listening socket's options and port.  Headers and a file body go
 * out as two writes: with Nagle's algorithm the body waited for the
 * client's delayed ACK, 40 ms a request (bench/web); accepted sockets
 * inherit TCP_NODELAY on Linux.
 */
static void
listener_setup(struct webconn *c)
{
	evutil_socket_t fd = evconnlistener_get_fd(c->listener);
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);

	if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &(int){1}, sizeof(int)) !=
	    0)
		log_warn("http: TCP_NODELAY: %s", strerror(errno));
	if (setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &(int){1}, sizeof(int)) !=
	    0)
		log_warn("http: SO_KEEPALIVE: %s", strerror(errno));
	if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0)
		c->port = ntohs(ss.ss_family == AF_INET6
			? ((struct sockaddr_in6 *)&ss)->sin6_port
			: ((struct sockaddr_in *)&ss)->sin_port);
}

struct webconn *
webconn_new(struct evhttp *http, struct event_base *base, const char *host,
    int port, size_t cap, double header_timeout, char *err, size_t errlen)
{
	struct webconn *c = malloc(sizeof(*c));
	struct slot *slots = calloc(cap, sizeof(*slots));
	struct timeval tv = seconds_tv(WEBCONN_SWEEP);

	if (c == NULL || slots == NULL) {
		snprintf(err, errlen, "out of memory");
		free(c);
		free(slots);
		return NULL;
	}
	*c = (struct webconn){.backoff = WEBCONN_BACKOFF_MIN,
	    .header_timeout = header_timeout,
	    .cap = cap,
	    .slots = slots,
	    .n = {.cap = cap},
	    .accept_log = {.every = 1},
	    .timeout_log = {.every = 60},
	    .full_log = {.every = 60}};
	c->sweep_timer = event_new(base, -1, EV_PERSIST, sweep_cb, c);
	c->backoff_timer = evtimer_new(base, backoff_cb, c);
	if (c->sweep_timer == NULL || c->backoff_timer == NULL ||
	    event_add(c->sweep_timer, &tv) != 0) {
		snprintf(err, errlen, "out of memory");
		webconn_free(c);
		return NULL;
	}
	if ((c->listener = listener_bind(base, host, port, err, errlen)) ==
	    NULL) {
		webconn_free(c);
		return NULL;
	}
	if (evhttp_bind_listener(http, c->listener) == NULL) {
		snprintf(err, errlen, "out of memory");
		webconn_free(c);
		return NULL;
	}
	c->bound = true;
	c->next = servers;
	servers = c;
	listener_setup(c);
	evconnlistener_set_error_cb(c->listener, accept_error_cb);
	evhttp_set_bevcb(http, bev_cb, c);
	listener_update(c);
	return c;
}

int
webconn_port(const struct webconn *c)
{
	return c->port;
}

void
webconn_counts(const struct webconn *c, struct webconn_counts *out)
{
	*out = c->n;
}

void
webconn_free(struct webconn *c)
{
	struct webconn **p = &servers;

	if (c == NULL)
		return;
	while (*p != NULL && *p != c)
		p = &(*p)->next;
	if (*p == c)
		*p = c->next;
	logs_due(c, HUGE_VAL); /* what the limits still held, at the end */
	if (c->sweep_timer != NULL)
		event_free(c->sweep_timer);
	if (c->backoff_timer != NULL)
		event_free(c->backoff_timer);
	for (size_t i = 0; i < c->cap; i++)
		if (c->slots[i].bev != NULL)
			bufferevent_decref(c->slots[i].bev);
	if (c->listener != NULL && !c->bound)
		evconnlistener_free(c->listener);
	free(c->slots);
	free(c);
}

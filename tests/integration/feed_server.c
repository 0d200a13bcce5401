/*
 * feed_server: evhttp with a generic callback looking the path up in a
 * small table guarded by a mutex (the test thread changes bodies while the
 * server thread serves them).
 */
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include "feed_server.h"

#define ROUTES_MAX 32

struct route {
	char path[128];
	int status;
	char *body;
	size_t len;
	int hits;
	char etag[64];
	char location[256];
	int retry_after;
	char auth[128];
	char last_inm[128];
	char *last_body; /* of the last request, NUL-terminated */
	char last_sig[128]; /* its X-Planwatch-Signature */
	char last_msgid[256]; /* its X-Planwatch-Message-Id */
	char last_method[16];
};

struct feed_server {
	struct event_base *base;
	struct evhttp *http;
	pthread_t thread;
	pthread_mutex_t lock;
	struct route routes[ROUTES_MAX];
	size_t nroutes;
	int port;
	int delay_ms;
	int waiting, peak_waiting;
	struct held *held; /* answers waiting for their delay */
};

/* An answer held back by the delay. */
struct held {
	struct feed_server *fs;
	struct evhttp_request *req;
	int status;
	struct evbuffer *out;
	struct held *next;
};

static struct route *
route_find(struct feed_server *fs, const char *path)
{
	for (size_t i = 0; i < fs->nroutes; i++)
		if (strcmp(fs->routes[i].path, path) == 0)
			return &fs->routes[i];
	return NULL;
}

/* What a webhook test asks of the last request: body, method, headers. */
static void
route_record(struct route *r, struct evhttp_request *req)
{
	struct evkeyvalq *in = evhttp_request_get_input_headers(req);
	struct evbuffer *body = evhttp_request_get_input_buffer(req);
	const char *sig = evhttp_find_header(in, "X-Planwatch-Signature");
	const char *id = evhttp_find_header(in, "X-Planwatch-Message-Id");
	size_t n = evbuffer_get_length(body);

	free(r->last_body);
	if ((r->last_body = malloc(n + 1)) != NULL) {
		evbuffer_copyout(body, r->last_body, n);
		r->last_body[n] = '\0';
	}
	snprintf(r->last_sig, sizeof(r->last_sig), "%s", sig ? sig : "");
	snprintf(r->last_msgid, sizeof(r->last_msgid), "%s", id ? id : "");
	snprintf(r->last_method, sizeof(r->last_method), "%s",
	    evhttp_request_get_command(req) == EVHTTP_REQ_POST ? "POST"
							       : "other");
}

/* Status and headers of r for request req; the body goes to out. */
static int
route_answer(struct route *r, struct evhttp_request *req, struct evbuffer *out)
{
	struct evkeyvalq *in = evhttp_request_get_input_headers(req);
	struct evkeyvalq *hdr = evhttp_request_get_output_headers(req);
	const char *inm = evhttp_find_header(in, "If-None-Match");
	const char *auth = evhttp_find_header(in, "Authorization");
	char num[32];

	r->hits++;
	snprintf(r->last_inm, sizeof(r->last_inm), "%s", inm ? inm : "");
	route_record(r, req);
	if (r->auth[0] && (auth == NULL || strcmp(auth, r->auth) != 0))
		return 401;
	if (r->etag[0]) {
		evhttp_add_header(hdr, "ETag", r->etag);
		if (inm != NULL && strcmp(inm, r->etag) == 0)
			return 304;
	}
	if (r->location[0])
		evhttp_add_header(hdr, "Location", r->location);
	if (r->retry_after >= 0) {
		snprintf(num, sizeof(num), "%d", r->retry_after);
		evhttp_add_header(hdr, "Retry-After", num);
	}
	evbuffer_add(out, r->body, r->len);
	return r->status;
}

static void
reply(struct evhttp_request *req, int status, struct evbuffer *out)
{
	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Type", "application/json");
	evhttp_send_reply(req, status, status < 400 ? "OK" : "Error",
	    status == 304 ? NULL : out);
	evbuffer_free(out);
}

static void
held_cb(evutil_socket_t fd, short what, void *arg)
{
	struct held *h = arg;

	(void)fd;
	(void)what;
	pthread_mutex_lock(&h->fs->lock);
	h->fs->waiting--;
	for (struct held **p = &h->fs->held; *p != NULL; p = &(*p)->next)
		if (*p == h) {
			*p = h->next;
			break;
		}
	pthread_mutex_unlock(&h->fs->lock);
	reply(h->req, h->status, h->out);
	free(h);
}

static void
serve_cb(struct evhttp_request *req, void *arg)
{
	struct feed_server *fs = arg;
	const struct evhttp_uri *uri = evhttp_request_get_evhttp_uri(req);
	const char *path = evhttp_uri_get_path(uri);
	const char *query = evhttp_uri_get_query(uri);
	char full[512];
	struct evbuffer *out = evbuffer_new();
	struct route *r;
	struct held *h;
	struct timeval tv;
	int status = 404, delay;

	/* "/path?query" is a route of its own when one is set (pages). */
	snprintf(
	    full, sizeof(full), "%s?%s", path ? path : "", query ? query : "");
	pthread_mutex_lock(&fs->lock);
	if (path != NULL &&
	    (((r = route_find(fs, full)) != NULL && query) ||
		(r = route_find(fs, path)) != NULL))
		status = route_answer(r, req, out);
	delay = fs->delay_ms;
	pthread_mutex_unlock(&fs->lock);
	if (delay <= 0 || (h = calloc(1, sizeof(*h))) == NULL) {
		reply(req, status, out);
		return;
	}
	*h = (struct held){fs, req, status, out, NULL};
	tv.tv_sec = delay / 1000;
	tv.tv_usec = (delay % 1000) * 1000;
	pthread_mutex_lock(&fs->lock);
	h->next = fs->held;
	fs->held = h;
	if (++fs->waiting > fs->peak_waiting)
		fs->peak_waiting = fs->waiting;
	pthread_mutex_unlock(&fs->lock);
	event_base_once(fs->base, -1, EV_TIMEOUT, held_cb, h, &tv);
}

static void *
server_main(void *arg)
{
	struct feed_server *fs = arg;

	event_base_dispatch(fs->base);
	return NULL;
}

struct feed_server *
feed_server_start(void)
{
	struct feed_server *fs = calloc(1, sizeof(*fs));
	struct evhttp_bound_socket *sock;
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);

	pthread_mutex_init(&fs->lock, NULL);
	fs->base = event_base_new();
	fs->http = evhttp_new(fs->base);
	evhttp_set_gencb(fs->http, serve_cb, fs);
	sock = evhttp_bind_socket_with_handle(fs->http, "127.0.0.1", 0);
	if (sock == NULL ||
	    getsockname(evhttp_bound_socket_get_fd(sock),
		(struct sockaddr *)&sin, &len) != 0) {
		feed_server_stop(fs);
		return NULL;
	}
	fs->port = ntohs(sin.sin_port);
	pthread_create(&fs->thread, NULL, server_main, fs);
	return fs;
}

int
feed_server_port(const struct feed_server *fs)
{
	return fs->port;
}

void
feed_server_set(struct feed_server *fs, const char *path, int status,
    const char *body, size_t len)
{
	struct route *r;

	pthread_mutex_lock(&fs->lock);
	if ((r = route_find(fs, path)) == NULL && fs->nroutes < ROUTES_MAX) {
		r = &fs->routes[fs->nroutes++];
		strncpy(r->path, path, sizeof(r->path) - 1);
		r->retry_after = -1;
	}
	if (r != NULL) {
		free(r->body);
		r->body = malloc(len ? len : 1);
		memcpy(r->body, body, len);
		r->len = len;
		r->status = status;
	}
	pthread_mutex_unlock(&fs->lock);
}

void
feed_server_extra(struct feed_server *fs, const char *path, const char *etag,
    const char *location, int retry_after, const char *require_auth)
{
	struct route *r;

	pthread_mutex_lock(&fs->lock);
	if ((r = route_find(fs, path)) != NULL) {
		snprintf(r->etag, sizeof(r->etag), "%s", etag ? etag : "");
		snprintf(r->location, sizeof(r->location), "%s",
		    location ? location : "");
		r->retry_after = retry_after;
		snprintf(r->auth, sizeof(r->auth), "%s",
		    require_auth ? require_auth : "");
	}
	pthread_mutex_unlock(&fs->lock);
}

void
feed_server_last_inm(
    struct feed_server *fs, const char *path, char *buf, size_t len)
{
	struct route *r;

	pthread_mutex_lock(&fs->lock);
	r = route_find(fs, path);
	snprintf(buf, len, "%s", r ? r->last_inm : "");
	pthread_mutex_unlock(&fs->lock);
}

char *
feed_server_last_request(struct feed_server *fs, const char *path, char *method,
    char *sig, char *msgid, size_t len)
{
	struct route *r;
	char *body = NULL;

	pthread_mutex_lock(&fs->lock);
	if ((r = route_find(fs, path)) != NULL && r->last_body != NULL) {
		body = strdup(r->last_body);
		snprintf(method, len, "%s", r->last_method);
		snprintf(sig, len, "%s", r->last_sig);
		snprintf(msgid, len, "%s", r->last_msgid);
	}
	pthread_mutex_unlock(&fs->lock);
	return body;
}

int
feed_server_hits(struct feed_server *fs, const char *path)
{
	struct route *r;
	int hits;

	pthread_mutex_lock(&fs->lock);
	hits = (r = route_find(fs, path)) != NULL ? r->hits : 0;
	pthread_mutex_unlock(&fs->lock);
	return hits;
}

void
feed_server_delay(struct feed_server *fs, int ms)
{
	pthread_mutex_lock(&fs->lock);
	fs->delay_ms = ms;
	pthread_mutex_unlock(&fs->lock);
}

int
feed_server_peak_waiting(struct feed_server *fs)
{
	int peak;

	pthread_mutex_lock(&fs->lock);
	peak = fs->peak_waiting;
	pthread_mutex_unlock(&fs->lock);
	return peak;
}

void
feed_server_stop(struct feed_server *fs)
{
	if (fs->port != 0) {
		event_base_loopbreak(fs->base);
		pthread_join(fs->thread, NULL);
	}
	evhttp_free(fs->http);
	event_base_free(fs->base);
	/* Answers still held when the test ended (a stalled feed). */
	while (fs->held != NULL) {
		struct held *h = fs->held;

		fs->held = h->next;
		evbuffer_free(h->out);
		free(h);
	}
	for (size_t i = 0; i < fs->nroutes; i++) {
		free(fs->routes[i].body);
		free(fs->routes[i].last_body);
	}
	pthread_mutex_destroy(&fs->lock);
	free(fs);
}

/*
 * curlev: libcurl tells us, through CURLMOPT_SOCKETFUNCTION, which sockets
 * to watch for what, and through CURLMOPT_TIMERFUNCTION when it next needs
 * to run; libevent watches and calls curl_multi_socket_action back.  After
 * each action, finished transfers are collected with curl_multi_info_read
 * and reported to their owners.
 *
 * Transfers beyond the process-wide cap wait in our own FIFO, not in
 * libcurl's: libcurl keeps its pending transfers in a list that
 * curl_multi_remove_handle walks, so 10,000 queued feeds made every
 * finished one cost a walk of thousands (a third of a 5,000-feed cycle's
 * CPU, bench/fetch), and their timeouts ran while they only waited.  A
 * transfer enters the multi handle when a slot is free, and its clock
 * starts then.
 *
 * Lifetimes: the per-socket event is created when curl first names a
 * socket and freed when curl says CURL_POLL_REMOVE.  The per-transfer
 * record (callback and argument) hangs off CURLOPT_PRIVATE and is freed
 * when the transfer ends, before the callback runs, so the callback may
 * start a new transfer or free the easy handle.
 */
#include <stdlib.h>

#include <curl/curl.h>
#include <event2/event.h>

#include "curlev.h"
#include "log.h"

struct transfer {
	CURL *easy; /* NULL until made, for a lazy one */
	curlev_make_cb make;
	curlev_done_cb done;
	void *arg;
	struct transfer *prev, *next;
};

struct curlev {
	struct event_base *base;
	CURLM *multi;
	struct event *timer;
	size_t active; /* transfers not yet ended, waiting ones included */
	size_t running; /* of them, in the multi handle */
	size_t max_running;
	bool closing; /* curlev_free: start nothing */
	struct transfer *transfers; /* in the multi handle */
	struct transfer *wait_head, *wait_tail; /* FIFO of the others */
	CURL **spare; /* released handles, reset, at most max_running */
	size_t nspare;
};

static void start_waiting(struct curlev *cev);

/* Detaches t from the multi handle and the list, frees t, reports. */
static void
transfer_end(struct curlev *cev, struct transfer *t, CURLcode result)
{
	struct transfer copy = *t;

	curl_multi_remove_handle(cev->multi, t->easy);
	curl_easy_setopt(t->easy, CURLOPT_PRIVATE, NULL);
	if (t->prev != NULL)
		t->prev->next = t->next;
	else
		cev->transfers = t->next;
	if (t->next != NULL)
		t->next->prev = t->prev;
	cev->active--;
	cev->running--;
	free(t);
	copy.done(copy.easy, (int)result, copy.arg);
	start_waiting(cev);
}

/* Puts t into the multi handle and the list; -1 when libcurl refuses. */
static int
transfer_attach(struct curlev *cev, struct transfer *t)
{
	curl_easy_setopt(t->easy, CURLOPT_PRIVATE, t);
	if (curl_multi_add_handle(cev->multi, t->easy) != CURLM_OK) {
		curl_easy_setopt(t->easy, CURLOPT_PRIVATE, NULL);
		return -1;
	}
	t->prev = NULL;
	t->next = cev->transfers;
	if (t->next != NULL)
		t->next->prev = t;
	cev->transfers = t;
	cev->running++;
	return 0;
}

/* Moves waiting transfers into free slots, oldest first. */
static void
start_waiting(struct curlev *cev)
{
	while (!cev->closing && cev->wait_head != NULL &&
	    cev->running < cev->max_running) {
		struct transfer *t = cev->wait_head;

		cev->wait_head = t->next;
		if (cev->wait_head == NULL)
			cev->wait_tail = NULL;
		t->next = NULL;
		if (t->easy == NULL && (t->easy = t->make(t->arg)) == NULL) {
			log_error("curl: out of memory for a queued transfer");
			cev->active--;
			t->done(NULL, (int)CURLE_OUT_OF_MEMORY, t->arg);
			free(t);
			continue;
		}
		if (transfer_attach(cev, t) != 0) {
			log_error("curl: cannot start a queued transfer");
			cev->active--;
			t->done(t->easy, (int)CURLE_OUT_OF_MEMORY, t->arg);
			free(t);
		}
	}
}

static void
check_done(struct curlev *cev)
{
	CURLMsg *msg;
	int left;

	while ((msg = curl_multi_info_read(cev->multi, &left)) != NULL) {
		struct transfer *t = NULL;

		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(
		    msg->easy_handle, CURLINFO_PRIVATE, (char **)&t);
		if (t != NULL)
			transfer_end(cev, t, msg->data.result);
	}
}

static void
socket_event_cb(evutil_socket_t fd, short what, void *arg)
{
	struct curlev *cev = arg;
	int mask = 0, running;

	if (what & EV_READ)
		mask |= CURL_CSELECT_IN;
	if (what & EV_WRITE)
		mask |= CURL_CSELECT_OUT;
	curl_multi_socket_action(cev->multi, fd, mask, &running);
	check_done(cev);
}

static void
timer_event_cb(evutil_socket_t fd, short what, void *arg)
{
	struct curlev *cev = arg;
	int running;

	(void)fd;
	(void)what;
	curl_multi_socket_action(cev->multi, CURL_SOCKET_TIMEOUT, 0, &running);
	check_done(cev);
}

static int
socket_cb(CURL *easy, curl_socket_t s, int action, void *userp, void *sockp)
{
	struct curlev *cev = userp;
	struct event *ev = sockp;
	short kind = EV_PERSIST;

	(void)easy;
	if (action == CURL_POLL_REMOVE) {
		if (ev != NULL)
			event_free(ev);
		curl_multi_assign(cev->multi, s, NULL);
		return 0;
	}
	if (action & CURL_POLL_IN)
		kind |= EV_READ;
	if (action & CURL_POLL_OUT)
		kind |= EV_WRITE;
	if (ev == NULL) {
		ev = event_new(cev->base, s, kind, socket_event_cb, cev);
		if (ev == NULL)
			return -1;
		curl_multi_assign(cev->multi, s, ev);
	} else {
		event_del(ev);
		event_assign(ev, cev->base, s, kind, socket_event_cb, cev);
	}
	return event_add(ev, NULL);
}

static int
timer_cb(CURLM *multi, long timeout_ms, void *userp)
{
	struct curlev *cev = userp;
	struct timeval tv;

	(void)multi;
	if (timeout_ms < 0)
		return event_del(cev->timer);
	tv.tv_sec = timeout_ms / 1000;
	tv.tv_usec = (timeout_ms % 1000) * 1000;
	return evtimer_add(cev->timer, &tv);
}

int
curlev_global_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void
curlev_global_cleanup(void)
{
	curl_global_cleanup();
}

struct curlev *
curlev_new(struct event_base *base, long max_total, long max_host)
{
	struct curlev *cev = calloc(1, sizeof(*cev));

	if (cev == NULL)
		return NULL;
	cev->base = base;
	cev->max_running = max_total > 0 ? (size_t)max_total : 1;
	cev->spare = calloc(cev->max_running, sizeof(*cev->spare));
	cev->multi = curl_multi_init();
	cev->timer = evtimer_new(base, timer_event_cb, cev);
	if (cev->multi == NULL || cev->timer == NULL || cev->spare == NULL) {
		curlev_free(cev);
		return NULL;
	}
	curl_multi_setopt(cev->multi, CURLMOPT_SOCKETFUNCTION, socket_cb);
	curl_multi_setopt(cev->multi, CURLMOPT_SOCKETDATA, cev);
	curl_multi_setopt(cev->multi, CURLMOPT_TIMERFUNCTION, timer_cb);
	curl_multi_setopt(cev->multi, CURLMOPT_TIMERDATA, cev);
	/* Caps that keep 10,000 feeds on one host from opening 10,000
	 * sockets: at most max_total transfers are in the multi handle (the
	 * rest wait in ours), at most max_host of them connected to one
	 * host (the rest of those wait, briefly, in libcurl's). */
	curl_multi_setopt(
	    cev->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, max_total);
	curl_multi_setopt(cev->multi, CURLMOPT_MAX_HOST_CONNECTIONS, max_host);
	curl_multi_setopt(cev->multi, CURLMOPT_MAXCONNECTS, max_total);
	return cev;
}

/* Starts t now when a slot is free, else queues it; -1 leaves t to free. */
static int
transfer_add(struct curlev *cev, struct transfer *t)
{
	if (cev->running < cev->max_running && cev->wait_head == NULL) {
		if (t->easy == NULL && (t->easy = t->make(t->arg)) == NULL)
			return -1;
		if (transfer_attach(cev, t) != 0)
			return -1;
		cev->active++;
		return 0;
	}
	cev->active++;
	if (cev->wait_tail != NULL)
		cev->wait_tail->next = t;
	else
		cev->wait_head = t;
	cev->wait_tail = t;
	return 0;
}

static int
add(struct curlev *cev, CURL *easy, curlev_make_cb make, curlev_done_cb done,
    void *arg)
{
	struct transfer *t;

	if (cev->closing || (t = calloc(1, sizeof(*t))) == NULL)
		return -1;
	*t = (struct transfer){
	    .easy = easy, .make = make, .done = done, .arg = arg};
	if (transfer_add(cev, t) != 0) {
		/* A handle made here but refused by libcurl is ours. */
		if (easy == NULL && t->easy != NULL)
			curl_easy_cleanup(t->easy);
		free(t);
		return -1;
	}
	return 0;
}

int
curlev_add(struct curlev *cev, void *easy, curlev_done_cb done, void *arg)
{
	return add(cev, easy, NULL, done, arg);
}

int
curlev_add_lazy(
    struct curlev *cev, curlev_make_cb make, curlev_done_cb done, void *arg)
{
	return add(cev, NULL, make, done, arg);
}

void *
curlev_easy(struct curlev *cev)
{
	if (cev->nspare > 0)
		return cev->spare[--cev->nspare];
	return curl_easy_init();
}

void
curlev_easy_release(struct curlev *cev, void *easy, int result)
{
	double seconds = 0;

	if (easy == NULL)
		return;
	/* libcurl (7.88) keeps its low-speed clock across curl_easy_reset:
	 * a handle that was slow once could fail its next transfer at once
	 * as "too slow ... the last 30 seconds".  So only a handle whose
	 * transfer went well and fast (the common case) is reused. */
	curl_easy_getinfo(easy, CURLINFO_TOTAL_TIME, &seconds);
	if (cev->closing || cev->nspare >= cev->max_running ||
	    result != CURLE_OK || seconds >= 1.0) {
		curl_easy_cleanup(easy);
		return;
	}
	curl_easy_reset(easy);
	cev->spare[cev->nspare++] = easy;
}

size_t
curlev_active(const struct curlev *cev)
{
	return cev->active;
}

void
curlev_free(struct curlev *cev)
{
	if (cev == NULL)
		return;
	cev->closing = true;
	while (cev->wait_head != NULL) {
		struct transfer *t = cev->wait_head;

		cev->wait_head = t->next;
		cev->active--;
		t->done(t->easy, (int)CURLE_ABORTED_BY_CALLBACK, t->arg);
		free(t);
	}
	cev->wait_tail = NULL;
	while (cev->transfers != NULL)
		transfer_end(cev, cev->transfers, CURLE_ABORTED_BY_CALLBACK);
	while (cev->nspare > 0)
		curl_easy_cleanup(cev->spare[--cev->nspare]);
	free(cev->spare);
	if (cev->multi != NULL)
		curl_multi_cleanup(cev->multi);
	if (cev->timer != NULL)
		event_free(cev->timer);
	free(cev);
}

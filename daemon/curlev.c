/*
 * curlev: libcurl tells us, through CURLMOPT_SOCKETFUNCTION, which sockets
 * to watch for what, and through CURLMOPT_TIMERFUNCTION when it next needs
 * to run; libevent watches and calls curl_multi_socket_action back.  After
 * each action, finished transfers are collected with curl_multi_info_read
 * and reported to their owners.
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
	CURL *easy;
	curlev_done_cb done;
	void *arg;
	struct transfer *prev, *next;
};

struct curlev {
	struct event_base *base;
	CURLM *multi;
	struct event *timer;
	size_t active;
	struct transfer *transfers; /* every transfer not yet ended */
};

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
	free(t);
	copy.done(copy.easy, (int)result, copy.arg);
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
	cev->multi = curl_multi_init();
	cev->timer = evtimer_new(base, timer_event_cb, cev);
	if (cev->multi == NULL || cev->timer == NULL) {
		curlev_free(cev);
		return NULL;
	}
	curl_multi_setopt(cev->multi, CURLMOPT_SOCKETFUNCTION, socket_cb);
	curl_multi_setopt(cev->multi, CURLMOPT_SOCKETDATA, cev);
	curl_multi_setopt(cev->multi, CURLMOPT_TIMERFUNCTION, timer_cb);
	curl_multi_setopt(cev->multi, CURLMOPT_TIMERDATA, cev);
	/* Caps that keep 10,000 feeds on one host from opening 10,000
	 * sockets: transfers past them wait in libcurl's queue. */
	curl_multi_setopt(
	    cev->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, max_total);
	curl_multi_setopt(cev->multi, CURLMOPT_MAX_HOST_CONNECTIONS, max_host);
	curl_multi_setopt(cev->multi, CURLMOPT_MAXCONNECTS, max_total);
	return cev;
}

int
curlev_add(struct curlev *cev, void *easy, curlev_done_cb done, void *arg)
{
	struct transfer *t = calloc(1, sizeof(*t));

	if (t == NULL)
		return -1;
	t->easy = easy;
	t->done = done;
	t->arg = arg;
	curl_easy_setopt(easy, CURLOPT_PRIVATE, t);
	if (curl_multi_add_handle(cev->multi, easy) != CURLM_OK) {
		curl_easy_setopt(easy, CURLOPT_PRIVATE, NULL);
		free(t);
		return -1;
	}
	t->next = cev->transfers;
	if (t->next != NULL)
		t->next->prev = t;
	cev->transfers = t;
	cev->active++;
	return 0;
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
	while (cev->transfers != NULL)
		transfer_end(cev, cev->transfers, CURLE_ABORTED_BY_CALLBACK);
	if (cev->multi != NULL)
		curl_multi_cleanup(cev->multi);
	if (cev->timer != NULL)
		event_free(cev->timer);
	free(cev);
}

/*
 * curlev: libcurl's multi interface driven by libevent, the shape of
 * curl's docs/examples/multi-event.c.  Every transfer of the process (feeds,
 * SMTP, webhooks) runs here, on the event loop, without blocking it.  Only
 * the curl adapters (curlev.c, fetch.c, smtp.c, webhook.c) include
 * curl/curl.h; this
 * header passes easy handles as void * so that its users need not.
 */
#ifndef PLANWATCH_CURLEV_H
#define PLANWATCH_CURLEV_H

#include <stddef.h>

struct event_base;
struct curlev;

/*
 * Called once when a transfer ends, with the easy handle (removed from the
 * multi handle, now the callback's to clean up), the CURLcode and arg.
 */
typedef void (*curlev_done_cb)(void *easy, int result, void *arg);
/* Makes a configured easy handle for arg; NULL when out of memory. */
typedef void *(*curlev_make_cb)(void *arg);

/* libcurl's process-wide set-up and tear-down, once each, from main. */
int curlev_global_init(void);
void curlev_global_cleanup(void);
/*
 * Creates the multi handle on base, with at most max_total connections
 * for the process and max_host per host (reused: keep-alive); NULL on
 * failure.
 */
struct curlev *curlev_new(
    struct event_base *base, long max_total, long max_host);
/* Aborts every transfer (each callback gets CURLE_ABORTED_BY_CALLBACK),
 * then frees. */
void curlev_free(struct curlev *cev);
/*
 * Starts a configured easy handle, or queues it while max_total transfers
 * run; done is called when it ends.
 */
int curlev_add(struct curlev *cev, void *easy, curlev_done_cb done, void *arg);
/*
 * curlev_add for a handle made only when the transfer leaves the queue:
 * a libcurl handle is 5 KiB, and 10,000 queued feeds need none until
 * their turn.  If make fails then, done gets a NULL handle and
 * CURLE_OUT_OF_MEMORY.
 */
int curlev_add_lazy(
    struct curlev *cev, curlev_make_cb make, curlev_done_cb done, void *arg);
/*
 * An easy handle for a new transfer: a used one, reset, when there is one.
 * Allocating a fresh 5 KiB handle per fetch was a sixth of a daemon
 * cycle's CPU (bench/fetch).  NULL when out of memory.
 */
void *curlev_easy(struct curlev *cev);
/*
 * Gives back a handle that ended (in its done callback) with result, the
 * CURLcode its done callback got; NULL is a no-op.  It is kept for reuse
 * only when its transfer went well in under a second, else freed.
 */
void curlev_easy_release(struct curlev *cev, void *easy, int result);
/* Number of transfers not yet ended. */
size_t curlev_active(const struct curlev *cev);

#endif

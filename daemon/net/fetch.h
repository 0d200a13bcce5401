/*
 * fetch: one HTTP(S) or file transfer of a collector's feed, set up with
 * the collector's limits (protocols, timeouts, size cap, no redirects) and
 * run on curlev.  The outcome comes back to one callback on the loop.
 * Validators that could carry a header of the feed's into a later request
 * are never returned and never sent.
 */
#ifndef PLANWATCH_FETCH_H
#define PLANWATCH_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "curlev.h"

enum fetch_outcome {
	FETCH_OK,
	FETCH_NOT_MODIFIED, /* 304: the validators still hold */
	FETCH_HTTP_STATUS, /* the server answered with a status >= 400 */
	FETCH_TOO_LARGE, /* the body passed max_bytes */
	FETCH_TIMEOUT,
	FETCH_CONNECT, /* no connection (refused, unreachable, DNS) */
	FETCH_FAILED, /* anything else libcurl reported */
	FETCH_ABORTED, /* the process is shutting down */
};
#define FETCH_OUTCOMES (FETCH_ABORTED + 1)

/* Caps on the validators kept and sent back, in bytes with the NUL. */
#define FETCH_ETAG_MAX 256
#define FETCH_LAST_MODIFIED_MAX 64

struct fetch_result {
	enum fetch_outcome outcome;
	long status; /* HTTP status, 0 for file: */
	const char *body; /* borrowed; NUL-terminated; valid in the callback */
	size_t len;
	double seconds;
	char etag[FETCH_ETAG_MAX]; /* the response's ETag, or "" */
	char last_modified[FETCH_LAST_MODIFIED_MAX]; /* its Last-Modified */
	char refused[256]; /* validators of the response dropped, and why */
	double retry_after; /* seconds asked by Retry-After, or -1 */
	char err[256]; /* why, when the outcome is a failure */
};

/* Validators of the last good response, for a conditional GET. */
struct fetch_validators {
	const char *etag; /* or NULL */
	const char *last_modified; /* or NULL */
};

typedef void (*fetch_done_cb)(const struct fetch_result *r, void *arg);

/*
 * Starts fetching c's URL, conditionally when v names validators; done is
 * called exactly once unless this returns -1 (with err).
 */
int fetch_start(struct curlev *cev, const struct collector_conf *c,
    const struct fetch_validators *v, fetch_done_cb done, void *arg, char *err,
    size_t errlen);
/* fetch_start for another URL of c (a further page): no validators. */
int fetch_start_url(struct curlev *cev, const struct collector_conf *c,
    const char *url, fetch_done_cb done, void *arg, char *err, size_t errlen);
/*
 * The URL of page n of the paged answer at url: page=n in its query, in
 * place of any page parameter there, before its fragment.  Caller frees;
 * NULL with err.
 */
char *fetch_page_url(const char *url, int n, char *err, size_t errlen);
/*
 * 0 when a validator (ETag, Last-Modified) may be sent back in a request
 * header: shorter than max bytes, no byte below 0x20 nor 0x7f (a CR or LF
 * would end the header line and start one of the feed's choosing); -1
 * with why.
 */
int fetch_validator_check(
    const char *value, size_t max, char *err, size_t errlen);
/* True for the outcomes that count as a failed fetch. */
bool fetch_failed(enum fetch_outcome outcome);
/* Returns "ok", "http_status", "too_large", ... */
const char *fetch_outcome_name(enum fetch_outcome outcome);

#endif

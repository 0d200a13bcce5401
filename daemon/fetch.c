/*
 * fetch: the one place a feed's curl handle is configured (collectd copies
 * this setup into three plugins; we keep one).  Hostile-feed limits:
 * protocols set explicitly (file only with allow_file), redirects off,
 * a total and a connect timeout, a low-speed cut-off for servers that
 * trickle, and a body cap enforced both from Content-Length
 * (CURLOPT_MAXFILESIZE) and while receiving (the write callback stops the
 * transfer as soon as the cap is passed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "fetch.h"

#define CONNECT_TIMEOUT_MS 10000L
#define LOW_SPEED_BYTES 16L
#define LOW_SPEED_SECONDS 30L

struct fetch {
	const struct collector_conf *conf;
	fetch_done_cb done;
	void *arg;
	char *body;
	size_t len, cap;
	bool too_large;
	char curl_err[CURL_ERROR_SIZE];
};

static const char *const outcome_names[] = {
    [FETCH_OK] = "ok",
    [FETCH_HTTP_STATUS] = "http_status",
    [FETCH_TOO_LARGE] = "too_large",
    [FETCH_TIMEOUT] = "timeout",
    [FETCH_CONNECT] = "connect",
    [FETCH_FAILED] = "failed",
    [FETCH_ABORTED] = "aborted",
};

const char *
fetch_outcome_name(enum fetch_outcome outcome)
{
	return outcome_names[outcome];
}

static size_t
write_cb(char *data, size_t size, size_t nmemb, void *userp)
{
	struct fetch *f = userp;
	size_t n = size * nmemb;

	if (n > f->conf->max_bytes - f->len) {
		f->too_large = true;
		return 0; /* makes curl stop with CURLE_WRITE_ERROR */
	}
	if (f->len + n + 1 > f->cap) {
		size_t cap = f->cap ? f->cap : 16384;
		char *p;

		while (cap < f->len + n + 1)
			cap *= 2;
		if ((p = realloc(f->body, cap)) == NULL)
			return 0;
		f->body = p;
		f->cap = cap;
	}
	memcpy(f->body + f->len, data, n);
	f->len += n;
	f->body[f->len] = '\0';
	return n;
}

static enum fetch_outcome
classify(struct fetch *f, CURLcode rc, long status, char *err, size_t len)
{
	if (f->too_large || rc == CURLE_FILESIZE_EXCEEDED) {
		snprintf(err, len, "body larger than max_bytes (%zu)",
		    f->conf->max_bytes);
		return FETCH_TOO_LARGE;
	}
	if (rc == CURLE_ABORTED_BY_CALLBACK) {
		snprintf(err, len, "aborted");
		return FETCH_ABORTED;
	}
	if (rc != CURLE_OK) {
		snprintf(err, len, "%s",
		    *f->curl_err ? f->curl_err : curl_easy_strerror(rc));
		if (rc == CURLE_OPERATION_TIMEDOUT)
			return FETCH_TIMEOUT;
		if (rc == CURLE_COULDNT_CONNECT ||
		    rc == CURLE_COULDNT_RESOLVE_HOST)
			return FETCH_CONNECT;
		return FETCH_FAILED;
	}
	if (status >= 400) {
		snprintf(err, len, "HTTP status %ld", status);
		return FETCH_HTTP_STATUS;
	}
	return FETCH_OK;
}

static void
fetch_done(void *easy, int result, void *arg)
{
	struct fetch *f = arg;
	struct fetch_result r = {0};

	curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &r.status);
	curl_easy_getinfo(easy, CURLINFO_TOTAL_TIME, &r.seconds);
	r.outcome =
	    classify(f, (CURLcode)result, r.status, r.err, sizeof(r.err));
	r.body = f->body ? f->body : "";
	r.len = f->len;
	curl_easy_cleanup(easy);
	f->done(&r, f->arg);
	free(f->body);
	free(f);
}

static void
fetch_setup(CURL *easy, struct fetch *f)
{
	const struct collector_conf *c = f->conf;

	curl_easy_setopt(easy, CURLOPT_URL, c->url);
	curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR,
	    c->allow_file ? "http,https,file" : "http,https");
	curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, (long)(c->timeout * 1000));
	curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, CONNECT_TIMEOUT_MS);
	curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, LOW_SPEED_BYTES);
	curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, LOW_SPEED_SECONDS);
	curl_easy_setopt(
	    easy, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)c->max_bytes);
	curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(easy, CURLOPT_WRITEDATA, f);
	curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, f->curl_err);
	curl_easy_setopt(easy, CURLOPT_USERAGENT, "planwatch/0.1");
	curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
}

int
fetch_start(struct curlev *cev, const struct collector_conf *c,
    fetch_done_cb done, void *arg)
{
	struct fetch *f = calloc(1, sizeof(*f));
	CURL *easy = curl_easy_init();

	if (f == NULL || easy == NULL) {
		free(f);
		curl_easy_cleanup(easy);
		return -1;
	}
	f->conf = c;
	f->done = done;
	f->arg = arg;
	fetch_setup(easy, f);
	if (curlev_add(cev, easy, fetch_done, f) != 0) {
		curl_easy_cleanup(easy);
		free(f);
		return -1;
	}
	return 0;
}

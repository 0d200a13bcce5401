/*
 * fetch: the one place a feed's curl handle is configured (collectd copies
 * this setup into three plugins; we keep one).  Hostile-feed limits:
 * protocols set explicitly (file only with allow_file), redirects off
 * unless configured (then at most N, and only to https, or to http and
 * https from an http URL), a total and a connect timeout, a low-speed
 * cut-off for servers that trickle, and a body cap enforced both from
 * Content-Length (CURLOPT_MAXFILESIZE) and while receiving (the write
 * callback stops the transfer as soon as the cap is passed).  TLS is
 * verified (libcurl's default), against ca_file when configured.  Proxies
 * come from the environment, as libcurl reads it (http_proxy, HTTPS_PROXY,
 * NO_PROXY; not HTTP_PROXY, see docs/collectors.md).
 *
 * Politeness: the validators of the last good response (ETag,
 * Last-Modified) are sent back as If-None-Match / If-Modified-Since, and a
 * 304 costs no parse and no write.  Retry-After is read for the caller's
 * back-off.  The Authorization value comes from a file or an environment
 * variable at each fetch and is never logged.
 *
 * A validator is the feed's text that planwatch writes into its own later
 * requests, so it is read like any outside input: through libcurl's header
 * API (curl_easy_header, which also joins folded lines and ends a value at
 * a bare CR), only from the last response of the transfer, and refused
 * when it holds a control byte or passes its cap (fetch_validator_check).
 * The same check runs again before one is sent.  Paged URLs are built with
 * libcurl's URL API, not by pasting text.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "buf.h"
#include "fetch.h"
#include "fsutil.h"

#define AUTH_MAX 4096

struct fetch {
	struct curlev *cev;
	const struct collector_conf *conf;
	char *url; /* NULL: the collector's */
	fetch_done_cb done;
	void *arg;
	struct buf body; /* capped at the collector's max_bytes */
	bool too_large;
	struct curl_slist *headers;
	char curl_err[CURL_ERROR_SIZE];
};

static const char *const outcome_names[] = {
    [FETCH_OK] = "ok",
    [FETCH_NOT_MODIFIED] = "not_modified",
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

bool
fetch_failed(enum fetch_outcome outcome)
{
	return outcome != FETCH_OK && outcome != FETCH_NOT_MODIFIED &&
	    outcome != FETCH_ABORTED;
}

static size_t
write_cb(char *data, size_t size, size_t nmemb, void *userp)
{
	struct fetch *f = userp;
	size_t n = size * nmemb;

	/* 0 makes curl stop with CURLE_WRITE_ERROR. */
	if (buf_add(&f->body, data, n) != 0) {
		f->too_large = errno == E2BIG;
		return 0;
	}
	return n;
}

int
fetch_validator_check(const char *value, size_t max, char *err, size_t errlen)
{
	size_t len = strnlen(value, max);

	if (len == max) {
		snprintf(err, errlen, "longer than %zu bytes", max - 1);
		return -1;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char b = (unsigned char)value[i];

		if (b < 0x20 || b == 0x7f) {
			snprintf(err, errlen,
			    "control byte 0x%02x at offset %zu", b, i);
			return -1;
		}
	}
	return 0;
}

/*
 * Copies the last response's header name into dst (dstlen bytes, its
 * cap) when it may be sent back; a refused one is added to r->refused.
 * Request -1 is the last response: a redirect's validators are not the
 * feed's.
 */
static void
read_validator(CURL *easy, const char *name, char *dst, size_t dstlen,
    struct fetch_result *r)
{
	struct curl_header *h;
	char why[64];
	size_t n;

	dst[0] = '\0';
	if (curl_easy_header(easy, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK)
		return;
	if (fetch_validator_check(h->value, dstlen, why, sizeof(why)) == 0) {
		snprintf(dst, dstlen, "%s", h->value);
		return;
	}
	n = strlen(r->refused);
	snprintf(r->refused + n, sizeof(r->refused) - n, "%s%s: %s",
	    n > 0 ? "; " : "", name, why);
}

/*
 * Seconds asked by the last response's Retry-After, or -1.  libcurl reads
 * both forms (seconds, an HTTP date) but reports 0 for "none" as for
 * "now", and keeps a redirect's value when the last response has none:
 * the header itself says whether there is one.
 */
static double
retry_after(CURL *easy)
{
	struct curl_header *h;
	curl_off_t secs = 0;

	if (curl_easy_header(easy, "Retry-After", 0, CURLH_HEADER, -1, &h) !=
		CURLHE_OK ||
	    curl_easy_getinfo(easy, CURLINFO_RETRY_AFTER, &secs) != CURLE_OK)
		return -1;
	return secs > 0 ? (double)secs : 0; /* a date past is "now" */
}

/*
 * The response's fields we use, read once the transfer ended (libcurl
 * keeps every header line, each capped at CURL_MAX_HTTP_HEADER).
 */
static void
read_response(CURL *easy, struct fetch_result *r)
{
	curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &r->status);
	curl_easy_getinfo(easy, CURLINFO_TOTAL_TIME, &r->seconds);
	read_validator(easy, "ETag", r->etag, sizeof(r->etag), r);
	read_validator(easy, "Last-Modified", r->last_modified,
	    sizeof(r->last_modified), r);
	r->retry_after = retry_after(easy);
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
	if (status == 304)
		return FETCH_NOT_MODIFIED;
	if (status >= 300 && status < 400) {
		snprintf(err, len,
		    "HTTP status %ld: redirects are off for this "
		    "collector (see redirects)",
		    status);
		return FETCH_HTTP_STATUS;
	}
	if (status >= 400) {
		snprintf(err, len, "HTTP status %ld", status);
		return FETCH_HTTP_STATUS;
	}
	return FETCH_OK;
}

static void
fetch_free(struct fetch *f)
{
	curl_slist_free_all(f->headers);
	free(f->url);
	buf_free(&f->body);
	free(f);
}

static void
fetch_done(void *easy, int result, void *arg)
{
	struct fetch *f = arg;
	struct fetch_result r = {.retry_after = -1};

	/* No handle: it could not be made when its turn came. */
	if (easy != NULL)
		read_response(easy, &r);
	r.outcome =
	    classify(f, (CURLcode)result, r.status, r.err, sizeof(r.err));
	r.body = buf_str(&f->body);
	r.len = buf_len(&f->body);
	curlev_easy_release(f->cev, easy, result);
	f->done(&r, f->arg);
	fetch_free(f);
}

/* The Authorization value, from auth_file or auth_env; NULL with err. */
static char *
auth_value(const struct collector_conf *c, char *err, size_t errlen)
{
	char *buf;
	size_t len;

	if (c->auth_env != NULL) {
		const char *v = getenv(c->auth_env);

		if (v == NULL || *v == '\0') {
			snprintf(err, errlen,
			    "auth_env: environment variable %s is not set",
			    c->auth_env);
			return NULL;
		}
		return strdup(v);
	}
	if (fsutil_read_capped(
		c->auth_file, AUTH_MAX, &buf, &len, err, errlen) != 0)
		return NULL;
	buf[strcspn(buf, "\r\n")] = '\0';
	return buf;
}

/*
 * Adds "name: value" to f's request headers; a validator that may not be
 * sent (none gets this far: fetch.c and collstate.c refuse them before)
 * is left out, as a fetch without it is only less polite.  -1: ENOMEM.
 */
static int
add_validator(struct fetch *f, const char *name, const char *value, size_t max)
{
	char line[FETCH_ETAG_MAX + 32], why[64];
	struct curl_slist *l;

	if (value == NULL || *value == '\0' ||
	    fetch_validator_check(value, max, why, sizeof(why)) != 0)
		return 0;
	snprintf(line, sizeof(line), "%s: %s", name, value);
	if ((l = curl_slist_append(f->headers, line)) == NULL)
		return -1;
	f->headers = l;
	return 0;
}

/* Request headers: validators and Authorization; -1 with err. */
static int
fetch_headers(
    struct fetch *f, const struct fetch_validators *v, char *err, size_t errlen)
{
	const struct collector_conf *c = f->conf;
	char line[AUTH_MAX + 32];
	struct curl_slist *l;

	if (v != NULL &&
	    (add_validator(f, "If-None-Match", v->etag, FETCH_ETAG_MAX) != 0 ||
		add_validator(f, "If-Modified-Since", v->last_modified,
		    FETCH_LAST_MODIFIED_MAX) != 0))
		return -1;
	if (c->auth_file != NULL || c->auth_env != NULL) {
		char *auth = auth_value(c, err, errlen);

		if (auth == NULL)
			return -1;
		snprintf(line, sizeof(line), "Authorization: %s", auth);
		memset(auth, 0, strlen(auth));
		free(auth);
		l = curl_slist_append(f->headers, line);
		memset(line, 0, sizeof(line));
		if (l == NULL)
			return -1;
		f->headers = l;
	}
	return 0;
}

static void
fetch_setup(CURL *easy, struct fetch *f)
{
	const struct collector_conf *c = f->conf;
	const char *url = f->url != NULL ? f->url : c->url;
	bool https = strncasecmp(url, "https:", 6) == 0;

	curl_easy_setopt(easy, CURLOPT_URL, url);
	curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR,
	    c->allow_file ? "http,https,file" : "http,https");
	curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, c->redirects > 0);
	if (c->redirects > 0) {
		curl_easy_setopt(easy, CURLOPT_MAXREDIRS, c->redirects);
		/* Never from https down to http, never to another scheme. */
		curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR,
		    https ? "https" : "http,https");
	}
	curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, (long)(c->timeout * 1000));
	curl_easy_setopt(
	    easy, CURLOPT_CONNECTTIMEOUT_MS, (long)(c->connect_timeout * 1000));
	curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, c->low_speed_limit);
	curl_easy_setopt(
	    easy, CURLOPT_LOW_SPEED_TIME, (long)(c->low_speed_time + 0.5));
	curl_easy_setopt(
	    easy, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)c->max_bytes);
	curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(easy, CURLOPT_WRITEDATA, f);
	curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, f->curl_err);
	curl_easy_setopt(easy, CURLOPT_USERAGENT, "planwatch/0.1");
	curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
	if (c->ca_file != NULL)
		curl_easy_setopt(easy, CURLOPT_CAINFO, c->ca_file);
	if (f->headers != NULL)
		curl_easy_setopt(easy, CURLOPT_HTTPHEADER, f->headers);
}

/* curlev: the handle, made when the transfer's turn comes. */
static void *
fetch_make(void *arg)
{
	struct fetch *f = arg;
	CURL *easy = curlev_easy(f->cev);

	if (easy != NULL)
		fetch_setup(easy, arg);
	return easy;
}

static int
fetch_begin(struct curlev *cev, const struct collector_conf *c, const char *url,
    const struct fetch_validators *v, fetch_done_cb done, void *arg, char *err,
    size_t errlen)
{
	struct fetch *f = calloc(1, sizeof(*f));

	snprintf(err, errlen, "out of memory");
	if (f == NULL || (url != NULL && (f->url = strdup(url)) == NULL))
		goto fail;
	f->cev = cev;
	f->conf = c;
	buf_init(&f->body, c->max_bytes);
	f->done = done;
	f->arg = arg;
	if (fetch_headers(f, v, err, errlen) != 0)
		goto fail;
	if (curlev_add_lazy(cev, fetch_make, fetch_done, f) != 0) {
		snprintf(err, errlen, "cannot start the transfer");
		goto fail;
	}
	return 0;
fail:
	if (f != NULL)
		fetch_free(f);
	return -1;
}

/* Whether the query parameter p (n bytes, up to its '&') is page. */
static bool
is_page_param(const char *p, size_t n)
{
	return n >= 4 && strncmp(p, "page", 4) == 0 && (n == 4 || p[4] == '=');
}

/* query without its page parameters (caller frees); NULL: ENOMEM. */
static char *
query_without_page(const char *query)
{
	char *kept = malloc(strlen(query) + 1);
	size_t len = 0, n;

	if (kept == NULL)
		return NULL;
	for (const char *p = query;; p += n + 1) {
		n = strcspn(p, "&");
		if (!is_page_param(p, n)) {
			if (len > 0)
				kept[len++] = '&';
			memcpy(kept + len, p, n);
			len += n;
		}
		if (p[n] == '\0')
			break;
	}
	kept[len] = '\0';
	return kept;
}

/*
 * Replaces u's page parameters with page=n.  The query is set without
 * them (or removed when nothing else is left), then page=n appended with
 * the URL API, which puts it before the fragment: pasted at the end of the
 * text, it would land in the fragment, which is never sent.
 */
static CURLUcode
url_set_page(CURLU *u, int n)
{
	char *query = NULL, *kept = NULL, param[32];
	CURLUcode rc = curl_url_get(u, CURLUPART_QUERY, &query, 0);

	if (rc != CURLUE_OK && rc != CURLUE_NO_QUERY)
		return rc;
	if (query != NULL && (kept = query_without_page(query)) == NULL)
		rc = CURLUE_OUT_OF_MEMORY;
	else
		rc = curl_url_set(u, CURLUPART_QUERY,
		    kept != NULL && *kept != '\0' ? kept : NULL, 0);
	curl_free(query);
	free(kept);
	snprintf(param, sizeof(param), "page=%d", n);
	if (rc == CURLUE_OK)
		rc = curl_url_set(u, CURLUPART_QUERY, param,
		    CURLU_APPENDQUERY | CURLU_URLENCODE);
	return rc;
}

char *
fetch_page_url(const char *url, int n, char *err, size_t errlen)
{
	CURLU *u = curl_url();
	char *text = NULL, *page_url = NULL;
	CURLUcode rc = CURLUE_OUT_OF_MEMORY;

	if (u != NULL &&
	    (rc = curl_url_set(u, CURLUPART_URL, url, 0)) == CURLUE_OK &&
	    (rc = url_set_page(u, n)) == CURLUE_OK &&
	    (rc = curl_url_get(u, CURLUPART_URL, &text, 0)) == CURLUE_OK &&
	    (page_url = strdup(text)) == NULL)
		rc = CURLUE_OUT_OF_MEMORY;
	/* Not the URL: it may hold a user and a password. */
	if (page_url == NULL)
		snprintf(err, errlen, "cannot build the URL of page %d: %s", n,
		    curl_url_strerror(rc));
	curl_free(text);
	curl_url_cleanup(u);
	return page_url;
}

int
fetch_start(struct curlev *cev, const struct collector_conf *c,
    const struct fetch_validators *v, fetch_done_cb done, void *arg, char *err,
    size_t errlen)
{
	return fetch_begin(cev, c, NULL, v, done, arg, err, errlen);
}

int
fetch_start_url(struct curlev *cev, const struct collector_conf *c,
    const char *url, fetch_done_cb done, void *arg, char *err, size_t errlen)
{
	return fetch_begin(cev, c, url, NULL, done, arg, err, errlen);
}

/*
 * daemon_client: one blocking libcurl transfer per question, bounded by a
 * 10 s timeout, http only (the daemon's own server, never a redirect).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <jansson.h>

#include "buf.h"
#include "daemon_client.h"

#define REPLY_MAX (4u << 20)

/* The answer's bytes, up to REPLY_MAX (a refusal ends the transfer). */
static size_t
body_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	size_t len = size * nmemb;

	return buf_add(arg, data, len) == 0 ? len : 0;
}

int
daemon_client_url(
    const struct config *c, const char *path, char *url, size_t len)
{
	const char *colon;
	bool any;

	if (c->listen == NULL || (colon = strrchr(c->listen, ':')) == NULL)
		return -1;
	any = strncmp(c->listen, "0.0.0.0:", 8) == 0;
	snprintf(url, len, "http://%.*s:%s%s",
	    any ? 9 : (int)(colon - c->listen), any ? "127.0.0.1" : c->listen,
	    colon + 1, path);
	return 0;
}

long
daemon_client_request(const char *url, bool post, const char *token,
    char **body, char *err, size_t errlen)
{
	return daemon_client_post(
	    url, post ? "" : NULL, 0, NULL, token, body, err, errlen);
}

long
daemon_client_post(const char *url, const char *data, size_t datalen,
    const char *ctype, const char *token, char **body, char *err, size_t errlen)
{
	char errbuf[CURL_ERROR_SIZE] = "", *auth = NULL, ctline[128];
	struct curl_slist *headers = NULL;
	struct buf b;
	long code = -1;
	CURL *easy;
	CURLcode rc;

	*body = NULL;
	buf_init(&b, REPLY_MAX);
	if ((easy = curl_easy_init()) == NULL) {
		snprintf(err, errlen, "cannot initialise libcurl");
		return -1;
	}
	if (ctype != NULL) {
		snprintf(ctline, sizeof(ctline), "Content-Type: %s", ctype);
		if ((headers = curl_slist_append(NULL, ctline)) == NULL) {
			snprintf(err, errlen, "out of memory");
			curl_easy_cleanup(easy);
			return -1;
		}
	}
	if (token != NULL) {
		size_t n = strlen(token) + 32;
		struct curl_slist *h = NULL;

		if ((auth = malloc(n)) != NULL) {
			snprintf(auth, n, "Authorization: Bearer %s", token);
			h = curl_slist_append(headers, auth);
		}
		if (h == NULL) {
			curl_slist_free_all(headers);
			snprintf(err, errlen, "out of memory");
			free(auth);
			curl_easy_cleanup(easy);
			return -1;
		}
		headers = h;
	}
	curl_easy_setopt(easy, CURLOPT_URL, url);
	curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http");
	curl_easy_setopt(easy, CURLOPT_TIMEOUT, 10L);
	curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, body_cb);
	curl_easy_setopt(easy, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
	if (data != NULL) {
		curl_easy_setopt(
		    easy, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)datalen);
		curl_easy_setopt(easy, CURLOPT_POSTFIELDS, data);
	}
	rc = curl_easy_perform(easy);
	if (rc == CURLE_OK) {
		curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &code);
		*body = buf_take(&b);
	} else {
		snprintf(err, errlen, "no daemon answers at %s: %s", url,
		    *errbuf ? errbuf : curl_easy_strerror(rc));
		buf_free(&b);
	}
	curl_easy_cleanup(easy);
	curl_slist_free_all(headers);
	if (auth != NULL) {
		/* The token does not linger in freed memory. */
		memset(auth, 0, strlen(auth));
		free(auth);
	}
	return code;
}

struct json_t *
daemon_client_status(const struct config *c, char *err, size_t errlen)
{
	char url[600], *body;
	json_error_t jerr;
	json_t *doc;
	long code;

	if (daemon_client_url(c, "/api/v1/status", url, sizeof(url)) != 0) {
		snprintf(err, errlen,
		    "the daemon has no HTTP server (listen: off): nothing to "
		    "ask");
		return NULL;
	}
	if ((code = daemon_client_request(
		 url, false, NULL, &body, err, errlen)) < 0)
		return NULL;
	if (code != 200) {
		snprintf(err, errlen, "no daemon answers at %s: HTTP %ld", url,
		    code);
		free(body);
		return NULL;
	}
	doc = json_loads(body, 0, &jerr);
	free(body);
	if (!json_is_object(doc)) {
		snprintf(err, errlen, "%s: not a status document: %s", url,
		    jerr.text);
		json_decref(doc);
		return NULL;
	}
	return doc;
}

/*
 * webhook: libcurl POSTs the alert's JSON document from memory, on curlev.
 * Only a 2xx answer counts as delivered: redirects are not followed (a
 * webhook that moved is a configuration to fix, and following would hand
 * the signed body to wherever a Location points) and any other status is
 * reported with its code, so the alert logic can retry.  The secret is
 * read from secret_file when a message is sent (a rotated secret needs no
 * reload), used for the HMAC, wiped, and never logged.
 *
 * Error texts never include the URL: webhook URLs often carry a token in
 * their path, and the caller logs what we return.
 *
 * HMAC-SHA256 comes from OpenSSL's libcrypto, which is already linked as
 * libcurl's TLS backend; a signature is not something to write by hand.
 */
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "fsutil.h"
#include "hex.h"
#include "webhook.h"

#define SECRET_MAX 4096
#define MSGID_MAX 512

struct webhook_send {
	char *body;
	size_t len;
	struct curl_slist *headers;
	webhook_done_cb done;
	void *arg;
	char curl_err[CURL_ERROR_SIZE];
};

int
webhook_signature(const char *secret, size_t secret_len, const void *body,
    size_t len, char *hex, size_t hexlen)
{
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int maclen = 0;

	if (hexlen < WEBHOOK_SIGNATURE_LEN || secret_len > INT_MAX)
		return -1;
	/* "" rather than NULL: OpenSSL 3 refuses a NULL key or data. */
	if (HMAC(EVP_sha256(), secret_len > 0 ? secret : "", (int)secret_len,
		len > 0 ? body : (const void *)"", len, mac, &maclen) == NULL ||
	    maclen * 2 + 1 != WEBHOOK_SIGNATURE_LEN)
		return -1;
	return hex_encode(mac, maclen, hex, hexlen);
}

/*
 * Reads the first line of path into a new string of *len bytes; the rest
 * of the file is wiped.  The caller wipes and frees the string.
 */
static char *
read_secret(const char *path, size_t *len, char *err, size_t errlen)
{
	char why[512], *buf;
	size_t n;

	if (fsutil_read_capped(path, SECRET_MAX, &buf, &n, why, sizeof(why)) !=
	    0) {
		snprintf(err, errlen, "secret_file %s", why);
		return NULL;
	}
	*len = strcspn(buf, "\r\n");
	explicit_bzero(buf + *len, n - *len);
	if (*len == 0) {
		snprintf(err, errlen, "secret_file %s: the first line is empty",
		    path);
		free(buf);
		return NULL;
	}
	return buf;
}

/* Writes the X-Planwatch-Signature header line for body into line. */
static int
signature_header(const char *secret_file, const char *body, size_t len,
    char *line, size_t linelen, char *err, size_t errlen)
{
	char hex[WEBHOOK_SIGNATURE_LEN], *secret;
	size_t slen;
	int rc;

	if ((secret = read_secret(secret_file, &slen, err, errlen)) == NULL)
		return -1;
	rc = webhook_signature(secret, slen, body, len, hex, sizeof(hex));
	/* explicit_bzero: a memset just before free may be optimised away. */
	explicit_bzero(secret, slen);
	free(secret);
	if (rc != 0) {
		snprintf(err, errlen, "cannot compute the HMAC-SHA256");
		return -1;
	}
	snprintf(line, linelen, "X-Planwatch-Signature: sha256=%s", hex);
	return 0;
}

/* A message id that is safe to put in a header: no CR, LF or controls. */
static bool
msgid_ok(const char *msgid)
{
	size_t n = strlen(msgid);

	if (n == 0 || n > MSGID_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)msgid[i];

		if (ch < 0x20 || ch == 0x7f)
			return false;
	}
	return true;
}

static struct curl_slist *
append(struct curl_slist **list, const char *line)
{
	struct curl_slist *l = curl_slist_append(*list, line);

	if (l != NULL)
		*list = l;
	return l;
}

/*
 * The request headers.  "Expect:" turns off curl's 100-continue for large
 * bodies, which costs a second against receivers that never send 100.
 */
static int
webhook_headers(struct webhook_send *s, const struct webhook_conf *c,
    const char *msgid, char *err, size_t errlen)
{
	char id[MSGID_MAX + 64], sig[128];

	if (!msgid_ok(msgid)) {
		snprintf(err, errlen,
		    "message id is empty, too long or has control characters");
		return -1;
	}
	snprintf(id, sizeof(id), "X-Planwatch-Message-Id: %s", msgid);
	if (c->secret_file != NULL &&
	    signature_header(c->secret_file, s->body, s->len, sig, sizeof(sig),
		err, errlen) != 0)
		return -1;
	if (append(&s->headers, "Content-Type: application/json") == NULL ||
	    append(&s->headers, "Expect:") == NULL ||
	    append(&s->headers, id) == NULL ||
	    (c->secret_file != NULL && append(&s->headers, sig) == NULL)) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

/* The answer's body is of no use to us: dropped as it arrives. */
static size_t
discard_cb(char *buf, size_t size, size_t nmemb, void *userp)
{
	(void)buf;
	(void)userp;
	return size * nmemb;
}

static void
webhook_setup(CURL *easy, const struct webhook_conf *c, struct webhook_send *s)
{
	curl_easy_setopt(easy, CURLOPT_URL, c->url);
	curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(easy, CURLOPT_POST, 1L);
	curl_easy_setopt(easy, CURLOPT_POSTFIELDS, s->body);
	curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)s->len);
	curl_easy_setopt(easy, CURLOPT_HTTPHEADER, s->headers);
	curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, discard_cb);
	curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, (long)(c->timeout * 1000));
	curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, s->curl_err);
	curl_easy_setopt(easy, CURLOPT_USERAGENT, "planwatch/0.1");
}

static void
webhook_free(struct webhook_send *s)
{
	curl_slist_free_all(s->headers);
	free(s->body);
	free(s);
}

/* Why a transfer that ended with result and code was not a delivery. */
static void
failure_text(const struct webhook_send *s, int result, long code, char *err,
    size_t errlen)
{
	char said[64] = "";

	if (code > 0)
		snprintf(said, sizeof(said), " (server said %ld%s)", code,
		    code >= 300 && code < 400 ? ", redirects are not followed"
					      : "");
	if (result == CURLE_OK)
		snprintf(err, errlen, "webhook not accepted%s", said);
	else
		snprintf(err, errlen, "%s%s",
		    *s->curl_err ? s->curl_err
				 : curl_easy_strerror((CURLcode)result),
		    said);
}

static void
webhook_done(void *easy, int result, void *arg)
{
	struct webhook_send *s = arg;
	char err[CURL_ERROR_SIZE + 128];
	long code = 0;

	if (easy != NULL)
		curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &code);
	if (result == CURLE_OK && code >= 200 && code < 300) {
		s->done(0, NULL, s->arg);
	} else {
		failure_text(s, result, code, err, sizeof(err));
		s->done(-1, err, s->arg);
	}
	curl_easy_cleanup(easy);
	webhook_free(s);
}

static struct webhook_send *
webhook_new(const char *body, size_t len)
{
	struct webhook_send *s = calloc(1, sizeof(*s));

	/* len + 1: malloc(0) may be NULL, and a NUL costs nothing. */
	if (s == NULL || (s->body = malloc(len + 1)) == NULL) {
		free(s);
		return NULL;
	}
	if (len > 0)
		memcpy(s->body, body, len);
	s->body[len] = '\0';
	s->len = len;
	return s;
}

int
webhook_send(struct curlev *cev, const struct webhook_conf *c,
    const char *msgid, const char *body, size_t len, webhook_done_cb done,
    void *arg, char *err, size_t errlen)
{
	struct webhook_send *s = webhook_new(body, len);
	CURL *easy = curl_easy_init();

	if (s == NULL || easy == NULL) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	s->done = done;
	s->arg = arg;
	if (c->url == NULL) {
		snprintf(err, errlen, "webhook has no url");
		goto fail;
	}
	if (webhook_headers(s, c, msgid, err, errlen) != 0)
		goto fail;
	webhook_setup(easy, c, s);
	if (curlev_add(cev, easy, webhook_done, s) != 0) {
		snprintf(err, errlen, "cannot start the webhook transfer");
		goto fail;
	}
	return 0;
fail:
	curl_easy_cleanup(easy);
	if (s != NULL)
		webhook_free(s);
	return -1;
}

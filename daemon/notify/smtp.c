/*
 * smtp: libcurl speaks SMTP (EHLO, STARTTLS, AUTH, MAIL FROM, RCPT TO,
 * DATA with dot-stuffing) and we feed it the message from memory.
 *
 * The transfer runs with curl_easy_perform on the caller's thread (the
 * outbox's delivery thread), never on the event loop: libcurl waits for
 * the server's reply to the end of DATA in a blocking loop of its own
 * (its smtp_done runs the protocol's state machine to the end; so in
 * Debian 12's 7.88), so on curlev a server slow to answer held the daemon, its
 * fetches and its web server, for up to smtp.timeout (a 5 s hold at the
 * server: /healthz took 3.6 s).  A flag set by the daemon's stop ends a
 * transfer at once through the progress callback.  With
 * smtp:// and require_tls false, CURLUSESSL_TRY upgrades with STARTTLS
 * when the server offers it; require_tls makes TLS mandatory.  The password
 * is read from password_file when a message is sent (so a rotated secret
 * needs no reload) and never logged.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "fsutil.h"
#include "mail_compose.h"
#include "smtp.h"

#define PASSWORD_MAX 4096

struct smtp_send {
	char *msg;
	size_t len, off;
	struct curl_slist *rcpt;
	const atomic_bool *stop; /* set: abort the transfer */
	char curl_err[CURL_ERROR_SIZE];
};

static size_t
read_cb(char *buf, size_t size, size_t nmemb, void *userp)
{
	struct smtp_send *s = userp;
	size_t n = size * nmemb;

	if (n > s->len - s->off)
		n = s->len - s->off;
	memcpy(buf, s->msg + s->off, n);
	s->off += n;
	return n;
}

static void
smtp_free(struct smtp_send *s)
{
	curl_slist_free_all(s->rcpt);
	free(s->msg);
	free(s);
}

/*
 * What the transfer's end means: 0 accepted, 1 refused for now (4xx),
 * -1 otherwise, with err.  libcurl's words for a refusal are vague
 * ("Weird server reply"): the server's code says whether it was
 * temporary.
 */
static int
smtp_outcome(CURL *easy, CURLcode result, const struct smtp_send *s, char *err,
    size_t errlen)
{
	char said[32] = "";
	long code = 0;

	if (result == CURLE_OK)
		return 0;
	curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &code);
	if (code > 0)
		snprintf(said, sizeof(said), " (server said %ld)", code);
	snprintf(err, errlen, "%s%s",
	    *s->curl_err ? s->curl_err : curl_easy_strerror(result), said);
	return code >= 400 && code < 500 ? 1 : -1;
}

/* Progress: a non-zero return aborts the transfer (the daemon stops). */
static int
progress_cb(void *arg, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
    curl_off_t ulnow)
{
	const struct smtp_send *s = arg;

	(void)dltotal;
	(void)dlnow;
	(void)ultotal;
	(void)ulnow;
	return s->stop != NULL && atomic_load(s->stop);
}

/* Reads the first line of the password file into a new string. */
static char *
read_password(const char *path, char *err, size_t errlen)
{
	char *buf;
	size_t len;

	if (fsutil_read_capped(path, PASSWORD_MAX, &buf, &len, err, errlen) !=
	    0)
		return NULL;
	buf[strcspn(buf, "\r\n")] = '\0';
	return buf;
}

static int
smtp_setup(CURL *easy, const struct smtp_conf *c, struct smtp_send *s,
    char *err, size_t errlen)
{
	char from[512];

	snprintf(from, sizeof(from), "<%s>", c->from);
	curl_easy_setopt(easy, CURLOPT_URL, c->url);
	curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(easy, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(easy, CURLOPT_MAIL_RCPT, s->rcpt);
	/* The message composed whole (mime_message.c or mail_compose.c). */
	curl_easy_setopt(easy, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(easy, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(easy, CURLOPT_READDATA, s);
	curl_easy_setopt(easy, CURLOPT_INFILESIZE_LARGE, (curl_off_t)s->len);
	curl_easy_setopt(easy, CURLOPT_USE_SSL,
	    c->require_tls ? (long)CURLUSESSL_ALL : (long)CURLUSESSL_TRY);
	curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, (long)(c->timeout * 1000));
	curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, progress_cb);
	curl_easy_setopt(easy, CURLOPT_XFERINFODATA, s);
	curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, s->curl_err);
	if (c->username != NULL)
		curl_easy_setopt(easy, CURLOPT_USERNAME, c->username);
	if (c->password_env != NULL) {
		const char *pw = getenv(c->password_env);

		if (pw == NULL || *pw == '\0') {
			snprintf(err, errlen,
			    "SMTP password: environment variable %s is not set",
			    c->password_env);
			return -1;
		}
		curl_easy_setopt(easy, CURLOPT_PASSWORD, pw); /* curl copies */
	}
	if (c->password_file != NULL) {
		char *pw = read_password(c->password_file, err, errlen);

		if (pw == NULL)
			return -1;
		curl_easy_setopt(easy, CURLOPT_PASSWORD, pw); /* curl copies */
		memset(pw, 0, strlen(pw));
		free(pw);
	}
	return 0;
}

static struct smtp_send *
smtp_new(char *const *rcpt, size_t nrcpt, const char *msg, size_t len)
{
	struct smtp_send *s = calloc(1, sizeof(*s));

	if (s == NULL || (s->msg = malloc(len)) == NULL) {
		free(s);
		return NULL;
	}
	memcpy(s->msg, msg, len);
	s->len = len;
	for (size_t i = 0; i < nrcpt; i++) {
		char addr[512];
		struct curl_slist *l;

		snprintf(addr, sizeof(addr), "<%s>", rcpt[i]);
		if ((l = curl_slist_append(s->rcpt, addr)) == NULL) {
			smtp_free(s);
			return NULL;
		}
		s->rcpt = l;
	}
	return s;
}

int
smtp_send(const struct smtp_conf *c, char *const *rcpt, size_t nrcpt,
    const char *msg, size_t len, const atomic_bool *stop, char *err,
    size_t errlen)
{
	struct smtp_send *s = smtp_new(rcpt, nrcpt, msg, len);
	CURL *easy = curl_easy_init();
	int rc = -1;

	if (s == NULL || easy == NULL) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	s->stop = stop;
	if (smtp_setup(easy, c, s, err, errlen) != 0)
		goto out;
	rc = smtp_outcome(easy, curl_easy_perform(easy), s, err, errlen);
out:
	curl_easy_cleanup(easy);
	if (s != NULL)
		smtp_free(s);
	return rc;
}

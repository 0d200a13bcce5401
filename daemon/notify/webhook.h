/*
 * webhook: delivers one alert as a JSON document POSTed to an http(s) URL
 * through libcurl on curlev, never blocking the loop.  Each request carries
 * the alert's message id (receivers drop duplicates by it: a notice may be
 * sent twice after a crash) and, with a shared secret, an HMAC-SHA256 of
 * the body so receivers can tell it came from us.
 */
#ifndef PLANWATCH_WEBHOOK_H
#define PLANWATCH_WEBHOOK_H

#include <stddef.h>

#include "curlev.h"

/* 64 hex digits of an HMAC-SHA256 and the NUL. */
#define WEBHOOK_SIGNATURE_LEN 65

struct webhook_conf {
	const char *url; /* http:// or https:// */
	const char *secret_file; /* may be NULL: no signature */
	double timeout; /* seconds, the whole request */
};

/* ok is 0 when the server answered 2xx, -1 with err otherwise. */
typedef void (*webhook_done_cb)(int ok, const char *err, void *arg);

/*
 * POSTs body (len bytes, copied) to c->url with the headers
 * X-Planwatch-Message-Id: msgid and, when c->secret_file is set,
 * X-Planwatch-Signature: sha256=<hex>; done is called exactly once unless
 * this returns -1 (with err, and nothing sent).  c is only read during
 * the call.
 */
int webhook_send(struct curlev *cev, const struct webhook_conf *c,
    const char *msgid, const char *body, size_t len, webhook_done_cb done,
    void *arg, char *err, size_t errlen);

/*
 * Writes the lowercase hex HMAC-SHA256 of body keyed with secret into hex
 * (at least WEBHOOK_SIGNATURE_LEN bytes); -1 when hexlen is too small or
 * libcrypto fails.
 */
int webhook_signature(const char *secret, size_t secret_len, const void *body,
    size_t len, char *hex, size_t hexlen);

#endif

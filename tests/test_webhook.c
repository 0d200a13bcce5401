/*
 * test_webhook: the webhook transport.  webhook_signature against the
 * HMAC-SHA256 vectors of RFC 4231; then webhook_send on curlev against an
 * evhttp receiver on 127.0.0.1 port 0 driven by the same event loop (so no
 * thread is needed): what arrives (method, headers, the exact body bytes,
 * the signature), non-2xx answers and redirects reported with their code,
 * nothing listening, a missing secret file (nothing sent), a receiver that
 * never answers (the configured timeout), schemes other than http(s).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cmocka.h>
#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include "clock.h"
#include "curlev.h"
#include "integration/harness.h"
#include "webhook.h"

/* The receiver: records the last request, answers with status (0: never). */
struct sink {
	struct evhttp *http;
	int port;
	int status;
	int hits;
	bool post;
	char content_type[128];
	char msgid[600];
	char signature[128];
	char *body;
	size_t len;
};

struct env {
	char dir[256];
	char url[128];
	struct event_base *base;
	struct curlev *cev;
	struct sink sink;
	int calls; /* of the done callback */
	int ok;
	char err[512];
	bool guard_fired;
};

static const char body[] =
    "{\"alert\":\"gdp\",\"value\":\"1030.11\",\"note\":\"增长\"}";
static const char secret[] = "pw-test-secret";
/* openssl dgst -sha256 -hmac pw-test-secret of body, computed apart. */
static const char body_mac[] =
    "257e7c63faae46386185d17310e469339a85190828db6d69fc358e8c18302dd3";

/* The port a listening socket was given (bound to port 0). */
static int
bound_port(evutil_socket_t fd)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);

	assert_int_equal(getsockname(fd, (struct sockaddr *)&sin, &len), 0);
	return ntohs(sin.sin_port);
}

static void
copy_header(struct evkeyvalq *in, const char *name, char *buf, size_t len)
{
	const char *v = evhttp_find_header(in, name);

	snprintf(buf, len, "%s", v != NULL ? v : "");
}

static void
sink_cb(struct evhttp_request *req, void *arg)
{
	struct sink *k = arg;
	struct evkeyvalq *in = evhttp_request_get_input_headers(req);
	struct evbuffer *buf = evhttp_request_get_input_buffer(req);

	k->hits++;
	k->post = evhttp_request_get_command(req) == EVHTTP_REQ_POST;
	copy_header(
	    in, "Content-Type", k->content_type, sizeof(k->content_type));
	copy_header(in, "X-Planwatch-Message-Id", k->msgid, sizeof(k->msgid));
	copy_header(
	    in, "X-Planwatch-Signature", k->signature, sizeof(k->signature));
	free(k->body);
	k->len = evbuffer_get_length(buf);
	k->body = malloc(k->len + 1);
	assert_non_null(k->body);
	evbuffer_remove(buf, k->body, k->len);
	k->body[k->len] = '\0';
	if (k->status == 0)
		return; /* evhttp_free drops it */
	if (k->status >= 300 && k->status < 400)
		evhttp_add_header(evhttp_request_get_output_headers(req),
		    "Location", "/elsewhere");
	evhttp_send_reply(req, k->status, "Whatever", NULL);
}

static int
setup(void **state)
{
	struct env *e = calloc(1, sizeof(*e));
	struct evhttp_bound_socket *sock;

	assert_non_null(e);
	assert_int_equal(
	    harness_temp_dir(e->dir, sizeof(e->dir), "webhook"), 0);
	assert_non_null(e->base = event_base_new());
	assert_non_null(e->cev = curlev_new(e->base, 4, 2));
	assert_non_null(e->sink.http = evhttp_new(e->base));
	evhttp_set_gencb(e->sink.http, sink_cb, &e->sink);
	sock = evhttp_bind_socket_with_handle(e->sink.http, "127.0.0.1", 0);
	assert_non_null(sock);
	e->sink.port = bound_port(evhttp_bound_socket_get_fd(sock));
	e->sink.status = 200;
	snprintf(
	    e->url, sizeof(e->url), "http://127.0.0.1:%d/hook", e->sink.port);
	*state = e;
	return 0;
}

static int
teardown(void **state)
{
	struct env *e = *state;

	curlev_free(e->cev);
	evhttp_free(e->sink.http);
	event_base_free(e->base);
	free(e->sink.body);
	harness_remove_dir(e->dir);
	free(e);
	return 0;
}

static void
done_cb(int ok, const char *err, void *arg)
{
	struct env *e = arg;

	e->calls++;
	e->ok = ok;
	snprintf(e->err, sizeof(e->err), "%s", err != NULL ? err : "");
	event_base_loopbreak(e->base);
}

static void
guard_cb(evutil_socket_t fd, short what, void *arg)
{
	struct env *e = arg;

	(void)fd;
	(void)what;
	e->guard_fired = true;
	event_base_loopbreak(e->base);
}

/* Runs the loop until the done callback, or for at most ms. */
static void
run_loop(struct env *e, int ms)
{
	struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
	struct event *guard = evtimer_new(e->base, guard_cb, e);

	assert_non_null(guard);
	e->guard_fired = false;
	evtimer_add(guard, &tv);
	event_base_loop(e->base, 0);
	event_free(guard);
}

/* Sends body to conf; the send itself must start. */
static void
send_ok(struct env *e, const struct webhook_conf *c, const char *msgid)
{
	char err[512] = "";

	assert_int_equal(webhook_send(e->cev, c, msgid, body, strlen(body),
			     done_cb, e, err, sizeof(err)),
	    0);
	run_loop(e, 10000);
	assert_false(e->guard_fired);
	assert_int_equal(e->calls, 1);
}

/* RFC 4231 section 4: key, data, HMAC-SHA256 (cases 1-4, 6, 7). */
static void
test_signature_rfc4231(void **state)
{
	static const char aa131[] =
	    "\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa"
	    "\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa"
	    "\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa"
	    "\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa"
	    "\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa"
	    "\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa"
	    "\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa"
	    "\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa"
	    "\xaa\xaa\xaa";
	static const char dd50[] =
	    "\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd"
	    "\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd"
	    "\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd"
	    "\xdd\xdd";
	static const char cd50[] =
	    "\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd"
	    "\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd"
	    "\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd"
	    "\xcd\xcd";
	static const struct {
		const char *key;
		size_t keylen;
		const char *data;
		size_t len;
		const char *mac;
	} cases[] = {
	    {"\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b"
	     "\x0b\x0b\x0b\x0b\x0b",
		20, "Hi There", 8,
		"b0344c61d8db38535ca8afceaf0bf12b"
		"881dc200c9833da726e9376c2e32cff7"},
	    {"Jefe", 4, "what do ya want for nothing?", 28,
		"5bdcc146bf60754e6a042426089575c7"
		"5a003f089d2739839dec58b964ec3843"},
	    {"\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa"
	     "\xaa\xaa\xaa\xaa\xaa",
		20, dd50, 50,
		"773ea91e36800e46854db8ebd09181a7"
		"2959098b3ef8c122d9635514ced565fe"},
	    {"\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"
	     "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19",
		25, cd50, 50,
		"82558a389a443c0ea4cc819899f2083a"
		"85f0faa3e578f8077a2e3ff46729665b"},
	    {aa131, 131,
		"Test Using Larger Than Block-Size Key - Hash Key First", 54,
		"60e431591ee0b67f0d8a26aacbf5b77f"
		"8e0bc6213728c5140546040f0ee37f54"},
	    {aa131, 131,
		"This is a test using a larger than block-size key and a "
		"larger than block-size data. The key needs to be hashed "
		"before being used by the HMAC algorithm.",
		152,
		"9b09ffa71b942fcb27635fbcd5b0e944"
		"bfdc63644f0713938a7f51535c3a35e2"},
	};
	char hex[WEBHOOK_SIGNATURE_LEN];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(hex, 'x', sizeof(hex));
		assert_int_equal(
		    webhook_signature(cases[i].key, cases[i].keylen,
			cases[i].data, cases[i].len, hex, sizeof(hex)),
		    0);
		assert_string_equal(hex, cases[i].mac);
	}
	/* Too small a buffer is refused, not overrun. */
	assert_int_equal(
	    webhook_signature("k", 1, "d", 1, hex, sizeof(hex) - 1), -1);
}

/* What the receiver gets: a POST with the body, its id and signature. */
static void
test_delivered(void **state)
{
	struct env *e = *state;
	struct webhook_conf c = {.url = e->url, .timeout = 5};
	char path[300], want[WEBHOOK_SIGNATURE_LEN], sig[128];

	/* Only the first line is the secret (CRLF or LF ends it). */
	snprintf(path, sizeof(path), "%s/secret", e->dir);
	harness_write(path, "pw-test-secret\r\nnot part of it\n");
	c.secret_file = path;
	send_ok(e, &c, "<gdp.1.20240101@planwatch>");
	assert_int_equal(e->ok, 0);
	assert_int_equal(e->sink.hits, 1);
	assert_true(e->sink.post);
	assert_string_equal(e->sink.content_type, "application/json");
	assert_string_equal(e->sink.msgid, "<gdp.1.20240101@planwatch>");
	assert_int_equal(e->sink.len, strlen(body));
	assert_memory_equal(e->sink.body, body, strlen(body));
	assert_int_equal(webhook_signature(secret, strlen(secret), body,
			     strlen(body), want, sizeof(want)),
	    0);
	assert_string_equal(want, body_mac);
	snprintf(sig, sizeof(sig), "sha256=%s", want);
	assert_string_equal(e->sink.signature, sig);
}

/* Without a secret_file, no signature header at all. */
static void
test_unsigned(void **state)
{
	struct env *e = *state;
	struct webhook_conf c = {.url = e->url, .timeout = 5};

	e->sink.status = 204;
	send_ok(e, &c, "id-1");
	assert_int_equal(e->ok, 0);
	assert_int_equal(e->sink.hits, 1);
	assert_string_equal(e->sink.signature, "");
	assert_string_equal(e->sink.msgid, "id-1");
}

/* Anything but 2xx is a failure naming the code; redirects not followed. */
static void
test_refused(void **state)
{
	static const struct {
		int status;
		const char *said;
	} cases[] = {
	    {500, "(server said 500)"},
	    {503, "(server said 503)"},
	    {302, "(server said 302, redirects are not followed)"},
	};
	struct env *e = *state;
	struct webhook_conf c = {.url = e->url, .timeout = 5};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		e->calls = 0;
		e->sink.status = cases[i].status;
		send_ok(e, &c, "id-2");
		assert_int_equal(e->ok, -1);
		if (strstr(e->err, cases[i].said) == NULL)
			fail_msg("%d: \"%s\" lacks \"%s\"", cases[i].status,
			    e->err, cases[i].said);
	}
	/* The redirect's target was never asked for. */
	assert_int_equal(e->sink.hits, 3);
}

static void
test_nothing_listening(void **state)
{
	struct env *e = *state;
	struct webhook_conf c = {.url = e->url, .timeout = 5};

	snprintf(e->url, sizeof(e->url), "http://127.0.0.1:%d/hook",
	    harness_closed_port());
	send_ok(e, &c, "id-3");
	assert_int_equal(e->ok, -1);
	if (strstr(e->err, "connect") == NULL)
		fail_msg("\"%s\" does not say it could not connect", e->err);
}

/* A secret that cannot be read stops the send before anything leaves. */
static void
test_missing_secret(void **state)
{
	struct env *e = *state;
	struct webhook_conf c = {.url = e->url, .timeout = 5};
	char path[300], err[512] = "";

	snprintf(path, sizeof(path), "%s/no-such-secret", e->dir);
	c.secret_file = path;
	assert_int_equal(webhook_send(e->cev, &c, "id-4", body, strlen(body),
			     done_cb, e, err, sizeof(err)),
	    -1);
	if (strstr(err, path) == NULL)
		fail_msg("\"%s\" does not name %s", err, path);
	assert_int_equal(curlev_active(e->cev), 0);
	run_loop(e, 200);
	assert_true(e->guard_fired);
	assert_int_equal(e->calls, 0);
	assert_int_equal(e->sink.hits, 0);
}

/* A receiver that never answers: the transfer ends at c->timeout. */
static void
test_timeout(void **state)
{
	struct env *e = *state;
	struct webhook_conf c = {.url = e->url, .timeout = 0.5};
	double start = clock_now_mono(), took;

	e->sink.status = 0;
	send_ok(e, &c, "id-5");
	took = clock_now_mono() - start;
	assert_int_equal(e->ok, -1);
	assert_int_equal(e->sink.hits, 1);
	if (strstr(e->err, "timed out") == NULL)
		fail_msg("\"%s\" does not say it timed out", e->err);
	/* Loose bounds: a loaded machine under ASan is slow. */
	assert_true(took >= 0.4);
	assert_true(took < 5.0);
}

/* Only http and https: a file:// URL is not read. */
static void
test_other_scheme(void **state)
{
	struct env *e = *state;
	struct webhook_conf c = {.url = "file:///etc/hostname", .timeout = 5};

	send_ok(e, &c, "id-6");
	assert_int_equal(e->ok, -1);
	/* curl's refusal, not our "not accepted" for a missing 2xx. */
	if (strstr(e->err, "\"file\"") == NULL)
		fail_msg("\"%s\" does not name the refused scheme", e->err);
	assert_int_equal(e->sink.hits, 0);
}

/* A message id that could smuggle a header is refused. */
static void
test_bad_msgid(void **state)
{
	struct env *e = *state;
	struct webhook_conf c = {.url = e->url, .timeout = 5};
	char err[512] = "";

	assert_int_equal(webhook_send(e->cev, &c, "id\r\nX-Evil: 1", body,
			     strlen(body), done_cb, e, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "message id"));
	assert_int_equal(curlev_active(e->cev), 0);
}

static int
group_setup(void **state)
{
	(void)state;
	return curlev_global_init();
}

static int
group_teardown(void **state)
{
	(void)state;
	curlev_global_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_signature_rfc4231),
	    cmocka_unit_test_setup_teardown(test_delivered, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unsigned, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_nothing_listening, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_missing_secret, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_timeout, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_other_scheme, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bad_msgid, setup, teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}

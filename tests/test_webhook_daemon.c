/*
 * test_webhook_daemon: `planwatch once` with transport webhook against a
 * real HTTP receiver on 127.0.0.1 (feed_server, evhttp in a thread): one
 * breached floor arrives as one signed JSON document whose fields say
 * what went wrong; a refused POST (503) stays in the outbox and the next
 * run delivers it, with the same Message-ID; nothing is sent twice.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>
#include <jansson.h>

#include "integration/feed_server.h"
#include "integration/feed_site.h"
#include "integration/harness.h"
#include "webhook.h"

#define SECRET "hook-secret-0123456789"

/* One breached floor (79 % against 85 %), delivered by webhook. */
static void
write_site(struct feed_site *e)
{
	char path[512], secret[512], text[2048];

	snprintf(path, sizeof(path), "%s/feed.json", e->dir);
	harness_write(path,
	    "{\"data\": [{\"year\": \"2024\", \"value\": 81},"
	    " {\"year\": \"2025\", \"value\": 79}]}");
	snprintf(secret, sizeof(secret), "%s/hook.secret", e->dir);
	harness_write(secret, SECRET "\n");
	chmod(secret, 0600); /* a secret others could read is refused */
	snprintf(text, sizeof(text),
	    "data_dir: data\ngraph_dir: graphs\nstate_dir: state\n"
	    "graphs: false\nlog_level: info\ngroup_wait: 0s\n"
	    "listen: \"off\"\n"
	    "smtp:\n  transport: webhook\n"
	    "  url: http://127.0.0.1:%d/hook\n  secret_file: %s\n"
	    "  from: planwatch@cangshan.example\n"
	    "routes:\n  - to: [leadership@cangshan.example]\n"
	    "collectors:\n  - {id: f, url: \"file://%s\", format: json, "
	    "allow_file: true}\n"
	    "indicators:\n  - id: coverage\n    name: 覆盖率\n    unit: "
	    "\"%%\"\n    owner: 区林业局\n"
	    "    frequency: annual\n    collector: f\n    stale_after: 3650d\n"
	    "    selector: {observations: /data, period: /year, value: "
	    "/value}\n"
	    "    targets:\n      - {id: floor_85, kind: floor, value: 85}\n",
	    feed_server_port(e->fs), secret, path);
	harness_write(e->conf, text);
}

static int
setup(void **state)
{
	struct feed_site *e = feed_site_new("hookd");

	write_site(e);
	*state = e;
	return 0;
}

/* The signature the receiver must find for body. */
static void
expected_signature(const char *body, char *buf, size_t len)
{
	char hex[WEBHOOK_SIGNATURE_LEN];

	assert_int_equal(webhook_signature(SECRET, strlen(SECRET), body,
			     strlen(body), hex, sizeof(hex)),
	    0);
	snprintf(buf, len, "sha256=%s", hex);
}

static void
test_signed_document_says_what_went_wrong(void **state)
{
	struct feed_site *e = *state;
	char method[256], sig[256], msgid[256], want[128];
	json_t *doc, *ev;
	char *body;

	feed_server_set(e->fs, "/hook", 204, "", 0);
	assert_int_equal(harness_run(e->log, e->conf, "once"), 0);
	harness_log_clean(e->log);
	assert_int_equal(feed_server_hits(e->fs, "/hook"), 1);
	body = feed_server_last_request(
	    e->fs, "/hook", method, sig, msgid, sizeof(sig));
	assert_non_null(body);
	assert_string_equal(method, "POST");
	expected_signature(body, want, sizeof(want));
	assert_string_equal(sig, want);

	assert_non_null(doc = json_loads(body, 0, NULL));
	assert_string_equal(
	    json_string_value(json_object_get(doc, "message_id")), msgid);
	assert_non_null(
	    strstr(json_string_value(json_object_get(doc, "subject")),
		"1 项目标需关注"));
	assert_int_equal(json_array_size(json_object_get(doc, "events")), 1);
	ev = json_array_get(json_object_get(doc, "events"), 0);
	assert_string_equal(
	    json_string_value(json_object_get(ev, "indicator")), "coverage");
	assert_string_equal(
	    json_string_value(json_object_get(ev, "target")), "floor_85");
	assert_string_equal(
	    json_string_value(json_object_get(ev, "status")), "breach");
	assert_string_equal(
	    json_string_value(json_object_get(ev, "severity")), "critical");
	assert_string_equal(
	    json_string_value(json_object_get(ev, "kind")), "new");
	assert_string_equal(
	    json_string_value(json_object_get(ev, "owner")), "区林业局");
	assert_string_equal(
	    json_string_value(json_object_get(ev, "latest_period")), "2025");
	assert_true(json_real_value(json_object_get(ev, "latest_value")) == 79);
	assert_true(json_is_null(json_object_get(ev, "reason")));
	assert_non_null(strstr(
	    json_string_value(json_object_get(ev, "explanation")), "低于 85"));
	json_decref(doc);
	free(body);

	/* Nothing new: the next run posts nothing. */
	assert_int_equal(harness_run(e->log, e->conf, "once"), 0);
	assert_int_equal(feed_server_hits(e->fs, "/hook"), 1);
}

static void
test_refused_post_is_kept_and_sent_again(void **state)
{
	struct feed_site *e = *state;
	char method[256], sig[256], first[256], second[256];
	char *body;

	feed_server_set(e->fs, "/hook", 503, "busy", 4);
	assert_int_equal(harness_run(e->log, e->conf, "once"), 1);
	harness_log_has(e->log, "kept for retry");
	harness_log_has(e->log, "server said 503");
	assert_int_equal(feed_server_hits(e->fs, "/hook"), 1);
	free(feed_server_last_request(
	    e->fs, "/hook", method, sig, first, sizeof(first)));

	feed_server_set(e->fs, "/hook", 200, "ok", 2);
	assert_int_equal(harness_run(e->log, e->conf, "once"), 0);
	harness_log_clean(e->log);
	assert_int_equal(feed_server_hits(e->fs, "/hook"), 2);
	body = feed_server_last_request(
	    e->fs, "/hook", method, sig, second, sizeof(second));
	assert_non_null(body);
	assert_string_equal(first, second);
	free(body);
	assert_int_equal(harness_run(e->log, e->conf, "once"), 0);
	assert_int_equal(feed_server_hits(e->fs, "/hook"), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
		test_signed_document_says_what_went_wrong, setup,
		feed_site_teardown),
	    cmocka_unit_test_setup_teardown(
		test_refused_post_is_kept_and_sent_again, setup,
		feed_site_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

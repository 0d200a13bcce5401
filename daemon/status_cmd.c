/*
 * status_cmd: a command, not the daemon, so a blocking libcurl transfer
 * (bounded by a timeout) is the right tool; the daemon answers from its
 * loop.  A listen address on every interface is asked on loopback.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <jansson.h>

#include "status_cmd.h"

#define STATUS_MAX (4u << 20)

struct body {
	char *p;
	size_t n;
};

static size_t
body_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	struct body *b = arg;
	size_t len = size * nmemb;
	char *p;

	if (b->n + len > STATUS_MAX ||
	    (p = realloc(b->p, b->n + len + 1)) == NULL)
		return 0;
	memcpy(p + b->n, data, len);
	b->n += len;
	p[b->n] = '\0';
	b->p = p;
	return len;
}

/* "2026-11-27 00:01 UTC", or "-" for never. */
static const char *
when(json_int_t t, char *buf, size_t len)
{
	struct tm tm;
	time_t tt = (time_t)t;

	if (t <= 0)
		return "-";
	gmtime_r(&tt, &tm);
	strftime(buf, len, "%Y-%m-%d %H:%M UTC", &tm);
	return buf;
}

static json_int_t
num(json_t *o, const char *a, const char *b)
{
	json_t *v = json_object_get(o, a);

	return json_integer_value(b != NULL ? json_object_get(v, b) : v);
}

static void
print_status(json_t *doc)
{
	json_int_t up = num(doc, "now", NULL) - num(doc, "started", NULL);
	char t1[32], t2[32], t3[32];
	const char *id;
	json_t *c;

	printf("planwatch: up %lldh%02lldm (since %s)\n", (long long)up / 3600,
	    (long long)(up % 3600) / 60,
	    when(num(doc, "started", NULL), t1, sizeof(t1)));
	printf("queues: %lld transfers, %lld worker jobs, %lld charts "
	       "drawing, %lld archives catching up; archives behind: %lld\n",
	    (long long)num(doc, "queues", "transfers"),
	    (long long)num(doc, "queues", "worker_jobs"),
	    (long long)num(doc, "queues", "charts_drawing"),
	    (long long)num(doc, "queues", "catching_up"),
	    (long long)num(doc, "archives_behind", NULL));
	printf("outbox: %lld queued, %lld sending, %lld failed deliveries "
	       "since the start\n",
	    (long long)num(doc, "outbox", "queued"),
	    (long long)num(doc, "outbox", "sending"),
	    (long long)num(doc, "outbox", "failures"));
	printf("%-24s %-6s %-21s %-21s %8s %-21s %s\n", "collector", "status",
	    "last fetch", "last success", "failures", "next due", "error");
	json_object_foreach(json_object_get(doc, "collectors"), id, c)
	{
		printf("%-24s %-6s %-21s %-21s %8lld %-21s %s\n", id,
		    json_is_true(json_object_get(c, "busy"))
			? "busy"
			: json_string_value(json_object_get(c, "status")),
		    when(num(c, "last_fetch", NULL), t1, sizeof(t1)),
		    when(num(c, "last_success", NULL), t2, sizeof(t2)),
		    (long long)num(c, "failures", NULL),
		    when(num(c, "next_due", NULL), t3, sizeof(t3)),
		    json_string_value(json_object_get(c, "last_error")));
	}
}

int
status_command(const struct config *c, int argc, char **argv)
{
	char url[600], errbuf[CURL_ERROR_SIZE] = "";
	const char *colon;
	struct body b = {NULL, 0};
	json_error_t jerr;
	json_t *doc;
	long code = 0;
	CURL *easy;
	CURLcode rc;

	(void)argv;
	if (argc != 0) {
		fprintf(stderr, "usage: planwatch status\n");
		return 2;
	}
	if (c->listen == NULL || (colon = strrchr(c->listen, ':')) == NULL) {
		fprintf(stderr,
		    "planwatch: the daemon has no HTTP server "
		    "(listen: off): nothing to ask\n");
		return 1;
	}
	snprintf(url, sizeof(url), "http://%.*s:%s/api/v1/status",
	    strncmp(c->listen, "0.0.0.0:", 8) == 0 ? 9
						   : (int)(colon - c->listen),
	    strncmp(c->listen, "0.0.0.0:", 8) == 0 ? "127.0.0.1" : c->listen,
	    colon + 1);
	if ((easy = curl_easy_init()) == NULL)
		return 1;
	curl_easy_setopt(easy, CURLOPT_URL, url);
	curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http");
	curl_easy_setopt(easy, CURLOPT_TIMEOUT, 10L);
	curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, body_cb);
	curl_easy_setopt(easy, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, errbuf);
	rc = curl_easy_perform(easy);
	curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_cleanup(easy);
	if (rc != CURLE_OK || code != 200) {
		fprintf(stderr, "planwatch: no daemon answers at %s: %s\n", url,
		    rc != CURLE_OK ? (*errbuf ? errbuf : curl_easy_strerror(rc))
				   : "not HTTP 200");
		free(b.p);
		return 1;
	}
	doc = json_loadb(b.p, b.n, 0, &jerr);
	free(b.p);
	if (!json_is_object(doc)) {
		fprintf(stderr, "planwatch: %s: not a status document: %s\n",
		    url, jerr.text);
		json_decref(doc);
		return 1;
	}
	print_status(doc);
	json_decref(doc);
	return 0;
}

/*
 * daemon_get: one GET from the daemon under test, shared by the
 * integration tests that read its pages, /metrics and API.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <curl/curl.h>

#include "integration/daemon_get.h"
#include "integration/harness.h"

static size_t
body_cb(char *p, size_t size, size_t n, void *arg)
{
	return fwrite(p, size, n, arg);
}

/* The port the daemon logs it listens on, waiting 10 s at most; 0. */
static int
listening_port(const char *log)
{
	static const char said[] = "listening on 127.0.0.1:";
	int port = 0;

	for (int i = 0; i < 100 && port == 0; i++) {
		char *text = harness_read(log, NULL), *p;

		if (text != NULL && (p = strstr(text, said)) != NULL)
			port = atoi(p + strlen(said));
		free(text);
		if (port == 0)
			usleep(100000);
	}
	return port;
}

char *
daemon_get(const char *log, const char *path)
{
	char url[256], *body = NULL;
	size_t len = 0;
	int port = listening_port(log);
	FILE *f = open_memstream(&body, &len);
	CURL *c = curl_easy_init();

	assert_true(port > 0);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d%s", port, path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, body_cb);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, f);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
	assert_int_equal(curl_easy_perform(c), CURLE_OK);
	curl_easy_cleanup(c);
	fclose(f);
	return body;
}

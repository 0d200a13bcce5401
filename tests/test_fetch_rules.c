/*
 * test_fetch_rules: what fetch.c decides without a transfer, called
 * directly: the URL of a further page (fetch_page_url: page=N put into
 * the query with libcurl's URL API, a page= already there replaced, a
 * fragment kept after the query) and which validators may be sent back
 * (fetch_validator_check: no control byte, under the cap).  Tables of
 * input and expected output.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fetch.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

struct page_case {
	const char *url;
	int page;
	const char *want;
};

static const struct page_case page_cases[] = {
    {"http://h/wb?format=json", 2, "http://h/wb?format=json&page=2"},
    {"http://h/wb", 2, "http://h/wb?page=2"},
    {"http://h/wb?", 2, "http://h/wb?page=2"},
    {"https://h:8443/v2/x?format=json&per_page=1000", 13,
	"https://h:8443/v2/x?format=json&per_page=1000&page=13"},
    /* The fragment stays a fragment, after the query. */
    {"http://h/wb?format=json#rows", 3, "http://h/wb?format=json&page=3#rows"},
    {"http://h/wb#rows", 2, "http://h/wb?page=2#rows"},
    /* A page parameter already there is replaced, wherever it is. */
    {"http://h/wb?page=1&format=json", 2, "http://h/wb?format=json&page=2"},
    {"http://h/wb?format=json&page=7&per_page=50", 2,
	"http://h/wb?format=json&per_page=50&page=2"},
    {"http://h/wb?page=1", 2, "http://h/wb?page=2"},
    {"http://h/wb?page=1&page=1#x", 4, "http://h/wb?page=4#x"},
    {"http://h/wb?per_page=50&page", 2, "http://h/wb?per_page=50&page=2"},
    /* Only the parameter called page: not per_page, not pages. */
    {"http://h/wb?per_page=5&pages=2&xpage=1", 2,
	"http://h/wb?per_page=5&pages=2&xpage=1&page=2"},
};

/* Every case is tried; each wrong one is printed, then the test fails. */
static void
test_page_url(void **state)
{
	int wrong = 0;

	(void)state;
	for (size_t i = 0; i < NELEM(page_cases); i++) {
		const struct page_case *c = &page_cases[i];
		char err[256] = "";
		char *got = fetch_page_url(c->url, c->page, err, sizeof(err));

		if (got == NULL || strcmp(got, c->want) != 0) {
			print_error("%s page %d: got %s, want %s\n", c->url,
			    c->page, got != NULL ? got : err, c->want);
			wrong++;
		}
		free(got);
	}
	assert_int_equal(wrong, 0);
}

static void
test_page_url_refused(void **state)
{
	char err[256] = "";

	(void)state;
	assert_null(fetch_page_url("not a url", 2, err, sizeof(err)));
	assert_non_null(strstr(err, "cannot build the URL of page 2: "));
}

struct validator_case {
	const char *value;
	size_t max;
	const char *err; /* NULL: accepted */
};

static const struct validator_case validator_cases[] = {
    {"\"v1\"", 256, NULL},
    {"W/\"0815\"", 256, NULL},
    {"Wed, 21 Oct 2015 07:28:00 GMT", 64, NULL},
    {"\"\xe7\x89\x88\xe6\x9c\xac\"", 256, NULL}, /* obs-text: not ours */
    {"\"v1\"\rAuthorization: x", 256, "control byte 0x0d at offset 4"},
    {"\"v1\"\r\nAuthorization: x", 256, "control byte 0x0d at offset 4"},
    {"\"v1\"\nX: y", 256, "control byte 0x0a at offset 4"},
    {"\"v\x01w\"", 256, "control byte 0x01 at offset 2"},
    {"\"v\tw\"", 256, "control byte 0x09 at offset 2"},
    {"\"v\x7fw\"", 256, "control byte 0x7f at offset 2"},
    {"\"v\x1fw\"", 256, "control byte 0x1f at offset 2"},
    {"0123456789", 10, "longer than 9 bytes"},
    {"012345678", 10, NULL},
};

static void
test_validator_check(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(validator_cases); i++) {
		const struct validator_case *c = &validator_cases[i];
		char err[256] = "";
		int rc =
		    fetch_validator_check(c->value, c->max, err, sizeof(err));

		if (c->err == NULL && rc != 0)
			fail_msg("case %zu refused: %s", i, err);
		if (c->err != NULL && (rc != -1 || strcmp(err, c->err) != 0))
			fail_msg("case %zu: rc %d, err \"%s\", want \"%s\"", i,
			    rc, err, c->err);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_page_url),
	    cmocka_unit_test(test_page_url_refused),
	    cmocka_unit_test(test_validator_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

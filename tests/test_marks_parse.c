/*
 * test_marks_parse: each value's mark as every format that carries one
 * reads it (json "status" or a pointer of the selector's, sdmx-json and
 * sdmx-csv OBS_STATUS, json-stat "status", World Bank "obs_status", a csv
 * column named by the selector), and the words themselves: an unknown word, a
 * 10 kB word, non-UTF-8 and non-ASCII bytes are no error, only unstated.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "feed.h"
#include "formats.h"
#include "obs.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define LONG_WORD 10240

/* A word of n bytes: "published" repeated, so its start is a real word. */
static char *
long_word(size_t n)
{
	char *w = malloc(n + 1);

	assert_non_null(w);
	for (size_t i = 0; i < n; i++)
		w[i] = "published"[i % 9];
	w[n] = '\0';
	return w;
}

static void
test_words(void **state)
{
	static const struct {
		const char *text;
		enum obs_mark want;
	} cases[] = {
	    {"published", OBS_MARK_PUBLISHED},
	    {"Illustrative", OBS_MARK_ILLUSTRATIVE},
	    {"ESTIMATED", OBS_MARK_ESTIMATED},
	    {"provisional", OBS_MARK_PROVISIONAL}, {"A", OBS_MARK_PUBLISHED},
	    {"E", OBS_MARK_ESTIMATED}, {"p", OBS_MARK_PROVISIONAL},
	    {"B", OBS_MARK_UNSTATED}, /* SDMX break: no mark of ours */
	    {"F", OBS_MARK_UNSTATED}, /* forecast */
	    {"made-up", OBS_MARK_UNSTATED}, {"", OBS_MARK_UNSTATED},
	    {" published", OBS_MARK_UNSTATED},
	    {"publishedx", OBS_MARK_UNSTATED}, {"\xff\xfe", OBS_MARK_UNSTATED},
	    {"publi\xc3\xa9", OBS_MARK_UNSTATED},
	    {"\xe5\x85\xac\xe5\xb8\x83", OBS_MARK_UNSTATED}, /* 公布 */
	};
	char *big = long_word(LONG_WORD);

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++)
		assert_int_equal(obs_mark_of(cases[i].text), cases[i].want);
	assert_int_equal(obs_mark_of(NULL), OBS_MARK_UNSTATED);
	/* Past OBS_MARK_WORD_MAX, a known word's prefix is not read. */
	assert_int_equal(obs_mark_of(big), OBS_MARK_UNSTATED);
	assert_int_equal(obs_mark_parse(big, LONG_WORD), OBS_MARK_UNSTATED);
	assert_int_equal(obs_mark_parse(big, 9), OBS_MARK_PUBLISHED);
	/* A word is compared by its length, not up to a NUL. */
	assert_int_equal(obs_mark_parse("published\0x", 11), OBS_MARK_UNSTATED);
	assert_string_equal(obs_mark_name(OBS_MARK_ESTIMATED), "estimated");
	assert_string_equal(obs_mark_name(OBS_MARK_COUNT), "unstated");
	free(big);
}

/* Rejects are failures here: every document below is good. */
static void
no_reject(void *arg, const char *msg)
{
	(void)arg;
	fail_msg("rejected: %s", msg);
}

/* Parses doc with format name and selector sel; out gets the values. */
static void
parse(const char *name, const char *doc, const struct feed_selector *sel,
    struct obs_list *out)
{
	const struct feed_format *f = formats_find(name);
	char err[512] = "";

	assert_non_null(f);
	memset(out, 0, sizeof(*out));
	if (feed_parse(f, doc, strlen(doc), sel, FREQ_ANNUAL, out, no_reject,
		NULL, err, sizeof(err)) != 0)
		fail_msg("%s: %s", name, err);
}

/* out holds years from first on, with these marks. */
static void
assert_marks(
    const struct obs_list *out, int first, const enum obs_mark *want, size_t n)
{
	assert_int_equal(out->n, n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(out->v[i].period.year, first + (int)i);
		assert_int_equal(out->v[i].value, (double)(i + 1));
		if (out->v[i].mark != want[i])
			fail_msg("%d: mark %s, want %s", first + (int)i,
			    obs_mark_name(out->v[i].mark),
			    obs_mark_name(want[i]));
	}
}

static void
test_json(void **state)
{
	char *big = long_word(LONG_WORD), *doc;
	struct feed_selector sel = {
	    .observations = "/data", .period = "/y", .value = "/v"};
	const enum obs_mark want[] = {OBS_MARK_PUBLISHED, OBS_MARK_ILLUSTRATIVE,
	    OBS_MARK_UNSTATED, OBS_MARK_UNSTATED, OBS_MARK_UNSTATED,
	    OBS_MARK_UNSTATED, OBS_MARK_UNSTATED, OBS_MARK_ESTIMATED};
	struct obs_list out;
	size_t len = LONG_WORD + 1024;

	(void)state;
	assert_non_null(doc = malloc(len));
	snprintf(doc, len,
	    "{\"data\": ["
	    "{\"y\": \"2020\", \"v\": 1, \"status\": \"published\"},"
	    "{\"y\": \"2021\", \"v\": 2, \"status\": \"Illustrative\"},"
	    "{\"y\": \"2022\", \"v\": 3, \"status\": \"made-up\"},"
	    "{\"y\": \"2023\", \"v\": 4, \"status\": \"%s\"},"
	    "{\"y\": \"2024\", \"v\": 5, \"status\": \"\\u00ffpublished\"},"
	    "{\"y\": \"2025\", \"v\": 6, \"status\": 7},"
	    "{\"y\": \"2026\", \"v\": 7},"
	    "{\"y\": \"2027\", \"v\": 8, \"status\": \"estimated\"}]}",
	    big);
	parse("json", doc, &sel, &out);
	assert_marks(&out, 2020, want, NELEM(want));
	obs_list_clear(&out);
	free(doc);
	free(big);

	/* The selector names another field; status is then not read. */
	sel.status = "/flag/0";
	parse("json",
	    "{\"data\": [{\"y\": 2020, \"v\": 1, \"flag\": [\"provisional\"],"
	    " \"status\": \"published\"},"
	    " {\"y\": 2021, \"v\": 2, \"status\": \"published\"}]}",
	    &sel, &out);
	assert_marks(&out, 2020,
	    (const enum obs_mark[]){OBS_MARK_PROVISIONAL, OBS_MARK_UNSTATED},
	    2);
	obs_list_clear(&out);
}

static void
test_json_bad_pointer(void **state)
{
	const struct feed_format *f = formats_find("json");
	struct feed_selector sel = {.observations = "/data",
	    .period = "/y",
	    .value = "/v",
	    .status = "/a~2"};
	char err[256] = "";

	(void)state;
	assert_int_equal(f->check(&sel, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "status"));
}

static void
test_sdmx_json(void **state)
{
	struct feed_dim dim = {"REF_AREA", "CN"};
	struct feed_selector sel = {.series = &dim, .nseries = 1};
	struct obs_list out;

	(void)state;
	parse("sdmx-json",
	    "{\"data\": {\"structure\": {\"dimensions\": {"
	    "\"series\": [{\"id\": \"REF_AREA\", \"values\": [{\"id\": "
	    "\"CN\"}]}],"
	    "\"observation\": [{\"id\": \"TIME_PERIOD\", \"values\": "
	    "[{\"id\": \"2020\"}, {\"id\": \"2021\"}, {\"id\": \"2022\"},"
	    " {\"id\": \"2023\"}, {\"id\": \"2024\"}]}]},"
	    "\"attributes\": {\"observation\": [{\"id\": \"OBS_STATUS\", "
	    "\"values\": [{\"id\": \"A\"}, {\"id\": \"E\"}, {\"id\": \"P\"},"
	    " {\"id\": \"B\"}]}]}},"
	    "\"dataSets\": [{\"series\": {\"0\": {\"observations\": {"
	    "\"0\": [1, 0], \"1\": [2, 1], \"2\": [3, 2], \"3\": [4, 3],"
	    " \"4\": [5]}}}}]}}",
	    &sel, &out);
	assert_marks(&out, 2020,
	    (const enum obs_mark[]){OBS_MARK_PUBLISHED, OBS_MARK_ESTIMATED,
		OBS_MARK_PROVISIONAL, OBS_MARK_UNSTATED, OBS_MARK_UNSTATED},
	    5);
	obs_list_clear(&out);
}

static void
test_sdmx_csv(void **state)
{
	struct feed_dim dim = {"REF_AREA", "CN"};
	struct feed_selector sel = {.series = &dim, .nseries = 1};
	char *big = long_word(LONG_WORD), *doc;
	size_t len = LONG_WORD + 512;
	struct obs_list out;

	(void)state;
	assert_non_null(doc = malloc(len));
	snprintf(doc, len,
	    "DATAFLOW,REF_AREA,TIME_PERIOD,OBS_VALUE,OBS_STATUS\n"
	    "X:Y(1.0),CN,2020,1,A\n"
	    "X:Y(1.0),CN,2021,2,E\n"
	    "X:Y(1.0),CN,2022,3,P\n"
	    "X:Y(1.0),CN,2023,4,Z\n"
	    "X:Y(1.0),CN,2024,5,%s\n"
	    "X:Y(1.0),CN,2025,6,\xff\xfe\n",
	    big);
	parse("sdmx-csv", doc, &sel, &out);
	assert_marks(&out, 2020,
	    (const enum obs_mark[]){OBS_MARK_PUBLISHED, OBS_MARK_ESTIMATED,
		OBS_MARK_PROVISIONAL, OBS_MARK_UNSTATED, OBS_MARK_UNSTATED,
		OBS_MARK_UNSTATED},
	    6);
	obs_list_clear(&out);
	free(doc);
	free(big);
}

static void
test_jsonstat(void **state)
{
	struct feed_dim dim = {"geo", "CN"};
	struct feed_selector sel = {.series = &dim, .nseries = 1};
	struct obs_list out;

	(void)state;
	parse("json-stat",
	    "{\"version\": \"2.0\", \"class\": \"dataset\","
	    " \"id\": [\"geo\", \"time\"], \"size\": [1, 4],"
	    " \"dimension\": {\"geo\": {\"category\": {\"index\": [\"CN\"]}},"
	    " \"time\": {\"category\": {\"index\": [\"2020\", \"2021\","
	    " \"2022\", \"2023\"]}}},"
	    " \"value\": [1, 2, 3, 4],"
	    " \"status\": {\"0\": \"e\", \"1\": \"p\", \"2\": \"\\u00e9\"}}",
	    &sel, &out);
	assert_marks(&out, 2020,
	    (const enum obs_mark[]){OBS_MARK_ESTIMATED, OBS_MARK_PROVISIONAL,
		OBS_MARK_UNSTATED, OBS_MARK_UNSTATED},
	    4);
	obs_list_clear(&out);
}

static void
test_worldbank(void **state)
{
	struct feed_selector sel = {0};
	struct obs_list out;

	(void)state;
	/* "" (nearly every row), a code, a number and no member at all */
	parse("worldbank",
	    "[{\"page\": 1, \"pages\": 1, \"per_page\": 50, \"total\": 4},"
	    " [{\"indicator\": {\"id\": \"X\"}, \"country\": {\"id\": \"CN\"},"
	    "   \"date\": \"2020\", \"value\": 1, \"obs_status\": \"E\"},"
	    "  {\"indicator\": {\"id\": \"X\"}, \"country\": {\"id\": \"CN\"},"
	    "   \"date\": \"2021\", \"value\": 2, \"obs_status\": \"\"},"
	    "  {\"indicator\": {\"id\": \"X\"}, \"country\": {\"id\": \"CN\"},"
	    "   \"date\": \"2022\", \"value\": 3, \"obs_status\": 7},"
	    "  {\"indicator\": {\"id\": \"X\"}, \"country\": {\"id\": \"CN\"},"
	    "   \"date\": \"2023\", \"value\": 4, \"obs_status\": \"p\"}]]",
	    &sel, &out);
	assert_marks(&out, 2020,
	    (const enum obs_mark[]){OBS_MARK_ESTIMATED, OBS_MARK_UNSTATED,
		OBS_MARK_UNSTATED, OBS_MARK_PROVISIONAL},
	    4);
	obs_list_clear(&out);
}

static void
test_csv(void **state)
{
	struct feed_selector sel = {
	    .period = "year", .value = "value", .status = "status"};
	char *big = long_word(LONG_WORD), *doc;
	size_t len = LONG_WORD + 512;
	const struct feed_format *f = formats_find("csv");
	struct obs_list out = {0};
	char err[256] = "";

	(void)state;
	assert_non_null(doc = malloc(len));
	snprintf(doc, len,
	    "year,value,status\n"
	    "2020,1,published\n"
	    "2021,2,illustrative\n"
	    "2022,3,%s\n"
	    "2023,4,\xff\xfe\n"
	    "2024,5,\n"
	    "2025,6,Provisional\n",
	    big);
	parse("csv", doc, &sel, &out);
	assert_marks(&out, 2020,
	    (const enum obs_mark[]){OBS_MARK_PUBLISHED, OBS_MARK_ILLUSTRATIVE,
		OBS_MARK_UNSTATED, OBS_MARK_UNSTATED, OBS_MARK_UNSTATED,
		OBS_MARK_PROVISIONAL},
	    6);
	obs_list_clear(&out);
	/* Without a status column named, the column is not read. */
	sel.status = NULL;
	parse("csv", doc, &sel, &out);
	for (size_t i = 0; i < out.n; i++)
		assert_int_equal(out.v[i].mark, OBS_MARK_UNSTATED);
	obs_list_clear(&out);
	/* A status column that is not there is the selector's error. */
	sel.status = "flag";
	assert_int_equal(feed_parse(f, doc, strlen(doc), &sel, FREQ_ANNUAL,
			     &out, NULL, NULL, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "status"));
	assert_int_equal(out.n, 0);
	free(doc);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_words),
	    cmocka_unit_test(test_json),
	    cmocka_unit_test(test_json_bad_pointer),
	    cmocka_unit_test(test_sdmx_json),
	    cmocka_unit_test(test_sdmx_csv),
	    cmocka_unit_test(test_jsonstat),
	    cmocka_unit_test(test_worldbank),
	    cmocka_unit_test(test_csv),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

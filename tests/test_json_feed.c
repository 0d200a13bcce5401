/*
 * test_json_feed: the JSON feed parser and the JSON Pointer evaluation it
 * rests on.  Feed cases are a table of document + pointers -> expected
 * observations, or -> expected error and reject messages (substrings, in
 * order), run by the parser tests' harness (unit/parser_case.c) through
 * json_feed_parse().  Inline documents are written with ' for " to stay
 * readable; fixture documents live in $PW_FIXTURES/json.  RFC 6901's
 * section 5 example is evaluated for all of its pointers.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "fsutil.h"
#include "json_feed.h"
#include "json_pointer.h"
#include "unit/parser_case.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const struct parser_suite suite = {.format = &json_feed_format,
    .parse = json_feed_parse,
    .dir = "json",
    .quotes = true};

/* A case: the pointers to the observations, and in each, the period and
 * the value. */
struct feed_case {
	struct parser_case_doc doc;
	const char *obs, *period, *value;
	enum freq freq;
	struct parser_case_want want;
};

/* A case whose selector names a year pointer (or NULL: none). */
struct feed_year_case {
	const char *year;
	struct feed_case c;
};

static const struct feed_case feed_cases[] = {
    /* good feeds */
    {{"basic",
	 "{'data': [{'year': '2021', 'value': 1030.11},"
	 " {'year': '2022', 'value': 1100}]}",
	 NULL},
	"/data", "/year", "/value", FREQ_ANNUAL,
	{0, "2021=1030.11 2022=1100", NULL, {NULL}}},
    {{"nested pointer, NBS codes, null skipped", NULL, "nested.json"},
	"/result/0/series", "/time/code", "/obs/value", FREQ_QUARTERLY,
	{0, "2021-Q3=230.25 2021-Q4=240 2022-Q1=250.5", NULL, {NULL}}},
    {{"escaped pointer tokens", "{'a/b': {'m~n': [{'t~x': '2021', 'v/1': 5}]}}",
	 NULL},
	"/a~1b/m~0n", "/t~0x", "/v~11", FREQ_ANNUAL,
	{0, "2021=5", NULL, {NULL}}},
    {{"integer periods, unsorted",
	 "[{'y': 2021, 'v': 1}, {'y': 2019, 'v': 3}, {'y': 2020, 'v': 2}]",
	 NULL},
	"", "/y", "/v", FREQ_ANNUAL, {0, "2019=3 2020=2 2021=1", NULL, {NULL}}},
    {{"integer monthly periods",
	 "[{'p': 202107, 'v': 7}, {'p': 202106, 'v': 6}]", NULL},
	"", "/p", "/v", FREQ_MONTHLY, {0, "2021-06=6 2021-07=7", NULL, {NULL}}},
    {{"numeric strings",
	 "[{'p': '2017', 'v': ' 12.5 '}, {'p': '2018', 'v': '-3e2'},"
	 " {'p': '2019', 'v': '+4'}, {'p': '2020', 'v': '0.001'},"
	 " {'p': '2021', 'v': '1E-4'}, {'p': '2022', 'v': '.5'}]",
	 NULL},
	"", "/p", "/v", FREQ_ANNUAL,
	{0, "2017=12.5 2018=-300 2019=4 2020=0.001 2021=0.0001 2022=0.5", NULL,
	    {NULL}}},
    {{"null skipped, even with a bad period",
	 "[{'p': '2021', 'v': null}, {'p': 'total', 'v': null},"
	 " {'p': '2022', 'v': 5}]",
	 NULL},
	"", "/p", "/v", FREQ_ANNUAL, {0, "2022=5", NULL, {NULL}}},
    {{"annual periods in a quarterly feed",
	 "[{'p': '2022', 'v': 1}, {'p': '2021', 'v': 2},"
	 " {'p': '2022', 'v': 3}, {'p': '2021Q4', 'v': 9}]",
	 NULL},
	"", "/p", "/v", FREQ_QUARTERLY,
	{-1, NULL, "3 of 4 observations rejected",
	    {"element 0: period 2022 is annual, the indicator is quarterly",
		"element 1: period 2021 is annual",
		"element 2: period 2022 is annual"}}},
    {{"a period twice with different values is ambiguous: rejected",
	 "[{'p': '2022', 'v': 1}, {'p': '2021', 'v': 2},"
	 " {'p': '2022', 'v': 3}, {'p': 2021, 'v': 2}]",
	 NULL},
	"", "/p", "/v", FREQ_ANNUAL,
	{-1, NULL, "1 of 4 observations rejected",
	    {"period 2022 has two values: 1 and 3"}}},
    {{"a period twice with the same value is one observation",
	 "[{'p': '2022', 'v': 1}, {'p': '2021', 'v': 2},"
	 " {'p': '2022', 'v': 1}]",
	 NULL},
	"", "/p", "/v", FREQ_ANNUAL, {0, "2021=2 2022=1", NULL, {NULL}}},
    {{"integer too large for json_int_t",
	 "[{'p': '2021', 'v': 100000000000000000000000}]", NULL},
	"", "/p", "/v", FREQ_ANNUAL, {0, "2021=1e+23", NULL, {NULL}}},
    {{"empty array", "{'data': []}", NULL}, "/data", "/year", "/value",
	FREQ_ANNUAL, {0, "", NULL, {NULL}}},
    {{"daily, leap day",
	 "[{'d': '2020-02-29', 'v': 1}, {'d': '2020-12-31', 'v': -2}]", NULL},
	"", "/d", "/v", FREQ_DAILY,
	{0, "2020-02-29=1 2020-12-31=-2", NULL, {NULL}}},
    {{"elements are arrays", "[['2022', 6], ['2021', 5]]", NULL}, "", "/0",
	"/1", FREQ_ANNUAL, {0, "2021=5 2022=6", NULL, {NULL}}},
    {{"empty pointers inside the element", "{'p': ['2021'], 'v': [3]}", NULL},
	"/p", "", "", FREQ_ANNUAL, {0, "2021=2021", NULL, {NULL}}},

    /* documents that are not JSON */
    {{"truncated document", NULL, "truncated.json"}, "/data", "/year", "/value",
	FREQ_ANNUAL,
	{-1, NULL, "line 4 column 25: unexpected newline", {NULL}}},
    {{"truncated inline", "[{'p': '2021', 'v': 1},", NULL}, "", "/p", "/v",
	FREQ_ANNUAL, {-1, NULL, "line 1 column 23:", {NULL}}},
    {{"empty document", "", NULL}, "", "/p", "/v", FREQ_ANNUAL,
	{-1, NULL, "line 1 column 0: '[' or '{' expected near end of file",
	    {NULL}}},
    {{"not JSON", "<html>", NULL}, "", "/p", "/v", FREQ_ANNUAL,
	{-1, NULL, "line 1 column 1:", {NULL}}},
    {{"trailing garbage", "{'data': []} x", NULL}, "/data", "/p", "/v",
	FREQ_ANNUAL,
	{-1, NULL, "line 1 column 14: end of file expected", {NULL}}},
    {{"duplicate keys", "{'data': [], 'data': []}", NULL}, "/data", "/p", "/v",
	FREQ_ANNUAL, {-1, NULL, "duplicate object key", {NULL}}},
    {{"duplicate keys in an element", NULL, "duplicate_key.json"}, "/data",
	"/year", "/value", FREQ_ANNUAL,
	{-1, NULL, "line 3 column 46: duplicate object key", {NULL}}},
    {{"number overflow", "[{'p': '2021', 'v': 1e999}]", NULL}, "", "/p", "/v",
	FREQ_ANNUAL, {-1, NULL, "real number overflow", {NULL}}},

    /* selectors that do not match */
    {{"pointer to an object", "{'data': {'year': '2021'}}", NULL}, "/data",
	"/year", "/value", FREQ_ANNUAL,
	{-1, NULL,
	    "observations: JSON pointer \"/data\" names an object, not an "
	    "array",
	    {NULL}}},
    {{"pointer to a string", "{'data': 'none'}", NULL}, "/data", "/year",
	"/value", FREQ_ANNUAL,
	{-1, NULL, "names a string, not an array", {NULL}}},
    {{"pointer to nothing", "{'data': []}", NULL}, "/result/series", "/year",
	"/value", FREQ_ANNUAL,
	{-1, NULL,
	    "observations: JSON pointer \"/result/series\": no member "
	    "\"result\"",
	    {NULL}}},
    {{"index with a leading zero", "{'r': [[]]}", NULL}, "/r/00", "/p", "/v",
	FREQ_ANNUAL, {-1, NULL, "token \"00\" is not an array index", {NULL}}},
    {{"index past the end", "{'r': [[]]}", NULL}, "/r/1", "/p", "/v",
	FREQ_ANNUAL,
	{-1, NULL, "index 1 is past the end of an array of 1", {NULL}}},
    {{"index '-'", "{'r': [[]]}", NULL}, "/r/-", "/p", "/v", FREQ_ANNUAL,
	{-1, NULL, "token \"-\" names the element after the last", {NULL}}},
    {{"selector without '/'", "[]", NULL}, "", "year", "/v", FREQ_ANNUAL,
	{-1, NULL,
	    "period: JSON pointer \"year\" must be empty or start with '/'",
	    {NULL}}},
    {{"selector with a bad escape", "[]", NULL}, "", "/p", "/v~2", FREQ_ANNUAL,
	{-1, NULL,
	    "value: JSON pointer \"/v~2\": '~' must be followed by 0 or 1",
	    {NULL}}},

    /* rejected elements */
    {{"missing period", "[{'year': '2021', 'value': 1}, {'value': 2}]", NULL},
	"", "/year", "/value", FREQ_ANNUAL,
	{-1, NULL, "1 of 2 observations rejected",
	    {"element 1: no period: JSON pointer \"/year\": no member "
	     "\"year\""}}},
    {{"missing value", "[{'year': '2021'}]", NULL}, "", "/year", "/value",
	FREQ_ANNUAL,
	{-1, NULL, "1 of 1 observations rejected",
	    {"element 0 (period 2021): no value: JSON pointer \"/value\": no "
	     "member \"value\""}}},
    {{"element not an object", "[5]", NULL}, "", "/p", "/v", FREQ_ANNUAL,
	{-1, NULL, "1 of 1",
	    {"element 0: no value: JSON pointer \"/v\": cannot look up "
	     "token \"v\" in a number"}}},
    {{"non-numeric value",
	 "{'data': [{'year': 2019, 'value': 1}, {'year': 2020, 'value': 2},"
	 " {'year': 2021, 'value': 3}, {'year': 2022, 'value': 'n/a'}]}",
	 NULL},
	"/data", "/year", "/value", FREQ_ANNUAL,
	{-1, NULL, "1 of 4 observations rejected",
	    {"element 3 (period 2022): value \"n/a\" is not a number"}}},
    {{"strings that are not finite numbers",
	 "[{'p': '2014', 'v': 'NaN'}, {'p': '2015', 'v': '1e999'},"
	 " {'p': '2016', 'v': 'inf'}, {'p': '2017', 'v': ''},"
	 " {'p': '2018', 'v': '12abc'}, {'p': '2019', 'v': '0x10'},"
	 " {'p': '2020', 'v': '1,065'}, {'p': '2021', 'v': 7}]",
	 NULL},
	"", "/p", "/v", FREQ_ANNUAL,
	{-1, NULL, "7 of 8 observations rejected",
	    {"element 0 (period 2014): value \"NaN\" is not a number",
		"element 1 (period 2015): value \"1e999\" is not a number",
		"element 2 (period 2016): value \"inf\" is not a number",
		"element 3 (period 2017): value \"\" is not a number",
		"element 4 (period 2018): value \"12abc\" is not a number",
		"element 5 (period 2019): value \"0x10\" is not a number",
		"element 6 (period 2020): value \"1,065\" is not a number"}}},
    {{"a string that underflows a double",
	 "[{'p': '2014', 'v': '1e-400'}, {'p': '2015', 'v': '-1e-400'},"
	 " {'p': '2016', 'v': '0e-400'}]",
	 NULL},
	"", "/p", "/v", FREQ_ANNUAL,
	{-1, NULL, "2 of 3 observations rejected",
	    {"element 0 (period 2014): value \"1e-400\" is not a number",
		"element 1 (period 2015): value \"-1e-400\" is not a number"}}},
    {{"values of other types",
	 "[{'p': '2019', 'v': true}, {'p': '2020', 'v': {}},"
	 " {'p': '2021', 'v': [1]}]",
	 NULL},
	"", "/p", "/v", FREQ_ANNUAL,
	{-1, NULL, "3 of 3",
	    {"element 0 (period 2019): value is a boolean, not a number",
		"element 1 (period 2020): value is an object, not a number",
		"element 2 (period 2021): value is an array, not a number"}}},
    {{"wrong-frequency period",
	 "[{'p': '2021-Q3', 'v': 1}, {'p': '2021', 'v': 2}]", NULL},
	"", "/p", "/v", FREQ_ANNUAL,
	{-1, NULL, "1 of 2",
	    {"element 0: period 2021-Q3 is quarterly, the indicator is "
	     "annual"}}},
    {{"bad periods",
	 "[{'p': '2021-13', 'v': 1}, {'p': true, 'v': 2},"
	 " {'p': 2021.5, 'v': 3}, {'p': 20211, 'v': 4},"
	 " {'p': '2021-02-30', 'v': 5}, {'p': -2021, 'v': 6}]",
	 NULL},
	"", "/p", "/v", FREQ_MONTHLY,
	{-1, NULL, "6 of 6",
	    {"element 0: period \"2021-13\": month 13 out of range",
		"element 1: period is a boolean, not a string or an integer",
		"element 2: period 2021.5 is not a period",
		"element 3: period \"20211\": not a period",
		"element 4: period \"2021-02-30\": day 30 out of range",
		"element 5: period -2021 is not a period"}}},
};

/* Cumulative releases and periods that name no year. */
static const struct feed_year_case year_cases[] = {
    {"/年份",
	{{"cumulative months, the year in a field",
	     "[{'年份': 2023, '月份': '1-11月', 'v': 1100},"
	     " {'年份': '2023', '月份': '1-12月', 'v': 1200},"
	     " {'年份': '2024年', '月份': '1-2月', 'v': 210},"
	     " {'月份': '2024年1-3月', 'v': 320}]",
	     NULL},
	    "", "/月份", "/v", FREQ_YTD_MONTHLY,
	    {0,
		"2023-M01-M11=1100 2023-M01-M12=1200 2024-M01-M02=210 "
		"2024-M01-M03=320",
		NULL, {NULL}}}},
    {NULL,
	{{"a cumulative series labelled by month",
	     "[{'p': 202311, 'v': 1100}, {'p': '2023-12', 'v': 1200},"
	     " {'p': '2024-01-01/P2M', 'v': 210}]",
	     NULL},
	    "", "/p", "/v", FREQ_YTD_MONTHLY,
	    {0, "2023-M01-M11=1100 2023-M01-M12=1200 2024-M01-M02=210", NULL,
		{NULL}}}},
    {"/y",
	{{"years that are not years, or disagree",
	     "[{'y': '2023-Q1', 'p': '1-11月', 'v': 1},"
	     " {'y': true, 'p': '1-11月', 'v': 2},"
	     " {'y': 2023, 'p': '2024年1-2月', 'v': 3},"
	     " {'y': null, 'p': '1-11月', 'v': 4}]",
	     NULL},
	    "", "/p", "/v", FREQ_YTD_MONTHLY,
	    {-1, NULL, "4 of 4",
		{"element 0: year 2023-Q1 is quarterly, not a year",
		    "element 1: year is a boolean, not a string or an integer",
		    "element 2: period \"2024年1-2月\": year 2024, but the "
		    "year "
		    "given with it is 2023",
		    "element 3: period \"1-11月\": no year in the period"}}}},
    {NULL,
	{{"a cumulative period is no month", "[{'p': '2023年1-9月', 'v': 1}]",
	     NULL},
	    "", "/p", "/v", FREQ_MONTHLY,
	    {-1, NULL, "1 of 1",
		{"element 0: period 2023-M01-M09 is ytd_monthly, the indicator "
		 "is monthly"}}}},
};

static void
run_feed_case(const struct feed_case *c, const char *year)
{
	struct feed_selector sel = {.observations = (char *)c->obs,
	    .period = (char *)c->period,
	    .value = (char *)c->value,
	    .year = (char *)year};

	parser_case_run(&suite, &c->doc, &sel, c->freq, &c->want);
}

static void
test_feed_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(feed_cases); i++)
		run_feed_case(&feed_cases[i], NULL);
	for (size_t i = 0; i < NELEM(year_cases); i++)
		run_feed_case(&year_cases[i].c, year_cases[i].year);
}

/* Without a reject callback the outcome is the same. */
static void
test_feed_no_callback(void **state)
{
	struct feed_selector sel = {
	    .observations = "", .period = "/p", .value = "/v"};
	const char *doc = "[{\"p\": \"2021\", \"v\": \"x\"}]";
	struct obs_list out = {0};
	char err[256];

	(void)state;
	assert_int_equal(json_feed_parse(doc, strlen(doc), &sel, FREQ_ANNUAL,
			     &out, NULL, NULL, err, sizeof(err)),
	    -1);
	assert_string_equal(err, "1 of 1 observations rejected");
	assert_int_equal(out.n, 0);
	obs_list_clear(&out);
}

/* A document is parsed from (buf, len), not up to a NUL. */
static void
test_feed_length(void **state)
{
	struct feed_selector sel = {
	    .observations = "", .period = "/p", .value = "/v"};
	const char *doc = "[{\"p\": \"2021\", \"v\": 1}] trailing";
	struct obs_list out = {0};
	char err[256];

	(void)state;
	assert_int_equal(json_feed_parse(doc, 24, &sel, FREQ_ANNUAL, &out, NULL,
			     NULL, err, sizeof(err)),
	    0);
	assert_int_equal(out.n, 1);
	obs_list_clear(&out);
}

/* More elements than an observation list may hold. */
static void
test_feed_too_many(void **state)
{
	struct feed_selector sel = {
	    .observations = "", .period = "/0", .value = "/1"};
	size_t n = OBS_LIST_MAX + 1, len = 0, cap = n * 12 + 16;
	struct obs_list out = {0};
	char *buf = malloc(cap), err[256];

	(void)state;
	assert_non_null(buf);
	buf[len++] = '[';
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, cap - len, "%s[%zu,1]",
		    i ? "," : "", 1000 + i % 9000);
	buf[len++] = ']';
	assert_int_equal(json_feed_parse(buf, len, &sel, FREQ_ANNUAL, &out,
			     NULL, NULL, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "100001 elements, more than the limit"));
	assert_int_equal(out.n, 0);
	free(buf);
}

struct pointer_case {
	const char *ptr;
	const char *expect; /* JSON text of the value; NULL: the root */
};

/* RFC 6901, section 5. */
static const struct pointer_case rfc_cases[] = {
    {"", NULL},
    {"/foo", "[\"bar\", \"baz\"]"},
    {"/foo/0", "\"bar\""},
    {"/foo/1", "\"baz\""},
    {"/", "0"},
    {"/a~1b", "1"},
    {"/c%d", "2"},
    {"/e^f", "3"},
    {"/g|h", "4"},
    {"/i\\j", "5"},
    {"/k\"l", "6"},
    {"/ ", "7"},
    {"/m~0n", "8"},
};

static void
test_pointer_rfc6901(void **state)
{
	char err[256];
	json_t *root, *v, *want;
	size_t len;
	char *buf;

	(void)state;
	buf = parser_case_fixture(&suite, "rfc6901.json", &len);
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, NULL);
	assert_non_null(root);
	for (size_t i = 0; i < NELEM(rfc_cases); i++) {
		const struct pointer_case *c = &rfc_cases[i];

		if ((v = json_pointer_get(root, c->ptr, err, sizeof(err))) ==
		    NULL)
			fail_msg("\"%s\": %s", c->ptr, err);
		if (c->expect == NULL) {
			assert_ptr_equal(v, root);
			continue;
		}
		want = json_loads(c->expect, JSON_DECODE_ANY, NULL);
		assert_non_null(want);
		if (!json_equal(v, want))
			fail_msg("\"%s\" is not %s", c->ptr, c->expect);
		json_decref(want);
	}
	json_decref(root);
	free(buf);
}

struct pointer_error_case {
	const char *ptr;
	const char *err;
};

static const struct pointer_error_case pointer_error_cases[] = {
    {"/foo/2",
	"JSON pointer \"/foo/2\": index 2 is past the end of an "
	"array of 2"},
    {"/foo/-", "token \"-\" names the element after the last"},
    {"/foo/01", "token \"01\" is not an array index"},
    {"/foo/", "token \"\" is not an array index"},
    {"/foo/+1", "token \"+1\" is not an array index"},
    {"/foo/bar", "token \"bar\" is not an array index"},
    {"/foo/18446744073709551616", "is not an array index"},
    {"/foo/0/x", "cannot look up token \"x\" in a string"},
    {"/a~1b/x", "cannot look up token \"x\" in a number"},
    {"/nope", "JSON pointer \"/nope\": no member \"nope\""},
    {"/a/b", "no member \"a\""},
    {"/m~n", "'~' must be followed by 0 or 1"},
    {"/m~2n", "'~' must be followed by 0 or 1"},
    {"foo", "must be empty or start with '/'"},
    {"//", "cannot look up token \"\" in a number"},
    {"/%20", "no member \"%20\""},
};

static void
test_pointer_errors(void **state)
{
	json_t *root;
	char err[256];
	size_t len;
	char *buf;

	(void)state;
	buf = parser_case_fixture(&suite, "rfc6901.json", &len);
	root = json_loadb(buf, len, 0, NULL);
	assert_non_null(root);
	for (size_t i = 0; i < NELEM(pointer_error_cases); i++) {
		const struct pointer_error_case *c = &pointer_error_cases[i];

		err[0] = '\0';
		if (json_pointer_get(root, c->ptr, err, sizeof(err)) != NULL)
			fail_msg("\"%s\" resolved", c->ptr);
		if (strstr(err, c->err) == NULL)
			fail_msg("\"%s\": err \"%s\" lacks \"%s\"", c->ptr, err,
			    c->err);
	}
	json_decref(root);
	free(buf);
}

static void
test_pointer_check(void **state)
{
	static const char *const good[] = {
	    "", "/", "//", "/a", "/a~0b~1c", "/~01", "/0/-"};
	static const char *const bad[] = {
	    "a", "~", "/~", "/a~2", "/a~", "/~x", " /a"};
	char err[256];

	(void)state;
	for (size_t i = 0; i < NELEM(good); i++)
		if (json_pointer_check(good[i], err, sizeof(err)) != 0)
			fail_msg("\"%s\": %s", good[i], err);
	for (size_t i = 0; i < NELEM(bad); i++) {
		err[0] = '\0';
		if (json_pointer_check(bad[i], err, sizeof(err)) != -1)
			fail_msg("\"%s\" accepted", bad[i]);
		assert_non_null(strstr(err, "JSON pointer"));
	}
}

/* A missing fixture is told apart by errno. */
static void
test_read_missing(void **state)
{
	char err[256], *buf = NULL;
	size_t len;

	(void)state;
	errno = 0;
	assert_int_equal(fsutil_read_capped("/nonexistent/planwatch", 10, &buf,
			     &len, err, sizeof(err)),
	    -1);
	assert_int_equal(errno, ENOENT);
	assert_non_null(strstr(err, "/nonexistent/planwatch"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_feed_cases),
	    cmocka_unit_test(test_feed_no_callback),
	    cmocka_unit_test(test_feed_length),
	    cmocka_unit_test(test_feed_too_many),
	    cmocka_unit_test(test_pointer_rfc6901),
	    cmocka_unit_test(test_pointer_errors),
	    cmocka_unit_test(test_pointer_check),
	    cmocka_unit_test(test_read_missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_worldbank: the World Bank Indicators API v2 format.  Cases are a
 * table of document + series ("country=CN,indicator=NY.GDP.MKTP.CD", each
 * one the format's check() accepts) -> expected observations, or ->
 * expected error and reject messages (substrings, in order), run by the
 * parser tests' harness (unit/parser_case.c).  Inline documents are
 * written with ' for "; fixtures, shaped like the API's answers, live in
 * $PW_FIXTURES/worldbank.  Pages, merging and selector checks have their
 * own tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "unit/parser_case.h"
#include "worldbank.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const struct parser_suite suite = {.format = &worldbank_format,
    .dir = "worldbank",
    .quotes = true,
    .check = true};

#define GDP "NY.GDP.MKTP.CD"
/* One row of China's GDP, as the API writes it. */
#define ROW(date, value)                                                       \
	"{'indicator': {'id': 'NY.GDP.MKTP.CD', 'value': 'GDP (current "       \
	"US$)'}, 'country': {'id': 'CN', 'value': 'China'}, "                  \
	"'countryiso3code': 'CHN', 'date': " date ", 'value': " value          \
	", 'unit': '', 'obs_status': '', 'decimal': 0}"
#define PAGE(rows)                                                             \
	"[{'page': 1, 'pages': 1, 'per_page': 50, 'total': 3}, [" rows "]]"

/* China's GDP 2015-2023 in current US$, as in cn_gdp.json. */
#define CN_GDP                                                                 \
	"2015=11061572618578.2 2016=11233313730348.2 2017=12310491333980.3 "   \
	"2018=13894907857880.6 2019=14279968506271.4 2020=14687744162801.0 "   \
	"2021=17734062645371.4 2022=17881782683707.3 2023=17794783039552.0"

static const struct parser_case wb_cases[] = {
    /* good pages */
    {{"one series, named", NULL, "cn_gdp.json"}, "country=CN,indicator=" GDP,
	FREQ_ANNUAL, {0, CN_GDP, NULL, {NULL}}},
    {{"one series, nothing named", NULL, "cn_gdp.json"}, "", FREQ_ANNUAL,
	{0, CN_GDP, NULL, {NULL}}},
    {{"country by ISO3 code", NULL, "cn_gdp.json"}, "country=CHN", FREQ_ANNUAL,
	{0, CN_GDP, NULL, {NULL}}},
    {{"codes in lower case", NULL, "cn_gdp.json"},
	"country=chn,indicator=ny.gdp.mktp.cd", FREQ_ANNUAL,
	{0, CN_GDP, NULL, {NULL}}},
    {{"one country of several", NULL, "growth_multi.json"},
	"country=IN,indicator=NY.GDP.MKTP.KD.ZG", FREQ_ANNUAL,
	{0, "2019=3.9 2020=-5.8 2021=9.7", NULL, {NULL}}},
    {{"a country by ISO3, indicator left out", NULL, "growth_multi.json"},
	"country=BRA", FREQ_ANNUAL,
	{0, "2019=-3.3 2020=4.8 2021=3.0", NULL, {NULL}}},
    {{"an aggregate", NULL, "growth_multi.json"}, "country=WLD", FREQ_ANNUAL,
	{0, "2019=2.6 2020=-2.9 2021=6.3", NULL, {NULL}}},
    {{"one indicator of two", NULL, "cn_two_indicators.json"},
	"indicator=SP.POP.TOTL", FREQ_ANNUAL,
	{0, "2021=1412360000 2022=1412175000 2023=1410710000", NULL, {NULL}}},
    {{"quarters, latest unpublished", NULL, "cn_debt_quarterly.json"},
	"country=CN", FREQ_QUARTERLY,
	{0,
	    "2021-Q1=2574878000000.0 2021-Q2=2683988000000.0 "
	    "2021-Q3=2704935000000.0 2021-Q4=2746552000000.0",
	    NULL, {NULL}}},
    {{"months written 2021M07", NULL, "cn_fx_monthly.json"},
	"indicator=DPANUSSPB", FREQ_MONTHLY,
	{0,
	    "2021-05=6.4288 2021-06=6.4245 2021-07=6.4784 "
	    "2021-08=6.4799 2021-09=6.4679",
	    NULL, {NULL}}},
    {{"one page of three", NULL, "cn_pop_p2.json"},
	"country=CN,indicator=SP.POP.TOTL", FREQ_ANNUAL,
	{0,
	    "2014=1371860000 2015=1379860000 2016=1387790000 "
	    "2017=1396215000 2018=1402760000",
	    NULL, {NULL}}},
    {{"every value unpublished",
	 PAGE(ROW("'2022'", "null") ", " ROW("'2023'", "null")), NULL},
	"country=CN,indicator=" GDP, FREQ_ANNUAL, {0, "", NULL, {NULL}}},
    {{"the same value twice is one",
	 PAGE(ROW("'2021'", "5") ", " ROW("'2020'", "4") ", " ROW(
	     "'2021'", "5")),
	 NULL},
	"", FREQ_ANNUAL, {0, "2020=4 2021=5", NULL, {NULL}}},
    {{"out of order is sorted",
	 PAGE(ROW("'2019'", "1") ", " ROW("'2021'", "3") ", " ROW(
	     "'2020'", "2")),
	 NULL},
	"country=CN", FREQ_ANNUAL, {0, "2019=1 2020=2 2021=3", NULL, {NULL}}},
    {{"other series' odd rows are ignored",
	 "[{'page': 1, 'pages': 1, 'per_page': 50, 'total': 2}, ["
	 "{'indicator': {'id': 'X'}, 'country': {'id': 'US'},"
	 " 'countryiso3code': null, 'date': 'n/a', 'value': "
	 "'n/a'}, " ROW("'2021'", "1e300") "]]",
	 NULL},
	"country=CN", FREQ_ANNUAL, {0, "2021=1e300", NULL, {NULL}}},
    {{"page counts as strings",
	 "[{'page': '1', 'pages': '1', 'per_page': '50', 'total': '1'}, "
	 "[" ROW("'2021'", "-0.5") "]]",
	 NULL},
	"", FREQ_ANNUAL, {0, "2021=-0.5", NULL, {NULL}}},

    /* errors the API reports */
    {{"API error 120", NULL, "error_120.json"}, "country=CN,indicator=" GDP,
	FREQ_ANNUAL,
	{-1, NULL,
	    "World Bank API error 120 (Invalid value): The provided "
	    "parameter "
	    "value is not valid",
	    {NULL}}},
    {{"API error 175", NULL, "error_175.json"}, "", FREQ_ANNUAL,
	{-1, NULL,
	    "World Bank API error 175 (Invalid format): The indicator was not "
	    "found. It may have been deleted or archived.",
	    {NULL}}},
    {{"API error as one string", "[{'message': 'Service unavailable'}]", NULL},
	"", FREQ_ANNUAL,
	{-1, NULL, "World Bank API error: Service unavailable", {NULL}}},
    {{"API error without text", "[{'message': [{}]}]", NULL}, "", FREQ_ANNUAL,
	{-1, NULL, "World Bank API error, without a message", {NULL}}},
    {{"API error with control characters",
	 "[{'message': [{'id': 120, 'key': 'a\\nb', 'value': "
	 "'c\\u0007'}]}]",
	 NULL},
	"", FREQ_ANNUAL,
	{-1, NULL, "World Bank API error 120 (a?b): c?", {NULL}}},

    /* documents that are not pages */
    {{"truncated", NULL, "truncated.json"}, "country=CN", FREQ_ANNUAL,
	{-1, NULL, "line 7 column 154: '}' expected near end of file", {NULL}}},
    {{"not JSON", "<html><body>Service Unavailable</body></html>", NULL}, "",
	FREQ_ANNUAL, {-1, NULL, "line 1 column 1:", {NULL}}},
    {{"an object", "{'page': 1}", NULL}, "", FREQ_ANNUAL,
	{-1, NULL,
	    "not a World Bank API page: the document is an object, not an "
	    "array",
	    {NULL}}},
    {{"one element", "[{'page': 1, 'pages': 1, 'total': 0}]", NULL}, "",
	FREQ_ANNUAL, {-1, NULL, "expected [metadata, rows]", {NULL}}},
    {{"three elements", "[{'page': 1, 'pages': 1, 'total': 0}, [], []]", NULL},
	"", FREQ_ANNUAL, {-1, NULL, "expected [metadata, rows]", {NULL}}},
    {{"metadata not an object", "[[], []]", NULL}, "", FREQ_ANNUAL,
	{-1, NULL, "expected [metadata, rows]", {NULL}}},
    {{"no page count", "[{'page': 1, 'total': 0}, []]", NULL}, "", FREQ_ANNUAL,
	{-1, NULL, "metadata: pages is missing, not a number", {NULL}}},
    {{"page count not a count", "[{'page': 1, 'pages': 1.5, 'total': 0}, []]",
	 NULL},
	"", FREQ_ANNUAL, {-1, NULL, "metadata: pages is not a count", {NULL}}},
    {{"page count a word", "[{'page': 1, 'pages': 'many', 'total': 0}, []]",
	 NULL},
	"", FREQ_ANNUAL, {-1, NULL, "metadata: pages is not a count", {NULL}}},
    {{"negative total", "[{'page': 1, 'pages': 1, 'total': -1}, []]", NULL}, "",
	FREQ_ANNUAL, {-1, NULL, "metadata: total is not a count", {NULL}}},
    {{"too many pages", "[{'page': 1, 'pages': 1001, 'total': 50050}, []]",
	 NULL},
	"", FREQ_ANNUAL,
	{-1, NULL, "metadata: 1001 pages, more than the limit of 1000",
	    {NULL}}},
    {{"page past the last", "[{'page': 4, 'pages': 3, 'total': 130}, []]",
	 NULL},
	"", FREQ_ANNUAL, {-1, NULL, "metadata: page 4 of 3", {NULL}}},
    {{"rows not an array", "[{'page': 1, 'pages': 1, 'total': 1}, 'rows']",
	 NULL},
	"", FREQ_ANNUAL, {-1, NULL, "rows: a string, not an array", {NULL}}},
    {{"duplicate keys",
	 "[{'page': 1, 'pages': 1, 'total': 1}, [{'date': '2021', "
	 "'date': "
	 "'2022'}]]",
	 NULL},
	"", FREQ_ANNUAL, {-1, NULL, "duplicate object key", {NULL}}},

    /* selectors that do not pick one series */
    {{"several countries, none named", NULL, "growth_multi.json"}, "",
	FREQ_ANNUAL,
	{-1, NULL,
	    "the rows hold more than one country (BR, CN, ...): name one "
	    "in the "
	    "selector's series, e.g. country: BR",
	    {NULL}}},
    {{"several indicators, none named", NULL, "cn_two_indicators.json"},
	"country=CN", FREQ_ANNUAL,
	{-1, NULL,
	    "the rows hold more than one indicator "
	    "(NY.GDP.MKTP.CD, SP.POP.TOTL, ...)",
	    {NULL}}},
    {{"no such country", NULL, "growth_multi.json"}, "country=XX", FREQ_ANNUAL,
	{-1, NULL, "no row for country \"XX\" among the page's 12 rows",
	    {NULL}}},
    {{"no such indicator", NULL, "cn_gdp.json"},
	"country=CN,indicator=SP.POP.TOTL", FREQ_ANNUAL,
	{-1, NULL,
	    "no row for country \"CN\" and indicator \"SP.POP.TOTL\" "
	    "among the page's 10 rows",
	    {NULL}}},
    {{"an empty answer", NULL, "empty.json"}, "country=CN", FREQ_ANNUAL,
	{-1, NULL, "no row for country \"CN\" among the page's 0 rows",
	    {NULL}}},
    {{"an empty answer, nothing named", NULL, "empty.json"}, "", FREQ_ANNUAL,
	{-1, NULL,
	    "no row for any country and indicator among the page's 0 rows",
	    {NULL}}},
    {{"an empty rows array", "[{'page': 1, 'pages': 1, 'total': 0}, []]", NULL},
	"indicator=" GDP, FREQ_ANNUAL,
	{-1, NULL,
	    "no row for indicator \"NY.GDP.MKTP.CD\" "
	    "among the page's 0 rows",
	    {NULL}}},

    /* rejected rows */
    {{"two values for one period",
	 PAGE(ROW("'2021'", "5") ", " ROW("'2020'", "4") ", " ROW(
	     "'2021'", "6")),
	 NULL},
	"country=CN,indicator=" GDP, FREQ_ANNUAL,
	{-1, NULL, "1 of 3 rows rejected",
	    {"row 2 (period 2021): another value for the period of row 0: "
	     "6, not 5"}}},
    {{"annual rows for a quarterly indicator", NULL, "cn_gdp.json"}, "",
	FREQ_QUARTERLY,
	{-1, NULL, "9 of 10 rows rejected",
	    {"row 1: period 2023 is annual, the indicator is quarterly",
		"row 2: period 2022 is annual", "row 3: period 2021 is annual",
		"row 4: period 2020 is annual", "row 5: period 2019 is annual",
		"row 6: period 2018 is annual", "row 7: period 2017 is annual",
		"row 8: period 2016 is annual",
		"row 9: period 2015 is annual"}}},
    {{"bad dates",
	 PAGE(ROW("'2021M13'", "1") ", " ROW("'20211'", "2") ", " ROW(
	     "2021", "3") ", " ROW("'2021-Q5'", "4")),
	 NULL},
	"country=CN,indicator=" GDP, FREQ_MONTHLY,
	{-1, NULL, "4 of 4 rows rejected",
	    {"row 0: date \"2021M13\": month 13 out of range",
		"row 1: date \"20211\": not a period",
		"row 2: date is a number, not a string",
		"row 3: date \"2021-Q5\": quarter 5 out of range"}}},
    {{"values of other types",
	 PAGE(ROW("'2019'", "'123'") ", " ROW("'2020'", "true") ", " ROW(
	     "'2021'", "[1]")),
	 NULL},
	"", FREQ_ANNUAL,
	{-1, NULL, "3 of 3 rows rejected",
	    {"row 0 (period 2019): value is a string, not a number",
		"row 1 (period 2020): value is a boolean, not a number",
		"row 2 (period 2021): value is an array, not a number"}}},
    {{"rows that say no series",
	 "[{'page': 1, 'pages': 1, 'total': 5}, [5, {'country': {'id': 'CN'}},"
	 " {'indicator': {'id': 'X'}, 'country': 'CN'},"
	 " {'indicator': {'id': 'X'}, 'country': {'id': 'CN'},"
	 " 'countryiso3code': 7}, " ROW("'2021'", "1") "]]",
	 NULL},
	"country=CN", FREQ_ANNUAL,
	{-1, NULL, "4 of 5 rows rejected",
	    {"row 0: row is a number, not an object", "row 1: no indicator id",
		"row 2: no country id",
		"row 3: countryiso3code is a number, not a string"}}},
    {{"rows without date or value",
	 "[{'page': 1, 'pages': 1, 'total': 2}, ["
	 "{'indicator': {'id': 'X'}, 'country': {'id': 'CN'}, 'value': 1},"
	 " {'indicator': {'id': 'X'}, 'country': {'id': 'CN'}, 'date': "
	 "'2021'}]]",
	 NULL},
	"", FREQ_ANNUAL,
	{-1, NULL, "2 of 2 rows rejected",
	    {"row 0: date is missing, not a string", "row 1: no value"}}},
};

static void
test_cases(void **state)
{
	(void)state;
	parser_case_run_series(&suite, wb_cases, NELEM(wb_cases));
}

/* Loads a fixture, which must load. */
static struct feed_doc *
load_fixture(const char *name)
{
	char err[256], *buf;
	struct feed_doc *doc;
	size_t len;

	buf = parser_case_fixture(&suite, name, &len);
	doc = worldbank_format.load(buf, len, err, sizeof(err));
	if (doc == NULL)
		fail_msg("%s: %s", name, err);
	free(buf);
	return doc;
}

static void
test_pages(void **state)
{
	const struct {
		const char *file;
		int page, pages;
	} cases[] = {
	    {"cn_gdp.json", 1, 1},
	    {"cn_pop_p1.json", 1, 3},
	    {"cn_pop_p2.json", 2, 3},
	    {"cn_pop_p3.json", 3, 3},
	    {"empty.json", 0, 0},
	};
	int page = -1, pages = -1;

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct feed_doc *doc = load_fixture(cases[i].file);

		assert_int_equal(worldbank_pages(doc, &page, &pages), 0);
		assert_int_equal(page, cases[i].page);
		assert_int_equal(pages, cases[i].pages);
		worldbank_format.free(doc);
	}
	assert_int_equal(worldbank_pages(NULL, &page, &pages), -1);
	worldbank_format.free(NULL);
}

/* Selects China's population from doc into a list seeded with 1990=7. */
static int
select_pop(
    const struct feed_doc *doc, struct obs_list *out, char *err, size_t errlen)
{
	struct feed_dim dims[] = {
	    {"country", "CHN"}, {"indicator", "SP.POP.TOTL"}};
	struct feed_selector sel = {.series = dims, .nseries = 2};
	struct period seed = {FREQ_ANNUAL, 1990, 0};

	obs_list_clear(out);
	assert_int_equal(obs_list_add(out, &seed, 7), 0);
	return worldbank_format.select(
	    doc, &sel, FREQ_ANNUAL, out, NULL, NULL, err, errlen);
}

/* The three pages of an answer, merged in any order, select as one. */
static void
test_merge(void **state)
{
	static const char all[] =
	    "2011=1345035000 2012=1354190000 2013=1363240000 2014=1371860000 "
	    "2015=1379860000 2016=1387790000 2017=1396215000 2018=1402760000 "
	    "2019=1407745000 2020=1411100000 2021=1412360000 2022=1412175000 "
	    "2023=1410710000";
	struct feed_doc *p1 = load_fixture("cn_pop_p1.json");
	struct feed_doc *p2 = load_fixture("cn_pop_p2.json");
	struct feed_doc *p3 = load_fixture("cn_pop_p3.json");
	struct obs_list out = {0};
	int page, pages;
	char err[256];

	(void)state;
	assert_int_equal(worldbank_merge(p1, p3, err, sizeof(err)), 0);
	assert_int_equal(worldbank_merge(p1, p2, err, sizeof(err)), 0);
	assert_int_equal(worldbank_pages(p1, &page, &pages), 0);
	assert_int_equal(page, 1);
	assert_int_equal(pages, 3);
	assert_int_equal(select_pop(p1, &out, err, sizeof(err)), 0);
	parser_case_check_seed("merged", &out, false);
	parser_case_check_obs("merged", &out, all);
	/* again: rejected, and p1 unchanged */
	assert_int_equal(worldbank_merge(p1, p2, err, sizeof(err)), -1);
	assert_string_equal(err, "page 2 is already merged");
	assert_int_equal(worldbank_merge(p1, p1, err, sizeof(err)), -1);
	assert_string_equal(err, "page 1 is already merged");
	assert_int_equal(select_pop(p1, &out, err, sizeof(err)), 0);
	parser_case_check_seed("merged twice", &out, false);
	parser_case_check_obs("merged twice", &out, all);
	/* the pages stay usable on their own */
	assert_int_equal(select_pop(p3, &out, err, sizeof(err)), 0);
	assert_int_equal(out.n, 4);
	obs_list_clear(&out);
	worldbank_format.free(p1);
	worldbank_format.free(p2);
	worldbank_format.free(p3);
}

/* Pages of different answers, or beyond the answer, do not merge. */
static void
test_merge_mismatch(void **state)
{
	struct feed_doc *p1 = load_fixture("cn_pop_p1.json");
	struct feed_doc *gdp = load_fixture("cn_gdp.json");
	struct feed_doc *empty = load_fixture("empty.json");
	struct obs_list out = {0};
	char err[256];

	(void)state;
	assert_int_equal(worldbank_merge(p1, gdp, err, sizeof(err)), -1);
	assert_string_equal(err,
	    "page 1 has 1 pages and 10 rows, page 1 had 3 and 13: the data "
	    "changed between requests");
	assert_int_equal(worldbank_merge(empty, empty, err, sizeof(err)), -1);
	assert_string_equal(err, "page 0 is not one of 1..0");
	assert_int_equal(select_pop(p1, &out, err, sizeof(err)), 0);
	assert_int_equal(out.n, 6);
	obs_list_clear(&out);
	worldbank_format.free(p1);
	worldbank_format.free(gdp);
	worldbank_format.free(empty);
}

/* An empty answer takes the rows of a later page. */
static void
test_merge_into_empty(void **state)
{
	const char *a = "[{\"page\": 1, \"pages\": 2, \"total\": 1}, null]";
	const char *b =
	    "[{\"page\": 2, \"pages\": 2, \"total\": 1}, [{"
	    "\"indicator\": {\"id\": \"SP.POP.TOTL\"}, \"country\": "
	    "{\"id\": \"CN\"}, \"countryiso3code\": \"CHN\", "
	    "\"date\": \"2020\", \"value\": 3}]]";
	struct feed_doc *da, *db;
	struct obs_list out = {0};
	char err[256];

	(void)state;
	da = worldbank_format.load(a, strlen(a), err, sizeof(err));
	db = worldbank_format.load(b, strlen(b), err, sizeof(err));
	assert_non_null(da);
	assert_non_null(db);
	assert_int_equal(select_pop(da, &out, err, sizeof(err)), -1);
	assert_int_equal(worldbank_merge(da, db, err, sizeof(err)), 0);
	assert_int_equal(select_pop(da, &out, err, sizeof(err)), 0);
	assert_int_equal(out.n, 2);
	assert_true(out.v[1].value == 3);
	obs_list_clear(&out);
	worldbank_format.free(da);
	worldbank_format.free(db);
}

static const struct parser_check check_cases[] = {
    {"", NULL},
    {"country=CN", NULL},
    {"indicator=SP.POP.TOTL", NULL},
    {"country=CN,indicator=SP.POP.TOTL", NULL},
    {"region=EAS",
	"series: unknown dimension \"region\" (the worldbank "
	"format has country and indicator)"},
    {"country=CN,country=US", "series: country is given twice"},
    {"indicator=", "series: indicator is empty"},
};

static void
test_check(void **state)
{
	struct feed_dim region[] = {{"region", "EAS"}};
	struct feed_selector sel = {.observations = "/1"};
	struct feed_doc *doc;
	struct obs_list out = {0};
	char err[256];

	(void)state;
	parser_case_run_checks(&suite, check_cases, NELEM(check_cases));
	assert_int_equal(worldbank_format.check(&sel, err, sizeof(err)), -1);
	assert_string_equal(err,
	    "the worldbank format reads only series (country, indicator), "
	    "not observations, period or value");
	/* select checks the selector too */
	sel = (struct feed_selector){.series = region, .nseries = 1};
	doc = load_fixture("cn_gdp.json");
	assert_int_equal(worldbank_format.select(doc, &sel, FREQ_ANNUAL, &out,
			     NULL, NULL, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "unknown dimension"));
	assert_int_equal(out.n, 0);
	worldbank_format.free(doc);
}

/* A document is read from (buf, len), not up to a NUL. */
static void
test_length(void **state)
{
	size_t len;
	char *buf = parser_case_fixture(&suite, "cn_gdp.json", &len), err[256];
	struct feed_doc *doc;

	(void)state;
	buf[len] = 'x';
	doc = worldbank_format.load(buf, len, err, sizeof(err));
	assert_non_null(doc);
	worldbank_format.free(doc);
	assert_null(worldbank_format.load(buf, len - 3, err, sizeof(err)));
	free(buf);
}

/* Without a reject callback the outcome is the same. */
static void
test_no_callback(void **state)
{
	size_t len;
	char *buf =
		 parser_case_inline(&suite, PAGE(ROW("'2021'", "'x'")), &len),
	     err[256];
	struct feed_selector sel = {0};
	struct obs_list out = {0};

	(void)state;
	assert_int_equal(feed_parse(&worldbank_format, buf, len, &sel,
			     FREQ_ANNUAL, &out, NULL, NULL, err, sizeof(err)),
	    -1);
	assert_string_equal(err, "1 of 1 rows rejected");
	assert_int_equal(out.n, 0);
	free(buf);
}

/* More rows than an observation list may hold: load fails; a full list
 * makes select fail and stay as it was. */
static void
test_limits(void **state)
{
	size_t n = OBS_LIST_MAX + 1, len = 0, cap = n * 2 + 64;
	char *buf = malloc(cap), err[256];
	struct feed_selector sel = {0};
	struct obs_list out = {0};
	struct period p = {FREQ_DAILY, 2000, 1};
	struct feed_doc *doc;

	(void)state;
	assert_non_null(buf);
	len = (size_t)snprintf(
	    buf, cap, "[{\"page\":1,\"pages\":1,\"total\":1},[");
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			buf[len++] = ',';
		buf[len++] = '0';
	}
	len += (size_t)snprintf(buf + len, cap - len, "]]");
	assert_null(worldbank_format.load(buf, len, err, sizeof(err)));
	assert_string_equal(err, "rows: 100001, more than the limit of 100000");
	free(buf);

	buf = parser_case_fixture(&suite, "cn_gdp.json", &len);
	doc = worldbank_format.load(buf, len, err, sizeof(err));
	assert_non_null(doc);
	for (int i = 0; i < OBS_LIST_MAX; i++)
		assert_int_equal(obs_list_add(&out, &p, i), 0);
	assert_int_equal(worldbank_format.select(doc, &sel, FREQ_ANNUAL, &out,
			     NULL, NULL, err, sizeof(err)),
	    -1);
	assert_string_equal(
	    err, "out of memory or more than 100000 observations");
	assert_int_equal(out.n, OBS_LIST_MAX);
	obs_list_clear(&out);
	worldbank_format.free(doc);
	free(buf);
}

/* Codes from the selector are quoted short, cut between characters. */
static void
test_quote(void **state)
{
	struct feed_dim dims[] = {{"country",
	    "a中华人民共和国中华人民共和国中华人民共和国中华人民共和国"}};
	struct feed_selector sel = {.series = dims, .nseries = 1};
	struct obs_list out = {0};
	struct feed_doc *doc;
	char err[512], *buf;
	size_t len;

	(void)state;
	buf = parser_case_fixture(&suite, "cn_gdp.json", &len);
	doc = worldbank_format.load(buf, len, err, sizeof(err));
	assert_non_null(doc);
	assert_int_equal(worldbank_format.select(doc, &sel, FREQ_ANNUAL, &out,
			     NULL, NULL, err, sizeof(err)),
	    -1);
	/* 1 + 19 characters of 3 bytes: the 20th would pass 60 bytes */
	assert_string_equal(err,
	    "no row for country "
	    "\"a中华人民共和国中华人民共和国中华人民共...\" "
	    "among the page's 10 rows");
	worldbank_format.free(doc);
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cases),
	    cmocka_unit_test(test_pages),
	    cmocka_unit_test(test_merge),
	    cmocka_unit_test(test_merge_mismatch),
	    cmocka_unit_test(test_merge_into_empty),
	    cmocka_unit_test(test_check),
	    cmocka_unit_test(test_length),
	    cmocka_unit_test(test_no_callback),
	    cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_quote),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

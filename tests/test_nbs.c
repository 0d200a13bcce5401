/*
 * test_nbs: the NBS easyquery format.  Cases are a table of document +
 * series ("zb=A020101,reg=350000", each one the format's check() accepts)
 * -> expected observations, or -> expected error and reject messages
 * (substrings, in order), run by the parser tests' harness
 * (unit/parser_case.c).  Inline documents are written with ' for ";
 * fixtures, shaped like the answers of data.stats.gov.cn (Chinese names,
 * units, time nodes), live in $PW_FIXTURES/nbs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "nbs.h"
#include "unit/parser_case.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const struct parser_suite suite = {
    .format = &nbs_format, .dir = "nbs", .quotes = true, .check = true};

/* A data node of zb Z for time T with data D and strdata S. */
#define NODE(z, t, has, d, s)                                                  \
	"{'code': 'zb." z "_sj." t "', 'data': {'data': " d                    \
	", 'dotcount': 1, 'hasdata': " has ", 'strdata': " s "},"              \
	" 'wds': [{'valuecode': '" z "', 'wdcode': 'zb'},"                     \
	" {'valuecode': '" t "', 'wdcode': 'sj'}]}"
#define ANSWER(nodes)                                                              \
	"{'returncode': 200, 'returndata': {'datanodes': [" nodes                  \
	"], 'freshsort': 0, 'hasdatacount': 1, 'wdnodes': [{'nodes': "             \
	"[{'cname': '国内生产总值', 'code': 'A020101', 'unit': '亿元'}], " \
	"'wdcode': 'zb', 'wdname': '指标'}, {'nodes': [], 'wdcode': 'sj', "      \
	"'wdname': '时间'}]}}"
#define ZB "zb=A020101"

static const struct parser_case nbs_cases[] = {
    /* good answers */
    {{"annual GDP, the latest year unpublished", NULL, "gdp_annual.json"}, ZB,
	FREQ_ANNUAL,
	{0,
	    "2019=986515.2 2020=1013567.0 2021=1149237.0 "
	    "2022=1204724.0 2023=1260582.1",
	    NULL, {NULL}}},
    {{"the other indicator of the answer", NULL, "gdp_annual.json"},
	"zb=A020102", FREQ_ANNUAL,
	{0,
	    "2019=70473.6 2020=77754.1 2021=83216.5 2022=88207.0 "
	    "2023=89755.2",
	    NULL, {NULL}}},
    {{"quarters 2021A..2022D", NULL, "gdp_quarterly.json"}, "zb=A010101",
	FREQ_QUARTERLY,
	{0,
	    "2021-Q1=247984.0 2021-Q2=282857.4 2021-Q3=290964.4 "
	    "2021-Q4=327042.4 2022-Q1=270178.0 2022-Q2=292464.1 "
	    "2022-Q3=307627.2 2022-Q4=335508.1",
	    NULL, {NULL}}},
    {{"months: strdata, the published figure, not data", NULL,
	 "cpi_monthly.json"},
	"zb=A01010101", FREQ_MONTHLY,
	{0,
	    "2021-07=101.0 2021-08=100.8 2021-09=100.7 2021-10=101.5 "
	    "2021-11=102.3 2021-12=101.5",
	    NULL, {NULL}}},
    {{"a province", NULL, "province_gdp.json"}, ZB ",reg=350000", FREQ_ANNUAL,
	{0, "2021=48810.4 2022=53109.9 2023=54355.1", NULL, {NULL}}},
    {{"another province, dimensions in another order", NULL,
	 "province_gdp.json"},
	"reg=330000," ZB, FREQ_ANNUAL,
	{0, "2021=73516.0 2022=77715.4 2023=82553.2", NULL, {NULL}}},
    {{"no published value: no observations",
	 ANSWER(NODE("A020101", "2024", "false", "0", "''") ", " NODE(
	     "A020101", "2025", "false", "0", "''")),
	 NULL},
	ZB, FREQ_ANNUAL, {0, "", NULL, {NULL}}},
    {{"strdata empty: data",
	 ANSWER(NODE("A020101", "2021", "true", "1149237.0", "''")), NULL},
	ZB, FREQ_ANNUAL, {0, "2021=1149237.0", NULL, {NULL}}},
    {{"strdata missing: data",
	 "{'returncode': 200, 'returndata': {'datanodes': [{'data': {'data': "
	 "-2.5, 'hasdata': true}, 'wds': [{'wdcode': 'zb', 'valuecode': "
	 "'A020101'}, {'wdcode': 'sj', 'valuecode': '2021'}]}]}}",
	 NULL},
	ZB, FREQ_ANNUAL, {0, "2021=-2.5", NULL, {NULL}}},
    {{"the same value twice is one",
	 ANSWER(NODE("A020101", "2021", "true", "5", "'5'") ", " NODE("A020101",
	     "2020", "true", "4",
	     "'4'") ", " NODE("A020101", "2021", "true", "5.0", "'5.0'")),
	 NULL},
	ZB, FREQ_ANNUAL, {0, "2020=4 2021=5", NULL, {NULL}}},
    {{"out of order is sorted",
	 ANSWER(NODE("A020101", "2019", "true", "1", "'1'") ", " NODE("A020101",
	     "2021", "true", "3",
	     "'3'") ", " NODE("A020101", "2020", "true", "2", "'2'")),
	 NULL},
	ZB, FREQ_ANNUAL, {0, "2019=1 2020=2 2021=3", NULL, {NULL}}},
    {{"other series' odd nodes are ignored",
	 ANSWER(NODE("A020199", "20211", "'yes'", "'x'", "7") ", " NODE(
	     "A020101", "2021", "true", "1", "'1e3'")),
	 NULL},
	ZB, FREQ_ANNUAL, {0, "2021=1000", NULL, {NULL}}},
    {{"no wdnodes: the data nodes say the dimensions",
	 "{'returncode': 200, 'returndata': {'datanodes': [" NODE(
	     "A020101", "2021", "true", "1", "'1'") "]}}",
	 NULL},
	ZB, FREQ_ANNUAL, {0, "2021=1", NULL, {NULL}}},

    /* refusals and documents that are not answers */
    {{"returncode 501", NULL, "error_501.json"}, ZB, FREQ_ANNUAL,
	{-1, NULL, "NBS returncode 501: 对不起，未能找到符合条件的数据",
	    {NULL}}},
    {{"returncode without text", "{'returncode': 404}", NULL}, ZB, FREQ_ANNUAL,
	{-1, NULL, "NBS returncode 404", {NULL}}},
    {{"returncode a string", "{'returncode': '200', 'returndata': {}}", NULL},
	ZB, FREQ_ANNUAL,
	{-1, NULL, "not an NBS answer: returncode is a string, not a number",
	    {NULL}}},
    {{"no returncode", "{'returndata': {'datanodes': []}}", NULL}, ZB,
	FREQ_ANNUAL,
	{-1, NULL, "not an NBS answer: returncode is missing, not a number",
	    {NULL}}},
    {{"an array", "[]", NULL}, ZB, FREQ_ANNUAL,
	{-1, NULL, "not an NBS answer: the document is an array, not an object",
	    {NULL}}},
    {{"no datanodes", "{'returncode': 200, 'returndata': {'wdnodes': []}}",
	 NULL},
	ZB, FREQ_ANNUAL,
	{-1, NULL, "not an NBS answer: returndata has no datanodes array",
	    {NULL}}},
    {{"returndata a string", "{'returncode': 200, 'returndata': 'ok'}", NULL},
	ZB, FREQ_ANNUAL,
	{-1, NULL, "returndata has no datanodes array", {NULL}}},
    {{"wdnodes not an array",
	 "{'returncode': 200, 'returndata': {'datanodes': [], 'wdnodes': {}}}",
	 NULL},
	ZB, FREQ_ANNUAL,
	{-1, NULL, "not an NBS answer: wdnodes is an object", {NULL}}},
    {{"truncated", NULL, "truncated.json"}, ZB, FREQ_ANNUAL,
	{-1, NULL, "line 5 column 6: premature end of input", {NULL}}},
    {{"not JSON", "<html>请稍后再试</html>", NULL}, ZB, FREQ_ANNUAL,
	{-1, NULL, "line 1 column 1:", {NULL}}},
    {{"duplicate keys", "{'returncode': 200, 'returncode': 200}", NULL}, ZB,
	FREQ_ANNUAL, {-1, NULL, "duplicate object key", {NULL}}},

    /* selectors that do not pick one series */
    {{"a dimension left out", NULL, "province_gdp.json"}, ZB, FREQ_ANNUAL,
	{-1, NULL,
	    "series does not name dimension reg (地区): name one of its codes, "
	    "e.g. reg: 350000",
	    {NULL}}},
    {{"a dimension left out, no wdnodes",
	 "{'returncode': 200, 'returndata': {'datanodes': [{'data': {'data': "
	 "1, 'hasdata': true}, 'wds': [{'wdcode': 'zb', 'valuecode': "
	 "'A020101'}, {'wdcode': 'reg', 'valuecode': '350000'}, {'wdcode': "
	 "'sj', 'valuecode': '2021'}]}]}}",
	 NULL},
	ZB, FREQ_ANNUAL,
	{-1, NULL, "series does not name dimension reg: name one of its codes",
	    {NULL}}},
    {{"an unknown indicator", NULL, "gdp_annual.json"}, "zb=A020199",
	FREQ_ANNUAL,
	{-1, NULL,
	    "no data node for zb A020199 among the answer's 12 data nodes (its "
	    "zb codes are A020101 国内生产总值, A020102 第一产业增加值)",
	    {NULL}}},
    {{"an unknown region", NULL, "province_gdp.json"}, ZB ",reg=350104",
	FREQ_ANNUAL,
	{-1, NULL,
	    "no data node for zb A020101, reg 350104 among the answer's 6 data "
	    "nodes (its reg codes are 350000 福建省, 330000 浙江省)",
	    {NULL}}},
    {{"a dimension the answer lacks", NULL, "gdp_annual.json"},
	ZB ",reg=350000", FREQ_ANNUAL,
	{-1, NULL,
	    "no data node for zb A020101, reg 350000 among the answer's 12 "
	    "data "
	    "nodes (the answer has no dimension reg)",
	    {NULL}}},
    {{"no data nodes at all",
	 "{'returncode': 200, 'returndata': {'datanodes': []}}", NULL},
	ZB, FREQ_ANNUAL,
	{-1, NULL,
	    "no data node for zb A020101 among the answer's 0 data nodes",
	    {NULL}}},

    /* rejected nodes */
    {{"two values for one period",
	 ANSWER(NODE("A020101", "2021", "true", "5", "'5'") ", " NODE(
	     "A020101", "2021", "true", "6", "'6'")),
	 NULL},
	ZB, FREQ_ANNUAL,
	{-1, NULL, "1 of 2 data nodes rejected",
	    {"data node 1 (period 2021): another value for the period of data "
	     "node 0: 6, not 5"}}},
    {{"annual nodes for a quarterly indicator", NULL, "gdp_annual.json"}, ZB,
	FREQ_QUARTERLY,
	{-1, NULL, "5 of 12 data nodes rejected",
	    {"data node 1: period 2023 is annual, the indicator is quarterly",
		"data node 2: period 2022 is annual",
		"data node 3: period 2021 is annual",
		"data node 4: period 2020 is annual",
		"data node 5: period 2019 is annual"}}},
    {{"cumulative (累计) values: a month code names January through it",
	 ANSWER(NODE("A020101", "202402", "true", "210", "'210'") ", " NODE(
	     "A020101", "202312", "true", "1200", "'1200'")),
	 NULL},
	ZB, FREQ_YTD_MONTHLY,
	{0, "2023-M01-M12=1200 2024-M01-M02=210", NULL, {NULL}}},
    {{"cumulative quarters: 2023C is 前三季度",
	 ANSWER(NODE("A020101", "2023C", "true", "790", "'790'") ", " NODE(
	     "A020101", "2023D", "true", "1060", "'1060'")),
	 NULL},
	ZB, FREQ_YTD_QUARTERLY,
	{0, "2023-Q1-Q3=790 2023-Q1-Q4=1060", NULL, {NULL}}},
    {{"bad time codes",
	 ANSWER(NODE("A020101", "20211", "true", "1", "'1'") ", " NODE(
	     "A020101", "2021E", "true", "2", "'2'") ", " NODE("A020101",
	     "202113", "true", "3", "'3'")),
	 NULL},
	ZB, FREQ_MONTHLY,
	{-1, NULL, "3 of 3 data nodes rejected",
	    {"data node 0: sj \"20211\": not a period",
		"data node 1: sj \"2021E\": not a period",
		"data node 2: sj \"202113\": month 13 out of range"}}},
    {{"values that are not numbers",
	 ANSWER(NODE("A020101", "2019", "true", "1", "'—'") ", " NODE(
	     "A020101", "2020", "true", "2", "'1,065'") ", " NODE("A020101",
	     "2021", "true", "'3'", "''") ", " NODE("A020101", "2022", "true",
	     "4", "4") ", " NODE("A020101", "2023", "true", "5", "'inf'")),
	 NULL},
	ZB, FREQ_ANNUAL,
	{-1, NULL, "5 of 5 data nodes rejected",
	    {"data node 0 (period 2019): strdata \"—\" is not a number",
		"data node 1 (period 2020): strdata \"1,065\" is not a number",
		"data node 2 (period 2021): no value: strdata is empty and "
		"data "
		"is a string",
		"data node 3 (period 2022): strdata is a number, not a string",
		"data node 4 (period 2023): strdata \"inf\" is not a number"}}},
    {{"hasdata not a boolean",
	 ANSWER(NODE("A020101", "2021", "1", "1", "'1'") ", " NODE(
	     "A020101", "2022", "null", "1", "'1'")),
	 NULL},
	ZB, FREQ_ANNUAL,
	{-1, NULL, "2 of 2 data nodes rejected",
	    {"data node 0: hasdata is a number, not true or false",
		"data node 1: hasdata is null, not true or false"}}},
    {{"nodes that say no series",
	 "{'returncode': 200, 'returndata': {'datanodes': [5, {}, "
	 "{'wds': [{'wdcode': 'zb'}]}, "
	 "{'wds': [{'wdcode': 'zb', 'valuecode': 'A020101'}]}, "
	 "{'wds': [{'wdcode': 'zb', 'valuecode': 'A020101'}, {'wdcode': 'zb', "
	 "'valuecode': 'A020101'}]}, "
	 "{'wds': [{'wdcode': 'sj', 'valuecode': '2021'}, {'wdcode': 'sj', "
	 "'valuecode': '2021'}]}, "
	 "{'wds': [{'wdcode': 'zb', 'valuecode': 'A020101'}, {'wdcode': 'sj', "
	 "'valuecode': '2021'}]}]}}",
	 NULL},
	ZB, FREQ_ANNUAL,
	{-1, NULL, "7 of 7 data nodes rejected",
	    {"data node 0: data node is a number, not an object",
		"data node 1: no wds array",
		"data node 2: wds 0 has no wdcode or valuecode string",
		"data node 3: no sj (time) code in wds",
		"data node 4: zb appears twice in wds",
		"data node 5: sj appears twice in wds",
		"data node 6: no data object"}}},
    {{"too many dimensions",
	 "{'returncode': 200, 'returndata': {'datanodes': [{'wds': ["
	 "{'wdcode': 'a', 'valuecode': '1'}, {'wdcode': 'b', 'valuecode': '1'},"
	 "{'wdcode': 'c', 'valuecode': '1'}, {'wdcode': 'd', 'valuecode': '1'},"
	 "{'wdcode': 'e', 'valuecode': '1'}, {'wdcode': 'f', 'valuecode': '1'},"
	 "{'wdcode': 'g', 'valuecode': '1'}, {'wdcode': 'h', 'valuecode': '1'},"
	 "{'wdcode': 'i', 'valuecode': '1'}]}]}}",
	 NULL},
	ZB, FREQ_ANNUAL,
	{-1, NULL, "1 of 1 data nodes rejected",
	    {"data node 0: more than 8 dimensions"}}},
};

static void
test_cases(void **state)
{
	(void)state;
	parser_case_run_series(&suite, nbs_cases, NELEM(nbs_cases));
}

static const struct parser_check check_cases[] = {
    {"zb=A020101", NULL},
    {"zb=A020101,reg=350000", NULL},
    {"", "series must name every dimension but time, e.g. zb: A020101"},
    {"zb=A020101,sj=2021",
	"series: sj is the time dimension, which the format reads itself"},
    {"zb=A020101,zb=A020102", "series: zb is given twice"},
    {"zb=", "series: zb is empty"},
};

static void
test_check(void **state)
{
	struct feed_dim gdp[] = {{"zb", "A020101"}};
	struct feed_selector sel = {
	    .series = gdp, .nseries = 1, .value = "/data"};
	char err[256];

	(void)state;
	parser_case_run_checks(&suite, check_cases, NELEM(check_cases));
	assert_int_equal(nbs_format.check(&sel, err, sizeof(err)), -1);
	assert_string_equal(err,
	    "the nbs format reads only series, not "
	    "observations, period or value");
}

/* One load serves many selections, and select checks its selector. */
static void
test_load_once(void **state)
{
	struct feed_dim gdp[] = {{"zb", "A020101"}};
	struct feed_dim pri[] = {{"zb", "A020102"}};
	struct feed_dim none[] = {{"sj", "2021"}};
	struct feed_selector sel = {.series = gdp, .nseries = 1};
	struct obs_list out = {0};
	struct feed_doc *doc;
	size_t len;
	char *buf = parser_case_fixture(&suite, "gdp_annual.json", &len),
	     err[256];

	(void)state;
	doc = nbs_format.load(buf, len, err, sizeof(err));
	assert_non_null(doc);
	assert_int_equal(nbs_format.select(doc, &sel, FREQ_ANNUAL, &out, NULL,
			     NULL, err, sizeof(err)),
	    0);
	sel.series = pri;
	assert_int_equal(nbs_format.select(doc, &sel, FREQ_ANNUAL, &out, NULL,
			     NULL, err, sizeof(err)),
	    0);
	/* 2019..2023 of both, sorted together: duplicates keep the last */
	assert_int_equal(out.n, 5);
	assert_true(out.v[4].value == 89755.2);
	sel.series = none;
	assert_int_equal(nbs_format.select(doc, &sel, FREQ_ANNUAL, &out, NULL,
			     NULL, err, sizeof(err)),
	    -1);
	assert_int_equal(out.n, 5);
	nbs_format.free(doc);
	nbs_format.free(NULL);
	obs_list_clear(&out);
	/* (buf, len), not up to a NUL */
	buf[len] = 'x';
	doc = nbs_format.load(buf, len, err, sizeof(err));
	assert_non_null(doc);
	nbs_format.free(doc);
	free(buf);
}

/* More data nodes than an observation list may hold: load fails; a full
 * list makes select fail and stay as it was. */
static void
test_limits(void **state)
{
	size_t n = OBS_LIST_MAX + 1, len = 0, cap = n * 3 + 128;
	char *buf = malloc(cap), err[256];
	struct feed_dim gdp[] = {{"zb", "A020101"}};
	struct feed_selector sel = {.series = gdp, .nseries = 1};
	struct period p = {FREQ_DAILY, 2000, 1};
	struct obs_list out = {0};
	struct feed_doc *doc;

	(void)state;
	assert_non_null(buf);
	len = (size_t)snprintf(buf, cap,
	    "{\"returncode\": 200, \"returndata\": {\"datanodes\": [");
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			buf[len++] = ',';
		buf[len++] = '0';
	}
	len += (size_t)snprintf(buf + len, cap - len, "]}}");
	assert_null(nbs_format.load(buf, len, err, sizeof(err)));
	assert_string_equal(
	    err, "datanodes: 100001, more than the limit of 100000");
	free(buf);

	buf = parser_case_fixture(&suite, "gdp_annual.json", &len);
	doc = nbs_format.load(buf, len, err, sizeof(err));
	assert_non_null(doc);
	for (int i = 0; i < OBS_LIST_MAX; i++)
		assert_int_equal(obs_list_add(&out, &p, i), 0);
	assert_int_equal(nbs_format.select(doc, &sel, FREQ_ANNUAL, &out, NULL,
			     NULL, err, sizeof(err)),
	    -1);
	assert_string_equal(
	    err, "out of memory or more than 100000 observations");
	assert_int_equal(out.n, OBS_LIST_MAX);
	obs_list_clear(&out);
	nbs_format.free(doc);
	free(buf);
}

/* The codes listed for an unknown one stop after three, names cut short. */
static void
test_hint(void **state)
{
	const char *doc =
	    "{\"returncode\": 200, \"returndata\": {\"datanodes\": [], "
	    "\"wdnodes\": [{\"wdcode\": \"zb\", \"wdname\": \"指标\", "
	    "\"nodes\": [{\"code\": \"A01\", \"cname\": "
	    "\"居民消费价格指数(上年同月=100)\"}, {\"code\": \"A02\"}, "
	    "{\"code\": \"A03\", \"cname\": \"x\\ny\"}, {\"code\": "
	    "\"A04\"}]}]}}";
	struct feed_dim dims[] = {{"zb", "A09"}};
	struct feed_selector sel = {.series = dims, .nseries = 1};
	struct obs_list out = {0};
	char err[512];

	(void)state;
	assert_int_equal(feed_parse(&nbs_format, doc, strlen(doc), &sel,
			     FREQ_ANNUAL, &out, NULL, NULL, err, sizeof(err)),
	    -1);
	assert_string_equal(err,
	    "no data node for zb A09 among the answer's 0 data nodes (its zb "
	    "codes are A01 居民消费价格指数..., A02, A03 x?y, ...)");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cases),
	    cmocka_unit_test(test_check),
	    cmocka_unit_test(test_load_once),
	    cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_hint),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_jsonstat: the JSON-stat 2.0 dataset format.  Cases are a table of
 * document + series selector -> expected observations (compared exactly:
 * the same periods, values equal with ==), or -> expected error and reject
 * messages (substrings, in order).  Inline documents are written with '
 * for " to stay readable; fixture documents live in $PW_FIXTURES/jsonstat.
 * Every call starts from a list that already holds 1990=7, to check that
 * observations are appended and that the list is left as it was on -1.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "jsonstat.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_REJECTS 8
#define MAX_DIMS 8
#define FIXTURE_MAX (1024 * 1024)

struct jstat_case {
	const char *name;
	const char *doc; /* inline, ' for " */
	const char *file; /* or a fixture under jsonstat/ */
	const char *series; /* "geo=CN,sex=F" */
	enum freq freq;
	int rc;
	const char *expect; /* rc 0: what was added, "2021=1 2022=2" */
	const char *err; /* rc -1: a substring of err */
	const char *rejects[MAX_REJECTS]; /* substrings, in order */
};

/*
 * A small dataset for inline cases: geo (CN, US) by time (2020..2022);
 * cells 0-2 are CN's, 3-5 US's.  VALUE is its value, EXTRA more members.
 */
#define CUBE(value, extra)                                                     \
	"{'version': '2.0', 'class': 'dataset', 'id': ['geo', 'time'],"        \
	" 'size': [2, 3], 'dimension': {"                                      \
	"'geo': {'category': {'index': ['CN', 'US']}},"                        \
	" 'time': {'category': {'index': ['2020', '2021', '2022']}}},"         \
	" 'value': " value extra "}"
/* One geo (CN) by N time categories TIMES. */
#define TIMES(times, n, value)                                                 \
	"{'class': 'dataset', 'id': ['geo', 'time'], 'size': [1, " n "],"      \
	" 'dimension': {'geo': {'category': {'index': ['CN']}},"               \
	" 'time': {'category': {'index': " times "}}}, 'value': " value "}"
/* A dataset head with ids IDS, sizes SIZES and dimensions DIMS. */
#define HEAD(ids, sizes, dims, rest)                                           \
	"{'class': 'dataset', 'id': " ids ", 'size': " sizes                   \
	", 'dimension': " dims rest "}"

static const struct jstat_case jstat_cases[] = {
    /* published shapes */
    {"OECD sample: index objects, role.time, status e kept", NULL, "oecd.json",
	"area=AU", FREQ_ANNUAL, 0,
	"2003=5.943826289 2004=5.39663128 2005=5.044790587 2006=4.789362794 "
	"2007=4.379649386 2008=4.249093453",
	NULL, {NULL}},
    {"OECD sample: a size-1 dimension named", NULL, "oecd.json",
	"concept=UNR,area=OECD", FREQ_ANNUAL, 0,
	"2003=7.06 2004=6.97 2005=6.71 2006=6.08 2007=5.66 2008=5.98", NULL,
	{NULL}},
    {"Canada sample: five dimensions, one time category", NULL, "canada.json",
	"age=T,concept=POP,sex=F", FREQ_ANNUAL, 0, "2012=17571.3", NULL,
	{NULL}},
    {"Canada sample: another cell, label-only country named", NULL,
	"canada.json", "sex=M,concept=PERCENT,age=9,country=CA", FREQ_ANNUAL, 0,
	"2012=5.5", NULL, {NULL}},
    {"Eurostat: sparse values, status ':' skipped, 'p' kept", NULL,
	"eurostat_sparse.json", "unit=CLV_PCH_SM,geo=EU27_2020", FREQ_QUARTERLY,
	0, "2023-Q1=2.9 2023-Q2=0.6 2023-Q4=1.1", NULL, {NULL}},
    {"Eurostat: every cell present", NULL, "eurostat_sparse.json",
	"unit=CLV_PCH_SM,geo=DE,freq=Q", FREQ_QUARTERLY, 0,
	"2023-Q1=0.9 2023-Q2=0.2 2023-Q3=-0.1 2023-Q4=0.1", NULL, {NULL}},
    {"Eurostat: a value with status ':' is skipped", NULL,
	"eurostat_sparse.json", "unit=CLV_PCH_PRE,geo=FR", FREQ_QUARTERLY, 0,
	"2023-Q1=1 2023-Q2=0.3", NULL, {NULL}},
    {"PxWeb: 2021M01 months, status '..' skipped", NULL, "pxweb_monthly.json",
	"ContentsCode=000004VV", FREQ_MONTHLY, 0,
	"2023-09=6.5 2023-10=6.5 2023-11=5.8 2023-12=4.4", NULL, {NULL}},
    {"PxWeb: status array, 'p' kept", NULL, "pxweb_monthly.json",
	"ContentsCode=000004VU", FREQ_MONTHLY, 0,
	"2023-09=411.93 2023-10=413.01 2023-11=412.17 2023-12=413.27 "
	"2024-01=407.26",
	NULL, {NULL}},
    {"Chinese ids and labels, time called year", NULL, "cangshan_zh.json",
	"指标=地区生产总值,地区=350104", FREQ_ANNUAL, 0,
	"2020=902.27 2021=980.6 2022=1021.3 2023=1048.97", NULL, {NULL}},
    {"Chinese: a null value", NULL, "cangshan_zh.json",
	"地区=350102,指标=地区生产总值", FREQ_ANNUAL, 0,
	"2020=1478.1 2021=1565.2 2023=1680.4", NULL, {NULL}},
    {"Chinese: numeric strings", NULL, "cangshan_zh.json",
	"指标=常住人口,地区=350104", FREQ_ANNUAL, 0,
	"2020=76.1 2021=77.3 2022=78 2023=78.6", NULL, {NULL}},

    /* inline: the cube */
    {"array values, the second line", CUBE("[1, 2, 3, 4, 5, 6]", ""), NULL,
	"geo=US", FREQ_ANNUAL, 0, "2020=4 2021=5 2022=6", NULL, {NULL}},
    {"sparse values, unordered keys", CUBE("{'5': 6, '3': 4, '0': 1}", ""),
	NULL, "geo=US", FREQ_ANNUAL, 0, "2020=4 2022=6", NULL, {NULL}},
    {"every value missing", CUBE("[1, 2, 3, null, null, null]", ""), NULL,
	"geo=US", FREQ_ANNUAL, 0, "", NULL, {NULL}},
    {"every value absent", CUBE("{'0': 1}", ""), NULL, "geo=US", FREQ_ANNUAL, 0,
	"", NULL, {NULL}},
    {"one status for every cell",
	CUBE("[1, 2, 3, 4, 5, 6]", ", 'status': '..'"), NULL, "geo=CN",
	FREQ_ANNUAL, 0, "", NULL, {NULL}},
    {"a status array of one", CUBE("[1, 2, 3, 4, 5, 6]", ", 'status': ['e']"),
	NULL, "geo=CN", FREQ_ANNUAL, 0, "2020=1 2021=2 2022=3", NULL, {NULL}},
    {"status array, nulls and ':'",
	CUBE("[1, 2, 3, 4, 5, 6]",
	    ", 'status': [null, ':', 'e', '..', null, 'x']"),
	NULL, "geo=CN", FREQ_ANNUAL, 0, "2020=1 2022=3", NULL, {NULL}},
    {"a missing value with a bad status is skipped",
	CUBE("[null, 2, 3, 4, 5, 6]",
	    ", 'status': [5, null, null, null, "
	    "null, null]"),
	NULL, "geo=CN", FREQ_ANNUAL, 0, "2021=2 2022=3", NULL, {NULL}},
    {"numbers: integers too large, signs, exponents",
	CUBE("[100000000000000000000000, '-3e2', ' +4 ', 0, 0, 0]", ""), NULL,
	"geo=CN", FREQ_ANNUAL, 0, "2020=1e+23 2021=-300 2022=4", NULL, {NULL}},
    {"time found by the name TIME_PERIOD",
	HEAD("['TIME_PERIOD', 'a']", "[2, 1]",
	    "{'TIME_PERIOD': {'category': {'index': ['2021-Q1', '2021-Q2']}},"
	    " 'a': {'category': {'label': {'x': 'X'}}}}",
	    ", 'value': [1, 2]"),
	NULL, "a=x", FREQ_QUARTERLY, 0, "2021-Q1=1 2021-Q2=2", NULL, {NULL}},
    {"time found by the name date, daily",
	HEAD("['date', 'a']", "[2, 1]",
	    "{'date': {'category': {'index': ['2024-02-29', '2024-01-31']}},"
	    " 'a': {'category': {'index': {'x': 0}}}}",
	    ", 'value': [1, 2]"),
	NULL, "a=x", FREQ_DAILY, 0, "2024-01-31=2 2024-02-29=1", NULL, {NULL}},
    {"role.time beats the names",
	HEAD("['year', 'period']", "[1, 2]",
	    "{'year': {'category': {'index': ['x']}},"
	    " 'period': {'category': {'index': ['2020', '2021']}}}",
	    ", 'role': {'time': ['period']}, 'value': [1, 2]"),
	NULL, "year=x", FREQ_ANNUAL, 0, "2020=1 2021=2", NULL, {NULL}},
    {"only the time dimension", TIMES("['2021', '2020']", "2", "[1, 2]"), NULL,
	"geo=CN", FREQ_ANNUAL, 0, "2020=2 2021=1", NULL, {NULL}},
    {"duplicate periods with one value",
	TIMES("['2021-07', '2021M07', '2021-M07', '202106']", "4",
	    "[5, 5, 5, 4]"),
	NULL, "geo=CN", FREQ_MONTHLY, 0, "2021-06=4 2021-07=5", NULL, {NULL}},
    {"ISO 8601 time ranges name the period they cover",
	TIMES("['2021-01-01/P3M', '2021-04-01T00:00:00Z/P3M', '2021-Q3']", "3",
	    "[1, 2, 3]"),
	NULL, "geo=CN", FREQ_QUARTERLY, 0, "2021-Q1=1 2021-Q2=2 2021-Q3=3",
	NULL, {NULL}},
    {"a range that is no one period", TIMES("['2021-02-01/P3M']", "1", "[1]"),
	NULL, "geo=CN", FREQ_QUARTERLY, -1, NULL,
	"1 of 1 observations rejected",
	{"value[0]: period \"2021-02-01/P3M\": 3 months from 2021-02-01 are "
	 "not one period"}},
    {"a cumulative series: PxWeb months name January through them",
	TIMES("['2023M12', '2024M01', '2024-01-01/P2M']", "3", "[120, 10, 21]"),
	NULL, "geo=CN", FREQ_YTD_MONTHLY, 0,
	"2023-M01-M12=120 2024-M01-M01=10 2024-M01-M02=21", NULL, {NULL}},
    {"duplicate periods with two values",
	TIMES("['2021-07', '2021M07']", "2", "[5, 6]"), NULL, "geo=CN",
	FREQ_MONTHLY, -1, NULL, "1 of 2 observations rejected",
	{"value[1] (period 2021-07): value 6, but value[0] has 5"}},
    {"values that differ in the 17th digit",
	TIMES("['2021', ' 2021']", "2", "[0.3, 0.30000000000000004]"), NULL,
	"geo=CN", FREQ_ANNUAL, -1, NULL, "1 of 2 observations rejected",
	{"value[1] (period 2021): value 0.30000000000000004, but value[0] "
	 "has 0.3"}},

    /* selectors that do not pick one line */
    {"a dimension left out", NULL, "canada.json", "age=T,concept=POP",
	FREQ_ANNUAL, -1, NULL, "name a category of sex (T, M, F)", {NULL}},
    {"several dimensions left out", NULL, "canada.json", "country=CA",
	FREQ_ANNUAL, -1, NULL,
	"name a category of age (T, 4, 9), concept (POP, PERCENT), sex (T, "
	"M, F)",
	{NULL}},
    {"an unknown dimension", NULL, "oecd.json", "area=AU,sex=F", FREQ_ANNUAL,
	-1, NULL, "no dimension sex (dimensions: concept, area, year)", {NULL}},
    {"an unknown category", NULL, "oecd.json", "area=FR", FREQ_ANNUAL, -1, NULL,
	"dimension area has no category FR (AU, DE, US, OECD)", {NULL}},
    {"the time dimension named", NULL, "oecd.json", "area=AU,year=2003",
	FREQ_ANNUAL, -1, NULL,
	"year is the time dimension: it cannot be selected", {NULL}},
    {"a category listed twice",
	HEAD("['geo', 'time']", "[2, 1]",
	    "{'geo': {'category': {'index': ['CN', 'CN']}},"
	    " 'time': {'category': {'index': ['2021']}}}",
	    ", 'value': [1, 2]"),
	NULL, "geo=CN", FREQ_ANNUAL, -1, NULL,
	"dimension geo lists category CN twice", {NULL}},
    {"a long category list is cut",
	HEAD("['geo', 'time']", "[10, 1]",
	    "{'geo': {'category': {'index': ['a', 'b', 'c', 'd', 'e', 'f', "
	    "'g', 'h', 'i', 'j']}}, 'time': {'category': {'index': "
	    "['2021']}}}",
	    ", 'value': {}"),
	NULL, "geo=z", FREQ_ANNUAL, -1, NULL,
	"dimension geo has no category z (a, b, c, d, e, f, g, h, ...)",
	{NULL}},

    /* rejected cells */
    {"values that are not numbers", CUBE("[1, 'n/a', true, {}, [], 'NaN']", ""),
	NULL, "geo=CN", FREQ_ANNUAL, -1, NULL, "2 of 3 observations rejected",
	{"value[1] (period 2021): value \"n/a\" is not a number",
	    "value[2] (period 2022): value is a boolean, not a number"}},
    {"values of other types", CUBE("[1, 'n/a', true, {}, [], 'NaN']", ""), NULL,
	"geo=US", FREQ_ANNUAL, -1, NULL, "3 of 3 observations rejected",
	{"value[3] (period 2020): value is an object, not a number",
	    "value[4] (period 2021): value is an array, not a number",
	    "value[5] (period 2022): value \"NaN\" is not a number"}},
    {"a status that is not a string",
	CUBE("[1, 2, 3, 4, 5, 6]",
	    ", 'status': [null, 7, null, null, null, "
	    "null]"),
	NULL, "geo=CN", FREQ_ANNUAL, -1, NULL, "1 of 3 observations rejected",
	{"value[1]: status is a number, not a string"}},
    {"a period of another frequency", NULL, "oecd.json", "area=US",
	FREQ_MONTHLY, -1, NULL, "6 of 6 observations rejected",
	{"value[12]: period 2003 is annual, the indicator is monthly",
	    "value[13]: period 2004 is annual", "value[14]: period 2005",
	    "value[15]: period 2006", "value[16]: period 2007",
	    "value[17]: period 2008"}},
    {"time categories that are not periods",
	TIMES("['total', '2021-13', '2021M7', '2021']", "4", "[1, 2, 3, 4]"),
	NULL, "geo=CN", FREQ_ANNUAL, -1, NULL, "3 of 4 observations rejected",
	{"value[0]: period \"total\": not a period",
	    "value[1]: period \"2021-13\": month 13 out of range",
	    "value[2]: period \"2021M7\""}},

    /* documents that are not one JSON-stat 2.0 dataset */
    {"not JSON", "<html>", NULL, "a=x", FREQ_ANNUAL, -1, NULL,
	"line 1 column 1:", {NULL}},
    {"truncated", "{'class': 'dataset', 'id': ['a'", NULL, "a=x", FREQ_ANNUAL,
	-1, NULL, "line 1 column", {NULL}},
    {"duplicate keys", CUBE("[1, 2, 3, 4, 5, 6]", ", 'value': []"), NULL,
	"geo=CN", FREQ_ANNUAL, -1, NULL, "duplicate object key", {NULL}},
    {"an array", "[1, 2]", NULL, "a=x", FREQ_ANNUAL, -1, NULL,
	"the document is an array, not an object", {NULL}},
    {"a collection", NULL, "collection.json", "a=x", FREQ_ANNUAL, -1, NULL,
	"a JSON-stat collection: point the URL at one dataset", {NULL}},
    {"a dimension response", "{'class': 'dimension', 'category': {}}", NULL,
	"a=x", FREQ_ANNUAL, -1, NULL,
	"a JSON-stat dimension: point the URL at a dataset", {NULL}},
    {"a 1.x bundle", NULL, "bundle_v1.json", "area=AU", FREQ_ANNUAL, -1, NULL,
	"a JSON-stat 1.x bundle: point the URL at one JSON-stat 2.0 dataset",
	{NULL}},
    {"no class", "{'id': ['time'], 'size': [1], 'value': [1]}", NULL, "a=x",
	FREQ_ANNUAL, -1, NULL,
	"not a JSON-stat 2.0 dataset (no \"class\": \"dataset\")", {NULL}},
    {"another class", "{'class': 'bundle'}", NULL, "a=x", FREQ_ANNUAL, -1, NULL,
	"not a JSON-stat 2.0 dataset", {NULL}},
    {"an error response",
	"{'version': '2.0', 'error': [{'status': '404', 'id': '100', 'label':"
	" 'No data found'}]}",
	NULL, "a=x", FREQ_ANNUAL, -1, NULL,
	"the response is an error: No data found", {NULL}},
    {"no id", "{'class': 'dataset', 'size': [1], 'value': []}", NULL, "a=x",
	FREQ_ANNUAL, -1, NULL,
	"id and size must be arrays of the same, non-zero length", {NULL}},
    {"id and size of different lengths",
	HEAD("['a', 'b']", "[1]", "{}", ", 'value': []"), NULL, "a=x",
	FREQ_ANNUAL, -1, NULL, "id and size must be arrays of the same",
	{NULL}},
    {"empty id", HEAD("[]", "[]", "{}", ", 'value': []"), NULL, "a=x",
	FREQ_ANNUAL, -1, NULL, "non-zero length", {NULL}},
    {"an id that is not a name", HEAD("['a', 5]", "[1, 1]", "{}", ""), NULL,
	"a=x", FREQ_ANNUAL, -1, NULL, "id[1] is not a name", {NULL}},
    {"a size of 0", HEAD("['a']", "[0]", "{}", ""), NULL, "a=x", FREQ_ANNUAL,
	-1, NULL, "size[0] (a) is not a positive integer", {NULL}},
    {"a fractional size", HEAD("['a', 'b']", "[1.5, 1]", "{}", ""), NULL, "a=x",
	FREQ_ANNUAL, -1, NULL, "size[0] (a) is not a positive integer", {NULL}},
    {"a string size", HEAD("['a']", "['3']", "{}", ""), NULL, "a=x",
	FREQ_ANNUAL, -1, NULL, "size[0] (a) is not a positive integer", {NULL}},
    {"sizes that overflow",
	HEAD("['a', 'b', 'c', 'd', 'e']",
	    "[4294967296, 4294967296, 4294967296, 4294967296, 4294967296]",
	    "{}", ""),
	NULL, "a=x", FREQ_ANNUAL, -1, NULL,
	"the sizes multiply past the largest cell count", {NULL}},
    {"a size past 2^53", HEAD("['a']", "[1e300]", "{}", ""), NULL, "a=x",
	FREQ_ANNUAL, -1, NULL, "size[0] (a) is not a positive integer", {NULL}},
    {"a dimension listed twice",
	HEAD("['a', 'a']", "[1, 1]", "{'a': {'category': {'index': ['x']}}}",
	    ", 'value': [1]"),
	NULL, "a=x", FREQ_ANNUAL, -1, NULL, "dimension a is listed twice in id",
	{NULL}},
    {"no dimension object", HEAD("['a']", "[1]", "[]", ""), NULL, "a=x",
	FREQ_ANNUAL, -1, NULL, "dimension is an array, not an object", {NULL}},
    {"a dimension without category",
	HEAD("['time']", "[1]", "{'time': {'label': 'Time'}}", ""), NULL, "a=x",
	FREQ_ANNUAL, -1, NULL, "dimension time has no category object", {NULL}},
    {"a dimension missing from dimension",
	HEAD("['time', 'b']", "[1, 1]",
	    "{'time': {'category': {'index': ['2021']}}}", ""),
	NULL, "a=x", FREQ_ANNUAL, -1, NULL,
	"dimension b has no category object", {NULL}},
    {"more categories than the size",
	HEAD("['time']", "[2]",
	    "{'time': {'category': {'index': ['2020', '2021', '2022']}}}", ""),
	NULL, "a=x", FREQ_ANNUAL, -1, NULL,
	"dimension time has 3 categories, its size is 2", {NULL}},
    {"no index and two labels",
	HEAD("['time']", "[2]",
	    "{'time': {'category': {'label': {'2020': 'a', '2021': 'b'}}}}",
	    ""),
	NULL, "a=x", FREQ_ANNUAL, -1, NULL,
	"dimension time: category has no index", {NULL}},
    {"an index of the wrong type",
	HEAD(
	    "['time']", "[1]", "{'time': {'category': {'index': '2021'}}}", ""),
	NULL, "a=x", FREQ_ANNUAL, -1, NULL,
	"dimension time: category has no index", {NULL}},
    {"an index array of numbers",
	HEAD("['time']", "[2]",
	    "{'time': {'category': {'index': [2020, "
	    "2021]}}}",
	    ""),
	NULL, "a=x", FREQ_ANNUAL, -1, NULL,
	"dimension time: category 0 is a number, not an id", {NULL}},
    {"an index object with a repeated position",
	HEAD("['time']", "[2]",
	    "{'time': {'category': {'index': {'2020': 0, '2021': 0}}}}", ""),
	NULL, "a=x", FREQ_ANNUAL, -1, NULL,
	"dimension time: category 2021 has no position of its own below 2",
	{NULL}},
    {"an index object with a position out of range",
	HEAD("['time']", "[2]",
	    "{'time': {'category': {'index': {'2020': 0, '2021': 2}}}}", ""),
	NULL, "a=x", FREQ_ANNUAL, -1, NULL,
	"category 2021 has no position of its own below 2", {NULL}},
    {"an index object with a string position",
	HEAD("['time']", "[1]",
	    "{'time': {'category': {'index': {'2020': '0'}}}}", ""),
	NULL, "a=x", FREQ_ANNUAL, -1, NULL,
	"category 2020 has no position of its own", {NULL}},
    {"role.time lists two",
	HEAD("['a', 'b']", "[1, 1]",
	    "{'a': {'category': {'index': ['x']}}, 'b': {'category': "
	    "{'index': ['y']}}}",
	    ", 'role': {'time': ['a', 'b']}"),
	NULL, "a=x", FREQ_ANNUAL, -1, NULL,
	"role.time lists 2 dimensions, not one", {NULL}},
    {"role.time names no dimension",
	HEAD("['a']", "[1]", "{'a': {'category': {'index': ['x']}}}",
	    ", 'role': {'time': ['b']}"),
	NULL, "a=x", FREQ_ANNUAL, -1, NULL, "role.time names no dimension",
	{NULL}},
    {"no time dimension",
	HEAD("['a']", "[1]", "{'a': {'category': {'index': ['x']}}}", ""), NULL,
	"a=x", FREQ_ANNUAL, -1, NULL,
	"no time dimension: role.time lists none, and no dimension is "
	"called time, TIME, TIME_PERIOD, year or date",
	{NULL}},
    {"two dimensions that could be time",
	HEAD("['year', 'time']", "[1, 1]",
	    "{'year': {'category': {'index': ['2021']}}, 'time': {'category': "
	    "{'index': ['2021']}}}",
	    ""),
	NULL, "a=x", FREQ_ANNUAL, -1, NULL,
	"more than one dimension could be time: list it in role.time", {NULL}},
    {"no value", CUBE("null", ""), NULL, "geo=CN", FREQ_ANNUAL, -1, NULL,
	"value is null, not an array or an object", {NULL}},
    {"value of the wrong type", CUBE("'1,2'", ""), NULL, "geo=CN", FREQ_ANNUAL,
	-1, NULL, "value is a string, not an array or an object", {NULL}},
    {"too few values", CUBE("[1, 2, 3, 4, 5]", ""), NULL, "geo=CN", FREQ_ANNUAL,
	-1, NULL, "value has 5 cells, the sizes multiply to 6", {NULL}},
    {"too many values", CUBE("[1, 2, 3, 4, 5, 6, 7]", ""), NULL, "geo=CN",
	FREQ_ANNUAL, -1, NULL, "value has 7 cells, the sizes multiply to 6",
	{NULL}},
    {"a sparse key past the cells", CUBE("{'0': 1, '6': 2}", ""), NULL,
	"geo=CN", FREQ_ANNUAL, -1, NULL,
	"value: key \"6\" is not a cell index below 6", {NULL}},
    {"a sparse key with a leading zero", CUBE("{'01': 1}", ""), NULL, "geo=CN",
	FREQ_ANNUAL, -1, NULL, "value: key \"01\" is not a cell index below 6",
	{NULL}},
    {"sparse keys that are not numbers", CUBE("{'1': 1, 'x': 2}", ""), NULL,
	"geo=CN", FREQ_ANNUAL, -1, NULL, "value: key \"x\" is not a cell index",
	{NULL}},
    {"a sparse key that overflows", CUBE("{'99999999999999999999999': 1}", ""),
	NULL, "geo=CN", FREQ_ANNUAL, -1, NULL, "is not a cell index below 6",
	{NULL}},
    {"a status array of the wrong length",
	CUBE("[1, 2, 3, 4, 5, 6]", ", 'status': ['a', 'b']"), NULL, "geo=CN",
	FREQ_ANNUAL, -1, NULL, "status has 2 elements, value 6", {NULL}},
    {"a status object with a number",
	CUBE("[1, 2, 3, 4, 5, 6]", ", 'status': {'1': 5}"), NULL, "geo=CN",
	FREQ_ANNUAL, -1, NULL, "status[1] is a number, not a string", {NULL}},
    {"a status object with a key past the cells",
	CUBE("[1, 2, 3, 4, 5, 6]", ", 'status': {'10': 'e'}"), NULL, "geo=CN",
	FREQ_ANNUAL, -1, NULL, "status: key \"10\" is not a cell index below 6",
	{NULL}},
    {"a status of the wrong type",
	CUBE("[1, 2, 3, 4, 5, 6]", ", 'status': true"), NULL, "geo=CN",
	FREQ_ANNUAL, -1, NULL,
	"status is a boolean, not a string, an array or an object", {NULL}},

    /* selectors refused before reading */
    {"no series in the selector", NULL, "oecd.json", "", FREQ_ANNUAL, -1, NULL,
	"selector has no series", {NULL}},
    {"a dimension named twice", NULL, "oecd.json", "area=AU,area=DE",
	FREQ_ANNUAL, -1, NULL, "series: dimension area is named twice", {NULL}},
};

/* Collects reject messages. */
struct rejects {
	char *msg[MAX_REJECTS + 8];
	size_t n;
};

static void
reject_cb(void *arg, const char *msg)
{
	struct rejects *r = arg;

	if (r->n < NELEM(r->msg))
		r->msg[r->n] = strdup(msg);
	r->n++;
}

static void
rejects_clear(struct rejects *r)
{
	for (size_t i = 0; i < r->n && i < NELEM(r->msg); i++)
		free(r->msg[i]);
	r->n = 0;
}

/* Reads a fixture under $PW_FIXTURES/jsonstat. */
static char *
fixture(const char *name, size_t *len)
{
	const char *dir = getenv("PW_FIXTURES");
	char path[1024];
	char *buf = malloc(FIXTURE_MAX);
	FILE *f;

	if (dir == NULL)
		dir = "tests/fixtures";
	snprintf(path, sizeof(path), "%s/jsonstat/%s", dir, name);
	assert_non_null(buf);
	if ((f = fopen(path, "rb")) == NULL)
		fail_msg("%s: cannot open", path);
	*len = fread(buf, 1, FIXTURE_MAX, f);
	if (ferror(f) || *len == FIXTURE_MAX)
		fail_msg("%s: read error or too large", path);
	fclose(f);
	return buf;
}

/* Turns an inline document's ' into ". */
static char *
inline_doc(const char *doc, size_t *len)
{
	char *buf = strdup(doc);

	assert_non_null(buf);
	for (char *p = buf; *p != '\0'; p++)
		if (*p == '\'')
			*p = '"';
	*len = strlen(buf);
	return buf;
}

/* Splits "K=V,K=V" into sel->series; the strings point into text. */
static void
series_parse(char *text, struct feed_selector *sel, struct feed_dim *dims)
{
	char *save = NULL, *tok, *eq;

	memset(sel, 0, sizeof(*sel));
	sel->series = dims;
	for (tok = strtok_r(text, ",", &save); tok != NULL;
	     tok = strtok_r(NULL, ",", &save)) {
		assert_true(sel->nseries < MAX_DIMS);
		assert_non_null(eq = strchr(tok, '='));
		*eq = '\0';
		dims[sel->nseries].key = tok;
		dims[sel->nseries].value = eq + 1;
		sel->nseries++;
	}
}

/*
 * Compares out->v[from..] with "2021=1 2022=2" exactly: the same periods,
 * and values equal with ==, each expected value read by strtod() just as
 * jansson reads the document's numbers.
 */
static void
check_obs(
    const char *name, const struct obs_list *l, size_t from, const char *expect)
{
	char *text = strdup(expect), *save = NULL, *tok, *eq, err[256];
	struct period p;
	size_t i = from;
	double v;

	assert_non_null(text);
	for (tok = strtok_r(text, " ", &save); tok != NULL;
	     tok = strtok_r(NULL, " ", &save), i++) {
		assert_non_null(eq = strchr(tok, '='));
		*eq = '\0';
		if (period_parse(tok, &p, err, sizeof(err)) == -1)
			fail_msg("%s: bad expectation %s", name, tok);
		v = strtod(eq + 1, NULL);
		if (i >= l->n)
			fail_msg("%s: %zu observations, want more", name,
			    l->n - from);
		if (!period_equal(&l->v[i].period, &p) || l->v[i].value != v) {
			char got[PERIOD_TEXT_MAX];

			period_format(&l->v[i].period, got, sizeof(got));
			fail_msg(
			    "%s: observation %zu is %s=%.17g, want %s=%.17g",
			    name, i - from, got, l->v[i].value, tok, v);
		}
	}
	if (i != l->n)
		fail_msg("%s: %zu observations, want %zu", name, l->n - from,
		    i - from);
	free(text);
}

/* A list holding 1990=7, which every case must leave in place. */
static void
seed_list(struct obs_list *l)
{
	struct period p = {FREQ_ANNUAL, 1990, 0};

	assert_int_equal(obs_list_add(l, &p, 7), 0);
}

static void
check_seed(const char *name, const struct obs_list *l, bool alone)
{
	struct period p = {FREQ_ANNUAL, 1990, 0};

	if (l->n < 1 || !period_equal(&l->v[0].period, &p) ||
	    l->v[0].value != 7 || (alone && l->n != 1))
		fail_msg("%s: the list's earlier content changed", name);
}

static void
check_rejects(const struct jstat_case *c, const struct rejects *r)
{
	size_t want = 0;

	while (want < MAX_REJECTS && c->rejects[want] != NULL)
		want++;
	if (r->n != want) {
		for (size_t i = 0; i < r->n && i < NELEM(r->msg); i++)
			print_error("  reject: %s\n", r->msg[i]);
		fail_msg("%s: %zu rejects, want %zu", c->name, r->n, want);
	}
	for (size_t i = 0; i < want; i++) {
		if (strstr(r->msg[i], c->rejects[i]) == NULL)
			fail_msg("%s: reject \"%s\" lacks \"%s\"", c->name,
			    r->msg[i], c->rejects[i]);
	}
}

/* load + select + free, as the pipeline does for one indicator. */
static int
parse(const char *buf, size_t len, const struct feed_selector *sel,
    enum freq freq, struct obs_list *out, struct rejects *r, char *err,
    size_t errlen)
{
	const struct feed_format *f = &jsonstat_format;
	struct feed_doc *doc;
	int rc;

	if ((doc = f->load(buf, len, err, errlen)) == NULL)
		return -1;
	rc = f->select(
	    doc, sel, freq, out, r != NULL ? reject_cb : NULL, r, err, errlen);
	f->free(doc);
	return rc;
}

static void
run_case(const struct jstat_case *c)
{
	struct feed_dim dims[MAX_DIMS];
	struct feed_selector sel;
	struct obs_list out = {0};
	struct rejects r = {{NULL}, 0};
	char err[1024] = "", *series, *buf;
	size_t len;
	int rc;

	buf = c->file ? fixture(c->file, &len) : inline_doc(c->doc, &len);
	assert_non_null(series = strdup(c->series));
	series_parse(series, &sel, dims);
	seed_list(&out);
	rc = parse(buf, len, &sel, c->freq, &out, &r, err, sizeof(err));
	if (rc != c->rc)
		fail_msg(
		    "%s: rc %d, want %d (err \"%s\")", c->name, rc, c->rc, err);
	check_rejects(c, &r);
	check_seed(c->name, &out, rc == -1);
	if (rc == 0)
		check_obs(c->name, &out, 1, c->expect);
	else if (strstr(err, c->err) == NULL)
		fail_msg("%s: err \"%s\" lacks \"%s\"", c->name, err, c->err);
	rejects_clear(&r);
	obs_list_clear(&out);
	free(series);
	free(buf);
}

static void
test_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(jstat_cases); i++)
		run_case(&jstat_cases[i]);
}

/* One load, many selects, each independent of the others. */
static void
test_load_once(void **state)
{
	const struct feed_format *f = &jsonstat_format;
	const char *series[] = {
	    "area=AU", "area=US", "area=XX", "area=AU", "concept=UNR,area=DE"};
	const int rcs[] = {0, 0, -1, 0, 0};
	const size_t ns[] = {6, 6, 0, 6, 6};
	struct feed_dim dims[MAX_DIMS];
	struct feed_selector sel;
	struct feed_doc *doc;
	char err[512], *buf, *text;
	size_t len;

	(void)state;
	buf = fixture("oecd.json", &len);
	assert_non_null(doc = f->load(buf, len, err, sizeof(err)));
	free(buf);
	for (size_t i = 0; i < NELEM(series); i++) {
		struct obs_list out = {0};

		assert_non_null(text = strdup(series[i]));
		series_parse(text, &sel, dims);
		assert_int_equal(f->select(doc, &sel, FREQ_ANNUAL, &out, NULL,
				     NULL, err, sizeof(err)),
		    rcs[i]);
		assert_int_equal(out.n, ns[i]);
		obs_list_clear(&out);
		free(text);
	}
	f->free(doc);
	f->free(NULL);
}

/* Without a reject callback the outcome is the same. */
static void
test_no_callback(void **state)
{
	struct feed_dim dims[MAX_DIMS];
	struct feed_selector sel;
	struct obs_list out = {0};
	char err[256], series[] = "geo=CN", *buf;
	size_t len;

	(void)state;
	buf = inline_doc(CUBE("[1, 'x', 3, 4, 5, 6]", ""), &len);
	series_parse(series, &sel, dims);
	assert_int_equal(
	    parse(buf, len, &sel, FREQ_ANNUAL, &out, NULL, err, sizeof(err)),
	    -1);
	assert_string_equal(err, "1 of 3 observations rejected");
	assert_int_equal(out.n, 0);
	obs_list_clear(&out);
	free(buf);
}

/* A document is read from (buf, len), not up to a NUL. */
static void
test_length(void **state)
{
	struct feed_dim dims[MAX_DIMS];
	struct feed_selector sel;
	struct obs_list out = {0};
	char err[256], series[] = "geo=US", *buf;
	size_t len;

	(void)state;
	buf = inline_doc(CUBE("[1, 2, 3, 4, 5, 6]", "") " trailing", &len);
	series_parse(series, &sel, dims);
	assert_int_equal(parse(buf, len - 9, &sel, FREQ_ANNUAL, &out, NULL, err,
			     sizeof(err)),
	    0);
	assert_int_equal(out.n, 3);
	assert_int_equal(
	    parse(buf, len, &sel, FREQ_ANNUAL, &out, NULL, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "end of file expected"));
	obs_list_clear(&out);
	free(buf);
}

/* Row-major arithmetic over three dimensions, on a sparse cube. */
static void
test_sparse_line(void **state)
{
	struct feed_dim dims[MAX_DIMS];
	struct feed_selector sel;
	struct obs_list out = {0};
	char err[256], series[] = "a=x1,b=y1", *buf;
	size_t len;

	(void)state;
	buf = inline_doc(
	    HEAD("['a', 'b', 'time']", "[2, 2, 4]",
		"{'a': {'category': {'index': ['x0', 'x1']}},"
		" 'b': {'category': {'index': ['y0', 'y1']}},"
		" 'time': {'category': {'index': ['2020', '2021', '2022', "
		"'2023']}}}",
		", 'value': {'12': 1, '13': 2, '15': 4}"),
	    &len);
	series_parse(series, &sel, dims);
	assert_int_equal(
	    parse(buf, len, &sel, FREQ_ANNUAL, &out, NULL, err, sizeof(err)),
	    0);
	assert_int_equal(out.n, 3);
	obs_list_clear(&out);
	free(buf);
}

/* A time dimension of more categories than a list may hold. */
static void
test_too_many(void **state)
{
	size_t n = OBS_LIST_MAX + 1, cap = n * 24 + 512, len = 0;
	struct feed_dim dims[MAX_DIMS];
	struct feed_selector sel;
	struct obs_list out = {0};
	char err[256], series[] = "geo=CN", *buf = malloc(cap);

	(void)state;
	assert_non_null(buf);
	len += (size_t)snprintf(buf + len, cap - len,
	    "{\"class\": \"dataset\", \"id\": [\"geo\", \"time\"], \"size\": "
	    "[1, %zu], \"dimension\": {\"geo\": {\"category\": {\"index\": "
	    "[\"CN\"]}}, \"time\": {\"category\": {\"index\": [",
	    n);
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, cap - len,
		    "%s\"%04zu-%02zu-%02zu\"", i ? "," : "", 1000 + i / 336,
		    1 + i / 28 % 12, 1 + i % 28);
	len += (size_t)snprintf(buf + len, cap - len, "]}}}, \"value\": [");
	for (size_t i = 0; i < n; i++)
		len +=
		    (size_t)snprintf(buf + len, cap - len, "%s1", i ? "," : "");
	len += (size_t)snprintf(buf + len, cap - len, "]}");
	assert_true(len < cap);
	series_parse(series, &sel, dims);
	assert_int_equal(
	    parse(buf, len, &sel, FREQ_DAILY, &out, NULL, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "more than 100000 observations"));
	assert_int_equal(out.n, 0);
	free(buf);
}

struct check_case {
	const char *series;
	int rc;
	const char *err;
};

static const struct check_case check_cases[] = {
    {"geo=CN", 0, NULL},
    {"geo=CN,sex=F,age=T", 0, NULL},
    {"", -1, "selector has no series: name a category of each dimension"},
    {"geo=CN,geo=US", -1, "dimension geo is named twice"},
    {"geo=", -1, "series: dimension 1 has an empty name or code"},
};

/* check() judges a selector alone, when the configuration is loaded. */
static void
test_check(void **state)
{
	struct feed_dim dims[MAX_DIMS];
	struct feed_selector sel;
	char err[256], *text;

	(void)state;
	for (size_t i = 0; i < NELEM(check_cases); i++) {
		const struct check_case *c = &check_cases[i];

		assert_non_null(text = strdup(c->series));
		series_parse(text, &sel, dims);
		err[0] = '\0';
		if (jsonstat_format.check(&sel, err, sizeof(err)) != c->rc)
			fail_msg("\"%s\": rc, err \"%s\"", c->series, err);
		if (c->rc == -1 && strstr(err, c->err) == NULL)
			fail_msg("\"%s\": err \"%s\" lacks \"%s\"", c->series,
			    err, c->err);
		free(text);
	}
	assert_string_equal(jsonstat_format.name, "json-stat");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cases),
	    cmocka_unit_test(test_load_once),
	    cmocka_unit_test(test_no_callback),
	    cmocka_unit_test(test_length),
	    cmocka_unit_test(test_sparse_line),
	    cmocka_unit_test(test_too_many),
	    cmocka_unit_test(test_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_jsonstat: the JSON-stat 2.0 dataset format.  Cases are a table of
 * document + series ("geo=CN,sex=F") -> expected observations, or ->
 * expected error and reject messages (substrings, in order), run by the
 * parser tests' harness (unit/parser_case.c).  Inline documents are
 * written with ' for " to stay readable; fixture documents live in
 * $PW_FIXTURES/jsonstat.
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
#include "unit/parser_case.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const struct parser_suite suite = {
    .format = &jsonstat_format, .dir = "jsonstat", .quotes = true};

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

static const struct parser_case jstat_cases[] = {
    /* published shapes */
    {{"OECD sample: index objects, role.time, status e kept", NULL,
	 "oecd.json"},
	"area=AU", FREQ_ANNUAL,
	{0,
	    "2003=5.943826289 2004=5.39663128 2005=5.044790587 "
	    "2006=4.789362794 "
	    "2007=4.379649386 2008=4.249093453",
	    NULL, {NULL}}},
    {{"OECD sample: a size-1 dimension named", NULL, "oecd.json"},
	"concept=UNR,area=OECD", FREQ_ANNUAL,
	{0, "2003=7.06 2004=6.97 2005=6.71 2006=6.08 2007=5.66 2008=5.98", NULL,
	    {NULL}}},
    {{"Canada sample: five dimensions, one time category", NULL, "canada.json"},
	"age=T,concept=POP,sex=F", FREQ_ANNUAL,
	{0, "2012=17571.3", NULL, {NULL}}},
    {{"Canada sample: another cell, label-only country named", NULL,
	 "canada.json"},
	"sex=M,concept=PERCENT,age=9,country=CA", FREQ_ANNUAL,
	{0, "2012=5.5", NULL, {NULL}}},
    {{"Eurostat: sparse values, status ':' skipped, 'p' kept", NULL,
	 "eurostat_sparse.json"},
	"unit=CLV_PCH_SM,geo=EU27_2020", FREQ_QUARTERLY,
	{0, "2023-Q1=2.9 2023-Q2=0.6 2023-Q4=1.1", NULL, {NULL}}},
    {{"Eurostat: every cell present", NULL, "eurostat_sparse.json"},
	"unit=CLV_PCH_SM,geo=DE,freq=Q", FREQ_QUARTERLY,
	{0, "2023-Q1=0.9 2023-Q2=0.2 2023-Q3=-0.1 2023-Q4=0.1", NULL, {NULL}}},
    {{"Eurostat: a value with status ':' is skipped", NULL,
	 "eurostat_sparse.json"},
	"unit=CLV_PCH_PRE,geo=FR", FREQ_QUARTERLY,
	{0, "2023-Q1=1 2023-Q2=0.3", NULL, {NULL}}},
    {{"PxWeb: 2021M01 months, status '..' skipped", NULL, "pxweb_monthly.json"},
	"ContentsCode=000004VV", FREQ_MONTHLY,
	{0, "2023-09=6.5 2023-10=6.5 2023-11=5.8 2023-12=4.4", NULL, {NULL}}},
    {{"PxWeb: status array, 'p' kept", NULL, "pxweb_monthly.json"},
	"ContentsCode=000004VU", FREQ_MONTHLY,
	{0,
	    "2023-09=411.93 2023-10=413.01 2023-11=412.17 2023-12=413.27 "
	    "2024-01=407.26",
	    NULL, {NULL}}},
    {{"Chinese ids and labels, time called year", NULL, "cangshan_zh.json"},
	"指标=地区生产总值,地区=350104", FREQ_ANNUAL,
	{0, "2020=902.27 2021=980.6 2022=1021.3 2023=1048.97", NULL, {NULL}}},
    {{"Chinese: a null value", NULL, "cangshan_zh.json"},
	"地区=350102,指标=地区生产总值", FREQ_ANNUAL,
	{0, "2020=1478.1 2021=1565.2 2023=1680.4", NULL, {NULL}}},
    {{"Chinese: numeric strings", NULL, "cangshan_zh.json"},
	"指标=常住人口,地区=350104", FREQ_ANNUAL,
	{0, "2020=76.1 2021=77.3 2022=78 2023=78.6", NULL, {NULL}}},

    /* inline: the cube */
    {{"array values, the second line", CUBE("[1, 2, 3, 4, 5, 6]", ""), NULL},
	"geo=US", FREQ_ANNUAL, {0, "2020=4 2021=5 2022=6", NULL, {NULL}}},
    {{"the same, but text after the document",
	 CUBE("[1, 2, 3, 4, 5, 6]", "") " trailing", NULL},
	"geo=US", FREQ_ANNUAL, {-1, NULL, "end of file expected", {NULL}}},
    {{"a value that is no number", CUBE("[1, 'x', 3, 4, 5, 6]", ""), NULL},
	"geo=CN", FREQ_ANNUAL,
	{-1, NULL, "1 of 3 observations rejected",
	    {"value[1] (period 2021): value \"x\" is not a number"}}},
    {{"sparse values, unordered keys", CUBE("{'5': 6, '3': 4, '0': 1}", ""),
	 NULL},
	"geo=US", FREQ_ANNUAL, {0, "2020=4 2022=6", NULL, {NULL}}},
    {{"every value missing", CUBE("[1, 2, 3, null, null, null]", ""), NULL},
	"geo=US", FREQ_ANNUAL, {0, "", NULL, {NULL}}},
    {{"every value absent", CUBE("{'0': 1}", ""), NULL}, "geo=US", FREQ_ANNUAL,
	{0, "", NULL, {NULL}}},
    {{"one status for every cell",
	 CUBE("[1, 2, 3, 4, 5, 6]", ", 'status': '..'"), NULL},
	"geo=CN", FREQ_ANNUAL, {0, "", NULL, {NULL}}},
    {{"a status array of one", CUBE("[1, 2, 3, 4, 5, 6]", ", 'status': ['e']"),
	 NULL},
	"geo=CN", FREQ_ANNUAL, {0, "2020=1 2021=2 2022=3", NULL, {NULL}}},
    {{"status array, nulls and ':'",
	 CUBE("[1, 2, 3, 4, 5, 6]",
	     ", 'status': [null, ':', 'e', '..', null, 'x']"),
	 NULL},
	"geo=CN", FREQ_ANNUAL, {0, "2020=1 2022=3", NULL, {NULL}}},
    {{"a missing value with a bad status is skipped",
	 CUBE("[null, 2, 3, 4, 5, 6]",
	     ", 'status': [5, null, null, null, "
	     "null, null]"),
	 NULL},
	"geo=CN", FREQ_ANNUAL, {0, "2021=2 2022=3", NULL, {NULL}}},
    {{"numbers: integers too large, signs, exponents",
	 CUBE("[100000000000000000000000, '-3e2', ' +4 ', 0, 0, 0]", ""), NULL},
	"geo=CN", FREQ_ANNUAL,
	{0, "2020=1e+23 2021=-300 2022=4", NULL, {NULL}}},
    {{"time found by the name TIME_PERIOD",
	 HEAD("['TIME_PERIOD', 'a']", "[2, 1]",
	     "{'TIME_PERIOD': {'category': {'index': ['2021-Q1', '2021-Q2']}},"
	     " 'a': {'category': {'label': {'x': 'X'}}}}",
	     ", 'value': [1, 2]"),
	 NULL},
	"a=x", FREQ_QUARTERLY, {0, "2021-Q1=1 2021-Q2=2", NULL, {NULL}}},
    {{"time found by the name date, daily",
	 HEAD("['date', 'a']", "[2, 1]",
	     "{'date': {'category': {'index': ['2024-02-29', '2024-01-31']}},"
	     " 'a': {'category': {'index': {'x': 0}}}}",
	     ", 'value': [1, 2]"),
	 NULL},
	"a=x", FREQ_DAILY, {0, "2024-01-31=2 2024-02-29=1", NULL, {NULL}}},
    {{"role.time beats the names",
	 HEAD("['year', 'period']", "[1, 2]",
	     "{'year': {'category': {'index': ['x']}},"
	     " 'period': {'category': {'index': ['2020', '2021']}}}",
	     ", 'role': {'time': ['period']}, 'value': [1, 2]"),
	 NULL},
	"year=x", FREQ_ANNUAL, {0, "2020=1 2021=2", NULL, {NULL}}},
    {{"only the time dimension", TIMES("['2021', '2020']", "2", "[1, 2]"),
	 NULL},
	"geo=CN", FREQ_ANNUAL, {0, "2020=2 2021=1", NULL, {NULL}}},
    {{"duplicate periods with one value",
	 TIMES("['2021-07', '2021M07', '2021-M07', '202106']", "4",
	     "[5, 5, 5, 4]"),
	 NULL},
	"geo=CN", FREQ_MONTHLY, {0, "2021-06=4 2021-07=5", NULL, {NULL}}},
    {{"ISO 8601 time ranges name the period they cover",
	 TIMES("['2021-01-01/P3M', '2021-04-01T00:00:00Z/P3M', '2021-Q3']", "3",
	     "[1, 2, 3]"),
	 NULL},
	"geo=CN", FREQ_QUARTERLY,
	{0, "2021-Q1=1 2021-Q2=2 2021-Q3=3", NULL, {NULL}}},
    {{"a range that is no one period", TIMES("['2021-02-01/P3M']", "1", "[1]"),
	 NULL},
	"geo=CN", FREQ_QUARTERLY,
	{-1, NULL, "1 of 1 observations rejected",
	    {"value[0]: period \"2021-02-01/P3M\": 3 months from 2021-02-01 "
	     "are "
	     "not one period"}}},
    {{"a cumulative series: PxWeb months name January through them",
	 TIMES(
	     "['2023M12', '2024M01', '2024-01-01/P2M']", "3", "[120, 10, 21]"),
	 NULL},
	"geo=CN", FREQ_YTD_MONTHLY,
	{0, "2023-M01-M12=120 2024-M01-M01=10 2024-M01-M02=21", NULL, {NULL}}},
    {{"duplicate periods with two values",
	 TIMES("['2021-07', '2021M07']", "2", "[5, 6]"), NULL},
	"geo=CN", FREQ_MONTHLY,
	{-1, NULL, "1 of 2 observations rejected",
	    {"value[1] (period 2021-07): value 6, but value[0] has 5"}}},
    {{"values that differ in the 17th digit",
	 TIMES("['2021', ' 2021']", "2", "[0.3, 0.30000000000000004]"), NULL},
	"geo=CN", FREQ_ANNUAL,
	{-1, NULL, "1 of 2 observations rejected",
	    {"value[1] (period 2021): value 0.30000000000000004, but value[0] "
	     "has 0.3"}}},

    /* selectors that do not pick one line */
    {{"a dimension left out", NULL, "canada.json"}, "age=T,concept=POP",
	FREQ_ANNUAL, {-1, NULL, "name a category of sex (T, M, F)", {NULL}}},
    {{"several dimensions left out", NULL, "canada.json"}, "country=CA",
	FREQ_ANNUAL,
	{-1, NULL,
	    "name a category of age (T, 4, 9), concept (POP, PERCENT), sex (T, "
	    "M, F)",
	    {NULL}}},
    {{"an unknown dimension", NULL, "oecd.json"}, "area=AU,sex=F", FREQ_ANNUAL,
	{-1, NULL, "no dimension sex (dimensions: concept, area, year)",
	    {NULL}}},
    {{"an unknown category", NULL, "oecd.json"}, "area=FR", FREQ_ANNUAL,
	{-1, NULL, "dimension area has no category FR (AU, DE, US, OECD)",
	    {NULL}}},
    {{"the time dimension named", NULL, "oecd.json"}, "area=AU,year=2003",
	FREQ_ANNUAL,
	{-1, NULL, "year is the time dimension: it cannot be selected",
	    {NULL}}},
    {{"a category listed twice",
	 HEAD("['geo', 'time']", "[2, 1]",
	     "{'geo': {'category': {'index': ['CN', 'CN']}},"
	     " 'time': {'category': {'index': ['2021']}}}",
	     ", 'value': [1, 2]"),
	 NULL},
	"geo=CN", FREQ_ANNUAL,
	{-1, NULL, "dimension geo lists category CN twice", {NULL}}},
    {{"a long category list is cut",
	 HEAD("['geo', 'time']", "[10, 1]",
	     "{'geo': {'category': {'index': ['a', 'b', 'c', 'd', 'e', 'f', "
	     "'g', 'h', 'i', 'j']}}, 'time': {'category': {'index': "
	     "['2021']}}}",
	     ", 'value': {}"),
	 NULL},
	"geo=z", FREQ_ANNUAL,
	{-1, NULL,
	    "dimension geo has no category z (a, b, c, d, e, f, g, h, ...)",
	    {NULL}}},

    /* rejected cells */
    {{"values that are not numbers",
	 CUBE("[1, 'n/a', true, {}, [], 'NaN']", ""), NULL},
	"geo=CN", FREQ_ANNUAL,
	{-1, NULL, "2 of 3 observations rejected",
	    {"value[1] (period 2021): value \"n/a\" is not a number",
		"value[2] (period 2022): value is a boolean, not a number"}}},
    {{"values of other types", CUBE("[1, 'n/a', true, {}, [], 'NaN']", ""),
	 NULL},
	"geo=US", FREQ_ANNUAL,
	{-1, NULL, "3 of 3 observations rejected",
	    {"value[3] (period 2020): value is an object, not a number",
		"value[4] (period 2021): value is an array, not a number",
		"value[5] (period 2022): value \"NaN\" is not a number"}}},
    {{"a status that is not a string",
	 CUBE("[1, 2, 3, 4, 5, 6]",
	     ", 'status': [null, 7, null, null, null, "
	     "null]"),
	 NULL},
	"geo=CN", FREQ_ANNUAL,
	{-1, NULL, "1 of 3 observations rejected",
	    {"value[1]: status is a number, not a string"}}},
    {{"a period of another frequency", NULL, "oecd.json"}, "area=US",
	FREQ_MONTHLY,
	{-1, NULL, "6 of 6 observations rejected",
	    {"value[12]: period 2003 is annual, the indicator is monthly",
		"value[13]: period 2004 is annual", "value[14]: period 2005",
		"value[15]: period 2006", "value[16]: period 2007",
		"value[17]: period 2008"}}},
    {{"time categories that are not periods",
	 TIMES("['total', '2021-13', '2021M7', '2021']", "4", "[1, 2, 3, 4]"),
	 NULL},
	"geo=CN", FREQ_ANNUAL,
	{-1, NULL, "3 of 4 observations rejected",
	    {"value[0]: period \"total\": not a period",
		"value[1]: period \"2021-13\": month 13 out of range",
		"value[2]: period \"2021M7\""}}},

    /* documents that are not one JSON-stat 2.0 dataset */
    {{"not JSON", "<html>", NULL}, "a=x", FREQ_ANNUAL,
	{-1, NULL, "line 1 column 1:", {NULL}}},
    {{"truncated", "{'class': 'dataset', 'id': ['a'", NULL}, "a=x", FREQ_ANNUAL,
	{-1, NULL, "line 1 column", {NULL}}},
    {{"duplicate keys", CUBE("[1, 2, 3, 4, 5, 6]", ", 'value': []"), NULL},
	"geo=CN", FREQ_ANNUAL, {-1, NULL, "duplicate object key", {NULL}}},
    {{"an array", "[1, 2]", NULL}, "a=x", FREQ_ANNUAL,
	{-1, NULL, "the document is an array, not an object", {NULL}}},
    {{"a collection", NULL, "collection.json"}, "a=x", FREQ_ANNUAL,
	{-1, NULL, "a JSON-stat collection: point the URL at one dataset",
	    {NULL}}},
    {{"a dimension response", "{'class': 'dimension', 'category': {}}", NULL},
	"a=x", FREQ_ANNUAL,
	{-1, NULL, "a JSON-stat dimension: point the URL at a dataset",
	    {NULL}}},
    {{"a 1.x bundle", NULL, "bundle_v1.json"}, "area=AU", FREQ_ANNUAL,
	{-1, NULL,
	    "a JSON-stat 1.x bundle: point the URL at one JSON-stat 2.0 "
	    "dataset",
	    {NULL}}},
    {{"no class", "{'id': ['time'], 'size': [1], 'value': [1]}", NULL}, "a=x",
	FREQ_ANNUAL,
	{-1, NULL, "not a JSON-stat 2.0 dataset (no \"class\": \"dataset\")",
	    {NULL}}},
    {{"another class", "{'class': 'bundle'}", NULL}, "a=x", FREQ_ANNUAL,
	{-1, NULL, "not a JSON-stat 2.0 dataset", {NULL}}},
    {{"an error response",
	 "{'version': '2.0', 'error': [{'status': '404', 'id': '100', 'label':"
	 " 'No data found'}]}",
	 NULL},
	"a=x", FREQ_ANNUAL,
	{-1, NULL, "the response is an error: No data found", {NULL}}},
    {{"no id", "{'class': 'dataset', 'size': [1], 'value': []}", NULL}, "a=x",
	FREQ_ANNUAL,
	{-1, NULL, "id and size must be arrays of the same, non-zero length",
	    {NULL}}},
    {{"id and size of different lengths",
	 HEAD("['a', 'b']", "[1]", "{}", ", 'value': []"), NULL},
	"a=x", FREQ_ANNUAL,
	{-1, NULL, "id and size must be arrays of the same", {NULL}}},
    {{"empty id", HEAD("[]", "[]", "{}", ", 'value': []"), NULL}, "a=x",
	FREQ_ANNUAL, {-1, NULL, "non-zero length", {NULL}}},
    {{"an id that is not a name", HEAD("['a', 5]", "[1, 1]", "{}", ""), NULL},
	"a=x", FREQ_ANNUAL, {-1, NULL, "id[1] is not a name", {NULL}}},
    {{"a size of 0", HEAD("['a']", "[0]", "{}", ""), NULL}, "a=x", FREQ_ANNUAL,
	{-1, NULL, "size[0] (a) is not a positive integer", {NULL}}},
    {{"a fractional size", HEAD("['a', 'b']", "[1.5, 1]", "{}", ""), NULL},
	"a=x", FREQ_ANNUAL,
	{-1, NULL, "size[0] (a) is not a positive integer", {NULL}}},
    {{"a string size", HEAD("['a']", "['3']", "{}", ""), NULL}, "a=x",
	FREQ_ANNUAL,
	{-1, NULL, "size[0] (a) is not a positive integer", {NULL}}},
    {{"sizes that overflow",
	 HEAD("['a', 'b', 'c', 'd', 'e']",
	     "[4294967296, 4294967296, 4294967296, 4294967296, 4294967296]",
	     "{}", ""),
	 NULL},
	"a=x", FREQ_ANNUAL,
	{-1, NULL, "the sizes multiply past the largest cell count", {NULL}}},
    {{"a size past 2^53", HEAD("['a']", "[1e300]", "{}", ""), NULL}, "a=x",
	FREQ_ANNUAL,
	{-1, NULL, "size[0] (a) is not a positive integer", {NULL}}},
    {{"a dimension listed twice",
	 HEAD("['a', 'a']", "[1, 1]", "{'a': {'category': {'index': ['x']}}}",
	     ", 'value': [1]"),
	 NULL},
	"a=x", FREQ_ANNUAL,
	{-1, NULL, "dimension a is listed twice in id", {NULL}}},
    {{"no dimension object", HEAD("['a']", "[1]", "[]", ""), NULL}, "a=x",
	FREQ_ANNUAL,
	{-1, NULL, "dimension is an array, not an object", {NULL}}},
    {{"a dimension without category",
	 HEAD("['time']", "[1]", "{'time': {'label': 'Time'}}", ""), NULL},
	"a=x", FREQ_ANNUAL,
	{-1, NULL, "dimension time has no category object", {NULL}}},
    {{"a dimension missing from dimension",
	 HEAD("['time', 'b']", "[1, 1]",
	     "{'time': {'category': {'index': ['2021']}}}", ""),
	 NULL},
	"a=x", FREQ_ANNUAL,
	{-1, NULL, "dimension b has no category object", {NULL}}},
    {{"more categories than the size",
	 HEAD("['time']", "[2]",
	     "{'time': {'category': {'index': ['2020', '2021', '2022']}}}", ""),
	 NULL},
	"a=x", FREQ_ANNUAL,
	{-1, NULL, "dimension time has 3 categories, its size is 2", {NULL}}},
    {{"no index and two labels",
	 HEAD("['time']", "[2]",
	     "{'time': {'category': {'label': {'2020': 'a', '2021': 'b'}}}}",
	     ""),
	 NULL},
	"a=x", FREQ_ANNUAL,
	{-1, NULL, "dimension time: category has no index", {NULL}}},
    {{"an index of the wrong type",
	 HEAD("['time']", "[1]", "{'time': {'category': {'index': '2021'}}}",
	     ""),
	 NULL},
	"a=x", FREQ_ANNUAL,
	{-1, NULL, "dimension time: category has no index", {NULL}}},
    {{"an index array of numbers",
	 HEAD("['time']", "[2]",
	     "{'time': {'category': {'index': [2020, "
	     "2021]}}}",
	     ""),
	 NULL},
	"a=x", FREQ_ANNUAL,
	{-1, NULL, "dimension time: category 0 is a number, not an id",
	    {NULL}}},
    {{"an index object with a repeated position",
	 HEAD("['time']", "[2]",
	     "{'time': {'category': {'index': {'2020': 0, '2021': 0}}}}", ""),
	 NULL},
	"a=x", FREQ_ANNUAL,
	{-1, NULL,
	    "dimension time: category 2021 has no position of its own below 2",
	    {NULL}}},
    {{"an index object with a position out of range",
	 HEAD("['time']", "[2]",
	     "{'time': {'category': {'index': {'2020': 0, '2021': 2}}}}", ""),
	 NULL},
	"a=x", FREQ_ANNUAL,
	{-1, NULL, "category 2021 has no position of its own below 2", {NULL}}},
    {{"an index object with a string position",
	 HEAD("['time']", "[1]",
	     "{'time': {'category': {'index': {'2020': '0'}}}}", ""),
	 NULL},
	"a=x", FREQ_ANNUAL,
	{-1, NULL, "category 2020 has no position of its own", {NULL}}},
    {{"role.time lists two",
	 HEAD("['a', 'b']", "[1, 1]",
	     "{'a': {'category': {'index': ['x']}}, 'b': {'category': "
	     "{'index': ['y']}}}",
	     ", 'role': {'time': ['a', 'b']}"),
	 NULL},
	"a=x", FREQ_ANNUAL,
	{-1, NULL, "role.time lists 2 dimensions, not one", {NULL}}},
    {{"role.time names no dimension",
	 HEAD("['a']", "[1]", "{'a': {'category': {'index': ['x']}}}",
	     ", 'role': {'time': ['b']}"),
	 NULL},
	"a=x", FREQ_ANNUAL, {-1, NULL, "role.time names no dimension", {NULL}}},
    {{"no time dimension",
	 HEAD("['a']", "[1]", "{'a': {'category': {'index': ['x']}}}", ""),
	 NULL},
	"a=x", FREQ_ANNUAL,
	{-1, NULL,
	    "no time dimension: role.time lists none, and no dimension is "
	    "called time, TIME, TIME_PERIOD, year or date",
	    {NULL}}},
    {{"two dimensions that could be time",
	 HEAD("['year', 'time']", "[1, 1]",
	     "{'year': {'category': {'index': ['2021']}}, 'time': {'category': "
	     "{'index': ['2021']}}}",
	     ""),
	 NULL},
	"a=x", FREQ_ANNUAL,
	{-1, NULL,
	    "more than one dimension could be time: list it in role.time",
	    {NULL}}},
    {{"no value", CUBE("null", ""), NULL}, "geo=CN", FREQ_ANNUAL,
	{-1, NULL, "value is null, not an array or an object", {NULL}}},
    {{"value of the wrong type", CUBE("'1,2'", ""), NULL}, "geo=CN",
	FREQ_ANNUAL,
	{-1, NULL, "value is a string, not an array or an object", {NULL}}},
    {{"too few values", CUBE("[1, 2, 3, 4, 5]", ""), NULL}, "geo=CN",
	FREQ_ANNUAL,
	{-1, NULL, "value has 5 cells, the sizes multiply to 6", {NULL}}},
    {{"too many values", CUBE("[1, 2, 3, 4, 5, 6, 7]", ""), NULL}, "geo=CN",
	FREQ_ANNUAL,
	{-1, NULL, "value has 7 cells, the sizes multiply to 6", {NULL}}},
    {{"a sparse key past the cells", CUBE("{'0': 1, '6': 2}", ""), NULL},
	"geo=CN", FREQ_ANNUAL,
	{-1, NULL, "value: key \"6\" is not a cell index below 6", {NULL}}},
    {{"a sparse key with a leading zero", CUBE("{'01': 1}", ""), NULL},
	"geo=CN", FREQ_ANNUAL,
	{-1, NULL, "value: key \"01\" is not a cell index below 6", {NULL}}},
    {{"sparse keys that are not numbers", CUBE("{'1': 1, 'x': 2}", ""), NULL},
	"geo=CN", FREQ_ANNUAL,
	{-1, NULL, "value: key \"x\" is not a cell index", {NULL}}},
    {{"a sparse key that overflows", CUBE("{'99999999999999999999999': 1}", ""),
	 NULL},
	"geo=CN", FREQ_ANNUAL,
	{-1, NULL, "is not a cell index below 6", {NULL}}},
    {{"a status array of the wrong length",
	 CUBE("[1, 2, 3, 4, 5, 6]", ", 'status': ['a', 'b']"), NULL},
	"geo=CN", FREQ_ANNUAL,
	{-1, NULL, "status has 2 elements, value 6", {NULL}}},
    {{"a status object with a number",
	 CUBE("[1, 2, 3, 4, 5, 6]", ", 'status': {'1': 5}"), NULL},
	"geo=CN", FREQ_ANNUAL,
	{-1, NULL, "status[1] is a number, not a string", {NULL}}},
    {{"a status object with a key past the cells",
	 CUBE("[1, 2, 3, 4, 5, 6]", ", 'status': {'10': 'e'}"), NULL},
	"geo=CN", FREQ_ANNUAL,
	{-1, NULL, "status: key \"10\" is not a cell index below 6", {NULL}}},
    {{"a status of the wrong type",
	 CUBE("[1, 2, 3, 4, 5, 6]", ", 'status': true"), NULL},
	"geo=CN", FREQ_ANNUAL,
	{-1, NULL, "status is a boolean, not a string, an array or an object",
	    {NULL}}},

    /* selectors refused before reading */
    {{"no series in the selector", NULL, "oecd.json"}, "", FREQ_ANNUAL,
	{-1, NULL, "selector has no series", {NULL}}},
    {{"a dimension named twice", NULL, "oecd.json"}, "area=AU,area=DE",
	FREQ_ANNUAL,
	{-1, NULL, "series: dimension area is named twice", {NULL}}},
};

/* Row-major arithmetic over three dimensions, on a sparse cube. */
static void
test_sparse_line(void **state)
{
	(void)state;
	parser_case_expect(&suite,
	    HEAD("['a', 'b', 'time']", "[2, 2, 4]",
		"{'a': {'category': {'index': ['x0', 'x1']}},"
		" 'b': {'category': {'index': ['y0', 'y1']}},"
		" 'time': {'category': {'index': ['2020', '2021', '2022', "
		"'2023']}}}",
		", 'value': {'12': 1, '13': 2, '15': 4}"),
	    "a=x1,b=y1", FREQ_ANNUAL, 0, 3, NULL);
}

/* A time dimension of more categories than a list may hold. */
static void
test_too_many(void **state)
{
	size_t n = OBS_LIST_MAX + 1, cap = n * 24 + 512, len = 0;
	char *buf = malloc(cap);

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
	parser_case_expect(&suite, buf, "geo=CN", FREQ_DAILY, -1, 0,
	    "more than 100000 observations");
	free(buf);
}

/* One load, many selects, each independent of the others. */
static const struct parser_select selects[] = {
    {"area=AU", 0, 6},
    {"area=US", 0, 6},
    {"area=XX", -1, 0},
    {"area=AU", 0, 6},
    {"concept=UNR,area=DE", 0, 6},
};

/* check() judges a selector alone, when the configuration is loaded. */
static const struct parser_check check_cases[] = {
    {"geo=CN", NULL},
    {"geo=CN,sex=F,age=T", NULL},
    {"",
	"selector has no series: name a category of each dimension but "
	"time (e.g. geo: CN)"},
    {"geo=CN,geo=US", "series: dimension geo is named twice"},
    {"geo=", "series: dimension 1 has an empty name or code"},
};

static void
test_cases(void **state)
{
	(void)state;
	parser_case_run_series(&suite, jstat_cases, NELEM(jstat_cases));
	parser_case_run_selects(
	    &suite, "oecd.json", FREQ_ANNUAL, selects, NELEM(selects));
	parser_case_run_checks(&suite, check_cases, NELEM(check_cases));
	assert_string_equal(jsonstat_format.name, "json-stat");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cases),
	    cmocka_unit_test(test_sparse_line),
	    cmocka_unit_test(test_too_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

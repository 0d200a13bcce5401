/*
 * test_sdmx_json: the SDMX-JSON data message format.  Cases are a table of
 * document + series selector -> expected observations (compared exactly:
 * the same periods, values equal with ==), or -> expected error and reject
 * messages (substrings, in order).  Inline documents are written with '
 * for " to stay readable; fixture documents live in $PW_FIXTURES/sdmx.
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

#include "sdmx_json.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_REJECTS 8
#define MAX_DIMS 8
#define FIXTURE_MAX (1024 * 1024)

struct sdmx_case {
	const char *name;
	const char *doc; /* inline, ' for " */
	const char *file; /* or a fixture under sdmx/ */
	const char *series; /* "FREQ=A,REF_AREA=CN" */
	enum freq freq;
	int rc;
	const char *expect; /* rc 0: what was added, "2021=1 2022=2" */
	const char *err; /* rc -1: a substring of err */
	const char *rejects[MAX_REJECTS]; /* substrings, in order */
};

/*
 * A small SDMX-JSON 1.0 message for inline cases: series dimensions
 * REF_AREA (CN, US) and INDICATOR (GDP, POP), TIME_PERIOD 2020..2022,
 * OBS_STATUS (A, M).  SERIES is spliced in as the data set's series.
 */
#define SMALL_HEAD                                                             \
	"{'data': {'structure': {'dimensions': {"                              \
	"'series': [{'id': 'REF_AREA', 'values': [{'id': 'CN'}, {'id': "       \
	"'US'}]},"                                                             \
	" {'id': 'INDICATOR', 'values': [{'id': 'GDP'}, {'id': 'POP'}]}],"     \
	"'observation': [{'id': 'TIME_PERIOD', 'values': [{'id': '2020'},"     \
	" {'id': '2021'}, {'id': '2022'}]}]},"                                 \
	"'attributes': {'observation': [{'id': 'OBS_STATUS', 'values':"        \
	" [{'id': 'A'}, {'id': 'M'}]}]}},"                                     \
	"'dataSets': [{'series': "
#define SMALL(series) SMALL_HEAD series "}]}}"
/* Its structure with other time codes. */
#define TIMES(times, series)                                                   \
	"{'data': {'structure': {'dimensions': {"                              \
	"'series': [{'id': 'REF_AREA', 'values': [{'id': 'CN'}]}],"            \
	"'observation': [{'id': 'TIME_PERIOD', 'values': " times "}]}},"       \
	"'dataSets': [{'series': " series "}]}}"

static const struct sdmx_case sdmx_cases[] = {
    /* SDMX-JSON 1.0 */
    {"1.0: one series, sorted, statuses A/E/P kept", NULL, "v1_gdp.json",
	"FREQ=A,REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL, 0,
	"2019=98651.5 2020=101356.7 2021=114923.7 2022=120472.5 "
	"2023=126058.2",
	NULL, {NULL}},
    {"1.0: the single-code FREQ may be left out", NULL, "v1_gdp.json",
	"REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL, 0,
	"2019=98651.5 2020=101356.7 2021=114923.7 2022=120472.5 "
	"2023=126058.2",
	NULL, {NULL}},
    {"1.0: OBS_STATUS M skipped", NULL, "v1_gdp.json",
	"REF_AREA=CN,INDICATOR=POP", FREQ_ANNUAL, 0,
	"2019=1410.08 2020=1412.12 2021=1412.6 2022=1411.75", NULL, {NULL}},
    {"1.0: null and OBS_STATUS L skipped", NULL, "v1_gdp.json",
	"INDICATOR=POP,REF_AREA=US", FREQ_ANNUAL, 0,
	"2019=328.33 2022=333.29 2023=334.91", NULL, {NULL}},
    {"1.0: a series with every value missing", NULL, "v1_gdp.json",
	"REF_AREA=JP,INDICATOR=GDP", FREQ_ANNUAL, 0, "", NULL, {NULL}},
    {"1.0: Chinese labels", NULL, "cangshan_zh.json",
	"REF_AREA=350104,INDICATOR=GDP", FREQ_ANNUAL, 0,
	"2020=902.27 2021=980.6 2022=1021.3 2023=1048.97", NULL, {NULL}},
    {"1.0: Chinese labels, missing value", NULL, "cangshan_zh.json",
	"REF_AREA=350102,INDICATOR=GDP,FREQ=A", FREQ_ANNUAL, 0,
	"2020=1478.1 2021=1565.2 2023=1680.4", NULL, {NULL}},
    {"1.0: flat observations (AllDimensions)", NULL, "flat.json",
	"REF_AREA=CN,INDICATOR=GDP_GROWTH", FREQ_QUARTERLY, 0,
	"2021-Q1=18.3 2021-Q2=7.9 2021-Q3=4.9 2021-Q4=4", NULL, {NULL}},
    {"1.0: flat, a zero value is a value", NULL, "flat.json",
	"REF_AREA=CN,INDICATOR=CPI,FREQ=Q", FREQ_QUARTERLY, 0,
	"2021-Q1=0 2021-Q2=1.1 2021-Q3=0.8 2021-Q4=1.8", NULL, {NULL}},
    {"1.0: flat, status M", NULL, "flat.json",
	"REF_AREA=US,INDICATOR=GDP_GROWTH", FREQ_QUARTERLY, 0,
	"2021-Q1=0.5 2021-Q2=12.2 2021-Q3=4.9", NULL, {NULL}},
    {"1.0: flat, a sparse series", NULL, "flat.json",
	"REF_AREA=US,INDICATOR=CPI", FREQ_QUARTERLY, 0, "2021-Q4=6.7", NULL,
	{NULL}},

    /* drafts: everything at the top, role "time" */
    {"draft: top-level structure, role time, quarterly", NULL,
	"draft_oecd.json", "LOCATION=DEU,SUBJECT=B1_GE", FREQ_QUARTERLY, 0,
	"2019-Q4=-0.15 2020-Q1=-1.99 2020-Q2=-9.68 2020-Q3=8.99 2020-Q4=0.71",
	NULL, {NULL}},
    {"draft: one dimension named", NULL, "draft_oecd.json", "LOCATION=CAN",
	FREQ_QUARTERLY, 0,
	"2019-Q4=0.62 2020-Q1=-2.11 2020-Q2=-11.31 2020-Q3=9.09 2020-Q4=2.26",
	NULL, {NULL}},

    /* SDMX-JSON 2.x */
    {"2.0: structures, dataSet-level dimensions, time 'value'", NULL,
	"v2_exr.json", "CURRENCY=USD", FREQ_MONTHLY, 0,
	"2023-01=1.0785 2023-02=1.0713 2023-03=1.0802 2023-04=1.0968", NULL,
	{NULL}},
    {"2.0: a dataSet-level dimension named", NULL, "v2_exr.json",
	"FREQ=M,CURRENCY=CNY,CURRENCY_DENOM=EUR", FREQ_MONTHLY, 0,
	"2023-01=7.3202 2023-02=7.3247 2023-03=7.4267 2023-04=7.5595", NULL,
	{NULL}},
    {"2.0: OBS_STATUS after another attribute", NULL, "v2_exr.json",
	"CURRENCY=JPY", FREQ_MONTHLY, 0,
	"2023-01=140.54 2023-02=142.38 2023-04=145.33", NULL, {NULL}},
    {"2.0: a dataSet-level code not in the message", NULL, "v2_exr.json",
	"FREQ=Q,CURRENCY=USD", FREQ_QUARTERLY, -1, NULL,
	"dimension FREQ has no code Q (codes: M)", {NULL}},
    {"2.0: uncoded OBS_STATUS written as the code",
	"{'data': {'structures': [{'dimensions': {"
	"'series': [{'id': 'A', 'values': [{'id': 'x'}]}],"
	"'observation': [{'id': 'TIME_PERIOD', 'values': [{'value': '2021'},"
	" {'value': '2022'}, {'value': '2023'}]}]},"
	"'measures': {'observation': [{'id': 'OBS_VALUE'}]},"
	"'attributes': {'observation': [{'id': 'OBS_STATUS'}]}}],"
	"'dataSets': [{'structure': 0, 'series': {'0': {'observations':"
	" {'0': [1, 'A'], '1': [2, 'M'], '2': ['3.5', null]}}}}]}}",
	NULL, "A=x", FREQ_ANNUAL, 0, "2021=1 2023=3.5", NULL, {NULL}},
    {"2.0: two measures, OBS_VALUE second",
	"{'data': {'structures': [{'dimensions': {"
	"'series': [{'id': 'A', 'values': [{'id': 'x'}]}],"
	"'observation': [{'id': 'TIME_PERIOD', 'values': [{'id': '2021'}]}]},"
	"'measures': {'observation': [{'id': 'OBS_COUNT'}, {'id': "
	"'OBS_VALUE'}]},"
	"'attributes': {'observation': [{'id': 'OBS_STATUS', 'values': "
	"[{'id': 'A'}]}]}}],"
	"'dataSets': [{'series': {'0': {'observations': {'0': [12, 7.5, "
	"0]}}}}]}}",
	NULL, "A=x", FREQ_ANNUAL, 0, "2021=7.5", NULL, {NULL}},
    {"2.0: the second structure",
	"{'data': {'structures': [{'dimensions': {}}, {'dimensions': {"
	"'observation': [{'id': 'TIME_PERIOD', 'values': [{'id': '2021'}]},"
	" {'id': 'A', 'values': [{'id': 'x'}]}]}}],"
	"'dataSets': [{'structure': 1, 'observations': {'0:0': [4]}}]}}",
	NULL, "A=x", FREQ_ANNUAL, 0, "2021=4", NULL, {NULL}},

    /* other layouts: the time dimension at the series or dataSet level */
    {"cross-section: time in the series key",
	"{'structure': {'dimensions': {'series': [{'id': 'TIME_PERIOD',"
	" 'values': [{'id': '2020'}, {'id': '2021'}]}], 'observation':"
	" [{'id': 'REF_AREA', 'values': [{'id': 'CN'}, {'id': 'US'}]}]}},"
	" 'dataSets': [{'series': {'1': {'observations': {'0': [3], '1': "
	"[4]}}, '0': {'observations': {'0': [1], '1': [2]}}}}]}",
	NULL, "REF_AREA=US", FREQ_ANNUAL, 0, "2020=2 2021=4", NULL, {NULL}},
    {"one period: time at the dataSet level",
	"{'structure': {'dimensions': {'dataSet': [{'id': 'TIME_PERIOD',"
	" 'values': [{'id': '2021'}]}], 'observation': [{'id': 'REF_AREA',"
	" 'values': [{'id': 'CN'}, {'id': 'US'}]}]}}, 'dataSets': "
	"[{'observations': {'0': [5], '1': [6]}}]}",
	NULL, "REF_AREA=US", FREQ_ANNUAL, 0, "2021=6", NULL, {NULL}},

    /* inline: values, statuses, duplicates */
    {"numeric strings and large integers",
	SMALL("{'0:0': {'observations': {'0': [' 12.5 '], '1': ['-3e2'],"
	      " '2': [100000000000000000000000]}}}"),
	NULL, "REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL, 0,
	"2020=12.5 2021=-300 2022=1e+23", NULL, {NULL}},
    {"a series without observations",
	SMALL("{'0:0': {}, '1:0': {'observations': null}}"), NULL,
	"REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL, 0, "", NULL, {NULL}},
    {"an attribute index after OBS_STATUS is ignored",
	SMALL("{'0:0': {'observations': {'0': [1, 0, 5, 7]}}}"), NULL,
	"REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL, 0, "2020=1", NULL, {NULL}},
    {"OBS_STATUS default M",
	"{'structure': {'dimensions': {'observation': [{'id': "
	"'TIME_PERIOD', 'values': [{'id': '2020'}, {'id': '2021'}]},"
	" {'id': 'A', 'values': [{'id': 'x'}]}]}, 'attributes': "
	"{'observation': [{'id': 'OBS_STATUS', 'default': 'M', 'values': "
	"[{'id': 'A'}, {'id': 'M'}]}]}}, 'dataSets': [{'observations': "
	"{'0:0': [1], '1:0': [2, 0]}}]}",
	NULL, "A=x", FREQ_ANNUAL, 0, "2021=2", NULL, {NULL}},
    {"a value with OBS_STATUS M is skipped, whatever it is",
	SMALL("{'0:0': {'observations': {'0': ['n/a', 1], '1': [1]}}}"), NULL,
	"REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL, 0, "2021=1", NULL, {NULL}},
    {"a null value is skipped, whatever its period",
	TIMES("[{'id': 'total'}, {'id': '2021'}]",
	    "{'0': {'observations': {'0': [null], '1': [5]}}}"),
	NULL, "REF_AREA=CN", FREQ_ANNUAL, 0, "2021=5", NULL, {NULL}},
    {"duplicate periods with one value",
	TIMES("[{'id': '2021-07'}, {'id': '2021-M07'}, {'id': '202106'}]",
	    "{'0': {'observations': {'1': [5], '0': [5], '2': [4]}}}"),
	NULL, "REF_AREA=CN", FREQ_MONTHLY, 0, "2021-06=4 2021-07=5", NULL,
	{NULL}},
    {"reporting days, offsets and a one-day range",
	TIMES("[{'id': '2024-D001'}, {'id': '2024-01-02+08:00'},"
	      " {'id': '2024-01-03T00:00:00Z/P1D'}]",
	    "{'0': {'observations': {'0': [1], '1': [2], '2': [3]}}}"),
	NULL, "REF_AREA=CN", FREQ_DAILY, 0,
	"2024-01-01=1 2024-01-02=2 2024-01-03=3", NULL, {NULL}},
    {"reporting weeks, one as a range from its Monday",
	TIMES("[{'id': '2020-W53'}, {'id': '2021-01-04/P7D'}]",
	    "{'0': {'observations': {'0': [1], '1': [2]}}}"),
	NULL, "REF_AREA=CN", FREQ_WEEKLY, 0, "2020-W53=1 2021-W01=2", NULL,
	{NULL}},
    {"duplicate periods with two values",
	TIMES("[{'id': '2021-07'}, {'id': '2021-M07'}]",
	    "{'0': {'observations': {'0': [5], '1': [6]}}}"),
	NULL, "REF_AREA=CN", FREQ_MONTHLY, -1, NULL,
	"1 of 2 observations rejected",
	{"series 0, observation 1 (period 2021-07): value 6, but series 0, "
	 "observation 0 has 5"}},
    {"a series key out of range elsewhere is skipped",
	SMALL("{'0:0': {'observations': {'0': [1]}},"
	      " '1:7': {'observations': {'0': [2]}}}"),
	NULL, "REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL, 0, "2020=1", NULL,
	{NULL}},
    {"another series' broken observations are not read",
	SMALL("{'0:0': {'observations': {'0': [1]}},"
	      " '0:1': {'observations': {'0': ['x'], '1': {}}}}"),
	NULL, "REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL, 0, "2020=1", NULL,
	{NULL}},

    /* selectors that do not pick one series */
    {"three series match", NULL, "v1_gdp.json", "INDICATOR=GDP", FREQ_ANNUAL,
	-1, NULL, "3 series match; name more dimensions: REF_AREA (CN, US, JP)",
	{NULL}},
    {"five series match", NULL, "v1_gdp.json", "FREQ=A", FREQ_ANNUAL, -1, NULL,
	"5 series match; name more dimensions: REF_AREA (CN, US, JP), "
	"INDICATOR (GDP, POP)",
	{NULL}},
    {"flat: two series match", NULL, "flat.json", "INDICATOR=CPI",
	FREQ_QUARTERLY, -1, NULL,
	"2 series match; name more dimensions: REF_AREA (CN, US)", {NULL}},
    {"no series has these codes", NULL, "v1_gdp.json",
	"REF_AREA=JP,INDICATOR=POP", FREQ_ANNUAL, -1, NULL,
	"no series has REF_AREA=JP, INDICATOR=POP", {NULL}},
    {"an unknown dimension", NULL, "v1_gdp.json", "REF_AREA=CN,UNIT=USD",
	FREQ_ANNUAL, -1, NULL,
	"no dimension UNIT (dimensions: FREQ, REF_AREA, INDICATOR, "
	"TIME_PERIOD)",
	{NULL}},
    {"an unknown code", NULL, "v1_gdp.json", "REF_AREA=DE,INDICATOR=GDP",
	FREQ_ANNUAL, -1, NULL,
	"dimension REF_AREA has no code DE (codes: CN, US, JP)", {NULL}},
    {"the time dimension named", NULL, "v1_gdp.json",
	"REF_AREA=CN,TIME_PERIOD=2021", FREQ_ANNUAL, -1, NULL,
	"TIME_PERIOD is the time dimension: it cannot be selected", {NULL}},
    {"the time dimension of a draft named", NULL, "draft_oecd.json",
	"TIME=2020-Q1", FREQ_QUARTERLY, -1, NULL, "TIME is the time dimension",
	{NULL}},
    {"an empty data set",
	"{'structure': {'dimensions': {'observation': "
	"[{'id': 'TIME_PERIOD', 'values': []}]}}, "
	"'dataSets': [{}]}",
	NULL, "REF_AREA=CN", FREQ_ANNUAL, -1, NULL,
	"no dimension REF_AREA (dimensions: TIME_PERIOD)", {NULL}},
    {"a data set without series", TIMES("[]", "{}"), NULL, "REF_AREA=CN",
	FREQ_ANNUAL, -1, NULL, "no series has REF_AREA=CN", {NULL}},

    /* rejected keys and observations */
    {"a series key out of range",
	SMALL("{'0:0': {'observations': {'0': [1]}},"
	      " '2:0': {'observations': {'0': [2]}}}"),
	NULL, "INDICATOR=GDP,REF_AREA=CN", FREQ_ANNUAL, -1, NULL,
	"1 of 2 observations rejected",
	{"series 2:0: index 2 of REF_AREA is out of range (2 codes)"}},
    {"only broken keys left", SMALL("{'0:9': {'observations': {'0': [2]}}}"),
	NULL, "INDICATOR=GDP,REF_AREA=CN", FREQ_ANNUAL, -1, NULL,
	"1 keys rejected; no series has INDICATOR=GDP, REF_AREA=CN",
	{"series 0:9: index 9 of INDICATOR is out of range (2 codes)"}},
    {"series keys that are not keys",
	SMALL("{'0:0': {'observations': {'0': [1]}}, '0:x': {}, '00:1': {},"
	      " '0': {}, '0:0:0': {}, '': {}, '0:-1': {}, ' 0:1': {}}"),
	NULL, "INDICATOR=GDP,REF_AREA=CN", FREQ_ANNUAL, -1, NULL,
	"7 of 8 observations rejected",
	{"series 0:x: key is not 2 indexes separated by ':'",
	    "series 00:1: key is not 2 indexes",
	    "series 0: key is not 2 indexes", "series 0:0:0: key is not",
	    "series : key is not", "series 0:-1: key is not",
	    "series  0:1: key is not"}},
    {"an observation key out of range",
	SMALL("{'0:0': {'observations': {'0': [1], '3': [2], 'x': [3]}}}"),
	NULL, "REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL, -1, NULL,
	"2 of 3 observations rejected",
	{"series 0:0, observation 3: index 3 of TIME_PERIOD is out of range "
	 "(3 codes)",
	    "series 0:0, observation x: key is not 1 index separated by ':'"}},
    {"a huge index",
	SMALL("{'0:0': {'observations': {'99999999999999999999999': [1]}}}"),
	NULL, "REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL, -1, NULL,
	"1 of 1 observations rejected",
	{"observation 99999999999999999999999: index 18446744073709551615 "
	 "of TIME_PERIOD is out of range"}},
    {"series and observations of the wrong type",
	SMALL("{'0:0': [], '0:1': {'observations': [1]}}"), NULL, "REF_AREA=CN",
	FREQ_ANNUAL, -1, NULL, "2 keys rejected; no series has REF_AREA=CN",
	{"series 0:0: series is an array, not an object",
	    "series 0:1: observations is an array, not an object"}},
    {"values that are not numbers",
	SMALL(
	    "{'0:0': {'observations': {'0': [1], '1': [2], '2': ['n/a']}},"
	    " '1:1': {'observations': {'0': [true], '1': [{}], '2': ['1e999'],"
	    " '3': [1]}}}"),
	NULL, "REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL, -1, NULL,
	"1 of 3 observations rejected",
	{"series 0:0, observation 2 (period 2022): value \"n/a\" is not a "
	 "number"}},
    {"values of other types",
	SMALL("{'1:1': {'observations': {'0': [true], '1': [{}], '2': "
	      "['0x10']}}}"),
	NULL, "REF_AREA=US,INDICATOR=POP", FREQ_ANNUAL, -1, NULL,
	"3 of 3 observations rejected",
	{"series 1:1, observation 0 (period 2020): value is a boolean, not "
	 "a number",
	    "series 1:1, observation 1 (period 2021): value is an object",
	    "series 1:1, observation 2 (period 2022): value \"0x10\" is not "
	    "a number"}},
    {"observations that are not arrays",
	SMALL("{'0:0': {'observations': {'0': 5, '1': [], '2': {'v': 1}}}}"),
	NULL, "REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL, -1, NULL,
	"3 of 3 observations rejected",
	{"series 0:0, observation 0: observation is a number, not an array",
	    "series 0:0, observation 1: observation has 0 elements, no value "
	    "at position 0",
	    "series 0:0, observation 2: observation is an object"}},
    {"OBS_STATUS indices out of range",
	SMALL("{'0:0': {'observations': {'0': [1, 2], '1': [2, 'M'],"
	      " '2': [3, 0.5]}}}"),
	NULL, "REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL, -1, NULL,
	"3 of 3 observations rejected",
	{"series 0:0, observation 0: OBS_STATUS index 2 is out of range (2 "
	 "codes)",
	    "series 0:0, observation 1: OBS_STATUS is a string, not an index",
	    "series 0:0, observation 2: OBS_STATUS index 0.5 is out of "
	    "range"}},
    {"a period of another frequency", NULL, "v1_gdp.json",
	"REF_AREA=CN,INDICATOR=GDP", FREQ_QUARTERLY, -1, NULL,
	"5 of 5 observations rejected",
	{"series 0:0:0, observation 4: period 2023 is annual, the indicator "
	 "is quarterly",
	    "series 0:0:0, observation 0: period 2019 is annual",
	    "series 0:0:0, observation 1: period 2020",
	    "series 0:0:0, observation 2: period 2021",
	    "series 0:0:0, observation 3: period 2022"}},
    {"time codes that are not periods",
	TIMES("[{'id': 'total'}, {'id': '2021-13'}, {'id': '2021'}]",
	    "{'0': {'observations': {'0': [1], '1': [2], '2': [3]}}}"),
	NULL, "REF_AREA=CN", FREQ_ANNUAL, -1, NULL,
	"2 of 3 observations rejected",
	{"series 0, observation 0: period \"total\": not a period",
	    "series 0, observation 1: period \"2021-13\": month 13 out of "
	    "range"}},

    /* documents that cannot be read */
    {"not JSON", "<html>", NULL, "A=x", FREQ_ANNUAL, -1, NULL,
	"line 1 column 1:", {NULL}},
    {"truncated", SMALL("{'0:0': {'observations': {'0': [1"), NULL, "A=x",
	FREQ_ANNUAL, -1, NULL, "line 1 column", {NULL}},
    {"duplicate keys", "{'dataSets': [], 'dataSets': []}", NULL, "A=x",
	FREQ_ANNUAL, -1, NULL, "duplicate object key", {NULL}},
    {"an array", "[]", NULL, "A=x", FREQ_ANNUAL, -1, NULL,
	"the message is an array, not an object", {NULL}},
    {"an error message", NULL, "errors.json", "A=x", FREQ_ANNUAL, -1, NULL,
	"the message has no data: error 100: No Results Found", {NULL}},
    {"no data at all", "{'meta': {}}", NULL, "A=x", FREQ_ANNUAL, -1, NULL,
	"the message has no data (no \"data\" or \"dataSets\")", {NULL}},
    {"data of the wrong type", "{'data': []}", NULL, "A=x", FREQ_ANNUAL, -1,
	NULL, "data is an array, not an object", {NULL}},
    {"no dataSets", "{'data': {'structure': {}}}", NULL, "A=x", FREQ_ANNUAL, -1,
	NULL, "dataSets is missing, not an array", {NULL}},
    {"no data set", "{'data': {'dataSets': []}}", NULL, "A=x", FREQ_ANNUAL, -1,
	NULL, "0 data sets; planwatch reads messages with exactly one", {NULL}},
    {"two data sets", "{'data': {'dataSets': [{}, {}]}}", NULL, "A=x",
	FREQ_ANNUAL, -1, NULL, "2 data sets", {NULL}},
    {"a data set of the wrong type", "{'data': {'dataSets': [3]}}", NULL, "A=x",
	FREQ_ANNUAL, -1, NULL, "dataSets[0] is a number, not an object",
	{NULL}},
    {"a Delete data set", "{'data': {'dataSets': [{'action': 'Delete'}]}}",
	NULL, "A=x", FREQ_ANNUAL, -1, NULL,
	"the data set's action is Delete: it publishes no values", {NULL}},
    {"no structure", "{'data': {'dataSets': [{}]}}", NULL, "A=x", FREQ_ANNUAL,
	-1, NULL, "structure is missing, not an object", {NULL}},
    {"2.0: structures empty", "{'data': {'structures': [], 'dataSets': [{}]}}",
	NULL, "A=x", FREQ_ANNUAL, -1, NULL,
	"structures is an array, not a non-empty array", {NULL}},
    {"2.0: a structure index out of range",
	"{'data': {'structures': [{}], 'dataSets': [{'structure': 1}]}}", NULL,
	"A=x", FREQ_ANNUAL, -1, NULL,
	"dataSets[0].structure is not an index of the 1 structures", {NULL}},
    {"no dimensions", "{'structure': {}, 'dataSets': [{}]}", NULL, "A=x",
	FREQ_ANNUAL, -1, NULL, "structure.dimensions is missing, not an object",
	{NULL}},
    {"dimensions of the wrong type",
	"{'structure': {'dimensions': {'series': {}}}, 'dataSets': [{}]}", NULL,
	"A=x", FREQ_ANNUAL, -1, NULL,
	"dimensions.series is an object, not an array", {NULL}},
    {"a dimension without id",
	"{'structure': {'dimensions': {'series': [{'values': []}]}},"
	" 'dataSets': [{}]}",
	NULL, "A=x", FREQ_ANNUAL, -1, NULL, "dimensions.series[0] has no id",
	{NULL}},
    {"a dimension without values",
	"{'structure': {'dimensions': {'series': [{'id': 'A'}]}},"
	" 'dataSets': [{}]}",
	NULL, "A=x", FREQ_ANNUAL, -1, NULL,
	"dimensions.series[0] (A): values is missing, not an array", {NULL}},
    {"a value without id",
	"{'structure': {'dimensions': {'series': [{'id': 'A', 'values': "
	"[{'id': 'x'}, {'name': 'y'}]}]}}, 'dataSets': [{}]}",
	NULL, "A=x", FREQ_ANNUAL, -1, NULL,
	"dimensions.series[0]: value 1 has no id", {NULL}},
    {"a dimension listed twice",
	"{'structure': {'dimensions': {'dataSet': [{'id': 'A', 'values': "
	"[{'id': 'x'}]}], 'series': [{'id': 'A', 'values': []}]}},"
	" 'dataSets': [{}]}",
	NULL, "A=x", FREQ_ANNUAL, -1, NULL, "dimension A is listed twice",
	{NULL}},
    {"a dataSet-level dimension with two values",
	"{'structure': {'dimensions': {'dataSet': [{'id': 'A', 'values': "
	"[{'id': 'x'}, {'id': 'y'}]}]}}, 'dataSets': [{}]}",
	NULL, "A=x", FREQ_ANNUAL, -1, NULL,
	"dimension A is at the dataSet level with 2 values, not 1", {NULL}},
    {"no time dimension",
	"{'structure': {'dimensions': {'series': [{'id': 'A', 'values': "
	"[]}]}}, 'dataSets': [{}]}",
	NULL, "A=x", FREQ_ANNUAL, -1, NULL,
	"no time dimension: none is called TIME_PERIOD or has the role "
	"TIME_PERIOD",
	{NULL}},
    {"two time roles",
	"{'structure': {'dimensions': {'observation': [{'id': 'T1', 'role': "
	"'time', 'values': []}, {'id': 'T2', 'roles': ['TIME_PERIOD'], "
	"'values': []}]}}, 'dataSets': [{}]}",
	NULL, "A=x", FREQ_ANNUAL, -1, NULL, "2 dimensions have the time role",
	{NULL}},
    {"measures without OBS_VALUE",
	"{'data': {'structures': [{'dimensions': {'observation': [{'id': "
	"'TIME_PERIOD', 'values': []}]}, 'measures': {'observation': "
	"[{'id': 'M1'}, {'id': 'M2'}]}}], 'dataSets': [{}]}}",
	NULL, "A=x", FREQ_ANNUAL, -1, NULL, "2 measures and none is OBS_VALUE",
	{NULL}},
    {"no measure",
	"{'data': {'structures': [{'dimensions': {'observation': [{'id': "
	"'TIME_PERIOD', 'values': []}]}, 'measures': {'observation': []}}],"
	" 'dataSets': [{}]}}",
	NULL, "A=x", FREQ_ANNUAL, -1, NULL, "the structure has no measure",
	{NULL}},
    {"a coded measure",
	"{'data': {'structures': [{'dimensions': {'observation': [{'id': "
	"'TIME_PERIOD', 'values': []}]}, 'measures': {'observation': "
	"[{'id': 'OBS_VALUE', 'values': []}]}}], 'dataSets': [{}]}}",
	NULL, "A=x", FREQ_ANNUAL, -1, NULL,
	"the measure is coded, not a number", {NULL}},
    {"observation attributes of the wrong type",
	"{'structure': {'dimensions': {'observation': [{'id': "
	"'TIME_PERIOD', 'values': []}]}, 'attributes': {'observation': "
	"{}}}, 'dataSets': [{}]}",
	NULL, "A=x", FREQ_ANNUAL, -1, NULL,
	"attributes.observation is an object, not an array", {NULL}},
    {"series and observations both", TIMES("[]", "{}, 'observations': {}"),
	NULL, "A=x", FREQ_ANNUAL, -1, NULL,
	"the data set has both series and observations", {NULL}},
    {"series of the wrong type", TIMES("[]", "[]"), NULL, "A=x", FREQ_ANNUAL,
	-1, NULL, "the data set's series is an array, not an object", {NULL}},
    {"flat observations with series dimensions",
	"{'structure': {'dimensions': {'series': [{'id': 'A', 'values': "
	"[]}], 'observation': [{'id': 'TIME_PERIOD', 'values': []}]}},"
	" 'dataSets': [{'observations': {}}]}",
	NULL, "A=x", FREQ_ANNUAL, -1, NULL,
	"flat observations, but 1 dimensions at the series level", {NULL}},

    /* selectors refused before reading */
    {"no series in the selector", NULL, "v1_gdp.json", "", FREQ_ANNUAL, -1,
	NULL, "selector has no series", {NULL}},
    {"a dimension named twice", NULL, "v1_gdp.json", "A=x,A=y", FREQ_ANNUAL, -1,
	NULL, "series: dimension A is named twice", {NULL}},
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

/* Reads a fixture under $PW_FIXTURES/sdmx. */
static char *
fixture(const char *name, size_t *len)
{
	const char *dir = getenv("PW_FIXTURES");
	char path[1024];
	char *buf = malloc(FIXTURE_MAX);
	FILE *f;

	if (dir == NULL)
		dir = "tests/fixtures";
	snprintf(path, sizeof(path), "%s/sdmx/%s", dir, name);
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
check_rejects(const struct sdmx_case *c, const struct rejects *r)
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
	const struct feed_format *f = &sdmx_json_format;
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
run_case(const struct sdmx_case *c)
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
	for (size_t i = 0; i < NELEM(sdmx_cases); i++)
		run_case(&sdmx_cases[i]);
}

/* One load, many selects, each independent of the others. */
static void
test_load_once(void **state)
{
	const struct feed_format *f = &sdmx_json_format;
	const char *series[] = {"REF_AREA=CN,INDICATOR=GDP",
	    "REF_AREA=US,INDICATOR=POP", "INDICATOR=GDP",
	    "REF_AREA=CN,INDICATOR=GDP"};
	const int rcs[] = {0, 0, -1, 0};
	const size_t ns[] = {5, 3, 0, 5};
	struct feed_dim dims[MAX_DIMS];
	struct feed_selector sel;
	struct feed_doc *doc;
	char err[512], *buf, *text;
	size_t len;

	(void)state;
	buf = fixture("v1_gdp.json", &len);
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
	char err[256], series[] = "REF_AREA=CN,INDICATOR=GDP", *buf;
	size_t len;

	(void)state;
	buf = inline_doc(SMALL("{'0:0': {'observations': {'0': ['x'],"
			       " '1': [1]}}}"),
	    &len);
	series_parse(series, &sel, dims);
	assert_int_equal(
	    parse(buf, len, &sel, FREQ_ANNUAL, &out, NULL, err, sizeof(err)),
	    -1);
	assert_string_equal(err, "1 of 2 observations rejected");
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
	char err[256], series[] = "REF_AREA=CN,INDICATOR=GDP", *buf;
	size_t len;

	(void)state;
	buf = inline_doc(
	    SMALL("{'0:0': {'observations': {'0': [1]}}}") " trailing", &len);
	series_parse(series, &sel, dims);
	assert_int_equal(parse(buf, len - 9, &sel, FREQ_ANNUAL, &out, NULL, err,
			     sizeof(err)),
	    0);
	assert_int_equal(out.n, 1);
	assert_int_equal(
	    parse(buf, len, &sel, FREQ_ANNUAL, &out, NULL, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "end of file expected"));
	obs_list_clear(&out);
	free(buf);
}

/* A series of more observations than a list may hold. */
static void
test_too_many(void **state)
{
	size_t n = OBS_LIST_MAX + 1, cap = n * 40 + 512, len = 0;
	struct feed_dim dims[MAX_DIMS];
	struct feed_selector sel;
	struct obs_list out = {0};
	char err[256], series[] = "A=x", *buf = malloc(cap);

	(void)state;
	assert_non_null(buf);
	len += (size_t)snprintf(buf + len, cap - len,
	    "{\"structure\": {\"dimensions\": {\"series\": [{\"id\": \"A\", "
	    "\"values\": [{\"id\": \"x\"}]}], \"observation\": [{\"id\": "
	    "\"TIME_PERIOD\", \"values\": [");
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, cap - len,
		    "%s{\"id\": \"%04zu-%02zu-%02zu\"}", i ? "," : "",
		    1000 + i / 372, 1 + i / 31 % 12, 1 + i % 28);
	len += (size_t)snprintf(buf + len, cap - len,
	    "]}]}}, \"dataSets\": [{\"series\": {\"0\": {\"observations\": "
	    "{");
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(
		    buf + len, cap - len, "%s\"%zu\": [1]", i ? "," : "", i);
	len += (size_t)snprintf(buf + len, cap - len, "}}}}]}");
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
    {"REF_AREA=CN", 0, NULL},
    {"REF_AREA=CN,INDICATOR=GDP,FREQ=A", 0, NULL},
    {"", -1, "selector has no series: name the dimensions of one series"},
    {"REF_AREA=CN,REF_AREA=US", -1, "dimension REF_AREA is named twice"},
    {"REF_AREA=", -1, "series: dimension 1 has an empty name or code"},
    {"A=x,=CN", -1, "series: dimension 2 has an empty name or code"},
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
		if (sdmx_json_format.check(&sel, err, sizeof(err)) != c->rc)
			fail_msg("\"%s\": rc, err \"%s\"", c->series, err);
		if (c->rc == -1 && strstr(err, c->err) == NULL)
			fail_msg("\"%s\": err \"%s\" lacks \"%s\"", c->series,
			    err, c->err);
		free(text);
	}
	assert_string_equal(sdmx_json_format.name, "sdmx-json");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cases),
	    cmocka_unit_test(test_load_once),
	    cmocka_unit_test(test_no_callback),
	    cmocka_unit_test(test_length),
	    cmocka_unit_test(test_too_many),
	    cmocka_unit_test(test_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

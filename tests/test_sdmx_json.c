/*
 * test_sdmx_json: the SDMX-JSON data message format.  Cases are a table of
 * document + series ("FREQ=A,REF_AREA=CN") -> expected observations, or
 * -> expected error and reject messages (substrings, in order), run by the
 * parser tests' harness (unit/parser_case.c).  Inline documents are
 * written with ' for " to stay readable; fixture documents live in
 * $PW_FIXTURES/sdmx.
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
#include "unit/parser_case.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const struct parser_suite suite = {
    .format = &sdmx_json_format, .dir = "sdmx", .quotes = true};

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

static const struct parser_case sdmx_cases[] = {
    /* SDMX-JSON 1.0 */
    {{"1.0: one series, sorted, statuses A/E/P kept", NULL, "v1_gdp.json"},
	"FREQ=A,REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL,
	{0,
	    "2019=98651.5 2020=101356.7 2021=114923.7 2022=120472.5 "
	    "2023=126058.2",
	    NULL, {NULL}}},
    {{"1.0: the single-code FREQ may be left out", NULL, "v1_gdp.json"},
	"REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL,
	{0,
	    "2019=98651.5 2020=101356.7 2021=114923.7 2022=120472.5 "
	    "2023=126058.2",
	    NULL, {NULL}}},
    {{"1.0: OBS_STATUS M skipped", NULL, "v1_gdp.json"},
	"REF_AREA=CN,INDICATOR=POP", FREQ_ANNUAL,
	{0, "2019=1410.08 2020=1412.12 2021=1412.6 2022=1411.75", NULL,
	    {NULL}}},
    {{"1.0: null and OBS_STATUS L skipped", NULL, "v1_gdp.json"},
	"INDICATOR=POP,REF_AREA=US", FREQ_ANNUAL,
	{0, "2019=328.33 2022=333.29 2023=334.91", NULL, {NULL}}},
    {{"1.0: a series with every value missing", NULL, "v1_gdp.json"},
	"REF_AREA=JP,INDICATOR=GDP", FREQ_ANNUAL, {0, "", NULL, {NULL}}},
    {{"1.0: Chinese labels", NULL, "cangshan_zh.json"},
	"REF_AREA=350104,INDICATOR=GDP", FREQ_ANNUAL,
	{0, "2020=902.27 2021=980.6 2022=1021.3 2023=1048.97", NULL, {NULL}}},
    {{"1.0: Chinese labels, missing value", NULL, "cangshan_zh.json"},
	"REF_AREA=350102,INDICATOR=GDP,FREQ=A", FREQ_ANNUAL,
	{0, "2020=1478.1 2021=1565.2 2023=1680.4", NULL, {NULL}}},
    {{"1.0: flat observations (AllDimensions)", NULL, "flat.json"},
	"REF_AREA=CN,INDICATOR=GDP_GROWTH", FREQ_QUARTERLY,
	{0, "2021-Q1=18.3 2021-Q2=7.9 2021-Q3=4.9 2021-Q4=4", NULL, {NULL}}},
    {{"1.0: flat, a zero value is a value", NULL, "flat.json"},
	"REF_AREA=CN,INDICATOR=CPI,FREQ=Q", FREQ_QUARTERLY,
	{0, "2021-Q1=0 2021-Q2=1.1 2021-Q3=0.8 2021-Q4=1.8", NULL, {NULL}}},
    {{"1.0: flat, status M", NULL, "flat.json"},
	"REF_AREA=US,INDICATOR=GDP_GROWTH", FREQ_QUARTERLY,
	{0, "2021-Q1=0.5 2021-Q2=12.2 2021-Q3=4.9", NULL, {NULL}}},
    {{"1.0: flat, a sparse series", NULL, "flat.json"},
	"REF_AREA=US,INDICATOR=CPI", FREQ_QUARTERLY,
	{0, "2021-Q4=6.7", NULL, {NULL}}},

    /* drafts: everything at the top, role "time" */
    {{"draft: top-level structure, role time, quarterly", NULL,
	 "draft_oecd.json"},
	"LOCATION=DEU,SUBJECT=B1_GE", FREQ_QUARTERLY,
	{0,
	    "2019-Q4=-0.15 2020-Q1=-1.99 2020-Q2=-9.68 2020-Q3=8.99 "
	    "2020-Q4=0.71",
	    NULL, {NULL}}},
    {{"draft: one dimension named", NULL, "draft_oecd.json"}, "LOCATION=CAN",
	FREQ_QUARTERLY,
	{0,
	    "2019-Q4=0.62 2020-Q1=-2.11 2020-Q2=-11.31 2020-Q3=9.09 "
	    "2020-Q4=2.26",
	    NULL, {NULL}}},

    /* SDMX-JSON 2.x */
    {{"2.0: structures, dataSet-level dimensions, time 'value'", NULL,
	 "v2_exr.json"},
	"CURRENCY=USD", FREQ_MONTHLY,
	{0, "2023-01=1.0785 2023-02=1.0713 2023-03=1.0802 2023-04=1.0968", NULL,
	    {NULL}}},
    {{"2.0: a dataSet-level dimension named", NULL, "v2_exr.json"},
	"FREQ=M,CURRENCY=CNY,CURRENCY_DENOM=EUR", FREQ_MONTHLY,
	{0, "2023-01=7.3202 2023-02=7.3247 2023-03=7.4267 2023-04=7.5595", NULL,
	    {NULL}}},
    {{"2.0: OBS_STATUS after another attribute", NULL, "v2_exr.json"},
	"CURRENCY=JPY", FREQ_MONTHLY,
	{0, "2023-01=140.54 2023-02=142.38 2023-04=145.33", NULL, {NULL}}},
    {{"2.0: a dataSet-level code not in the message", NULL, "v2_exr.json"},
	"FREQ=Q,CURRENCY=USD", FREQ_QUARTERLY,
	{-1, NULL, "dimension FREQ has no code Q (codes: M)", {NULL}}},
    {{"2.0: uncoded OBS_STATUS written as the code",
	 "{'data': {'structures': [{'dimensions': {"
	 "'series': [{'id': 'A', 'values': [{'id': 'x'}]}],"
	 "'observation': [{'id': 'TIME_PERIOD', 'values': [{'value': '2021'},"
	 " {'value': '2022'}, {'value': '2023'}]}]},"
	 "'measures': {'observation': [{'id': 'OBS_VALUE'}]},"
	 "'attributes': {'observation': [{'id': 'OBS_STATUS'}]}}],"
	 "'dataSets': [{'structure': 0, 'series': {'0': {'observations':"
	 " {'0': [1, 'A'], '1': [2, 'M'], '2': ['3.5', null]}}}}]}}",
	 NULL},
	"A=x", FREQ_ANNUAL, {0, "2021=1 2023=3.5", NULL, {NULL}}},
    {{"2.0: two measures, OBS_VALUE second",
	 "{'data': {'structures': [{'dimensions': {"
	 "'series': [{'id': 'A', 'values': [{'id': 'x'}]}],"
	 "'observation': [{'id': 'TIME_PERIOD', 'values': [{'id': '2021'}]}]},"
	 "'measures': {'observation': [{'id': 'OBS_COUNT'}, {'id': "
	 "'OBS_VALUE'}]},"
	 "'attributes': {'observation': [{'id': 'OBS_STATUS', 'values': "
	 "[{'id': 'A'}]}]}}],"
	 "'dataSets': [{'series': {'0': {'observations': {'0': [12, 7.5, "
	 "0]}}}}]}}",
	 NULL},
	"A=x", FREQ_ANNUAL, {0, "2021=7.5", NULL, {NULL}}},
    {{"2.0: the second structure",
	 "{'data': {'structures': [{'dimensions': {}}, {'dimensions': {"
	 "'observation': [{'id': 'TIME_PERIOD', 'values': [{'id': '2021'}]},"
	 " {'id': 'A', 'values': [{'id': 'x'}]}]}}],"
	 "'dataSets': [{'structure': 1, 'observations': {'0:0': [4]}}]}}",
	 NULL},
	"A=x", FREQ_ANNUAL, {0, "2021=4", NULL, {NULL}}},

    /* other layouts: the time dimension at the series or dataSet level */
    {{"cross-section: time in the series key",
	 "{'structure': {'dimensions': {'series': [{'id': 'TIME_PERIOD',"
	 " 'values': [{'id': '2020'}, {'id': '2021'}]}], 'observation':"
	 " [{'id': 'REF_AREA', 'values': [{'id': 'CN'}, {'id': 'US'}]}]}},"
	 " 'dataSets': [{'series': {'1': {'observations': {'0': [3], '1': "
	 "[4]}}, '0': {'observations': {'0': [1], '1': [2]}}}}]}",
	 NULL},
	"REF_AREA=US", FREQ_ANNUAL, {0, "2020=2 2021=4", NULL, {NULL}}},
    {{"one period: time at the dataSet level",
	 "{'structure': {'dimensions': {'dataSet': [{'id': 'TIME_PERIOD',"
	 " 'values': [{'id': '2021'}]}], 'observation': [{'id': 'REF_AREA',"
	 " 'values': [{'id': 'CN'}, {'id': 'US'}]}]}}, 'dataSets': "
	 "[{'observations': {'0': [5], '1': [6]}}]}",
	 NULL},
	"REF_AREA=US", FREQ_ANNUAL, {0, "2021=6", NULL, {NULL}}},

    /* inline: values, statuses, duplicates */
    {{"numeric strings and large integers",
	 SMALL("{'0:0': {'observations': {'0': [' 12.5 '], '1': ['-3e2'],"
	       " '2': [100000000000000000000000]}}}"),
	 NULL},
	"REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL,
	{0, "2020=12.5 2021=-300 2022=1e+23", NULL, {NULL}}},
    {{"a series without observations",
	 SMALL("{'0:0': {}, '1:0': {'observations': null}}"), NULL},
	"REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL, {0, "", NULL, {NULL}}},
    {{"an attribute index after OBS_STATUS is ignored",
	 SMALL("{'0:0': {'observations': {'0': [1, 0, 5, 7]}}}"), NULL},
	"REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL, {0, "2020=1", NULL, {NULL}}},
    {{"OBS_STATUS default M",
	 "{'structure': {'dimensions': {'observation': [{'id': "
	 "'TIME_PERIOD', 'values': [{'id': '2020'}, {'id': '2021'}]},"
	 " {'id': 'A', 'values': [{'id': 'x'}]}]}, 'attributes': "
	 "{'observation': [{'id': 'OBS_STATUS', 'default': 'M', 'values': "
	 "[{'id': 'A'}, {'id': 'M'}]}]}}, 'dataSets': [{'observations': "
	 "{'0:0': [1], '1:0': [2, 0]}}]}",
	 NULL},
	"A=x", FREQ_ANNUAL, {0, "2021=2", NULL, {NULL}}},
    {{"a value with OBS_STATUS M is skipped, whatever it is",
	 SMALL("{'0:0': {'observations': {'0': ['n/a', 1], '1': [1]}}}"), NULL},
	"REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL, {0, "2021=1", NULL, {NULL}}},
    {{"a null value is skipped, whatever its period",
	 TIMES("[{'id': 'total'}, {'id': '2021'}]",
	     "{'0': {'observations': {'0': [null], '1': [5]}}}"),
	 NULL},
	"REF_AREA=CN", FREQ_ANNUAL, {0, "2021=5", NULL, {NULL}}},
    {{"duplicate periods with one value",
	 TIMES("[{'id': '2021-07'}, {'id': '2021-M07'}, {'id': '202106'}]",
	     "{'0': {'observations': {'1': [5], '0': [5], '2': [4]}}}"),
	 NULL},
	"REF_AREA=CN", FREQ_MONTHLY, {0, "2021-06=4 2021-07=5", NULL, {NULL}}},
    {{"reporting days, offsets and a one-day range",
	 TIMES("[{'id': '2024-D001'}, {'id': '2024-01-02+08:00'},"
	       " {'id': '2024-01-03T00:00:00Z/P1D'}]",
	     "{'0': {'observations': {'0': [1], '1': [2], '2': [3]}}}"),
	 NULL},
	"REF_AREA=CN", FREQ_DAILY,
	{0, "2024-01-01=1 2024-01-02=2 2024-01-03=3", NULL, {NULL}}},
    {{"reporting weeks, one as a range from its Monday",
	 TIMES("[{'id': '2020-W53'}, {'id': '2021-01-04/P7D'}]",
	     "{'0': {'observations': {'0': [1], '1': [2]}}}"),
	 NULL},
	"REF_AREA=CN", FREQ_WEEKLY, {0, "2020-W53=1 2021-W01=2", NULL, {NULL}}},
    {{"duplicate periods with two values",
	 TIMES("[{'id': '2021-07'}, {'id': '2021-M07'}]",
	     "{'0': {'observations': {'0': [5], '1': [6]}}}"),
	 NULL},
	"REF_AREA=CN", FREQ_MONTHLY,
	{-1, NULL, "1 of 2 observations rejected",
	    {"series 0, observation 1 (period 2021-07): value 6, but series 0, "
	     "observation 0 has 5"}}},
    {{"a series key out of range elsewhere is skipped",
	 SMALL("{'0:0': {'observations': {'0': [1]}},"
	       " '1:7': {'observations': {'0': [2]}}}"),
	 NULL},
	"REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL, {0, "2020=1", NULL, {NULL}}},
    {{"another series' broken observations are not read",
	 SMALL("{'0:0': {'observations': {'0': [1]}},"
	       " '0:1': {'observations': {'0': ['x'], '1': {}}}}"),
	 NULL},
	"REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL, {0, "2020=1", NULL, {NULL}}},

    /* selectors that do not pick one series */
    {{"three series match", NULL, "v1_gdp.json"}, "INDICATOR=GDP", FREQ_ANNUAL,
	{-1, NULL,
	    "3 series match; name more dimensions: REF_AREA (CN, US, JP)",
	    {NULL}}},
    {{"five series match", NULL, "v1_gdp.json"}, "FREQ=A", FREQ_ANNUAL,
	{-1, NULL,
	    "5 series match; name more dimensions: REF_AREA (CN, US, JP), "
	    "INDICATOR (GDP, POP)",
	    {NULL}}},
    {{"flat: two series match", NULL, "flat.json"}, "INDICATOR=CPI",
	FREQ_QUARTERLY,
	{-1, NULL, "2 series match; name more dimensions: REF_AREA (CN, US)",
	    {NULL}}},
    {{"no series has these codes", NULL, "v1_gdp.json"},
	"REF_AREA=JP,INDICATOR=POP", FREQ_ANNUAL,
	{-1, NULL, "no series has REF_AREA=JP, INDICATOR=POP", {NULL}}},
    {{"an unknown dimension", NULL, "v1_gdp.json"}, "REF_AREA=CN,UNIT=USD",
	FREQ_ANNUAL,
	{-1, NULL,
	    "no dimension UNIT (dimensions: FREQ, REF_AREA, INDICATOR, "
	    "TIME_PERIOD)",
	    {NULL}}},
    {{"an unknown code", NULL, "v1_gdp.json"}, "REF_AREA=DE,INDICATOR=GDP",
	FREQ_ANNUAL,
	{-1, NULL, "dimension REF_AREA has no code DE (codes: CN, US, JP)",
	    {NULL}}},
    {{"the time dimension named", NULL, "v1_gdp.json"},
	"REF_AREA=CN,TIME_PERIOD=2021", FREQ_ANNUAL,
	{-1, NULL, "TIME_PERIOD is the time dimension: it cannot be selected",
	    {NULL}}},
    {{"the time dimension of a draft named", NULL, "draft_oecd.json"},
	"TIME=2020-Q1", FREQ_QUARTERLY,
	{-1, NULL, "TIME is the time dimension", {NULL}}},
    {{"an empty data set",
	 "{'structure': {'dimensions': {'observation': "
	 "[{'id': 'TIME_PERIOD', 'values': []}]}}, "
	 "'dataSets': [{}]}",
	 NULL},
	"REF_AREA=CN", FREQ_ANNUAL,
	{-1, NULL, "no dimension REF_AREA (dimensions: TIME_PERIOD)", {NULL}}},
    {{"a data set without series", TIMES("[]", "{}"), NULL}, "REF_AREA=CN",
	FREQ_ANNUAL, {-1, NULL, "no series has REF_AREA=CN", {NULL}}},

    /* rejected keys and observations */
    {{"one observation", SMALL("{'0:0': {'observations': {'0': [1]}}}"), NULL},
	"REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL, {0, "2020=1", NULL, {NULL}}},
    {{"the same, but text after the document",
	 SMALL("{'0:0': {'observations': {'0': [1]}}}") " trailing", NULL},
	"REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL,
	{-1, NULL, "end of file expected", {NULL}}},
    {{"a value that is no number",
	 SMALL("{'0:0': {'observations': {'0': ['x'], '1': [1]}}}"), NULL},
	"REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL,
	{-1, NULL, "1 of 2 observations rejected",
	    {"series 0:0, observation 0 (period 2020): value \"x\" is not "
	     "a number"}}},
    {{"a series key out of range",
	 SMALL("{'0:0': {'observations': {'0': [1]}},"
	       " '2:0': {'observations': {'0': [2]}}}"),
	 NULL},
	"INDICATOR=GDP,REF_AREA=CN", FREQ_ANNUAL,
	{-1, NULL, "1 of 2 observations rejected",
	    {"series 2:0: index 2 of REF_AREA is out of range (2 codes)"}}},
    {{"only broken keys left", SMALL("{'0:9': {'observations': {'0': [2]}}}"),
	 NULL},
	"INDICATOR=GDP,REF_AREA=CN", FREQ_ANNUAL,
	{-1, NULL, "1 keys rejected; no series has INDICATOR=GDP, REF_AREA=CN",
	    {"series 0:9: index 9 of INDICATOR is out of range (2 codes)"}}},
    {{"series keys that are not keys",
	 SMALL("{'0:0': {'observations': {'0': [1]}}, '0:x': {}, '00:1': {},"
	       " '0': {}, '0:0:0': {}, '': {}, '0:-1': {}, ' 0:1': {}}"),
	 NULL},
	"INDICATOR=GDP,REF_AREA=CN", FREQ_ANNUAL,
	{-1, NULL, "7 of 8 observations rejected",
	    {"series 0:x: key is not 2 indexes separated by ':'",
		"series 00:1: key is not 2 indexes",
		"series 0: key is not 2 indexes", "series 0:0:0: key is not",
		"series : key is not", "series 0:-1: key is not",
		"series  0:1: key is not"}}},
    {{"an observation key out of range",
	 SMALL("{'0:0': {'observations': {'0': [1], '3': [2], 'x': [3]}}}"),
	 NULL},
	"REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL,
	{-1, NULL, "2 of 3 observations rejected",
	    {"series 0:0, observation 3: index 3 of TIME_PERIOD is out of "
	     "range "
	     "(3 codes)",
		"series 0:0, observation x: key is not 1 index separated by "
		"':'"}}},
    {{"a huge index",
	 SMALL("{'0:0': {'observations': {'99999999999999999999999': [1]}}}"),
	 NULL},
	"REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL,
	{-1, NULL, "1 of 1 observations rejected",
	    {"observation 99999999999999999999999: index 18446744073709551615 "
	     "of TIME_PERIOD is out of range"}}},
    {{"series and observations of the wrong type",
	 SMALL("{'0:0': [], '0:1': {'observations': [1]}}"), NULL},
	"REF_AREA=CN", FREQ_ANNUAL,
	{-1, NULL, "2 keys rejected; no series has REF_AREA=CN",
	    {"series 0:0: series is an array, not an object",
		"series 0:1: observations is an array, not an object"}}},
    {{"values that are not numbers",
	 SMALL(
	     "{'0:0': {'observations': {'0': [1], '1': [2], '2': ['n/a']}},"
	     " '1:1': {'observations': {'0': [true], '1': [{}], '2': ['1e999'],"
	     " '3': [1]}}}"),
	 NULL},
	"REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL,
	{-1, NULL, "1 of 3 observations rejected",
	    {"series 0:0, observation 2 (period 2022): value \"n/a\" is not a "
	     "number"}}},
    {{"values of other types",
	 SMALL("{'1:1': {'observations': {'0': [true], '1': [{}], '2': "
	       "['0x10']}}}"),
	 NULL},
	"REF_AREA=US,INDICATOR=POP", FREQ_ANNUAL,
	{-1, NULL, "3 of 3 observations rejected",
	    {"series 1:1, observation 0 (period 2020): value is a boolean, not "
	     "a number",
		"series 1:1, observation 1 (period 2021): value is an object",
		"series 1:1, observation 2 (period 2022): value \"0x10\" is "
		"not "
		"a number"}}},
    {{"observations that are not arrays",
	 SMALL("{'0:0': {'observations': {'0': 5, '1': [], '2': {'v': 1}}}}"),
	 NULL},
	"REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL,
	{-1, NULL, "3 of 3 observations rejected",
	    {"series 0:0, observation 0: observation is a number, not an array",
		"series 0:0, observation 1: observation has 0 elements, no "
		"value "
		"at position 0",
		"series 0:0, observation 2: observation is an object"}}},
    {{"OBS_STATUS indices out of range",
	 SMALL("{'0:0': {'observations': {'0': [1, 2], '1': [2, 'M'],"
	       " '2': [3, 0.5]}}}"),
	 NULL},
	"REF_AREA=CN,INDICATOR=GDP", FREQ_ANNUAL,
	{-1, NULL, "3 of 3 observations rejected",
	    {"series 0:0, observation 0: OBS_STATUS index 2 is out of range (2 "
	     "codes)",
		"series 0:0, observation 1: OBS_STATUS is a string, not an "
		"index",
		"series 0:0, observation 2: OBS_STATUS index 0.5 is out of "
		"range"}}},
    {{"a period of another frequency", NULL, "v1_gdp.json"},
	"REF_AREA=CN,INDICATOR=GDP", FREQ_QUARTERLY,
	{-1, NULL, "5 of 5 observations rejected",
	    {"series 0:0:0, observation 4: period 2023 is annual, the "
	     "indicator "
	     "is quarterly",
		"series 0:0:0, observation 0: period 2019 is annual",
		"series 0:0:0, observation 1: period 2020",
		"series 0:0:0, observation 2: period 2021",
		"series 0:0:0, observation 3: period 2022"}}},
    {{"time codes that are not periods",
	 TIMES("[{'id': 'total'}, {'id': '2021-13'}, {'id': '2021'}]",
	     "{'0': {'observations': {'0': [1], '1': [2], '2': [3]}}}"),
	 NULL},
	"REF_AREA=CN", FREQ_ANNUAL,
	{-1, NULL, "2 of 3 observations rejected",
	    {"series 0, observation 0: period \"total\": not a period",
		"series 0, observation 1: period \"2021-13\": month 13 out of "
		"range"}}},

    /* documents that cannot be read */
    {{"not JSON", "<html>", NULL}, "A=x", FREQ_ANNUAL,
	{-1, NULL, "line 1 column 1:", {NULL}}},
    {{"truncated", SMALL("{'0:0': {'observations': {'0': [1"), NULL}, "A=x",
	FREQ_ANNUAL, {-1, NULL, "line 1 column", {NULL}}},
    {{"duplicate keys", "{'dataSets': [], 'dataSets': []}", NULL}, "A=x",
	FREQ_ANNUAL, {-1, NULL, "duplicate object key", {NULL}}},
    {{"an array", "[]", NULL}, "A=x", FREQ_ANNUAL,
	{-1, NULL, "the message is an array, not an object", {NULL}}},
    {{"an error message", NULL, "errors.json"}, "A=x", FREQ_ANNUAL,
	{-1, NULL, "the message has no data: error 100: No Results Found",
	    {NULL}}},
    {{"no data at all", "{'meta': {}}", NULL}, "A=x", FREQ_ANNUAL,
	{-1, NULL, "the message has no data (no \"data\" or \"dataSets\")",
	    {NULL}}},
    {{"data of the wrong type", "{'data': []}", NULL}, "A=x", FREQ_ANNUAL,
	{-1, NULL, "data is an array, not an object", {NULL}}},
    {{"no dataSets", "{'data': {'structure': {}}}", NULL}, "A=x", FREQ_ANNUAL,
	{-1, NULL, "dataSets is missing, not an array", {NULL}}},
    {{"no data set", "{'data': {'dataSets': []}}", NULL}, "A=x", FREQ_ANNUAL,
	{-1, NULL, "0 data sets; planwatch reads messages with exactly one",
	    {NULL}}},
    {{"two data sets", "{'data': {'dataSets': [{}, {}]}}", NULL}, "A=x",
	FREQ_ANNUAL, {-1, NULL, "2 data sets", {NULL}}},
    {{"a data set of the wrong type", "{'data': {'dataSets': [3]}}", NULL},
	"A=x", FREQ_ANNUAL,
	{-1, NULL, "dataSets[0] is a number, not an object", {NULL}}},
    {{"a Delete data set", "{'data': {'dataSets': [{'action': 'Delete'}]}}",
	 NULL},
	"A=x", FREQ_ANNUAL,
	{-1, NULL, "the data set's action is Delete: it publishes no values",
	    {NULL}}},
    {{"no structure", "{'data': {'dataSets': [{}]}}", NULL}, "A=x", FREQ_ANNUAL,
	{-1, NULL, "structure is missing, not an object", {NULL}}},
    {{"2.0: structures empty", "{'data': {'structures': [], 'dataSets': [{}]}}",
	 NULL},
	"A=x", FREQ_ANNUAL,
	{-1, NULL, "structures is an array, not a non-empty array", {NULL}}},
    {{"2.0: a structure index out of range",
	 "{'data': {'structures': [{}], 'dataSets': [{'structure': 1}]}}",
	 NULL},
	"A=x", FREQ_ANNUAL,
	{-1, NULL, "dataSets[0].structure is not an index of the 1 structures",
	    {NULL}}},
    {{"no dimensions", "{'structure': {}, 'dataSets': [{}]}", NULL}, "A=x",
	FREQ_ANNUAL,
	{-1, NULL, "structure.dimensions is missing, not an object", {NULL}}},
    {{"dimensions of the wrong type",
	 "{'structure': {'dimensions': {'series': {}}}, 'dataSets': [{}]}",
	 NULL},
	"A=x", FREQ_ANNUAL,
	{-1, NULL, "dimensions.series is an object, not an array", {NULL}}},
    {{"a dimension without id",
	 "{'structure': {'dimensions': {'series': [{'values': []}]}},"
	 " 'dataSets': [{}]}",
	 NULL},
	"A=x", FREQ_ANNUAL,
	{-1, NULL, "dimensions.series[0] has no id", {NULL}}},
    {{"a dimension without values",
	 "{'structure': {'dimensions': {'series': [{'id': 'A'}]}},"
	 " 'dataSets': [{}]}",
	 NULL},
	"A=x", FREQ_ANNUAL,
	{-1, NULL, "dimensions.series[0] (A): values is missing, not an array",
	    {NULL}}},
    {{"a value without id",
	 "{'structure': {'dimensions': {'series': [{'id': 'A', 'values': "
	 "[{'id': 'x'}, {'name': 'y'}]}]}}, 'dataSets': [{}]}",
	 NULL},
	"A=x", FREQ_ANNUAL,
	{-1, NULL, "dimensions.series[0]: value 1 has no id", {NULL}}},
    {{"a dimension listed twice",
	 "{'structure': {'dimensions': {'dataSet': [{'id': 'A', 'values': "
	 "[{'id': 'x'}]}], 'series': [{'id': 'A', 'values': []}]}},"
	 " 'dataSets': [{}]}",
	 NULL},
	"A=x", FREQ_ANNUAL, {-1, NULL, "dimension A is listed twice", {NULL}}},
    {{"a dataSet-level dimension with two values",
	 "{'structure': {'dimensions': {'dataSet': [{'id': 'A', 'values': "
	 "[{'id': 'x'}, {'id': 'y'}]}]}}, 'dataSets': [{}]}",
	 NULL},
	"A=x", FREQ_ANNUAL,
	{-1, NULL, "dimension A is at the dataSet level with 2 values, not 1",
	    {NULL}}},
    {{"no time dimension",
	 "{'structure': {'dimensions': {'series': [{'id': 'A', 'values': "
	 "[]}]}}, 'dataSets': [{}]}",
	 NULL},
	"A=x", FREQ_ANNUAL,
	{-1, NULL,
	    "no time dimension: none is called TIME_PERIOD or has the role "
	    "TIME_PERIOD",
	    {NULL}}},
    {{"two time roles",
	 "{'structure': {'dimensions': {'observation': [{'id': 'T1', 'role': "
	 "'time', 'values': []}, {'id': 'T2', 'roles': ['TIME_PERIOD'], "
	 "'values': []}]}}, 'dataSets': [{}]}",
	 NULL},
	"A=x", FREQ_ANNUAL,
	{-1, NULL, "2 dimensions have the time role", {NULL}}},
    {{"measures without OBS_VALUE",
	 "{'data': {'structures': [{'dimensions': {'observation': [{'id': "
	 "'TIME_PERIOD', 'values': []}]}, 'measures': {'observation': "
	 "[{'id': 'M1'}, {'id': 'M2'}]}}], 'dataSets': [{}]}}",
	 NULL},
	"A=x", FREQ_ANNUAL,
	{-1, NULL, "2 measures and none is OBS_VALUE", {NULL}}},
    {{"no measure",
	 "{'data': {'structures': [{'dimensions': {'observation': [{'id': "
	 "'TIME_PERIOD', 'values': []}]}, 'measures': {'observation': []}}],"
	 " 'dataSets': [{}]}}",
	 NULL},
	"A=x", FREQ_ANNUAL, {-1, NULL, "the structure has no measure", {NULL}}},
    {{"a coded measure",
	 "{'data': {'structures': [{'dimensions': {'observation': [{'id': "
	 "'TIME_PERIOD', 'values': []}]}, 'measures': {'observation': "
	 "[{'id': 'OBS_VALUE', 'values': []}]}}], 'dataSets': [{}]}}",
	 NULL},
	"A=x", FREQ_ANNUAL,
	{-1, NULL, "the measure is coded, not a number", {NULL}}},
    {{"observation attributes of the wrong type",
	 "{'structure': {'dimensions': {'observation': [{'id': "
	 "'TIME_PERIOD', 'values': []}]}, 'attributes': {'observation': "
	 "{}}}, 'dataSets': [{}]}",
	 NULL},
	"A=x", FREQ_ANNUAL,
	{-1, NULL, "attributes.observation is an object, not an array",
	    {NULL}}},
    {{"series and observations both", TIMES("[]", "{}, 'observations': {}"),
	 NULL},
	"A=x", FREQ_ANNUAL,
	{-1, NULL, "the data set has both series and observations", {NULL}}},
    {{"series of the wrong type", TIMES("[]", "[]"), NULL}, "A=x", FREQ_ANNUAL,
	{-1, NULL, "the data set's series is an array, not an object", {NULL}}},
    {{"flat observations with series dimensions",
	 "{'structure': {'dimensions': {'series': [{'id': 'A', 'values': "
	 "[]}], 'observation': [{'id': 'TIME_PERIOD', 'values': []}]}},"
	 " 'dataSets': [{'observations': {}}]}",
	 NULL},
	"A=x", FREQ_ANNUAL,
	{-1, NULL, "flat observations, but 1 dimensions at the series level",
	    {NULL}}},

    /* selectors refused before reading */
    {{"no series in the selector", NULL, "v1_gdp.json"}, "", FREQ_ANNUAL,
	{-1, NULL, "selector has no series", {NULL}}},
    {{"a dimension named twice", NULL, "v1_gdp.json"}, "A=x,A=y", FREQ_ANNUAL,
	{-1, NULL, "series: dimension A is named twice", {NULL}}},
};

/* A series of more observations than a list may hold. */
static void
test_too_many(void **state)
{
	size_t n = OBS_LIST_MAX + 1, cap = n * 40 + 512, len = 0;
	char *buf = malloc(cap);

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
	parser_case_expect(&suite, buf, "A=x", FREQ_DAILY, -1, 0,
	    "more than 100000 observations");
	free(buf);
}

/* One load, many selects, each independent of the others. */
static const struct parser_select selects[] = {
    {"REF_AREA=CN,INDICATOR=GDP", 0, 5},
    {"REF_AREA=US,INDICATOR=POP", 0, 3},
    {"INDICATOR=GDP", -1, 0},
    {"REF_AREA=CN,INDICATOR=GDP", 0, 5},
};

/* check() judges a selector alone, when the configuration is loaded. */
static const struct parser_check check_cases[] = {
    {"REF_AREA=CN", NULL},
    {"REF_AREA=CN,INDICATOR=GDP,FREQ=A", NULL},
    {"",
	"selector has no series: name the dimensions of one series (e.g. "
	"REF_AREA: CN)"},
    {"REF_AREA=CN,REF_AREA=US", "series: dimension REF_AREA is named twice"},
    {"REF_AREA=", "series: dimension 1 has an empty name or code"},
    {"A=x,=CN", "series: dimension 2 has an empty name or code"},
};

static void
test_cases(void **state)
{
	(void)state;
	parser_case_run_series(&suite, sdmx_cases, NELEM(sdmx_cases));
	parser_case_run_selects(
	    &suite, "v1_gdp.json", FREQ_ANNUAL, selects, NELEM(selects));
	parser_case_run_checks(&suite, check_cases, NELEM(check_cases));
	assert_string_equal(sdmx_json_format.name, "sdmx-json");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cases),
	    cmocka_unit_test(test_too_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

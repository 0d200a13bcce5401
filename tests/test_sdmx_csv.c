/*
 * test_sdmx_csv: the sdmx-csv feed format.  Cases are a table of document
 * and series ("K=V,K=V") -> expected observations, or -> expected error
 * and reject messages (compared whole, in order; "{text}" in an expected
 * reject stands for period_parse's own error on text), run by the parser
 * tests' harness (unit/parser_case.c).  Fixtures live in
 * $PW_FIXTURES/csv: OECD- and Eurostat-style SDMX-CSV 1.0 extracts,
 * SDMX-CSV 2.0 with actions, labels and a French locale.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sdmx_csv.h"
#include "unit/parser_case.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const struct parser_suite suite = {
    .format = &sdmx_csv_format, .dir = "csv", .whole = true};

#define OECD_DF "OECD.SDD.NAD:DSD_NAMAIN1@DF_QNA_EXPENDITURE_NATIO_CURR(1.1)"
#define NOT_SDMX                                                               \
	"not SDMX-CSV: the header must start with DATAFLOW (SDMX-CSV 1.0) "    \
	"or STRUCTURE (2.0) and a separator"

static const struct parser_case cases[] = {
    /* SDMX-CSV 1.0, OECD style */
    {{"1.0, full key", NULL, "sdmx_oecd_v1.csv"},
	"REF_AREA=CHN,FREQ=A,MEASURE=B1GQ,UNIT_MEASURE=XDC", FREQ_ANNUAL,
	{0,
	    "2019=98651.52 2020=101356.70 2021=114923.70 "
	    "2022=120472.40",
	    NULL, {NULL}}},
    {{"1.0, quarterly rows sorted", NULL, "sdmx_oecd_v1.csv"},
	"REF_AREA=CHN,FREQ=Q", FREQ_QUARTERLY,
	{0,
	    "2022-Q1=27017.80 2022-Q2=29246.40 2022-Q3=30776.40 "
	    "2022-Q4=33431.80",
	    NULL, {NULL}}},
    {{"1.0, a free dimension with two series", NULL, "sdmx_oecd_v1.csv"},
	"REF_AREA=CHN,FREQ=A", FREQ_ANNUAL,
	{-1, NULL, "4 of 8 rows rejected",
	    {"2 observations for period 2019: name more dimensions in series "
	     "(UNIT_MEASURE is \"USD_EXC\" in row 6, \"XDC\" in row 2)",
		"2 observations for period 2020: name more dimensions in "
		"series "
		"(UNIT_MEASURE is \"USD_EXC\" in row 7, \"XDC\" in row 3)",
		"2 observations for period 2021: name more dimensions in "
		"series "
		"(UNIT_MEASURE is \"USD_EXC\" in row 8, \"XDC\" in row 4)",
		"2 observations for period 2022: name more dimensions in "
		"series "
		"(UNIT_MEASURE is \"USD_EXC\" in row 9, \"XDC\" in row 5)"}}},
    {{"1.0, FREQ left free", NULL, "sdmx_oecd_v1.csv"},
	"REF_AREA=CHN,UNIT_MEASURE=XDC", FREQ_ANNUAL,
	{-1, NULL, "4 of 8 rows rejected",
	    {"row 10, column TIME_PERIOD: period 2022-Q2 is quarterly, the "
	     "indicator is annual (name FREQ in series)",
		"row 11, column TIME_PERIOD: period 2022-Q1 is quarterly, the "
		"indicator is annual (name FREQ in series)",
		"row 12, column TIME_PERIOD: period 2022-Q3 is quarterly, the "
		"indicator is annual (name FREQ in series)",
		"row 13, column TIME_PERIOD: period 2022-Q4 is quarterly, the "
		"indicator is annual (name FREQ in series)"}}},
    {{"1.0, OBS_STATUS M skipped", NULL, "sdmx_oecd_v1.csv"}, "REF_AREA=JPN",
	FREQ_ANNUAL,
	{0, "2019=557910.80 2020=539808.20 2021=553642.40", NULL, {NULL}}},
    {{"1.0, provisional values kept", NULL, "sdmx_oecd_v1.csv"},
	"REF_AREA=USA,MEASURE=B1GQ", FREQ_ANNUAL,
	{0, "2020=21354.10 2021=23681.20 2022=26006.90", NULL, {NULL}}},
    {{"1.0, the dataflow in the series", NULL, "sdmx_oecd_v1.csv"},
	"DATAFLOW=" OECD_DF ",REF_AREA=JPN", FREQ_ANNUAL,
	{0, "2019=557910.80 2020=539808.20 2021=553642.40", NULL, {NULL}}},
    {{"1.0, a code no row has", NULL, "sdmx_oecd_v1.csv"},
	"REF_AREA=KOR,FREQ=A", FREQ_ANNUAL,
	{-1, NULL,
	    "no row matches series REF_AREA=KOR, FREQ=A (no row has "
	    "REF_AREA=KOR)",
	    {NULL}}},
    {{"1.0, codes that never meet", NULL, "sdmx_oecd_v1.csv"},
	"REF_AREA=USA,UNIT_MEASURE=USD_EXC", FREQ_ANNUAL,
	{-1, NULL, "no row matches series REF_AREA=USA, UNIT_MEASURE=USD_EXC",
	    {NULL}}},
    {{"1.0, a dimension that is not a column", NULL, "sdmx_oecd_v1.csv"},
	"COUNTRY=CHN", FREQ_ANNUAL,
	{-1, NULL,
	    "series names COUNTRY, which is not a column; the dimensions are "
	    "DATAFLOW, REF_AREA, FREQ, MEASURE, UNIT_MEASURE",
	    {NULL}}},
    {{"1.0, an attribute may select", NULL, "sdmx_oecd_v1.csv"},
	"REF_AREA=CHN,OBS_STATUS=P", FREQ_ANNUAL,
	{-1, NULL, "2 of 3 rows rejected",
	    {"row 13, column TIME_PERIOD: period 2022-Q4 is quarterly, the "
	     "indicator is annual (name FREQ in series)",
		"2 observations for period 2022: name more dimensions in "
		"series "
		"(UNIT_MEASURE is \"USD_EXC\" in row 9, \"XDC\" in row 5)"}}},

    /* SDMX-CSV 1.0, Eurostat style */
    {{"Eurostat, lower-case dimensions", NULL, "sdmx_eurostat_v1.csv"},
	"geo=DE,unit=CP_MEUR", FREQ_ANNUAL,
	{0, "2020=3403730.0 2021=3617450.0 2022=3876810.0", NULL, {NULL}}},
    {{"Eurostat, an empty OBS_VALUE", NULL, "sdmx_eurostat_v1.csv"}, "geo=EL",
	FREQ_ANNUAL, {0, "2020=165326.0 2021=181500.0", NULL, {NULL}}},
    {{"Eurostat, wrong frequency, lower-case freq", NULL,
	 "sdmx_eurostat_v1.csv"},
	"geo=FR", FREQ_QUARTERLY,
	{-1, NULL, "3 of 3 rows rejected",
	    {"row 5, column TIME_PERIOD: period 2020 is annual, the indicator "
	     "is "
	     "quarterly (name freq in series)",
		"row 6, column TIME_PERIOD: period 2021 is annual, the "
		"indicator "
		"is quarterly (name freq in series)",
		"row 7, column TIME_PERIOD: period 2022 is annual, the "
		"indicator "
		"is quarterly (name freq in series)"}}},

    /* SDMX-CSV 2.0 */
    {{"2.0, actions, a delete row, a partial-key row", NULL, "sdmx_v2.csv"},
	"REF_AREA=350104,INDICATOR=GDP", FREQ_ANNUAL,
	{0, "2020=912.18 2021=1003.56 2022=1030.11 2023=1048.97", NULL,
	    {NULL}}},
    {{"2.0, NaN with OBS_STATUS M", NULL, "sdmx_v2.csv"}, "INDICATOR=POP",
	FREQ_ANNUAL, {0, "2021=82.3 2023=83.0", NULL, {NULL}}},
    {{"2.0, STRUCTURE_ID in the series", NULL, "sdmx_v2.csv"},
	"STRUCTURE_ID=CN.FZ:DF_DISTRICT_PLAN(1.0.0),INDICATOR=GDP,UNIT=CNY_"
	"100M",
	FREQ_ANNUAL,
	{0, "2020=912.18 2021=1003.56 2022=1030.11 2023=1048.97", NULL,
	    {NULL}}},
    {{"2.0, two indicators in one period", NULL, "sdmx_v2.csv"},
	"REF_AREA=350104", FREQ_ANNUAL,
	{-1, NULL, "2 of 9 rows rejected",
	    {"2 observations for period 2021: name more dimensions in series "
	     "(INDICATOR is \"GDP\" in row 3, \"POP\" in row 8)",
		"2 observations for period 2023: name more dimensions in "
		"series "
		"(INDICATOR is \"GDP\" in row 5, \"POP\" in row 10)"}}},
    {{"2.0, labels, ';', decimal comma, BOM", NULL, "sdmx_v2_labels.csv"},
	"REF_AREA=350104,INDICATOR=GDP", FREQ_ANNUAL,
	{0, "2021=1003.56 2022=1030.11 2023=1048.97", NULL, {NULL}}},
    {{"2.0, a series with nothing published", NULL, "sdmx_v2_labels.csv"},
	"INDICATOR=POP", FREQ_ANNUAL, {0, "", NULL, {NULL}}},
    {{"2.0, labels, quarterly", NULL, "sdmx_v2_quarterly.csv"},
	"REF_AREA=CN,FREQ=Q", FREQ_QUARTERLY,
	{0, "2021-Q1=24.9 2021-Q2=28.2", NULL, {NULL}}},
    {{"2.0, labelled STRUCTURE_ID", NULL, "sdmx_v2_quarterly.csv"},
	"STRUCTURE_ID=IMF.STA:QNEA(1.0.0),FREQ=A", FREQ_ANNUAL,
	{0, "2021=114.4", NULL, {NULL}}},

    /* rejected rows */
    {{"bad rows", NULL, "sdmx_bad.csv"}, "REF_AREA=CN", FREQ_ANNUAL,
	{-1, NULL, "4 of 8 rows rejected",
	    {"row 3, column OBS_VALUE (period 2020): value \"12abc\" is not a "
	     "number",
		"row 8, column TIME_PERIOD: period {2023-13}",
		"row 9: 5 fields, the header has 4 (a delimiter inside an "
		"unquoted value?)",
		"row 7, column OBS_VALUE (period 2022): value \"5\" differs "
		"from "
		"\"4\" in row 6 for the same period"}}},
    {{"three series in one period",
	 "DATAFLOW,U,TIME_PERIOD,OBS_VALUE\nX:D(1.0),c,2021,3\n"
	 "X:D(1.0),a,2021,1\nX:D(1.0),b,2021,2\n",
	 NULL},
	"DATAFLOW=X:D(1.0)", FREQ_ANNUAL,
	{-1, NULL, "1 of 3 rows rejected",
	    {"3 observations for period 2021: name more dimensions in series "
	     "(U "
	     "is \"a\" in row 3, \"b\" in row 4)"}}},
    {{"no value, no period: not an observation",
	 "DATAFLOW,U,TIME_PERIOD,OBS_VALUE\nX:D(1.0),a,,\nX:D(1.0),a,x,\n",
	 NULL},
	"U=a", FREQ_ANNUAL, {0, "", NULL, {NULL}}},

    /* small documents */
    {{"duplicate rows with one value",
	 "DATAFLOW,REF_AREA,TIME_PERIOD,OBS_VALUE\nX:DF(1.0),CN,2021,3\n"
	 "X:DF(1.0),CN,2021,3.0\nX:DF(1.0),CN,2020,2\n",
	 NULL},
	"REF_AREA=CN", FREQ_ANNUAL, {0, "2020=2 2021=3", NULL, {NULL}}},
    {{"OBS_STATUS L, NaN and other marks",
	 "DATAFLOW,R,TIME_PERIOD,OBS_VALUE,OBS_STATUS\nX:D(1.0),a,2019,1,L\n"
	 "X:D(1.0),a,2020,nan,\nX:D(1.0),a,2021,..,\nX:D(1.0),a,2022,4,A\n"
	 "X:D(1.0),a,2023,5,E\n",
	 NULL},
	"R=a", FREQ_ANNUAL, {0, "2022=4 2023=5", NULL, {NULL}}},
    {{"2.0 without ACTION",
	 "STRUCTURE,STRUCTURE_ID,REF_AREA,TIME_PERIOD,OBS_VALUE\n"
	 "dataflow,X:DF(1.0),CN,2021-07,1\n",
	 NULL},
	"REF_AREA=CN", FREQ_MONTHLY, {0, "2021-07=1", NULL, {NULL}}},
    {{"quoted header terms",
	 "\"DATAFLOW\",\"REF_AREA\",\"TIME_PERIOD\",\"OBS_VALUE\"\r\n"
	 "\"X:DF(1.0)\",\"CN\",\"2021\",\"1.5\"\r\n",
	 NULL},
	"REF_AREA=CN", FREQ_ANNUAL, {0, "2021=1.5", NULL, {NULL}}},
    {{"tab separator, decimal comma",
	 "DATAFLOW\tREF_AREA\tTIME_PERIOD\tOBS_VALUE\nX:DF(1.0)\tCN\t2021\t1,"
	 "5\n"
	 "X:DF(1.0)\tCN\t2022\t2.5\n",
	 NULL},
	"REF_AREA=CN", FREQ_ANNUAL, {0, "2021=1.5 2022=2.5", NULL, {NULL}}},
    {{"a comma is no decimal mark with ',' separators",
	 "STRUCTURE[;],STRUCTURE_ID,ACTION,R,TIME_PERIOD,OBS_VALUE\n"
	 "dataflow,X:D(1.0),I,a,2021,\"1,5\"\n",
	 NULL},
	"R=a", FREQ_ANNUAL,
	{-1, NULL, "1 of 1 rows rejected",
	    {"row 2, column OBS_VALUE (period 2021): value \"1,5\" is not a "
	     "number"}}},
    {{"decimal comma and point together",
	 "DATAFLOW;R;TIME_PERIOD;OBS_VALUE\nX:D(1.0);a;2021;1.234,5\n", NULL},
	"R=a", FREQ_ANNUAL,
	{-1, NULL, "1 of 1 rows rejected",
	    {"row 2, column OBS_VALUE (period 2021): value \"1.234,5\" is not "
	     "a "
	     "number"}}},

    /* every SDMX 2.1 time period, through the shared parser */
    {{"reporting days, a date with an offset, a one-day range",
	 "DATAFLOW,R,TIME_PERIOD,OBS_VALUE\nX:D(1.0),a,2024-D001,1\n"
	 "X:D(1.0),a,2024-01-02+08:00,2\nX:D(1.0),a,2024-01-03/P1D,3\n"
	 "X:D(1.0),a,2024-D060Z,4\n",
	 NULL},
	"R=a", FREQ_DAILY,
	{0, "2024-01-01=1 2024-01-02=2 2024-01-03=3 2024-02-29=4", NULL,
	    {NULL}}},
    {{"reporting months, with an offset, as a range",
	 "DATAFLOW,R,TIME_PERIOD,OBS_VALUE\nX:D(1.0),a,2024-M01,1\n"
	 "X:D(1.0),a,2024-02-01T00:00:00Z/P1M,2\nX:D(1.0),a,2024-M03-05:00,3\n",
	 NULL},
	"R=a", FREQ_MONTHLY,
	{0, "2024-01=1 2024-02=2 2024-03=3", NULL, {NULL}}},
    {{"reporting trimesters, and one as a range",
	 "DATAFLOW,R,TIME_PERIOD,OBS_VALUE\nX:D(1.0),a,2023-T3,1\n"
	 "X:D(1.0),a,2024-T1,2\nX:D(1.0),a,2024-05-01/P4M,3\n",
	 NULL},
	"R=a", FREQ_FOUR_MONTHLY,
	{0, "2023-T3=1 2024-T1=2 2024-T2=3", NULL, {NULL}}},
    {{"a reporting year",
	 "DATAFLOW,R,TIME_PERIOD,OBS_VALUE\nX:D(1.0),a,2024-A1,1\n", NULL},
	"R=a", FREQ_ANNUAL, {0, "2024=1", NULL, {NULL}}},
    {{"a cumulative series: months name January through them",
	 "DATAFLOW,R,TIME_PERIOD,OBS_VALUE\nX:D(1.0),a,2023-M12,120\n"
	 "X:D(1.0),a,2024-M02,21\nX:D(1.0),a,2024-01-01/P3M,33\n",
	 NULL},
	"R=a", FREQ_YTD_MONTHLY,
	{0, "2023-M01-M12=120 2024-M01-M02=21 2024-M01-M03=33", NULL, {NULL}}},
    {{"a range that is no one period",
	 "DATAFLOW,R,TIME_PERIOD,OBS_VALUE\nX:D(1.0),a,2024-02-01/P3M,1\n",
	 NULL},
	"R=a", FREQ_QUARTERLY,
	{-1, NULL, "1 of 1 rows rejected",
	    {"row 2, column TIME_PERIOD: period {2024-02-01/P3M}"}}},
    {{"a cumulative range for a monthly indicator",
	 "DATAFLOW,R,TIME_PERIOD,OBS_VALUE\nX:D(1.0),a,2024-01-01/P2M,1\n",
	 NULL},
	"R=a", FREQ_MONTHLY,
	{-1, NULL, "1 of 1 rows rejected",
	    {"row 2, column TIME_PERIOD: period 2024-M01-M02 is ytd_monthly, "
	     "the "
	     "indicator is monthly"}}},

    /* documents that are not SDMX-CSV */
    {{"plain CSV", "year,value\n2021,1\n", NULL}, "R=a", FREQ_ANNUAL,
	{-1, NULL, NOT_SDMX, {NULL}}},
    {{"empty document", "", NULL}, "R=a", FREQ_ANNUAL,
	{-1, NULL, NOT_SDMX, {NULL}}},
    {{"one column", "DATAFLOW\r\nX:D(1.0)\r\n", NULL}, "R=a", FREQ_ANNUAL,
	{-1, NULL, NOT_SDMX, {NULL}}},
    {{"a longer first term", "DATAFLOWS,R\n", NULL}, "R=a", FREQ_ANNUAL,
	{-1, NULL, NOT_SDMX, {NULL}}},
    {{"an unclosed bracket", "STRUCTURE[;,STRUCTURE_ID\n", NULL}, "R=a",
	FREQ_ANNUAL, {-1, NULL, NOT_SDMX, {NULL}}},
    {{"no TIME_PERIOD", "DATAFLOW,R,OBS_VALUE\nX:D(1.0),a,1\n", NULL}, "R=a",
	FREQ_ANNUAL, {-1, NULL, "no TIME_PERIOD column", {NULL}}},
    {{"no OBS_VALUE", "DATAFLOW,R,TIME_PERIOD\nX:D(1.0),a,2021\n", NULL}, "R=a",
	FREQ_ANNUAL, {-1, NULL, "no OBS_VALUE column", {NULL}}},
    {{"two OBS_VALUE columns",
	 "DATAFLOW,R,TIME_PERIOD,OBS_VALUE,OBS_VALUE: Value\n", NULL},
	"R=a", FREQ_ANNUAL,
	{-1, NULL, "columns 4 and 5 are both OBS_VALUE", {NULL}}},
    {{"2.0 without STRUCTURE_ID", "STRUCTURE,R,TIME_PERIOD,OBS_VALUE\n", NULL},
	"R=a", FREQ_ANNUAL,
	{-1, NULL, "SDMX-CSV 2.0: the second column must be STRUCTURE_ID",
	    {NULL}}},
    {{"malformed quoting",
	 "DATAFLOW,R,TIME_PERIOD,OBS_VALUE\nX:D(1.0),a\"b,2021,1\n", NULL},
	"R=a", FREQ_ANNUAL,
	{-1, NULL,
	    "line 2: malformed quoting (a quote inside an unquoted field, or "
	    "text "
	    "after a closing quote)",
	    {NULL}}},
    {{"truncated inside a quoted field",
	 "DATAFLOW,R,TIME_PERIOD,OBS_VALUE,COMMENT\nX:D(1.0),a,2021,1,\"cut",
	 NULL},
	"R=a", FREQ_ANNUAL,
	{-1, NULL,
	    "line 2: a quoted field is not closed (a truncated document?)",
	    {NULL}}},

    /* selectors */
    {{"no series", "DATAFLOW,R,TIME_PERIOD,OBS_VALUE\n", NULL}, "", FREQ_ANNUAL,
	{-1, NULL, "selector needs a series: {DIMENSION: code, ...}", {NULL}}},
    {{"TIME_PERIOD in the series", "DATAFLOW,R,TIME_PERIOD,OBS_VALUE\n", NULL},
	"TIME_PERIOD=2021", FREQ_ANNUAL,
	{-1, NULL, "series cannot name TIME_PERIOD: it is not a dimension",
	    {NULL}}},
    {{"a dimension named twice", "DATAFLOW,R,TIME_PERIOD,OBS_VALUE\n", NULL},
	"R=a,R=b", FREQ_ANNUAL, {-1, NULL, "series names R twice", {NULL}}},
    {{"an empty code", "DATAFLOW,R,TIME_PERIOD,OBS_VALUE\n", NULL},
	"X=1,R=", FREQ_ANNUAL,
	{-1, NULL, "series: dimension 2 has an empty name or code", {NULL}}},
    {{"no data rows", "DATAFLOW,R,TIME_PERIOD,OBS_VALUE\n", NULL}, "R=a",
	FREQ_ANNUAL,
	{-1, NULL, "no row matches series R=a (no row has R=a)", {NULL}}},
};

static void
test_cases(void **state)
{
	(void)state;
	parser_case_run_series(&suite, cases, NELEM(cases));
}

/* The harness's series parser, so that the cases mean what they say. */
static void
test_series_parse(void **state)
{
	struct feed_dim d[PARSER_CASE_DIMS];
	struct feed_selector sel;
	char s[] = "DATAFLOW=A:B(1.0),R=x,STRUCTURE_ID=C:D(1,0),U=y";

	(void)state;
	assert_int_equal(parser_case_series(s, &sel, d), 4);
	assert_ptr_equal(sel.series, d);
	assert_int_equal(sel.nseries, 4);
	assert_string_equal(d[0].key, "DATAFLOW");
	assert_string_equal(d[0].value, "A:B(1.0)");
	assert_string_equal(d[1].value, "x");
	assert_string_equal(d[2].value, "C:D(1,0)");
	assert_string_equal(d[3].key, "U");
	assert_string_equal(d[3].value, "y");
}

/* One load, many indicators; check() agrees with select(). */
static void
test_one_doc_many_selects(void **state)
{
	struct feed_dim chn[] = {{"REF_AREA", "CHN"}, {"FREQ", "A"},
	    {"UNIT_MEASURE", "XDC"}},
			usa[] = {{"REF_AREA", "USA"}};
	struct feed_selector a = {.series = chn, .nseries = 3},
			     b = {.series = usa, .nseries = 1}, none = {0};
	struct obs_list out = {0};
	struct feed_doc *doc;
	char err[256];
	size_t len;
	char *buf = parser_case_fixture(&suite, "sdmx_oecd_v1.csv", &len);

	(void)state;
	doc = sdmx_csv_format.load(buf, len, err, sizeof(err));
	assert_non_null(doc);
	memset(buf, 'x', len);
	free(buf);
	for (int round = 0; round < 2; round++) {
		assert_int_equal(sdmx_csv_format.select(doc, &a, FREQ_ANNUAL,
				     &out, NULL, NULL, err, sizeof(err)),
		    0);
		assert_int_equal(out.n, 4);
		assert_true(out.v[3].value == 120472.40);
		obs_list_clear(&out);
		assert_int_equal(sdmx_csv_format.select(doc, &b, FREQ_ANNUAL,
				     &out, NULL, NULL, err, sizeof(err)),
		    0);
		assert_int_equal(out.n, 3);
		obs_list_clear(&out);
	}
	assert_int_equal(sdmx_csv_format.check(&a, err, sizeof(err)), 0);
	assert_int_equal(sdmx_csv_format.check(&none, err, sizeof(err)), -1);
	assert_string_equal(
	    err, "selector needs a series: {DIMENSION: code, ...}");
	assert_int_equal(sdmx_csv_format.select(doc, &none, FREQ_ANNUAL, &out,
			     NULL, NULL, err, sizeof(err)),
	    -1);
	sdmx_csv_format.free(doc);
	sdmx_csv_format.free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_series_parse),
	    cmocka_unit_test(test_cases),
	    cmocka_unit_test(test_one_doc_many_selects),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

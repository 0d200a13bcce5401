/*
 * test_csv_feed: the csv feed format.  Cases are a table of document and
 * columns -> expected observations, or -> expected error and reject
 * messages (compared whole, in order; the reasons period_parse() gives
 * are its own, so "{text}" in an expected reject stands for
 * period_parse's error on text), run by the parser tests' harness
 * (unit/parser_case.c).  Fixture documents live in $PW_FIXTURES/csv.
 * Numbers and missing-value marks are also read directly; the caps are
 * in test_csv_feed_caps.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "csv_feed.h"
#include "csv_rows.h"
#include "unit/parser_case.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const struct parser_suite suite = {
    .format = &csv_feed_format, .dir = "csv", .whole = true};

/* A case: the columns of the selector, the delimiter, the thousands. */
struct csv_case {
	struct parser_case_doc doc;
	const char *period, *value;
	char delimiter, thousands;
	enum freq freq;
	struct parser_case_want want;
};

/* A case whose selector names a year column (or NULL: none). */
struct csv_year_case {
	const char *year;
	struct csv_case c;
};

#define GDP "地区生产总值(亿元)"
#define POP "常住人口(万人)"

static const struct csv_case cases[] = {
    /* good documents */
    {{"Excel CSV UTF-8: BOM, CRLF, '..', a note", NULL, "cangshan.csv"}, "年份",
	GDP, ',', 0, FREQ_ANNUAL,
	{0,
	    "2019=870.52 2020=912.18 2021=1003.56 2022=1030.11 "
	    "2023=1048.97",
	    NULL, {NULL}}},
    {{"column by number", NULL, "cangshan.csv"}, "1", "3", ',', 0, FREQ_ANNUAL,
	{0, "2019=80.9 2020=81.6 2021=82.3 2023=83.0", NULL, {NULL}}},
    {{"tabs, thousands separators, unsorted", NULL, "cangshan_thousands.tsv"},
	"年份", GDP, '\t', ',', FREQ_ANNUAL,
	{0,
	    "2019=870.52 2020=912.18 2021=1003.56 2022=1030.11 "
	    "2023=1048.97",
	    NULL, {NULL}}},
    {{"tabs, a trailing empty field", NULL, "cangshan_thousands.tsv"}, "1", "3",
	'\t', ',', FREQ_ANNUAL,
	{0, "2019=80.9 2020=81.6 2021=82.3 2023=83.0", NULL, {NULL}}},
    {{"quoted delimiters, quotes and line breaks", NULL, "quoted.csv"},
	"period", "value, in \"units\"", ',', 0, FREQ_QUARTERLY,
	{0, "2021-Q1=1.5 2021-Q2=2.5 2021-Q3=3.5 2021-Q4=4.5", NULL, {NULL}}},
    {{"semicolons, apostrophe thousands", NULL, "swiss.csv"}, "Monat", "Umsatz",
	';', '\'', FREQ_MONTHLY,
	{0,
	    "2021-01=1234.5 2021-02=12345678 2021-03=999 "
	    "2021-04=-1000.25",
	    NULL, {NULL}}},
    {{"every not-published mark", NULL, "marks.csv"}, "1", "2", ',', 0,
	FREQ_MONTHLY, {0, "2021-01=1 2021-09=9", NULL, {NULL}}},
    {{"monthly forms", NULL, "marks.csv"}, "p", "b", ',', 0, FREQ_MONTHLY,
	{0,
	    "2021-02=1 2021-03=1 2021-04=1 2021-05=1 2021-06=1 "
	    "2021-07=1 2021-08=1 2021-09=1",
	    NULL, {NULL}}},
    {{"duplicate period, same value",
	 "y,v\n2021,1065\n2020,1\n2021,\"1065.0\"\n", NULL},
	"y", "v", ',', 0, FREQ_ANNUAL, {0, "2020=1 2021=1065", NULL, {NULL}}},
    {{"CR line ends, no final newline", "y,v\r2020,1\r2021,2", NULL}, "y", "v",
	',', 0, FREQ_ANNUAL, {0, "2020=1 2021=2", NULL, {NULL}}},
    {{"blank lines", "\n\ny,v\n\n2020,1\n   \n\r\n2021,2\n\n", NULL}, "y", "v",
	',', 0, FREQ_ANNUAL, {0, "2020=1 2021=2", NULL, {NULL}}},
    {{"header only", "y,v\n", NULL}, "y", "v", ',', 0, FREQ_ANNUAL,
	{0, "", NULL, {NULL}}},
    {{"nothing published", "y,v\n2020,..\n2021,\n2022,-\n", NULL}, "y", "v",
	',', 0, FREQ_ANNUAL, {0, "", NULL, {NULL}}},
    {{"daily, leap day, unsorted", "d,v\n2020-12-31,-2\n2020-02-29,1\n", NULL},
	"d", "v", ',', 0, FREQ_DAILY,
	{0, "2020-02-29=1 2020-12-31=-2", NULL, {NULL}}},
    {{"short rows are empty cells", "y,v,w\n2020,1\n2021\n2022,3,4\n", NULL},
	"y", "v", ',', 0, FREQ_ANNUAL, {0, "2020=1 2022=3", NULL, {NULL}}},
    {{"space thousands", "p;v\n2021;1 234 567.5\n2022;\"12 345\"\n", NULL}, "p",
	"v", ';', ' ', FREQ_ANNUAL,
	{0, "2021=1234567.5 2022=12345", NULL, {NULL}}},
    {{"number forms",
	 "p,v\n2017, 12.5 \n2018,-3e2\n2019,+4\n2020,0.001\n2021,1E-4\n"
	 "2022,.5\n2023,\"  7  \"\n",
	 NULL},
	"p", "v", ',', 0, FREQ_ANNUAL,
	{0,
	    "2017=12.5 2018=-300 2019=4 2020=0.001 2021=0.0001 "
	    "2022=0.5 2023=7",
	    NULL, {NULL}}},
    {{"a header that is a number", "2021,v\n2021,1\n", NULL}, "1", "v", ',', 0,
	FREQ_ANNUAL, {0, "2021=1", NULL, {NULL}}},
    {{"default delimiter", "y,v\n2021,1\n", NULL}, "y", "v", '\0', 0,
	FREQ_ANNUAL, {0, "2021=1", NULL, {NULL}}},

    /* rejected rows */
    {{"bad rows", NULL, "bad_rows.csv"}, "year", "value", ',', 0, FREQ_ANNUAL,
	{-1, NULL, "4 of 7 rows rejected",
	    {"row 3, column value (period 2019): value \"abc\" is not a number",
		"row 6, column year: period 2021-Q1 is quarterly, the "
		"indicator "
		"is annual",
		"row 7, column year: period {20x1}",
		"row 9, column value (period 2022): value \"1.5\" differs from "
		"\"1.0\" in row 8 for the same period"}}},
    {{"CRLF rows, wrong frequency", NULL, "cangshan.csv"}, "年份", GDP, ',', 0,
	FREQ_QUARTERLY,
	{-1, NULL, "5 of 6 rows rejected",
	    {"row 2, column 年份: period 2019 is annual, the indicator is "
	     "quarterly",
		"row 3, column 年份: period 2020 is annual, the indicator is "
		"quarterly",
		"row 4, column 年份: period 2021 is annual, the indicator is "
		"quarterly",
		"row 5, column 年份: period 2022 is annual, the indicator is "
		"quarterly",
		"row 6, column 年份: period 2023 is annual, the indicator is "
		"quarterly"}}},
    {{"quoted thousands without a separator", NULL,
	 "cangshan_quoted_thousands.csv"},
	"年份", GDP, ',', 0, FREQ_ANNUAL,
	{-1, NULL, "3 of 3 rows rejected",
	    {"row 2, column " GDP " (period 2021): value \"1,003.56\" is not a "
	     "number",
		"row 3, column " GDP
		" (period 2022): value \"1,030.11\" is not a "
		"number",
		"row 4, column " GDP
		" (period 2023): value \"1,048.97\" is not a "
		"number"}}},
    {{"bad thousands grouping",
	 "p;v\n2017;1,23\n2018;1234,567\n2019;\",123\"\n2020;1,234.5,6\n"
	 "2021;12,345,\n2022;1,234\n",
	 NULL},
	"p", "v", ';', ',', FREQ_ANNUAL,
	{-1, NULL, "5 of 6 rows rejected",
	    {"row 2, column v (period 2017): value \"1,23\" is not a number",
		"row 3, column v (period 2018): value \"1234,567\" is not a "
		"number",
		"row 4, column v (period 2019): value \",123\" is not a number",
		"row 5, column v (period 2020): value \"1,234.5,6\" is not a "
		"number",
		"row 6, column v (period 2021): value \"12,345,\" is not a "
		"number"}}},
    {{"values that are not numbers",
	 "p,v\n2014,NaN\n2015,1e999\n2016,inf\n2017,0x10\n2018,12abc\n"
	 "2019,5%\n2020,\"1,065\"\n2021,\"a\nb\"\n",
	 NULL},
	"p", "v", ',', 0, FREQ_ANNUAL,
	{-1, NULL, "8 of 8 rows rejected",
	    {"row 2, column v (period 2014): value \"NaN\" is not a number",
		"row 3, column v (period 2015): value \"1e999\" is not a "
		"number",
		"row 4, column v (period 2016): value \"inf\" is not a number",
		"row 5, column v (period 2017): value \"0x10\" is not a number",
		"row 6, column v (period 2018): value \"12abc\" is not a "
		"number",
		"row 7, column v (period 2019): value \"5%\" is not a number",
		"row 8, column v (period 2020): value \"1,065\" is not a "
		"number",
		"row 9, column v (period 2021): value \"a?b\" is not a "
		"number"}}},
    {{"a long value is cut in the message",
	 "p,v\n2021,1234567890123456789012345678901234567890abc\n", NULL},
	"p", "v", ',', 0, FREQ_ANNUAL,
	{-1, NULL, "1 of 1 rows rejected",
	    {"row 2, column v (period 2021): value "
	     "\"1234567890123456789012345678901234567890...\" is not a "
	     "number"}}},
    {{"a long UTF-8 value is cut between characters",
	 "p,v\n2021,一二三四五六七八九十一二三四五\n", NULL},
	"p", "v", ',', 0, FREQ_ANNUAL,
	{-1, NULL, "1 of 1 rows rejected",
	    {"row 2, column v (period 2021): value "
	     "\"一二三四五六七八九十一二三...\" is not a number"}}},
    {{"unquoted thousands make a row too long", "y,v\n2020,999\n2021,1,065\n",
	 NULL},
	"y", "v", ',', 0, FREQ_ANNUAL,
	{-1, NULL, "1 of 2 rows rejected",
	    {"row 3: 3 fields, the header has 2 (a delimiter inside an "
	     "unquoted "
	     "value?)"}}},
    {{"bad periods", "p,v\n2021-13,1\n,2\n2021-02-30,3\ntotal,4\n999,5\n",
	 NULL},
	"p", "v", ',', 0, FREQ_MONTHLY,
	{-1, NULL, "5 of 5 rows rejected",
	    {"row 2, column p: period {2021-13}", "row 3, column p: no period",
		"row 4, column p: period {2021-02-30}",
		"row 5, column p: period {total}",
		"row 6, column p: period {999}"}}},
    {{"duplicate periods with different values",
	 "y,v\n2021,1065\n2022,1\n2021,1048.97\n2021,1065\n2021,1\n", NULL},
	"y", "v", ',', 0, FREQ_ANNUAL,
	{-1, NULL, "2 of 5 rows rejected",
	    {"row 4, column v (period 2021): value \"1048.97\" differs from "
	     "\"1065\" in row 2 for the same period",
		"row 6, column v (period 2021): value \"1\" differs from "
		"\"1065\" "
		"in row 2 for the same period"}}},
    {{"an empty header cell is named by number", "y,\n2021,x\n", NULL}, "y",
	"2", ',', 0, FREQ_ANNUAL,
	{-1, NULL, "1 of 1 rows rejected",
	    {"row 2, column 2 (period 2021): value \"x\" is not a number"}}},

    /* selectors that do not fit the document */
    {{"no such column", NULL, "cangshan.csv"}, "Year", GDP, ',', 0, FREQ_ANNUAL,
	{-1, NULL,
	    "period: no column is called \"Year\" (the header has 3 columns, "
	    "the "
	    "first \"年份\")",
	    {NULL}}},
    {{"column number past the end", NULL, "cangshan.csv"}, "1", "4", ',', 0,
	FREQ_ANNUAL,
	{-1, NULL, "value: column 4 is out of range (the header has 3 columns)",
	    {NULL}}},
    {{"column number 0", "y,v\n", NULL}, "0", "v", ',', 0, FREQ_ANNUAL,
	{-1, NULL,
	    "period: column 0 is out of range (the header has 2 columns)",
	    {NULL}}},
    {{"two columns of one name", "y,v,v\n2021,1,2\n", NULL}, "y", "v", ',', 0,
	FREQ_ANNUAL,
	{-1, NULL,
	    "value: columns 2 and 3 are both called \"v\" (name the column by "
	    "number)",
	    {NULL}}},
    {{"a GBK header", "\xc4\xea\xb7\xdd,v\n2021,1\n", NULL}, "年份", "v", ',',
	0, FREQ_ANNUAL,
	{-1, NULL,
	    "period: no column is called \"年份\" (the header is not UTF-8: "
	    "save "
	    "the file as CSV UTF-8)",
	    {NULL}}},
    {{"wrong delimiter", NULL, "swiss.csv"}, "Monat", "Umsatz", ',', 0,
	FREQ_MONTHLY,
	{-1, NULL,
	    "period: no column is called \"Monat\" (the header has 1 column, "
	    "the "
	    "first \"Monat;Umsatz;Bemerkung\")",
	    {NULL}}},
    {{"thousands equal to the delimiter", NULL,
	 "cangshan_quoted_thousands.csv"},
	"年份", GDP, ',', ',', FREQ_ANNUAL,
	{-1, NULL, "the thousands separator and the delimiter are both ','",
	    {NULL}}},
    {{"thousands '.'", "y,v\n", NULL}, "y", "v", ',', '.', FREQ_ANNUAL,
	{-1, NULL,
	    "thousands separator '.' is not a comma, a space, an apostrophe or "
	    "'_' "
	    "(the decimal mark is always '.')",
	    {NULL}}},
    {{"delimiter '\"'", "y,v\n", NULL}, "y", "v", '"', 0, FREQ_ANNUAL,
	{-1, NULL, "delimiter '\"' cannot separate fields", {NULL}}},
    {{"delimiter a letter", "y,v\n", NULL}, "y", "v", 'x', 0, FREQ_ANNUAL,
	{-1, NULL, "delimiter 'x' cannot separate fields", {NULL}}},
    {{"no period column", "y,v\n", NULL}, NULL, "v", ',', 0, FREQ_ANNUAL,
	{-1, NULL,
	    "selector needs a period and a value column (a header name or a "
	    "number)",
	    {NULL}}},
    {{"empty value column", "y,v\n", NULL}, "y", "", ',', 0, FREQ_ANNUAL,
	{-1, NULL,
	    "selector needs a period and a value column (a header name or a "
	    "number)",
	    {NULL}}},

    /* documents that are not CSV */
    {{"empty document", "", NULL}, "y", "v", ',', 0, FREQ_ANNUAL,
	{-1, NULL, "empty document: no header row", {NULL}}},
    {{"blank document", "\xef\xbb\xbf \r\n\t\n", NULL}, "y", "v", ',', 0,
	FREQ_ANNUAL, {-1, NULL, "empty document: no header row", {NULL}}},
    {{"only blank lines for this delimiter", "\n ,\n", NULL}, "y", "v", ';', 0,
	FREQ_ANNUAL,
	{-1, NULL,
	    "period: no column is called \"y\" (the header has 1 column, the "
	    "first \",\")",
	    {NULL}}},
    {{"a quote inside an unquoted field", "y,v\n2020,1\n2021,1\"2\n", NULL},
	"y", "v", ',', 0, FREQ_ANNUAL,
	{-1, NULL,
	    "line 3: malformed quoting (a quote inside an unquoted field, or "
	    "text "
	    "after a closing quote)",
	    {NULL}}},
    {{"text after a closing quote", "y,v\n2021,\"1\"2\n", NULL}, "y", "v", ',',
	0, FREQ_ANNUAL,
	{-1, NULL,
	    "line 2: malformed quoting (a quote inside an unquoted field, or "
	    "text "
	    "after a closing quote)",
	    {NULL}}},
    {{"an unterminated quote", "y,v\n2020,1\n2021,\"12\n\n2022,3\n", NULL}, "y",
	"v", ',', 0, FREQ_ANNUAL,
	{-1, NULL,
	    "line 3: a quoted field is not closed (a truncated document?)",
	    {NULL}}},
    {{"UTF-16", NULL, "utf16.csv"}, "y", "v", ',', 0, FREQ_ANNUAL,
	{-1, NULL, "UTF-16 text: save the file as CSV UTF-8", {NULL}}},
};

/* Cumulative releases and periods that name no year. */
static const struct csv_year_case year_cases[] = {
    {"年份",
	{{"NBS cumulative months, the year in a column",
	     "年份,月份,社会消费品零售总额\n2023,1-11月,1100\n2023,1-12月,"
	     "1200\n"
	     "2024,1-2月,210\n2024,2024年1-3月,320\n",
	     NULL},
	    "月份", "社会消费品零售总额", ',', 0, FREQ_YTD_MONTHLY,
	    {0,
		"2023-M01-M11=1100 2023-M01-M12=1200 2024-M01-M02=210 "
		"2024-M01-M03=320",
		NULL, {NULL}}}},
    {"1",
	{{"months and quarters without a year, the year in a column",
	     "y,p,v\n2023,11月,1\n2023,12月,2\n2024,1月,3\n", NULL},
	    "p", "v", ',', 0, FREQ_MONTHLY,
	    {0, "2023-11=1 2023-12=2 2024-01=3", NULL, {NULL}}}},
    {NULL,
	{{"a cumulative series labelled by month",
	     "p,v\n2023年11月,1100\n2023年12月,1200\n2024年2月,210\n", NULL},
	    "p", "v", ',', 0, FREQ_YTD_MONTHLY,
	    {0, "2023-M01-M11=1100 2023-M01-M12=1200 2024-M01-M02=210", NULL,
		{NULL}}}},
    {"年份",
	{{"GDP 一季度, 上半年, 前三季度, 全年",
	     "年份,季度,GDP\n2023,一季度,250\n2023,上半年,520\n2023,前三季度,"
	     "790\n"
	     "2023,1-4季度,1060\n",
	     NULL},
	    "季度", "GDP", ',', 0, FREQ_YTD_QUARTERLY,
	    {0,
		"2023-Q1-Q1=250 2023-Q1-Q2=520 2023-Q1-Q3=790 "
		"2023-Q1-Q4=1060",
		NULL, {NULL}}}},
    {"y",
	{{"no year for a period that names none",
	     "y,p,v\n,1-11月,1\n2023,2023年1-12月,2\n", NULL},
	    "p", "v", ',', 0, FREQ_YTD_MONTHLY,
	    {-1, NULL, "1 of 2 rows rejected",
		{"row 2, column p: period {1-11月}"}}}},
    {NULL,
	{{"no year column", "p,v\n1-11月,1\n", NULL}, "p", "v", ',', 0,
	    FREQ_YTD_MONTHLY,
	    {-1, NULL, "1 of 1 rows rejected",
		{"row 2, column p: period {1-11月}"}}}},
    {"y",
	{{"years that are not years", "y,p,v\n2023-Q1,1-11月,1\nabc,1-12月,2\n",
	     NULL},
	    "p", "v", ',', 0, FREQ_YTD_MONTHLY,
	    {-1, NULL, "2 of 2 rows rejected",
		{"row 2, column y: year \"2023-Q1\" is not a year",
		    "row 3, column y: year {abc}"}}}},
    {"y",
	{{"the year and the period disagree", "y,p,v\n2023,2024年1-2月,1\n",
	     NULL},
	    "p", "v", ',', 0, FREQ_YTD_MONTHLY,
	    {-1, NULL, "1 of 1 rows rejected",
		{"row 2, column p: period \"2024年1-2月\": year 2024, but the "
		 "year "
		 "given with it is 2023"}}}},
    {NULL,
	{{"a cumulative period is no month", "p,v\n2023年1-9月,1\n2023-09,2\n",
	     NULL},
	    "p", "v", ',', 0, FREQ_MONTHLY,
	    {-1, NULL, "1 of 2 rows rejected",
		{"row 2, column p: period 2023-M01-M09 is ytd_monthly, the "
		 "indicator "
		 "is monthly"}}}},
    {NULL,
	{{"a month is no cumulative quarter", "p,v\n2023-09,1\n", NULL}, "p",
	    "v", ',', 0, FREQ_YTD_QUARTERLY,
	    {-1, NULL, "1 of 1 rows rejected",
		{"row 2, column p: period 2023-09 is monthly, the indicator is "
		 "ytd_quarterly"}}}},
    {"年份",
	{{"a year column that is not there", "p,v\n1-11月,1\n", NULL}, "p", "v",
	    ',', 0, FREQ_YTD_MONTHLY,
	    {-1, NULL,
		"year: no column is called \"年份\" (the header has 2 columns, "
		"the "
		"first \"p\")",
		{NULL}}}},
};

static void
run_case(const struct csv_case *c, const char *year)
{
	struct feed_selector sel = {.period = (char *)c->period,
	    .value = (char *)c->value,
	    .year = (char *)year,
	    .delimiter = c->delimiter,
	    .thousands = c->thousands};

	parser_case_run(&suite, &c->doc, &sel, c->freq, &c->want);
}

static void
test_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++)
		run_case(&cases[i], NULL);
	for (size_t i = 0; i < NELEM(year_cases); i++)
		run_case(&year_cases[i].c, year_cases[i].year);
}

/* check() says the same as select() about a selector. */
static void
test_check(void **state)
{
	struct feed_selector sel = {.period = "y", .value = "v"};
	char err[256];

	(void)state;
	assert_int_equal(csv_feed_format.check(&sel, err, sizeof(err)), 0);
	sel.delimiter = ';';
	sel.thousands = ',';
	assert_int_equal(csv_feed_format.check(&sel, err, sizeof(err)), 0);
	sel.delimiter = '\0';
	assert_int_equal(csv_feed_format.check(&sel, err, sizeof(err)), -1);
	assert_string_equal(
	    err, "the thousands separator and the delimiter are both ','");
	sel.delimiter = '\t';
	sel.thousands = '_';
	assert_int_equal(csv_feed_format.check(&sel, err, sizeof(err)), 0);
	sel.value = NULL;
	assert_int_equal(csv_feed_format.check(&sel, err, sizeof(err)), -1);
}

/* One document, loaded once, feeds several indicators and delimiters. */
static void
test_one_doc_many_selects(void **state)
{
	struct feed_selector gdp = {.period = "年份", .value = GDP},
			     pop = {.period = "1", .value = POP},
			     tab = {.period = "1",
				 .value = "2",
				 .delimiter = '\t'};
	struct obs_list out = {0};
	struct feed_doc *doc;
	char err[256];
	size_t len;
	char *buf = parser_case_fixture(&suite, "cangshan.csv", &len);

	(void)state;
	doc = csv_feed_format.load(buf, len, err, sizeof(err));
	assert_non_null(doc);
	/* The document keeps its own copy of the text. */
	memset(buf, 'x', len);
	free(buf);
	for (int round = 0; round < 2; round++) {
		assert_int_equal(csv_feed_format.select(doc, &gdp, FREQ_ANNUAL,
				     &out, NULL, NULL, err, sizeof(err)),
		    0);
		assert_int_equal(out.n, 5);
		assert_true(out.v[4].value == 1048.97);
		obs_list_clear(&out);
		assert_int_equal(csv_feed_format.select(doc, &pop, FREQ_ANNUAL,
				     &out, NULL, NULL, err, sizeof(err)),
		    0);
		assert_int_equal(out.n, 4);
		assert_true(out.v[3].value == 83.0);
		obs_list_clear(&out);
		/* Tab-separated, the header is one column. */
		assert_int_equal(csv_feed_format.select(doc, &tab, FREQ_ANNUAL,
				     &out, NULL, NULL, err, sizeof(err)),
		    -1);
		assert_string_equal(err,
		    "value: column 2 is out of range (the header has 1 "
		    "column)");
	}
	/* More delimiters than the cache holds: the note row has no
	 * period, whatever the delimiter. */
	for (const char *d = ";|:! \t,"; *d != '\0'; d++) {
		tab.delimiter = *d;
		tab.value = "1";
		assert_int_equal(csv_feed_format.select(doc, &tab, FREQ_ANNUAL,
				     &out, NULL, NULL, err, sizeof(err)),
		    -1);
		assert_int_equal(out.n, 0);
	}
	assert_int_equal(csv_feed_format.select(doc, &gdp, FREQ_ANNUAL, &out,
			     NULL, NULL, err, sizeof(err)),
	    0);
	assert_int_equal(out.n, 5);
	obs_list_clear(&out);
	csv_feed_format.free(doc);
	csv_feed_format.free(NULL);
}

/* A document is read from (buf, len), not up to a NUL. */
static void
test_length(void **state)
{
	struct feed_selector sel = {.period = "y", .value = "v"};
	const char *doc = "y,v\n2021,1\n2022,2\n";
	struct obs_list out = {0};
	char err[256];

	(void)state;
	assert_int_equal(feed_parse(&csv_feed_format, doc, 11, &sel,
			     FREQ_ANNUAL, &out, NULL, NULL, err, sizeof(err)),
	    0);
	assert_int_equal(out.n, 1);
	assert_true(out.v[0].value == 1);
	obs_list_clear(&out);
}

/* A NUL byte is not text. */
static void
test_nul(void **state)
{
	struct feed_selector sel = {.period = "y", .value = "v"};
	const char doc[] = "y,v\n2021,1\0\n";
	struct obs_list out = {0};
	char err[256];

	(void)state;
	assert_int_equal(
	    feed_parse(&csv_feed_format, doc, sizeof(doc) - 1, &sel,
		FREQ_ANNUAL, &out, NULL, NULL, err, sizeof(err)),
	    -1);
	assert_string_equal(err, "line 2: a NUL byte (not a text file?)");
	/* The table loader refuses it too (sdmx-csv calls it directly). */
	assert_null(
	    csv_table_load(doc, sizeof(doc) - 1, ',', err, sizeof(err)));
	assert_string_equal(
	    err, "line 2: a NUL byte in a field (not a text file?)");
}

/* Without a reject callback the outcome is the same. */
static void
test_no_callback(void **state)
{
	struct feed_selector sel = {.period = "y", .value = "v"};
	const char *doc = "y,v\n2021,x\n";
	struct obs_list out = {0};
	char err[256];

	(void)state;
	assert_int_equal(feed_parse(&csv_feed_format, doc, strlen(doc), &sel,
			     FREQ_ANNUAL, &out, NULL, NULL, err, sizeof(err)),
	    -1);
	assert_string_equal(err, "1 of 1 rows rejected");
	assert_int_equal(out.n, 0);
	obs_list_clear(&out);
}

/* Numbers and marks, directly. */
static void
test_number(void **state)
{
	double d;

	(void)state;
	assert_int_equal(csv_rows_number("1,234,567.25", ',', false, &d), 0);
	assert_true(d == 1234567.25);
	assert_int_equal(csv_rows_number("-1 234", ' ', false, &d), 0);
	assert_true(d == -1234);
	assert_int_equal(csv_rows_number("12,4", '\0', true, &d), 0);
	assert_true(d == 12.4);
	assert_int_equal(csv_rows_number("12.4", '\0', true, &d), 0);
	assert_true(d == 12.4);
	assert_int_equal(csv_rows_number("1.234,5", '\0', true, &d), -1);
	assert_int_equal(csv_rows_number("1,2,3", '\0', true, &d), -1);
	assert_int_equal(csv_rows_number("12,4", '\0', false, &d), -1);
	assert_int_equal(csv_rows_number("", '\0', false, &d), -1);
	assert_int_equal(csv_rows_number("-", '\0', false, &d), -1);
	assert_int_equal(csv_rows_number("e5", '\0', false, &d), -1);
	assert_int_equal(csv_rows_number("1e5", '\0', false, &d), 0);
	assert_true(d == 100000);
	/* Out of a double's range either way: refused, not inf or 0. */
	assert_int_equal(csv_rows_number("1e400", '\0', false, &d), -1);
	assert_int_equal(csv_rows_number("1e-400", '\0', false, &d), -1);
	assert_int_equal(csv_rows_number("-1e-400", '\0', false, &d), -1);
	assert_int_equal(csv_rows_number("0e-400", '\0', false, &d), 0);
	assert_true(d == 0);
	assert_int_equal(csv_rows_number("1e-300", '\0', false, &d), 0);
	assert_true(d == 1e-300);
	assert_true(csv_rows_missing(" N/a "));
	assert_false(csv_rows_missing("\"\""));
	assert_false(csv_rows_missing("nan"));
	assert_false(csv_rows_missing("..."));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cases),
	    cmocka_unit_test(test_check),
	    cmocka_unit_test(test_one_doc_many_selects),
	    cmocka_unit_test(test_length),
	    cmocka_unit_test(test_nul),
	    cmocka_unit_test(test_no_callback),
	    cmocka_unit_test(test_number),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_nbs: the NBS easyquery format.  Cases are a table of document ->
 * expected observations, compared exactly (period and value with ==), or
 * -> expected error and reject messages (substrings, in order).  Inline
 * documents are written with ' for "; fixtures, shaped like the answers
 * of data.stats.gov.cn (Chinese names, units, time nodes), live in
 * $PW_FIXTURES/nbs.  Every call starts from a list that already holds
 * 1990=7, to check that observations are appended and that the list is
 * left as it was on -1.
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

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_REJECTS 8
#define MAX_EXPECT 16
#define MAX_DIMS 3
#define FIXTURE_MAX (1024 * 1024)

struct expect_obs {
	const char *period; /* canonical text; NULL ends the list */
	double value;
};

struct nbs_case {
	const char *name;
	const char *doc; /* inline, ' for " */
	const char *file; /* or a fixture under nbs/ */
	const char *series[2 * MAX_DIMS + 1]; /* key, value, ..., NULL */
	enum freq freq;
	int rc;
	struct expect_obs expect[MAX_EXPECT]; /* rc 0: what was added */
	const char *err; /* rc -1: a substring of err */
	const char *rejects[MAX_REJECTS]; /* substrings, in order */
};

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
#define ZB "zb", "A020101"

static const struct nbs_case nbs_cases[] = {
    /* good answers */
    {"annual GDP, the latest year unpublished", NULL, "gdp_annual.json",
	{ZB, NULL}, FREQ_ANNUAL, 0,
	{{"2019", 986515.2}, {"2020", 1013567.0}, {"2021", 1149237.0},
	    {"2022", 1204724.0}, {"2023", 1260582.1}, {NULL, 0}},
	NULL, {NULL}},
    {"the other indicator of the answer", NULL, "gdp_annual.json",
	{"zb", "A020102", NULL}, FREQ_ANNUAL, 0,
	{{"2019", 70473.6}, {"2020", 77754.1}, {"2021", 83216.5},
	    {"2022", 88207.0}, {"2023", 89755.2}, {NULL, 0}},
	NULL, {NULL}},
    {"quarters 2021A..2022D", NULL, "gdp_quarterly.json",
	{"zb", "A010101", NULL}, FREQ_QUARTERLY, 0,
	{{"2021-Q1", 247984.0}, {"2021-Q2", 282857.4}, {"2021-Q3", 290964.4},
	    {"2021-Q4", 327042.4}, {"2022-Q1", 270178.0}, {"2022-Q2", 292464.1},
	    {"2022-Q3", 307627.2}, {"2022-Q4", 335508.1}, {NULL, 0}},
	NULL, {NULL}},
    {"months: strdata, the published figure, not data", NULL,
	"cpi_monthly.json", {"zb", "A01010101", NULL}, FREQ_MONTHLY, 0,
	{{"2021-07", 101.0}, {"2021-08", 100.8}, {"2021-09", 100.7},
	    {"2021-10", 101.5}, {"2021-11", 102.3}, {"2021-12", 101.5},
	    {NULL, 0}},
	NULL, {NULL}},
    {"a province", NULL, "province_gdp.json", {ZB, "reg", "350000", NULL},
	FREQ_ANNUAL, 0,
	{{"2021", 48810.4}, {"2022", 53109.9}, {"2023", 54355.1}, {NULL, 0}},
	NULL, {NULL}},
    {"another province, dimensions in another order", NULL, "province_gdp.json",
	{"reg", "330000", ZB, NULL}, FREQ_ANNUAL, 0,
	{{"2021", 73516.0}, {"2022", 77715.4}, {"2023", 82553.2}, {NULL, 0}},
	NULL, {NULL}},
    {"no published value: no observations",
	ANSWER(NODE("A020101", "2024", "false", "0", "''") ", " NODE(
	    "A020101", "2025", "false", "0", "''")),
	NULL, {ZB, NULL}, FREQ_ANNUAL, 0, {{NULL, 0}}, NULL, {NULL}},
    {"strdata empty: data",
	ANSWER(NODE("A020101", "2021", "true", "1149237.0", "''")), NULL,
	{ZB, NULL}, FREQ_ANNUAL, 0, {{"2021", 1149237.0}, {NULL, 0}}, NULL,
	{NULL}},
    {"strdata missing: data",
	"{'returncode': 200, 'returndata': {'datanodes': [{'data': {'data': "
	"-2.5, 'hasdata': true}, 'wds': [{'wdcode': 'zb', 'valuecode': "
	"'A020101'}, {'wdcode': 'sj', 'valuecode': '2021'}]}]}}",
	NULL, {ZB, NULL}, FREQ_ANNUAL, 0, {{"2021", -2.5}, {NULL, 0}}, NULL,
	{NULL}},
    {"the same value twice is one",
	ANSWER(NODE("A020101", "2021", "true", "5", "'5'") ", " NODE("A020101",
	    "2020", "true", "4",
	    "'4'") ", " NODE("A020101", "2021", "true", "5.0", "'5.0'")),
	NULL, {ZB, NULL}, FREQ_ANNUAL, 0, {{"2020", 4}, {"2021", 5}, {NULL, 0}},
	NULL, {NULL}},
    {"out of order is sorted",
	ANSWER(NODE("A020101", "2019", "true", "1", "'1'") ", " NODE("A020101",
	    "2021", "true", "3",
	    "'3'") ", " NODE("A020101", "2020", "true", "2", "'2'")),
	NULL, {ZB, NULL}, FREQ_ANNUAL, 0,
	{{"2019", 1}, {"2020", 2}, {"2021", 3}, {NULL, 0}}, NULL, {NULL}},
    {"other series' odd nodes are ignored",
	ANSWER(NODE("A020199", "20211", "'yes'", "'x'", "7") ", " NODE(
	    "A020101", "2021", "true", "1", "'1e3'")),
	NULL, {ZB, NULL}, FREQ_ANNUAL, 0, {{"2021", 1000}, {NULL, 0}}, NULL,
	{NULL}},
    {"no wdnodes: the data nodes say the dimensions",
	"{'returncode': 200, 'returndata': {'datanodes': [" NODE(
	    "A020101", "2021", "true", "1", "'1'") "]}}",
	NULL, {ZB, NULL}, FREQ_ANNUAL, 0, {{"2021", 1}, {NULL, 0}}, NULL,
	{NULL}},

    /* refusals and documents that are not answers */
    {"returncode 501", NULL, "error_501.json", {ZB, NULL}, FREQ_ANNUAL, -1,
	{{NULL, 0}}, "NBS returncode 501: 对不起，未能找到符合条件的数据",
	{NULL}},
    {"returncode without text", "{'returncode': 404}", NULL, {ZB, NULL},
	FREQ_ANNUAL, -1, {{NULL, 0}}, "NBS returncode 404", {NULL}},
    {"returncode a string", "{'returncode': '200', 'returndata': {}}", NULL,
	{ZB, NULL}, FREQ_ANNUAL, -1, {{NULL, 0}},
	"not an NBS answer: returncode is a string, not a number", {NULL}},
    {"no returncode", "{'returndata': {'datanodes': []}}", NULL, {ZB, NULL},
	FREQ_ANNUAL, -1, {{NULL, 0}},
	"not an NBS answer: returncode is missing, not a number", {NULL}},
    {"an array", "[]", NULL, {ZB, NULL}, FREQ_ANNUAL, -1, {{NULL, 0}},
	"not an NBS answer: the document is an array, not an object", {NULL}},
    {"no datanodes", "{'returncode': 200, 'returndata': {'wdnodes': []}}", NULL,
	{ZB, NULL}, FREQ_ANNUAL, -1, {{NULL, 0}},
	"not an NBS answer: returndata has no datanodes array", {NULL}},
    {"returndata a string", "{'returncode': 200, 'returndata': 'ok'}", NULL,
	{ZB, NULL}, FREQ_ANNUAL, -1, {{NULL, 0}},
	"returndata has no datanodes array", {NULL}},
    {"wdnodes not an array",
	"{'returncode': 200, 'returndata': {'datanodes': [], 'wdnodes': {}}}",
	NULL, {ZB, NULL}, FREQ_ANNUAL, -1, {{NULL, 0}},
	"not an NBS answer: wdnodes is an object", {NULL}},
    {"truncated", NULL, "truncated.json", {ZB, NULL}, FREQ_ANNUAL, -1,
	{{NULL, 0}}, "line 5 column 6: premature end of input", {NULL}},
    {"not JSON", "<html>请稍后再试</html>", NULL, {ZB, NULL}, FREQ_ANNUAL, -1,
	{{NULL, 0}}, "line 1 column 1:", {NULL}},
    {"duplicate keys", "{'returncode': 200, 'returncode': 200}", NULL,
	{ZB, NULL}, FREQ_ANNUAL, -1, {{NULL, 0}}, "duplicate object key",
	{NULL}},

    /* selectors that do not pick one series */
    {"a dimension left out", NULL, "province_gdp.json", {ZB, NULL}, FREQ_ANNUAL,
	-1, {{NULL, 0}},
	"series does not name dimension reg (地区): name one of its codes, "
	"e.g. reg: 350000",
	{NULL}},
    {"a dimension left out, no wdnodes",
	"{'returncode': 200, 'returndata': {'datanodes': [{'data': {'data': "
	"1, 'hasdata': true}, 'wds': [{'wdcode': 'zb', 'valuecode': "
	"'A020101'}, {'wdcode': 'reg', 'valuecode': '350000'}, {'wdcode': "
	"'sj', 'valuecode': '2021'}]}]}}",
	NULL, {ZB, NULL}, FREQ_ANNUAL, -1, {{NULL, 0}},
	"series does not name dimension reg: name one of its codes", {NULL}},
    {"an unknown indicator", NULL, "gdp_annual.json", {"zb", "A020199", NULL},
	FREQ_ANNUAL, -1, {{NULL, 0}},
	"no data node for zb A020199 among the answer's 12 data nodes (its "
	"zb codes are A020101 国内生产总值, A020102 第一产业增加值)",
	{NULL}},
    {"an unknown region", NULL, "province_gdp.json",
	{ZB, "reg", "350104", NULL}, FREQ_ANNUAL, -1, {{NULL, 0}},
	"no data node for zb A020101, reg 350104 among the answer's 6 data "
	"nodes (its reg codes are 350000 福建省, 330000 浙江省)",
	{NULL}},
    {"a dimension the answer lacks", NULL, "gdp_annual.json",
	{ZB, "reg", "350000", NULL}, FREQ_ANNUAL, -1, {{NULL, 0}},
	"no data node for zb A020101, reg 350000 among the answer's 12 data "
	"nodes (the answer has no dimension reg)",
	{NULL}},
    {"no data nodes at all",
	"{'returncode': 200, 'returndata': {'datanodes': []}}", NULL,
	{ZB, NULL}, FREQ_ANNUAL, -1, {{NULL, 0}},
	"no data node for zb A020101 among the answer's 0 data nodes", {NULL}},

    /* rejected nodes */
    {"two values for one period",
	ANSWER(NODE("A020101", "2021", "true", "5", "'5'") ", " NODE(
	    "A020101", "2021", "true", "6", "'6'")),
	NULL, {ZB, NULL}, FREQ_ANNUAL, -1, {{NULL, 0}},
	"1 of 2 data nodes rejected",
	{"data node 1 (period 2021): another value for the period of data "
	 "node 0: 6, not 5"}},
    {"annual nodes for a quarterly indicator", NULL, "gdp_annual.json",
	{ZB, NULL}, FREQ_QUARTERLY, -1, {{NULL, 0}},
	"5 of 12 data nodes rejected",
	{"data node 1: period 2023 is annual, the indicator is quarterly",
	    "data node 2: period 2022 is annual",
	    "data node 3: period 2021 is annual",
	    "data node 4: period 2020 is annual",
	    "data node 5: period 2019 is annual"}},
    {"cumulative (累计) values: a month code names January through it",
	ANSWER(NODE("A020101", "202402", "true", "210", "'210'") ", " NODE(
	    "A020101", "202312", "true", "1200", "'1200'")),
	NULL, {ZB, NULL}, FREQ_YTD_MONTHLY, 0,
	{{"2023-M01-M12", 1200}, {"2024-M01-M02", 210}, {NULL, 0}}, NULL,
	{NULL}},
    {"cumulative quarters: 2023C is 前三季度",
	ANSWER(NODE("A020101", "2023C", "true", "790", "'790'") ", " NODE(
	    "A020101", "2023D", "true", "1060", "'1060'")),
	NULL, {ZB, NULL}, FREQ_YTD_QUARTERLY, 0,
	{{"2023-Q1-Q3", 790}, {"2023-Q1-Q4", 1060}, {NULL, 0}}, NULL, {NULL}},
    {"bad time codes",
	ANSWER(NODE("A020101", "20211", "true", "1", "'1'") ", " NODE("A020101",
	    "2021E", "true", "2",
	    "'2'") ", " NODE("A020101", "202113", "true", "3", "'3'")),
	NULL, {ZB, NULL}, FREQ_MONTHLY, -1, {{NULL, 0}},
	"3 of 3 data nodes rejected",
	{"data node 0: sj \"20211\": not a period",
	    "data node 1: sj \"2021E\": not a period",
	    "data node 2: sj \"202113\": month 13 out of range"}},
    {"values that are not numbers",
	ANSWER(NODE("A020101", "2019", "true", "1", "'—'") ", " NODE(
	    "A020101", "2020", "true", "2", "'1,065'") ", " NODE("A020101",
	    "2021", "true", "'3'", "''") ", " NODE("A020101", "2022", "true",
	    "4", "4") ", " NODE("A020101", "2023", "true", "5", "'inf'")),
	NULL, {ZB, NULL}, FREQ_ANNUAL, -1, {{NULL, 0}},
	"5 of 5 data nodes rejected",
	{"data node 0 (period 2019): strdata \"—\" is not a number",
	    "data node 1 (period 2020): strdata \"1,065\" is not a number",
	    "data node 2 (period 2021): no value: strdata is empty and data "
	    "is a string",
	    "data node 3 (period 2022): strdata is a number, not a string",
	    "data node 4 (period 2023): strdata \"inf\" is not a number"}},
    {"hasdata not a boolean",
	ANSWER(NODE("A020101", "2021", "1", "1", "'1'") ", " NODE(
	    "A020101", "2022", "null", "1", "'1'")),
	NULL, {ZB, NULL}, FREQ_ANNUAL, -1, {{NULL, 0}},
	"2 of 2 data nodes rejected",
	{"data node 0: hasdata is a number, not true or false",
	    "data node 1: hasdata is null, not true or false"}},
    {"nodes that say no series",
	"{'returncode': 200, 'returndata': {'datanodes': [5, {}, "
	"{'wds': [{'wdcode': 'zb'}]}, "
	"{'wds': [{'wdcode': 'zb', 'valuecode': 'A020101'}]}, "
	"{'wds': [{'wdcode': 'zb', 'valuecode': 'A020101'}, {'wdcode': 'zb', "
	"'valuecode': 'A020101'}]}, "
	"{'wds': [{'wdcode': 'sj', 'valuecode': '2021'}, {'wdcode': 'sj', "
	"'valuecode': '2021'}]}, "
	"{'wds': [{'wdcode': 'zb', 'valuecode': 'A020101'}, {'wdcode': 'sj', "
	"'valuecode': '2021'}]}]}}",
	NULL, {ZB, NULL}, FREQ_ANNUAL, -1, {{NULL, 0}},
	"7 of 7 data nodes rejected",
	{"data node 0: data node is a number, not an object",
	    "data node 1: no wds array",
	    "data node 2: wds 0 has no wdcode or valuecode string",
	    "data node 3: no sj (time) code in wds",
	    "data node 4: zb appears twice in wds",
	    "data node 5: sj appears twice in wds",
	    "data node 6: no data object"}},
    {"too many dimensions",
	"{'returncode': 200, 'returndata': {'datanodes': [{'wds': ["
	"{'wdcode': 'a', 'valuecode': '1'}, {'wdcode': 'b', 'valuecode': '1'},"
	"{'wdcode': 'c', 'valuecode': '1'}, {'wdcode': 'd', 'valuecode': '1'},"
	"{'wdcode': 'e', 'valuecode': '1'}, {'wdcode': 'f', 'valuecode': '1'},"
	"{'wdcode': 'g', 'valuecode': '1'}, {'wdcode': 'h', 'valuecode': '1'},"
	"{'wdcode': 'i', 'valuecode': '1'}]}]}}",
	NULL, {ZB, NULL}, FREQ_ANNUAL, -1, {{NULL, 0}},
	"1 of 1 data nodes rejected", {"data node 0: more than 8 dimensions"}},
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

/* Reads a fixture under $PW_FIXTURES/nbs. */
static char *
fixture(const char *name, size_t *len)
{
	const char *dir = getenv("PW_FIXTURES");
	char path[1024], *buf = malloc(FIXTURE_MAX);
	FILE *f;

	assert_non_null(buf);
	snprintf(path, sizeof(path), "%s/nbs/%s", dir ? dir : "tests/fixtures",
	    name);
	if ((f = fopen(path, "rb")) == NULL)
		fail_msg("%s: cannot open", path);
	*len = fread(buf, 1, FIXTURE_MAX, f);
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

static void
check_rejects(const struct nbs_case *c, const struct rejects *r)
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

/* Checks out = 1990=7 followed by exactly the expected observations. */
static void
check_obs(const struct nbs_case *c, const struct obs_list *out)
{
	char text[PERIOD_TEXT_MAX];
	size_t n = 0;

	if (out->n < 1 || out->v[0].period.year != 1990 || out->v[0].value != 7)
		fail_msg("%s: the list's earlier content changed", c->name);
	while (n < MAX_EXPECT && c->expect[n].period != NULL)
		n++;
	if (out->n - 1 != n)
		fail_msg(
		    "%s: %zu observations, want %zu", c->name, out->n - 1, n);
	for (size_t i = 0; i < n; i++) {
		const struct obs *o = &out->v[i + 1];

		period_format(&o->period, text, sizeof(text));
		if (strcmp(text, c->expect[i].period) != 0 ||
		    o->value != c->expect[i].value)
			fail_msg("%s: observation %zu is %s=%.17g, want "
				 "%s=%.17g",
			    c->name, i, text, o->value, c->expect[i].period,
			    c->expect[i].value);
	}
}

static void
run_case(const struct nbs_case *c)
{
	struct period seed = {FREQ_ANNUAL, 1990, 0};
	struct rejects r = {{NULL}, 0};
	struct obs_list out = {0};
	struct feed_dim dims[MAX_DIMS];
	struct feed_selector sel = {.series = dims};
	char err[512] = "";
	size_t len;
	char *buf;
	int rc;

	for (size_t i = 0; c->series[2 * i] != NULL; i++)
		dims[sel.nseries++] = (struct feed_dim){
		    (char *)c->series[2 * i], (char *)c->series[2 * i + 1]};
	buf = c->file ? fixture(c->file, &len) : inline_doc(c->doc, &len);
	assert_int_equal(nbs_format.check(&sel, err, sizeof(err)), 0);
	assert_int_equal(obs_list_add(&out, &seed, 7), 0);
	rc = feed_parse(&nbs_format, buf, len, &sel, c->freq, &out, reject_cb,
	    &r, err, sizeof(err));
	if (rc != c->rc)
		fail_msg(
		    "%s: rc %d, want %d (err \"%s\")", c->name, rc, c->rc, err);
	check_rejects(c, &r);
	if (rc == 0)
		check_obs(c, &out);
	else {
		if (out.n != 1 || out.v[0].value != 7)
			fail_msg("%s: the list changed on -1", c->name);
		if (strstr(err, c->err) == NULL)
			fail_msg("%s: err \"%s\" lacks \"%s\"", c->name, err,
			    c->err);
	}
	rejects_clear(&r);
	obs_list_clear(&out);
	free(buf);
}

static void
test_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(nbs_cases); i++)
		run_case(&nbs_cases[i]);
}

static void
test_check(void **state)
{
	struct {
		struct feed_dim dims[3];
		size_t n;
		const char *value;
		const char *err; /* NULL: accepted */
	} cases[] = {
	    {{{"zb", "A020101"}}, 1, NULL, NULL},
	    {{{"zb", "A020101"}, {"reg", "350000"}}, 2, NULL, NULL},
	    {{{NULL, NULL}}, 0, NULL,
		"series must name every dimension but time, e.g. zb: "
		"A020101"},
	    {{{"zb", "A020101"}, {"sj", "2021"}}, 2, NULL,
		"series: sj is the time dimension, which the format reads "
		"itself"},
	    {{{"zb", "A020101"}, {"zb", "A020102"}}, 2, NULL,
		"series: zb is given twice"},
	    {{{"zb", ""}}, 1, NULL, "series: zb is empty"},
	    {{{"zb", "A020101"}}, 1, "/data",
		"the nbs format reads only series, not observations, period "
		"or value"},
	};
	char err[256];

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct feed_selector sel = {.series = cases[i].dims,
		    .nseries = cases[i].n,
		    .value = (char *)cases[i].value};
		int rc = nbs_format.check(&sel, err, sizeof(err));

		if (cases[i].err == NULL) {
			if (rc != 0)
				fail_msg("case %zu: %s", i, err);
			continue;
		}
		assert_int_equal(rc, -1);
		assert_string_equal(err, cases[i].err);
	}
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
	char *buf = fixture("gdp_annual.json", &len), err[256];

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

	buf = fixture("gdp_annual.json", &len);
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

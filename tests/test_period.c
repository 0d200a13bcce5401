/*
 * test_period: periods (every accepted text form and every rejection,
 * instants and year fractions per frequency including leap years, the
 * inverse period_from_end, formatting round trips, ordering) and the
 * observation lists built on them (sorting keeps the last duplicate).
 * Expected instants are literal Unix seconds, not computed with timegm.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "obs.h"
#include "period.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* cmocka 1.1.5 has no assert_double_equal. */
static void
assert_near(double got, double want, double eps, const char *what)
{
	if (fabs(got - want) > eps)
		fail_msg("%s: %.17g, want %.17g", what, got, want);
}

struct accept_case {
	const char *text;
	enum freq freq;
	int year;
	int sub;
	const char *canonical;
};

static const struct accept_case accept_cases[] = {
    {"2021", FREQ_ANNUAL, 2021, 0, "2021"},
    {"  2021\t", FREQ_ANNUAL, 2021, 0, "2021"},
    {"1000", FREQ_ANNUAL, 1000, 0, "1000"},
    {"9999", FREQ_ANNUAL, 9999, 0, "9999"},
    {"2021-Q3", FREQ_QUARTERLY, 2021, 3, "2021-Q3"},
    {"2021Q3", FREQ_QUARTERLY, 2021, 3, "2021-Q3"},
    {" 2021-Q4\r\n", FREQ_QUARTERLY, 2021, 4, "2021-Q4"},
    {"2021-Q1", FREQ_QUARTERLY, 2021, 1, "2021-Q1"},
    {"2021A", FREQ_QUARTERLY, 2021, 1, "2021-Q1"},
    {"2021B", FREQ_QUARTERLY, 2021, 2, "2021-Q2"},
    {"2021C", FREQ_QUARTERLY, 2021, 3, "2021-Q3"},
    {"2021D", FREQ_QUARTERLY, 2021, 4, "2021-Q4"},
    {"2021-07", FREQ_MONTHLY, 2021, 7, "2021-07"},
    {"2021-M07", FREQ_MONTHLY, 2021, 7, "2021-07"},
    {"202107", FREQ_MONTHLY, 2021, 7, "2021-07"},
    {"2021-01", FREQ_MONTHLY, 2021, 1, "2021-01"},
    {"2021-M12", FREQ_MONTHLY, 2021, 12, "2021-12"},
    {"202112", FREQ_MONTHLY, 2021, 12, "2021-12"},
    {"2021-07-15", FREQ_DAILY, 2021, 196, "2021-07-15"},
    {"2021-01-01", FREQ_DAILY, 2021, 1, "2021-01-01"},
    {"2021-12-31", FREQ_DAILY, 2021, 365, "2021-12-31"},
    {"2020-12-31", FREQ_DAILY, 2020, 366, "2020-12-31"},
    {"2020-02-29", FREQ_DAILY, 2020, 60, "2020-02-29"},
    {"2000-02-29", FREQ_DAILY, 2000, 60, "2000-02-29"},
    {"\t2021-03-01 ", FREQ_DAILY, 2021, 60, "2021-03-01"},
};

struct reject_case {
	const char *text;
	const char *msg; /* a substring of the message */
};

static const struct reject_case reject_cases[] = {
    {"2021-13", "\"2021-13\": month 13 out of range"},
    {"2021-00", "\"2021-00\": month 0 out of range"},
    {"2021-M13", "\"2021-M13\": month 13 out of range"},
    {"202113", "\"202113\": month 13 out of range"},
    {"2021-Q5", "\"2021-Q5\": quarter 5 out of range"},
    {"2021Q0", "\"2021Q0\": quarter 0 out of range"},
    {"2021-02-30", "\"2021-02-30\": day 30 out of range"},
    {"2021-02-29", "day 29 out of range (2021-02 has 28 days)"},
    {"1900-02-29", "day 29 out of range (1900-02 has 28 days)"},
    {"2021-04-31", "day 31 out of range"},
    {"2021-07-00", "day 0 out of range"},
    {"2021-13-01", "month 13 out of range"},
    {"0999", "\"0999\": year 999 out of range"},
    {"0000-Q1", "year 0 out of range"},
    {"20211", "\"20211\": not a period"},
    {"2021-7x", "\"2021-7x\": not a period"},
    {"2021-7", "\"2021-7\": not a period"},
    {"2021-M7", "not a period"},
    {"2021M07", "not a period"},
    {"2021q3", "not a period"},
    {"2021E", "not a period"},
    {"2021a", "not a period"},
    {"999", "not a period"},
    {"12021", "not a period"},
    {"2021x", "\"2021x\": not a period"},
    {"2021 x", "\"2021 x\": not a period"},
    {"2021-Q3 trailing", "not a period"},
    {"2021-07-15T00:00:00Z", "not a period"},
    {"20210715", "not a period"},
    {"2021/07", "not a period"},
    {"-2021", "not a period"},
    {"", "empty period"},
    {" \t\n", "empty period"},
    {"this is a long piece of garbage that is not a period at all",
	"\"this is a long piece of garbage that is ...\": not a period"},
};

static void
test_parse_accepts(void **state)
{
	char err[256], text[PERIOD_TEXT_MAX];
	struct period p;

	(void)state;
	for (size_t i = 0; i < NELEM(accept_cases); i++) {
		const struct accept_case *c = &accept_cases[i];

		err[0] = '\0';
		if (period_parse(c->text, &p, err, sizeof(err)) != 0)
			fail_msg("\"%s\": %s", c->text, err);
		assert_int_equal(p.freq, c->freq);
		assert_int_equal(p.year, c->year);
		assert_int_equal(p.sub, c->sub);
		period_format(&p, text, sizeof(text));
		assert_string_equal(text, c->canonical);
	}
}

static void
test_parse_rejects(void **state)
{
	struct period p = {FREQ_MONTHLY, 1234, 5};
	char err[256];

	(void)state;
	for (size_t i = 0; i < NELEM(reject_cases); i++) {
		const struct reject_case *c = &reject_cases[i];

		err[0] = '\0';
		if (period_parse(c->text, &p, err, sizeof(err)) != -1)
			fail_msg("\"%s\" was accepted", c->text);
		if (strstr(err, c->msg) == NULL)
			fail_msg("\"%s\": message \"%s\" lacks \"%s\"", c->text,
			    err, c->msg);
	}
}

static void
test_parse_small_err(void **state)
{
	struct period p;
	char err[8];

	(void)state;
	assert_int_equal(period_parse("2021-13", &p, err, sizeof(err)), -1);
	assert_string_equal(err, "\"2021-1");
	assert_int_equal(period_parse("2021-13", &p, NULL, 0), -1);
}

static void
test_freq_names(void **state)
{
	static const char *const names[] = {
	    "annual", "quarterly", "monthly", "daily"};
	enum freq f;

	(void)state;
	for (size_t i = 0; i < NELEM(names); i++) {
		assert_string_equal(freq_name((enum freq)i), names[i]);
		assert_int_equal(freq_parse(names[i], &f), 0);
		assert_int_equal(f, (enum freq)i);
	}
	assert_int_equal(freq_parse("yearly", &f), -1);
	assert_int_equal(freq_parse("Annual", &f), -1);
	assert_int_equal(freq_parse("", &f), -1);
}

struct instant_case {
	const char *text;
	long long start;
	long long end;
	double years;
};

static const struct instant_case instant_cases[] = {
    {"2021", 1609459200, 1640995200, 2021.0},
    {"1970", 0, 31536000, 1970.0},
    {"2020", 1577836800, 1609459200, 2020.0},
    {"1000", -30610224000LL, -30578688000LL, 1000.0},
    {"2021-Q1", 1609459200, 1617235200, 2020.25},
    {"2021-Q3", 1625097600, 1633046400, 2020.75},
    {"2021-Q4", 1633046400, 1640995200, 2021.0},
    {"2021-01", 1609459200, 1612137600, 2020 + 1.0 / 12},
    {"2021-07", 1625097600, 1627776000, 2020 + 7.0 / 12},
    {"2021-12", 1638316800, 1640995200, 2021.0},
    {"2020-02", 1580515200, 1583020800, 2019 + 2.0 / 12},
    {"2021-07-15", 1626307200, 1626393600, 2020 + 196.0 / 365},
    {"2021-12-31", 1640908800, 1640995200, 2021.0},
    {"2020-12-31", 1609372800, 1609459200, 2020.0},
    {"2020-02-29", 1582934400, 1583020800, 2019 + 60.0 / 366},
    {"2020-03-01", 1583020800, 1583107200, 2019 + 61.0 / 366},
    {"1969-12-31", -86400, 0, 1969.0},
    {"9999-12-31", 253402214400LL, 253402300800LL, 9999.0},
};

static void
test_instants(void **state)
{
	struct period p;
	char err[256];

	(void)state;
	for (size_t i = 0; i < NELEM(instant_cases); i++) {
		const struct instant_case *c = &instant_cases[i];

		assert_int_equal(
		    period_parse(c->text, &p, err, sizeof(err)), 0);
		if ((long long)period_start(&p) != c->start ||
		    (long long)period_end(&p) != c->end)
			fail_msg("%s: start %lld end %lld, want %lld %lld",
			    c->text, (long long)period_start(&p),
			    (long long)period_end(&p), c->start, c->end);
		assert_near(period_years(&p), c->years, 1e-12, c->text);
	}
}

/* Calls fn for every period of every frequency in [from, to]. */
static void
each_period(int from, int to, void (*fn)(const struct period *))
{
	struct period p;

	for (p.year = from; p.year <= to; p.year++) {
		p.freq = FREQ_ANNUAL;
		p.sub = 0;
		fn(&p);
		p.freq = FREQ_QUARTERLY;
		for (p.sub = 1; p.sub <= 4; p.sub++)
			fn(&p);
		p.freq = FREQ_MONTHLY;
		for (p.sub = 1; p.sub <= 12; p.sub++)
			fn(&p);
		p.freq = FREQ_DAILY;
		for (p.sub = 1; p.sub <= 366; p.sub++) {
			if (p.sub == 366 &&
			    !(p.year % 4 == 0 &&
				(p.year % 100 != 0 || p.year % 400 == 0)))
				break;
			fn(&p);
		}
	}
}

static void
check_round_trip(const struct period *p)
{
	char text[PERIOD_TEXT_MAX], err[256];
	struct period q;

	period_format(p, text, sizeof(text));
	if (period_parse(text, &q, err, sizeof(err)) != 0)
		fail_msg("%s: %s", text, err);
	if (!period_equal(p, &q))
		fail_msg("%s did not round-trip", text);
}

static void
check_from_end(const struct period *p)
{
	char text[PERIOD_TEXT_MAX];
	struct period q;
	time_t end = period_end(p);

	period_format(p, text, sizeof(text));
	if (period_from_end(end, p->freq, &q) != 0 || !period_equal(p, &q))
		fail_msg("%s: period_from_end(period_end) differs", text);
	if (period_from_end(end - 1, p->freq, &q) != -1 ||
	    period_from_end(end + 1, p->freq, &q) != -1)
		fail_msg("%s: an instant off the boundary was accepted", text);
	if (period_start(p) >= end)
		fail_msg("%s: start is not before end", text);
	if (period_years(p) > p->year || period_years(p) <= p->year - 1)
		fail_msg("%s: years %f outside (%d, %d]", text, period_years(p),
		    p->year - 1, p->year);
}

static void
test_round_trip(void **state)
{
	(void)state;
	each_period(1999, 2001, check_round_trip);
	each_period(2019, 2021, check_round_trip);
	each_period(2099, 2100, check_round_trip);
	each_period(1000, 1000, check_round_trip);
	each_period(9999, 9999, check_round_trip);
}

static void
test_from_end_inverse(void **state)
{
	(void)state;
	each_period(1899, 1901, check_from_end);
	each_period(1968, 1971, check_from_end);
	each_period(2019, 2024, check_from_end);
	each_period(9998, 9999, check_from_end);
}

/* The number of periods of frequency freq in a year. */
static int
periods_in_year(enum freq freq, int year)
{
	bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);

	switch (freq) {
	case FREQ_ANNUAL:
		return 1;
	case FREQ_QUARTERLY:
		return 4;
	case FREQ_MONTHLY:
		return 12;
	case FREQ_DAILY:
		break;
	}
	return leap ? 366 : 365;
}

/* Consecutive periods of one frequency tile time and are ordered. */
static void
test_contiguous(void **state)
{
	struct period prev, p;
	char text[PERIOD_TEXT_MAX];

	(void)state;
	for (p.freq = FREQ_ANNUAL; p.freq <= FREQ_DAILY; p.freq++) {
		bool first = true;

		for (p.year = 1896; p.year <= 2030; p.year++) {
			int n = periods_in_year(p.freq, p.year);

			for (int k = 1; k <= n; k++) {
				p.sub = p.freq == FREQ_ANNUAL ? 0 : k;
				period_format(&p, text, sizeof(text));
				if (!first &&
				    (period_end(&prev) != period_start(&p) ||
					period_cmp(&prev, &p) >= 0))
					fail_msg("%s does not follow its "
						 "predecessor",
					    text);
				first = false;
				prev = p;
			}
		}
	}
}

struct from_end_case {
	const char *instant; /* "YYYY-MM-DD" or "YYYY-MM-DD hh:mm:ss", UTC */
	enum freq freq;
	const char *expect; /* NULL: -1 */
};

static const struct from_end_case from_end_cases[] = {
    {"2022-01-01", FREQ_ANNUAL, "2021"},
    {"2022-01-01", FREQ_QUARTERLY, "2021-Q4"},
    {"2022-01-01", FREQ_MONTHLY, "2021-12"},
    {"2022-01-01", FREQ_DAILY, "2021-12-31"},
    {"2021-07-01", FREQ_ANNUAL, NULL},
    {"2021-07-01", FREQ_QUARTERLY, "2021-Q2"},
    {"2021-07-01", FREQ_MONTHLY, "2021-06"},
    {"2021-07-01", FREQ_DAILY, "2021-06-30"},
    {"2021-08-01", FREQ_QUARTERLY, NULL},
    {"2021-08-01", FREQ_MONTHLY, "2021-07"},
    {"2021-07-15", FREQ_MONTHLY, NULL},
    {"2021-07-15", FREQ_DAILY, "2021-07-14"},
    {"2020-03-01", FREQ_DAILY, "2020-02-29"},
    {"2021-03-01", FREQ_DAILY, "2021-02-28"},
    {"2021-07-15 12:00:00", FREQ_DAILY, NULL},
    {"2021-07-15 00:00:01", FREQ_DAILY, NULL},
    {"1000-01-01", FREQ_ANNUAL, NULL},
    {"1000-01-01", FREQ_DAILY, NULL},
    {"1000-01-02", FREQ_DAILY, "1000-01-01"},
    {"10000-01-01", FREQ_ANNUAL, "9999"},
};

static time_t
utc(const char *text)
{
	struct tm tm;
	int n;

	memset(&tm, 0, sizeof(tm));
	n = sscanf(text, "%d-%d-%d %d:%d:%d", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec);
	assert_true(n == 3 || n == 6);
	tm.tm_year -= 1900;
	tm.tm_mon--;
	return timegm(&tm);
}

static void
test_from_end_cases(void **state)
{
	char text[PERIOD_TEXT_MAX];
	struct period p;

	(void)state;
	for (size_t i = 0; i < NELEM(from_end_cases); i++) {
		const struct from_end_case *c = &from_end_cases[i];
		int rc = period_from_end(utc(c->instant), c->freq, &p);

		if (c->expect == NULL) {
			if (rc != -1)
				fail_msg("%s %s: accepted", c->instant,
				    freq_name(c->freq));
			continue;
		}
		if (rc != 0)
			fail_msg(
			    "%s %s: rejected", c->instant, freq_name(c->freq));
		period_format(&p, text, sizeof(text));
		assert_string_equal(text, c->expect);
		assert_int_equal(p.freq, c->freq);
	}
}

struct cmp_case {
	const char *a, *b;
	int sign;
};

static const struct cmp_case cmp_cases[] = {
    {"2021", "2022", -1},
    {"2022", "2021", 1},
    {"2021", "2021", 0},
    {"2021-Q3", "2021Q3", 0},
    {"2021C", "2021-Q3", 0},
    {"2021-M07", "202107", 0},
    {"2021-Q3", "2021-Q4", -1},
    {"2020-Q4", "2021-Q1", -1},
    {"2021-12", "2022-01", -1},
    {"2021-07-15", "2021-07-16", -1},
    {"2020-12-31", "2021-01-01", -1},
    {"2021-Q3", "2021", -1},
    {"2020", "2021-Q1", -1},
    {"2021-07", "2021-Q3", -1},
    {"2021-10", "2021-Q3", 1},
    {"2021-06-30", "2021-Q2", 1},
    {"2021-06-29", "2021-Q2", -1},
    /* same end: the coarser period first */
    {"2021", "2021-Q4", -1},
    {"2021-Q4", "2021-12", -1},
    {"2021-12", "2021-12-31", -1},
    {"2021-12-31", "2021", 1},
};

static int
sign(int x)
{
	return (x > 0) - (x < 0);
}

static void
test_ordering(void **state)
{
	struct period a, b;
	char err[256];

	(void)state;
	for (size_t i = 0; i < NELEM(cmp_cases); i++) {
		const struct cmp_case *c = &cmp_cases[i];

		assert_int_equal(period_parse(c->a, &a, err, sizeof(err)), 0);
		assert_int_equal(period_parse(c->b, &b, err, sizeof(err)), 0);
		if (sign(period_cmp(&a, &b)) != c->sign)
			fail_msg("cmp(%s, %s) = %d, want %d", c->a, c->b,
			    period_cmp(&a, &b), c->sign);
		assert_int_equal(sign(period_cmp(&b, &a)), -c->sign);
		assert_int_equal(period_equal(&a, &b), c->sign == 0);
	}
}

/* Formats a list as "2021=1 2022=2" for comparison. */
static void
obs_text(const struct obs_list *l, char *buf, size_t len)
{
	char ptext[PERIOD_TEXT_MAX];
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < l->n && off < len; i++) {
		period_format(&l->v[i].period, ptext, sizeof(ptext));
		off += (size_t)snprintf(buf + off, len - off, "%s%s=%g",
		    i ? " " : "", ptext, l->v[i].value);
	}
}

static void
add(struct obs_list *l, const char *text, double value)
{
	struct period p;
	char err[256];

	assert_int_equal(period_parse(text, &p, err, sizeof(err)), 0);
	assert_int_equal(obs_list_add(l, &p, value), 0);
}

static void
test_obs_sort_keeps_last(void **state)
{
	struct obs_list l = {0};
	struct period p;
	char buf[256], err[256];

	(void)state;
	obs_list_sort(&l);
	assert_int_equal(l.n, 0);
	add(&l, "2023", 1065);
	add(&l, "2021", 1);
	add(&l, "2022", 2);
	add(&l, "2021", 11);
	add(&l, "2023", 1048.97);
	add(&l, "2021", 111);
	assert_int_equal(period_parse("2021", &p, err, sizeof(err)), 0);
	assert_int_equal(obs_list_find(&l, &p), 5);
	obs_list_sort(&l);
	obs_text(&l, buf, sizeof(buf));
	assert_string_equal(buf, "2021=111 2022=2 2023=1048.97");
	assert_int_equal(obs_list_find(&l, &p), 0);
	assert_int_equal(period_parse("2020", &p, err, sizeof(err)), 0);
	assert_int_equal(obs_list_find(&l, &p), -1);
	obs_list_clear(&l);
	assert_null(l.v);
	assert_int_equal(l.n, 0);
	obs_list_clear(&l);
}

/*
 * A large shuffled list with many duplicates: after sorting, periods are
 * strictly increasing and each holds the value added last for it.
 */
static void
test_obs_sort_large(void **state)
{
	enum { NPERIODS = 3000, NOBS = 30000 };
	struct obs_list l = {0};
	int *last = calloc(NPERIODS, sizeof(*last));
	unsigned seed = 12345;
	size_t distinct = 0;
	struct period p;

	(void)state;
	assert_non_null(last);
	for (int i = 0; i < NOBS; i++) {
		seed = seed * 1103515245u + 12345u;
		p.freq = FREQ_MONTHLY;
		p.year = 2000 + (int)((seed >> 8) % NPERIODS) / 12;
		p.sub = 1 + (int)((seed >> 8) % NPERIODS) % 12;
		last[(p.year - 2000) * 12 + p.sub - 1] = i + 1;
		assert_int_equal(obs_list_add(&l, &p, i + 1), 0);
	}
	obs_list_sort(&l);
	for (size_t i = 0; i < l.n; i++) {
		int k =
		    (l.v[i].period.year - 2000) * 12 + l.v[i].period.sub - 1;

		if (i > 0)
			assert_true(
			    period_cmp(&l.v[i - 1].period, &l.v[i].period) < 0);
		assert_int_equal((int)l.v[i].value, last[k]);
	}
	for (int k = 0; k < NPERIODS; k++)
		distinct += last[k] != 0;
	assert_int_equal(l.n, distinct);
	obs_list_clear(&l);
	free(last);
}

static void
test_obs_cap(void **state)
{
	struct obs_list l = {0};
	struct period p = {FREQ_DAILY, 2000, 1};

	(void)state;
	for (int i = 0; i < OBS_LIST_MAX; i++)
		assert_int_equal(obs_list_add(&l, &p, i), 0);
	assert_int_equal(obs_list_add(&l, &p, 0), -1);
	assert_int_equal(l.n, OBS_LIST_MAX);
	obs_list_sort(&l);
	assert_int_equal(l.n, 1);
	assert_near(l.v[0].value, OBS_LIST_MAX - 1, 0, "value");
	obs_list_clear(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_accepts),
	    cmocka_unit_test(test_parse_rejects),
	    cmocka_unit_test(test_parse_small_err),
	    cmocka_unit_test(test_freq_names),
	    cmocka_unit_test(test_instants),
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_from_end_inverse),
	    cmocka_unit_test(test_contiguous),
	    cmocka_unit_test(test_from_end_cases),
	    cmocka_unit_test(test_ordering),
	    cmocka_unit_test(test_obs_sort_keeps_last),
	    cmocka_unit_test(test_obs_sort_large),
	    cmocka_unit_test(test_obs_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_period_calendar: periods on the time line: instants and year
 * fractions per frequency including leap years and leap weeks,
 * formatting round trips, the inverse period_from_end, period_at, and
 * consecutive periods tiling time.  Expected instants are literal Unix
 * seconds, not computed with timegm; ISO weeks are also checked day by
 * day against the C library's strftime("%G-W%V"), an independent
 * implementation.
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
#include "unit/period_case.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

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
    {"2021-S1", 1609459200, 1625097600, 2020.5},
    {"2021-S2", 1625097600, 1640995200, 2021.0},
    {"2020-S1", 1577836800, 1593561600, 2019.5},
    {"2021-W01", 1609718400, 1610323200, 2020 + 10.0 / 365},
    {"2020-W53", 1609113600, 1609718400, 2020 + 3.0 / 365},
    {"2020-W01", 1577664000, 1578268800, 2019 + 5.0 / 366},
    {"2021-W52", 1640563200, 1641168000, 2021 + 2.0 / 365},
    {"2026-W53", 1798416000, 1799020800, 2026 + 3.0 / 365},
    {"2015-W53", 1451260800, 1451865600, 2015 + 3.0 / 366},
    {"2004-W53", 1104105600, 1104710400, 2004 + 2.0 / 365},
    {"1970-W01", -259200, 345600, 1969 + 4.0 / 365},
    {"2021年第三季度", 1625097600, 1633046400, 2020.75},
    {"2021-07-15T08:00:00+08:00", 1626307200, 1626393600, 2020 + 196.0 / 365},
    {"1626307200", 1626307200, 1626393600, 2020 + 196.0 / 365},
    {"2021-T1", 1609459200, 1619827200, 2020 + 1.0 / 3},
    {"2021-T2", 1619827200, 1630454400, 2020 + 2.0 / 3},
    {"2021-T3", 1630454400, 1640995200, 2021.0},
    {"2021-D196", 1626307200, 1626393600, 2020 + 196.0 / 365},
    {"2021-05-01/P4M", 1619827200, 1630454400, 2020 + 2.0 / 3},
    /* year to date: from 1 January to the end of the last step */
    {"2021-M01-M09", 1609459200, 1633046400, 2020.75},
    {"2021-Q1-Q3", 1609459200, 1633046400, 2020.75},
    {"2021-M01-M12", 1609459200, 1640995200, 2021.0},
    {"2024年1-2月", 1704067200, 1709251200, 2023 + 2.0 / 12},
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

/* True when year is a leap year; written here again, not taken from
 * period.c. */
static bool
leap(int year)
{
	return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

/*
 * The number of ISO weeks of a year, from the C library: 28 December is
 * always in the last week.
 */
static int
libc_weeks(int year)
{
	struct tm tm;
	time_t t;
	char buf[8];

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = year - 1900;
	tm.tm_mon = 11;
	tm.tm_mday = 28;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%V", &tm);
	return atoi(buf);
}

/* The number of periods of frequency freq in a year. */
static int
periods_in_year(enum freq freq, int year)
{
	switch (freq) {
	case FREQ_ANNUAL:
		return 1;
	case FREQ_SEMIANNUAL:
		return 2;
	case FREQ_FOUR_MONTHLY:
		return 3;
	case FREQ_QUARTERLY:
	case FREQ_YTD_QUARTERLY:
		return 4;
	case FREQ_MONTHLY:
	case FREQ_YTD_MONTHLY:
		return 12;
	case FREQ_WEEKLY:
		return libc_weeks(year);
	case FREQ_DAILY:
		break;
	}
	return leap(year) ? 366 : 365;
}

/* Calls fn for every period of every frequency in [from, to]. */
static void
each_period(int from, int to, void (*fn)(const struct period *))
{
	struct period p;

	for (p.year = from; p.year <= to; p.year++) {
		for (int f = 0; f < FREQ_COUNT; f++) {
			int n = periods_in_year((enum freq)f, p.year);

			p.freq = (enum freq)f;
			for (int k = 1; k <= n; k++) {
				p.sub = p.freq == FREQ_ANNUAL ? 0 : k;
				fn(&p);
			}
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

/*
 * A week is placed on the year scale by its end instant, exactly where
 * the day that ends with it is (its Sunday), which may be in the next
 * calendar year.
 */
static void
check_week_years(const struct period *p, const char *text)
{
	struct period sunday;

	if (period_from_end(period_end(p), FREQ_DAILY, &sunday) != 0) {
		/* 9999-W52 ends in 10000, after the last day */
		if (p->year != 9999)
			fail_msg("%s: no day ends with it", text);
	} else if (period_years(p) != period_years(&sunday))
		fail_msg("%s: years %.17g, its Sunday %.17g", text,
		    period_years(p), period_years(&sunday));
	if (period_years(p) <= p->year - 1 || period_years(p) >= p->year + 1)
		fail_msg("%s: years %f outside (%d, %d)", text, period_years(p),
		    p->year - 1, p->year + 1);
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
	if (p->freq == FREQ_WEEKLY) {
		check_week_years(p, text);
		return;
	}
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

/*
 * Consecutive periods of one frequency tile time and are ordered;
 * year-to-date periods overlap, and it is their last steps that tile.
 */
static void
test_contiguous(void **state)
{
	struct period prev, p;
	char text[PERIOD_TEXT_MAX];

	(void)state;
	for (int f = 0; f < FREQ_COUNT; f++) {
		bool first = true;

		p.freq = (enum freq)f;

		for (p.year = 1896; p.year <= 2030; p.year++) {
			int n = periods_in_year(p.freq, p.year);

			for (int k = 1; k <= n; k++) {
				p.sub = p.freq == FREQ_ANNUAL ? 0 : k;
				period_format(&p, text, sizeof(text));
				if (!first &&
				    (period_end(&prev) !=
					    period_step_start(&p) ||
					period_cmp(&prev, &p) >= 0 ||
					period_years(&prev) >=
					    period_years(&p)))
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
    {"2021-07-01", FREQ_SEMIANNUAL, "2021-S1"},
    {"2022-01-01", FREQ_SEMIANNUAL, "2021-S2"},
    {"2021-04-01", FREQ_SEMIANNUAL, NULL},
    {"2021-01-04", FREQ_WEEKLY, "2020-W53"},
    {"2021-01-11", FREQ_WEEKLY, "2021-W01"},
    {"2020-01-06", FREQ_WEEKLY, "2020-W01"},
    {"2022-01-03", FREQ_WEEKLY, "2021-W52"},
    {"2021-01-05", FREQ_WEEKLY, NULL},
    {"2021-01-10", FREQ_WEEKLY, NULL},
    {"2021-01-04 00:00:01", FREQ_WEEKLY, NULL},
    {"2021-01-03 23:59:59", FREQ_WEEKLY, NULL},
    {"1000-01-06", FREQ_WEEKLY, "1000-W01"},
    {"10000-01-03", FREQ_WEEKLY, "9999-W52"},
    {"2021-05-01", FREQ_FOUR_MONTHLY, "2021-T1"},
    {"2022-01-01", FREQ_FOUR_MONTHLY, "2021-T3"},
    {"2021-04-01", FREQ_FOUR_MONTHLY, NULL},
    /* a year-to-date period ends where its last month or quarter does */
    {"2021-10-01", FREQ_YTD_MONTHLY, "2021-M01-M09"},
    {"2022-01-01", FREQ_YTD_MONTHLY, "2021-M01-M12"},
    {"2022-02-01", FREQ_YTD_MONTHLY, "2022-M01-M01"},
    {"2021-10-15", FREQ_YTD_MONTHLY, NULL},
    {"2021-10-01", FREQ_YTD_QUARTERLY, "2021-Q1-Q3"},
    {"2021-11-01", FREQ_YTD_QUARTERLY, NULL},
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

struct at_case {
	const char *instant; /* as for from_end_cases */
	enum freq freq;
	const char *expect; /* NULL: -1 */
};

static const struct at_case at_cases[] = {
    {"2021-07-15 12:34:56", FREQ_ANNUAL, "2021"},
    {"2021-07-15 12:34:56", FREQ_SEMIANNUAL, "2021-S2"},
    {"2021-06-30 23:59:59", FREQ_SEMIANNUAL, "2021-S1"},
    {"2021-07-15 12:34:56", FREQ_QUARTERLY, "2021-Q3"},
    {"2021-07-15 12:34:56", FREQ_MONTHLY, "2021-07"},
    {"2021-07-15 12:34:56", FREQ_WEEKLY, "2021-W28"},
    {"2021-07-15 12:34:56", FREQ_DAILY, "2021-07-15"},
    {"2021-01-01 12:00:00", FREQ_WEEKLY, "2020-W53"},
    {"2021-01-03 23:59:59", FREQ_WEEKLY, "2020-W53"},
    {"2021-01-04", FREQ_WEEKLY, "2021-W01"},
    {"2019-12-30", FREQ_WEEKLY, "2020-W01"},
    {"2019-12-29", FREQ_WEEKLY, "2019-W52"},
    {"1969-12-31 23:59:59", FREQ_WEEKLY, "1970-W01"},
    {"1969-12-31 23:59:59", FREQ_DAILY, "1969-12-31"},
    {"1000-01-01", FREQ_WEEKLY, "1000-W01"},
    {"1000-01-01", FREQ_DAILY, "1000-01-01"},
    {"999-12-31 23:59:59", FREQ_ANNUAL, NULL},
    {"999-12-31 23:59:59", FREQ_WEEKLY, "1000-W01"},
    {"999-12-29", FREQ_WEEKLY, NULL},
    {"9999-12-31 23:59:59", FREQ_DAILY, "9999-12-31"},
    {"9999-12-31", FREQ_WEEKLY, "9999-W52"},
    {"10000-01-01", FREQ_ANNUAL, NULL},
    {"10000-01-02", FREQ_WEEKLY, "9999-W52"},
    {"10000-01-03", FREQ_WEEKLY, NULL},
    {"2021-07-15 12:34:56", FREQ_FOUR_MONTHLY, "2021-T2"},
    {"2021-04-30 23:59:59", FREQ_FOUR_MONTHLY, "2021-T1"},
    /* year to date: the one whose last step holds the instant */
    {"2021-07-15 12:34:56", FREQ_YTD_MONTHLY, "2021-M01-M07"},
    {"2021-01-01", FREQ_YTD_MONTHLY, "2021-M01-M01"},
    {"2021-07-15 12:34:56", FREQ_YTD_QUARTERLY, "2021-Q1-Q3"},
    {"9999-12-31", FREQ_YTD_MONTHLY, "9999-M01-M12"},
    {"999-12-31", FREQ_YTD_MONTHLY, NULL},
};

static void
test_period_at(void **state)
{
	char text[PERIOD_TEXT_MAX];
	struct period p;

	(void)state;
	for (size_t i = 0; i < NELEM(at_cases); i++) {
		const struct at_case *c = &at_cases[i];
		time_t t = utc(c->instant);
		int rc = period_at(t, c->freq, &p);

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
		assert_true(period_step_start(&p) <= t && t < period_end(&p));
		assert_true(period_start(&p) <= period_step_start(&p));
	}
	assert_int_equal(period_at(0, FREQ_COUNT, &p), -1);
	assert_int_equal(period_at((time_t)1 << 62, FREQ_DAILY, &p), -1);
	assert_int_equal(period_at(-((time_t)1 << 62), FREQ_WEEKLY, &p), -1);
	assert_int_equal(period_from_end((time_t)1 << 62, FREQ_DAILY, &p), -1);
	assert_int_equal(
	    period_from_end(-((time_t)1 << 62), FREQ_DAILY, &p), -1);
}

/*
 * Every day from 1800 to 2200 against the C library: the ISO week and
 * year of period_at() are strftime's %V and %G, the day is gmtime's, and
 * the text "%G-W%V" parses to the same week.
 */
static void
test_iso_weeks_libc(void **state)
{
	struct period w, d, q;
	char want[16], got[PERIOD_TEXT_MAX], err[256];
	struct tm tm;
	time_t t, end = utc("2200-01-01");

	(void)state;
	for (t = utc("1800-01-01") + 43200; t < end; t += 86400) {
		gmtime_r(&t, &tm);
		strftime(want, sizeof(want), "%G-W%V", &tm);
		assert_int_equal(period_at(t, FREQ_WEEKLY, &w), 0);
		period_format(&w, got, sizeof(got));
		if (strcmp(got, want) != 0)
			fail_msg(
			    "%lld: week %s, libc %s", (long long)t, got, want);
		assert_int_equal(period_parse(want, &q, err, sizeof(err)), 0);
		assert_true(period_equal(&w, &q));
		assert_true(period_start(&w) <= t && t < period_end(&w));
		assert_int_equal(period_at(t, FREQ_DAILY, &d), 0);
		assert_int_equal(d.year, tm.tm_year + 1900);
		assert_int_equal(d.sub, tm.tm_yday + 1);
	}
}

/* Yyyy-W53 exists exactly in the years where the C library counts 53. */
static void
test_week53_years(void **state)
{
	char text[16], err[256];
	struct period p;
	int n53 = 0;

	(void)state;
	for (int y = 1000; y <= 9999; y++) {
		bool has = libc_weeks(y) == 53;

		snprintf(text, sizeof(text), "%04d-W53", y);
		if ((period_parse(text, &p, err, sizeof(err)) == 0) != has)
			fail_msg("%s: %s", text, has ? err : "accepted");
		n53 += has;
	}
	/* 71 long years in every 400: 71 * 22.5 */
	assert_int_equal(n53, 1598);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_instants),
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_from_end_inverse),
	    cmocka_unit_test(test_contiguous),
	    cmocka_unit_test(test_from_end_cases),
	    cmocka_unit_test(test_period_at),
	    cmocka_unit_test(test_iso_weeks_libc),
	    cmocka_unit_test(test_week53_years),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * test_schedule: when the scheduled report is due.  Times are written as
 * UTC (timegm) and judged in a zone set by the test: China (UTC+8, no
 * daylight saving) and Central Europe (daylight saving: 09:00 local is
 * 08:00 UTC in winter, 07:00 in summer).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include <cmocka.h>

#include "schedule.h"

static time_t
utc(int y, int mo, int d, int h, int mi)
{
	struct tm tm = {.tm_year = y - 1900,
	    .tm_mon = mo - 1,
	    .tm_mday = d,
	    .tm_hour = h,
	    .tm_min = mi};

	return timegm(&tm);
}

static void
zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static const struct report_conf monthly = {REPORT_MONTHLY, 9, 0, 0};
static const struct report_conf weekly = {REPORT_WEEKLY, 9, 0, 0};
static const struct report_conf daily = {REPORT_DAILY, 9, 30, 0};

/* 2026-11-01 is a Sunday: November's first working day is Monday the 2nd. */
static void
test_monthly_first_working_day(void **state)
{
	(void)state;
	zone("CST-8");
	/* 2026-11-26 12:00 in Fuzhou. */
	assert_int_equal(schedule_last(&monthly, utc(2026, 11, 26, 4, 0)),
	    utc(2026, 11, 2, 1, 0));
	/* December 1st is a Tuesday. */
	assert_int_equal(schedule_next(&monthly, utc(2026, 11, 26, 4, 0)),
	    utc(2026, 12, 1, 1, 0));
	/* A minute early on the 2nd: October's (Thursday the 1st) is last. */
	assert_int_equal(schedule_last(&monthly, utc(2026, 11, 2, 0, 59)),
	    utc(2026, 10, 1, 1, 0));
	/* At the minute itself, the slot is due. */
	assert_int_equal(schedule_last(&monthly, utc(2026, 11, 2, 1, 0)),
	    utc(2026, 11, 2, 1, 0));
	assert_int_equal(schedule_next(&monthly, utc(2026, 11, 2, 1, 0)),
	    utc(2026, 12, 1, 1, 0));
	/* 2026-08-01 is a Saturday: Monday the 3rd. */
	assert_int_equal(schedule_next(&monthly, utc(2026, 7, 31, 12, 0)),
	    utc(2026, 8, 3, 1, 0));
}

static void
test_weekly_and_daily(void **state)
{
	(void)state;
	zone("CST-8");
	/* Thursday 2026-11-26: Monday the 23rd was, Monday the 30th is next. */
	assert_int_equal(schedule_last(&weekly, utc(2026, 11, 26, 4, 0)),
	    utc(2026, 11, 23, 1, 0));
	assert_int_equal(schedule_next(&weekly, utc(2026, 11, 26, 4, 0)),
	    utc(2026, 11, 30, 1, 0));
	/* Saturday 2026-11-28: Friday's was last, Monday's is next. */
	assert_int_equal(schedule_last(&daily, utc(2026, 11, 28, 2, 0)),
	    utc(2026, 11, 27, 1, 30));
	assert_int_equal(schedule_next(&daily, utc(2026, 11, 28, 2, 0)),
	    utc(2026, 11, 30, 1, 30));
}

static void
test_daylight_saving_keeps_local_time(void **state)
{
	(void)state;
	zone("CET-1CEST,M3.5.0,M10.5.0/3");
	/* 1 April 2026 (Wednesday), 09:00 CEST = 07:00 UTC. */
	assert_int_equal(schedule_last(&monthly, utc(2026, 4, 15, 12, 0)),
	    utc(2026, 4, 1, 7, 0));
	/* 1 December 2026 (Tuesday), 09:00 CET = 08:00 UTC. */
	assert_int_equal(schedule_next(&monthly, utc(2026, 11, 26, 12, 0)),
	    utc(2026, 12, 1, 8, 0));
}

static void
test_never(void **state)
{
	static const struct report_conf never = {REPORT_NEVER, 9, 0, 0};

	(void)state;
	assert_int_equal(schedule_last(&never, utc(2026, 11, 26, 4, 0)), 0);
	assert_int_equal(schedule_next(&never, utc(2026, 11, 26, 4, 0)), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_monthly_first_working_day),
	    cmocka_unit_test(test_weekly_and_daily),
	    cmocka_unit_test(test_daylight_saving_keeps_local_time),
	    cmocka_unit_test(test_never),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

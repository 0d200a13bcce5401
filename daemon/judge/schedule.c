/*
 * schedule: slots are found by walking calendar days from t's local date
 * (mktime normalises "the 0th" and daylight saving time), so a month's
 * first working day is simply the working day with no working day before
 * it in the month: the 1st, or Monday the 2nd or 3rd.
 */
#include <stdbool.h>

#include "schedule.h"

/* Longest gap between two slots (a month) plus a margin, in days. */
#define SCHEDULE_SPAN_DAYS 40

static bool
working_day(const struct tm *tm)
{
	return tm->tm_wday >= 1 && tm->tm_wday <= 5;
}

static bool
slot_day(enum report_every every, const struct tm *tm)
{
	switch (every) {
	case REPORT_DAILY:
		return working_day(tm);
	case REPORT_WEEKLY:
		return tm->tm_wday == 1;
	case REPORT_MONTHLY:
		return working_day(tm) &&
		    (tm->tm_mday == 1 ||
			(tm->tm_wday == 1 && tm->tm_mday <= 3));
	default:
		return false;
	}
}

/* The slot time on the local day `days` from t's, or -1 if not a slot. */
static time_t
slot_on(const struct report_conf *rc, time_t t, int days)
{
	struct tm tm;
	time_t s;

	localtime_r(&t, &tm);
	tm.tm_mday += days;
	tm.tm_hour = rc->hour;
	tm.tm_min = rc->minute;
	tm.tm_sec = 0;
	tm.tm_isdst = -1;
	if ((s = mktime(&tm)) == (time_t)-1 || !slot_day(rc->every, &tm))
		return -1;
	return s;
}

time_t
schedule_last(const struct report_conf *rc, time_t t)
{
	if (rc->every == REPORT_NEVER)
		return 0;
	for (int d = 0; d <= SCHEDULE_SPAN_DAYS; d++) {
		time_t s = slot_on(rc, t, -d);

		if (s != -1 && s <= t)
			return s;
	}
	return 0;
}

time_t
schedule_next(const struct report_conf *rc, time_t t)
{
	if (rc->every == REPORT_NEVER)
		return 0;
	for (int d = 0; d <= SCHEDULE_SPAN_DAYS; d++) {
		time_t s = slot_on(rc, t, d);

		if (s != -1 && s > t)
			return s;
	}
	return 0;
}

/*
 * period_cal: calendar arithmetic for periods (period_cal.h).
 *
 * Instants come from day counts on the proleptic Gregorian calendar
 * (days_from_civil and its inverse), not from timegm() and gmtime_r(): the
 * arithmetic is exact for every year 1000-9999, independent of the C
 * library, and ISO weeks need day counts anyway.
 */
#include "period_cal.h"

bool
cal_is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int
cal_days_in_year(int year)
{
	return cal_is_leap(year) ? 366 : 365;
}

int
cal_days_in_month(int year, int month)
{
	const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (month == 2 && cal_is_leap(year))
		return 29;
	return days[month - 1];
}

/* Converts a day of the year (1-366) to a month and a day of the month. */
void
cal_doy_to_md(int year, int doy, int *month, int *day)
{
	int m = 1;

	while (m < 12 && doy > cal_days_in_month(year, m)) {
		doy -= cal_days_in_month(year, m);
		m++;
	}
	*month = m;
	*day = doy;
}

int
cal_md_to_doy(int year, int month, int day)
{
	for (int m = 1; m < month; m++)
		day += cal_days_in_month(year, m);
	return day;
}

long long
cal_floor_div(long long a, long long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/*
 * Days from 1970-01-01 to year-month-day on the proleptic Gregorian
 * calendar (Howard Hinnant's algorithm: years counted from March, so the
 * leap day is the last day of its year, in 400-year eras).
 */
long long
cal_days_from_civil(int year, int month, int day)
{
	long long y = year - (month <= 2), era, yoe, doy, doe;

	era = cal_floor_div(y, 400);
	yoe = y - era * 400;
	doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The inverse of cal_days_from_civil; days must be within a few million years.
 */
void
cal_civil_from_days(long long days, int *year, int *month, int *day)
{
	long long z = days + 719468, era, doe, yoe, doy, mp;

	era = cal_floor_div(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = (int)(yoe + era * 400 + (*month <= 2));
}

/* Day of the week of a day count, Monday 0 to Sunday 6 (1970-01-01: 3). */
int
cal_weekday(long long days)
{
	return (int)(days + 3 - 7 * cal_floor_div(days + 3, 7));
}

/* The Monday that starts ISO week 1: the week holding 4 January. */
long long
cal_iso_week1(int year)
{
	long long jan4 = cal_days_from_civil(year, 1, 4);

	return jan4 - cal_weekday(jan4);
}

/* 53 for years whose 1 January or (leap years) 2 January is a Thursday. */
int
cal_weeks_in_year(int year)
{
	return (int)((cal_iso_week1(year + 1) - cal_iso_week1(year)) / 7);
}

/* The ISO year and week of a day: those of the Thursday of its week. */
void
cal_iso_week_of(long long days, int *year, int *week)
{
	long long thursday = days - cal_weekday(days) + 3;
	int month, day;

	cal_civil_from_days(thursday, year, &month, &day);
	*week = (int)((thursday - cal_iso_week1(*year)) / 7 + 1);
}

time_t
cal_utc_date(int year, int month, int day)
{
	return (time_t)(cal_days_from_civil(year, month, day) * DAY_SECONDS);
}

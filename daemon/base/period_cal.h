/*
 * period_cal: the proleptic Gregorian calendar as day counts, under the
 * period module (period.c, period_parse.c).  Internal: other modules use
 * period.h.
 */
#ifndef PLANWATCH_PERIOD_CAL_H
#define PLANWATCH_PERIOD_CAL_H

#include <stdbool.h>
#include <time.h>

#define DAY_SECONDS 86400
/* The years a period may have. */
#define YEAR_MIN 1000
#define YEAR_MAX 9999

/* Gregorian leap years. */
bool cal_is_leap(int year);
/* 365 or 366. */
int cal_days_in_year(int year);
/* The days of month (1-12) in year. */
int cal_days_in_month(int year, int month);
/* Converts a day of the year (1-366) to a month and a day of the month. */
void cal_doy_to_md(int year, int doy, int *month, int *day);
/* The inverse of cal_doy_to_md. */
int cal_md_to_doy(int year, int month, int day);
/* a / b rounded toward minus infinity. */
long long cal_floor_div(long long a, long long b);
/*
 * Days from 1970-01-01 to year-month-day on the proleptic Gregorian
 * calendar (Howard Hinnant's algorithm: years counted from March, so the
 * leap day is the last day of its year, in 400-year eras).
 */
long long cal_days_from_civil(int year, int month, int day);
/* The inverse of cal_days_from_civil; days must be within a few million years.
 */
void cal_civil_from_days(long long days, int *year, int *month, int *day);
/* Day of the week of a day count, Monday 0 to Sunday 6 (1970-01-01: 3). */
int cal_weekday(long long days);
/* The Monday that starts ISO week 1: the week holding 4 January. */
long long cal_iso_week1(int year);
/* 53 for years whose 1 January or (leap years) 2 January is a Thursday. */
int cal_weeks_in_year(int year);
/* The ISO year and week of a day: those of the Thursday of its week. */
void cal_iso_week_of(long long days, int *year, int *week);
/* Midnight UTC starting year-month-day. */
time_t cal_utc_date(int year, int month, int day);

#endif

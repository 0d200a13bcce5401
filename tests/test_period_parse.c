/*
 * test_period_parse: periods read from text (every accepted text form
 * with its canonical form, and every rejection with its message; with
 * and without a context: the indicator's frequency, the year of a text
 * that names none; SDMX reporting periods, time-zone offsets, ISO 8601
 * time ranges, Chinese cumulative forms), a small error buffer, a long
 * Chinese text quoted whole characters only, and the frequencies' names.
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
    /* half years */
    {"2021-S1", FREQ_SEMIANNUAL, 2021, 1, "2021-S1"},
    {"2021-S2", FREQ_SEMIANNUAL, 2021, 2, "2021-S2"},
    {"2021S2", FREQ_SEMIANNUAL, 2021, 2, "2021-S2"},
    {" 2021-S1\n", FREQ_SEMIANNUAL, 2021, 1, "2021-S1"},
    /* ISO weeks: 53 weeks when 1 January is a Thursday, or a Wednesday in
     * a leap year */
    {"2021-W05", FREQ_WEEKLY, 2021, 5, "2021-W05"},
    {"2021W05", FREQ_WEEKLY, 2021, 5, "2021-W05"},
    {"2021-W01", FREQ_WEEKLY, 2021, 1, "2021-W01"},
    {"2021-W52", FREQ_WEEKLY, 2021, 52, "2021-W52"},
    {"2020-W53", FREQ_WEEKLY, 2020, 53, "2020-W53"},
    {"2015-W53", FREQ_WEEKLY, 2015, 53, "2015-W53"},
    {"2026-W53", FREQ_WEEKLY, 2026, 53, "2026-W53"},
    {"1992-W53", FREQ_WEEKLY, 1992, 53, "1992-W53"},
    {"2004-W53", FREQ_WEEKLY, 2004, 53, "2004-W53"},
    {"1000-W01", FREQ_WEEKLY, 1000, 1, "1000-W01"},
    {"9999-W52", FREQ_WEEKLY, 9999, 52, "9999-W52"},
    /* Chinese */
    {"2021年", FREQ_ANNUAL, 2021, 0, "2021"},
    {" 2021年 ", FREQ_ANNUAL, 2021, 0, "2021"},
    {"2021年上半年", FREQ_SEMIANNUAL, 2021, 1, "2021-S1"},
    {"2021年下半年", FREQ_SEMIANNUAL, 2021, 2, "2021-S2"},
    {"2021年3季度", FREQ_QUARTERLY, 2021, 3, "2021-Q3"},
    {"2021年第1季度", FREQ_QUARTERLY, 2021, 1, "2021-Q1"},
    {"2021年第4季度", FREQ_QUARTERLY, 2021, 4, "2021-Q4"},
    {"2021年第一季度", FREQ_QUARTERLY, 2021, 1, "2021-Q1"},
    {"2021年第二季度", FREQ_QUARTERLY, 2021, 2, "2021-Q2"},
    {"2021年第三季度", FREQ_QUARTERLY, 2021, 3, "2021-Q3"},
    {"2021年第四季度", FREQ_QUARTERLY, 2021, 4, "2021-Q4"},
    {"2021年一季度", FREQ_QUARTERLY, 2021, 1, "2021-Q1"},
    {"2021年二季度", FREQ_QUARTERLY, 2021, 2, "2021-Q2"},
    {"2021年三季度", FREQ_QUARTERLY, 2021, 3, "2021-Q3"},
    {"2021年四季度", FREQ_QUARTERLY, 2021, 4, "2021-Q4"},
    {"2021年7月", FREQ_MONTHLY, 2021, 7, "2021-07"},
    {"2021年07月", FREQ_MONTHLY, 2021, 7, "2021-07"},
    {"2021年12月", FREQ_MONTHLY, 2021, 12, "2021-12"},
    {"2021年1月", FREQ_MONTHLY, 2021, 1, "2021-01"},
    /* ISO 8601 date-times: the calendar date as written */
    {"2021-07-15T00:00:00Z", FREQ_DAILY, 2021, 196, "2021-07-15"},
    {"2021-07-15T08:00:00+08:00", FREQ_DAILY, 2021, 196, "2021-07-15"},
    {"2021-07-15T00:00:00+08:00", FREQ_DAILY, 2021, 196, "2021-07-15"},
    {"2021-07-15T23:59:59-05:00", FREQ_DAILY, 2021, 196, "2021-07-15"},
    {"2021-07-15T12:30:00.123Z", FREQ_DAILY, 2021, 196, "2021-07-15"},
    {"2021-07-15T12:30:00.123456789+01:00", FREQ_DAILY, 2021, 196,
	"2021-07-15"},
    {"2021-07-15T12:30Z", FREQ_DAILY, 2021, 196, "2021-07-15"},
    {"2021-07-15T12:30:00", FREQ_DAILY, 2021, 196, "2021-07-15"},
    {"2021-07-15T12:30:00+0800", FREQ_DAILY, 2021, 196, "2021-07-15"},
    {"2021-07-15T12:30:00-08", FREQ_DAILY, 2021, 196, "2021-07-15"},
    {"2016-12-31T23:59:60Z", FREQ_DAILY, 2016, 366, "2016-12-31"},
    {"2020-02-29T00:00:00Z", FREQ_DAILY, 2020, 60, "2020-02-29"},
    {" 2021-01-01T00:00:00Z\n", FREQ_DAILY, 2021, 1, "2021-01-01"},
    /* Unix seconds: the UTC day */
    {"1626307200", FREQ_DAILY, 2021, 196, "2021-07-15"},
    {"1626393599", FREQ_DAILY, 2021, 196, "2021-07-15"},
    {"1609459200", FREQ_DAILY, 2021, 1, "2021-01-01"},
    {"100000000", FREQ_DAILY, 1973, 62, "1973-03-03"},
    {"0999999999", FREQ_DAILY, 2001, 252, "2001-09-09"},
    {"99999999999", FREQ_DAILY, 5138, 320, "5138-11-16"},
    /* SDMX 2.1 reporting periods (technical notes, section 6) */
    {"2021-A1", FREQ_ANNUAL, 2021, 0, "2021"},
    {"2021-T1", FREQ_FOUR_MONTHLY, 2021, 1, "2021-T1"},
    {"2021-T3", FREQ_FOUR_MONTHLY, 2021, 3, "2021-T3"},
    {"2021-D001", FREQ_DAILY, 2021, 1, "2021-01-01"},
    {"2021-D196", FREQ_DAILY, 2021, 196, "2021-07-15"},
    {"2021-D365", FREQ_DAILY, 2021, 365, "2021-12-31"},
    {"2020-D366", FREQ_DAILY, 2020, 366, "2020-12-31"},
    {"2021M07", FREQ_MONTHLY, 2021, 7, "2021-07"},
    {"2021M12", FREQ_MONTHLY, 2021, 12, "2021-12"},
    /* ... and Gregorian ones, with a time-zone offset (checked, ignored) */
    {"2021Z", FREQ_ANNUAL, 2021, 0, "2021"},
    {"2021-A1+08:00", FREQ_ANNUAL, 2021, 0, "2021"},
    {"2021-S2-05:00", FREQ_SEMIANNUAL, 2021, 2, "2021-S2"},
    {"2021-T2Z", FREQ_FOUR_MONTHLY, 2021, 2, "2021-T2"},
    {"2021-Q3+08:00", FREQ_QUARTERLY, 2021, 3, "2021-Q3"},
    {"2021-07Z", FREQ_MONTHLY, 2021, 7, "2021-07"},
    {"2021-07+14:00", FREQ_MONTHLY, 2021, 7, "2021-07"},
    {"2021-M07-12:00", FREQ_MONTHLY, 2021, 7, "2021-07"},
    {"2021-W05Z", FREQ_WEEKLY, 2021, 5, "2021-W05"},
    {"2021-07-15Z", FREQ_DAILY, 2021, 196, "2021-07-15"},
    {"2021-07-15+08:00", FREQ_DAILY, 2021, 196, "2021-07-15"},
    {"2021-07-15-05:00", FREQ_DAILY, 2021, 196, "2021-07-15"},
    {"2021-D196Z", FREQ_DAILY, 2021, 196, "2021-07-15"},
    /* ISO 8601 time ranges start/duration: the one period covered */
    {"2021-01-01/P1Y", FREQ_ANNUAL, 2021, 0, "2021"},
    {"2021-01-01/P12M", FREQ_ANNUAL, 2021, 0, "2021"},
    {"2021-07-01/P6M", FREQ_SEMIANNUAL, 2021, 2, "2021-S2"},
    {"2021-05-01/P4M", FREQ_FOUR_MONTHLY, 2021, 2, "2021-T2"},
    {"2021-01-01/P3M", FREQ_QUARTERLY, 2021, 1, "2021-Q1"},
    {"2021-10-01/P3M", FREQ_QUARTERLY, 2021, 4, "2021-Q4"},
    {"2021-07-01/P1M", FREQ_MONTHLY, 2021, 7, "2021-07"},
    {"2020-12-28/P7D", FREQ_WEEKLY, 2020, 53, "2020-W53"},
    {"2021-01-04/P1W", FREQ_WEEKLY, 2021, 1, "2021-W01"},
    {"2021-07-15/P1D", FREQ_DAILY, 2021, 196, "2021-07-15"},
    {"2021-01-01T00:00:00/P1Y", FREQ_ANNUAL, 2021, 0, "2021"},
    {"2021-01-01T00:00:00Z/P3M", FREQ_QUARTERLY, 2021, 1, "2021-Q1"},
    {"2021-01-01T00:00:00.000+08:00/P1M", FREQ_MONTHLY, 2021, 1, "2021-01"},
    {"2021-01-01Z/P1D", FREQ_DAILY, 2021, 1, "2021-01-01"},
    /* from 1 January, months that are no other period: year to date */
    {"2021-01-01/P2M", FREQ_YTD_MONTHLY, 2021, 2, "2021-M01-M02"},
    {"2021-01-01/P9M", FREQ_YTD_MONTHLY, 2021, 9, "2021-M01-M09"},
    {"2021-01-01/P11M", FREQ_YTD_MONTHLY, 2021, 11, "2021-M01-M11"},
    /* year to date: planwatch's text, NBS releases */
    {"2021-M01-M09", FREQ_YTD_MONTHLY, 2021, 9, "2021-M01-M09"},
    {"2021-M01-M01", FREQ_YTD_MONTHLY, 2021, 1, "2021-M01-M01"},
    {"2021-M01-M12", FREQ_YTD_MONTHLY, 2021, 12, "2021-M01-M12"},
    {"2021-Q1-Q3", FREQ_YTD_QUARTERLY, 2021, 3, "2021-Q1-Q3"},
    {"2021-Q1-Q4", FREQ_YTD_QUARTERLY, 2021, 4, "2021-Q1-Q4"},
    {"2023年1-9月", FREQ_YTD_MONTHLY, 2023, 9, "2023-M01-M09"},
    {"2023年1-2月", FREQ_YTD_MONTHLY, 2023, 2, "2023-M01-M02"},
    {"2023年1-12月", FREQ_YTD_MONTHLY, 2023, 12, "2023-M01-M12"},
    {"2023年01-09月", FREQ_YTD_MONTHLY, 2023, 9, "2023-M01-M09"},
    {"2023年1—9月", FREQ_YTD_MONTHLY, 2023, 9, "2023-M01-M09"},
    {"2023年1–9月", FREQ_YTD_MONTHLY, 2023, 9, "2023-M01-M09"},
    {"2023年1－9月", FREQ_YTD_MONTHLY, 2023, 9, "2023-M01-M09"},
    {"2023年1~9月", FREQ_YTD_MONTHLY, 2023, 9, "2023-M01-M09"},
    {"2023年1～9月", FREQ_YTD_MONTHLY, 2023, 9, "2023-M01-M09"},
    {"2023年1至9月", FREQ_YTD_MONTHLY, 2023, 9, "2023-M01-M09"},
    {" 2023年1-11月 ", FREQ_YTD_MONTHLY, 2023, 11, "2023-M01-M11"},
    {"2023年前三季度", FREQ_YTD_QUARTERLY, 2023, 3, "2023-Q1-Q3"},
    {"2023年前二季度", FREQ_YTD_QUARTERLY, 2023, 2, "2023-Q1-Q2"},
    {"2023年1-3季度", FREQ_YTD_QUARTERLY, 2023, 3, "2023-Q1-Q3"},
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
    {"2021M7", "not a period"},
    {"2021M13", "\"2021M13\": month 13 out of range"},
    {"2021q3", "not a period"},
    {"2021E", "not a period"},
    {"2021a", "not a period"},
    {"999", "not a period"},
    {"12021", "not a period"},
    {"2021x", "\"2021x\": not a period"},
    {"2021 x", "\"2021 x\": not a period"},
    {"2021-Q3 trailing", "not a period"},
    {"20210715", "not a period"},
    {"2021/07", "not a period"},
    {"-2021", "not a period"},
    {"", "empty period"},
    {" \t\n", "empty period"},
    {"this is a long piece of garbage that is not a period at all",
	"\"this is a long piece of garbage that is ...\": not a period"},
    /* half years */
    {"2021-S3", "\"2021-S3\": half 3 out of range"},
    {"2021-S0", "\"2021-S0\": half 0 out of range"},
    {"2021S3", "half 3 out of range"},
    {"2021-S", "not a period"},
    {"2021-S01", "not a period"},
    {"2021s1", "not a period"},
    {"2021-H1", "not a period"},
    /* ISO weeks */
    {"2021-W53", "\"2021-W53\": week 53 out of range (2021 has 52 ISO weeks)"},
    {"2019-W53", "week 53 out of range (2019 has 52 ISO weeks)"},
    {"2016-W53", "week 53 out of range (2016 has 52 ISO weeks)"},
    {"2020-W54", "\"2020-W54\": week 54 out of range"},
    {"2021-W00", "\"2021-W00\": week 0 out of range"},
    {"2021W99", "week 99 out of range"},
    {"2021-W5", "not a period"},
    {"2021-W005", "not a period"},
    {"2021-w05", "not a period"},
    {"2021-W05-1", "not a period"},
    {"0999-W52", "year 999 out of range"},
    /* Chinese */
    {"2021年13月", "\"2021年13月\": month 13 out of range"},
    {"2021年0月", "month 0 out of range"},
    {"2021年00月", "month 0 out of range"},
    {"2021年5季度", "\"2021年5季度\": quarter 5 out of range"},
    {"2021年第0季度", "quarter 0 out of range"},
    {"2021年第五季度", "not a period"},
    {"2021年123月", "not a period"},
    {"2021年7", "not a period"},
    {"2021年季度", "not a period"},
    {"2021年第三季", "not a period"},
    {"2021年第三", "not a period"},
    {"2021年七月", "not a period"},
    {"2021年中半年", "not a period"},
    {"2021 年", "not a period"},
    {"21年", "not a period"},
    {"0999年", "\"0999年\": year 999 out of range"},
    {"2021年第三季度国内生产总值(亿元)同比增长",
	"\"2021年第三季度国内生产总值(...\": not a period"},
    /* date-times */
    {"2021-07-15T24:00:00Z", "\"2021-07-15T24:00:00Z\": hour 24 out of range"},
    {"2021-07-15T12:60:00Z", "minute 60 out of range"},
    {"2021-07-15T12:00:61Z", "second 61 out of range"},
    {"2021-07-15T12:00:00+24:00", "offset hour 24 out of range"},
    {"2021-07-15T12:00:00+08:60", "offset minute 60 out of range"},
    {"2021-02-30T00:00:00Z", "\"2021-02-30T00:00:00Z\": day 30 out of range"},
    {"2021-13-01T00:00:00Z", "month 13 out of range"},
    {"0999-12-31T00:00:00Z", "year 999 out of range"},
    {"2021-07-15T", "not a period"},
    {"2021-07-15T12", "not a period"},
    {"2021-07-15T12:00:00.Z", "not a period"},
    {"2021-07-15T12:00:00.1234567890Z", "not a period"},
    {"2021-07-15 12:00:00", "not a period"},
    {"2021-07-15t12:00:00z", "not a period"},
    {"2021-07-15T12:00:00ZZ", "not a period"},
    {"2021-07-15T12:00:00Z+08:00", "not a period"},
    {"2021-07-15T12:00:00+8", "not a period"},
    {"2021-07-15T12:00:00+08:0", "not a period"},
    {"2021-07-15T12:00:00+08:", "not a period"},
    {"2021-07-15T1:00:00Z", "not a period"},
    {"2021-07-15T12:00:0Z", "not a period"},
    {"2021-7-15T12:00:00Z", "not a period"},
    /* Unix seconds: 9 to 11 digits only */
    {"12345678", "\"12345678\": not a period"},
    {"123456789012", "not a period"},
    {"-1626307200", "not a period"},
    {"+1626307200", "not a period"},
    {"1626307200.5", "not a period"},
    {"1626 307200", "not a period"},
    {"1626307200Z", "not a period"},
    /* SDMX reporting periods */
    {"2021-A2", "not a period"},
    {"2021-A", "not a period"},
    {"2021-T4", "\"2021-T4\": trimester 4 out of range"},
    {"2021-T0", "trimester 0 out of range"},
    {"2021T1", "not a period"},
    {"2021-D366", "\"2021-D366\": day 366 out of range (2021 has 365 days)"},
    {"2020-D367", "day of the year 367 out of range"},
    {"2021-D000", "day of the year 0 out of range"},
    {"2021-D01", "not a period"},
    {"2021-D0001", "not a period"},
    /* time-zone offsets: SDMX writes Z or +hh:mm, after its own forms */
    {"2021-Q3+24:00", "\"2021-Q3+24:00\": offset hour 24 out of range"},
    {"2021-07+08:60", "offset minute 60 out of range"},
    {"2021-Q3+08", "not a period"},
    {"2021-Q3+0800", "not a period"},
    {"2021-Q3z", "not a period"},
    {"2021-Q3ZZ", "not a period"},
    {"2021Q3Z", "not a period"},
    {"2021CZ", "not a period"},
    {"202107Z", "not a period"},
    {"2021年Z", "not a period"},
    {"1626307200+08:00", "not a period"},
    {"Z", "not a period"},
    {"+08:00", "not a period"},
    /* time ranges that are not one period, or not start/duration */
    {"2021-02-01/P3M",
	"\"2021-02-01/P3M\": 3 months from 2021-02-01 are not one period"},
    {"2021-01-15/P1M", "1 month from 2021-01-15 is not one period"},
    {"2021-03-01/P2M", "2 months from 2021-03-01 are not one period"},
    {"2021-01-01/P13M", "13 months from 2021-01-01 are not one period"},
    {"2021-01-01/P2Y", "24 months from 2021-01-01 are not one period"},
    {"2020-12-29/P1W",
	"7 days from 2020-12-29 are not one period (a day, "
	"or a week from a Monday)"},
    {"2021-07-15/P2D", "2 days from 2021-07-15 are not one period"},
    {"2021-01-01T08:00:00Z/P1Y",
	"a time range from 08:00:00 is not a period (a period starts at "
	"midnight)"},
    {"2021-01-01T00:00:00.5Z/P1D", "a time range from 00:00:00 is not"},
    {"2021-01-01/2021-03-31",
	"a time range start/end is not read: write start/duration"},
    {"2021-01-01/PT24H", "a duration in hours, minutes or seconds (PT24H)"},
    {"2021-01-01/P1Y2M", "duration P1Y2M is not a whole number of years"},
    {"2021-01-01/P0M", "duration P0M is empty"},
    {"2021-01-01/P", "not a period (a time range is start/duration"},
    {"2021-01-01/P3", "duration P3 is not a whole number"},
    {"2021-01-01/p3m", "not a period (a time range is start/duration"},
    {"2021-01-01/P99999D", "duration P99999D is not a whole number"},
    {"2021-02-30/P1D", "\"2021-02-30/P1D\": day 30 out of range"},
    {"0999-01-01/P1Y", "year 999 out of range"},
    {"2021-01-01T24:00:00/P1D", "hour 24 out of range"},
    {"2021-01-01/P1M/P1M", "duration P1M/P1M is not a whole number"},
    /* a long duration is quoted to a character's end, the cut marked
     * (fuzz_period; quote.c) */
    {"2021-01-01/P7D一二三四五六七八九十一二三四五",
	"duration P7D一二三四五六七八九十一二... is not a whole number"},
    {"2021-01/P1M", "not a period (a time range is start/duration"},
    {"P1Y/2021-12-31", "not a period (a time range is start/duration"},
    {"/", "not a period (a time range"},
    /* year to date: from January, and with a year */
    {"2023年7-9月",
	"\"2023年7-9月\": months 7-9 are not year to date (a cumulative "
	"period starts in January)"},
    {"2023年2-9月", "months 2-9 are not year to date"},
    {"2023年1-13月", "month 13 out of range"},
    {"2023年1-0月", "month 0 out of range"},
    {"2023-M02-M09", "months 2-9 are not year to date"},
    {"2023-M01-M13", "month 13 out of range"},
    {"2023-Q2-Q3", "quarters 2-3 are not year to date"},
    {"2023-Q1-Q5", "quarter 5 out of range"},
    {"2023年2-3季度", "quarters 2-3 are not year to date"},
    {"2023-M01-M9", "not a period"},
    {"2023-M1-M09", "not a period"},
    {"2023年1-9", "not a period"},
    {"2023年1_9月", "not a period"},
    {"2023年前五季度", "not a period"},
    {"1-11月", "\"1-11月\": no year in the period and none given with it"},
    {"11月", "no year in the period"},
    {"三季度", "no year in the period"},
    {"前三季度", "no year in the period"},
    {"上半年", "no year in the period"},
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

/*
 * A period read with a context: the indicator's frequency and the year
 * given beside the text (a CSV column, a JSON field).
 */
struct context_case {
	const char *text;
	enum freq freq; /* FREQ_COUNT: none */
	int year; /* 0: none */
	const char *expect; /* canonical text; NULL: refused */
	const char *msg; /* when refused, a substring of the message */
};

static const struct context_case context_cases[] = {
    /* a ytd_monthly indicator: a month names January through it, as the
     * NBS labels its cumulative (累计) series */
    {"2023-09", FREQ_YTD_MONTHLY, 0, "2023-M01-M09", NULL},
    {"202309", FREQ_YTD_MONTHLY, 0, "2023-M01-M09", NULL},
    {"2023M09", FREQ_YTD_MONTHLY, 0, "2023-M01-M09", NULL},
    {"2023-M09", FREQ_YTD_MONTHLY, 0, "2023-M01-M09", NULL},
    {"2023年9月", FREQ_YTD_MONTHLY, 0, "2023-M01-M09", NULL},
    {"2023-01", FREQ_YTD_MONTHLY, 0, "2023-M01-M01", NULL},
    {"2023-09-01/P1M", FREQ_YTD_MONTHLY, 0, "2023-M01-M09", NULL},
    {"2023年1-9月", FREQ_YTD_MONTHLY, 0, "2023-M01-M09", NULL},
    {"2023-M01-M09", FREQ_YTD_MONTHLY, 0, "2023-M01-M09", NULL},
    {"2023-01-01/P9M", FREQ_YTD_MONTHLY, 0, "2023-M01-M09", NULL},
    /* ... and a period from 1 January to a month's end is one */
    {"2023-01-01/P3M", FREQ_YTD_MONTHLY, 0, "2023-M01-M03", NULL},
    {"2023-Q1", FREQ_YTD_MONTHLY, 0, "2023-M01-M03", NULL},
    {"2023-T1", FREQ_YTD_MONTHLY, 0, "2023-M01-M04", NULL},
    {"2023-S1", FREQ_YTD_MONTHLY, 0, "2023-M01-M06", NULL},
    {"2023年上半年", FREQ_YTD_MONTHLY, 0, "2023-M01-M06", NULL},
    {"2023年前三季度", FREQ_YTD_MONTHLY, 0, "2023-M01-M09", NULL},
    {"2023", FREQ_YTD_MONTHLY, 0, "2023-M01-M12", NULL},
    /* anything else stays what it is, for the caller to reject */
    {"2023-Q2", FREQ_YTD_MONTHLY, 0, "2023-Q2", NULL},
    {"2023-S2", FREQ_YTD_MONTHLY, 0, "2023-S2", NULL},
    {"2023-01-01", FREQ_YTD_MONTHLY, 0, "2023-01-01", NULL},
    {"2023-07-15T00:00:00+08:00", FREQ_YTD_MONTHLY, 0, "2023-07-15", NULL},
    {"2023-W01", FREQ_YTD_MONTHLY, 0, "2023-W01", NULL},
    /* ytd_quarterly: a quarter names January through it (GDP 一季度,
     * 上半年, 前三季度, 全年) */
    {"2023C", FREQ_YTD_QUARTERLY, 0, "2023-Q1-Q3", NULL},
    {"2023-Q3", FREQ_YTD_QUARTERLY, 0, "2023-Q1-Q3", NULL},
    {"2023年三季度", FREQ_YTD_QUARTERLY, 0, "2023-Q1-Q3", NULL},
    {"2023年上半年", FREQ_YTD_QUARTERLY, 0, "2023-Q1-Q2", NULL},
    {"2023年1-6月", FREQ_YTD_QUARTERLY, 0, "2023-Q1-Q2", NULL},
    {"2023-01-01/P6M", FREQ_YTD_QUARTERLY, 0, "2023-Q1-Q2", NULL},
    {"2023", FREQ_YTD_QUARTERLY, 0, "2023-Q1-Q4", NULL},
    {"2023年1-5月", FREQ_YTD_QUARTERLY, 0, "2023-M01-M05", NULL},
    {"2023-09", FREQ_YTD_QUARTERLY, 0, "2023-09", NULL},
    /* other indicators: a cumulative text stays cumulative, a month a
     * month, so that neither is taken for the other */
    {"2023年1-9月", FREQ_MONTHLY, 0, "2023-M01-M09", NULL},
    {"2023-09", FREQ_MONTHLY, 0, "2023-09", NULL},
    {"2023-Q1", FREQ_MONTHLY, 0, "2023-Q1", NULL},
    {"2023-01-01/P2M", FREQ_MONTHLY, 0, "2023-M01-M02", NULL},
    {"2023年前三季度", FREQ_QUARTERLY, 0, "2023-Q1-Q3", NULL},
    {"2023-Q3", FREQ_QUARTERLY, 0, "2023-Q3", NULL},
    {"2023", FREQ_ANNUAL, 0, "2023", NULL},
    /* the year beside the text */
    {"1-11月", FREQ_YTD_MONTHLY, 2023, "2023-M01-M11", NULL},
    {"1-11月", FREQ_COUNT, 2023, "2023-M01-M11", NULL},
    {"1-2月", FREQ_MONTHLY, 2024, "2024-M01-M02", NULL},
    {"01-12月", FREQ_YTD_MONTHLY, 2023, "2023-M01-M12", NULL},
    {"1～2月", FREQ_YTD_MONTHLY, 2024, "2024-M01-M02", NULL},
    {"11月", FREQ_YTD_MONTHLY, 2023, "2023-M01-M11", NULL},
    {"11月", FREQ_MONTHLY, 2023, "2023-11", NULL},
    {"7月", FREQ_MONTHLY, 2023, "2023-07", NULL},
    {"三季度", FREQ_QUARTERLY, 2023, "2023-Q3", NULL},
    {"第三季度", FREQ_QUARTERLY, 2023, "2023-Q3", NULL},
    {"3季度", FREQ_QUARTERLY, 2023, "2023-Q3", NULL},
    {"第3季度", FREQ_QUARTERLY, 2023, "2023-Q3", NULL},
    {"前三季度", FREQ_YTD_QUARTERLY, 2023, "2023-Q1-Q3", NULL},
    {"1-3季度", FREQ_YTD_QUARTERLY, 2023, "2023-Q1-Q3", NULL},
    {"三季度", FREQ_YTD_QUARTERLY, 2023, "2023-Q1-Q3", NULL},
    {"上半年", FREQ_SEMIANNUAL, 2023, "2023-S1", NULL},
    {"2023年1-11月", FREQ_YTD_MONTHLY, 2023, "2023-M01-M11", NULL},
    {"2023-11", FREQ_MONTHLY, 2023, "2023-11", NULL},
    {"2023", FREQ_ANNUAL, 2023, "2023", NULL},
    {"2024年1-2月", FREQ_YTD_MONTHLY, 2023, NULL,
	"\"2024年1-2月\": year 2024, but the year given with it is 2023"},
    {"2024-11", FREQ_MONTHLY, 2023, NULL, "year 2024, but the year given"},
    {"2024-01-01/P2M", FREQ_YTD_MONTHLY, 2023, NULL, "year 2024, but"},
    {"1-11月", FREQ_YTD_MONTHLY, 0, NULL,
	"\"1-11月\": no year in the period and none given with it"},
    {"1-11月", FREQ_YTD_MONTHLY, 999, NULL, "year 999 out of range"},
    {"1-11月", FREQ_YTD_MONTHLY, 10000, NULL, "year 10000 out of range"},
    {"7-9月", FREQ_YTD_MONTHLY, 2023, NULL, "months 7-9 are not year to date"},
    {"13月", FREQ_MONTHLY, 2023, NULL, "\"13月\": month 13 out of range"},
    {"2023-02-01/P3M", FREQ_YTD_MONTHLY, 0, NULL, "are not one period"},
};

static void
test_parse_context(void **state)
{
	char err[256], text[PERIOD_TEXT_MAX];
	struct period p;

	(void)state;
	for (size_t i = 0; i < NELEM(context_cases); i++) {
		const struct context_case *c = &context_cases[i];
		struct period_context ctx = {c->freq, c->year};
		int rc = period_parse_ctx(c->text, &ctx, &p, err, sizeof(err));

		if (c->expect == NULL) {
			if (rc != -1)
				fail_msg("\"%s\" (%s, %d) was accepted",
				    c->text, freq_name(c->freq), c->year);
			if (strstr(err, c->msg) == NULL)
				fail_msg("\"%s\": message \"%s\" lacks \"%s\"",
				    c->text, err, c->msg);
			continue;
		}
		if (rc != 0)
			fail_msg("\"%s\" (%s, %d): %s", c->text,
			    freq_name(c->freq), c->year, err);
		period_format(&p, text, sizeof(text));
		if (strcmp(text, c->expect) != 0)
			fail_msg("\"%s\" (%s, %d): %s, want %s", c->text,
			    freq_name(c->freq), c->year, text, c->expect);
	}
}

/* Without a context, period_parse and period_parse_ctx agree. */
static void
test_parse_no_context(void **state)
{
	const struct period_context none = {FREQ_COUNT, 0};
	struct period a, b;
	char err[256];

	(void)state;
	for (size_t i = 0; i < NELEM(accept_cases); i++) {
		const char *text = accept_cases[i].text;

		assert_int_equal(period_parse(text, &a, err, sizeof(err)), 0);
		assert_int_equal(
		    period_parse_ctx(text, NULL, &b, err, sizeof(err)), 0);
		assert_true(period_equal(&a, &b));
		assert_int_equal(
		    period_parse_ctx(text, &none, &b, err, sizeof(err)), 0);
		assert_true(period_equal(&a, &b));
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
	static const char *const names[] = {"annual", "quarterly", "monthly",
	    "daily", "semiannual", "weekly", "four_monthly", "ytd_monthly",
	    "ytd_quarterly"};
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
	assert_int_equal(NELEM(names), FREQ_COUNT);
	assert_string_equal(freq_name(FREQ_COUNT), "unknown");
	assert_int_equal(FREQ_SEMIANNUAL, 4);
	assert_int_equal(FREQ_WEEKLY, 5);
	/* stored values: a new frequency is added at the end */
	assert_int_equal(FREQ_FOUR_MONTHLY, 6);
	assert_int_equal(FREQ_YTD_MONTHLY, 7);
	assert_int_equal(FREQ_YTD_QUARTERLY, 8);
	for (int i = 0; i < FREQ_COUNT; i++)
		assert_int_equal(freq_is_ytd((enum freq)i),
		    i == FREQ_YTD_MONTHLY || i == FREQ_YTD_QUARTERLY);
}

/* A message quoting a long Chinese text cuts it between characters. */
static void
test_parse_quote_utf8(void **state)
{
	const char *text = "二〇二一年第三季度国内生产总值同比增长百分比";
	struct period p;
	char err[256];
	const char *q;

	(void)state;
	assert_int_equal(period_parse(text, &p, err, sizeof(err)), -1);
	q = strstr(err, "...\"");
	assert_non_null(q);
	/* the quoted bytes are a prefix of text ending on a character */
	assert_true(q - err - 1 <= 40);
	assert_memory_equal(err + 1, text, (size_t)(q - err - 1));
	assert_true(((unsigned char)text[q - err - 1] & 0xc0) != 0x80);
}

/* A long rejected text full of control bytes (quoted as \x0b, four bytes
 * each) makes a message longer than the caller's buffer: it is cut, and
 * the cut does not split the message's Chinese examples (fuzz_period). */
static void
test_parse_cut_message_stays_utf8(void **state)
{
	const char *text = "299999\v\v\v\v210\v\v\v99999\v\v\v\v211";
	struct period p;
	char err[256];
	size_t n;

	(void)state;
	assert_int_equal(period_parse(text, &p, err, sizeof(err)), -1);
	n = strlen(err);
	assert_true(n > 200); /* it was cut near the end of the buffer */
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)err[i];
		size_t k = c < 0x80      ? 1
		    : (c & 0xe0) == 0xc0 ? 2
		    : (c & 0xf0) == 0xe0 ? 3
					 : 4;

		assert_true(i + k <= n);
		for (size_t j = 1; j < k; j++)
			assert_int_equal(
			    (unsigned char)err[i + j] & 0xc0, 0x80);
		i += k;
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_accepts),
	    cmocka_unit_test(test_parse_rejects),
	    cmocka_unit_test(test_parse_context),
	    cmocka_unit_test(test_parse_no_context),
	    cmocka_unit_test(test_parse_small_err),
	    cmocka_unit_test(test_freq_names),
	    cmocka_unit_test(test_parse_quote_utf8),
	    cmocka_unit_test(test_parse_cut_message_stays_utf8),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

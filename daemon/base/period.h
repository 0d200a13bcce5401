/*
 * period: the time periods that statistics are published for (a year, a
 * half year, four months, a quarter, a month, an ISO 8601 week, a day, and
 * the year-to-date periods of cumulative releases: January through a
 * month or a quarter), parsed from the forms feeds use and mapped to UTC
 * instants.  A period is stored at its end, so an RRD holds its value over
 * the whole period (a year-to-date period: over its last month or
 * quarter).  Pure code: no I/O, no globals.
 */
#ifndef PLANWATCH_PERIOD_H
#define PLANWATCH_PERIOD_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/*
 * The values are stored (journals, configuration ids), so a new frequency
 * is added at the end, whatever its length.
 */
enum freq {
	FREQ_ANNUAL,
	FREQ_QUARTERLY,
	FREQ_MONTHLY,
	FREQ_DAILY,
	FREQ_SEMIANNUAL,
	FREQ_WEEKLY,
	FREQ_FOUR_MONTHLY, /* SDMX reporting trimesters: 2021-T1..T3 */
	FREQ_YTD_MONTHLY, /* January through month sub: 2021-M01-M09 */
	FREQ_YTD_QUARTERLY, /* January through quarter sub: 2021-Q1-Q3 */
};

/* The number of frequencies: tables indexed by enum freq have this size. */
#define FREQ_COUNT (FREQ_YTD_QUARTERLY + 1)

/*
 * One period.  sub is 0 for a year, the half (1-2), the four months (1-3),
 * the quarter (1-4), the month (1-12), the ISO week (1-53) or the day of
 * the year (1-366); for a year-to-date period, the last month (1-12) or
 * quarter (1-4) it runs through from January.  For a week, year is the ISO
 * week-numbering year: the year of the week's Thursday, which differs from
 * the calendar year of its first or last days (2020-W53 runs from
 * 2020-12-28 to 2021-01-03).
 */
struct period {
	enum freq freq;
	int year;
	int sub;
};

/* Longest canonical period text, with its NUL ("2021-M01-M09"). */
#define PERIOD_TEXT_MAX 16

/*
 * Returns "annual", "quarterly", "monthly", "daily", "semiannual",
 * "weekly", "four_monthly", "ytd_monthly", "ytd_quarterly".
 */
const char *freq_name(enum freq freq);
/* Parses a frequency name; returns -1 on anything else. */
int freq_parse(const char *name, enum freq *freq);
/* True for the year-to-date (cumulative) frequencies. */
bool freq_is_ytd(enum freq freq);
/* The step of a year-to-date frequency: the period it runs through. */
enum freq freq_ytd_step(enum freq freq);

/*
 * What a feed knows beside a period's text: the indicator's frequency
 * (FREQ_COUNT when none) and the year of a text that names none ("1-11月";
 * 0 when none is known).
 */
struct period_context {
	enum freq freq;
	int year;
};

/*
 * Parses a period written in any form a statistics office publishes
 * (docs/collectors.md has the table), with optional surrounding blanks:
 *   annual       2021, 2021-A1, 2021年
 *   semiannual   2021-S1, 2021S2, 2021年上半年, 2021年下半年
 *   four_monthly 2021-T1..2021-T3 (SDMX reporting trimesters)
 *   quarterly    2021-Q3, 2021Q3, the NBS codes 2021A..2021D, 2021年3季度,
 *                2021年第3季度, 2021年三季度, 2021年第三季度
 *   monthly      2021-07, 2021-M07, 2021M07, 202107, 2021年7月, 2021年07月
 *   weekly       2021-W05, 2021W05 (ISO 8601 weeks; W53 only in the years
 *                that have one)
 *   daily        2021-07-15, 2021-D196 (day of the year); an ISO 8601
 *                date-time such as 2021-07-15T08:00:00+08:00, which names
 *                the calendar date written in it (the time and offset are
 *                checked, then ignored); Unix seconds, 9 to 11 digits,
 *                naming the UTC day
 *   ytd_monthly  2021-M01-M09, 2021年1-9月 (also 1—9月, 1~9月, 1至9月)
 *   ytd_quarterly 2021-Q1-Q3, 2021年1-3季度, 2021年前三季度
 * The SDMX and ISO forms may end in a time-zone offset (Z, +08:00), which
 * is checked and ignored.  An ISO 8601 time range start/duration
 * (2021-01-01/P3M, 2021-01-01T00:00:00Z/P1Y) is the one period it covers;
 * from 1 January over months that are no other period, it is year to
 * date (2021-01-01/P2M).  Chinese forms without a year ("1-11月",
 * "三季度", "7月") take ctx->year; a year written in the text must agree
 * with it.  With a year-to-date ctx->freq, a period of its step (a month,
 * a quarter) names January through that step, as cumulative releases
 * label them, and a period from 1 January to the end of a step is that
 * year-to-date period (2021-Q1 = 2021-M01-M03, 2021 = 2021-Q1-Q4).  No
 * other frequency converts: the caller rejects a period of another
 * frequency than the indicator's.  ctx may be NULL.  Years are 1000-9999.
 * Returns -1 with a message in err on anything else.
 */
int period_parse_ctx(const char *text, const struct period_context *ctx,
    struct period *p, char *err, size_t errlen);
/* period_parse_ctx without a context: what the text alone says. */
int period_parse(const char *text, struct period *p, char *err, size_t errlen);
/*
 * Writes the canonical text ("2021", "2021-S1", "2021-T2", "2021-Q3",
 * "2021-07", "2021-W05", "2021-07-15", "2021-M01-M09", "2021-Q1-Q3"),
 * which period_parse reads back.
 */
void period_format(const struct period *p, char *buf, size_t len);
/*
 * First second of the period, UTC (a week starts on a Monday; a
 * year-to-date period on 1 January).
 */
time_t period_start(const struct period *p);
/*
 * First second of the period's last step: for a year-to-date period the
 * start of the month or quarter it runs through, where the period before
 * it ends; for any other period its start.  An archive holds the value
 * from here to the end.
 */
time_t period_step_start(const struct period *p);
/* First second after the period, UTC: where its value is stored. */
time_t period_end(const struct period *p);
/*
 * The period's end on a scale of years, where the end of year Y is Y:
 * 2021 -> 2021.0, 2021-S1 -> 2020.5, 2021-Q3 -> 2020.75 (2021 - 0.25),
 * 2021-07 -> 2020 + 7/12, a day -> (Y - 1) + day_of_year / days_in_year.
 * A week is placed by its end instant like a day: 2021-W01 ends on
 * 2021-01-11, day 10 of 2021, so 2020 + 10/365; it can therefore lie past
 * its ISO year (2020-W53 -> 2020 + 3/365).  A year-to-date period is
 * placed as its last step (2021-M01-M09 as 2021-09).
 */
double period_years(const struct period *p);
/*
 * The period of frequency freq that contains the instant t (year to
 * date: the one whose last step contains it); -1 when that period's year
 * is outside 1000-9999.
 */
int period_at(time_t t, enum freq freq, struct period *p);
/* Finds the period of frequency freq that ends at end; -1 if none does. */
int period_from_end(time_t end, enum freq freq, struct period *p);
/*
 * Orders two periods by their end; <0, 0, >0 like strcmp.  Periods of
 * different frequencies that end together order the longer one first
 * (year-to-date periods after all others).
 */
int period_cmp(const struct period *a, const struct period *b);
/* True when a and b are the same period. */
bool period_equal(const struct period *a, const struct period *b);

/* "YYYY-MM-DD" as midnight UTC of that day; -1 for anything else. */
int period_day_start(const char *s, time_t *t);

#endif

/*
 * period: the time periods that statistics are published for (a year, a
 * half year, a quarter, a month, an ISO 8601 week, a day), parsed from the
 * forms feeds use and mapped to UTC instants.  A period is stored at its
 * end, so an RRD holds its value over the whole period.  Pure code: no I/O,
 * no globals.
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
};

/* The number of frequencies: tables indexed by enum freq have this size. */
#define FREQ_COUNT (FREQ_WEEKLY + 1)

/*
 * One period.  sub is 0 for a year, the half (1-2), the quarter (1-4), the
 * month (1-12), the ISO week (1-53) or the day of the year (1-366).  For a
 * week, year is the ISO week-numbering year: the year of the week's
 * Thursday, which differs from the calendar year of its first or last days
 * (2020-W53 runs from 2020-12-28 to 2021-01-03).
 */
struct period {
	enum freq freq;
	int year;
	int sub;
};

/* Longest canonical period text, with its NUL ("2021-07-15"). */
#define PERIOD_TEXT_MAX 16

/* Returns "annual", "quarterly", "monthly", "daily", "semiannual", "weekly". */
const char *freq_name(enum freq freq);
/* Parses a frequency name; returns -1 on anything else. */
int freq_parse(const char *name, enum freq *freq);

/*
 * Parses a period, with optional surrounding blanks:
 *   annual      2021, 2021年
 *   semiannual  2021-S1, 2021S2, 2021年上半年, 2021年下半年
 *   quarterly   2021-Q3, 2021Q3, the NBS codes 2021A..2021D, 2021年3季度,
 *               2021年第3季度, 2021年三季度, 2021年第三季度
 *   monthly     2021-07, 2021-M07, 202107, 2021年7月, 2021年07月
 *   weekly      2021-W05, 2021W05 (ISO 8601 weeks; W53 only in the years
 *               that have one)
 *   daily       2021-07-15; an ISO 8601 date-time such as
 *               2021-07-15T08:00:00+08:00, which names the calendar date
 *               written in it (the time and offset are checked, then
 *               ignored); Unix seconds, 9 to 11 digits, naming the UTC day.
 * Years are 1000-9999.  Returns -1 with a message in err on anything else.
 */
int period_parse(const char *text, struct period *p, char *err, size_t errlen);
/*
 * Writes the canonical text ("2021", "2021-S1", "2021-Q3", "2021-07",
 * "2021-W05", "2021-07-15"), which period_parse reads back.
 */
void period_format(const struct period *p, char *buf, size_t len);
/* First second of the period, UTC (a week starts on a Monday). */
time_t period_start(const struct period *p);
/* First second after the period, UTC: where its value is stored. */
time_t period_end(const struct period *p);
/*
 * The period's end on a scale of years, where the end of year Y is Y:
 * 2021 -> 2021.0, 2021-S1 -> 2020.5, 2021-Q3 -> 2020.75 (2021 - 0.25),
 * 2021-07 -> 2020 + 7/12, a day -> (Y - 1) + day_of_year / days_in_year.
 * A week is placed by its end instant like a day: 2021-W01 ends on
 * 2021-01-11, day 10 of 2021, so 2020 + 10/365; it can therefore lie past
 * its ISO year (2020-W53 -> 2020 + 3/365).
 */
double period_years(const struct period *p);
/*
 * The period of frequency freq that contains the instant t; -1 when that
 * period's year is outside 1000-9999.
 */
int period_at(time_t t, enum freq freq, struct period *p);
/* Finds the period of frequency freq that ends at end; -1 if none does. */
int period_from_end(time_t end, enum freq freq, struct period *p);
/*
 * Orders two periods by their end; <0, 0, >0 like strcmp.  Periods of
 * different frequencies that end together order the longer one first.
 */
int period_cmp(const struct period *a, const struct period *b);
/* True when a and b are the same period. */
bool period_equal(const struct period *a, const struct period *b);

/* "YYYY-MM-DD" as midnight UTC of that day; -1 for anything else. */
int period_day_start(const char *s, time_t *t);

#endif

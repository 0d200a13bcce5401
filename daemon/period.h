/*
 * period: the time periods that statistics are published for (a year, a
 * quarter, a month, a day), parsed from the forms feeds use and mapped to
 * UTC instants.  A period is stored at its end, so an RRD holds its value
 * over the whole period.  Pure code: no I/O, no globals.
 */
#ifndef PLANWATCH_PERIOD_H
#define PLANWATCH_PERIOD_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

enum freq {
	FREQ_ANNUAL,
	FREQ_QUARTERLY,
	FREQ_MONTHLY,
	FREQ_DAILY,
};

/*
 * One period.  sub is 0 for a year, the quarter (1-4), the month (1-12),
 * or the day of the year (1-366) for a day.
 */
struct period {
	enum freq freq;
	int year;
	int sub;
};

/* Longest canonical period text, with its NUL ("2021-07-15"). */
#define PERIOD_TEXT_MAX 16

/* Returns "annual", "quarterly", "monthly" or "daily". */
const char *freq_name(enum freq freq);
/* Parses a frequency name; returns -1 on anything else. */
int freq_parse(const char *name, enum freq *freq);

/*
 * Parses a period: "2021", "2021-Q3", "2021Q3", "2021-07", "2021-M07",
 * "202107", "2021-07-15", the NBS quarter codes "2021A".."2021D", each with
 * optional surrounding blanks.  Years are 1000-9999.  Returns -1 with a
 * message in err on anything else.
 */
int period_parse(const char *text, struct period *p, char *err, size_t errlen);
/* Writes the canonical text ("2021", "2021-Q3", "2021-07", "2021-07-15"). */
void period_format(const struct period *p, char *buf, size_t len);
/* First second of the period, UTC. */
time_t period_start(const struct period *p);
/* First second after the period, UTC: where its value is stored. */
time_t period_end(const struct period *p);
/*
 * The period's end on a scale of years, where the end of year Y is Y:
 * 2021 -> 2021.0, 2021-Q3 -> 2020.75 (2021 - 0.25), 2021-07 -> 2020 + 7/12,
 * a day -> (Y - 1) + day_of_year / days_in_year.
 */
double period_years(const struct period *p);
/* Finds the period of frequency freq that ends at end; -1 if none does. */
int period_from_end(time_t end, enum freq freq, struct period *p);
/* Orders two periods by their end; <0, 0, >0 like strcmp. */
int period_cmp(const struct period *a, const struct period *b);
/* True when a and b are the same period. */
bool period_equal(const struct period *a, const struct period *b);

#endif

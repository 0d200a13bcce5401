/*
 * period: frequencies by name, and the UTC arithmetic, formatting and
 * ordering of statistical periods (period.h).  Parsing is
 * period_parse.c, the calendar under both period_cal.c.  The
 * same-frequency ordering works on (year, sub) directly so that sorting
 * stays cheap.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "period.h"
#include "period_cal.h"

static const char *const freq_names[] = {
    [FREQ_ANNUAL] = "annual",
    [FREQ_QUARTERLY] = "quarterly",
    [FREQ_MONTHLY] = "monthly",
    [FREQ_DAILY] = "daily",
    [FREQ_SEMIANNUAL] = "semiannual",
    [FREQ_WEEKLY] = "weekly",
    [FREQ_FOUR_MONTHLY] = "four_monthly",
    [FREQ_YTD_MONTHLY] = "ytd_monthly",
    [FREQ_YTD_QUARTERLY] = "ytd_quarterly",
};

/*
 * Length rank of each frequency, longest first: periods of different
 * frequencies that end at the same instant (2021, 2021-S2, 2021-T3,
 * 2021-Q4, 2021-12, 2021-12-31) order by it.  Year-to-date periods, whose
 * length depends on the period, come after all others.  The enum's own
 * order is historical.
 */
static const int freq_rank[] = {
    [FREQ_ANNUAL] = 0,
    [FREQ_SEMIANNUAL] = 1,
    [FREQ_FOUR_MONTHLY] = 2,
    [FREQ_QUARTERLY] = 3,
    [FREQ_MONTHLY] = 4,
    [FREQ_WEEKLY] = 5,
    [FREQ_DAILY] = 6,
    [FREQ_YTD_QUARTERLY] = 7,
    [FREQ_YTD_MONTHLY] = 8,
};

const char *
freq_name(enum freq freq)
{
	if ((size_t)freq >= sizeof(freq_names) / sizeof(freq_names[0]))
		return "unknown";
	return freq_names[freq];
}

int
freq_parse(const char *name, enum freq *freq)
{
	for (size_t i = 0; i < sizeof(freq_names) / sizeof(freq_names[0]);
	     i++) {
		if (strcmp(name, freq_names[i]) == 0) {
			*freq = (enum freq)i;
			return 0;
		}
	}
	return -1;
}

bool
freq_is_ytd(enum freq freq)
{
	return freq == FREQ_YTD_MONTHLY || freq == FREQ_YTD_QUARTERLY;
}

enum freq
freq_ytd_step(enum freq freq)
{
	return freq == FREQ_YTD_QUARTERLY ? FREQ_QUARTERLY : FREQ_MONTHLY;
}

void
period_format(const struct period *p, char *buf, size_t len)
{
	int month, day;

	switch (p->freq) {
	case FREQ_ANNUAL:
		snprintf(buf, len, "%04d", p->year);
		return;
	case FREQ_SEMIANNUAL:
		snprintf(buf, len, "%04d-S%d", p->year, p->sub);
		return;
	case FREQ_FOUR_MONTHLY:
		snprintf(buf, len, "%04d-T%d", p->year, p->sub);
		return;
	case FREQ_QUARTERLY:
		snprintf(buf, len, "%04d-Q%d", p->year, p->sub);
		return;
	case FREQ_MONTHLY:
		snprintf(buf, len, "%04d-%02d", p->year, p->sub);
		return;
	case FREQ_WEEKLY:
		snprintf(buf, len, "%04d-W%02d", p->year, p->sub);
		return;
	case FREQ_YTD_MONTHLY:
		snprintf(buf, len, "%04d-M01-M%02d", p->year, p->sub);
		return;
	case FREQ_YTD_QUARTERLY:
		snprintf(buf, len, "%04d-Q1-Q%d", p->year, p->sub);
		return;
	case FREQ_DAILY:
		cal_doy_to_md(p->year, p->sub, &month, &day);
		snprintf(buf, len, "%04d-%02d-%02d", p->year, month, day);
		return;
	}
	snprintf(buf, len, "?");
}

/* The last step of a year-to-date period (its last month or quarter);
 * any other period is its own. */
static struct period
last_step(const struct period *p)
{
	struct period s = *p;

	if (freq_is_ytd(p->freq))
		s.freq = freq_ytd_step(p->freq);
	return s;
}

time_t
period_start(const struct period *p)
{
	int month, day;

	switch (p->freq) {
	case FREQ_ANNUAL:
	case FREQ_YTD_MONTHLY:
	case FREQ_YTD_QUARTERLY:
		return cal_utc_date(p->year, 1, 1);
	case FREQ_SEMIANNUAL:
		return cal_utc_date(p->year, 6 * (p->sub - 1) + 1, 1);
	case FREQ_FOUR_MONTHLY:
		return cal_utc_date(p->year, 4 * (p->sub - 1) + 1, 1);
	case FREQ_QUARTERLY:
		return cal_utc_date(p->year, 3 * (p->sub - 1) + 1, 1);
	case FREQ_MONTHLY:
		return cal_utc_date(p->year, p->sub, 1);
	case FREQ_WEEKLY:
		return (time_t)((cal_iso_week1(p->year) + 7LL * (p->sub - 1)) *
		    DAY_SECONDS);
	case FREQ_DAILY:
		break;
	}
	cal_doy_to_md(p->year, p->sub, &month, &day);
	return cal_utc_date(p->year, month, day);
}

time_t
period_step_start(const struct period *p)
{
	struct period s = last_step(p);

	return period_start(&s);
}

/* The number of sub-periods in a year of frequency freq. */
static int
subs_per_year(enum freq freq, int year)
{
	switch (freq) {
	case FREQ_ANNUAL:
		return 0;
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
		return cal_weeks_in_year(year);
	case FREQ_DAILY:
		break;
	}
	return cal_days_in_year(year);
}

/* The period that follows p. */
static void
period_next(const struct period *p, struct period *next)
{
	*next = *p;
	if (p->freq == FREQ_ANNUAL ||
	    p->sub >= subs_per_year(p->freq, p->year)) {
		next->year++;
		next->sub = p->freq == FREQ_ANNUAL ? 0 : 1;
	} else
		next->sub++;
}

time_t
period_end(const struct period *p)
{
	struct period s = last_step(p), next;

	period_next(&s, &next);
	return period_start(&next);
}

/* An instant on the scale of years: (Y - 1) + days into Y / days of Y. */
static double
instant_years(time_t t)
{
	long long days = cal_floor_div((long long)t, DAY_SECONDS);
	int year, month, day;

	cal_civil_from_days(days, &year, &month, &day);
	return (year - 1) +
	    (double)(days - cal_days_from_civil(year, 1, 1)) /
	    cal_days_in_year(year);
}

double
period_years(const struct period *p)
{
	if (p->freq == FREQ_ANNUAL)
		return p->year;
	if (p->freq == FREQ_WEEKLY)
		return instant_years(period_end(p));
	return (p->year - 1) + (double)p->sub / subs_per_year(p->freq, p->year);
}

/*
 * Instants outside these bounds belong to no period of years 1000-9999
 * (a week of ISO year 1000 may start late in 999); checking them first
 * keeps the day arithmetic away from overflow.
 */
static bool
instant_in_range(long long t)
{
	long long lo = cal_days_from_civil(YEAR_MIN - 1, 12, 1) * DAY_SECONDS;
	long long hi = cal_days_from_civil(YEAR_MAX + 1, 2, 1) * DAY_SECONDS;

	return t >= lo && t < hi;
}

int
period_at(time_t t, enum freq freq, struct period *p)
{
	struct period cand = {.freq = freq, .sub = 0};
	long long days;
	int month, day;

	if (!instant_in_range((long long)t))
		return -1;
	days = cal_floor_div((long long)t, DAY_SECONDS);
	cal_civil_from_days(days, &cand.year, &month, &day);
	switch (freq) {
	case FREQ_ANNUAL:
		break;
	case FREQ_SEMIANNUAL:
		cand.sub = (month - 1) / 6 + 1;
		break;
	case FREQ_FOUR_MONTHLY:
		cand.sub = (month - 1) / 4 + 1;
		break;
	case FREQ_QUARTERLY:
	case FREQ_YTD_QUARTERLY:
		cand.sub = (month - 1) / 3 + 1;
		break;
	case FREQ_MONTHLY:
	case FREQ_YTD_MONTHLY:
		cand.sub = month;
		break;
	case FREQ_WEEKLY:
		cal_iso_week_of(days, &cand.year, &cand.sub);
		break;
	case FREQ_DAILY:
		cand.sub = cal_md_to_doy(cand.year, month, day);
		break;
	default:
		return -1;
	}
	if (cand.year < YEAR_MIN || cand.year > YEAR_MAX)
		return -1;
	*p = cand;
	return 0;
}

/*
 * The instant end is the first second after the period, so the candidate
 * is the period containing end - 1; it is the answer only if it really
 * ends at end, which rejects instants that are not on a boundary.
 */
int
period_from_end(time_t end, enum freq freq, struct period *p)
{
	struct period cand;

	if (!instant_in_range((long long)end))
		return -1;
	if (period_at(end - 1, freq, &cand) == -1 || period_end(&cand) != end)
		return -1;
	*p = cand;
	return 0;
}

static int
int_cmp(long long a, long long b)
{
	return (a > b) - (a < b);
}

/* The rank of a frequency, out-of-range values last. */
static int
rank(enum freq freq)
{
	if ((size_t)freq >= sizeof(freq_rank) / sizeof(freq_rank[0]))
		return FREQ_COUNT;
	return freq_rank[freq];
}

/*
 * Periods of one frequency compare by (year, sub) without computing
 * instants (for weeks the ISO year and week order the same way).  Periods
 * of different frequencies compare by end; where the ends are the same
 * (2021, 2021-Q4, 2021-12 and 2021-12-31) the longer period comes first,
 * so that 0 means equal.
 */
int
period_cmp(const struct period *a, const struct period *b)
{
	int c;

	if (a->freq == b->freq) {
		if ((c = int_cmp(a->year, b->year)) != 0)
			return c;
		return int_cmp(a->sub, b->sub);
	}
	if ((c = int_cmp(period_end(a), period_end(b))) != 0)
		return c;
	return int_cmp(rank(a->freq), rank(b->freq));
}

bool
period_equal(const struct period *a, const struct period *b)
{
	return a->freq == b->freq && a->year == b->year && a->sub == b->sub;
}

int
period_day_start(const char *s, time_t *t)
{
	struct tm tm = {0};
	char extra;

	if (sscanf(s, "%4d-%2d-%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
		&extra) != 3 ||
	    tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 ||
	    tm.tm_mday > 31)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*t = timegm(&tm);
	return 0;
}

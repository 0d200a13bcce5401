/*
 * period: parsing, formatting and UTC arithmetic of statistical periods.
 * The accepted text forms are a table of patterns ("yyyy-Qq" and so on)
 * matched character by character, so that adding a form is one line and
 * nothing lenient (a one-digit month, a trailing letter) slips through the
 * way it would with sscanf.  Two shapes do not fit a pattern and have their
 * own readers: ISO 8601 date-times (optional seconds, fractions and
 * offsets) and Unix seconds.
 *
 * Instants come from day counts on the proleptic Gregorian calendar
 * (days_from_civil and its inverse), not from timegm() and gmtime_r(): the
 * arithmetic is exact for every year 1000-9999, independent of the C
 * library, and ISO weeks need day counts anyway.  The same-frequency
 * ordering works on (year, sub) directly so that sorting stays cheap.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "period.h"

/* Longest period text quoted back in an error message. */
#define PERIOD_QUOTE_MAX 40
#define DAY_SECONDS 86400
#define YEAR_MIN 1000
#define YEAR_MAX 9999
/* Unix seconds are written with this many digits (1973 to 5138). */
#define UNIX_DIGITS_MIN 9
#define UNIX_DIGITS_MAX 11

static const char *const freq_names[] = {
    [FREQ_ANNUAL] = "annual",
    [FREQ_QUARTERLY] = "quarterly",
    [FREQ_MONTHLY] = "monthly",
    [FREQ_DAILY] = "daily",
    [FREQ_SEMIANNUAL] = "semiannual",
    [FREQ_WEEKLY] = "weekly",
};

/*
 * Length rank of each frequency, longest first: periods of different
 * frequencies that end at the same instant (2021, 2021-S2, 2021-Q4,
 * 2021-12, 2021-12-31) order by it.  The enum's own order is historical.
 */
static const int freq_rank[] = {
    [FREQ_ANNUAL] = 0,
    [FREQ_SEMIANNUAL] = 1,
    [FREQ_QUARTERLY] = 2,
    [FREQ_MONTHLY] = 3,
    [FREQ_WEEKLY] = 4,
    [FREQ_DAILY] = 5,
};

/*
 * One accepted text form.  In a pattern, 'y', 's', 'q', 'm', 'w' and 'd'
 * stand for a digit of the year, half, quarter, month, week and day, 'n'
 * for an NBS quarter letter A-D, 'c' for a Chinese quarter numeral 一-四
 * and 'h' for 上 or 下 (first or second half); every other byte must
 * appear literally, UTF-8 included.
 */
struct period_form {
	const char *pattern;
	enum freq freq;
};

static const struct period_form period_forms[] = {
    {"yyyy", FREQ_ANNUAL},
    {"yyyy-Ss", FREQ_SEMIANNUAL},
    {"yyyySs", FREQ_SEMIANNUAL},
    {"yyyy-Qq", FREQ_QUARTERLY},
    {"yyyyQq", FREQ_QUARTERLY},
    {"yyyyn", FREQ_QUARTERLY},
    {"yyyy-mm", FREQ_MONTHLY},
    {"yyyy-Mmm", FREQ_MONTHLY},
    {"yyyymm", FREQ_MONTHLY},
    {"yyyy-Www", FREQ_WEEKLY},
    {"yyyyWww", FREQ_WEEKLY},
    {"yyyy-mm-dd", FREQ_DAILY},
    {"yyyy年", FREQ_ANNUAL},
    {"yyyy年h半年", FREQ_SEMIANNUAL},
    {"yyyy年q季度", FREQ_QUARTERLY},
    {"yyyy年第q季度", FREQ_QUARTERLY},
    {"yyyy年c季度", FREQ_QUARTERLY},
    {"yyyy年第c季度", FREQ_QUARTERLY},
    {"yyyy年m月", FREQ_MONTHLY},
    {"yyyy年mm月", FREQ_MONTHLY},
};

/* The words a multi-byte pattern character stands for, value 1 first. */
static const char *const cn_quarters[] = {"一", "二", "三", "四"};
static const char *const cn_halves[] = {"上", "下"};

/* The fields a pattern collects. */
struct period_fields {
	int year, half, quarter, month, week, day;
};

/* The time of day and offset of a date-time, checked and then ignored. */
struct time_fields {
	int hour, minute, second, off_hour, off_minute;
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

static bool
is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_year(int year)
{
	return is_leap(year) ? 366 : 365;
}

static int
days_in_month(int year, int month)
{
	static const int days[] = {
	    31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (month == 2 && is_leap(year))
		return 29;
	return days[month - 1];
}

/* Converts a day of the year (1-366) to a month and a day of the month. */
static void
doy_to_md(int year, int doy, int *month, int *day)
{
	int m = 1;

	while (m < 12 && doy > days_in_month(year, m)) {
		doy -= days_in_month(year, m);
		m++;
	}
	*month = m;
	*day = doy;
}

static int
md_to_doy(int year, int month, int day)
{
	for (int m = 1; m < month; m++)
		day += days_in_month(year, m);
	return day;
}

static long long
floor_div(long long a, long long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/*
 * Days from 1970-01-01 to year-month-day on the proleptic Gregorian
 * calendar (Howard Hinnant's algorithm: years counted from March, so the
 * leap day is the last day of its year, in 400-year eras).
 */
static long long
days_from_civil(int year, int month, int day)
{
	long long y = year - (month <= 2), era, yoe, doy, doe;

	era = floor_div(y, 400);
	yoe = y - era * 400;
	doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The inverse of days_from_civil; days must be within a few million years. */
static void
civil_from_days(long long days, int *year, int *month, int *day)
{
	long long z = days + 719468, era, doe, yoe, doy, mp;

	era = floor_div(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = (int)(yoe + era * 400 + (*month <= 2));
}

/* Day of the week of a day count, Monday 0 to Sunday 6 (1970-01-01: 3). */
static int
weekday(long long days)
{
	return (int)(days + 3 - 7 * floor_div(days + 3, 7));
}

/* The Monday that starts ISO week 1: the week holding 4 January. */
static long long
iso_week1(int year)
{
	long long jan4 = days_from_civil(year, 1, 4);

	return jan4 - weekday(jan4);
}

/* 53 for years whose 1 January or (leap years) 2 January is a Thursday. */
static int
weeks_in_year(int year)
{
	return (int)((iso_week1(year + 1) - iso_week1(year)) / 7);
}

/* The ISO year and week of a day: those of the Thursday of its week. */
static void
iso_week_of(long long days, int *year, int *week)
{
	long long thursday = days - weekday(days) + 3;
	int month, day;

	civil_from_days(thursday, year, &month, &day);
	*week = (int)((thursday - iso_week1(*year)) / 7 + 1);
}

static time_t
utc_date(int year, int month, int day)
{
	return (time_t)(days_from_civil(year, month, day) * DAY_SECONDS);
}

static bool
is_blank(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Adds one pattern character's worth of text to the fields; false if c
 * does not fit the pattern character pc. */
static bool
form_step(char pc, char c, struct period_fields *f)
{
	int *field = NULL;

	switch (pc) {
	case 'y':
		field = &f->year;
		break;
	case 's':
		field = &f->half;
		break;
	case 'q':
		field = &f->quarter;
		break;
	case 'm':
		field = &f->month;
		break;
	case 'w':
		field = &f->week;
		break;
	case 'd':
		field = &f->day;
		break;
	case 'n':
		if (c < 'A' || c > 'D')
			return false;
		f->quarter = c - 'A' + 1;
		return true;
	default:
		return c == pc;
	}
	if (!is_digit(c))
		return false;
	*field = *field * 10 + (c - '0');
	return true;
}

/* Matches one of words at text; its length, with its 1-based index in
 * *field, or 0. */
static size_t
word_match(const char *const *words, size_t nwords, const char *text,
    size_t len, int *field)
{
	for (size_t k = 0; k < nwords; k++) {
		size_t n = strlen(words[k]);

		if (n <= len && memcmp(text, words[k], n) == 0) {
			*field = (int)k + 1;
			return n;
		}
	}
	return 0;
}

/*
 * Matches the start of text[0..len) against a pattern; the number of
 * bytes the whole pattern took, or 0 when it does not match.
 */
static size_t
form_prefix(
    const char *pattern, const char *text, size_t len, struct period_fields *f)
{
	size_t j = 0, n;

	memset(f, 0, sizeof(*f));
	for (const char *pc = pattern; *pc != '\0'; pc++) {
		if (*pc == 'c' || *pc == 'h') {
			if (*pc == 'c')
				n = word_match(cn_quarters, 4, text + j,
				    len - j, &f->quarter);
			else
				n = word_match(
				    cn_halves, 2, text + j, len - j, &f->half);
			if (n == 0)
				return 0;
			j += n;
		} else if (j < len && form_step(*pc, text[j], f))
			j++;
		else
			return 0;
	}
	return j;
}

/* Matches all of text[0..len) against one form; fills f on success. */
static bool
form_match(
    const char *pattern, const char *text, size_t len, struct period_fields *f)
{
	return form_prefix(pattern, text, len, f) == len;
}

/* Reads two digits at s[*i] into *v. */
static bool
two_digits(const char *s, size_t len, size_t *i, int *v)
{
	if (*i + 2 > len || !is_digit(s[*i]) || !is_digit(s[*i + 1]))
		return false;
	*v = (s[*i] - '0') * 10 + (s[*i + 1] - '0');
	*i += 2;
	return true;
}

/* Takes the character c at s[*i] if it is there. */
static bool
take(const char *s, size_t len, size_t *i, char c)
{
	if (*i < len && s[*i] == c) {
		(*i)++;
		return true;
	}
	return false;
}

/*
 * Reads "hh:mm[:ss[.f]][zone]", the zone being Z, +hh, +hhmm or +hh:mm
 * (or with '-'), or nothing.  Only the shape is checked here.
 */
static bool
time_shape(const char *s, size_t len, struct time_fields *t)
{
	size_t i = 0, digits = 0;

	memset(t, 0, sizeof(*t));
	if (!two_digits(s, len, &i, &t->hour) || !take(s, len, &i, ':') ||
	    !two_digits(s, len, &i, &t->minute))
		return false;
	if (take(s, len, &i, ':')) {
		if (!two_digits(s, len, &i, &t->second))
			return false;
		if (take(s, len, &i, '.')) {
			while (i < len && is_digit(s[i]) && digits < 9) {
				i++;
				digits++;
			}
			if (digits == 0)
				return false;
		}
	}
	if (i == len)
		return true;
	if (take(s, len, &i, 'Z'))
		return i == len;
	if (!take(s, len, &i, '+') && !take(s, len, &i, '-'))
		return false;
	if (!two_digits(s, len, &i, &t->off_hour))
		return false;
	if (i == len)
		return true;
	take(s, len, &i, ':');
	return two_digits(s, len, &i, &t->off_minute) && i == len;
}

/* Checks the ranges of a date-time's time of day and offset. */
static int
time_check(const struct time_fields *t, const char *text, int tlen, char *err,
    size_t errlen)
{
	const struct {
		const char *what;
		int value, max;
	} fields[] = {
	    {"hour", t->hour, 23},
	    {"minute", t->minute, 59},
	    {"second", t->second, 60}, /* a leap second */
	    {"offset hour", t->off_hour, 23},
	    {"offset minute", t->off_minute, 59},
	};

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (fields[i].value > fields[i].max) {
			snprintf(err, errlen, "\"%.*s\": %s %d out of range",
			    tlen, text, fields[i].what, fields[i].value);
			return -1;
		}
	}
	return 0;
}

/* Checks the ranges of the fields and builds a period of a date. */
static int
date_build(const struct period_fields *f, struct period *p, const char *text,
    int tlen, char *err, size_t errlen)
{
	if (f->month < 1 || f->month > 12) {
		snprintf(err, errlen, "\"%.*s\": month %d out of range", tlen,
		    text, f->month);
		return -1;
	}
	if (p->freq == FREQ_MONTHLY) {
		p->sub = f->month;
		return 0;
	}
	if (f->day < 1 || f->day > days_in_month(f->year, f->month)) {
		snprintf(err, errlen,
		    "\"%.*s\": day %d out of range (%04d-%02d has %d days)",
		    tlen, text, f->day, f->year, f->month,
		    days_in_month(f->year, f->month));
		return -1;
	}
	p->sub = md_to_doy(f->year, f->month, f->day);
	return 0;
}

/* Checks a sub-period number against 1..max; what names it in err. */
static int
sub_check(int v, int max, const char *what, struct period *p, const char *text,
    int tlen, char *err, size_t errlen)
{
	if (v < 1 || v > max) {
		snprintf(err, errlen, "\"%.*s\": %s %d out of range", tlen,
		    text, what, v);
		return -1;
	}
	p->sub = v;
	return 0;
}

/* Checks the ranges of the fields and builds the period. */
static int
period_build(enum freq freq, const struct period_fields *f, struct period *p,
    const char *text, int tlen, char *err, size_t errlen)
{
	int weeks;

	if (f->year < YEAR_MIN) {
		snprintf(err, errlen, "\"%.*s\": year %d out of range", tlen,
		    text, f->year);
		return -1;
	}
	p->freq = freq;
	p->year = f->year;
	p->sub = 0;
	switch (freq) {
	case FREQ_ANNUAL:
		return 0;
	case FREQ_SEMIANNUAL:
		return sub_check(
		    f->half, 2, "half", p, text, tlen, err, errlen);
	case FREQ_QUARTERLY:
		return sub_check(
		    f->quarter, 4, "quarter", p, text, tlen, err, errlen);
	case FREQ_WEEKLY:
		weeks = weeks_in_year(f->year);
		if (f->week == 53 && weeks == 52) {
			snprintf(err, errlen,
			    "\"%.*s\": week 53 out of range (%04d has 52 ISO "
			    "weeks)",
			    tlen, text, f->year);
			return -1;
		}
		return sub_check(
		    f->week, weeks, "week", p, text, tlen, err, errlen);
	case FREQ_MONTHLY:
	case FREQ_DAILY:
		break;
	}
	return date_build(f, p, text, tlen, err, errlen);
}

/*
 * An ISO 8601 date-time names the calendar date written in it: the time
 * and the offset are checked and then ignored.  Statistics are published
 * for dates, not instants, and a feed that writes 2021-07-15T00:00:00+08:00
 * means 15 July, which converting to UTC would turn into 14 July.
 * Returns 1 when text is not a date-time at all.
 */
static int
datetime_parse(const char *text, size_t len, struct period *p, int tlen,
    char *err, size_t errlen)
{
	struct period_fields f;
	struct time_fields t;
	size_t n;

	n = form_prefix("yyyy-mm-ddT", text, len, &f);
	if (n == 0 || !time_shape(text + n, len - n, &t))
		return 1;
	if (period_build(FREQ_DAILY, &f, p, text, tlen, err, errlen) == -1)
		return -1;
	return time_check(&t, text, tlen, err, errlen);
}

/* Unix seconds, 9 to 11 digits and nothing else, name their UTC day.
 * Returns 1 when text is not such a number. */
static int
unix_parse(const char *text, size_t len, struct period *p)
{
	long long t = 0;
	int year, month, day;

	if (len < UNIX_DIGITS_MIN || len > UNIX_DIGITS_MAX)
		return 1;
	for (size_t i = 0; i < len; i++) {
		if (!is_digit(text[i]))
			return 1;
		t = t * 10 + (text[i] - '0');
	}
	civil_from_days(floor_div(t, DAY_SECONDS), &year, &month, &day);
	p->freq = FREQ_DAILY;
	p->year = year;
	p->sub = md_to_doy(year, month, day);
	return 0;
}

/* The quoted length of text: at most PERIOD_QUOTE_MAX bytes, cut before a
 * UTF-8 continuation byte so that a message stays valid UTF-8. */
static int
quote_len(const char *text, size_t len)
{
	size_t q = len;

	if (q > PERIOD_QUOTE_MAX) {
		q = PERIOD_QUOTE_MAX;
		while (q > 0 && ((unsigned char)text[q] & 0xc0) == 0x80)
			q--;
	}
	return (int)q;
}

int
period_parse(const char *text, struct period *p, char *err, size_t errlen)
{
	struct period_fields f;
	size_t len;
	int qlen, rc;

	while (is_blank(*text))
		text++;
	len = strlen(text);
	while (len > 0 && is_blank(text[len - 1]))
		len--;
	if (len == 0) {
		snprintf(err, errlen, "empty period");
		return -1;
	}
	qlen = quote_len(text, len);
	for (size_t i = 0; i < sizeof(period_forms) / sizeof(period_forms[0]);
	     i++) {
		if (form_match(period_forms[i].pattern, text, len, &f))
			return period_build(period_forms[i].freq, &f, p, text,
			    qlen, err, errlen);
	}
	if ((rc = datetime_parse(text, len, p, qlen, err, errlen)) != 1)
		return rc;
	if (unix_parse(text, len, p) == 0)
		return 0;
	snprintf(err, errlen,
	    "\"%.*s%s\": not a period (expected a form like 2021, 2021-S1, "
	    "2021-Q3, 2021A, 2021-07, 2021-M07, 202107, 2021-W05, 2021-07-15, "
	    "2021-07-15T08:00:00+08:00, 1626307200, 2021年第三季度 or "
	    "2021年7月)",
	    qlen, text, (size_t)qlen < len ? "..." : "");
	return -1;
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
	case FREQ_QUARTERLY:
		snprintf(buf, len, "%04d-Q%d", p->year, p->sub);
		return;
	case FREQ_MONTHLY:
		snprintf(buf, len, "%04d-%02d", p->year, p->sub);
		return;
	case FREQ_WEEKLY:
		snprintf(buf, len, "%04d-W%02d", p->year, p->sub);
		return;
	case FREQ_DAILY:
		doy_to_md(p->year, p->sub, &month, &day);
		snprintf(buf, len, "%04d-%02d-%02d", p->year, month, day);
		return;
	}
	snprintf(buf, len, "?");
}

time_t
period_start(const struct period *p)
{
	int month, day;

	switch (p->freq) {
	case FREQ_ANNUAL:
		return utc_date(p->year, 1, 1);
	case FREQ_SEMIANNUAL:
		return utc_date(p->year, 6 * (p->sub - 1) + 1, 1);
	case FREQ_QUARTERLY:
		return utc_date(p->year, 3 * (p->sub - 1) + 1, 1);
	case FREQ_MONTHLY:
		return utc_date(p->year, p->sub, 1);
	case FREQ_WEEKLY:
		return (time_t)((iso_week1(p->year) + 7LL * (p->sub - 1)) *
		    DAY_SECONDS);
	case FREQ_DAILY:
		break;
	}
	doy_to_md(p->year, p->sub, &month, &day);
	return utc_date(p->year, month, day);
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
	case FREQ_QUARTERLY:
		return 4;
	case FREQ_MONTHLY:
		return 12;
	case FREQ_WEEKLY:
		return weeks_in_year(year);
	case FREQ_DAILY:
		break;
	}
	return days_in_year(year);
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
	struct period next;

	period_next(p, &next);
	return period_start(&next);
}

/* An instant on the scale of years: (Y - 1) + days into Y / days of Y. */
static double
instant_years(time_t t)
{
	long long days = floor_div((long long)t, DAY_SECONDS);
	int year, month, day;

	civil_from_days(days, &year, &month, &day);
	return (year - 1) +
	    (double)(days - days_from_civil(year, 1, 1)) / days_in_year(year);
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
	long long lo = days_from_civil(YEAR_MIN - 1, 12, 1) * DAY_SECONDS;
	long long hi = days_from_civil(YEAR_MAX + 1, 2, 1) * DAY_SECONDS;

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
	days = floor_div((long long)t, DAY_SECONDS);
	civil_from_days(days, &cand.year, &month, &day);
	switch (freq) {
	case FREQ_ANNUAL:
		break;
	case FREQ_SEMIANNUAL:
		cand.sub = (month - 1) / 6 + 1;
		break;
	case FREQ_QUARTERLY:
		cand.sub = (month - 1) / 3 + 1;
		break;
	case FREQ_MONTHLY:
		cand.sub = month;
		break;
	case FREQ_WEEKLY:
		iso_week_of(days, &cand.year, &cand.sub);
		break;
	case FREQ_DAILY:
		cand.sub = md_to_doy(cand.year, month, day);
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

/*
 * period: parsing, formatting and UTC arithmetic of statistical periods.
 * The accepted text forms are a table of patterns ("yyyy-Qq" and so on)
 * matched character by character, so that adding a form is one line and
 * nothing lenient (a one-digit month, a trailing letter) slips through the
 * way it would with sscanf.  Instants come from timegm(); the same-frequency
 * ordering works on (year, sub) directly so that sorting stays cheap.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "period.h"

/* Longest period text quoted back in an error message. */
#define PERIOD_QUOTE_MAX 40

static const char *const freq_names[] = {
    [FREQ_ANNUAL] = "annual",
    [FREQ_QUARTERLY] = "quarterly",
    [FREQ_MONTHLY] = "monthly",
    [FREQ_DAILY] = "daily",
};

/*
 * One accepted text form.  In a pattern, 'y', 'q', 'm' and 'd' stand for a
 * digit of the year, quarter, month and day, 'n' for an NBS quarter letter
 * A-D; every other character must appear literally.
 */
struct period_form {
	const char *pattern;
	enum freq freq;
};

static const struct period_form period_forms[] = {
    {"yyyy", FREQ_ANNUAL},
    {"yyyy-Qq", FREQ_QUARTERLY},
    {"yyyyQq", FREQ_QUARTERLY},
    {"yyyyn", FREQ_QUARTERLY},
    {"yyyy-mm", FREQ_MONTHLY},
    {"yyyy-Mmm", FREQ_MONTHLY},
    {"yyyymm", FREQ_MONTHLY},
    {"yyyy-mm-dd", FREQ_DAILY},
};

/* The fields a pattern collects. */
struct period_fields {
	int year, quarter, month, day;
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
	case 'q':
		field = &f->quarter;
		break;
	case 'm':
		field = &f->month;
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

/* Matches text[0..len) against one form; fills f on success. */
static bool
form_match(const struct period_form *form, const char *text, size_t len,
    struct period_fields *f)
{
	if (strlen(form->pattern) != len)
		return false;
	memset(f, 0, sizeof(*f));
	for (size_t i = 0; i < len; i++) {
		if (!form_step(form->pattern[i], text[i], f))
			return false;
	}
	return true;
}

/* Checks the ranges of the fields and builds the period. */
static int
period_build(enum freq freq, const struct period_fields *f, struct period *p,
    const char *text, int tlen, char *err, size_t errlen)
{
	if (f->year < 1000) {
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
	case FREQ_QUARTERLY:
		if (f->quarter < 1 || f->quarter > 4) {
			snprintf(err, errlen,
			    "\"%.*s\": quarter %d out of range", tlen, text,
			    f->quarter);
			return -1;
		}
		p->sub = f->quarter;
		return 0;
	default:
		break;
	}
	if (f->month < 1 || f->month > 12) {
		snprintf(err, errlen, "\"%.*s\": month %d out of range", tlen,
		    text, f->month);
		return -1;
	}
	if (freq == FREQ_MONTHLY) {
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

int
period_parse(const char *text, struct period *p, char *err, size_t errlen)
{
	struct period_fields f;
	size_t len;
	int qlen;

	while (is_blank(*text))
		text++;
	len = strlen(text);
	while (len > 0 && is_blank(text[len - 1]))
		len--;
	if (len == 0) {
		snprintf(err, errlen, "empty period");
		return -1;
	}
	qlen = len > PERIOD_QUOTE_MAX ? PERIOD_QUOTE_MAX : (int)len;
	for (size_t i = 0; i < sizeof(period_forms) / sizeof(period_forms[0]);
	     i++) {
		if (form_match(&period_forms[i], text, len, &f))
			return period_build(period_forms[i].freq, &f, p, text,
			    qlen, err, errlen);
	}
	snprintf(err, errlen,
	    "\"%.*s%s\": not a period (expected a form like 2021, 2021-Q3, "
	    "2021A, 2021-07, 2021-M07, 202107 or 2021-07-15)",
	    qlen, text, len > PERIOD_QUOTE_MAX ? "..." : "");
	return -1;
}

void
period_format(const struct period *p, char *buf, size_t len)
{
	int month, day;

	switch (p->freq) {
	case FREQ_ANNUAL:
		snprintf(buf, len, "%04d", p->year);
		break;
	case FREQ_QUARTERLY:
		snprintf(buf, len, "%04d-Q%d", p->year, p->sub);
		break;
	case FREQ_MONTHLY:
		snprintf(buf, len, "%04d-%02d", p->year, p->sub);
		break;
	case FREQ_DAILY:
		doy_to_md(p->year, p->sub, &month, &day);
		snprintf(buf, len, "%04d-%02d-%02d", p->year, month, day);
		break;
	}
}

static time_t
utc_date(int year, int month, int day)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = year - 1900;
	tm.tm_mon = month - 1;
	tm.tm_mday = day;
	return timegm(&tm);
}

time_t
period_start(const struct period *p)
{
	int month, day;

	switch (p->freq) {
	case FREQ_ANNUAL:
		return utc_date(p->year, 1, 1);
	case FREQ_QUARTERLY:
		return utc_date(p->year, 3 * (p->sub - 1) + 1, 1);
	case FREQ_MONTHLY:
		return utc_date(p->year, p->sub, 1);
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
	case FREQ_QUARTERLY:
		return 4;
	case FREQ_MONTHLY:
		return 12;
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

double
period_years(const struct period *p)
{
	if (p->freq == FREQ_ANNUAL)
		return p->year;
	return (p->year - 1) + (double)p->sub / subs_per_year(p->freq, p->year);
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
	time_t last = end - 1;
	struct tm tm;

	if (gmtime_r(&last, &tm) == NULL)
		return -1;
	cand.freq = freq;
	cand.year = tm.tm_year + 1900;
	switch (freq) {
	case FREQ_ANNUAL:
		cand.sub = 0;
		break;
	case FREQ_QUARTERLY:
		cand.sub = tm.tm_mon / 3 + 1;
		break;
	case FREQ_MONTHLY:
		cand.sub = tm.tm_mon + 1;
		break;
	case FREQ_DAILY:
		cand.sub = tm.tm_yday + 1;
		break;
	default:
		return -1;
	}
	if (cand.year < 1000 || cand.year > 9999 || period_end(&cand) != end)
		return -1;
	*p = cand;
	return 0;
}

static int
int_cmp(long long a, long long b)
{
	return (a > b) - (a < b);
}

/*
 * Periods of one frequency compare by (year, sub) without calling timegm.
 * Periods of different frequencies compare by end; where the ends are the
 * same (2021, 2021-Q4, 2021-12 and 2021-12-31) the coarser period comes
 * first, so that 0 means equal.
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
	return int_cmp(a->freq, b->freq);
}

bool
period_equal(const struct period *a, const struct period *b)
{
	return a->freq == b->freq && a->year == b->year && a->sub == b->sub;
}

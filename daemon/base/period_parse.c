/*
 * period_parse: one parser of statistical periods for every feed format,
 * the configuration and the journal, so that a form accepted anywhere is
 * accepted everywhere.  The accepted text forms are a table of patterns
 * ("yyyy-Qq" and so on, matched by period_form.c), so that adding a form
 * is one line.  Three shapes do not fit a pattern and have their own
 * readers: ISO 8601 date-times (optional seconds, fractions and offsets),
 * ISO 8601 time ranges (start/duration, as SDMX 2.1 writes a period that
 * has no code of its own) and Unix seconds.
 *
 * The sources of the forms: the SDMX 2.1 technical notes (section 6,
 * "time period": the Gregorian periods 2021, 2021-07, 2021-07-15, the
 * reporting periods 2021-A1, -S1, -T1, -Q1, -M01, -W01, -D001 with an
 * optional time-zone offset, date-times and start/duration ranges), ISO
 * 8601, and what statistics offices actually publish: the NBS easyquery
 * codes (2021A, 202107), PxWeb and the World Bank (2021M07), and Chinese
 * releases, which are mostly cumulative ("2023年1-9月", "1-11月",
 * "前三季度").  A reporting period is taken in a reporting year that
 * starts on 1 January, the SDMX default: the REPORTING_YEAR_START_DAY
 * attribute is not in the text and is not read.
 *
 * A year-to-date period (January through month or quarter n) is a
 * frequency of its own, never confused with the month or quarter it ends
 * in: the text yields one when it says so ("1-9月", 2021-M01-M09) or when
 * the indicator's frequency is year to date, in which case a month or
 * quarter label names the cumulative period through it, as NBS labels
 * its 累计 series.  Texts that name no year take it from the context.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "period.h"
#include "period_cal.h"
#include "period_form.h"
#include "quote.h"

/* Longest period text quoted back in an error message. */
#define PERIOD_QUOTE_MAX 40
/* Unix seconds are written with this many digits (1973 to 5138). */
#define UNIX_DIGITS_MIN 9
#define UNIX_DIGITS_MAX 11
/* A duration's count has at most this many digits (P9999D). */
#define DURATION_DIGITS_MAX 4

/* What a form needs beyond its pattern. */
enum {
	FORM_ZONE = 1 << 0, /* may end in a time-zone offset (SDMX, ISO) */
	FORM_NOYEAR = 1 << 1, /* names no year: the context's */
	FORM_RANGE = 1 << 2, /* "first-last": first must be 1 (January) */
	FORM_DOY = 1 << 3, /* a day of the year, not a month and day */
};

/*
 * One accepted text form.  In a pattern, 'y', 's', 't', 'q', 'm', 'w',
 * 'd' and 'j' stand for a digit of the year, half, four months, quarter,
 * month, week, day of the month and day of the year, 'f' for a digit of
 * the first month or quarter of a range; 'n' for an NBS quarter letter
 * A-D, 'c' for a Chinese quarter numeral 一-四, 'h' for 上 or 下 (first or
 * second half) and 'r' for the dash of a range (-, —, –, －, ~, ～ or 至);
 * every other byte must appear literally, UTF-8 included.
 */
struct period_form {
	const char *pattern;
	enum freq freq;
	unsigned flags;
};

static const struct period_form period_forms[] = {
    /* SDMX 2.1 Gregorian and reporting periods, ISO 8601 */
    {"yyyy", FREQ_ANNUAL, FORM_ZONE},
    {"yyyy-A1", FREQ_ANNUAL, FORM_ZONE},
    {"yyyy-Ss", FREQ_SEMIANNUAL, FORM_ZONE},
    {"yyyy-Tt", FREQ_FOUR_MONTHLY, FORM_ZONE},
    {"yyyy-Qq", FREQ_QUARTERLY, FORM_ZONE},
    {"yyyy-mm", FREQ_MONTHLY, FORM_ZONE},
    {"yyyy-Mmm", FREQ_MONTHLY, FORM_ZONE},
    {"yyyy-Www", FREQ_WEEKLY, FORM_ZONE},
    {"yyyy-mm-dd", FREQ_DAILY, FORM_ZONE},
    {"yyyy-Djjj", FREQ_DAILY, FORM_ZONE | FORM_DOY},
    /* compact codes: Eurostat, PxWeb, World Bank, NBS */
    {"yyyySs", FREQ_SEMIANNUAL, 0},
    {"yyyyQq", FREQ_QUARTERLY, 0},
    {"yyyyn", FREQ_QUARTERLY, 0},
    {"yyyyMmm", FREQ_MONTHLY, 0},
    {"yyyymm", FREQ_MONTHLY, 0},
    {"yyyyWww", FREQ_WEEKLY, 0},
    /* planwatch's own year-to-date texts (what period_format writes) */
    {"yyyy-Mff-Mmm", FREQ_YTD_MONTHLY, FORM_RANGE},
    {"yyyy-Qf-Qq", FREQ_YTD_QUARTERLY, FORM_RANGE},
    /* Chinese releases */
    {"yyyy年", FREQ_ANNUAL, 0},
    {"yyyy年h半年", FREQ_SEMIANNUAL, 0},
    {"yyyy年q季度", FREQ_QUARTERLY, 0},
    {"yyyy年第q季度", FREQ_QUARTERLY, 0},
    {"yyyy年c季度", FREQ_QUARTERLY, 0},
    {"yyyy年第c季度", FREQ_QUARTERLY, 0},
    {"yyyy年m月", FREQ_MONTHLY, 0},
    {"yyyy年mm月", FREQ_MONTHLY, 0},
    {"yyyy年frm月", FREQ_YTD_MONTHLY, FORM_RANGE},
    {"yyyy年frmm月", FREQ_YTD_MONTHLY, FORM_RANGE},
    {"yyyy年ffrmm月", FREQ_YTD_MONTHLY, FORM_RANGE},
    {"yyyy年frq季度", FREQ_YTD_QUARTERLY, FORM_RANGE},
    {"yyyy年前c季度", FREQ_YTD_QUARTERLY, 0},
    /* ... and their tables' year-less column heads, the year elsewhere */
    {"h半年", FREQ_SEMIANNUAL, FORM_NOYEAR},
    {"q季度", FREQ_QUARTERLY, FORM_NOYEAR},
    {"第q季度", FREQ_QUARTERLY, FORM_NOYEAR},
    {"c季度", FREQ_QUARTERLY, FORM_NOYEAR},
    {"第c季度", FREQ_QUARTERLY, FORM_NOYEAR},
    {"m月", FREQ_MONTHLY, FORM_NOYEAR},
    {"mm月", FREQ_MONTHLY, FORM_NOYEAR},
    {"frm月", FREQ_YTD_MONTHLY, FORM_NOYEAR | FORM_RANGE},
    {"frmm月", FREQ_YTD_MONTHLY, FORM_NOYEAR | FORM_RANGE},
    {"ffrmm月", FREQ_YTD_MONTHLY, FORM_NOYEAR | FORM_RANGE},
    {"frq季度", FREQ_YTD_QUARTERLY, FORM_NOYEAR | FORM_RANGE},
    {"前c季度", FREQ_YTD_QUARTERLY, FORM_NOYEAR},
};

/* A text being parsed, and how much of it a message quotes. */
struct period_text {
	const char *s;
	size_t len;
	char quoted[QUOTE_BUF]; /* the text as a message quotes it */
	char *err;
	size_t errlen;
};

static bool
is_blank(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static int say(const struct period_text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Writes "\"<text>\": <message>" to the caller's err; returns -1. */
static int
say(const struct period_text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->err == NULL || t->errlen == 0)
		return -1;
	n = snprintf(t->err, t->errlen, "%s: ", t->quoted);
	if (n < 0 || (size_t)n >= t->errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(t->err + n, t->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	quote_utf8_end(t->err); /* a cut message stays UTF-8 */
	return -1;
}

/* Checks the ranges of a date-time's time of day and offset. */
static int
time_check(const struct time_fields *tf, const struct period_text *t)
{
	const struct {
		const char *what;
		int value, max;
	} fields[] = {
	    {"hour", tf->hour, 23},
	    {"minute", tf->minute, 59},
	    {"second", tf->second, 60}, /* a leap second */
	    {"offset hour", tf->off_hour, 23},
	    {"offset minute", tf->off_minute, 59},
	};

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (fields[i].value > fields[i].max)
			return say(t, "%s %d out of range", fields[i].what,
			    fields[i].value);
	}
	return 0;
}

/* Checks a sub-period number against 1..max; what names it in err. */
static int
sub_check(int v, int max, const char *what, struct period *p,
    const struct period_text *t)
{
	if (v < 1 || v > max)
		return say(t, "%s %d out of range", what, v);
	p->sub = v;
	return 0;
}

/* Checks the ranges of the fields and builds a period of a date. */
static int
date_build(const struct period_fields *f, struct period *p,
    const struct period_text *t)
{
	if (f->month < 1 || f->month > 12)
		return say(t, "month %d out of range", f->month);
	if (p->freq == FREQ_MONTHLY) {
		p->sub = f->month;
		return 0;
	}
	if (f->day < 1 || f->day > cal_days_in_month(f->year, f->month))
		return say(t, "day %d out of range (%04d-%02d has %d days)",
		    f->day, f->year, f->month,
		    cal_days_in_month(f->year, f->month));
	p->sub = cal_md_to_doy(f->year, f->month, f->day);
	return 0;
}

/* Builds a week, whose 53rd exists only in some years. */
static int
week_build(const struct period_fields *f, struct period *p,
    const struct period_text *t)
{
	int weeks = cal_weeks_in_year(f->year);

	if (f->week == 53 && weeks == 52)
		return say(
		    t, "week 53 out of range (%04d has 52 ISO weeks)", f->year);
	return sub_check(f->week, weeks, "week", p, t);
}

/* Builds a day of the year (SDMX reporting day, 2021-D196). */
static int
doy_build(const struct period_fields *f, struct period *p,
    const struct period_text *t)
{
	if (f->doy == 366 && !cal_is_leap(f->year))
		return say(
		    t, "day 366 out of range (%04d has 365 days)", f->year);
	return sub_check(f->doy, 366, "day of the year", p, t);
}

/*
 * Builds a year-to-date period: January through month or quarter last.
 * A range written out ("1-9月") must start with the first.
 */
static int
ytd_build(unsigned flags, int first, int last, struct period *p,
    const struct period_text *t)
{
	bool monthly = p->freq == FREQ_YTD_MONTHLY;

	if ((flags & FORM_RANGE) && first != 1)
		return say(t,
		    "%ss %d-%d are not year to date (a cumulative period "
		    "starts in January)",
		    monthly ? "month" : "quarter", first, last);
	return sub_check(
	    last, monthly ? 12 : 4, monthly ? "month" : "quarter", p, t);
}

/* Checks the ranges of the fields and builds the period. */
static int
period_build(enum freq freq, unsigned flags, const struct period_fields *f,
    struct period *p, const struct period_text *t)
{
	if (f->year < YEAR_MIN || f->year > YEAR_MAX)
		return say(t, "year %d out of range", f->year);
	p->freq = freq;
	p->year = f->year;
	p->sub = 0;
	switch (freq) {
	case FREQ_ANNUAL:
		return 0;
	case FREQ_SEMIANNUAL:
		return sub_check(f->half, 2, "half", p, t);
	case FREQ_FOUR_MONTHLY:
		return sub_check(f->third, 3, "trimester", p, t);
	case FREQ_QUARTERLY:
		return sub_check(f->quarter, 4, "quarter", p, t);
	case FREQ_WEEKLY:
		return week_build(f, p, t);
	case FREQ_YTD_MONTHLY:
		return ytd_build(flags, f->first, f->month, p, t);
	case FREQ_YTD_QUARTERLY:
		return ytd_build(flags, f->first, f->quarter, p, t);
	case FREQ_DAILY:
		if (flags & FORM_DOY)
			return doy_build(f, p, t);
		break;
	case FREQ_MONTHLY:
		break;
	}
	return date_build(f, p, t);
}

/*
 * An ISO 8601 date-time names the calendar date written in it: the time
 * and the offset are checked and then ignored.  Statistics are published
 * for dates, not instants, and a feed that writes 2021-07-15T00:00:00+08:00
 * means 15 July, which converting to UTC would turn into 14 July.
 * Returns 1 when text is not a date-time at all.
 */
static int
datetime_parse(const struct period_text *t, struct period *p)
{
	struct period_fields f;
	struct time_fields tf;
	size_t n;

	n = form_prefix("yyyy-mm-ddT", t->s, t->len, &f);
	if (n == 0 || !time_shape(t->s + n, t->len - n, &tf))
		return 1;
	if (period_build(FREQ_DAILY, 0, &f, p, t) == -1)
		return -1;
	return time_check(&tf, t);
}

/* Unix seconds, 9 to 11 digits and nothing else, name their UTC day.
 * Returns 1 when text is not such a number. */
static int
unix_parse(const struct period_text *t, struct period *p)
{
	long long secs = 0;
	int year, month, day;

	if (t->len < UNIX_DIGITS_MIN || t->len > UNIX_DIGITS_MAX)
		return 1;
	for (size_t i = 0; i < t->len; i++) {
		if (!form_is_digit(t->s[i]))
			return 1;
		secs = secs * 10 + (t->s[i] - '0');
	}
	cal_civil_from_days(
	    cal_floor_div(secs, DAY_SECONDS), &year, &month, &day);
	p->freq = FREQ_DAILY;
	p->year = year;
	p->sub = cal_md_to_doy(year, month, day);
	return 0;
}

/* The year of a form that names none is the context's. */
static int
form_year(const struct period_form *form, const struct period_context *ctx,
    struct period_fields *f, const struct period_text *t)
{
	if (!(form->flags & FORM_NOYEAR))
		return 0;
	if (ctx == NULL || ctx->year == 0)
		return say(t,
		    "no year in the period and none given with it (csv and "
		    "json: name the year's column or field with the "
		    "selector's year)");
	f->year = ctx->year;
	return 0;
}

/*
 * Matches the text against the table of forms, then (for the SDMX and
 * ISO forms) against the table with a time-zone offset cut off its end.
 * *written says whether the year was in the text.  Returns 1 when no
 * form matches.
 */
static int
forms_parse(const struct period_text *t, const struct period_context *ctx,
    struct period *p, bool *written)
{
	const size_t nforms = sizeof(period_forms) / sizeof(period_forms[0]);
	struct period_fields f;
	struct time_fields tf;
	size_t zlen = zone_suffix(t->s, t->len, &tf);

	for (int pass = 0; pass < (zlen > 0 ? 2 : 1); pass++) {
		size_t len = pass == 0 ? t->len : t->len - zlen;

		for (size_t i = 0; i < nforms; i++) {
			const struct period_form *form = &period_forms[i];

			if ((pass == 1 && !(form->flags & FORM_ZONE)) ||
			    !form_match(form->pattern, t->s, len, &f))
				continue;
			if ((pass == 1 && time_check(&tf, t) == -1) ||
			    form_year(form, ctx, &f, t) == -1)
				return -1;
			*written = !(form->flags & FORM_NOYEAR);
			return period_build(form->freq, form->flags, &f, p, t);
		}
	}
	return 1;
}

/*
 * Reads the start of a time range: a date, the date with an offset, or
 * a date-time at midnight (its offset, as for any date-time, is checked
 * and ignored).
 */
static int
range_start(const char *s, size_t len, struct period_fields *f,
    const struct period_text *t)
{
	struct time_fields tf;
	struct period day;
	size_t n = form_prefix("yyyy-mm-dd", s, len, f);
	bool ok = n > 0;

	memset(&tf, 0, sizeof(tf));
	if (ok && n < len)
		ok = s[n] == 'T' ? time_shape(s + n + 1, len - n - 1, &tf)
				 : zone_at(s + n, len - n, &tf);
	if (!ok)
		return say(t,
		    "not a period (a time range is start/duration, such as "
		    "2021-01-01/P3M)");
	if (period_build(FREQ_DAILY, 0, f, &day, t) == -1 ||
	    time_check(&tf, t) == -1)
		return -1;
	if (tf.hour != 0 || tf.minute != 0 || tf.second != 0 || tf.fraction)
		return say(t,
		    "a time range from %02d:%02d:%02d is not a period (a "
		    "period starts at midnight)",
		    tf.hour, tf.minute, tf.second);
	return 0;
}

/* Reads an ISO 8601 duration of one unit: PnY, PnM, PnW or PnD. */
static int
duration_parse(
    const char *s, size_t len, int *n, char *unit, const struct period_text *t)
{
	size_t i = 1, digits = 0;
	char q[QUOTE_BUF];

	*n = 0;
	quote_mem(q, sizeof(q), s, len, PERIOD_QUOTE_MAX, 0);
	if (len > 0 && form_is_digit(s[0]))
		return say(t,
		    "a time range start/end is not read: write "
		    "start/duration (2021-01-01/P3M)");
	if (len < 2 || s[0] != 'P')
		return say(t,
		    "not a period (a time range is start/duration, such as "
		    "2021-01-01/P3M)");
	if (s[1] == 'T')
		return say(t,
		    "a duration in hours, minutes or seconds (%s) is not a "
		    "period",
		    q);
	while (i < len && form_is_digit(s[i]) && digits < DURATION_DIGITS_MAX) {
		*n = *n * 10 + (s[i++] - '0');
		digits++;
	}
	if (digits == 0 || i + 1 != len || memchr("YMWD", s[i], 4) == NULL)
		return say(t,
		    "duration %s is not a whole number of years, months, "
		    "weeks or days (P1Y, P3M, P1W, P1D)",
		    q);
	if (*n == 0)
		return say(t, "duration %s is empty", q);
	*unit = s[i];
	return 0;
}

/* The period of n days from the start day f: a day, or a week from a
 * Monday. */
static int
range_days(const struct period_fields *f, int n, struct period *p,
    const struct period_text *t)
{
	long long day = cal_days_from_civil(f->year, f->month, f->day);

	if (n == 1) {
		p->freq = FREQ_DAILY;
		p->year = f->year;
		p->sub = cal_md_to_doy(f->year, f->month, f->day);
		return 0;
	}
	if (n == 7 && cal_weekday(day) == 0) {
		p->freq = FREQ_WEEKLY;
		cal_iso_week_of(day, &p->year, &p->sub);
		if (p->year >= YEAR_MIN && p->year <= YEAR_MAX)
			return 0;
	}
	return say(t,
	    "%d days from %04d-%02d-%02d are not one period (a day, or a "
	    "week from a Monday)",
	    n, f->year, f->month, f->day);
}

/*
 * The period of n months from the start day f: a year, half, four months,
 * quarter or month that starts there; otherwise, from 1 January, the
 * year-to-date period of n months (the NBS's "1-2月" is 2021-01-01/P2M).
 */
static int
range_months(const struct period_fields *f, int n, struct period *p,
    const struct period_text *t)
{
	static const struct {
		int months;
		enum freq freq;
	} spans[] = {
	    {12, FREQ_ANNUAL},
	    {6, FREQ_SEMIANNUAL},
	    {4, FREQ_FOUR_MONTHLY},
	    {3, FREQ_QUARTERLY},
	    {1, FREQ_MONTHLY},
	};

	p->year = f->year;
	for (size_t i = 0; f->day == 1 && i < sizeof(spans) / sizeof(spans[0]);
	     i++) {
		if (n != spans[i].months || (f->month - 1) % n != 0)
			continue;
		p->freq = spans[i].freq;
		p->sub = n == 12 ? 0 : (f->month - 1) / n + 1;
		return 0;
	}
	if (f->day == 1 && f->month == 1 && n < 12) {
		p->freq = FREQ_YTD_MONTHLY;
		p->sub = n;
		return 0;
	}
	return say(t,
	    "%d month%s from %04d-%02d-%02d %s not one period (a year, "
	    "half, four months, quarter or month from its first day, or "
	    "months from 1 January)",
	    n, n == 1 ? "" : "s", f->year, f->month, f->day,
	    n == 1 ? "is" : "are");
}

/*
 * An ISO 8601 time range start/duration, as SDMX 2.1 writes a period
 * with no code of its own, is the one period it covers; a range that is
 * not one period is refused rather than guessed at.  Returns 1 when the
 * text has no '/'.
 */
static int
range_parse(const struct period_text *t, struct period *p)
{
	const char *slash = memchr(t->s, '/', t->len);
	struct period_fields f;
	size_t sl;
	char unit = 0; /* set by duration_parse; 0 keeps GCC -O2 quiet */
	int n = 0;

	if (slash == NULL)
		return 1;
	sl = (size_t)(slash - t->s);
	if (range_start(t->s, sl, &f, t) == -1 ||
	    duration_parse(slash + 1, t->len - sl - 1, &n, &unit, t) == -1)
		return -1;
	if (unit == 'D' || unit == 'W')
		return range_days(&f, unit == 'W' ? 7 * n : n, p, t);
	return range_months(&f, unit == 'Y' ? 12 * n : n, p, t);
}

/*
 * With a year-to-date indicator, a period of its step names January
 * through that step, as cumulative series are labelled (the NBS writes
 * 累计 values under 2023年9月 or 202309), and a period from 1 January to
 * the end of a step is that year-to-date period (2021-Q1 is
 * 2021-M01-M03, 2021 is 2021-Q1-Q4).  Anything else is left as it is,
 * for the caller to reject as another frequency.
 */
static void
ytd_apply(enum freq ytd, struct period *p)
{
	enum freq step = freq_ytd_step(ytd);
	struct period last;

	if (p->freq == step) {
		p->freq = ytd;
		return;
	}
	if (p->freq == ytd || period_start(p) != cal_utc_date(p->year, 1, 1))
		return;
	if (period_from_end(period_end(p), step, &last) == 0 &&
	    last.year == p->year) {
		p->freq = ytd;
		p->sub = last.sub;
	}
}

/* The message for a text that is no period at all. */
static int
not_a_period(const struct period_text *t)
{
	if (t->err == NULL || t->errlen == 0)
		return -1;
	snprintf(t->err, t->errlen,
	    "%s: not a period (expected a form like 2021, 2021-S1, "
	    "2021-Q3, 2021A, 2021-07, 2021M07, 2021-W05, 2021-07-15, "
	    "2021-D196, 2021-07-15T08:00:00Z, 2021-01-01/P3M, 2021年第三季度 "
	    "or 2023年1-9月)",
	    t->quoted);
	quote_utf8_end(t->err); /* a cut message stays UTF-8 */
	return -1;
}

int
period_parse_ctx(const char *text, const struct period_context *ctx,
    struct period *p, char *err, size_t errlen)
{
	struct period_text t = {.err = err, .errlen = errlen};
	struct period q;
	bool written = true;
	int rc;

	while (is_blank(*text))
		text++;
	t.s = text;
	t.len = strlen(text);
	while (t.len > 0 && is_blank(text[t.len - 1]))
		t.len--;
	if (t.len == 0) {
		snprintf(err, errlen, "empty period");
		return -1;
	}
	quote_mem(
	    t.quoted, sizeof(t.quoted), text, t.len, PERIOD_QUOTE_MAX, '"');
	if ((rc = range_parse(&t, &q)) == 1 &&
	    (rc = datetime_parse(&t, &q)) == 1 &&
	    (rc = forms_parse(&t, ctx, &q, &written)) == 1 &&
	    (rc = unix_parse(&t, &q)) == 1)
		return not_a_period(&t);
	if (rc == -1)
		return -1;
	if (written && ctx != NULL && ctx->year != 0 && q.year != ctx->year)
		return say(&t, "year %d, but the year given with it is %d",
		    q.year, ctx->year);
	if (ctx != NULL && freq_is_ytd(ctx->freq))
		ytd_apply(ctx->freq, &q);
	*p = q;
	return 0;
}

int
period_parse(const char *text, struct period *p, char *err, size_t errlen)
{
	return period_parse_ctx(text, NULL, p, err, errlen);
}

/*
 * period_form: the lexing half of period parsing (period_parse.c): a
 * text matched against a pattern of the forms table ("yyyy-Qq",
 * "yyyy年c季度"), and the time of day and offset of ISO 8601 date-times.
 * Shapes only: ranges and messages are period_parse.c's.  Internal.
 */
#ifndef PLANWATCH_PERIOD_FORM_H
#define PLANWATCH_PERIOD_FORM_H

#include <stdbool.h>
#include <stddef.h>

/* The fields a pattern collects. */
struct period_fields {
	int year, half, third, quarter, month, week, day, doy, first;
};

/* The time of day and offset of a date-time, checked and then ignored. */
struct time_fields {
	int hour, minute, second, off_hour, off_minute;
	bool fraction; /* a non-zero fraction of a second */
};

static inline bool
form_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Matches the start of text[0..len) against a pattern; the number of
 * bytes the whole pattern took, or 0 when it does not match.
 */
size_t form_prefix(
    const char *pattern, const char *text, size_t len, struct period_fields *f);
/* Matches all of text[0..len) against one form; fills f on success. */
bool form_match(
    const char *pattern, const char *text, size_t len, struct period_fields *f);
/*
 * Reads "hh:mm[:ss[.f]][zone]", the zone being Z, +hh, +hhmm or +hh:mm
 * (or with '-'), or nothing.  Only the shape is checked here.
 */
bool time_shape(const char *s, size_t len, struct time_fields *t);
/* True when s[0..len) is exactly a time-zone offset as SDMX writes one
 * ("Z", "+08:00", "-05:00"); the offset goes to t. */
bool zone_at(const char *s, size_t len, struct time_fields *t);
/* The length of the time-zone offset that ends s[0..len) after at least
 * one other byte, with the offset in t; 0 when there is none. */
size_t zone_suffix(const char *s, size_t len, struct time_fields *t);

#endif

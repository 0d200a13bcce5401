/*
 * period_form: patterns matched character by character (period_form.h;
 * what each pattern character stands for is written above the forms
 * table in period_parse.c), so that nothing lenient (a one-digit month, a
 * trailing letter) slips through the way it would with sscanf.
 */
#include <string.h>

#include "period_form.h"

/* The words a multi-byte pattern character stands for, value 1 first. */
static const char *const cn_quarters[] = {"一", "二", "三", "四"};
static const char *const cn_halves[] = {"上", "下"};
static const char *const range_dashes[] = {
    "-", "—", "–", "－", "~", "～", "至"};

/* The field a digit pattern character fills, or NULL. */
static int *
form_field(char pc, struct period_fields *f)
{
	switch (pc) {
	case 'y':
		return &f->year;
	case 's':
		return &f->half;
	case 't':
		return &f->third;
	case 'q':
		return &f->quarter;
	case 'm':
		return &f->month;
	case 'w':
		return &f->week;
	case 'd':
		return &f->day;
	case 'j':
		return &f->doy;
	case 'f':
		return &f->first;
	default:
		return NULL;
	}
}

/* Adds one pattern character's worth of text to the fields; false if c
 * does not fit the pattern character pc. */
static bool
form_step(char pc, char c, struct period_fields *f)
{
	int *field = form_field(pc, f);

	if (pc == 'n') {
		if (c < 'A' || c > 'D')
			return false;
		f->quarter = c - 'A' + 1;
		return true;
	}
	if (field == NULL)
		return c == pc;
	if (!form_is_digit(c))
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

/* Matches a word pattern character ('c', 'h', 'r') at text; its length,
 * or 0. */
static size_t
form_word(char pc, const char *text, size_t len, struct period_fields *f)
{
	int dash;

	switch (pc) {
	case 'c':
		return word_match(cn_quarters, 4, text, len, &f->quarter);
	case 'h':
		return word_match(cn_halves, 2, text, len, &f->half);
	default:
		return word_match(range_dashes,
		    sizeof(range_dashes) / sizeof(range_dashes[0]), text, len,
		    &dash);
	}
}

size_t
form_prefix(
    const char *pattern, const char *text, size_t len, struct period_fields *f)
{
	size_t j = 0, n;

	memset(f, 0, sizeof(*f));
	for (const char *pc = pattern; *pc != '\0'; pc++) {
		if (*pc == 'c' || *pc == 'h' || *pc == 'r') {
			if ((n = form_word(*pc, text + j, len - j, f)) == 0)
				return 0;
			j += n;
		} else if (j < len && form_step(*pc, text[j], f))
			j++;
		else
			return 0;
	}
	return j;
}

bool
form_match(
    const char *pattern, const char *text, size_t len, struct period_fields *f)
{
	return form_prefix(pattern, text, len, f) == len;
}

/* Reads two digits at s[*i] into *v. */
static bool
two_digits(const char *s, size_t len, size_t *i, int *v)
{
	if (*i + 2 > len || !form_is_digit(s[*i]) || !form_is_digit(s[*i + 1]))
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

bool
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
			while (i < len && form_is_digit(s[i]) && digits < 9) {
				t->fraction = t->fraction || s[i] != '0';
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

bool
zone_at(const char *s, size_t len, struct time_fields *t)
{
	size_t i = 1;

	memset(t, 0, sizeof(*t));
	if (len == 1)
		return s[0] == 'Z';
	return len == 6 && (s[0] == '+' || s[0] == '-') &&
	    two_digits(s, len, &i, &t->off_hour) && take(s, len, &i, ':') &&
	    two_digits(s, len, &i, &t->off_minute);
}

size_t
zone_suffix(const char *s, size_t len, struct time_fields *t)
{
	if (len > 1 && zone_at(s + len - 1, 1, t))
		return 1;
	if (len > 6 && zone_at(s + len - 6, 6, t))
		return 6;
	return 0;
}

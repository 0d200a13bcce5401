/*
 * json_value: shared by the JSON-based formats; see json_value.h.  The
 * numeric-string rule is the json format's, so that every format takes
 * the same strings.
 */
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catf.h"
#include "json_pointer.h"
#include "json_value.h"
#include "obs.h"
#include "quote.h"

void *
json_value_doc(
    const char *buf, size_t len, size_t size, char *err, size_t errlen)
{
	json_t **root = calloc(1, size);
	json_error_t jerr;

	if (root == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	*root = json_loadb(
	    buf, len, JSON_REJECT_DUPLICATES | JSON_DECODE_INT_AS_REAL, &jerr);
	if (*root == NULL) {
		snprintf(err, errlen, "line %d column %d: %s", jerr.line,
		    jerr.column, jerr.text);
		free(root);
		return NULL;
	}
	return root;
}

int
json_value_no_dim(const char *key, const void *doc, size_t ndim,
    const char *(*id)(const void *doc, size_t d), char *err, size_t errlen)
{
	char q[JSON_VALUE_QUOTE_MAX + 8];
	size_t off = 0;

	catf(err, errlen, &off, "no dimension %s (dimensions:", key);
	for (size_t d = 0; d < ndim; d++)
		catf(err, errlen, &off, "%s %s", d > 0 ? "," : "",
		    quote_text(
			q, sizeof(q), id(doc, d), JSON_VALUE_QUOTE_MAX, 0));
	catf(err, errlen, &off, ")");
	return -1;
}

const char *
json_value_type(const json_t *v)
{
	return v == NULL ? "missing" : json_pointer_type_name(v);
}

static bool
is_blank(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/*
 * Parses a whole string, blanks around it allowed, as a finite decimal
 * number: the rule of json_feed.c (no hexadecimal, "inf" or "nan").
 */
int
json_value_number(const char *s, size_t len, double *out)
{
	char text[64];

	while (len > 0 && is_blank(*s)) {
		s++;
		len--;
	}
	while (len > 0 && is_blank(s[len - 1]))
		len--;
	if (len == 0 || len >= sizeof(text))
		return -1;
	memcpy(text, s, len);
	text[len] = '\0';
	return obs_parse_decimal(text, out);
}

int
json_value_get(const json_t *v, double *out, char *err, size_t errlen)
{
	char q[JSON_VALUE_QUOTE_MAX + 8];
	const char *s;

	if (json_is_number(v)) {
		*out = json_number_value(v);
		if (isfinite(*out))
			return 0;
		snprintf(err, errlen, "value is not a finite number");
		return -1;
	}
	if (!json_is_string(v)) {
		snprintf(err, errlen, "value is %s, not a number",
		    json_value_type(v));
		return -1;
	}
	s = json_string_value(v);
	if (json_value_number(s, json_string_length(v), out) == 0)
		return 0;
	snprintf(err, errlen, "value \"%s\" is not a number",
	    quote_text(q, sizeof(q), s, JSON_VALUE_QUOTE_MAX, 0));
	return -1;
}

void
json_value_text(double v, char *buf, size_t len)
{
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, len, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			return;
	}
}

bool
json_value_is_index(const json_t *v, double max)
{
	double d;

	if (!json_is_number(v))
		return false;
	d = json_number_value(v);
	return d >= 0 && d == floor(d) && d < max;
}

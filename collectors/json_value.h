/*
 * json_value: what the JSON-based formats (sdmx-json, json-stat) share
 * to read a value and word a message: the numeric-string rule of the json
 * format, type names, shortest exact number text, bounded message
 * building.  Pure code.
 */
#ifndef PLANWATCH_JSON_VALUE_H
#define PLANWATCH_JSON_VALUE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

/* Longest piece of feed text quoted in a message. */
#define JSON_VALUE_QUOTE_MAX 40

/*
 * Allocates a zeroed document of size bytes whose first member is a
 * json_t *, and parses buf into that member with the options every JSON
 * format uses (duplicate keys rejected, every number a double).  NULL
 * with "out of memory" or "line L column C: why" in err.
 */
void *json_value_doc(
    const char *buf, size_t len, size_t size, char *err, size_t errlen);
/*
 * Says that dimension key does not exist, listing the ndim that do
 * (id(doc, d) is the id of dimension d); returns -1.
 */
int json_value_no_dim(const char *key, const void *doc, size_t ndim,
    const char *(*id)(const void *doc, size_t d), char *err, size_t errlen);
/* v's type for messages ("a string"), "missing" for NULL. */
const char *json_value_type(const json_t *v);
/*
 * Parses len bytes of s, blanks around allowed, as a finite decimal
 * number (no hexadecimal, "inf" or "nan"); -1 otherwise.
 */
int json_value_number(const char *s, size_t len, double *out);
/* A value: a finite JSON number or numeric string; -1 with err. */
int json_value_get(const json_t *v, double *out, char *err, size_t errlen);
/* True when v is a JSON number that is a whole number in [0, max). */
bool json_value_is_index(const json_t *v, double max);
/* The shortest of %.15g..%.17g that reads back as v. */
void json_value_text(double v, char *buf, size_t len);

#endif

/*
 * json_pointer: RFC 6901 JSON Pointer evaluation over jansson values, used
 * by the JSON feed format to find the observations, and the period and
 * value inside each.  json_pointer_check(), the syntax check used by the
 * configuration loader, is declared in json_feed.h.
 */
#ifndef PLANWATCH_JSON_POINTER_H
#define PLANWATCH_JSON_POINTER_H

#include <stddef.h>

#include <jansson.h>

/*
 * Returns the value ptr refers to in root, borrowed from root ("" is root
 * itself), or NULL with a message naming the failing token in err.
 */
json_t *json_pointer_get(
    json_t *root, const char *ptr, char *err, size_t errlen);
/* Describes v's type for messages: "an object", "a number", "null"... */
const char *json_pointer_type_name(const json_t *v);

/* Checks that ptr is a syntactically valid JSON Pointer ("" or "/..."). */
int json_pointer_check(const char *ptr, char *err, size_t errlen);

#endif

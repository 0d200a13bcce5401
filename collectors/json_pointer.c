/*
 * json_pointer: RFC 6901 over jansson.  A pointer is "" (the whole
 * document) or a sequence of "/token"; in a token "~1" stands for "/" and
 * "~0" for "~".  A token selects an object member by name or an array
 * element by a decimal index without leading zeros; "-" (the element after
 * the last) never exists when reading, so it is an error here.  Messages
 * quote the whole pointer and the token that failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_pointer.h"
#include "quote.h"

/* Longest token quoted back in a message. */
#define TOKEN_QUOTE_MAX 64

const char *
json_pointer_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
	case JSON_REAL:
		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	case JSON_NULL:
		break;
	}
	return "null";
}

/*
 * Copies the token that starts at s (up to the next '/' or the end) into
 * tok, undoing the escapes, and returns the length of the raw token.  The
 * pointer has passed json_pointer_check(), so every '~' is followed by '0'
 * or '1'.
 */
static size_t
token_unescape(const char *s, char *tok)
{
	const char *p = s;

	for (; *p != '\0' && *p != '/'; p++) {
		if (*p == '~') {
			*tok++ = p[1] == '0' ? '~' : '/';
			p++;
		} else
			*tok++ = *p;
	}
	*tok = '\0';
	return (size_t)(p - s);
}

int
json_pointer_check(const char *ptr, char *err, size_t errlen)
{
	if (*ptr == '\0')
		return 0;
	if (*ptr != '/') {
		snprintf(err, errlen,
		    "JSON pointer \"%s\" must be empty or start with '/'", ptr);
		return -1;
	}
	for (const char *p = ptr; *p != '\0'; p++) {
		if (*p == '~' && p[1] != '0' && p[1] != '1') {
			snprintf(err, errlen,
			    "JSON pointer \"%s\": '~' must be followed by 0 "
			    "or 1",
			    ptr);
			return -1;
		}
	}
	return 0;
}

/* Parses an array index token: "0" or [1-9][0-9]*, no larger than max. */
static int
index_parse(const char *tok, size_t max, size_t *index)
{
	size_t n = 0;

	if (tok[0] == '\0' || (tok[0] == '0' && tok[1] != '\0'))
		return -1;
	for (const char *p = tok; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		if (n > (max - (size_t)(*p - '0')) / 10)
			return -1;
		n = n * 10 + (size_t)(*p - '0');
	}
	*index = n;
	return 0;
}

/* Looks up one token in an array. */
static json_t *
step_array(
    json_t *cur, const char *tok, const char *ptr, char *err, size_t errlen)
{
	char q[TOKEN_QUOTE_MAX + 8];
	size_t index;

	if (strcmp(tok, "-") == 0) {
		snprintf(err, errlen,
		    "JSON pointer \"%s\": token \"-\" names the element after "
		    "the last, which does not exist",
		    ptr);
		return NULL;
	}
	if (index_parse(tok, (size_t)-1, &index) == -1) {
		snprintf(err, errlen,
		    "JSON pointer \"%s\": token \"%s\" is not an array index",
		    ptr, quote_text(q, sizeof(q), tok, TOKEN_QUOTE_MAX, 0));
		return NULL;
	}
	if (index >= json_array_size(cur)) {
		snprintf(err, errlen,
		    "JSON pointer \"%s\": index %zu is past the end of an "
		    "array "
		    "of %zu",
		    ptr, index, json_array_size(cur));
		return NULL;
	}
	return json_array_get(cur, index);
}

/* Looks up one token in the current value. */
static json_t *
step(json_t *cur, const char *tok, const char *ptr, char *err, size_t errlen)
{
	char q[TOKEN_QUOTE_MAX + 8];
	json_t *next;

	if (json_is_array(cur))
		return step_array(cur, tok, ptr, err, errlen);
	if (!json_is_object(cur)) {
		snprintf(err, errlen,
		    "JSON pointer \"%s\": cannot look up token \"%s\" in %s",
		    ptr, quote_text(q, sizeof(q), tok, TOKEN_QUOTE_MAX, 0),
		    json_pointer_type_name(cur));
		return NULL;
	}
	if ((next = json_object_get(cur, tok)) == NULL)
		snprintf(err, errlen, "JSON pointer \"%s\": no member \"%s\"",
		    ptr, quote_text(q, sizeof(q), tok, TOKEN_QUOTE_MAX, 0));
	return next;
}

json_t *
json_pointer_get(json_t *root, const char *ptr, char *err, size_t errlen)
{
	const char *p;
	json_t *cur = root;
	char *tok;
	size_t n;

	if (json_pointer_check(ptr, err, errlen) == -1)
		return NULL;
	if (*ptr == '\0')
		return root;
	if ((tok = malloc(strlen(ptr) + 1)) == NULL) {
		snprintf(
		    err, errlen, "JSON pointer \"%s\": out of memory", ptr);
		return NULL;
	}
	for (p = ptr; cur != NULL && *p == '/'; p += n) {
		p++;
		n = token_unescape(p, tok);
		cur = step(cur, tok, ptr, err, errlen);
	}
	free(tok);
	return cur;
}

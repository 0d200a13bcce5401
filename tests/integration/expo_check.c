/*
 * expo_check: line by line.  A family is known from its TYPE line; a
 * sample belongs to the family whose name it is, or for a summary or
 * histogram the name plus _sum, _count (and _bucket).  Seen series are
 * kept as "name{labels}" strings in a plain array: test outputs are small.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expo_check.h"

#define NAME_MAX_LEN 200
#define SERIES_MAX 20000
#define FAMILIES_MAX 500

struct family {
	char name[NAME_MAX_LEN];
	char type[16];
	bool help, done; /* done: another family's samples came after */
};

struct checker {
	struct family fam[FAMILIES_MAX];
	size_t nfam;
	char **series;
	size_t nseries;
	struct family *current; /* the family of the last sample */
	int line;
	char *err;
	size_t errlen;
};

static int __attribute__((format(printf, 2, 3)))
fail(struct checker *c, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(c->err, c->errlen, "line %d: ", c->line);

	va_start(ap, fmt);
	vsnprintf(c->err + n, c->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

static size_t
name_len(const char *s, bool colon)
{
	size_t n = 0;

	if (!(isalpha((unsigned char)s[0]) || s[0] == '_' ||
		(colon && s[0] == ':')))
		return 0;
	while (isalnum((unsigned char)s[n]) || s[n] == '_' ||
	    (colon && s[n] == ':'))
		n++;
	return n;
}

static struct family *
family_find(struct checker *c, const char *name, size_t len)
{
	for (size_t i = 0; i < c->nfam; i++)
		if (strlen(c->fam[i].name) == len &&
		    memcmp(c->fam[i].name, name, len) == 0)
			return &c->fam[i];
	return NULL;
}

/* The family a sample name belongs to (suffixes of summaries etc.). */
static struct family *
family_of(struct checker *c, const char *name, size_t len)
{
	static const char *const suffixes[] = {"_sum", "_count", "_bucket"};
	struct family *f = family_find(c, name, len);

	if (f != NULL)
		return strcmp(f->type, "summary") == 0 ||
			strcmp(f->type, "histogram") == 0
		    ? NULL /* a summary's samples carry a suffix here */
		    : f;
	for (size_t i = 0; i < 3; i++) {
		size_t n = strlen(suffixes[i]);

		if (len > n && memcmp(name + len - n, suffixes[i], n) == 0 &&
		    (f = family_find(c, name, len - n)) != NULL &&
		    (strcmp(f->type, "histogram") == 0 ||
			(i < 2 && strcmp(f->type, "summary") == 0)))
			return f;
	}
	return NULL;
}

static int
comment(struct checker *c, const char *s)
{
	bool help = strncmp(s, "# HELP ", 7) == 0;
	bool type = strncmp(s, "# TYPE ", 7) == 0;
	static const char *const types[] = {
	    "counter", "gauge", "summary", "histogram", "untyped"};
	struct family *f;
	size_t n;

	if (!help && !type)
		return 0; /* another comment */
	s += 7;
	if ((n = name_len(s, true)) == 0 || n >= NAME_MAX_LEN || s[n] != ' ')
		return fail(c, "bad metric name in HELP or TYPE");
	if ((f = family_find(c, s, n)) == NULL) {
		if (c->nfam == FAMILIES_MAX)
			return fail(c, "too many families");
		f = &c->fam[c->nfam++];
		memcpy(f->name, s, n);
	}
	if (help) {
		if (f->help)
			return fail(c, "second HELP for %s", f->name);
		f->help = true;
		return 0;
	}
	if (f->type[0])
		return fail(c, "second TYPE for %s", f->name);
	for (size_t i = 0; i < 5; i++)
		if (strcmp(s + n + 1, types[i]) == 0)
			snprintf(f->type, sizeof(f->type), "%s", types[i]);
	if (!f->type[0])
		return fail(c, "unknown type '%s'", s + n + 1);
	if (strcmp(f->type, "counter") == 0 &&
	    (n < 6 || strcmp(f->name + n - 6, "_total") != 0))
		return fail(c, "counter %s does not end in _total", f->name);
	return 0;
}

/* {k="v",...}: checks it, and appends it as written to key. */
static int
labels(struct checker *c, const char **sp, char *key, size_t keylen)
{
	const char *start = *sp, *s = start + 1;
	size_t off = strlen(key);

	while (*s != '}') {
		size_t n = name_len(s, false);

		if (n == 0 || s[n] != '=' || s[n + 1] != '"')
			return fail(c, "bad label");
		for (s += n + 2; *s != '"'; s++) {
			if (*s == '\\' && s[1] != '\\' && s[1] != '"' &&
			    s[1] != 'n')
				return fail(c, "bad escape in label value");
			if (*s == '\\')
				s++;
			if (*s == '\0')
				return fail(c, "unterminated label value");
		}
		s++;
		if (*s == ',' && s[1] != '}')
			s++;
		else if (*s != '}')
			return fail(c, "expected , or } after a label");
	}
	snprintf(key + off, keylen - off, "%.*s", (int)(s + 1 - start), start);
	*sp = s + 1;
	return 0;
}

static int
value(struct checker *c, const char *s)
{
	char *end;

	if (strcmp(s, "+Inf") == 0 || strcmp(s, "-Inf") == 0 ||
	    strcmp(s, "NaN") == 0)
		return 0;
	errno = 0;
	strtod(s, &end);
	if (end == s || (*end != '\0' && *end != ' ') || errno == ERANGE)
		return fail(c, "bad value '%s'", s);
	if (*end == ' ') {
		s = end + 1;
		strtoll(s, &end, 10);
		if (end == s || *end != '\0')
			return fail(c, "bad timestamp '%s'", s);
	}
	return 0;
}

static int
sample(struct checker *c, const char *s)
{
	size_t n = name_len(s, true);
	char key[1024];
	struct family *f;

	if (n == 0 || n >= NAME_MAX_LEN)
		return fail(c, "bad sample name");
	if ((f = family_of(c, s, n)) == NULL || !f->type[0])
		return fail(c, "sample %.*s before its TYPE", (int)n, s);
	if (f->done)
		return fail(
		    c, "family %s seen again after another one", f->name);
	if (c->current != NULL && c->current != f)
		c->current->done = true;
	c->current = f;
	snprintf(key, sizeof(key), "%.*s", (int)n, s);
	s += n;
	if (*s == '{' && labels(c, &s, key, sizeof(key)) != 0)
		return -1;
	if (*s != ' ')
		return fail(c, "expected a space before the value");
	if (value(c, s + 1) != 0)
		return -1;
	for (size_t i = 0; i < c->nseries; i++)
		if (strcmp(c->series[i], key) == 0)
			return fail(c, "series %s twice", key);
	if (c->nseries == SERIES_MAX)
		return fail(c, "too many series");
	c->series[c->nseries++] = strdup(key);
	return 0;
}

int
expo_check(const char *text, size_t *samples, char *err, size_t errlen)
{
	struct checker *c = calloc(1, sizeof(*c));
	const char *p = text;
	char line[4096];
	int rc = 0;

	c->series = calloc(SERIES_MAX, sizeof(*c->series));
	c->err = err;
	c->errlen = errlen;
	while (rc == 0 && *p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		c->line++;
		if (nl == NULL)
			rc = fail(c, "last line without a newline");
		else if (len >= sizeof(line))
			rc = fail(c, "line too long");
		else if (len > 0) {
			memcpy(line, p, len);
			line[len] = '\0';
			rc =
			    line[0] == '#' ? comment(c, line) : sample(c, line);
		}
		p += len + (nl != NULL);
	}
	*samples = c->nseries;
	for (size_t i = 0; i < c->nseries; i++)
		free(c->series[i]);
	free(c->series);
	free(c);
	return rc;
}

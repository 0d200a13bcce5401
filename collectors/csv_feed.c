/*
 * csv_feed: the "csv" feed format, over the table of csv_table.c and the
 * row reader of csv_rows.c (csv_feed.h).
 *
 * The delimiter is part of the selector, which load() does not see, so a
 * csv document keeps its text and parses it on the first select() with
 * each delimiter; the table (or the reason it failed) is cached in the
 * document, and every indicator of one file and delimiter shares one
 * parse.  select() on one document must not run in two threads at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_feed.h"
#include "csv_rows.h"
#include "quote.h"

/* Delimiters with a cached table per csv document. */
#define CSV_CACHE_SLOTS 4
/* A load error: "line N: why". */
#define CSV_ERR_MAX 256
/* Longest column name quoted in a message. */
#define CSV_QUOTE_MAX 40

/* A table parsed with one delimiter, or the reason it could not be. */
struct csv_slot {
	char delim;
	struct csv_table *t;
	char err[CSV_ERR_MAX];
};

struct csv_cache {
	struct csv_slot slot[CSV_CACHE_SLOTS];
	size_t n;
};

/* The document: its text, parsed on demand (see the top of the file). */
struct feed_doc {
	char *buf;
	size_t len;
	struct csv_cache *cache;
};

static char
sel_delim(const struct feed_selector *sel)
{
	return sel->delimiter == '\0' ? ',' : sel->delimiter;
}

static int
format_check(const struct feed_selector *sel, char *err, size_t errlen)
{
	char d = sel_delim(sel), t = sel->thousands;

	if (sel->period == NULL || *sel->period == '\0' || sel->value == NULL ||
	    *sel->value == '\0') {
		snprintf(err, errlen,
		    "selector needs a period and a value "
		    "column (a header name or a number)");
		return -1;
	}
	if (d == '"' || d == '\r' || d == '\n' || csv_table_digit(d) ||
	    d == '.' || d == '-' || d == '+' ||
	    ((d | 0x20) >= 'a' && (d | 0x20) <= 'z')) {
		snprintf(
		    err, errlen, "delimiter '%c' cannot separate fields", d);
		return -1;
	}
	if (t != '\0' && strchr(", '_", t) == NULL) {
		snprintf(err, errlen,
		    "thousands separator '%c' is not a comma, a space, an "
		    "apostrophe or '_' (the decimal mark is always '.')",
		    t);
		return -1;
	}
	if (t == d) {
		snprintf(err, errlen,
		    "the thousands separator and the delimiter are both '%c'",
		    d);
		return -1;
	}
	return 0;
}

/* The table of doc parsed with delim, from the cache or parsed now. */
static const struct csv_table *
format_table(const struct feed_doc *doc, char delim, char *err, size_t errlen)
{
	struct csv_cache *c = doc->cache;
	struct csv_slot *s;

	for (size_t i = 0; i < c->n; i++) {
		s = &c->slot[i];
		if (s->delim != delim)
			continue;
		if (s->t == NULL)
			snprintf(err, errlen, "%s", s->err);
		return s->t;
	}
	/* Past the last slot, the last one is reused. */
	if (c->n == CSV_CACHE_SLOTS)
		csv_table_free(c->slot[--c->n].t);
	s = &c->slot[c->n++];
	s->delim = delim;
	s->t =
	    csv_table_load(doc->buf, doc->len, delim, s->err, sizeof(s->err));
	if (s->t == NULL)
		snprintf(err, errlen, "%s", s->err);
	return s->t;
}

/* True when s[0..len) is valid UTF-8 (for a hint on GBK files). */
static bool
utf8_valid(const unsigned char *s, size_t len)
{
	size_t i = 0, n;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xc2 && s[i] <= 0xdf)
			n = 1;
		else if (s[i] >= 0xe0 && s[i] <= 0xef)
			n = 2;
		else if (s[i] >= 0xf0 && s[i] <= 0xf4)
			n = 3;
		else
			return false;
		if (len - i <= n)
			return false;
		for (size_t k = 1; k <= n; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
		i += n + 1;
	}
	return true;
}

/* Says why no header is called name. */
static void
column_missing(const struct csv_table *t, const char *what, const char *name,
    char *err, size_t errlen)
{
	char q[CSV_QUOTE_MAX + 8];
	bool utf8 = true;
	int off;

	quote_text(q, sizeof(q), name, CSV_QUOTE_MAX, 0);
	off = snprintf(err, errlen, "%s: no column is called \"%s\"", what, q);
	for (size_t c = 0; c < csv_table_cols(t); c++) {
		const char *h = csv_table_cell(t, 0, c);

		utf8 = utf8 && utf8_valid((const unsigned char *)h, strlen(h));
	}
	if (!utf8 && off >= 0 && (size_t)off < errlen)
		snprintf(err + off, errlen - off,
		    " (the header is not UTF-8: save the file as CSV UTF-8)");
	else if (off >= 0 && (size_t)off < errlen && csv_table_cols(t) > 0) {
		quote_text(
		    q, sizeof(q), csv_table_cell(t, 0, 0), CSV_QUOTE_MAX, 0);
		snprintf(err + off, errlen - off,
		    " (the header has %zu column%s, the first \"%s\")",
		    csv_table_cols(t), csv_table_cols(t) == 1 ? "" : "s", q);
	}
}

/* Finds the column a selector names, by number or header name. */
static size_t
format_column(const struct csv_table *t, const char *what, const char *name,
    char *err, size_t errlen)
{
	char q[CSV_QUOTE_MAX + 8], *end;
	size_t col, dup;
	unsigned long n;

	if (strspn(name, "0123456789") == strlen(name)) {
		n = strtoul(name, &end, 10);
		if (n >= 1 && n <= csv_table_cols(t))
			return n - 1;
		snprintf(err, errlen,
		    "%s: column %s is out of range (the header has %zu "
		    "column%s)",
		    what, name, csv_table_cols(t),
		    csv_table_cols(t) == 1 ? "" : "s");
		return CSV_TABLE_NOCOL;
	}
	if ((col = csv_table_column(t, name, 0)) == CSV_TABLE_NOCOL) {
		column_missing(t, what, name, err, errlen);
		return CSV_TABLE_NOCOL;
	}
	if ((dup = csv_table_column(t, name, col + 1)) != CSV_TABLE_NOCOL) {
		snprintf(err, errlen,
		    "%s: columns %zu and %zu are both called \"%s\" (name the "
		    "column by number)",
		    what, col + 1, dup + 1,
		    quote_text(q, sizeof(q), name, CSV_QUOTE_MAX, 0));
		return CSV_TABLE_NOCOL;
	}
	return col;
}

static int
format_select(const struct feed_doc *doc, const struct feed_selector *sel,
    enum freq freq, struct obs_list *out, feed_reject_cb reject, void *arg,
    char *err, size_t errlen)
{
	struct csv_rows rd = {0};
	const struct csv_table *t;

	if (format_check(sel, err, errlen) == -1)
		return -1;
	if ((t = format_table(doc, sel_delim(sel), err, errlen)) == NULL)
		return -1;
	rd.t = t;
	rd.freq = freq;
	rd.thousands = sel->thousands;
	rd.reject = reject;
	rd.arg = arg;
	if ((rd.pcol = format_column(t, "period", sel->period, err, errlen)) ==
		CSV_TABLE_NOCOL ||
	    (rd.vcol = format_column(t, "value", sel->value, err, errlen)) ==
		CSV_TABLE_NOCOL)
		return -1;
	if (sel->year != NULL && *sel->year != '\0') {
		rd.ycol = format_column(t, "year", sel->year, err, errlen);
		if (rd.ycol == CSV_TABLE_NOCOL)
			return -1;
		rd.has_ycol = true;
	}
	if (sel->status != NULL && *sel->status != '\0') {
		rd.scol = format_column(t, "status", sel->status, err, errlen);
		if (rd.scol == CSV_TABLE_NOCOL)
			return -1;
		rd.has_scol = true;
	}
	for (size_t r = 1; r < csv_table_rows(t); r++)
		if (csv_rows_fits(&rd, r))
			csv_rows_read(&rd, r);
	return csv_rows_finish(&rd, out, err, errlen);
}

/* Reports the line of the first NUL byte: binary or UTF-16 text. */
static int
format_text_check(const char *buf, size_t len, char *err, size_t errlen)
{
	const char *nul = memchr(buf, '\0', len);
	size_t line = 1;

	if (len >= 2 &&
	    (memcmp(buf, "\xff\xfe", 2) == 0 ||
		memcmp(buf, "\xfe\xff", 2) == 0)) {
		snprintf(
		    err, errlen, "UTF-16 text: save the file as CSV UTF-8");
		return -1;
	}
	if (nul == NULL)
		return 0;
	for (const char *p = buf; p < nul; p++)
		line += *p == '\n';
	snprintf(err, errlen, "line %zu: a NUL byte (not a text file?)", line);
	return -1;
}

static struct feed_doc *
format_load(const char *buf, size_t len, char *err, size_t errlen)
{
	struct feed_doc *doc;
	size_t i = 0;

	if (format_text_check(buf, len, err, errlen) == -1)
		return NULL;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && csv_table_blank(buf[i]))
		i++;
	if (i == len) {
		snprintf(err, errlen, "empty document: no header row");
		return NULL;
	}
	if ((doc = calloc(1, sizeof(*doc))) == NULL ||
	    (doc->cache = calloc(1, sizeof(*doc->cache))) == NULL ||
	    (doc->buf = malloc(len)) == NULL) {
		if (doc != NULL)
			free(doc->cache);
		free(doc);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	memcpy(doc->buf, buf, len);
	doc->len = len;
	return doc;
}

static void
format_free(struct feed_doc *doc)
{
	if (doc == NULL)
		return;
	for (size_t i = 0; i < doc->cache->n; i++)
		csv_table_free(doc->cache->slot[i].t);
	free(doc->cache);
	free(doc->buf);
	free(doc);
}

const struct feed_format csv_feed_format = {
    .name = "csv",
    .load = format_load,
    .select = format_select,
    .free = format_free,
    .check = format_check,
};

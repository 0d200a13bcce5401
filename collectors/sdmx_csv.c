/*
 * sdmx_csv: SDMX-CSV documents, read with the CSV table of csv_table.c and the
 * row reader of csv_rows.c.
 *
 * The document is parsed once, at load: the separator is the character
 * after the first header term (DATAFLOW in 1.0, STRUCTURE or STRUCTURE[x]
 * in 2.0), as the 2.0 specification says to find it.  With labels=both
 * every header and coded cell is "ID: Name"; each is cut at the first
 * ": " when the document is loaded, so the rest of the code sees IDs only
 * (the TIME_PERIOD column is labelled too: "2014-01: 2014-01").  A
 * separator other than ',' comes from a localised message, whose decimal
 * mark may be ',' ("12,4"): OBS_VALUE then reads either mark.
 *
 * Which columns tell series apart is not written in the document (that
 * is in the data structure definition, which planwatch does not fetch).
 * Web services put the dimensions first, then the measures, then the
 * attributes, so the columns before OBS_VALUE, except the structure,
 * action and key columns and TIME_PERIOD, are taken as the series key:
 * two observations of one period with different keys mean the selector
 * left a dimension free that it should have named.  Rows whose ACTION is
 * D (delete) carry no observation; OBS_STATUS M or L (missing), an empty
 * OBS_VALUE, "NaN" or another "not published" mark are skipped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_rows.h"
#include "sdmx_csv.h"

/* The parsed document and the columns found in its header. */
struct feed_doc {
	struct csv_table *t;
	size_t tcol, vcol; /* TIME_PERIOD, OBS_VALUE */
	size_t scol, acol, fcol; /* OBS_STATUS, ACTION, FREQ, or NOCOL */
	size_t *keys; /* the series key columns */
	size_t nkeys;
	bool comma_decimal;
};

/* Header terms that are never part of a series key. */
static const char *const sdmx_not_keys[] = {
    "STRUCTURE_NAME",
    "ACTION",
    "SERIES_KEY",
    "OBS_KEY",
    "TIME_PERIOD",
    "OBS_VALUE",
    "OBS_STATUS",
};

/* Skips "TERM" or "\"TERM\"" at *s; false if s does not start so. */
static bool
sdmx_term(const char **s, const char *end, const char *term)
{
	size_t n = strlen(term);

	if ((size_t)(end - *s) < n || memcmp(*s, term, n) != 0)
		return false;
	*s += n;
	return true;
}

/*
 * Finds the separator: the character after the first header term, which
 * may be quoted and, in 2.0, followed by a sub-field separator in
 * brackets ("STRUCTURE[;]").
 */
static int
sdmx_delimiter(const char *buf, size_t len, char *delim, bool *v2, char *err,
    size_t errlen)
{
	const char *s = buf, *end = buf + len;
	bool quoted;

	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	while (s < end && (*s == '\r' || *s == '\n'))
		s++;
	if ((quoted = s < end && *s == '"'))
		s++;
	*v2 = false;
	if (!sdmx_term(&s, end, "DATAFLOW")) {
		if (!sdmx_term(&s, end, "STRUCTURE"))
			goto bad;
		*v2 = true;
		if (s < end && *s == '[') {
			const char *close = memchr(s, ']', end - s);

			if (close == NULL || close - s > 8)
				goto bad;
			s = close + 1;
		}
	}
	if (quoted && !sdmx_term(&s, end, "\""))
		goto bad;
	if (s == end || *s == '\0' || *s == '"' || *s == '\r' || *s == '\n' ||
	    (*s >= '0' && *s <= '9') ||
	    ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z') || *s == '_')
		goto bad;
	*delim = *s;
	return 0;
bad:
	snprintf(err, errlen,
	    "not SDMX-CSV: the header must start with DATAFLOW (SDMX-CSV 1.0) "
	    "or STRUCTURE (2.0) and a separator");
	return -1;
}

/* The one column called name; NOCOL, or -1 with err when there are two. */
static int
sdmx_column(const struct csv_table *t, const char *name, size_t *col, char *err,
    size_t errlen)
{
	size_t dup;

	*col = csv_table_column(t, name, 0);
	if (*col == CSV_TABLE_NOCOL)
		return 0;
	if ((dup = csv_table_column(t, name, *col + 1)) != CSV_TABLE_NOCOL) {
		snprintf(err, errlen, "columns %zu and %zu are both %s",
		    *col + 1, dup + 1, name);
		return -1;
	}
	return 0;
}

/* True when column col of the header is part of the series key. */
static bool
sdmx_is_key(const struct feed_doc *doc, size_t col, bool v2)
{
	const char *h = csv_table_cell(doc->t, 0, col);

	if (col >= doc->vcol || (v2 && col == 0))
		return false;
	for (size_t i = 0; i < sizeof(sdmx_not_keys) / sizeof(sdmx_not_keys[0]);
	     i++)
		if (strcmp(h, sdmx_not_keys[i]) == 0)
			return false;
	return true;
}

/* Finds the columns the format reads; checks the header. */
static int
sdmx_header(struct feed_doc *doc, bool v2, char *err, size_t errlen)
{
	const struct csv_table *t = doc->t;
	size_t ncols = csv_table_cols(t);

	if (v2 &&
	    (ncols < 2 ||
		strcmp(csv_table_cell(t, 0, 1), "STRUCTURE_ID") != 0)) {
		snprintf(err, errlen,
		    "SDMX-CSV 2.0: the second column must be STRUCTURE_ID");
		return -1;
	}
	if (sdmx_column(t, "TIME_PERIOD", &doc->tcol, err, errlen) == -1 ||
	    sdmx_column(t, "OBS_VALUE", &doc->vcol, err, errlen) == -1 ||
	    sdmx_column(t, "OBS_STATUS", &doc->scol, err, errlen) == -1 ||
	    sdmx_column(t, "ACTION", &doc->acol, err, errlen) == -1)
		return -1;
	if (doc->tcol == CSV_TABLE_NOCOL || doc->vcol == CSV_TABLE_NOCOL) {
		snprintf(err, errlen, "no %s column",
		    doc->tcol == CSV_TABLE_NOCOL ? "TIME_PERIOD" : "OBS_VALUE");
		return -1;
	}
	if ((doc->keys = calloc(ncols, sizeof(*doc->keys))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	doc->fcol = CSV_TABLE_NOCOL;
	for (size_t c = 0; c < ncols; c++) {
		if (!sdmx_is_key(doc, c, v2))
			continue;
		doc->keys[doc->nkeys++] = c;
		if (strcmp(csv_table_cell(t, 0, c), "FREQ") == 0 ||
		    strcmp(csv_table_cell(t, 0, c), "freq") == 0)
			doc->fcol = c;
	}
	return 0;
}

static void
sdmx_free(struct feed_doc *doc)
{
	if (doc == NULL)
		return;
	csv_table_free(doc->t);
	free(doc->keys);
	free(doc);
}

static struct feed_doc *
sdmx_load(const char *buf, size_t len, char *err, size_t errlen)
{
	struct feed_doc *doc;
	char delim;
	bool v2;

	if (sdmx_delimiter(buf, len, &delim, &v2, err, errlen) == -1)
		return NULL;
	if ((doc = calloc(1, sizeof(*doc))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if ((doc->t = csv_table_load(buf, len, delim, err, errlen)) == NULL) {
		free(doc);
		return NULL;
	}
	for (size_t c = 0; c < csv_table_cols(doc->t); c++)
		csv_table_cut(doc->t, c, ": ");
	if (sdmx_header(doc, v2, err, errlen) == -1) {
		sdmx_free(doc);
		return NULL;
	}
	doc->comma_decimal = delim != ',';
	return doc;
}

static int
sdmx_check(const struct feed_selector *sel, char *err, size_t errlen)
{
	if (sel->nseries == 0) {
		snprintf(err, errlen,
		    "selector needs a series: {DIMENSION: code, ...}");
		return -1;
	}
	for (size_t i = 0; i < sel->nseries; i++) {
		const struct feed_dim *d = &sel->series[i];

		if (d->key == NULL || *d->key == '\0' || d->value == NULL ||
		    *d->value == '\0') {
			snprintf(err, errlen,
			    "series: dimension %zu has an empty name or code",
			    i + 1);
			return -1;
		}
		if (strcmp(d->key, "TIME_PERIOD") == 0 ||
		    strcmp(d->key, "OBS_VALUE") == 0) {
			snprintf(err, errlen,
			    "series cannot name %s: it is not a dimension",
			    d->key);
			return -1;
		}
		for (size_t j = 0; j < i; j++) {
			if (strcmp(sel->series[j].key, d->key) == 0) {
				snprintf(err, errlen, "series names %s twice",
				    d->key);
				return -1;
			}
		}
	}
	return 0;
}

/* Finds the column of every dimension the series names. */
static int
sdmx_series_columns(const struct feed_doc *doc, const struct feed_selector *sel,
    size_t *cols, char *err, size_t errlen)
{
	int off;

	for (size_t i = 0; i < sel->nseries; i++) {
		cols[i] = csv_table_column(doc->t, sel->series[i].key, 0);
		if (cols[i] != CSV_TABLE_NOCOL)
			continue;
		off = snprintf(err, errlen,
		    "series names %s, which is not a column; the dimensions "
		    "are",
		    sel->series[i].key);
		for (size_t k = 0;
		     k < doc->nkeys && off >= 0 && (size_t)off < errlen; k++)
			off += snprintf(err + off, errlen - off, "%s %s",
			    k > 0 ? "," : "",
			    csv_table_cell(doc->t, 0, doc->keys[k]));
		return -1;
	}
	return 0;
}

/* True when row belongs to the series. */
static bool
sdmx_match(const struct feed_doc *doc, const struct feed_selector *sel,
    const size_t *cols, size_t row)
{
	for (size_t i = 0; i < sel->nseries; i++)
		if (strcmp(csv_table_cell(doc->t, row, cols[i]),
			sel->series[i].value) != 0)
			return false;
	return true;
}

/* True when row carries no observation: deleted, or marked missing. */
static bool
sdmx_skip(const struct feed_doc *doc, size_t row)
{
	const char *s;

	if (doc->acol != CSV_TABLE_NOCOL &&
	    strcmp(csv_table_cell(doc->t, row, doc->acol), "D") == 0)
		return true;
	if (doc->scol == CSV_TABLE_NOCOL)
		return false;
	s = csv_table_cell(doc->t, row, doc->scol);
	return strcmp(s, "M") == 0 || strcmp(s, "L") == 0;
}

/* "no row matches series K=V, ...", and the first code no row has. */
static void
sdmx_no_match(const struct feed_doc *doc, const struct feed_selector *sel,
    const size_t *cols, char *err, size_t errlen)
{
	size_t nrows = csv_table_rows(doc->t), r;
	int off = snprintf(err, errlen, "no row matches series");

	for (size_t i = 0; i < sel->nseries && off >= 0 && (size_t)off < errlen;
	     i++)
		off += snprintf(err + off, errlen - off, "%s %s=%s",
		    i > 0 ? "," : "", sel->series[i].key, sel->series[i].value);
	for (size_t i = 0; i < sel->nseries && off >= 0 && (size_t)off < errlen;
	     i++) {
		for (r = 1; r < nrows; r++)
			if (strcmp(csv_table_cell(doc->t, r, cols[i]),
				sel->series[i].value) == 0)
				break;
		if (r == nrows) {
			snprintf(err + off, errlen - off, " (no row has %s=%s)",
			    sel->series[i].key, sel->series[i].value);
			return;
		}
	}
}

/* Reads every row of the series; the number of rows it matched. */
static size_t
sdmx_rows(const struct feed_doc *doc, const struct feed_selector *sel,
    const size_t *cols, struct csv_rows *rd)
{
	size_t matched = 0;

	for (size_t r = 1; r < csv_table_rows(doc->t); r++) {
		if (!csv_rows_fits(rd, r) || !sdmx_match(doc, sel, cols, r))
			continue;
		matched++;
		if (sdmx_skip(doc, r))
			rd->rows++;
		else
			csv_rows_read(rd, r);
	}
	return matched;
}

static int
sdmx_select(const struct feed_doc *doc, const struct feed_selector *sel,
    enum freq freq, struct obs_list *out, feed_reject_cb reject, void *arg,
    char *err, size_t errlen)
{
	struct csv_rows rd = {0};
	char hint[96];
	size_t *cols;
	int rc;

	if (sdmx_check(sel, err, errlen) == -1)
		return -1;
	if ((cols = calloc(sel->nseries, sizeof(*cols))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (sdmx_series_columns(doc, sel, cols, err, errlen) == -1) {
		free(cols);
		return -1;
	}
	rd.t = doc->t;
	rd.freq = freq;
	rd.pcol = doc->tcol;
	rd.vcol = doc->vcol;
	rd.comma_decimal = doc->comma_decimal;
	rd.nan_missing = true;
	rd.has_scol = doc->scol != CSV_TABLE_NOCOL;
	rd.scol = doc->scol;
	rd.keys = doc->keys;
	rd.nkeys = doc->nkeys;
	rd.reject = reject;
	rd.arg = arg;
	if (doc->fcol != CSV_TABLE_NOCOL &&
	    feed_series_value(sel, csv_table_cell(doc->t, 0, doc->fcol)) ==
		NULL) {
		snprintf(hint, sizeof(hint), " (name %s in series)",
		    csv_table_cell(doc->t, 0, doc->fcol));
		rd.freq_hint = hint;
	}
	if (sdmx_rows(doc, sel, cols, &rd) == 0 && rd.rejected == 0) {
		sdmx_no_match(doc, sel, cols, err, errlen);
		csv_rows_clear(&rd);
		free(cols);
		return -1;
	}
	rc = csv_rows_finish(&rd, out, err, errlen);
	free(cols);
	return rc;
}

const struct feed_format sdmx_csv_format = {
    .name = "sdmx-csv",
    .load = sdmx_load,
    .select = sdmx_select,
    .free = sdmx_free,
    .check = sdmx_check,
};

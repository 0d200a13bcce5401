/*
 * csv_feed: CSV tables parsed with libcsv, the rows read as observations,
 * and the "csv" format on top.
 *
 * libcsv reports fields and record ends but no positions, so the document
 * is fed to it one line at a time (a chunk ends at every CR or LF, or
 * after CSV_CHUNK_MAX bytes): the callbacks then know the line they are
 * on, and a record's first line is the first non-blank line after the
 * previous record ended.  Feeding short chunks also bounds memory: libcsv
 * grows its field buffer until the field ends, so its size is checked
 * after every chunk against CSV_FEED_FIELD_MAX.
 *
 * The delimiter is part of the selector, which load() does not see, so a
 * csv document keeps its text and parses it on the first select() with
 * each delimiter; the table (or the reason it failed) is cached in the
 * document, and every indicator of one file and delimiter shares one
 * parse.  select() on one document must not run in two threads at once.
 *
 * Reading is all or nothing, like the JSON format: every row is judged,
 * every bad one reported through the reject callback, and out only
 * changes when nothing was rejected.  A period listed twice with the same
 * value is one observation; with two values the feed contradicts itself
 * and the second row is rejected, naming both.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "csv_feed.h"

/* Longest piece of the document given to libcsv at once. */
#define CSV_CHUNK_MAX 4096
/* libcsv grows its field buffer by this much. */
#define CSV_BLOCK 4096
/* Delimiters with a cached table per csv document. */
#define CSV_CACHE_SLOTS 4
/*
 * Message buffers nest: a period error goes into the reason a row is
 * rejected, which goes into the message naming the row.
 */
#define CSV_ERR_MAX 256
#define CSV_WHY_MAX 384
#define CSV_MSG_MAX 512
/* Longest cell text or column name quoted in a message. */
#define CSV_QUOTE_MAX 40

struct csv_feed_row {
	size_t line; /* where the record starts */
	size_t nfields; /* fields the record really had */
	bool overflow; /* non-empty fields past the header's */
};

struct csv_feed_table {
	char *text; /* every cell, NUL-terminated; offset 0 is "" */
	size_t textlen, textcap;
	size_t *cells; /* nrows * ncols offsets into text */
	struct csv_feed_row *rows;
	size_t nrows, rowcap, ncols;
};

/* The state of one parse, shared with libcsv's callbacks. */
struct csv_loader {
	struct csv_feed_table *t;
	size_t fields[CSV_FEED_COLS_MAX]; /* the current record's offsets */
	size_t nfields;
	bool overflow;
	size_t line; /* the line being fed */
	size_t start; /* the line where the current record started */
	bool between; /* no record begun since the last one ended */
	char delim;
	bool failed;
	char err[CSV_ERR_MAX];
};

static bool
is_blank(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* ASCII-only case-insensitive equality: no locale involved. */
static bool
ascii_caseeq(const char *a, size_t alen, const char *b)
{
	size_t i;

	for (i = 0; i < alen && b[i] != '\0'; i++) {
		char x = a[i], y = b[i];

		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
		if (x != y)
			return false;
	}
	return i == alen && b[i] == '\0';
}

/* Replaces control characters, so that a message stays one log line. */
static void
msg_clean(char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = '?';
}

/* Copies at most CSV_QUOTE_MAX bytes of s, cut at a UTF-8 boundary. */
static void
text_quote(const char *s, char *buf, size_t len)
{
	size_t n = strlen(s), cut = n;

	if (cut > CSV_QUOTE_MAX) {
		cut = CSV_QUOTE_MAX;
		while (cut > 0 && ((unsigned char)s[cut] & 0xc0) == 0x80)
			cut--;
	}
	snprintf(buf, len, "%.*s%s", (int)cut, s, cut < n ? "..." : "");
}

static void load_fail(struct csv_loader *ld, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Records the first error of a parse as "line N: why".  N is the line of
 * the fault for quoting errors, the line where the record starts for the
 * caps (a field is only seen whole when it ends).
 */
static void
load_fail(struct csv_loader *ld, size_t line, const char *fmt, ...)
{
	char why[CSV_ERR_MAX - 32];
	va_list ap;

	if (ld->failed)
		return;
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	snprintf(ld->err, sizeof(ld->err), "line %zu: %s", line, why);
	ld->failed = true;
}

/* Appends a field's text to the table; its offset, or 0 when out of
 * memory (offset 0 is the shared empty cell, so an empty field costs
 * nothing). */
static size_t
text_add(struct csv_feed_table *t, const void *s, size_t len)
{
	size_t off = t->textlen, cap;
	char *text;

	if (len == 0)
		return 0;
	if (t->textcap - t->textlen < len + 1) {
		cap = t->textcap * 2;
		while (cap - t->textlen < len + 1)
			cap *= 2;
		if ((text = realloc(t->text, cap)) == NULL)
			return 0;
		t->text = text;
		t->textcap = cap;
	}
	memcpy(t->text + off, s, len);
	t->text[off + len] = '\0';
	t->textlen += len + 1;
	return off;
}

static void
load_field_cb(void *s, size_t len, void *arg)
{
	struct csv_loader *ld = arg;
	size_t off;

	if (ld->failed)
		return;
	if (len > CSV_FEED_FIELD_MAX) {
		load_fail(ld, ld->start,
		    "a field of %zu bytes, more than the limit of %d", len,
		    CSV_FEED_FIELD_MAX);
		return;
	}
	if (len > 0 && memchr(s, '\0', len) != NULL) {
		load_fail(
		    ld, ld->start, "a NUL byte in a field (not a text file?)");
		return;
	}
	if (ld->nfields == CSV_FEED_COLS_MAX) {
		load_fail(ld, ld->start, "more than the limit of %d columns",
		    CSV_FEED_COLS_MAX);
		return;
	}
	if (ld->t->ncols > 0 && ld->nfields >= ld->t->ncols) {
		/* Past the header's columns: only whether it is empty. */
		ld->overflow |= len > 0;
		ld->nfields++;
		return;
	}
	if ((off = text_add(ld->t, s, len)) == 0 && len > 0) {
		load_fail(ld, ld->start, "out of memory");
		return;
	}
	ld->fields[ld->nfields++] = off;
}

/* Makes room for one more row of ncols cells. */
static int
rows_grow(struct csv_feed_table *t)
{
	struct csv_feed_row *rows;
	size_t cap, *cells;

	if (t->nrows < t->rowcap)
		return 0;
	cap = t->rowcap == 0 ? 64 : t->rowcap * 2;
	if ((rows = reallocarray(t->rows, cap, sizeof(*rows))) == NULL)
		return -1;
	t->rows = rows;
	if ((cells = reallocarray(t->cells, cap, t->ncols * sizeof(*cells))) ==
	    NULL)
		return -1;
	t->cells = cells;
	t->rowcap = cap;
	return 0;
}

static void
load_row_cb(int c, void *arg)
{
	struct csv_loader *ld = arg;
	struct csv_feed_table *t = ld->t;
	size_t n;

	(void)c;
	if (ld->failed || ld->nfields == 0)
		return;
	if (t->nrows == 0)
		t->ncols = ld->nfields;
	if ((t->nrows + 1) * t->ncols > CSV_FEED_CELLS_MAX) {
		load_fail(ld, ld->start,
		    "more than the limit of %d cells (%zu rows of %zu "
		    "columns)",
		    CSV_FEED_CELLS_MAX, t->nrows + 1, t->ncols);
		return;
	}
	if (rows_grow(t) == -1) {
		load_fail(ld, ld->start, "out of memory");
		return;
	}
	n = ld->nfields < t->ncols ? ld->nfields : t->ncols;
	memcpy(t->cells + t->nrows * t->ncols, ld->fields, n * sizeof(size_t));
	memset(t->cells + t->nrows * t->ncols + n, 0,
	    (t->ncols - n) * sizeof(size_t));
	t->rows[t->nrows].line = ld->start;
	t->rows[t->nrows].nfields = ld->nfields;
	t->rows[t->nrows].overflow = ld->overflow;
	t->nrows++;
	ld->nfields = 0;
	ld->overflow = false;
	ld->between = true;
}

/* The length of the next chunk: through the next CR or LF, or capped. */
static size_t
chunk_len(const char *s, size_t len)
{
	size_t max = len < CSV_CHUNK_MAX ? len : CSV_CHUNK_MAX;

	for (size_t i = 0; i < max; i++)
		if (s[i] == '\r' || s[i] == '\n')
			return i + 1;
	return max;
}

/* True when libcsv would not begin a record on these bytes. */
static bool
chunk_blank(const char *s, size_t n, char delim)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r' || s[i] == '\n')
			continue;
		if ((s[i] == ' ' || s[i] == '\t') && s[i] != delim)
			continue;
		return false;
	}
	return true;
}

/* Feeds buf to libcsv chunk by chunk, counting lines. */
static int
load_feed(
    struct csv_loader *ld, struct csv_parser *p, const char *buf, size_t len)
{
	size_t off = 0, n;

	while (off < len) {
		n = chunk_len(buf + off, len - off);
		if (ld->between && !chunk_blank(buf + off, n, ld->delim)) {
			ld->start = ld->line;
			ld->between = false;
		}
		if (csv_parse(
			p, buf + off, n, load_field_cb, load_row_cb, ld) != n) {
			if (csv_error(p) == CSV_EPARSE)
				load_fail(ld, ld->line,
				    "malformed quoting (a quote inside an "
				    "unquoted field, or text after a "
				    "closing quote)");
			else
				load_fail(ld, ld->line, "%s",
				    csv_strerror(csv_error(p)));
		}
		if (ld->failed)
			return -1;
		if (csv_get_buffer_size(p) > CSV_FEED_FIELD_MAX + CSV_BLOCK) {
			load_fail(ld, ld->start,
			    "a field longer than the limit of %d bytes",
			    CSV_FEED_FIELD_MAX);
			return -1;
		}
		off += n;
		if (buf[off - 1] == '\n' ||
		    (buf[off - 1] == '\r' && (off == len || buf[off] != '\n')))
			ld->line++;
	}
	return 0;
}

/* Runs libcsv over the whole document into ld->t. */
static int
load_parse(struct csv_loader *ld, const char *buf, size_t len)
{
	struct csv_parser p;
	int rc = 0;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		load_fail(ld, ld->start, "out of memory");
		return -1;
	}
	csv_set_delim(&p, (unsigned char)ld->delim);
	csv_set_blk_size(&p, CSV_BLOCK);
	if (load_feed(ld, &p, buf, len) == -1)
		rc = -1;
	else if (csv_fini(&p, load_field_cb, load_row_cb, ld) != 0) {
		load_fail(ld, ld->start,
		    "a quoted field is not closed (a truncated "
		    "document?)");
		rc = -1;
	} else if (ld->failed)
		rc = -1;
	csv_free(&p);
	return rc;
}

struct csv_feed_table *
csv_feed_table_load(
    const char *buf, size_t len, char delim, char *err, size_t errlen)
{
	struct csv_loader *ld = calloc(1, sizeof(*ld));
	struct csv_feed_table *t = calloc(1, sizeof(*t));

	if (ld == NULL || t == NULL || (t->text = malloc(256)) == NULL) {
		snprintf(err, errlen, "out of memory");
		csv_feed_table_free(t);
		free(ld);
		return NULL;
	}
	t->text[0] = '\0';
	t->textlen = 1;
	t->textcap = 256;
	ld->t = t;
	ld->line = ld->start = 1;
	ld->between = true;
	ld->delim = delim;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	if (load_parse(ld, buf, len) == 0 && t->nrows == 0)
		load_fail(ld, 1, "empty document: no header row");
	if (ld->failed) {
		snprintf(err, errlen, "%s", ld->err);
		msg_clean(err);
		csv_feed_table_free(t);
		t = NULL;
	}
	free(ld);
	return t;
}

void
csv_feed_table_free(struct csv_feed_table *t)
{
	if (t == NULL)
		return;
	free(t->text);
	free(t->cells);
	free(t->rows);
	free(t);
}

size_t
csv_feed_table_rows(const struct csv_feed_table *t)
{
	return t->nrows;
}

size_t
csv_feed_table_cols(const struct csv_feed_table *t)
{
	return t->ncols;
}

const char *
csv_feed_cell(const struct csv_feed_table *t, size_t row, size_t col)
{
	return t->text + t->cells[row * t->ncols + col];
}

size_t
csv_feed_line(const struct csv_feed_table *t, size_t row)
{
	return t->rows[row].line;
}

void
csv_feed_cut(struct csv_feed_table *t, size_t col, const char *sep)
{
	char *s, *at;

	for (size_t r = 0; r < t->nrows; r++) {
		s = t->text + t->cells[r * t->ncols + col];
		if ((at = strstr(s, sep)) != NULL)
			*at = '\0';
	}
}

size_t
csv_feed_column(const struct csv_feed_table *t, const char *name, size_t from)
{
	for (size_t c = from; c < t->ncols; c++)
		if (strcmp(csv_feed_cell(t, 0, c), name) == 0)
			return c;
	return CSV_FEED_NOCOL;
}

bool
csv_feed_missing(const char *cell)
{
	static const char *const marks[] = {"", "..", "-", "NA", "n/a"};
	size_t len;

	while (is_blank(*cell))
		cell++;
	len = strlen(cell);
	while (len > 0 && is_blank(cell[len - 1]))
		len--;
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (ascii_caseeq(cell, len, marks[i]))
			return true;
	return false;
}

/*
 * True when the separators in s[0..len) group the integer part in threes
 * after a first group of one to three digits, and none comes later:
 * "1,234,567.5" but not "1,23", "1234,567" or "1.5,6".
 */
static bool
grouping_ok(const char *s, size_t len, char sep)
{
	size_t i = 0, group = 0;
	bool first = true;

	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	for (; i < len && (is_digit(s[i]) || s[i] == sep); i++) {
		if (s[i] != sep) {
			group++;
			continue;
		}
		if (group == 0 || (first ? group > 3 : group != 3))
			return false;
		first = false;
		group = 0;
	}
	if (!first && group != 3)
		return false;
	return memchr(s + i, sep, len - i) == NULL;
}

/*
 * strtod() alone would also take hexadecimal, "inf" and "nan", so only
 * digits, signs, '.', 'e' and 'E' are let through to it; the daemon runs
 * with LC_NUMERIC "C", so its decimal mark is '.'.
 */
int
csv_feed_number(
    const char *cell, char thousands, bool comma_decimal, double *out)
{
	char text[64], *comma;
	size_t len, n = 0;

	while (is_blank(*cell))
		cell++;
	len = strlen(cell);
	while (len > 0 && is_blank(cell[len - 1]))
		len--;
	if (len == 0 || len >= sizeof(text))
		return -1;
	if (thousands != '\0' && memchr(cell, thousands, len) != NULL &&
	    !grouping_ok(cell, len, thousands))
		return -1;
	for (size_t i = 0; i < len; i++)
		if (thousands == '\0' || cell[i] != thousands)
			text[n++] = cell[i];
	text[n] = '\0';
	if (comma_decimal && (comma = strchr(text, ',')) != NULL) {
		if (strchr(text, '.') != NULL || strchr(comma + 1, ',') != NULL)
			return -1;
		*comma = '.';
	}
	return obs_parse_decimal(text, out);
}

/* A column's header, or its number when the header cell is empty. */
static void
column_name(const struct csv_feed_table *t, size_t col, char *buf, size_t len)
{
	if (*csv_feed_cell(t, 0, col) == '\0')
		snprintf(buf, len, "%zu", col + 1);
	else
		text_quote(csv_feed_cell(t, 0, col), buf, len);
}

/* Passes one finished message to the reject callback. */
static void
reader_say(struct csv_feed_reader *rd, char *msg)
{
	msg_clean(msg);
	rd->rejected++;
	if (rd->reject != NULL)
		rd->reject(rd->arg, msg);
}

static void reader_reject(struct csv_feed_reader *rd, size_t row, size_t col,
    const struct period *p, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Rejects a row as "row R[, column C][ (period P)]: why". */
static void
reader_reject(struct csv_feed_reader *rd, size_t row, size_t col,
    const struct period *p, const char *fmt, ...)
{
	char why[CSV_WHY_MAX], msg[CSV_MSG_MAX], cname[CSV_QUOTE_MAX + 24];
	char ctext[CSV_QUOTE_MAX + 40] = "", ptext[PERIOD_TEXT_MAX + 16] = "";
	char pt[PERIOD_TEXT_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	if (col != CSV_FEED_NOCOL) {
		column_name(rd->t, col, cname, sizeof(cname));
		snprintf(ctext, sizeof(ctext), ", column %s", cname);
	}
	if (p != NULL) {
		period_format(p, pt, sizeof(pt));
		snprintf(ptext, sizeof(ptext), " (period %s)", pt);
	}
	snprintf(msg, sizeof(msg), "row %zu%s%s: %s", csv_feed_line(rd->t, row),
	    ctext, ptext, why);
	reader_say(rd, msg);
}

bool
csv_feed_reader_fits(struct csv_feed_reader *rd, size_t row)
{
	const struct csv_feed_row *r = &rd->t->rows[row];

	if (!r->overflow)
		return true;
	rd->rows++;
	reader_reject(rd, row, CSV_FEED_NOCOL, NULL,
	    "%zu fields, the header has %zu (a delimiter inside an unquoted "
	    "value?)",
	    r->nfields, rd->t->ncols);
	return false;
}

/* Keeps one observation for csv_feed_reader_finish(). */
static void
reader_add(struct csv_feed_reader *rd, const struct period *p, double value,
    size_t row)
{
	struct csv_feed_obs *v;
	size_t cap;

	if (rd->full || rd->n >= OBS_LIST_MAX) {
		rd->full = true;
		return;
	}
	if (rd->n == rd->cap) {
		cap = rd->cap == 0 ? 64 : rd->cap * 2;
		if ((v = reallocarray(rd->v, cap, sizeof(*v))) == NULL) {
			rd->full = true;
			return;
		}
		rd->v = v;
		rd->cap = cap;
	}
	rd->v[rd->n].period = *p;
	rd->v[rd->n].value = value;
	rd->v[rd->n].row = row;
	rd->n++;
}

/*
 * Reads the row's year column into *year, for a period that names no
 * year ("1-11月"); an empty cell leaves it 0, so that only such a period
 * fails.
 */
static int
reader_year(struct csv_feed_reader *rd, size_t row, int *year)
{
	const char *ytext = csv_feed_cell(rd->t, row, rd->ycol);
	char perr[CSV_ERR_MAX], q[CSV_QUOTE_MAX + 8];
	struct period y;

	*year = 0;
	if (csv_feed_missing(ytext))
		return 0;
	if (period_parse(ytext, &y, perr, sizeof(perr)) == -1) {
		reader_reject(rd, row, rd->ycol, NULL, "year %s", perr);
		return -1;
	}
	if (y.freq != FREQ_ANNUAL) {
		text_quote(ytext, q, sizeof(q));
		reader_reject(
		    rd, row, rd->ycol, NULL, "year \"%s\" is not a year", q);
		return -1;
	}
	*year = y.year;
	return 0;
}

void
csv_feed_reader_row(struct csv_feed_reader *rd, size_t row)
{
	const char *ptext = csv_feed_cell(rd->t, row, rd->pcol);
	const char *vtext = csv_feed_cell(rd->t, row, rd->vcol);
	char perr[CSV_ERR_MAX], q[CSV_QUOTE_MAX + 8], pt[PERIOD_TEXT_MAX];
	struct period_context ctx = {.freq = rd->freq, .year = 0};
	struct period p;
	double value;

	rd->rows++;
	if (csv_feed_missing(vtext) ||
	    (rd->nan_missing && ascii_caseeq(vtext, strlen(vtext), "nan")))
		return;
	if (csv_feed_missing(ptext)) {
		reader_reject(rd, row, rd->pcol, NULL, "no period");
		return;
	}
	if (rd->has_ycol && reader_year(rd, row, &ctx.year) == -1)
		return;
	if (period_parse_ctx(ptext, &ctx, &p, perr, sizeof(perr)) == -1) {
		reader_reject(rd, row, rd->pcol, NULL, "period %s", perr);
		return;
	}
	if (p.freq != rd->freq) {
		period_format(&p, pt, sizeof(pt));
		reader_reject(rd, row, rd->pcol, NULL,
		    "period %s is %s, the indicator is %s%s", pt,
		    freq_name(p.freq), freq_name(rd->freq),
		    rd->freq_hint != NULL ? rd->freq_hint : "");
		return;
	}
	if (csv_feed_number(vtext, rd->thousands, rd->comma_decimal, &value) ==
	    -1) {
		text_quote(vtext, q, sizeof(q));
		reader_reject(
		    rd, row, rd->vcol, &p, "value \"%s\" is not a number", q);
		return;
	}
	reader_add(rd, &p, value, row);
}

/* Orders two rows by their key cells. */
static int
key_cmp(const struct csv_feed_reader *rd, size_t a, size_t b)
{
	int c;

	for (size_t k = 0; k < rd->nkeys; k++) {
		c = strcmp(csv_feed_cell(rd->t, a, rd->keys[k]),
		    csv_feed_cell(rd->t, b, rd->keys[k]));
		if (c != 0)
			return c;
	}
	return 0;
}

static int
obs_cmp(const struct csv_feed_reader *rd, const struct csv_feed_obs *a,
    const struct csv_feed_obs *b)
{
	int c = period_cmp(&a->period, &b->period);

	return c != 0 ? c : key_cmp(rd, a->row, b->row);
}

/*
 * Bottom-up merge sort by (period, key): stable, so rows of one series
 * and period stay in file order, and O(n log n) on hostile input.
 * qsort() has no context argument (qsort_r is not portable).
 */
static int
reader_sort(struct csv_feed_reader *rd)
{
	struct csv_feed_obs *v = rd->v, *tmp;
	size_t n = rd->n;

	if (n < 2)
		return 0;
	if ((tmp = reallocarray(NULL, n, sizeof(*tmp))) == NULL)
		return -1;
	for (size_t w = 1; w < n; w *= 2) {
		for (size_t lo = 0; lo + w < n; lo += 2 * w) {
			size_t mid = lo + w,
			       hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t i = lo, j = mid, k = lo;

			while (i < mid && j < hi)
				tmp[k++] = obs_cmp(rd, &v[j], &v[i]) < 0
				    ? v[j++]
				    : v[i++];
			while (i < mid)
				tmp[k++] = v[i++];
			while (j < hi)
				tmp[k++] = v[j++];
			memcpy(v + lo, tmp + lo, (hi - lo) * sizeof(*v));
		}
	}
	free(tmp);
	return 0;
}

/* Rejects a period whose rows belong to more than one series. */
static void
reader_ambiguous(struct csv_feed_reader *rd, size_t lo, size_t hi)
{
	char msg[CSV_MSG_MAX], pt[PERIOD_TEXT_MAX], cname[CSV_QUOTE_MAX + 24];
	char qa[CSV_QUOTE_MAX + 8], qb[CSV_QUOTE_MAX + 8];
	size_t nkeys = 1, other = lo, k = 0, a = rd->v[lo].row, b;

	for (size_t i = lo + 1; i < hi; i++) {
		if (key_cmp(rd, rd->v[i - 1].row, rd->v[i].row) == 0)
			continue;
		if (nkeys++ == 1)
			other = i;
	}
	b = rd->v[other].row;
	while (k + 1 < rd->nkeys &&
	    strcmp(csv_feed_cell(rd->t, a, rd->keys[k]),
		csv_feed_cell(rd->t, b, rd->keys[k])) == 0)
		k++;
	period_format(&rd->v[lo].period, pt, sizeof(pt));
	column_name(rd->t, rd->keys[k], cname, sizeof(cname));
	text_quote(csv_feed_cell(rd->t, a, rd->keys[k]), qa, sizeof(qa));
	text_quote(csv_feed_cell(rd->t, b, rd->keys[k]), qb, sizeof(qb));
	snprintf(msg, sizeof(msg),
	    "%zu observations for period %s: name more dimensions in series "
	    "(%s is \"%s\" in row %zu, \"%s\" in row %zu)",
	    nkeys, pt, cname, qa, csv_feed_line(rd->t, a), qb,
	    csv_feed_line(rd->t, b));
	reader_say(rd, msg);
}

/* Judges the rows of one period, v[lo..hi); adds its observation. */
static void
reader_period(
    struct csv_feed_reader *rd, size_t lo, size_t hi, struct obs_list *out)
{
	const struct csv_feed_obs *first = &rd->v[lo];
	char qa[CSV_QUOTE_MAX + 8], qb[CSV_QUOTE_MAX + 8];
	bool same = true;

	if (rd->nkeys > 0 &&
	    key_cmp(rd, rd->v[lo].row, rd->v[hi - 1].row) != 0) {
		reader_ambiguous(rd, lo, hi);
		return;
	}
	for (size_t i = lo + 1; i < hi; i++) {
		if (rd->v[i].value == first->value)
			continue;
		text_quote(csv_feed_cell(rd->t, rd->v[i].row, rd->vcol), qa,
		    sizeof(qa));
		text_quote(
		    csv_feed_cell(rd->t, first->row, rd->vcol), qb, sizeof(qb));
		reader_reject(rd, rd->v[i].row, rd->vcol, &rd->v[i].period,
		    "value \"%s\" differs from \"%s\" in row %zu for the same "
		    "period",
		    qa, qb, csv_feed_line(rd->t, first->row));
		same = false;
	}
	if (same && obs_list_add(out, &first->period, first->value) == -1)
		rd->full = true;
}

void
csv_feed_reader_clear(struct csv_feed_reader *rd)
{
	free(rd->v);
	rd->v = NULL;
	rd->n = rd->cap = 0;
}

int
csv_feed_reader_finish(
    struct csv_feed_reader *rd, struct obs_list *out, char *err, size_t errlen)
{
	size_t n0 = out->n, hi;

	if (reader_sort(rd) == -1)
		rd->full = true;
	for (size_t lo = 0; lo < rd->n && !rd->full; lo = hi) {
		for (hi = lo + 1; hi < rd->n &&
		     period_equal(&rd->v[lo].period, &rd->v[hi].period);
		     hi++)
			;
		reader_period(rd, lo, hi, out);
	}
	csv_feed_reader_clear(rd);
	if (rd->rejected > 0 || rd->full) {
		out->n = n0;
		if (rd->rejected > 0)
			snprintf(err, errlen, "%zu of %zu rows rejected",
			    rd->rejected, rd->rows);
		else
			snprintf(err, errlen,
			    "more than the limit of %d observations, or out "
			    "of memory",
			    OBS_LIST_MAX);
		return -1;
	}
	obs_list_sort(out);
	return 0;
}

/* The csv format. */

/* A table parsed with one delimiter, or the reason it could not be. */
struct csv_slot {
	char delim;
	struct csv_feed_table *t;
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
	if (d == '"' || d == '\r' || d == '\n' || is_digit(d) || d == '.' ||
	    d == '-' || d == '+' || ((d | 0x20) >= 'a' && (d | 0x20) <= 'z')) {
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
static const struct csv_feed_table *
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
		csv_feed_table_free(c->slot[--c->n].t);
	s = &c->slot[c->n++];
	s->delim = delim;
	s->t = csv_feed_table_load(
	    doc->buf, doc->len, delim, s->err, sizeof(s->err));
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
column_missing(const struct csv_feed_table *t, const char *what,
    const char *name, char *err, size_t errlen)
{
	char q[CSV_QUOTE_MAX + 8];
	bool utf8 = true;
	int off;

	text_quote(name, q, sizeof(q));
	off = snprintf(err, errlen, "%s: no column is called \"%s\"", what, q);
	for (size_t c = 0; c < t->ncols; c++) {
		const char *h = csv_feed_cell(t, 0, c);

		utf8 = utf8 && utf8_valid((const unsigned char *)h, strlen(h));
	}
	if (!utf8 && off >= 0 && (size_t)off < errlen)
		snprintf(err + off, errlen - off,
		    " (the header is not UTF-8: save the file as CSV UTF-8)");
	else if (off >= 0 && (size_t)off < errlen && t->ncols > 0) {
		text_quote(csv_feed_cell(t, 0, 0), q, sizeof(q));
		snprintf(err + off, errlen - off,
		    " (the header has %zu column%s, the first \"%s\")",
		    t->ncols, t->ncols == 1 ? "" : "s", q);
	}
}

/* Finds the column a selector names, by number or header name. */
static size_t
format_column(const struct csv_feed_table *t, const char *what,
    const char *name, char *err, size_t errlen)
{
	size_t col, dup;
	char *end;
	unsigned long n;

	if (strspn(name, "0123456789") == strlen(name)) {
		n = strtoul(name, &end, 10);
		if (n >= 1 && n <= t->ncols)
			return n - 1;
		snprintf(err, errlen,
		    "%s: column %s is out of range (the header has %zu "
		    "column%s)",
		    what, name, t->ncols, t->ncols == 1 ? "" : "s");
		return CSV_FEED_NOCOL;
	}
	if ((col = csv_feed_column(t, name, 0)) == CSV_FEED_NOCOL) {
		column_missing(t, what, name, err, errlen);
		msg_clean(err);
		return CSV_FEED_NOCOL;
	}
	if ((dup = csv_feed_column(t, name, col + 1)) != CSV_FEED_NOCOL) {
		snprintf(err, errlen,
		    "%s: columns %zu and %zu are both called \"%s\" (name the "
		    "column by number)",
		    what, col + 1, dup + 1, name);
		msg_clean(err);
		return CSV_FEED_NOCOL;
	}
	return col;
}

static int
format_select(const struct feed_doc *doc, const struct feed_selector *sel,
    enum freq freq, struct obs_list *out, feed_reject_cb reject, void *arg,
    char *err, size_t errlen)
{
	struct csv_feed_reader rd = {0};
	const struct csv_feed_table *t;

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
		CSV_FEED_NOCOL ||
	    (rd.vcol = format_column(t, "value", sel->value, err, errlen)) ==
		CSV_FEED_NOCOL)
		return -1;
	if (sel->year != NULL && *sel->year != '\0') {
		rd.ycol = format_column(t, "year", sel->year, err, errlen);
		if (rd.ycol == CSV_FEED_NOCOL)
			return -1;
		rd.has_ycol = true;
	}
	for (size_t r = 1; r < t->nrows; r++)
		if (csv_feed_reader_fits(&rd, r))
			csv_feed_reader_row(&rd, r);
	return csv_feed_reader_finish(&rd, out, err, errlen);
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
	while (i < len && is_blank(buf[i]))
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
		csv_feed_table_free(doc->cache->slot[i].t);
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

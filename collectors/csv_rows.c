/*
 * csv_rows: the rows of a CSV table read as observations (csv_rows.h).
 *
 * Reading is all or nothing, like the JSON format: every row is judged,
 * every bad one reported through the reject callback, and out only
 * changes when nothing was rejected.  A period listed twice with the same
 * value is one observation; with two values the feed contradicts itself
 * and the second row is rejected, naming both (the staging step, with the
 * key columns ordering the rows of one period).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "csv_rows.h"
#include "quote.h"

/*
 * Message buffers nest: a period error goes into the reason a row is
 * rejected, which goes into the message naming the row.
 */
#define CSV_ERR_MAX 256
#define CSV_WHY_MAX 384
#define CSV_MSG_MAX 512
/* Longest cell text or column name quoted in a message. */
#define CSV_QUOTE_MAX 40

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

/* Replaces control characters, so that a message stays one log line
 * (a period error quotes the cell as it is). */
static void
msg_clean(char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = '?';
}

bool
csv_rows_missing(const char *cell)
{
	static const char *const marks[] = {"", "..", "-", "NA", "n/a"};
	size_t len;

	while (csv_table_blank(*cell))
		cell++;
	len = strlen(cell);
	while (len > 0 && csv_table_blank(cell[len - 1]))
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
	for (; i < len && (csv_table_digit(s[i]) || s[i] == sep); i++) {
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
csv_rows_number(
    const char *cell, char thousands, bool comma_decimal, double *out)
{
	char text[64], *comma;
	size_t len, n = 0;

	while (csv_table_blank(*cell))
		cell++;
	len = strlen(cell);
	while (len > 0 && csv_table_blank(cell[len - 1]))
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
column_name(const struct csv_table *t, size_t col, char *buf, size_t len)
{
	if (*csv_table_cell(t, 0, col) == '\0')
		snprintf(buf, len, "%zu", col + 1);
	else
		quote_text(
		    buf, len, csv_table_cell(t, 0, col), CSV_QUOTE_MAX, 0);
}

/* A cell's text for a message, in buf. */
static const char *
cell_quote(
    const struct csv_table *t, size_t row, size_t col, char *buf, size_t len)
{
	return quote_text(
	    buf, len, csv_table_cell(t, row, col), CSV_QUOTE_MAX, 0);
}

/* Passes one finished message to the reject callback. */
static void
reader_say(struct csv_rows *rd, char *msg)
{
	msg_clean(msg);
	rd->rejected++;
	if (rd->reject != NULL)
		rd->reject(rd->arg, msg);
}

static void reader_reject(struct csv_rows *rd, size_t row, size_t col,
    const struct period *p, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Rejects a row as "row R[, column C][ (period P)]: why". */
static void
reader_reject(struct csv_rows *rd, size_t row, size_t col,
    const struct period *p, const char *fmt, ...)
{
	char why[CSV_WHY_MAX], msg[CSV_MSG_MAX], cname[CSV_QUOTE_MAX + 24];
	char ctext[CSV_QUOTE_MAX + 40] = "", ptext[PERIOD_TEXT_MAX + 16] = "";
	char pt[PERIOD_TEXT_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	if (col != CSV_TABLE_NOCOL) {
		column_name(rd->t, col, cname, sizeof(cname));
		snprintf(ctext, sizeof(ctext), ", column %s", cname);
	}
	if (p != NULL) {
		period_format(p, pt, sizeof(pt));
		snprintf(ptext, sizeof(ptext), " (period %s)", pt);
	}
	snprintf(msg, sizeof(msg), "row %zu%s%s: %s",
	    csv_table_line(rd->t, row), ctext, ptext, why);
	reader_say(rd, msg);
}

bool
csv_rows_fits(struct csv_rows *rd, size_t row)
{
	size_t nfields;

	if (!csv_table_overflow(rd->t, row, &nfields))
		return true;
	rd->rows++;
	reader_reject(rd, row, CSV_TABLE_NOCOL, NULL,
	    "%zu fields, the header has %zu (a delimiter inside an unquoted "
	    "value?)",
	    nfields, csv_table_cols(rd->t));
	return false;
}

/*
 * Reads the row's year column into *year, for a period that names no
 * year ("1-11月"); an empty cell leaves it 0, so that only such a period
 * fails.
 */
static int
reader_year(struct csv_rows *rd, size_t row, int *year)
{
	const char *ytext = csv_table_cell(rd->t, row, rd->ycol);
	char perr[CSV_ERR_MAX], q[CSV_QUOTE_MAX + 8];
	struct period y;

	*year = 0;
	if (csv_rows_missing(ytext))
		return 0;
	if (period_parse(ytext, &y, perr, sizeof(perr)) == -1) {
		reader_reject(rd, row, rd->ycol, NULL, "year %s", perr);
		return -1;
	}
	if (y.freq != FREQ_ANNUAL) {
		quote_text(q, sizeof(q), ytext, CSV_QUOTE_MAX, 0);
		reader_reject(
		    rd, row, rd->ycol, NULL, "year \"%s\" is not a year", q);
		return -1;
	}
	*year = y.year;
	return 0;
}

/* The row's mark, from its status column; unstated without one. */
static enum obs_mark
reader_mark(const struct csv_rows *rd, size_t row)
{
	if (!rd->has_scol)
		return OBS_MARK_UNSTATED;
	return obs_mark_of(csv_table_cell(rd->t, row, rd->scol));
}

void
csv_rows_read(struct csv_rows *rd, size_t row)
{
	const char *ptext = csv_table_cell(rd->t, row, rd->pcol);
	const char *vtext = csv_table_cell(rd->t, row, rd->vcol);
	char perr[CSV_ERR_MAX], q[CSV_QUOTE_MAX + 8];
	struct period_context ctx = {.freq = rd->freq, .year = 0};
	struct period p;
	double value;

	rd->rows++;
	if (csv_rows_missing(vtext) ||
	    (rd->nan_missing && ascii_caseeq(vtext, strlen(vtext), "nan")))
		return;
	if (csv_rows_missing(ptext)) {
		reader_reject(rd, row, rd->pcol, NULL, "no period");
		return;
	}
	if (rd->has_ycol && reader_year(rd, row, &ctx.year) == -1)
		return;
	if (period_parse_ctx(ptext, &ctx, &p, perr, sizeof(perr)) == -1) {
		reader_reject(rd, row, rd->pcol, NULL, "period %s", perr);
		return;
	}
	if (feed_freq_check(&p, rd->freq, perr, sizeof(perr)) == -1) {
		reader_reject(rd, row, rd->pcol, NULL, "%s%s", perr,
		    rd->freq_hint != NULL ? rd->freq_hint : "");
		return;
	}
	if (csv_rows_number(vtext, rd->thousands, rd->comma_decimal, &value) ==
	    -1) {
		quote_text(q, sizeof(q), vtext, CSV_QUOTE_MAX, 0);
		reader_reject(
		    rd, row, rd->vcol, &p, "value \"%s\" is not a number", q);
		return;
	}
	staging_add(&rd->st,
	    &(struct staged){{p, value, reader_mark(rd, row)}, .at = row});
}

/* Orders two rows by their key cells. */
static int
key_cmp(const struct csv_rows *rd, size_t a, size_t b)
{
	int c;

	for (size_t k = 0; k < rd->nkeys; k++) {
		c = strcmp(csv_table_cell(rd->t, a, rd->keys[k]),
		    csv_table_cell(rd->t, b, rd->keys[k]));
		if (c != 0)
			return c;
	}
	return 0;
}

/* Orders two observations of one period by series, then file order. */
static int
staged_key_cmp(void *arg, const struct staged *a, const struct staged *b)
{
	return key_cmp(arg, a->at, b->at);
}

/*
 * A period whose rows belong to more than one series makes the selection
 * ambiguous: rejected once, naming the first key column that differs.
 */
static bool
reader_one_series(void *arg, const struct staged *v, size_t n)
{
	struct csv_rows *rd = arg;
	char msg[CSV_MSG_MAX], pt[PERIOD_TEXT_MAX], cname[CSV_QUOTE_MAX + 24];
	char qa[CSV_QUOTE_MAX + 8], qb[CSV_QUOTE_MAX + 8];
	size_t nkeys = 1, other = 0, k = 0, a = v[0].at, b;

	if (rd->nkeys == 0 || key_cmp(rd, v[0].at, v[n - 1].at) == 0)
		return true;
	for (size_t i = 1; i < n; i++) {
		if (key_cmp(rd, v[i - 1].at, v[i].at) == 0)
			continue;
		if (nkeys++ == 1)
			other = i;
	}
	b = v[other].at;
	while (k + 1 < rd->nkeys &&
	    strcmp(csv_table_cell(rd->t, a, rd->keys[k]),
		csv_table_cell(rd->t, b, rd->keys[k])) == 0)
		k++;
	period_format(&v[0].obs.period, pt, sizeof(pt));
	column_name(rd->t, rd->keys[k], cname, sizeof(cname));
	snprintf(msg, sizeof(msg),
	    "%zu observations for period %s: name more dimensions in series "
	    "(%s is \"%s\" in row %zu, \"%s\" in row %zu)",
	    nkeys, pt, cname, cell_quote(rd->t, a, rd->keys[k], qa, sizeof(qa)),
	    csv_table_line(rd->t, a),
	    cell_quote(rd->t, b, rd->keys[k], qb, sizeof(qb)),
	    csv_table_line(rd->t, b));
	reader_say(rd, msg);
	return false;
}

/* Rejects a row whose value for a period differs from an earlier row's. */
static void
reader_conflict(
    void *arg, const struct staged *first, const struct staged *other)
{
	struct csv_rows *rd = arg;
	char qa[CSV_QUOTE_MAX + 8], qb[CSV_QUOTE_MAX + 8];

	reader_reject(rd, other->at, rd->vcol, &other->obs.period,
	    "value \"%s\" differs from \"%s\" in row %zu for the same "
	    "period",
	    cell_quote(rd->t, other->at, rd->vcol, qa, sizeof(qa)),
	    cell_quote(rd->t, first->at, rd->vcol, qb, sizeof(qb)),
	    csv_table_line(rd->t, first->at));
}

void
csv_rows_clear(struct csv_rows *rd)
{
	staging_free(&rd->st);
}

int
csv_rows_finish(
    struct csv_rows *rd, struct obs_list *out, char *err, size_t errlen)
{
	int rc = staging_finish(&rd->st,
	    &(struct staging_judge){.cmp = staged_key_cmp,
		.group = reader_one_series,
		.conflict = reader_conflict,
		.arg = rd,
		.rejected = &rd->rejected,
		.what = "rows",
		.total = rd->rows,
		.toomany = "more than the limit of " STAGING_STR(
		    OBS_LIST_MAX) " observations, or out of memory"},
	    out, err, errlen);

	csv_rows_clear(rd);
	return rc;
}

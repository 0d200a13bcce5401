/*
 * csv_table: a CSV document parsed with libcsv into a table (csv_table.h).
 *
 * libcsv reports fields and record ends but no positions, so the document
 * is fed to it one line at a time (a chunk ends at every CR or LF, or
 * after CSV_CHUNK_MAX bytes): the callbacks then know the line they are
 * on, and a record's first line is the first non-blank line after the
 * previous record ended.  Feeding short chunks also bounds memory: libcsv
 * grows its field buffer until the field ends, so its size is checked
 * after every chunk against CSV_TABLE_FIELD_MAX.  The cells' text is one
 * capped buffer (every cell NUL-terminated, offset 0 the shared empty
 * cell); it cannot outgrow the document plus one NUL per stored field.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "buf.h"
#include "csv_table.h"

/* Longest piece of the document given to libcsv at once. */
#define CSV_CHUNK_MAX 4096
/* libcsv grows its field buffer by this much. */
#define CSV_BLOCK 4096
/* A load error: "line N: why". */
#define CSV_ERR_MAX 256

struct csv_table_row {
	size_t line; /* where the record starts */
	size_t nfields; /* fields the record really had */
	bool overflow; /* non-empty fields past the header's */
};

struct csv_table {
	struct buf text; /* every cell, NUL-terminated; offset 0 is "" */
	size_t *cells; /* nrows * ncols offsets into text */
	size_t cellcap;
	struct csv_table_row *rows;
	size_t nrows, rowcap, ncols;
};

/* The state of one parse, shared with libcsv's callbacks. */
struct csv_loader {
	struct csv_table *t;
	size_t fields[CSV_TABLE_COLS_MAX]; /* the current record's offsets */
	size_t nfields;
	bool overflow;
	size_t line; /* the line being fed */
	size_t start; /* the line where the current record started */
	bool between; /* no record begun since the last one ended */
	char delim;
	bool failed;
	char err[CSV_ERR_MAX];
};

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
text_add(struct csv_table *t, const void *s, size_t len)
{
	size_t off = buf_len(&t->text);

	if (len == 0)
		return 0;
	if (buf_add(&t->text, s, len) == -1 || buf_addc(&t->text, '\0') == -1)
		return 0;
	return off;
}

static void
load_field_cb(void *s, size_t len, void *arg)
{
	struct csv_loader *ld = arg;
	size_t off;

	if (ld->failed)
		return;
	if (len > CSV_TABLE_FIELD_MAX) {
		load_fail(ld, ld->start,
		    "a field of %zu bytes, more than the limit of %d", len,
		    CSV_TABLE_FIELD_MAX);
		return;
	}
	if (len > 0 && memchr(s, '\0', len) != NULL) {
		load_fail(
		    ld, ld->start, "a NUL byte in a field (not a text file?)");
		return;
	}
	if (ld->nfields == CSV_TABLE_COLS_MAX) {
		load_fail(ld, ld->start, "more than the limit of %d columns",
		    CSV_TABLE_COLS_MAX);
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
rows_grow(struct csv_table *t)
{
	if (grow_array(&t->rows, &t->rowcap, t->nrows + 1, sizeof(*t->rows),
		CSV_TABLE_CELLS_MAX) == -1 ||
	    grow_array(&t->cells, &t->cellcap, (t->nrows + 1) * t->ncols,
		sizeof(*t->cells), CSV_TABLE_CELLS_MAX) == -1)
		return -1;
	return 0;
}

static void
load_row_cb(int c, void *arg)
{
	struct csv_loader *ld = arg;
	struct csv_table *t = ld->t;
	size_t n;

	(void)c;
	if (ld->failed || ld->nfields == 0)
		return;
	if (t->nrows == 0)
		t->ncols = ld->nfields;
	if ((t->nrows + 1) * t->ncols > CSV_TABLE_CELLS_MAX) {
		load_fail(ld, ld->start,
		    "more than the limit of %d cells (%zu rows of %zu "
		    "columns)",
		    CSV_TABLE_CELLS_MAX, t->nrows + 1, t->ncols);
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
		if (csv_get_buffer_size(p) > CSV_TABLE_FIELD_MAX + CSV_BLOCK) {
			load_fail(ld, ld->start,
			    "a field longer than the limit of %d bytes",
			    CSV_TABLE_FIELD_MAX);
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

struct csv_table *
csv_table_load(
    const char *buf, size_t len, char delim, char *err, size_t errlen)
{
	struct csv_loader *ld = calloc(1, sizeof(*ld));
	struct csv_table *t = calloc(1, sizeof(*t));

	if (t != NULL)
		buf_init(&t->text,
		    len + CSV_TABLE_CELLS_MAX + CSV_TABLE_COLS_MAX + 1);
	if (ld == NULL || t == NULL || buf_addc(&t->text, '\0') == -1) {
		snprintf(err, errlen, "out of memory");
		csv_table_free(t);
		free(ld);
		return NULL;
	}
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
		csv_table_free(t);
		t = NULL;
	}
	free(ld);
	return t;
}

void
csv_table_free(struct csv_table *t)
{
	if (t == NULL)
		return;
	buf_free(&t->text);
	free(t->cells);
	free(t->rows);
	free(t);
}

size_t
csv_table_rows(const struct csv_table *t)
{
	return t->nrows;
}

size_t
csv_table_cols(const struct csv_table *t)
{
	return t->ncols;
}

const char *
csv_table_cell(const struct csv_table *t, size_t row, size_t col)
{
	return t->text.p + t->cells[row * t->ncols + col];
}

size_t
csv_table_line(const struct csv_table *t, size_t row)
{
	return t->rows[row].line;
}

void
csv_table_cut(struct csv_table *t, size_t col, const char *sep)
{
	char *s, *at;

	for (size_t r = 0; r < t->nrows; r++) {
		s = t->text.p + t->cells[r * t->ncols + col];
		if ((at = strstr(s, sep)) != NULL)
			*at = '\0';
	}
}

bool
csv_table_overflow(const struct csv_table *t, size_t row, size_t *nfields)
{
	*nfields = t->rows[row].nfields;
	return t->rows[row].overflow;
}

size_t
csv_table_column(const struct csv_table *t, const char *name, size_t from)
{
	for (size_t c = from; c < t->ncols; c++)
		if (strcmp(csv_table_cell(t, 0, c), name) == 0)
			return c;
	return CSV_TABLE_NOCOL;
}

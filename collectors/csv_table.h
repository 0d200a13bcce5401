/*
 * csv_table: a CSV document parsed whole into a table of cells, shared by
 * the csv and sdmx-csv formats.  Row 0 is the header; every row has as
 * many cells as the header (a short row is padded with empty cells).
 * Cells are NUL-terminated; a field holding a NUL byte makes the document
 * invalid.  Rows are named in messages by the line of the file where
 * they start.  Pure code over (buf, len).
 */
#ifndef PLANWATCH_CSV_TABLE_H
#define PLANWATCH_CSV_TABLE_H

#include <stdbool.h>
#include <stddef.h>

/* Hard caps on one document: cells (rows x header columns), columns of
 * any row, and bytes of one field. */
#define CSV_TABLE_CELLS_MAX 1000000
#define CSV_TABLE_COLS_MAX 1000
#define CSV_TABLE_FIELD_MAX (64 * 1024)

/* A column index that names no column. */
#define CSV_TABLE_NOCOL ((size_t)-1)

struct csv_table;

/* A blank around a cell: space, tab, CR, LF, VT or FF. */
static inline bool
csv_table_blank(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* An ASCII digit: no locale involved. */
static inline bool
csv_table_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Parses buf with libcsv (RFC 4180 quoting, strict), skipping a UTF-8 BOM
 * and blank lines; NULL with "line N: why" in err.  Free with
 * csv_table_free().
 */
struct csv_table *csv_table_load(
    const char *buf, size_t len, char delim, char *err, size_t errlen);
/* Frees t; NULL is a no-op. */
void csv_table_free(struct csv_table *t);
/* Rows, the header included. */
size_t csv_table_rows(const struct csv_table *t);
/* Columns of the header. */
size_t csv_table_cols(const struct csv_table *t);
/* The text of a cell, "" past the end of a short row; borrowed from t. */
const char *csv_table_cell(const struct csv_table *t, size_t row, size_t col);
/* The line of the file where row starts. */
size_t csv_table_line(const struct csv_table *t, size_t row);
/* True when row had non-empty fields past the header's; *nfields says
 * how many fields it had. */
bool csv_table_overflow(const struct csv_table *t, size_t row, size_t *nfields);
/* Cuts every cell of column col, header included, at the first sep. */
void csv_table_cut(struct csv_table *t, size_t col, const char *sep);
/* The first column from from on whose header is name, or CSV_TABLE_NOCOL. */
size_t csv_table_column(
    const struct csv_table *t, const char *name, size_t from);

#endif

/*
 * csv_feed: the "csv" feed format, and the CSV table and row reading that
 * the sdmx-csv format shares with it.
 *
 * A csv document is a header row and data rows.  The selector names the
 * period and the value columns by header name or by 1-based number ("3";
 * a selector of digits is always a number), the delimiter (default ',')
 * and a thousands separator ('\0' for none):
 *
 *	年份,地区生产总值(亿元),常住人口(万人)
 *	2021,1003.56,81.2
 *	period: 年份   value: 地区生产总值(亿元)
 *
 * A table of cumulative months whose period column names no year
 * ("1-11月") names the column that holds it with year:
 *
 *	年份,月份,社会消费品零售总额(亿元)
 *	2023,1-11月,4126.3
 *	period: 月份   value: 社会消费品零售总额(亿元)   year: 年份
 *
 * Rows are named in messages by the line of the file where they start
 * ("row 7" is line 7; the header is usually row 1), which is the row
 * number a spreadsheet shows when no cell holds a line break.
 *
 * Pure code over (buf, len): no I/O, so it is fuzzable and testable alone.
 */
#ifndef PLANWATCH_CSV_FEED_H
#define PLANWATCH_CSV_FEED_H

#include <stdbool.h>
#include <stddef.h>

#include "feed.h"
#include "obs.h"

/* The format's entry in the table of collectors/feed.c. */
extern const struct feed_format csv_feed_format;

/* Hard caps on one document: cells (rows x header columns), columns of
 * any row, and bytes of one field. */
#define CSV_FEED_CELLS_MAX 1000000
#define CSV_FEED_COLS_MAX 1000
#define CSV_FEED_FIELD_MAX (64 * 1024)

/* A column index that names no column. */
#define CSV_FEED_NOCOL ((size_t)-1)

/*
 * A parsed CSV document: row 0 is the header, every row has as many cells
 * as the header (a short row is padded with empty cells).  Cells are
 * NUL-terminated; a field holding a NUL byte makes the document invalid.
 */
struct csv_feed_table;

/*
 * Parses buf with libcsv (RFC 4180 quoting, strict), skipping a UTF-8 BOM
 * and blank lines; NULL with "line N: why" in err.  Free with
 * csv_feed_table_free().
 */
struct csv_feed_table *csv_feed_table_load(
    const char *buf, size_t len, char delim, char *err, size_t errlen);
/* Frees t; NULL is a no-op. */
void csv_feed_table_free(struct csv_feed_table *t);
/* Rows, the header included. */
size_t csv_feed_table_rows(const struct csv_feed_table *t);
/* Columns of the header. */
size_t csv_feed_table_cols(const struct csv_feed_table *t);
/* The text of a cell, "" past the end of a short row; borrowed from t. */
const char *csv_feed_cell(
    const struct csv_feed_table *t, size_t row, size_t col);
/* The line of the file where row starts. */
size_t csv_feed_line(const struct csv_feed_table *t, size_t row);
/* Cuts every cell of column col, header included, at the first sep. */
void csv_feed_cut(struct csv_feed_table *t, size_t col, const char *sep);
/* The first column from from on whose header is name, or CSV_FEED_NOCOL. */
size_t csv_feed_column(
    const struct csv_feed_table *t, const char *name, size_t from);

/* True when a cell says "not published": empty, "..", "-", "NA", "n/a". */
bool csv_feed_missing(const char *cell);
/*
 * Parses a cell as a finite decimal number, blanks around it allowed.
 * thousands ('\0' for none) may group the integer part in threes
 * ("1,234,567.5"); with comma_decimal a single ',' is read as the decimal
 * mark, like '.'.  Returns -1 on anything else.
 */
int csv_feed_number(
    const char *cell, char thousands, bool comma_decimal, double *out);

/* One observation read from a row, before duplicate periods are judged. */
struct csv_feed_obs {
	struct period period;
	double value;
	size_t row;
};

/*
 * Reads the observations of selected rows of a table.  The caller fills
 * the first block, calls csv_feed_reader_fits() and csv_feed_reader_row()
 * for each row it selects, then csv_feed_reader_finish() once.  Rejected
 * rows are reported as "row R, column C (period P): why".  When keys are
 * given (sdmx-csv), two observations of one period that differ in a key
 * column make the selection ambiguous.
 */
struct csv_feed_reader {
	const struct csv_feed_table *t;
	enum freq freq;
	size_t pcol, vcol; /* period and value columns */
	bool has_ycol; /* ycol is the year of periods that name none */
	size_t ycol;
	char thousands;
	bool comma_decimal;
	bool nan_missing; /* "NaN" is "not published" too */
	const size_t *keys; /* columns that tell series apart */
	size_t nkeys;
	const char *freq_hint; /* appended to a wrong-frequency reject */
	feed_reject_cb reject;
	void *arg;
	/* Filled while reading. */
	struct csv_feed_obs *v;
	size_t n, cap;
	size_t rows; /* rows read, for "R of N rejected" */
	size_t rejected;
	bool full; /* more than OBS_LIST_MAX, or out of memory */
};

/* False, with the row rejected, when row has cells past the header's. */
bool csv_feed_reader_fits(struct csv_feed_reader *rd, size_t row);
/* Reads one row's period and value. */
void csv_feed_reader_row(struct csv_feed_reader *rd, size_t row);
/*
 * Judges duplicate periods and appends the observations to out, sorted;
 * -1 with err and out unchanged when anything was rejected.  Frees what
 * the reader holds, whatever the outcome.
 */
int csv_feed_reader_finish(
    struct csv_feed_reader *rd, struct obs_list *out, char *err, size_t errlen);
/* Frees what the reader holds, for a caller that gives up early. */
void csv_feed_reader_clear(struct csv_feed_reader *rd);

#endif

/*
 * csv_rows: the rows of a CSV table read as observations, shared by the
 * csv and sdmx-csv formats: a cell read as a number or as "not
 * published", and the reader that judges every selected row, stages its
 * observation and ends all or nothing.  Pure code.
 */
#ifndef PLANWATCH_CSV_ROWS_H
#define PLANWATCH_CSV_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "csv_table.h"
#include "feed.h"
#include "obs.h"
#include "staging.h"

/* True when a cell says "not published": empty, "..", "-", "NA", "n/a". */
bool csv_rows_missing(const char *cell);
/*
 * Parses a cell as a finite decimal number, blanks around it allowed.
 * thousands ('\0' for none) may group the integer part in threes
 * ("1,234,567.5"); with comma_decimal a single ',' is read as the decimal
 * mark, like '.'.  Returns -1 on anything else.
 */
int csv_rows_number(
    const char *cell, char thousands, bool comma_decimal, double *out);

/*
 * Reads the observations of selected rows of a table.  The caller fills
 * the first block, calls csv_rows_fits() and csv_rows_read() for each row
 * it selects, then csv_rows_finish() once.  Rejected rows are reported as
 * "row R, column C (period P): why".  When keys are given (sdmx-csv), two
 * observations of one period that differ in a key column make the
 * selection ambiguous.
 */
struct csv_rows {
	const struct csv_table *t;
	enum freq freq;
	size_t pcol, vcol; /* period and value columns */
	bool has_ycol; /* ycol is the year of periods that name none */
	size_t ycol;
	bool has_scol; /* scol holds each value's mark (obs_mark_parse) */
	size_t scol;
	char thousands;
	bool comma_decimal;
	bool nan_missing; /* "NaN" is "not published" too */
	const size_t *keys; /* columns that tell series apart */
	size_t nkeys;
	const char *freq_hint; /* appended to a wrong-frequency reject */
	feed_reject_cb reject;
	void *arg;
	/* Filled while reading. */
	struct staging st; /* at: the row */
	size_t rows; /* rows read, for "R of N rejected" */
	size_t rejected;
};

/* False, with the row rejected, when row has cells past the header's. */
bool csv_rows_fits(struct csv_rows *rd, size_t row);
/* Reads one row's period, value and mark. */
void csv_rows_read(struct csv_rows *rd, size_t row);
/*
 * Judges duplicate periods and appends the observations to out, sorted;
 * -1 with err and out unchanged when anything was rejected.  Frees what
 * the reader holds, whatever the outcome.
 */
int csv_rows_finish(
    struct csv_rows *rd, struct obs_list *out, char *err, size_t errlen);
/* Frees what the reader holds, for a caller that gives up early. */
void csv_rows_clear(struct csv_rows *rd);

#endif

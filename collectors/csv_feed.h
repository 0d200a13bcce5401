/*
 * csv_feed: the "csv" feed format.  The table it reads is csv_table's and
 * the row reader csv_rows', both shared with the sdmx-csv format.
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

#include "feed.h"

/* The format's entry in the table of collectors/feed.c. */
extern const struct feed_format csv_feed_format;

#endif

/*
 * fuzz_csv: libFuzzer entry point for the csv feed format.  Each input is
 * loaded once and read with four fixed selectors (column names and
 * numbers, three delimiters, thousands separators, a year column, four
 * frequencies), as a collector feeding several indicators would, then
 * freed; fuzz_harness.c checks what select() promises.
 */
#include <stddef.h>
#include <stdint.h>

#include "csv_feed.h"
#include "fuzz_harness.h"

static const struct fuzz_case cases[] = {
    {{.period = "1", .value = "2"}, FREQ_ANNUAL},
    {{.period = "year", .value = "value", .delimiter = ';', .thousands = ','},
	FREQ_QUARTERLY},
    {{.period = "年份", .value = "3", .delimiter = '\t', .thousands = ' '},
	FREQ_MONTHLY},
    {{.period = "2", .value = "3", .year = "1"}, FREQ_YTD_MONTHLY},
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_feed(&csv_feed_format, data, size, cases,
	    sizeof(cases) / sizeof(cases[0]));
}

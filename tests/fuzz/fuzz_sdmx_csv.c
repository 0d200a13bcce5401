/*
 * fuzz_sdmx_csv: libFuzzer entry point for the sdmx-csv feed format.  Each
 * input is loaded once and read with three fixed series (one dimension
 * free, a full key, a 2.0 key), then freed; fuzz_harness.c checks what
 * select() promises.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_harness.h"
#include "sdmx_csv.h"

static struct feed_dim one[] = {{"REF_AREA", "CN"}};
static struct feed_dim full[] = {
    {"REF_AREA", "CHN"}, {"FREQ", "A"}, {"UNIT_MEASURE", "XDC"}};
static struct feed_dim v2[] = {{"REF_AREA", "350104"}, {"INDICATOR", "GDP"}};

static const struct fuzz_case cases[] = {
    {{.series = one, .nseries = 1}, FREQ_QUARTERLY},
    {{.series = full, .nseries = 3}, FREQ_ANNUAL},
    {{.series = v2, .nseries = 2}, FREQ_ANNUAL},
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_feed(&sdmx_csv_format, data, size, cases,
	    sizeof(cases) / sizeof(cases[0]));
}

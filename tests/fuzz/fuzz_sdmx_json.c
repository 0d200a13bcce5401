/*
 * fuzz_sdmx_json: the SDMX-JSON format (collectors/sdmx_json.c) under
 * libFuzzer.  Every input is loaded once and read with a few selectors,
 * as the pipeline does for a collector feeding several indicators, then
 * freed; fuzz_harness.c checks what select() promises.  The selectors
 * name codes of the seed corpus (tests/fuzz/corpus/sdmx_json, the test
 * fixtures).
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_harness.h"
#include "sdmx_json.h"

static struct feed_dim gdp[] = {{"REF_AREA", "CN"}, {"INDICATOR", "GDP"}};
static struct feed_dim usd[] = {{"CURRENCY", "USD"}, {"FREQ", "M"}};
static struct feed_dim cn[] = {{"REF_AREA", "CN"}};
static struct feed_dim a[] = {{"A", "x"}};

static const struct fuzz_case cases[] = {
    {{.series = gdp, .nseries = 2}, FREQ_ANNUAL},
    {{.series = usd, .nseries = 2}, FREQ_MONTHLY},
    {{.series = cn, .nseries = 1}, FREQ_QUARTERLY},
    {{.series = a, .nseries = 1}, FREQ_ANNUAL},
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_feed(&sdmx_json_format, data, size, cases,
	    sizeof(cases) / sizeof(cases[0]));
}

/*
 * fuzz_jsonstat: the JSON-stat format (collectors/jsonstat.c) under
 * libFuzzer.  Every input is loaded once and read with a few selectors,
 * as the pipeline does for a collector feeding several indicators, then
 * freed; fuzz_harness.c checks what select() promises.  The selectors
 * name categories of the seed corpus (tests/fuzz/corpus/jsonstat, the
 * test fixtures).
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_harness.h"
#include "jsonstat.h"

static struct feed_dim area[] = {{"area", "AU"}};
static struct feed_dim geo[] = {{"geo", "CN"}};
static struct feed_dim eu[] = {{"unit", "CLV_PCH_SM"}, {"geo", "DE"}};
static struct feed_dim px[] = {{"ContentsCode", "000004VV"}};

static const struct fuzz_case cases[] = {
    {{.series = area, .nseries = 1}, FREQ_ANNUAL},
    {{.series = geo, .nseries = 1}, FREQ_ANNUAL},
    {{.series = eu, .nseries = 2}, FREQ_QUARTERLY},
    {{.series = px, .nseries = 1}, FREQ_MONTHLY},
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_feed(&jsonstat_format, data, size, cases,
	    sizeof(cases) / sizeof(cases[0]));
}

/*
 * fuzz_json: the generic JSON format (collectors/json_feed.c) under
 * libFuzzer: every input is loaded once and read with a few selectors, as
 * the pipeline does for a collector with several indicators;
 * fuzz_harness.c checks what select() promises.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_harness.h"
#include "json_feed.h"

static const struct fuzz_case cases[] = {
    {{.observations = "/data", .period = "/year", .value = "/value"},
	FREQ_ANNUAL},
    {{.observations = "", .period = "/p", .value = "/v"}, FREQ_QUARTERLY},
    {{.observations = "/a/0/b~1c", .period = "/0", .value = "/1"},
	FREQ_MONTHLY},
    {{.observations = "", .period = "/p", .value = "/v", .year = "/y"},
	FREQ_YTD_MONTHLY},
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_feed(&json_feed_format, data, size, cases,
	    sizeof(cases) / sizeof(cases[0]));
}

/*
 * fuzz_nbs: the NBS easyquery format (collectors/nbs.c) under libFuzzer.
 * Every input is loaded once and read with several selectors and every
 * frequency; fuzz_harness.c checks what select() promises.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_harness.h"
#include "nbs.h"

static struct feed_dim gdp[] = {{"zb", "A020101"}};
static struct feed_dim gdp_reg[] = {{"zb", "A020101"}, {"reg", "350000"}};
static struct feed_dim cpi[] = {{"zb", "A01010101"}};
static struct feed_dim quarterly[] = {{"zb", "A010101"}};

static const struct fuzz_case cases[] = {
    {{.series = gdp, .nseries = 1}, FUZZ_EVERY_FREQ},
    {{.series = gdp_reg, .nseries = 2}, FUZZ_EVERY_FREQ},
    {{.series = cpi, .nseries = 1}, FUZZ_EVERY_FREQ},
    {{.series = quarterly, .nseries = 1}, FUZZ_EVERY_FREQ},
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_feed(
	    &nbs_format, data, size, cases, sizeof(cases) / sizeof(cases[0]));
}

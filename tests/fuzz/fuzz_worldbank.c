/*
 * fuzz_worldbank: the World Bank API format (collectors/worldbank.c) under
 * libFuzzer.  Every input is loaded once and read with several selectors
 * and every frequency, as the pipeline does for a collector with several
 * indicators; an input holding a NUL byte is two pages, the second merged
 * into the first.  fuzz_harness.c checks what load and select() promise;
 * this file, what pages() does.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_harness.h"
#include "worldbank.h"

static struct feed_dim cn[] = {{"country", "CN"}};
static struct feed_dim chn_gdp[] = {
    {"country", "chn"}, {"indicator", "NY.GDP.MKTP.CD"}};
static struct feed_dim pop[] = {{"indicator", "SP.POP.TOTL"}};

static const struct fuzz_case cases[] = {
    {{.series = NULL, .nseries = 0}, FUZZ_EVERY_FREQ},
    {{.series = cn, .nseries = 1}, FUZZ_EVERY_FREQ},
    {{.series = chn_gdp, .nseries = 2}, FUZZ_EVERY_FREQ},
    {{.series = pop, .nseries = 1}, FUZZ_EVERY_FREQ},
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct feed_format *f = &worldbank_format;
	const char *buf = (const char *)data, *nul = memchr(buf, '\0', size);
	size_t len = nul ? (size_t)(nul - buf) : size;
	struct feed_doc *doc, *page = NULL;
	int p, pages;
	char err[512];

	if ((doc = fuzz_load(f, buf, len)) == NULL)
		return 0;
	if (worldbank_pages(doc, &p, &pages) != 0 || p < 0 || pages < 0 ||
	    pages > WORLDBANK_PAGES_MAX)
		abort();
	if (nul != NULL)
		page = fuzz_load(f, nul + 1, size - len - 1);
	if (page != NULL)
		worldbank_merge(doc, page, err, sizeof(err));
	f->free(page);
	fuzz_select(f, doc, cases, sizeof(cases) / sizeof(cases[0]));
	f->free(doc);
	return 0;
}

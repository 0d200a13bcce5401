/*
 * fuzz_worldbank: the World Bank API format (collectors/worldbank.c) under
 * libFuzzer.  Every input is loaded once and read with several selectors
 * and every frequency, as the pipeline does for a collector with several
 * indicators; an input holding a NUL byte is two pages, the second merged
 * into the first.  Beyond the sanitizers it checks the format's promises:
 * on success the list is sorted, of the asked frequency, finite and free
 * of duplicates; on failure it is unchanged and err says why.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "worldbank.h"

static struct feed_dim cn[] = {{"country", "CN"}};
static struct feed_dim chn_gdp[] = {
    {"country", "chn"}, {"indicator", "NY.GDP.MKTP.CD"}};
static struct feed_dim pop[] = {{"indicator", "SP.POP.TOTL"}};

static const struct feed_selector selectors[] = {
    {.series = NULL, .nseries = 0},
    {.series = cn, .nseries = 1},
    {.series = chn_gdp, .nseries = 2},
    {.series = pop, .nseries = 1},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
reject_cb(void *arg, const char *msg)
{
	size_t *n = arg;

	if (msg == NULL || *msg == '\0')
		abort();
	(*n)++;
}

/* Selects with every selector and frequency and checks the outcome. */
static void
select_all(const struct feed_doc *doc)
{
	struct period seed = {FREQ_ANNUAL, 1000, 0};
	char err[512];

	for (size_t i = 0; i < sizeof(selectors) / sizeof(selectors[0]); i++) {
		for (int f = 0; f < FREQ_COUNT; f++) {
			struct obs_list out = {0};
			size_t rejects = 0;
			int rc;

			err[0] = '\0';
			if (obs_list_add(&out, &seed, 1) == -1)
				abort();
			rc = worldbank_format.select(doc, &selectors[i],
			    (enum freq)f, &out, reject_cb, &rejects, err,
			    sizeof(err));
			if (rc == -1 && (out.n != 1 || err[0] == '\0'))
				abort();
			if (rc == 0 && rejects != 0)
				abort();
			for (size_t k = 1; rc == 0 && k < out.n; k++) {
				if (k > 1 && (int)out.v[k].period.freq != f)
					abort();
				if (!isfinite(out.v[k].value) ||
				    period_cmp(&out.v[k - 1].period,
					&out.v[k].period) >= 0)
					abort();
			}
			obs_list_clear(&out);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data, *nul = memchr(buf, '\0', size);
	size_t len = nul ? (size_t)(nul - buf) : size;
	struct feed_doc *doc, *page = NULL;
	int p, pages;
	char err[512];

	doc = worldbank_format.load(buf, len, err, sizeof(err));
	if (doc == NULL)
		return 0;
	if (worldbank_pages(doc, &p, &pages) != 0 || p < 0 || pages < 0 ||
	    pages > WORLDBANK_PAGES_MAX)
		abort();
	if (nul != NULL)
		page = worldbank_format.load(
		    nul + 1, size - len - 1, err, sizeof(err));
	if (page != NULL)
		worldbank_merge(doc, page, err, sizeof(err));
	worldbank_format.free(page);
	select_all(doc);
	worldbank_format.free(doc);
	return 0;
}

/*
 * fuzz_nbs: the NBS easyquery format (collectors/nbs.c) under libFuzzer.
 * Every input is loaded once and read with several selectors and every
 * frequency.  Beyond the sanitizers it checks the format's promises: on
 * success the list is sorted, of the asked frequency, finite and free of
 * duplicates; on failure it is unchanged and err says why.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "nbs.h"

static struct feed_dim gdp[] = {{"zb", "A020101"}};
static struct feed_dim gdp_reg[] = {{"zb", "A020101"}, {"reg", "350000"}};
static struct feed_dim cpi[] = {{"zb", "A01010101"}};
static struct feed_dim quarterly[] = {{"zb", "A010101"}};

static const struct feed_selector selectors[] = {
    {.series = gdp, .nseries = 1},
    {.series = gdp_reg, .nseries = 2},
    {.series = cpi, .nseries = 1},
    {.series = quarterly, .nseries = 1},
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct period seed = {FREQ_ANNUAL, 1000, 0};
	struct feed_doc *doc;
	char err[512];

	doc = nbs_format.load((const char *)data, size, err, sizeof(err));
	if (doc == NULL)
		return 0;
	for (size_t i = 0; i < sizeof(selectors) / sizeof(selectors[0]); i++) {
		for (int f = 0; f < FREQ_COUNT; f++) {
			struct obs_list out = {0};
			size_t rejects = 0;
			int rc;

			err[0] = '\0';
			if (obs_list_add(&out, &seed, 1) == -1)
				abort();
			rc = nbs_format.select(doc, &selectors[i], (enum freq)f,
			    &out, reject_cb, &rejects, err, sizeof(err));
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
	nbs_format.free(doc);
	return 0;
}

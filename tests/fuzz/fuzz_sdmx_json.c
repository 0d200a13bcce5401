/*
 * fuzz_sdmx_json: the SDMX-JSON format (collectors/sdmx_json.c) under
 * libFuzzer.  Every input is loaded once and read with a few selectors,
 * as the pipeline does for a collector feeding several indicators, then
 * freed.  Beyond the sanitizers it checks the format's promises: on
 * success the list is sorted, of the asked frequency, finite and free of
 * duplicate periods; on failure it is unchanged and err says why; every
 * reject message is a non-empty string.  The selectors name codes of the
 * seed corpus (tests/fuzz/corpus/sdmx_json, the test fixtures).
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sdmx_json.h"

static struct feed_dim gdp[] = {{"REF_AREA", "CN"}, {"INDICATOR", "GDP"}};
static struct feed_dim usd[] = {{"CURRENCY", "USD"}, {"FREQ", "M"}};
static struct feed_dim cn[] = {{"REF_AREA", "CN"}};
static struct feed_dim a[] = {{"A", "x"}};

static const struct {
	struct feed_selector sel;
	enum freq freq;
} cases[] = {
    {{.series = gdp, .nseries = 2}, FREQ_ANNUAL},
    {{.series = usd, .nseries = 2}, FREQ_MONTHLY},
    {{.series = cn, .nseries = 1}, FREQ_QUARTERLY},
    {{.series = a, .nseries = 1}, FREQ_ANNUAL},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
reject_cb(void *arg, const char *msg)
{
	size_t *n = arg;

	if (msg == NULL || *msg == '\0')
		abort();
	*n += strlen(msg);
}

/* Aborts unless out holds what select() promises. */
static void
check(const struct obs_list *out, int rc, enum freq freq, const char *err)
{
	if (rc != 0) {
		if (rc != -1 || out->n != 0 || err[0] == '\0')
			abort();
		return;
	}
	for (size_t i = 0; i < out->n; i++) {
		if (!isfinite(out->v[i].value) || out->v[i].period.freq != freq)
			abort();
		if (i > 0 &&
		    period_cmp(&out->v[i - 1].period, &out->v[i].period) >= 0)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct feed_format *f = &sdmx_json_format;
	struct feed_doc *doc;
	char err[512];
	size_t n = 0;
	int rc;

	err[0] = '\0';
	if ((doc = f->load((const char *)data, size, err, sizeof(err))) ==
	    NULL) {
		if (err[0] == '\0')
			abort();
		return 0;
	}
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct obs_list out = {0};

		err[0] = '\0';
		rc = f->select(doc, &cases[i].sel, cases[i].freq, &out,
		    reject_cb, &n, err, sizeof(err));
		check(&out, rc, cases[i].freq, err);
		obs_list_clear(&out);
	}
	f->free(doc);
	return 0;
}

/*
 * fuzz_csv: libFuzzer entry point for the csv feed format.  Each input is
 * loaded once and read with three fixed selectors (column names and
 * numbers, three delimiters, thousands separators, three frequencies), as
 * a collector feeding several indicators would, then freed.  Besides the
 * sanitizers, the contract of select() is checked: on 0 the observations
 * are sorted with no period twice and every value is finite; on -1 the
 * list is left as it was.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv_feed.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Touches every byte of a message, so a bad one is caught here. */
static void
fuzz_reject_cb(void *arg, const char *msg)
{
	size_t *total = arg;

	*total += strlen(msg);
}

/* Aborts unless out holds what select() promises. */
static void
fuzz_check(const struct obs_list *out, int rc)
{
	if (rc != 0) {
		if (out->n != 0)
			abort();
		return;
	}
	for (size_t i = 0; i < out->n; i++) {
		if (!isfinite(out->v[i].value))
			abort();
		if (i > 0 &&
		    period_cmp(&out->v[i - 1].period, &out->v[i].period) >= 0)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct feed_selector sels[] = {
	    {.period = "1", .value = "2"},
	    {.period = "year",
		.value = "value",
		.delimiter = ';',
		.thousands = ','},
	    {.period = "年份",
		.value = "3",
		.delimiter = '\t',
		.thousands = ' '},
	    {.period = "2", .value = "3", .year = "1"},
	};
	static const enum freq freqs[] = {
	    FREQ_ANNUAL, FREQ_QUARTERLY, FREQ_MONTHLY, FREQ_YTD_MONTHLY};
	struct feed_doc *doc;
	char err[512];
	size_t total = 0;

	doc = csv_feed_format.load((const char *)data, size, err, sizeof(err));
	if (doc == NULL)
		return 0;
	for (size_t i = 0; i < sizeof(sels) / sizeof(sels[0]); i++) {
		struct obs_list out = {0};
		int rc;

		rc = csv_feed_format.select(doc, &sels[i], freqs[i], &out,
		    fuzz_reject_cb, &total, err, sizeof(err));
		fuzz_check(&out, rc);
		if (rc != 0 && strlen(err) == 0)
			abort();
		obs_list_clear(&out);
	}
	csv_feed_format.free(doc);
	return 0;
}

/*
 * fuzz_json: the generic JSON format (collectors/json_feed.c) under
 * libFuzzer: every input is loaded once and read with a few selectors, as
 * the pipeline does for a collector with several indicators.
 */
#include <stddef.h>
#include <stdint.h>

#include "json_feed.h"

static const struct feed_selector selectors[] = {
    {.observations = "/data", .period = "/year", .value = "/value"},
    {.observations = "", .period = "/p", .value = "/v"},
    {.observations = "/a/0/b~1c", .period = "/0", .value = "/1"},
    {.observations = "", .period = "/p", .value = "/v", .year = "/y"},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];
	struct feed_doc *doc;

	doc = json_feed_format.load((const char *)data, size, err, sizeof(err));
	if (doc == NULL)
		return 0;
	for (size_t i = 0; i < sizeof(selectors) / sizeof(selectors[0]); i++) {
		struct obs_list out = {0};

		json_feed_format.select(doc, &selectors[i],
		    i == 3 ? FREQ_YTD_MONTHLY : (enum freq)(i % 3), &out, NULL,
		    NULL, err, sizeof(err));
		obs_list_clear(&out);
	}
	json_feed_format.free(doc);
	return 0;
}

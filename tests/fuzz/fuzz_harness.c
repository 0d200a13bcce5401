/*
 * fuzz_harness: the loading, selecting and checking every feed format's
 * libFuzzer harness does (see fuzz_harness.h).  A check that fails calls
 * abort(), which libFuzzer reports as a crash with the input kept.
 */
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_harness.h"

/* What every select starts from, and must leave alone on -1. */
static const struct period seed = {FREQ_ANNUAL, 1000, 0};
#define SEED_VALUE 1.0

/* Counts rejects; strlen touches every byte of a message. */
static void
reject_cb(void *arg, const char *msg)
{
	size_t *n = arg;

	if (msg == NULL || strlen(msg) == 0)
		abort();
	(*n)++;
}

/* Whether out holds the seed and nothing else, as it was. */
static bool
untouched(const struct obs_list *out)
{
	return out->n == 1 && period_equal(&out->v[0].period, &seed) &&
	    out->v[0].value == SEED_VALUE;
}

/* Aborts unless out, rc, err and the rejects are what select() promises. */
static void
check(const struct obs_list *out, int rc, enum freq freq, const char *err,
    size_t rejects)
{
	if (rc != 0) {
		if (rc != -1 || err[0] == '\0' || !untouched(out))
			abort();
		return;
	}
	if (rejects != 0 || obs_list_find(out, &seed) < 0)
		abort();
	for (size_t i = 0; i < out->n; i++) {
		const struct obs *o = &out->v[i];

		if (!isfinite(o->value))
			abort();
		/* the seed is annual, and sorts among what was added */
		if (o->period.freq != freq && !period_equal(&o->period, &seed))
			abort();
		if (i > 0 && period_cmp(&out->v[i - 1].period, &o->period) >= 0)
			abort();
	}
}

/* One select of doc with sel and freq into a seeded list, checked. */
static void
select_one(const struct feed_format *f, const struct feed_doc *doc,
    const struct feed_selector *sel, enum freq freq)
{
	struct obs_list out = {0};
	size_t rejects = 0;
	char err[512];
	int rc;

	if (obs_list_add(&out, &seed, SEED_VALUE) == -1)
		abort();
	err[0] = '\0';
	rc = f->select(
	    doc, sel, freq, &out, reject_cb, &rejects, err, sizeof(err));
	check(&out, rc, freq, err, rejects);
	obs_list_clear(&out);
}

struct feed_doc *
fuzz_load(const struct feed_format *f, const char *buf, size_t len)
{
	struct feed_doc *doc;
	char err[512];

	err[0] = '\0';
	if ((doc = f->load(buf, len, err, sizeof(err))) == NULL &&
	    err[0] == '\0')
		abort();
	return doc;
}

void
fuzz_select(const struct feed_format *f, const struct feed_doc *doc,
    const struct fuzz_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (cases[i].freq != FUZZ_EVERY_FREQ) {
			select_one(f, doc, &cases[i].sel, cases[i].freq);
			continue;
		}
		for (int k = 0; k < FREQ_COUNT; k++)
			select_one(f, doc, &cases[i].sel, (enum freq)k);
	}
}

int
fuzz_feed(const struct feed_format *f, const uint8_t *data, size_t size,
    const struct fuzz_case *cases, size_t n)
{
	struct feed_doc *doc = fuzz_load(f, (const char *)data, size);

	if (doc == NULL)
		return 0;
	fuzz_select(f, doc, cases, n);
	f->free(doc);
	return 0;
}

/*
 * fuzz_harness: what the feed formats' libFuzzer harnesses share.  An
 * input is loaded once and read with each of a few selectors, as the
 * pipeline does for a collector feeding several indicators, then freed.
 * Beyond the sanitizers, the promises of collectors/feed.h are checked,
 * and a broken one aborts (a finding): a load that fails says why; every
 * reject message is a non-empty string; select() appends to a list that
 * already holds an observation; on 0 nothing was rejected, the list is
 * sorted with no period twice, every value is finite and every period
 * added is of the asked frequency; on -1 err says why and the list is as
 * it was.  Each fuzz_<format>.c keeps its selectors and what feeds its
 * parser; CMakeLists.txt links this file into each of them.
 */
#ifndef PLANWATCH_FUZZ_HARNESS_H
#define PLANWATCH_FUZZ_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#include "feed.h"

/* A case read with every frequency, one after the other. */
#define FUZZ_EVERY_FREQ FREQ_COUNT

/* One select of a loaded input: a selector, the indicator's frequency. */
struct fuzz_case {
	struct feed_selector sel;
	enum freq freq; /* or FUZZ_EVERY_FREQ */
};

/* libFuzzer's entry point, defined by each fuzz_<format>.c. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* f->load, which must say why when it fails; the document or NULL. */
struct feed_doc *fuzz_load(
    const struct feed_format *f, const char *buf, size_t len);
/* Reads doc with each of the n cases, checking every outcome. */
void fuzz_select(const struct feed_format *f, const struct feed_doc *doc,
    const struct fuzz_case *cases, size_t n);
/* fuzz_load, fuzz_select and f->free: a whole input; 0, for libFuzzer. */
int fuzz_feed(const struct feed_format *f, const uint8_t *data, size_t size,
    const struct fuzz_case *cases, size_t n);

#endif
